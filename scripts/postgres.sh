# A throwaway PostgreSQL cluster for the tests, from Debian's packages: made with initdb in a
# temporary folder (as the `postgres` user, since initdb refuses root), listening only on a
# Unix socket in that folder, and removed by stop_test_postgres. Sourced by test.sh and the
# benches; start_test_postgres exports LANGSO_TEST_POSTGRES, the connection string. Tests run
# it without fsync (nothing outlives them); `start_test_postgres durable` keeps PostgreSQL's
# default durability, for the benches.

start_test_postgres() {
  local fsync=off
  [ "${1:-}" = durable ] && fsync=on
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed (initdb not found)" >&2; return 1; }
  PG_DIR=$(mktemp -d /tmp/langso-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  local run=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$PG_DIR"
    run=(runuser -u postgres --)
  fi
  PG_RUN=("${run[@]}")
  PG_BIN=$bin
  "${run[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --no-locale >"$PG_DIR/initdb.log" 2>&1 ||
    { cat "$PG_DIR/initdb.log" >&2; return 1; }
  "${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start \
    -o "-c listen_addresses='' -k $PG_DIR -c fsync=$fsync -c max_connections=400" >/dev/null ||
    { cat "$PG_DIR/server.log" >&2; return 1; }
  export LANGSO_TEST_POSTGRES="host=$PG_DIR user=postgres"
}

stop_test_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  unset PG_DIR LANGSO_TEST_POSTGRES
}
