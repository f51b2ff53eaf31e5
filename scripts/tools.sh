#!/usr/bin/env bash
# Installs what the build and the tests need, into a cache outside the
# clone, and puts it on PATH. Sourced by run.sh and test.sh.
#
# A tool already in the cache is reused only at the exact version asked for;
# any other version is replaced, never silently used.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${MENTORWELL_CACHE:-$HOME/.cache/mentorwell}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$CACHE/target}
mkdir -p "$CACHE/tools"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

# install_cargo_tool CRATE VERSION BINARY [cargo install flags...]
install_cargo_tool() {
  local crate=$1 version=$2 binary=$3; shift 3
  local dir=$CACHE/tools/$crate-$version
  if ! "$dir/bin/$binary" --version 2>/dev/null | grep -qF "$version"; then
    say "installing $crate $version (once; takes a while)"
    rm -rf "$dir"
    cargo install "$crate" --version "$version" --root "$dir" "$@" >&2 || { say "installing $crate failed"; return 1; }
  fi
  export PATH="$dir/bin:$PATH"
}

lock_version() {
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/"/, "", $3); print $3; exit }' "$ROOT/Cargo.lock"
}

install_rust_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32 target"
    rustup target add wasm32-unknown-unknown >&2
  fi
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy >&2
  # wasm-bindgen-cli must match the library in Cargo.lock exactly. Its own
  # lockfile pins a crate the registry no longer serves, so no --locked.
  install_cargo_tool wasm-bindgen-cli "$(lock_version wasm-bindgen)" wasm-bindgen
}

# npm_install_cached SOURCE_DIR BINARY: installs the packages of
# SOURCE_DIR's package.json and lockfile into the cache, once per lockfile,
# and prints the cached directory.
npm_install_cached() {
  local src=$1 binary=$2 hash dir
  command -v npm >/dev/null || apt_install nodejs npm >&2
  hash=$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | cut -c1-16)
  dir=$CACHE/node/$hash
  if [ ! -f "$dir/.installed" ] || [ ! -x "$dir/node_modules/.bin/$binary" ]; then
    say "installing npm packages from ${src#"$ROOT"/}"
    rm -rf "$dir" && mkdir -p "$dir"
    cp "$src/package.json" "$src/package-lock.json" "$dir/"
    # `npm install` rather than `npm ci`: the registry mirror leaves other
    # platforms' optional packages out of the lockfile, which `npm ci`
    # rejects. Versions still come from the lockfile.
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error >&2) || { say "npm install failed"; return 1; }
    touch "$dir/.installed"
  fi
  echo "$dir"
}

# npm tools (Tailwind, wasm-opt, Playwright, axe) from the committed
# lockfile, linked into the clone.
install_node_tools() {
  local dir
  dir=$(npm_install_cached "$ROOT" tailwindcss) || return 1
  ln -sfn "$dir/node_modules" "$ROOT/node_modules"
  export PATH="$ROOT/node_modules/.bin:$PATH"
}

# Lighthouse, for the benchmarks only: the test command never needs it.
install_lighthouse() {
  local dir
  dir=$(npm_install_cached "$ROOT/end2end/bench/lighthouse" lighthouse) || return 1
  export LIGHTHOUSE=$dir/node_modules/.bin/lighthouse
}

install_browser() {
  command -v chromium >/dev/null || apt_install chromium
  export CHROMIUM_PATH=${CHROMIUM_PATH:-$(command -v chromium)}
}

install_postgres() {
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_install postgresql
}

# leptosfmt formats the view! macros that rustfmt leaves alone; only the
# test command's format check needs it.
install_format_tools() {
  install_cargo_tool leptosfmt 0.1.33 leptosfmt --locked
}

install_build_tools() {
  install_rust_tools && install_node_tools
}
