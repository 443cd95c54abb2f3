#!/usr/bin/env bash
# Configures a relu-mlir build directory with the project's one recipe:
# Debian's LLVM/MLIR 22, clang-22, lld, Ninja, Release (ccache when installed).
#   scripts/configure.sh <build-dir> [extra cmake arguments...]
# The configure log goes to <build-dir>/configure.log and is printed on failure.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:?usage: scripts/configure.sh <build-dir> [cmake arguments...]}
shift
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
mkdir -p "$build"
cmake -G Ninja -S "$root" -B "$build" \
  -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
  -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit \
  -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
  -DLLVM_USE_LINKER=lld "${launcher[@]}" "$@" >"$build/configure.log" 2>&1 \
  || { cat "$build/configure.log"; echo "configure.sh: configuring $build failed" >&2; exit 1; }
