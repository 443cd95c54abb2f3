#!/usr/bin/env bash
# oneDNN's f32 accuracy beside ours: bench/accuracy/peers.sh [--stride N]
# (default 97). Compiles every activation of bench/activations.def that has a
# oneDNN eltwise peer for f32 and f64 (the reference) and runs peer_ulp.c.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
specs=$(sed -n 's/^ACT("\([^"]*\)".*/\1/p' "$root/bench/activations.def" | paste -sd, -)
"$build/bin/relu-cc" --activation "$specs" --dtype f32,f64 -o "$work/kernels.o"
cc -O2 -std=gnu11 -I"$work" -I"$inputs" "$root/bench/accuracy/peer_ulp.c" \
  "$work/kernels_shim.c" "$work/relu_rt.c" "$work/kernels.o" -ldnnl -lm -lpthread -o "$work/peers"
stride=97
[[ ${1:-} == --stride ]] && stride=${2:?--stride needs a number}
OMP_NUM_THREADS=1 "$work/peers" --stride "$stride"
