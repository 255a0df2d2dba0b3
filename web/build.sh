#!/usr/bin/env bash
# Build the web page into web/dist/: the engine (web/engine) compiled to WebAssembly, its
# JavaScript glue from wasm-bindgen, shrunk by wasm-opt when binaryen is installed, and the
# static files beside it. Serve web/dist/ with any static server.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/engine"
export PATH="$HOME/.cargo/bin:$PATH"

rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true
# wasm-bindgen's command line must be exactly the version of the crate in Cargo.lock.
want="$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)"
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have" != "$want" ]; then
  echo "installing wasm-bindgen-cli $want (builds from source, a few minutes)"
  cargo install wasm-bindgen-cli --version "$want" --locked \
    || cargo install wasm-bindgen-cli --version "$want"
fi

# Not --locked: a dependency the library gains is added to web/engine/Cargo.lock, while
# the versions already locked there (wasm-bindgen's among them) stay.
cargo build --release --target wasm32-unknown-unknown
rm -rf "$here/dist"
mkdir -p "$here/dist/pkg"
wasm-bindgen --target web --no-typescript --out-dir "$here/dist/pkg" \
  target/wasm32-unknown-unknown/release/goalsheet_web.wasm
# Old binaryen (Debian 12 ships version 108) breaks the function table wasm-bindgen fills:
# only version 116 and later is used. WASM_OPT=0 skips it.
opt_version="$(wasm-opt --version 2>/dev/null | grep -o 'version [0-9]*' | grep -o '[0-9]*' || echo 0)"
if [ "${WASM_OPT:-1}" != 0 ] && [ "${opt_version:-0}" -ge 116 ]; then
  # The features rustc's wasm32 target turns on (reference types and multi-value among
  # them); without them wasm-opt rewrites the table wasm-bindgen fills.
  wasm-opt -Os --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$here/dist/pkg/goalsheet_web_bg.wasm" -o "$here/dist/pkg/goalsheet_web_bg.wasm.opt" \
    && mv "$here/dist/pkg/goalsheet_web_bg.wasm.opt" "$here/dist/pkg/goalsheet_web_bg.wasm" \
    || echo "wasm-opt failed; keeping the unoptimised module"
fi
cp "$here"/static/* "$here/dist/"
ls -l "$here/dist" "$here/dist/pkg"
