# Sourced by demo.sh and test.sh: installs what is missing, safely on every run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Outside the clone, so that a fresh clone (CI) still builds warm.
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/langso/target}
export PATH="$HOME/.cargo/bin:$PATH"

# The app's build and runtime libraries.
# GStreamer's base and good plugins play the lessons' Ogg/Opus narration in the window.
APP_PACKAGES=(build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libsoup-3.0-dev
  libayatana-appindicator3-dev librsvg2-dev curl gstreamer1.0-plugins-base gstreamer1.0-plugins-good)
# What the tests add: a virtual display, the WebKit WebDriver, a browser and its driver, screenshots,
# and Debian's PostgreSQL, for a throwaway cluster the server's tests also run against.
TEST_PACKAGES=(xvfb webkit2gtk-driver chromium chromium-driver imagemagick postgresql)

say() { printf '\n== %s\n' "$*"; }

# retry N CMD...: runs CMD up to N times, waiting longer after each failure.
retry() {
  local tries=$1 n=1
  shift
  until "$@"; do
    if ((n >= tries)); then
      echo "failed after $tries tries: $*" >&2
      return 1
    fi
    echo "retrying in $((n * 5))s: $*" >&2
    sleep $((n * 5))
    n=$((n + 1))
  done
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_apt() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]}"
  retry 5 as_root apt-get update -q
  retry 5 as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

ensure_toolchain() {
  command -v cargo >/dev/null || { echo "cargo is missing: install Rust (rustup) first" >&2; exit 1; }
  command -v node >/dev/null && command -v npm >/dev/null || ensure_apt nodejs npm
  local node_major
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$node_major" -lt 20 ]; then
    echo "Node.js $(node --version) is too old for the UI build (Vite needs 20.19 or newer)" >&2
    exit 1
  fi
}

ensure_tauri_driver() {
  command -v tauri-driver >/dev/null && return 0
  say "installing tauri-driver"
  retry 3 cargo install tauri-driver --version '^2' --locked
}

# Installs the UI's locked npm dependencies and builds ui/dist, which the app embeds.
build_ui() {
  say "UI: npm ci"
  (cd "$ROOT/ui" && retry 5 npm ci --no-audit --no-fund)
  say "UI: build"
  (cd "$ROOT/ui" && npm run build)
}

APP_BIN="$CARGO_TARGET_DIR/debug/langso-app"

build_app() {
  say "app: cargo build"
  (cd "$ROOT" && retry 2 cargo build -p langso-app)
}
