#!/bin/sh
# Run-time parameters (relu-cc `?`) vs the same kernels with the parameters
# compiled in: builds both with relu-cc into one object, runs them interleaved
# on one thread. Usage: bench/dynamic/run.sh [build-dir] [n] [repetitions]
set -e
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
n=${2:-1048576}
reps=${3:-30}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/bin/relu-cc" --dtype f32,bf16 -o "$work/kernels.o" \
  --activation='leaky_relu:?,leaky_relu:0.25,clamp:?:?,clamp:-2:3,elu:?,elu:0.5' \
  --activation='swish:?,swish:1.5,softplus:?:?,softplus:2:10'
${CC:-cc} -O2 -std=gnu11 -I"$work" "$here/bench_dynamic.c" "$work/kernels_shim.c" \
  "$work/relu_rt.c" "$work/kernels.o" -lm -lpthread -o "$work/bench"
"$work/bench" "$n" "$reps"
