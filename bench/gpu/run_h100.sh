#!/usr/bin/env bash
# bench/gpu/run_h100.sh: runs the GPU checks and benchmarks on a machine
# with an NVIDIA GPU (the H100 of issue 5), building nothing there: the
# binaries come from bench/gpu/build.sh, run beforehand on a machine with
# LLVM/MLIR and the CUDA toolkit, and carried in bench/gpu/out/.
#
#   bench/gpu/run_h100.sh [STAGE...]      (default: check bench torch-check)
#
# Stages, each well under 10 minutes on an H100 (one device-tool call each):
#   check          the C correctness application: every activation x dtype vs
#                  the float64 CPU reference, edge values, sizes, alignment,
#                  streams, threads; then again through the embedded PTX
#                  (RELU_MLIR_CUDA_FORCE_PTX=1, what GPUs newer than sm_90 run)
#   bench          bench_cuda: every kernel (forward, backward) of every
#                  --gpu-unroll variant and the device copy, no Python
#   torch-check    every activation x dtype x direction vs torch (float64 on
#                  the GPU as the reference, torch's own error beside ours)
#   torch-time     GB/s of ours (all variants), torch eager and the copy,
#                  forward and backward
#   torch-compile  the same plus torch.compile for the anchors' cases
# Results go to $OUT (the device tool's output folder; default
# bench/gpu/results): one log per stage, *.md tables, *.csv, system.txt.
# Exit status: 0 if every stage passed, 1 if one failed, 77 if none failed
# but one could not run (no GPU, no torch): skipped is not passed.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin="$here/out"
OUT=${OUT:-$here/results}
PYTHON=${PYTHON:-python3}
mkdir -p "$OUT"
stages=("$@")
((${#stages[@]})) || stages=(check bench torch-check)

if [[ ! -x "$bin/check_activations_gpu" ]]; then
  echo "run_h100.sh: $bin has no binaries: run bench/gpu/build.sh first (where relu-cc is)" >&2
  exit 1
fi
libs=()
for u in 0 1 2 4; do
  [[ -f "$bin/u$u/librelu_gpu.so" ]] && libs+=("$bin/u$u/librelu_gpu.so")
done

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: $(hostname)"
  nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm,clocks.max.mem \
    --format=csv,noheader 2>/dev/null || echo "nvidia-smi: not available"
  "$PYTHON" -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda)' 2>/dev/null ||
    echo "torch: not importable"
  "$PYTHON" -c 'import triton; print("triton", triton.__version__)' 2>/dev/null || echo "triton: not importable"
  echo "binaries:"; sed 's/^/  /' "$bin/manifest.txt"
} > "$OUT/system.txt"
cat "$OUT/system.txt"

failed=0 skipped=0
summary=()
record() { # stage, status
  case "$2" in
    0) summary+=("$1: passed") ;;
    77) summary+=("$1: SKIPPED (see $1.log)"); skipped=1 ;;
    *) summary+=("$1: FAILED (status $2, see $1.log)"); failed=1 ;;
  esac
}

for stage in "${stages[@]}"; do
  echo "=== $stage"
  case "$stage" in
    check)
      "$bin/check_activations_gpu" > "$OUT/check.log" 2>&1
      status=$?
      if ((status == 0)); then
        RELU_MLIR_CUDA_FORCE_PTX=1 "$bin/check_activations_gpu" > "$OUT/check-ptx.log" 2>&1
        status=$?
      fi
      tail -n 30 "$OUT/check.log"
      ;;
    bench)
      "$bin/bench_cuda" --csv "$OUT/bench_cuda.csv" "${libs[@]}" > "$OUT/bench.log" 2>&1
      status=$?
      cp "$OUT/bench.log" "$OUT/bench_cuda.md" 2>/dev/null
      cat "$OUT/bench.log"
      ;;
    torch-check)
      "$PYTHON" "$here/torch_bench.py" check --lib "${libs[0]}" --out "$OUT" > "$OUT/torch-check.log" 2>&1
      status=$?
      tail -n 80 "$OUT/torch-check.log"
      ;;
    torch-time)
      args=(); for l in "${libs[@]}"; do args+=(--lib "$l"); done
      "$PYTHON" "$here/torch_bench.py" time "${args[@]}" --out "$OUT" > "$OUT/torch-time.log" 2>&1
      status=$?
      tail -n 150 "$OUT/torch-time.log"
      ;;
    torch-compile)
      args=(); for l in "${libs[@]}"; do args+=(--lib "$l"); done
      only=relu,leaky_relu,relu6,elu,selu,gelu,gelu:tanh,silu,mish,softplus,hardswish
      "$PYTHON" "$here/torch_bench.py" time "${args[@]}" --compile --only "$only" --out "$OUT" \
        > "$OUT/torch-compile.log" 2>&1
      status=$?
      tail -n 80 "$OUT/torch-compile.log"
      ;;
    *) echo "run_h100.sh: unknown stage '$stage'" >&2; status=2 ;;
  esac
  record "$stage" "$status"
done

printf '%s\n' "${summary[@]}" | tee "$OUT/summary.txt"
((failed)) && exit 1
((skipped)) && exit 77
exit 0
