#!/usr/bin/env bash
# relu-mlir demo: builds the project (into ./build), then
#   1. round-trips the act dialect (examples/mlp_hidden_layer.mlir),
#   2. folds constants and canonicalizes (examples/folding.mlir),
#   3. shows the verifier rejecting a bad layer with a located error
#      (examples/invalid.mlir),
#   4. compiles activation kernels with relu-cc and runs the MLP demo
#      application on them (examples/mlp/mlp_demo.c).
#   BUILD_DIR=<dir>  build somewhere else (default: ./build)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build=${BUILD_DIR:-build}
relu_opt="$build/bin/relu-opt"
relu_cc="$build/bin/relu-cc"

section() {
  echo
  echo "=================================================================="
  echo "== $*"
  echo "=================================================================="
}

section "Setup and build ($build)"
scripts/setup.sh
scripts/configure.sh "$build" -DLLVM_LIT_ARGS=-sv
cmake --build "$build" --target relu-opt relu-cc
work="$build/demo"
rm -rf "$work" && mkdir -p "$work"

section "1. Round trip: relu-opt examples/mlp_hidden_layer.mlir"
echo "An MLP hidden layer (linalg matmul + bias, then act.gelu) and other layers'"
echo "activations, parsed, verified and printed back by relu-opt:"
echo
"$relu_opt" examples/mlp_hidden_layer.mlir | tee "$work/roundtrip.mlir"
"$relu_opt" "$work/roundtrip.mlir" >"$work/roundtrip2.mlir"
if cmp -s "$work/roundtrip.mlir" "$work/roundtrip2.mlir"; then
  echo "-> the printed IR parses again and prints identically."
else
  echo "demo.sh: the printed IR did not round-trip" >&2
  diff "$work/roundtrip.mlir" "$work/roundtrip2.mlir" >&2 || true
  exit 1
fi
echo
echo "The same ops in generic form (attributes as properties):"
"$relu_opt" -mlir-print-op-generic examples/mlp_hidden_layer.mlir | grep -E '"act\.' | sed 's/^ */  /'

section "2. Constant folding and canonicalization: relu-opt -canonicalize examples/folding.mlir"
echo "Input:"
grep -v '^//' examples/folding.mlir | sed '/^$/d'
echo
echo "Output (constants folded through each op's definition; relu(relu x) -> relu x;"
echo "relu(clamp(x, 0, 6)) -> clamp(x, 0, 6)):"
"$relu_opt" -canonicalize examples/folding.mlir

section "3. Verifier: relu-opt examples/invalid.mlir"
grep -v '^//' examples/invalid.mlir
echo
if "$relu_opt" examples/invalid.mlir >"$work/invalid.out" 2>"$work/invalid.err"; then
  echo "demo.sh: the invalid example was accepted" >&2
  exit 1
fi
echo "relu-opt rejects it (exit status non-zero) with a located error:"
cat "$work/invalid.err"

section "4. Compile kernels with relu-cc and run the MLP demo (examples/mlp/mlp_demo.c)"
echo "\$ relu-cc --activation relu,gelu,gelu:tanh --dtype f32,bf16,f64 -o $work/mlp_kernels.o"
"$relu_cc" --activation relu,gelu,gelu:tanh --dtype f32,bf16,f64 -o "$work/mlp_kernels.o"
echo "wrote: $(cd "$work" && ls mlp_kernels* relu_rt.* | tr '\n' ' ')"
echo
echo "Kernel entry points in mlp_kernels.h:"
grep -E '^int [a-z_0-9]+\(' "$work/mlp_kernels.h" | sed 's/^/  /'
echo
cc=${CC:-clang-22}
"$cc" -O2 -std=gnu11 -I"$work" examples/mlp/mlp_demo.c "$work/mlp_kernels_shim.c" \
  "$work/relu_rt.c" "$work/mlp_kernels.o" -lm -lpthread -o "$work/mlp_demo"
echo "\$ $work/mlp_demo    (links libc, libm and pthreads only)"
"$work/mlp_demo"

section "Done"
echo "More: relu-opt --help, relu-cc --help, docs/design.md; the test suite: scripts/test.sh"
