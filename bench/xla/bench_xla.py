#!/usr/bin/env python3
"""jax.jit of relu-mlir's XLA FFI kernels against jax.jit(jax.nn.*) (XLA's own
fused code) on CPU, forward and (when relu-cc has --grad) backward.

    RELU_MLIR_BUILD_DIR=build python3 bench/xla/bench_xla.py [--sizes 262144,16777216]
        [--dtypes f32,bf16] [--activations gelu,silu,...] [--threading xla] [--json out.json]

Two regimes, each timed as the median of repeated calls after warm-up, and
the best of --rounds rounds (jax.nn and relu-mlir alternate, against noise from
other load on the machine):
  fresh    y = f(x): every call gets a new output buffer from XLA (at 16M
           elements that includes first-touch page faults on 64 MB);
  donated  x = f(x) with jax.jit(..., donate_argnums=0): the result reuses the
           input's buffer (relu-mlir: in_place=True, the custom call aliases its
           operand and result; jax.nn: XLA's fusion writes in place), so no
           allocation and no page faults: the kernel plus dispatch.
Backward: dx = jax.vjp(f, x)[1](dy) with a given dy (fresh only; XLA drops the
unused forward custom call). GB/s counts 2 streams forward, 3 backward, over
the donated time where there is one. Speed-up = time(jax.nn) / time(relu-mlir).
Prints a markdown table.
"""

import argparse
import datetime
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))

import numpy as np  # noqa: E402
import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402

import relu_mlir  # noqa: E402
import relu_mlir.jax as J  # noqa: E402

# name -> (relu-mlir function, jax.nn reference, piecewise-linear?)
CASES = {
    "relu": (J.relu, jax.nn.relu, True),
    "leaky_relu": (J.leaky_relu, jax.nn.leaky_relu, True),
    "relu6": (J.relu6, jax.nn.relu6, True),
    "hard_tanh": (J.hard_tanh, jax.nn.hard_tanh, True),
    "hard_sigmoid": (J.hard_sigmoid, jax.nn.hard_sigmoid, True),
    "hard_swish": (J.hard_swish, jax.nn.hard_swish, False),  # piecewise quadratic
    "elu": (J.elu, jax.nn.elu, False),
    "selu": (J.selu, jax.nn.selu, False),
    "celu": (J.celu, jax.nn.celu, False),
    "gelu_tanh": (J.gelu, jax.nn.gelu, False),
    "gelu_erf": (lambda x: J.gelu(x, approximate=False),
                 lambda x: jax.nn.gelu(x, approximate=False), False),
    "sigmoid": (J.sigmoid, jax.nn.sigmoid, False),
    "tanh": (J.tanh, jnp.tanh, False),
    "silu": (J.silu, jax.nn.silu, False),
    "softplus": (J.softplus, jax.nn.softplus, False),
    "mish": (J.mish, jax.nn.mish, False),
}


def time_donated(f, x0, min_time=1.0, max_reps=200):
    """x = f(x) with x donated: the result reuses the input's buffer, no
    allocation, no copy; the values drift from call to call (the same for both
    sides; the kernels' speed does not depend on the values, denormals are
    flushed under XLA)."""
    x = f(jnp.array(x0, copy=True))
    for _ in range(3):
        x = f(x)
    x.block_until_ready()
    t0 = time.perf_counter()
    x = f(x)
    x.block_until_ready()
    once = max(time.perf_counter() - t0, 1e-6)
    reps = int(min(max_reps, max(5, min_time / once)))
    samples = []
    for _ in range(reps):
        t0 = time.perf_counter()
        x = f(x)
        x.block_until_ready()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


# The same functions writing over their (donated) input.
INPLACE = {
    "relu": lambda x: J.apply("relu", x, in_place=True),
    "leaky_relu": lambda x: J.apply("leaky_relu", x, in_place=True),
    "relu6": lambda x: J.apply("relu6", x, in_place=True),
    "hard_tanh": lambda x: J.apply("hard_tanh", x, in_place=True),
    "hard_sigmoid": lambda x: J.apply("hard_sigmoid", x, in_place=True),
    "hard_swish": lambda x: J.apply("hard_swish", x, in_place=True),
    "elu": lambda x: J.apply("elu", x, in_place=True),
    "selu": lambda x: J.apply("selu", x, in_place=True),
    "celu": lambda x: J.apply("celu", x, in_place=True),
    "gelu_tanh": lambda x: J.apply("gelu", x, in_place=True, approximate=True),
    "gelu_erf": lambda x: J.apply("gelu", x, in_place=True, approximate=False),
    "sigmoid": lambda x: J.apply("sigmoid", x, in_place=True),
    "tanh": lambda x: J.apply("tanh", x, in_place=True),
    "silu": lambda x: J.apply("silu", x, in_place=True),
    "softplus": lambda x: J.apply("softplus", x, in_place=True, threshold=J.JAX_SOFTPLUS_THRESHOLD),
    "mish": lambda x: J.apply("mish", x, in_place=True),
}


def time_call(f, x, min_time=1.0, max_reps=2000):
    args = x if isinstance(x, tuple) else (x,)
    f(*args).block_until_ready()  # compile
    for _ in range(3):
        f(*args).block_until_ready()
    # Calibrate repetitions to about min_time seconds in all.
    t0 = time.perf_counter()
    f(*args).block_until_ready()
    once = max(time.perf_counter() - t0, 1e-6)
    reps = int(min(max_reps, max(5, min_time / once)))
    samples = []
    for _ in range(reps):
        t0 = time.perf_counter()
        y = f(*args)
        y.block_until_ready()
        samples.append(time.perf_counter() - t0)
        del y  # freed outside the timed region
    return statistics.median(samples)


def machine():
    cpu = platform.processor()
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    flags = open("/proc/cpuinfo").read() if os.path.exists("/proc/cpuinfo") else ""
    isa = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "SSE"
    return f"{cpu}, {os.cpu_count()} cores, {isa}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="262144,16777216")
    ap.add_argument("--dtypes", default="f32")
    ap.add_argument("--activations", default=",".join(CASES))
    ap.add_argument("--threading", default="relu", choices=["relu", "xla", "serial"])
    ap.add_argument("--min-time", type=float, default=1.0)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json")
    args = ap.parse_args()
    relu_mlir.set_xla_threading(args.threading)
    sizes = [int(s) for s in args.sizes.split(",")]
    dtypes = {"f32": jnp.float32, "bf16": jnp.bfloat16, "f16": jnp.float16}
    rows = []
    backward = J.backward_available()
    print(f"# {datetime.date.today()} on {machine()}; jax {jax.__version__}, jaxlib "
          f"{jax.lib.__version__ if hasattr(jax.lib, '__version__') else ''}; "
          f"relu-mlir threading: {args.threading}; XLA CPU devices: {jax.device_count()}")
    print()
    print("| activation | dtype | n | pass | jax.nn fresh (us) | relu-mlir fresh (us) | speed-up "
          "| jax.nn donated (us) | relu-mlir donated (us) | relu-mlir GB/s | speed-up |")
    print("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
    rng = np.random.default_rng(0)
    for dname in args.dtypes.split(","):
        dtype = dtypes[dname]
        for n in sizes:
            x = jnp.asarray(rng.normal(0, 3, n).astype(np.float32)).astype(dtype)
            dy = jnp.asarray(rng.normal(0, 1, n).astype(np.float32)).astype(dtype)
            for name in args.activations.split(","):
                ours, ref, linear = CASES[name]
                in_place = INPLACE[name]
                passes = [("fwd", jax.jit(ours), jax.jit(ref),
                           jax.jit(in_place, donate_argnums=0), jax.jit(ref, donate_argnums=0))]
                if backward:
                    # dx = vjp(f, x)(dy) with a real cotangent: XLA drops the
                    # unused forward; jax.nn's backward is one fused loop.
                    passes.append(("bwd", jax.jit(lambda v, g, f=ours: jax.vjp(f, v)[1](g)[0]),
                                   jax.jit(lambda v, g, f=ref: jax.vjp(f, v)[1](g)[0]), None, None))
                for pname, f_ours, f_ref, d_ours, d_ref in passes:
                    operands = (x,) if pname == "fwd" else (x, dy)
                    t_ref = t_ours = dt_ref = dt_ours = math.inf
                    for _ in range(args.rounds):
                        t_ref = min(t_ref, time_call(f_ref, operands, args.min_time))
                        t_ours = min(t_ours, time_call(f_ours, operands, args.min_time))
                        if d_ours:
                            dt_ref = min(dt_ref, time_donated(d_ref, x, args.min_time))
                            dt_ours = min(dt_ours, time_donated(d_ours, x, args.min_time))
                    streams = 2 if pname == "fwd" else 3
                    best = dt_ours if d_ours else t_ours
                    gbs = streams * n * jnp.dtype(dtype).itemsize / best / 1e9
                    row = dict(activation=name, dtype=dname, n=n, pass_=pname,
                               jax_fresh_us=t_ref * 1e6, ours_fresh_us=t_ours * 1e6,
                               jax_donated_us=dt_ref * 1e6, ours_donated_us=dt_ours * 1e6, gbs=gbs,
                               speedup_fresh=t_ref / t_ours, speedup_donated=dt_ref / dt_ours,
                               piecewise_linear=linear)
                    rows.append(row)
                    donated = (f"{dt_ref*1e6:.1f} | {dt_ours*1e6:.1f}" if d_ours else "— | —")
                    donated_speedup = f"{dt_ref/dt_ours:.2f}x" if d_ours else "—"
                    print(f"| {name} | {dname} | {n} | {pname} | {t_ref*1e6:.1f} | {t_ours*1e6:.1f} | "
                          f"{t_ref/t_ours:.2f}x | {donated} | {gbs:.1f} | {donated_speedup} |",
                          flush=True)
    if not backward:
        print("\nbackward: not measured (relu-cc --grad, issue 4, not available yet)")
    if args.json:
        Path(args.json).write_text(json.dumps(dict(date=str(datetime.date.today()), machine=machine(),
                                                   jax=jax.__version__, threading=args.threading,
                                                   rows=rows), indent=1))


if __name__ == "__main__":
    main()
