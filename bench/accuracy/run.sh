#!/usr/bin/env bash
# Exhaustive accuracy table: bench/accuracy/run.sh [--stride N] [--only SPEC]
# Builds relu-cc if needed, compiles every activation of the test suite's
# list (test/Integration/Cpu/Inputs/activations.def) for f16/bf16/f32/f64 and
# runs every f32 bit pattern (or every N-th) through each f32 kernel.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
python3 "$inputs/specs.py" "$inputs/activations.def" > "$work/specs.rsp"
"$build/bin/relu-cc" @"$work/specs.rsp" --dtype f16,bf16,f32,f64 -o "$work/kernels.o"
cc -O2 -std=gnu11 -I"$work" -I"$inputs" "$root/bench/accuracy/exhaustive_ulp.c" \
  "$work/kernels_shim.c" "$work/relu_rt.c" "$work/kernels.o" -lm -lpthread -o "$work/exhaustive"
"$work/exhaustive" "$@"
