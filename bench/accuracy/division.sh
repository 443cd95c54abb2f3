#!/usr/bin/env bash
# Divisions by constants, exhaustively: bench/accuracy/division.sh [--stride N]
# Compiles test/Integration/Cpu/Inputs/division.mlir (act.custom bodies that
# divide a sum with a constant, clamped or not, by a constant) and compares
# each kernel with C's f32 division for all 2^32 f32 inputs (or every N-th),
# bit for bit: the check that convert-math-to-polynomials' multiply-and-
# correct form (lib/Conversion/MathToPolynomials/DivisionByConstant.cpp) is
# the correctly rounded quotient. The lit test division.test runs a stride.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
"$build/bin/relu-cc" "$inputs/division.mlir" -o "$work/kernels.o"
cc -O2 -std=gnu11 -ffp-contract=off -I"$work" -I"$inputs" "$inputs/check_division.c" \
  "$work/kernels_shim.c" "$work/relu_rt.c" "$work/kernels.o" -lm -lpthread -o "$work/check"
stride=1
[[ ${1:-} == --stride ]] && stride=${2:?--stride needs a number}
"$work/check" --stride "$stride"
