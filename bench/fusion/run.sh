#!/usr/bin/env bash
# bench/fusion/run.sh: fused groups vs the unfused relu-mlir kernels vs oneDNN
# post-ops, one thread (docs/fusion.md, docs/benchmarks.md). Usage:
#   bench/fusion/run.sh [relu-cc] [--cold]   (default: build/bin/relu-cc)
# Each timed call follows an untimed call of the same kernel (warm caches), or
# with --cold a sweep that evicts the caches.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
relu_cc=${1:-$here/../../build/bin/relu-cc}
shift $(($# > 0))
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$relu_cc" --fuse bias:last,gelu:tanh --fuse bias:last,gelu:tanh,cast:bf16 \
  --fuse scale_shift:last,relu --fuse silu,mul \
  --fuse relu,quantize:0.05:128:0:255 \
  --fuse bias,relu --fuse bias,relu,stats --fuse bias:last,relu --fuse bias:last,relu,stats:last \
  --fuse halves:last,silu,mul -o "$out/fused.o"
"$relu_cc" "$here/unfused.mlir" -o "$out/unfused.o"
${CC:-cc} -O2 -std=gnu11 -I"$out" "$here/bench_fused.c" "$out/fused_shim.c" \
  "$out/unfused_shim.c" "$out/relu_rt.c" "$out/fused.o" "$out/unfused.o" \
  -ldnnl -lm -lpthread -o "$out/bench"
RELU_MLIR_NUM_THREADS=1 OMP_NUM_THREADS=1 "$out/bench" "$@"
