#!/usr/bin/env bash
# Runs the benchmarks and prints their figures: the sync wire (bytes per change), the server's
# push throughput and its load under many devices, each on SQLite and on a throwaway
# PostgreSQL cluster with its default durability. Figures are printed, never asserted.
source "$(dirname "$0")/setup.sh"
source "$(dirname "$0")/postgres.sh"

ensure_apt "${APP_PACKAGES[@]}" postgresql
ensure_toolchain
cd "$ROOT"
say "PostgreSQL: a throwaway cluster, fsync on"
start_test_postgres durable
trap stop_test_postgres EXIT
say "Sync wire: bytes per change"
cargo bench -p langso-tests --bench sync
say "Server: pushed changes per second"
cargo bench -p langso-server --bench apply
say "Server: the office's province table and a commune's dashboard"
cargo bench -p langso-server --bench office
say "Server: syncs per second, latency and CPU per sync"
cargo bench -p langso-server --bench load
