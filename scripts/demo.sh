#!/usr/bin/env bash
# The demo: builds and opens the Làng Số app on a local store filled from the bundled lesson
# pack. With no display it says so and prints what the store holds. Safe to run again.
source "$(dirname "$0")/setup.sh"

ensure_apt "${APP_PACKAGES[@]}"
ensure_toolchain
build_ui
build_app

say "starting Làng Số"
exec "$APP_BIN"
