#!/usr/bin/env bash
# The release build: the browser bundle, the stylesheet and the server, laid
# out as the server expects them. Installs what it needs (tools.sh).
#
#   target/site/            public/ and pkg/, each file with .br and .gz copies
#   target/site/pkg/        mentorwell.<hash>.{js,wasm,css}
#   $CARGO_TARGET_DIR/release/mentorwell, and hash.txt beside it
#
# cargo-leptos did this before; it took 19 minutes to install on every new
# machine, for steps that are a handful of commands.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$ROOT"
install_build_tools

name=mentorwell
site=$ROOT/target/site
pkg=$site/pkg
work=$CARGO_TARGET_DIR/site-build
# Leptos compiles the bundle's name into both builds (option_env!).
export LEPTOS_OUTPUT_NAME=$name

say "building the browser bundle"
cargo build --package frontend --lib --target wasm32-unknown-unknown \
  --profile wasm-release --no-default-features
wasm=$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/frontend.wasm

# wasm-bindgen and wasm-opt take three minutes and give the same output for
# the same wasm, so their output is kept by the input's hash. They run while
# the server compiles.
key=$( { sha256sum <"$wasm"; wasm-bindgen --version; wasm-opt --version; } | sha256sum | cut -c1-16)
bundle=$work/bundle-$key
bind() {
  say "binding and shrinking the bundle"
  rm -rf "$work"/bundle-* && mkdir -p "$bundle"
  wasm-bindgen --target web --no-typescript --out-name "$name" --out-dir "$bundle" "$wasm"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    -o "$bundle/$name.wasm" "$bundle/${name}_bg.wasm"
  rm "$bundle/${name}_bg.wasm"
  touch "$bundle/done"
}
binding=
if [ ! -f "$bundle/done" ]; then
  (set -e; bind) &
  binding=$!
fi

say "building the server"
cargo build --package server --bin "$name" --release --no-default-features
if [ -n "$binding" ]; then
  wait "$binding" || { say "binding the bundle failed"; exit 1; }
fi

say "building the stylesheet"
mkdir -p "$work" && rm -f "$work/$name.css"
tailwindcss --input style/main.css --output "$work/$name.css" --minify

say "laying out the site"
rm -rf "$site" && mkdir -p "$pkg"
cp -R public/. "$site/"
hashes=$work/hash.txt
: >"$hashes"
# The file names carry a hash of their content, so browsers may keep them
# for a year (server/src/headers.rs).
place() {
  local kind=$1 file=$2 hash
  hash=$(sha256sum <"$file" | cut -c1-12)
  cp "$file" "$pkg/$name.$hash.$kind"
  echo "$kind: $hash" >>"$hashes"
}
place css "$work/$name.css"
place js "$bundle/$name.js"
place wasm "$bundle/$name.wasm"
# The server sends these instead of compressing on every request.
find "$site" -type f \( -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.svg' \
  -o -name '*.webmanifest' \) -print0 | xargs -0 node -e '
    const fs = require("fs"), zlib = require("zlib");
    for (const file of process.argv.slice(1)) {
      const bytes = fs.readFileSync(file);
      fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(bytes, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }));
      fs.writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
    }'

cp "$hashes" "$CARGO_TARGET_DIR/release/hash.txt"
say "built: $CARGO_TARGET_DIR/release/$name, site in ${site#"$ROOT"/}"
