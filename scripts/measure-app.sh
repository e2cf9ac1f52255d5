#!/usr/bin/env bash
# Measures the real app against DESIGN.md §5 (`./dev measure`):
#   - launch → Today interactive: from asking tauri-driver for a window to the
#     Today screen's DOM marker ([data-testid=screen-today] with its content),
#     median of several launches on a demo workspace (warm file cache);
#   - idle memory: PSS summed over the app's process tree (the app and its
#     WebKit web/network processes) from /proc/*/smaps_rollup, after 5 s idle;
#   - release binary size and the .deb size.
# Prints a table and writes target/measure-app.json. Linux only.
#
#   scripts/measure-app.sh            build everything (release) and measure
#   MEASURE_SKIP_BUILD=1 scripts/measure-app.sh   measure what is built
#   MEASURE_RUNS=5 (default) launches; MEASURE_CONTACTS=1000 demo size
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
TAURI_CLI_VERSION=2.12.5   # matches the tauri crate in src-tauri/Cargo.toml

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

if [ -z "${MEASURE_SKIP_BUILD:-}" ]; then
  say "Building the UI and the release app, and the .deb (tauri build --bundles deb)"
  (cd ui && npm run build)
  cargo build --release -p conveyor-cli
  # The Tauri CLI builds src-tauri in release (custom protocol) and bundles it.
  # The UI was just built; tauri.conf.json's beforeBuildCommand (`npm --prefix
  # ../ui …`, written for `tauri dev` from src-tauri) would run from the repo root.
  (cd src-tauri && npx --yes "@tauri-apps/cli@$TAURI_CLI_VERSION" build --bundles deb --ci \
    --config '{"build":{"beforeBuildCommand":""}}')
fi

APP="$TARGET/release/conveyor-app"
CLI="$TARGET/release/conveyor"
DEB="$(ls -t "$TARGET"/release/bundle/deb/*.deb 2>/dev/null | head -1 || true)"
[ -x "$APP" ] || { echo "no release app at $APP"; exit 1; }

wrap=()
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  wrap=(xvfb-run -a -s "-screen 0 1280x800x24")
fi
say "Launching the app ${MEASURE_RUNS:-5} times through tauri-driver"
"${wrap[@]}" node scripts/measure-app.mjs "$APP" "$CLI" "${DEB:-}"
