#!/usr/bin/env bash
# The hostile tests, run long: the kill test (server and client killed mid-sync), the
# cutting-link and convergence tests (seeded rounds), and the fuzz test (random and mutated
# requests to the codec and to every route), each with many more rounds than the usual test
# command, in the debug build the tests already use. Prints a summary; exits with failure if
# any test failed. A failing round's seed is in its log, to run it again alone.
#
#   ./scripts/long.sh                             # about 10 minutes on 2 cores
#   LANGSO_FAULT_SEED=123 ./scripts/long.sh       # replays one printed seed (also _KILL_,
#                                                 # _CONVERGENCE_ and _FUZZ_SEED)
#   LANGSO_FUZZ_CASES=1000000 ./scripts/long.sh   # any count can be raised
#   LANGSO_TEST_ENGINE=postgres ./scripts/long.sh # the servers on a throwaway PostgreSQL
source "$(dirname "$0")/setup.sh"
source "$(dirname "$0")/postgres.sh"

export LANGSO_KILL_ROUNDS=${LANGSO_KILL_ROUNDS:-300}
export LANGSO_FAULT_ROUNDS=${LANGSO_FAULT_ROUNDS:-100}
export LANGSO_CONVERGENCE_ROUNDS=${LANGSO_CONVERGENCE_ROUNDS:-100}
export LANGSO_FUZZ_CASES=${LANGSO_FUZZ_CASES:-100000}
engine=${LANGSO_TEST_ENGINE:-sqlite}

ensure_apt "${APP_PACKAGES[@]}"
ensure_toolchain
cd "$ROOT"
if [ "$engine" = postgres ]; then
  ensure_apt postgresql
  say "PostgreSQL: a throwaway cluster for the servers"
  start_test_postgres
  trap stop_test_postgres EXIT
fi
say "Building the tests (debug)"
cargo test -p langso-server -p langso-tests --no-run

logs=$(mktemp -d /tmp/langso-long.XXXXXX)
summary=()
failed=0
started=$SECONDS

# run NAME WHAT CARGO-TEST-ARGUMENTS...: runs one test binary (its tests print as they go),
# its output also in $logs/NAME.log.
run() {
  local name=$1 what=$2
  shift 2
  say "$name: $what"
  local begun=$SECONDS status
  set +e
  RUST_TEST_NOCAPTURE=1 cargo test "$@" 2>&1 | tee "$logs/$name.log"
  status=${PIPESTATUS[0]}
  set -e
  local verdict=passed
  if [ "$status" -ne 0 ]; then
    verdict=FAILED
    failed=$((failed + 1))
  fi
  # The tests' own time, without building or waiting for the build directory's lock.
  local tested
  tested=$(awk '/^test result:/ { t += $NF + 0 } END { printf "%.0f", t }' "$logs/$name.log")
  summary+=("$(printf '%-12s %-36s %-7s %5d s (tests %d s)' "$name" "$what" "$verdict" $((SECONDS - begun)) "$tested")")
}

# rounds COUNT SEED: what a test runs: COUNT rounds, or the one round a seed replays.
rounds() { if [ -n "$2" ]; then echo "the round of seed $2"; else echo "$1 rounds"; fi; }

run kill "$LANGSO_KILL_ROUNDS rounds" -p langso-server --test kill
run faults "$(rounds "$LANGSO_FAULT_ROUNDS" "${LANGSO_FAULT_SEED:-}") of each cutting test" \
  -p langso-tests --test sync_faults -- --skip 2g
run convergence "$(rounds "$LANGSO_CONVERGENCE_ROUNDS" "${LANGSO_CONVERGENCE_SEED:-}")" \
  -p langso-tests --test sync_convergence
run fuzz "$LANGSO_FUZZ_CASES cases of each part" -p langso-server --test fuzz

say "Summary (debug build, servers on $engine; logs in $logs)"
printf '%s\n' "${summary[@]}"
echo
grep -h -E '^[0-9]+ rounds; kill moments|client kills' "$logs/kill.log" || true
{ grep -h -o -E '^[a-z ]+ round [0-9]+/[0-9]+' "$logs/faults.log" "$logs/convergence.log" || true; } |
  awk '{ sub(/ round .*/, ""); n[$0]++ } END { for (t in n) print t ": " n[t] " seeded rounds run" }'
grep -h -E 'rounds failed, with the seeds' "$logs"/*.log | cut -c1-400 || true
awk '/connections cut$/ { rounds++; cut += $(NF - 2) }
  END { if (rounds) print "cutting link: " cut " connections cut over " rounds " rounds" }' "$logs/faults.log"
grep -h -E '^(codec|routes): |^  [^ ]' "$logs/fuzz.log" || true
# Why each failing test failed (a failing round's message names its seed).
for log in "$logs"/*.log; do
  grep -q -E '^test .* FAILED$' "$log" || continue
  echo "$(basename "$log" .log) failed:"
  { grep -A1 -E "^thread '.*panicked at" "$log" || true; } | { grep -v -E "^thread|^--" || true; } |
    cut -c1-400 | sed 's/^/  /'
done
echo "wall time: $((SECONDS - started)) s; $failed of 4 test binaries failed"
exit $((failed > 0))
