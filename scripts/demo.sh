#!/usr/bin/env bash
# The demo: a central server with a demo commune on this machine, its public marketplace in
# the browser, the commune office's pages (/office, with a one-time code printed here), and
# the Làng Số app enrolled with it (as a volunteer, who sees the whole commune;
# LANGSO_DEMO_ROLE=farmer or official enrolls a farmer's or an official's device instead, with
# its own data; an official's has the Dashboard tab). With no display the app says so and
# prints what its store holds, and the server keeps running for the `langso` CLI, the
# marketplace and the office. Safe to run again.
source "$(dirname "$0")/setup.sh"

ensure_apt "${APP_PACKAGES[@]}"
ensure_toolchain
build_ui
build_app
say "server and langso CLI: cargo build"
(cd "$ROOT" && retry 2 cargo build -p langso-server -p langso-cli)

DEMO_HOME=${LANGSO_DEMO_HOME:-$HOME/.local/share/langso-demo}
PORT=${LANGSO_DEMO_PORT:-8080}
mkdir -p "$DEMO_HOME"
SERVER_BIN="$CARGO_TARGET_DIR/debug/langso-server"
"$SERVER_BIN" --data "$DEMO_HOME/server" demo --pack "$ROOT/assets/lessons" --codes "$DEMO_HOME/codes"
ROLE=${LANGSO_DEMO_ROLE:-volunteer}
CODE=$(sed -n "s/^$ROLE=//p" "$DEMO_HOME/codes")
[ -n "$CODE" ] || { echo "no demo join code for the role \"$ROLE\" (volunteer, farmer, villager, official)" >&2; exit 1; }

say "starting the server on 127.0.0.1:$PORT"
"$SERVER_BIN" --data "$DEMO_HOME/server" serve --listen "127.0.0.1:$PORT" &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null' EXIT
for _ in $(seq 50); do
  curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "the server did not start (is port $PORT free? set LANGSO_DEMO_PORT)" >&2; exit 1; }
  sleep 0.2
done

say "the marketplace: http://127.0.0.1:$PORT/"
# The commune office's pages take a one-time code: an official's app shows one (Dashboard tab);
# this one is the province's account, which sees every commune of Hà Giang.
OFFICE_CODE=$("$SERVER_BIN" --data "$DEMO_HOME/server" office-code --province "Hà Giang" --minutes 1440)
say "the commune office: http://127.0.0.1:$PORT/office ($OFFICE_CODE)"
say "starting Làng Số as a $ROLE's device"
APP_DATA="$DEMO_HOME/app"
[ "$ROLE" = volunteer ] || APP_DATA="$DEMO_HOME/app-$ROLE"
export LANGSO_DATA_DIR="$APP_DATA" LANGSO_SERVER="http://127.0.0.1:$PORT" LANGSO_JOIN_CODE="$CODE"
"$APP_BIN"
# Without a window the server is what the demo has left to show: keep it serving.
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  wait "$SERVER_PID"
fi
