#!/usr/bin/env bash
# bench/run_cpu.sh: CPU throughput of relu-cc kernels vs oneDNN eltwise and
# memcpy (and numpy/jax when installed). One command:
#
#   bench/run_cpu.sh [--quick] [--update-docs | --docs-only] [--no-bwd] [--no-python]
#                    [--threads N] [--only spec,spec] [--cpu native|x86-64-v3|...]
#                    [--wait-idle SECONDS] [--max-wait SECONDS]
#
# Builds relu-cc (unless RELU_CC points at one), compiles every activation of
# bench/activations.def for f32, bf16 and f16, links bench_cpu.c against the
# kernels and Debian's libdnnl (oneDNN 2.6, OpenMP threading), runs it and
# prints markdown. --update-docs rewrites the generated section of
# docs/benchmarks.md (between the BEGIN/END markers); --docs-only does that
# from the last run's bench/out/results.md without measuring. Results land in
# bench/out/ (results.md, results.csv). Run on an idle machine: no builds.
# --wait-idle waits (up to SECONDS) until other processes use < 5% of the CPU
# before starting. While it runs, a measurement during which other processes
# needed more CPUs than it left free is repeated once they are done
# (--max-wait: total seconds it may wait, default 900); the report says how
# many were and how busy the machine was.
#
# Environment: RELU_CC (a relu-cc binary), BUILD_DIR (default build-bench),
# CC (default cc: a C compiler whose -fopenmp uses libgomp, as Debian's
# libdnnl does, i.e. gcc), PYTHON (default python3).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
out="$here/out"
quick=0 update_docs=0 docs_only=0 python=1 cpu=native wait_idle=0
bench_args=()
while (($#)); do
  case "$1" in
    --quick) quick=1; bench_args+=(--quick) ;;
    --update-docs) update_docs=1 ;;
    --docs-only) update_docs=1 docs_only=1 ;;
    --no-bwd) bench_args+=(--no-bwd) ;;
    --no-python) python=0 ;;
    --threads) bench_args+=(--threads "$2"); shift ;;
    --only) bench_args+=(--only "$2"); shift ;;
    --cpu) cpu=$2; shift ;;
    --wait-idle) wait_idle=$2; shift ;;
    --max-wait) bench_args+=(--max-wait "$2"); shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "run_cpu.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

# Debian's libdnnl uses OpenMP (libgomp). Its multi-threaded figures use
# spinning workers bound one per CPU, oneDNN's recommended throughput setup:
# OMP_WAIT_POLICY=active here, and bench_cpu.c binds OpenMP thread i to CPU i
# itself (as OMP_PROC_BIND=true would) only once our kernels are done, so
# that neither the spinning nor the binding can touch relu_rt's threads.
# Unbound, libgomp is pathological on some VMs (seen on a 2-vCPU Firecracker
# guest: both threads packed on one vCPU, 4-8 ms per call).
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-active}
unset OMP_PROC_BIND OMP_PLACES GOMP_CPU_AFFINITY
CC=${CC:-cc}
PYTHON=${PYTHON:-python3}
if [[ ! -f /usr/include/oneapi/dnnl/dnnl.h ]]; then
  echo "run_cpu.sh: oneDNN headers missing: install libdnnl-dev (scripts/setup.sh)" >&2
  exit 1
fi

measure() {
  # --- relu-cc ---------------------------------------------------------------
  if [[ -z "${RELU_CC:-}" ]]; then
    build="${BUILD_DIR:-$root/build-bench}"
    if [[ ! -f "$build/build.ninja" ]]; then
      echo "run_cpu.sh: configuring $build" >&2
      "$root/scripts/configure.sh" "$build" >&2
    fi
    ninja -C "$build" relu-cc >&2
    RELU_CC="$build/bin/relu-cc"
  fi

  # --- kernels and the benchmark program --------------------------------------
  mkdir -p "$out"
  specs=$(sed -n 's/^ACT("\([^"]*\)".*/\1/p' "$here/activations.def" | paste -sd, -)
  # --grad adds the backward kernels (from x, from y where the activation has
  # a preimage, the mask pair where its derivative takes two values).
  "$RELU_CC" --activation "$specs" --grad --dtype f32,bf16,f16 --cpu="$cpu" -o "$out/kernels.o"
  $CC -O2 -march=native -fopenmp -I"$out" -I"$here" -o "$out/bench_cpu" \
    "$here/bench_cpu.c" "$out/kernels_shim.c" "$out/relu_rt.c" "$out/kernels.o" \
    -ldnnl -lm -lpthread

  # --- wait for a quiet machine ------------------------------------------------
  busy_fraction() { # CPU share used over 2 s, all processes (0..1)
    local a b
    a=($(head -1 /proc/stat)); sleep 2; b=($(head -1 /proc/stat))
    awk -v u=$((b[1]+b[2]+b[3]+b[6]+b[7]+b[8]-a[1]-a[2]-a[3]-a[6]-a[7]-a[8])) \
        -v i=$((b[4]+b[5]-a[4]-a[5])) 'BEGIN { printf "%.3f", (u + i) ? u / (u + i) : 0 }'
  }
  if ((wait_idle > 0)); then
    deadline=$((SECONDS + wait_idle))
    while :; do
      f=$(busy_fraction)
      awk -v f="$f" 'BEGIN { exit !(f < 0.05) }' && break
      if ((SECONDS >= deadline)); then
        echo "run_cpu.sh: machine still busy ($f of its CPU); measuring anyway" >&2
        break
      fi
      echo "run_cpu.sh: machine busy ($f of its CPU), waiting ..." >&2
      sleep 8
    done
  fi

  # --- machine description -------------------------------------------------------
  model=$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1)
  cores=$(nproc)
  flags=$(grep -m1 '^flags' /proc/cpuinfo)
  isa=generic
  for f in avx2 avx512f avx512_bf16 avx512_fp16 amx_bf16; do
    [[ $flags == *" $f"* ]] && isa="$f"
  done
  caches=$(lscpu | sed -n 's/^\(L[123][di]* cache\):[[:space:]]*/\1 /p' | paste -sd, - | sed 's/,/, /g')
  virt=$(lscpu | sed -n 's/^Hypervisor vendor:[[:space:]]*//p')
  mem=$(free -g | awk '/^Mem:/ {print $2 " GiB"}')
  ccver=$($CC --version | head -1)
  llvmver=$(/usr/lib/llvm-22/bin/llvm-config --version 2>/dev/null || echo "22")
  dnnlver=$(dpkg-query -W -f='${Version}' libdnnl-dev 2>/dev/null || echo "?")
  relurev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "?")
  changes=$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null | grep -v ' bench/' || true)
  dirty=""
  [[ -n "$changes" ]] && dirty=" + uncommitted changes in $(wc -l <<<"$changes") files"
  ccbuilt=$(date -u -r "$RELU_CC" '+%Y-%m-%d %H:%M UTC')
  ncpu_vec=$("$RELU_CC" --activation relu --dtype f32 --cpu="$cpu" --emit=llvm -o - 2>/dev/null |
    grep -o '<[0-9]* x float>' | sort | uniq -c | sort -rn | head -1 | awk '{print $2 $3 $4}' || true)

  mode=full; ((quick)) && mode=quick
  {
    echo "## Results: bench/run_cpu.sh${bench_args:+ ${bench_args[*]}} ($mode)"
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Machine: $model, $cores cores${virt:+ ($virt guest)}, $mem; $caches"
    echo "- Highest ISA flag: $isa; relu-cc --cpu=$cpu (f32 vectors in the IR: ${ncpu_vec:-?})"
    echo "- Compilers: relu-cc (LLVM $llvmver; binary built $ccbuilt; tree now at relu-mlir $relurev$dirty); benchmark, shim and relu_rt: $ccver -O2"
    echo "- oneDNN: Debian libdnnl-dev $dnnlver"
    echo "- Sizes: 16K elements (L1), 256K (L2), 16M (\"DRAM\"; note the L3 size above)."
    echo
    "$out/bench_cpu" "${bench_args[@]}" --csv "$out/results.csv"
    if ((python)); then
      if "$PYTHON" -c 'import numpy' 2>/dev/null; then
        echo
        py_args=(); ((quick)) && py_args+=(--quick)
        "$PYTHON" "$here/bench_python.py" "${py_args[@]}"
      else
        echo
        echo "(numpy not installed: no Python comparison)"
      fi
    fi
  } | tee "$out/results.md"
}

if ((docs_only)); then
  [[ -f "$out/results.md" ]] || { echo "run_cpu.sh: no $out/results.md to publish" >&2; exit 1; }
else
  measure
fi

if ((update_docs)); then
  "$PYTHON" - "$root/docs/benchmarks.md" "$out/results.md" <<'EOF'
import sys, pathlib
doc, res = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]).read_text()
begin, end = "<!-- BEGIN bench/run_cpu.sh results -->", "<!-- END bench/run_cpu.sh results -->"
block = f"{begin}\n{res.rstrip()}\n{end}"
text = doc.read_text() if doc.exists() else "# Benchmarks\n"
if begin in text and end in text:
    head, rest = text.split(begin, 1)
    text = head + block + rest.split(end, 1)[1]
else:
    text = text.rstrip() + "\n\n" + block + "\n"
doc.write_text(text)
print(f"run_cpu.sh: updated {doc}", file=sys.stderr)
EOF
fi
