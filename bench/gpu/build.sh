#!/usr/bin/env bash
# bench/gpu/build.sh: builds HERE (relu-cc, a C compiler) everything the GPU
# run needs, into bench/gpu/out/, so that the GPU machine (no LLVM, no
# compiler needed) only runs it: bench/gpu/run_h100.sh.
#
#   bench/gpu/build.sh [--archs sm_80,sm_90]
#
# out/u<U>/librelu_gpu.so  every activation of test/Integration/Cpu/Inputs/
#                          activations.def (and prelu) forward, and its
#                          backward kernels (relu-cc --grad), for f32, bf16
#                          and f16, compiled with --gpu-unroll=U (0 = auto, 1,
#                          2, 4); needs only libc, libdl, pthreads and, at run
#                          time, libcuda.so.1
# out/check_activations_gpu the correctness application of test/Integration/
#                          Nvptx (every activation x dtype vs the float64
#                          reference of the CPU kernels)
# out/bench_cuda           timings without Python: every kernel of every
#                          variant and the device copy, CUDA events
# out/manifest.txt         what was built, from which commit
#
# Environment: RELU_CC (default build-gpu/bin/relu-cc, else build/bin), CC
# (default cc), PYTHON (default python3).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$here/out"
archs=sm_80,sm_90
while (($#)); do
  case "$1" in
    --archs) archs=$2; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

RELU_CC=${RELU_CC:-}
if [[ -z "$RELU_CC" ]]; then
  for candidate in "$root/build-gpu/bin/relu-cc" "$root/build/bin/relu-cc"; do
    [[ -x "$candidate" ]] && RELU_CC=$candidate && break
  done
fi
[[ -x "${RELU_CC:-}" ]] || { echo "build.sh: no relu-cc (set RELU_CC)" >&2; exit 1; }
CC=${CC:-cc}
PYTHON=${PYTHON:-python3}
def="$root/test/Integration/Cpu/Inputs/activations.def"
inputs="$root/test/Integration/Nvptx/Inputs"

rm -rf "$out"
mkdir -p "$out"
"$PYTHON" "$root/test/Integration/Cpu/Inputs/specs.py" "$def" prelu > "$out/specs.rsp"

# One shared library per unroll factor: forward and backward kernels, the
# runtime (relu_rt.c, relu_rt_cuda.c).
for unroll in 0 1 2 4; do
  dir="$out/u$unroll"
  mkdir -p "$dir"
  echo "relu-cc --target=nvptx --gpu-arch=$archs --gpu-unroll=$unroll ..."
  # --grad: the forward kernels, <stem>_backward_<dtype>(dy, x, dx, n, stream)
  # and, where the activation has a preimage, <stem>_backward_from_output_<dtype>.
  "$RELU_CC" --target=nvptx --gpu-arch="$archs" --gpu-unroll="$unroll" @"$out/specs.rsp" \
    --grad --dtype f32,bf16,f16 -o "$dir/kernels.o"
  "$CC" -shared -fPIC -O2 -std=gnu11 -Wall -Werror -I"$dir" -o "$dir/librelu_gpu.so" \
    "$dir/kernels_shim.c" "$dir/relu_rt.c" "$dir/relu_rt_cuda.c" "$dir/kernels.o" -lpthread -ldl -lm
done

# The correctness application, with the float64 reference compiled for a
# CPU any x86-64 GPU host runs (AVX2).
mkdir -p "$out/check/gpu" "$out/check/ref"
"$RELU_CC" --target=nvptx --gpu-arch="$archs" @"$out/specs.rsp" --dtype f16,bf16,f32 \
  -o "$out/check/gpu/gpu.o"
"$RELU_CC" --cpu=x86-64-v3 @"$out/specs.rsp" --dtype f64 -o "$out/check/ref/ref.o"
"$CC" -O2 -std=gnu11 -Wall -Werror -I"$out/check/gpu" -I"$out/check/ref" -I"$(dirname "$def")" \
  "$inputs/check_activations_gpu.c" "$out/check/gpu/gpu_shim.c" "$out/check/ref/ref_shim.c" \
  "$out/check/gpu/relu_rt.c" "$out/check/gpu/relu_rt_cuda.c" "$out/check/gpu/gpu.o" \
  "$out/check/ref/ref.o" -lm -lpthread -ldl -o "$out/check_activations_gpu"

# The C benchmark.
"$CC" -O2 -std=gnu11 -Wall -Werror -I"$(dirname "$def")" "$here/bench_cuda.c" \
  -lm -lpthread -ldl -o "$out/bench_cuda"

# Only what the GPU machine runs stays (the carry limit is 64 MiB).
rm -rf "$out/check"
for unroll in 0 1 2 4; do
  find "$out/u$unroll" -type f ! -name librelu_gpu.so -delete
done

{
  echo "built $(date -u +%Y-%m-%dT%H:%MZ) on $(hostname)"
  echo "commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "relu-cc $RELU_CC, --gpu-arch=$archs"
  "$CC" --version | head -1
} > "$out/manifest.txt"
du -sh "$out" | sed 's/^/total size: /'
echo "built into $out; on the GPU machine run bench/gpu/run_h100.sh (results in \$OUT)"
