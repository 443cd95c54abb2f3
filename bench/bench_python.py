#!/usr/bin/env python3
"""numpy (and jax, when installed) peers for bench/run_cpu.sh.

Prints a markdown table of GB/s (bytes read + written = 2 * n * itemsize, as
bench_cpu.c counts) for f32 at 16K, 256K and 16M elements: the median of
several timed batches (time.perf_counter_ns, CLOCK_MONOTONIC on Linux) after
a warm-up. numpy runs its ufuncs on one thread and allocates temporaries for
compound expressions; that is what a numpy user gets, not a bound.
"""
import argparse
import math
import os
import statistics
import sys
import time

import numpy as np

SIZES = [(16384, "16K"), (262144, "256K"), (16777216, "16M")]


def numpy_kernels():
    def where_pos(x, neg):
        return np.where(x > 0, x, neg)

    k = {
        "relu": lambda x, o: np.maximum(x, 0, out=o),
        "leaky_relu:0.2": lambda x, o: where_pos(x, x * np.float32(0.2)),
        "relu6": lambda x, o: np.clip(x, 0, 6, out=o),
        "hardtanh": lambda x, o: np.clip(x, -1, 1, out=o),
        "hardsigmoid": lambda x, o: np.clip(x * np.float32(1 / 6) + np.float32(0.5), 0, 1),
        "hardswish": lambda x, o: x * np.clip(x + np.float32(3), 0, 6) * np.float32(1 / 6),
        "elu": lambda x, o: where_pos(x, np.expm1(x)),
        "gelu:tanh": lambda x, o: np.float32(0.5) * x * (1 + np.tanh(
            np.float32(math.sqrt(2 / math.pi)) * (x + np.float32(0.044715) * x * x * x))),
        "sigmoid": lambda x, o: 1 / (1 + np.exp(-x)),
        "tanh": lambda x, o: np.tanh(x, out=o),
        "silu": lambda x, o: x / (1 + np.exp(-x)),
        "softplus": lambda x, o: np.where(x > 20, x, np.log1p(np.exp(x))),
        "mish": lambda x, o: x * np.tanh(np.log1p(np.exp(x))),
    }
    try:
        from scipy.special import erf  # optional
        k["gelu"] = lambda x, o: np.float32(0.5) * x * (1 + erf(x * np.float32(1 / math.sqrt(2))))
    except ImportError:
        pass
    return k


def jax_kernels():
    try:
        import jax
        import jax.numpy as jnp
    except ImportError:
        return None
    nn = jax.nn
    fns = {
        "relu": nn.relu,
        "leaky_relu:0.2": lambda x: nn.leaky_relu(x, 0.2),
        "relu6": nn.relu6,
        "hardtanh": nn.hard_tanh,
        "hardsigmoid": nn.hard_sigmoid,
        "hardswish": nn.hard_swish,
        "elu": nn.elu,
        "gelu": lambda x: nn.gelu(x, approximate=False),
        "gelu:tanh": lambda x: nn.gelu(x, approximate=True),
        "sigmoid": nn.sigmoid,
        "tanh": jnp.tanh,
        "silu": nn.silu,
        "softplus": nn.softplus,
        "mish": lambda x: x * jnp.tanh(nn.softplus(x)),
    }
    return {k: jax.jit(f) for k, f in fns.items()}


def others_running():
    """Runnable threads of other processes (/proc/loadavg's count minus ours)."""
    try:
        with open("/proc/loadavg") as f:
            everyone = int(f.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return 0
    own = 0
    for tid in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{tid}/stat") as f:
                own += f.read().rsplit(")", 1)[1].split()[0] == "R"
        except (OSError, IndexError):
            pass
    return everyone - max(own, 1)


DISTURBED = [0, 0]  # measurements repeated, measurements left disturbed


def measure(call, nbytes, reps, batch_s, warm_s, allowed=0):
    """Median GB/s; repeated (after waiting) when other processes needed more
    than `allowed` CPUs during more than a fifth of the batches."""
    for attempt in range(4):
        calls, t0 = 0, time.perf_counter_ns()
        while True:
            call()
            calls += 1
            t = (time.perf_counter_ns() - t0) * 1e-9
            if t >= warm_s and calls >= 2:
                break
        iters = max(1, math.ceil(batch_s / (t / calls)))
        per_call, busy = [], 0
        for _ in range(reps):
            s = time.perf_counter_ns()
            for _ in range(iters):
                call()
            per_call.append((time.perf_counter_ns() - s) / iters)
            busy += others_running() > allowed
        if busy * 5 <= reps:
            break
        if attempt == 3:
            DISTURBED[1] += 1
            break
        DISTURBED[0] += 1
        for _ in range(600):  # wait up to 60 s for quiet
            time.sleep(0.1)
            if others_running() <= allowed:
                break
    return nbytes / statistics.median(per_call)  # bytes per ns = GB/s


def fmt(v):
    if v is None:
        return "—"
    return f"{v:.0f}" if v >= 100 else f"{v:.1f}" if v >= 10 else f"{v:.2f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    reps, batch_s, warm_s = (3, 0.002, 0.005) if args.quick else (7, 0.005, 0.02)
    rng = np.random.default_rng(0)
    data = {n: rng.uniform(-8, 8, n).astype(np.float32) for n, _ in SIZES}
    outs = {n: np.empty(n, np.float32) for n, _ in SIZES}

    peers = [("numpy " + np.__version__, numpy_kernels(), False)]
    jk = jax_kernels()
    if jk is not None:
        import jax
        peers.append(("jax " + jax.__version__ + " (jit, CPU)", jk, True))
    else:
        print("(jax not installed: no jax column)\n")

    names = list(numpy_kernels().keys() | (jk.keys() if jk else set()))
    order = ["relu", "leaky_relu:0.2", "relu6", "hardtanh", "hardsigmoid", "hardswish", "elu",
             "gelu", "gelu:tanh", "sigmoid", "tanh", "silu", "softplus", "mish"]
    names = [n for n in order if n in names]

    results = {}
    for label, kernels, is_jax in peers:
        for n, sname in SIZES:
            x, o = data[n], outs[n]
            nbytes = 2 * n * 4
            copy = measure(lambda: np.copyto(o, x), nbytes, reps, batch_s, warm_s,
                           (os.cpu_count() or 1) - 1)
            results[(label, "copy", n)] = copy
            if is_jax:
                import jax
                xj = jax.device_put(x)
            for name in names:
                if name not in kernels:
                    continue
                f = kernels[name]
                if is_jax:
                    call = lambda f=f: f(xj).block_until_ready()
                else:
                    call = lambda f=f: f(x, o)
                # numpy uses one CPU: others may use the rest.
                allowed = 0 if is_jax else (os.cpu_count() or 1) - 1
                results[(label, name, n)] = measure(call, nbytes, reps, batch_s, warm_s, allowed)
            print(f"\r{label} {sname} done   ", end="", file=sys.stderr)
    print("\r" + " " * 40 + "\r", end="", file=sys.stderr)

    print("### Python peers, f32 (GB/s; numpy: one thread; jax: XLA's default CPU threading)\n")
    print("Compare with the f32 tables above. Compound expressions allocate temporaries"
          " in numpy; jax figures include its per-call dispatch. numpy's f16 math runs"
          " through float conversion loops and it has no bf16, so only f32 is shown.\n")
    head = "| activation |" + "".join(f" {p[0]} {s} |" for p in peers for _, s in SIZES)
    print(head)
    print("|---|" + "---:|" * (len(peers) * len(SIZES)))
    print("| *copy (np.copyto)* |" + "".join(
        f" *{fmt(results.get((p[0], 'copy', n)))}* |" for p in peers for n, _ in SIZES))
    for name in names:
        print(f"| {name} |" + "".join(
            f" {fmt(results.get((p[0], name, n)))} |" for p in peers for n, _ in SIZES))
    print(f"\n{DISTURBED[0]} measurements were repeated after waiting for other processes"
          + (f"; **{DISTURBED[1]} were still disturbed**." if DISTURBED[1] else "."))


if __name__ == "__main__":
    main()
