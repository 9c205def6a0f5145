# Shared by every script in scripts/: repository root, PATH and small helpers.
# Source it; do not run it.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

# cargo-installed tools (wasm-pack, wasm-bindgen) and binaryen's wasm-opt from tests/.
export PATH="$HOME/.cargo/bin:$ROOT/tests/node_modules/.bin:$PATH"

# The browser that wasm-pack and the page tests use; never a downloaded one.
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

# shellcheck disable=SC2034  # used by the scripts that source this file
WASM_PACK_VERSION="0.15.1"
# shellcheck disable=SC2034
WASM_CRATE="crates/convplay-wasm"

say() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The exact version of a package in Cargo.lock, e.g. `lock_version wasm-bindgen`.
lock_version() {
  awk -v name="$1" '
    $0 == "name = \"" name "\"" { found = 1; next }
    found && /^version = / { gsub(/"/, "", $3); print $3; exit }
  ' "$ROOT/Cargo.lock"
}

# Human-readable size of a file in bytes.
human_size() {
  numfmt --to=iec-i --suffix=B --format='%.1f' "$1" 2>/dev/null || printf '%s bytes' "$1"
}

# Run scripts/setup once per top-level command (scripts call each other).
ensure_setup() {
  if [[ -z "${CONVPLAY_SETUP_DONE:-}" ]]; then
    "$ROOT/scripts/setup"
    export CONVPLAY_SETUP_DONE=1
  fi
}
