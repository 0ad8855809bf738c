#!/usr/bin/env bash
# Runs every test of Làng Số: locales, UI, Rust (unit, store, cross-crate) and the real app
# window end to end. Installs whatever is missing first; safe to run again.
source "$(dirname "$0")/setup.sh"
source "$(dirname "$0")/postgres.sh"

ensure_apt "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
ensure_toolchain
ensure_tauri_driver
build_ui

say "UI: type check"
(cd "$ROOT/ui" && npm run check)
say "UI: unit tests"
ui_report=$(mktemp)
(cd "$ROOT/ui" && npm test -- --reporter=default --reporter=json --outputFile="$ui_report")
say "UI: screens at phone size in Chromium (mocked backend)"
screens_report=$(mktemp)
(cd "$ROOT/ui" && PLAYWRIGHT_JSON="$screens_report" npx playwright test)
say "Web: the marketplace pages in Chromium against the real server, phone and desktop widths"
(cd "$ROOT" && retry 2 cargo build -p langso-server)
web_report=$(mktemp)
(cd "$ROOT/ui" && LANGSO_SERVER_BIN="$CARGO_TARGET_DIR/debug/langso-server" PLAYWRIGHT_JSON="$web_report" \
  npx playwright test -c playwright.web.config.ts)

cd "$ROOT"
say "Rust: format and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings

build_app
say "PostgreSQL: a throwaway cluster for the server's tests"
start_test_postgres
trap stop_test_postgres EXIT
say "Rust: every test, the real app window included (servers on SQLite)"
rust_log=$(mktemp)
set +e
LANGSO_APP_BIN="$APP_BIN" cargo test --workspace 2>&1 | tee "$rust_log"
rust_status=${PIPESTATUS[0]}
say "Rust: every server test again, the servers on PostgreSQL"
for target in "-p langso-server" "-p langso-tests --test sync_convergence --test sync_faults"; do
  # shellcheck disable=SC2086 # the target is a list of arguments
  LANGSO_TEST_ENGINE=postgres cargo test $target 2>&1 | tee -a "$rust_log"
  status=${PIPESTATUS[0]}
  [ "$status" -eq 0 ] || rust_status=$status
done
set -e

# One closing line for the whole run: UI, screens, web pages and Rust tests together.
read -r ui_passed ui_failed < <(node -e \
  'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(r.numPassedTests, r.numFailedTests)' "$ui_report")
read -r screens_passed screens_failed < <(node -e \
  'const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).stats; console.log(s.expected, s.unexpected + s.flaky)' "$screens_report")
read -r web_passed web_failed < <(node -e \
  'const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).stats; console.log(s.expected, s.unexpected + s.flaky)' "$web_report")
read -r rust_passed rust_failed < <(awk '/^test result:/ { p += $4; f += $6 } END { print p + 0, f + 0 }' "$rust_log")
rm -f "$ui_report" "$screens_report" "$web_report" "$rust_log"
echo
echo "total: $((ui_passed + screens_passed + web_passed + rust_passed)) passed, $((ui_failed + screens_failed + web_failed + rust_failed)) failed"
exit "$rust_status"
