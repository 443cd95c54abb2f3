#!/usr/bin/env python3
"""relu-mlir GPU kernels against PyTorch on the same GPU.

    torch_bench.py check   --lib out/u0/librelu_gpu.so [--out DIR]
    torch_bench.py time    --lib out/u0/librelu_gpu.so [--lib out/u1/...] [--out DIR]
                           [--direction forward|backward|both] [--compile] [--n N]

check: every activation of test/Integration/Cpu/Inputs/activations.def x
  {f32, bf16, f16} x {forward, backward from the input}: our kernels (called
  with torch tensors' data_ptr() on torch's current stream) against the
  float64 result of torch on the GPU (forward: f(x) in float64; backward:
  autograd of f in float64), on the CPU test's edge values plus random data,
  at an unaligned offset too (which must give the same bits). Forward errors
  are in ULPs as in the CPU test (f32: of the float64 value; f16/bf16:
  distance from the correctly rounded value) held to activations.def's
  bounds; backward errors in eps * max(|dx|, |dy|) held to the bounds of
  test/Integration/Cpu/Inputs/check_backward.c. torch's own error in the same
  dtype, same metric, is printed beside ours. Writes check.md/.json.

time: GB/s (bytes read + written) of ours (each --lib, e.g. one per
  --gpu-unroll), torch eager, optionally torch.compile, and the device copy
  (y.copy_(x)), 64M elements by default, median of triton.testing.do_bench
  when triton is there (as the anchors), else of CUDA-event timings. Writes
  time_<direction>.md/.csv/.json.

Exits 77 ("skipped") when torch or a CUDA GPU is missing."""
import argparse
import ctypes
import json
import math
import os
import re
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ACTIVATIONS_DEF = os.path.join(ROOT, "test", "Integration", "Cpu", "Inputs", "activations.def")
DTYPES = ["f32", "bf16", "f16"]
# The anchors' cases (docs: /work/shared/anchors): torch.compile is timed for these.
COMPILE_SUBSET = {"relu", "leaky_relu", "relu6", "elu", "selu", "gelu", "gelu:tanh", "silu",
                  "mish", "softplus", "hardswish"}
# Targets of issue 5: bf16/f16 cases where eager torch is slow; ours >= 1.3x.
SLOW_EAGER_16BIT = {"mish", "softplus", "elu", "selu", "gelu"}


def read_activations():
    rows = re.findall(r'^X\((\w+),\s*"([^"]+)",\s*(\w+),\s*([0-9.]+),\s*([0-9.]+)\)',
                      open(ACTIVATIONS_DEF).read(), re.M)
    return [dict(stem=s, spec=p, kind=k, f32_bound=float(a), half_bound=float(b))
            for s, p, k, a, b in rows]


def torch_functions(torch):
    """spec -> (forward f(x), backward(dy, x, y) with aten's backward op, or None)."""
    F = torch.nn.functional
    A = torch.ops.aten
    selu_alpha, selu_scale = 1.6732632423543772848170429916717, 1.0507009873554804934193349852946
    return {
        "relu": (F.relu, lambda dy, x, y: A.threshold_backward(dy, x, 0)),
        "leaky_relu": (lambda x: F.leaky_relu(x, 0.01),
                       lambda dy, x, y: A.leaky_relu_backward(dy, x, 0.01, False)),
        "leaky_relu:0.25": (lambda x: F.leaky_relu(x, 0.25),
                            lambda dy, x, y: A.leaky_relu_backward(dy, x, 0.25, False)),
        "clamp": (F.hardtanh, lambda dy, x, y: A.hardtanh_backward(dy, x, -1.0, 1.0)),
        "relu6": (F.relu6, lambda dy, x, y: A.hardtanh_backward(dy, x, 0.0, 6.0)),
        "threshold:0.5:-2": (lambda x: F.threshold(x, 0.5, -2.0),
                             lambda dy, x, y: A.threshold_backward(dy, x, 0.5)),
        "hardsigmoid": (F.hardsigmoid, lambda dy, x, y: A.hardsigmoid_backward(dy, x)),
        "hardswish": (F.hardswish, lambda dy, x, y: A.hardswish_backward(dy, x)),
        "elu": (F.elu, lambda dy, x, y: A.elu_backward(dy, 1.0, 1.0, 1.0, False, x)),
        "elu:0.5": (lambda x: F.elu(x, 0.5),
                    lambda dy, x, y: A.elu_backward(dy, 0.5, 1.0, 1.0, False, x)),
        "selu": (F.selu, lambda dy, x, y: A.elu_backward(dy, selu_alpha, selu_scale, 1.0, False, x)),
        "celu:2": (lambda x: F.celu(x, 2.0),
                   lambda dy, x, y: A.elu_backward(dy, 2.0, 1.0, 0.5, False, x)),
        "gelu": (F.gelu, lambda dy, x, y: A.gelu_backward(dy, x)),
        "gelu:tanh": (lambda x: F.gelu(x, approximate="tanh"),
                      lambda dy, x, y: A.gelu_backward(dy, x, approximate="tanh")),
        "sigmoid": (torch.sigmoid, lambda dy, x, y: A.sigmoid_backward(dy, y)),
        "tanh": (torch.tanh, lambda dy, x, y: A.tanh_backward(dy, y)),
        "silu": (F.silu, lambda dy, x, y: A.silu_backward(dy, x)),
        "swish:1.5": (lambda x: x * torch.sigmoid(1.5 * x), None),
        "softplus": (F.softplus, lambda dy, x, y: A.softplus_backward(dy, x, 1.0, 20.0)),
        "softplus:2:10": (lambda x: F.softplus(x, 2.0, 10.0),
                          lambda dy, x, y: A.softplus_backward(dy, x, 2.0, 10.0)),
        "mish": (F.mish, lambda dy, x, y: A.mish_backward(dy, x)),
    }


class Kernels:
    """The entry points of one librelu_gpu.so (relu-cc --target=nvptx)."""

    def __init__(self, path):
        self.path = path
        self.lib = ctypes.CDLL(path)
        self.lib.relu_rt_status_string.restype = ctypes.c_char_p
        self.lib.relu_rt_cuda_error_detail.restype = ctypes.c_char_p

    def function(self, name, inputs):
        fn = getattr(self.lib, name, None)
        if fn is None:
            return None
        fn.restype = ctypes.c_int
        fn.argtypes = [ctypes.c_void_p] * (inputs + 1) + [ctypes.c_int64, ctypes.c_void_p]
        return fn

    def call(self, fn, torch, *tensors):
        """fn(inputs..., out, n, stream) on torch's current stream."""
        out = tensors[-1]
        stream = torch.cuda.current_stream().cuda_stream
        status = fn(*[t.data_ptr() for t in tensors], out.numel(), stream)
        if status != 0:
            raise RuntimeError("%s: %s | %s" % (fn.__name__, self.lib.relu_rt_status_string(status).decode(),
                                                self.lib.relu_rt_cuda_error_detail().decode()))


# ---- inputs and errors (as test/Integration/Cpu/Inputs/check_activations.c) ----

def edge_values():
    import numpy as np
    f32 = np.float32
    flt_min = float(np.finfo(f32).tiny)
    flt_max = float(np.finfo(f32).max)
    specials = [0.0, -0.0, math.inf, -math.inf, 1e-45, -1e-45, 1.17549421e-38, -1.17549421e-38,
                flt_min, -flt_min, 1e-30, -1e-30, 1e30, -1e30, flt_max, -flt_max, 1e-7, -1e-7,
                88.7, -88.7, 89.0, -104.0, 9.0, -9.0]
    kinks = [0, 1, -1, 3, -3, 6, 0.5, 20, -20, 10, 5, -5, 0.25, 2, -2, 4, -4, 7.5, -7.5, 15, -15]
    values = [math.nan, -math.nan] + specials
    for k in kinks:
        k = f32(k)
        values += [k, np.nextafter(k, f32(math.inf)), np.nextafter(k, f32(-math.inf)),
                   f32(k + f32(1e-3)), f32(k - f32(1e-3))]
    return [float(v) for v in values]


def make_inputs(torch, n, dtype, seed):
    g = torch.Generator(device="cpu").manual_seed(seed)
    x = torch.empty(n, dtype=torch.float64)
    kind = torch.randint(0, 4, (n,), generator=g)
    x[kind == 0] = torch.empty(int((kind == 0).sum())).uniform_(-12, 12, generator=g).double()
    x[kind == 1] = torch.empty(int((kind == 1).sum())).uniform_(-100, 100, generator=g).double()
    m = int((kind == 2).sum())
    x[kind == 2] = (torch.empty(m).uniform_(-1, 1, generator=g).double() *
                    torch.pow(2.0, torch.randint(-40, 20, (m,), generator=g).double()))
    m = int((kind == 3).sum())
    bits = torch.randint(-(1 << 31), 1 << 31, (m,), generator=g, dtype=torch.int64)
    bits = (bits & 0xff7fffff).to(torch.int32)  # finite f32 bit patterns
    x[kind == 3] = bits.view(torch.float32).double()
    edges = torch.tensor(edge_values(), dtype=torch.float64)
    x[:len(edges)] = edges
    return x.to(dtype)


def round_to_odd_f32(torch, r):
    """float64 -> float32 rounded to odd: a second rounding to 16 bits is then
    the correct rounding of the float64 value."""
    f = r.to(torch.float32)
    finite = torch.isfinite(f) & torch.isfinite(r)
    toward_zero = torch.where(f.double().abs() > r.abs(), torch.nextafter(f, torch.zeros_like(f)), f)
    inexact = finite & (toward_zero.double() != r)
    bits = toward_zero.view(torch.int32)
    bits = torch.where(inexact, bits | 1, bits)
    return torch.where(finite, bits.view(torch.float32), f)


def ulp_errors(torch, got, ref64, dtype_name):
    """Per-element error of `got` against the float64 `ref64`, in the CPU
    test's units; NaN agreement separately."""
    g = got.double()
    nan_mismatch = torch.isnan(g) != torch.isnan(ref64)
    both = ~(torch.isnan(g) | torch.isnan(ref64))
    if dtype_name == "f32":
        rf = ref64.to(torch.float32)
        exponent = torch.frexp(ref64)[1] - 1
        exponent = torch.clamp(exponent, min=-126)
        ulp = torch.pow(2.0, (exponent - 23).double())
        err = (g - ref64).abs() / ulp
        inf_case = torch.isinf(rf) | torch.isinf(g)
        err = torch.where(inf_case, torch.where(g == rf.double(), 0.0, math.inf), err)
    else:
        target = torch.bfloat16 if dtype_name == "bf16" else torch.float16
        cr = round_to_odd_f32(torch, ref64).to(target)

        def ordered(t):
            u = t.view(torch.int16).to(torch.int32) & 0xffff
            return torch.where(u >= 0x8000, -(u & 0x7fff), u)
        err = (ordered(got.to(target)) - ordered(cr)).abs().double()
    # Results below 2^-60 are judged by an absolute bound (their ULPs shrink
    # into subnormals), in ULPs of 2^-60; f16 cannot hold them.
    tiny = both & (ref64.abs() < 2.0 ** -60) if dtype_name != "f16" else torch.zeros_like(both)
    tiny_scale = 2.0 ** -83 if dtype_name == "f32" else 2.0 ** -67
    tiny_err = torch.where(tiny, (g - ref64).abs() / tiny_scale, torch.zeros_like(g))
    err = torch.where(both & ~tiny, err, torch.zeros_like(err))
    return err, tiny_err, nan_mismatch


EPS = {"f32": 2.0 ** -23, "bf16": 2.0 ** -7, "f16": 2.0 ** -10}


def gradient_errors(torch, got, ref64, dy, dtype_name):
    """The backward metric of test/Integration/Cpu/Inputs/check_backward.c:
    |dx - ref| in units of eps * max(|ref|, |dy|) (a derivative that cancels,
    like tanh' = 1 - t^2, is accurate relative to dy, not to itself)."""
    g = got.double()
    nan_mismatch = torch.isnan(g) != torch.isnan(ref64)
    both = ~(torch.isnan(g) | torch.isnan(ref64)) & torch.isfinite(ref64) & torch.isfinite(dy.double())
    scale = EPS[dtype_name] * torch.maximum(ref64.abs(), dy.double().abs())
    err = torch.where(g == ref64, torch.zeros_like(g), (g - ref64).abs() / scale)
    err = torch.where(both, err, torch.zeros_like(err))
    inf_bad = ~both & ~torch.isnan(g) & ~torch.isnan(ref64) & (g != ref64) & torch.isinf(ref64)
    return err, torch.zeros_like(err), nan_mismatch | inf_bad


def check(args, torch):
    fns = torch_functions(torch)
    kernels = Kernels(args.lib[0])
    acts = read_activations()
    rows, failures = [], 0
    n = args.check_n
    device = torch.device("cuda")
    for act in acts:
        if args.only and act["spec"] not in args.only.split(","):
            continue
        fwd, bwd = fns[act["spec"]]
        for dname in DTYPES:
            dtype = {"f32": torch.float32, "bf16": torch.bfloat16, "f16": torch.float16}[dname]
            x = make_inputs(torch, n + 1, dtype, 1).to(device)
            dy = make_inputs(torch, n + 1, dtype, 2).to(device)
            for direction in ("forward", "backward"):
                name = "%s_%s" % (act["stem"], dname) if direction == "forward" else \
                    "%s_backward_%s" % (act["stem"], dname)
                fn = kernels.function(name, 1 if direction == "forward" else 2)
                if fn is None:
                    rows.append(dict(spec=act["spec"], dtype=dname, direction=direction, status="missing"))
                    continue
                # The same data aligned, one element off (the scalar head
                # path: same misalignment), and input/output differently
                # misaligned (all scalar): the results must be the same bits.
                results = []
                for x_off, out_off in ((0, 0), (1, 1), (1, 3)):
                    xs = torch.empty(n + 8, dtype=dtype, device=device)[x_off:x_off + n]
                    dys = torch.empty(n + 8, dtype=dtype, device=device)[x_off:x_off + n]
                    xs.copy_(x[:n])
                    dys.copy_(dy[:n])
                    out = torch.empty(n + 8, dtype=dtype, device=device)[out_off:out_off + n]
                    if direction == "forward":
                        kernels.call(fn, torch, xs, out)
                    else:
                        kernels.call(fn, torch, dys, xs, out)
                    results.append(out)
                torch.cuda.synchronize()
                # Same bits, or NaN for NaN (a NaN's sign and payload depend on
                # the instruction: packed and scalar conversions may differ).
                bits = torch.int16 if dname != "f32" else torch.int32
                same = all(bool(((results[0].view(bits) == r.view(bits)) |
                                 (torch.isnan(results[0]) & torch.isnan(r))).all())
                           for r in results[1:])
                xs, dys = x[:n], dy[:n]
                x64 = xs.double()
                if direction == "forward":
                    ref64 = fwd(x64)
                    theirs = fwd(xs)
                else:
                    x64 = x64.clone().requires_grad_(True)
                    (ref64,) = torch.autograd.grad(fwd(x64), x64, dys.double())
                    ref64 = ref64.detach()
                    theirs = None
                    if bwd is not None:
                        theirs = bwd(dys, xs, fwd(xs))
                if direction == "forward":
                    bound = act["f32_bound"] if dname == "f32" else act["half_bound"]
                    measure = lambda got: ulp_errors(torch, got, ref64, dname)
                else:  # check_backward.c's bounds
                    bound = (48.0 if act["spec"] == "mish" else 4.0) if dname == "f32" else 1.0
                    measure = lambda got: gradient_errors(torch, got, ref64, dys, dname)
                err, tiny, nan_mismatch = measure(results[0])
                ours = float(err.max())
                ours_tiny = float(tiny.max())
                theirs_err = None
                if theirs is not None:
                    terr, _, _ = measure(theirs)
                    theirs_err = float(terr.max())
                nan_bad = int(nan_mismatch.sum())
                ok = same and nan_bad == 0 and ours <= bound and ours_tiny <= 2
                failures += not ok
                rows.append(dict(spec=act["spec"], dtype=dname, direction=direction,
                                 status="ok" if ok else "FAIL", ours_ulp=ours, bound=bound,
                                 torch_ulp=theirs_err, tiny=ours_tiny, nan_mismatches=nan_bad,
                                 unaligned_same=same))
                if not ok:
                    worst = int(err.argmax())
                    print("FAIL %s %s %s: %.2f ULP (bound %g) at x=%r, dy=%r, NaN mismatches %d, "
                          "unaligned same %s" % (act["spec"], dname, direction, ours, bound,
                                                 float(xs[worst]), float(dys[worst]), nan_bad, same))
    lines = ["Forward: ULPs; backward: eps * max(|dx|, |dy|). Reference: torch in float64 on the GPU.", "",
             "| activation | dtype | direction | ours max error | bound | torch max error | status |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        if r["status"] == "missing":
            lines.append("| %s | %s | %s | - | - | - | no kernel |" % (r["spec"], r["dtype"], r["direction"]))
            continue
        lines.append("| %s | %s | %s | %.2f | %g | %s | %s |" % (
            r["spec"], r["dtype"], r["direction"], r["ours_ulp"], r["bound"],
            "-" if r["torch_ulp"] is None else "%.2f" % r["torch_ulp"], r["status"]))
    checked = sum(r["status"] != "missing" for r in rows)
    summary = "%d passed, %d failed (against torch in float64 on the GPU)" % (checked - failures, failures)
    text = "\n".join(lines) + "\n\n" + summary + "\n"
    print(text)
    write(args.out, "check.md", text)
    write(args.out, "check.json", json.dumps(rows, indent=1))
    return 1 if failures else 0


# ---- timing ---------------------------------------------------------------

def timer(torch):
    try:
        from triton.testing import do_bench
        return "triton.testing.do_bench (median)", lambda f: do_bench(f, warmup=25, rep=100,
                                                                      return_mode="median")
    except Exception:  # no triton
        def bench(f):
            for _ in range(3):
                f()
            start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
            times = []
            for _ in range(7):
                start.record()
                for _ in range(10):
                    f()
                end.record()
                end.synchronize()
                times.append(start.elapsed_time(end) / 10)
            return sorted(times)[len(times) // 2]
        return "CUDA events (median of 7 x 10)", bench


def time_all(args, torch):
    fns = torch_functions(torch)
    libs = [Kernels(p) for p in args.lib]
    method, bench = timer(torch)
    acts = read_activations()
    n = args.n
    device = torch.device("cuda")
    directions = ["forward", "backward"] if args.direction == "both" else [args.direction]
    started = time.time()
    rows = []
    for dname in DTYPES:
        dtype = {"f32": torch.float32, "bf16": torch.bfloat16, "f16": torch.float16}[dname]
        es = torch.tensor([], dtype=dtype).element_size()
        x = (torch.randn(n, device=device) * 4).to(dtype)
        dy = torch.randn(n, device=device).to(dtype)
        y = torch.empty_like(x)
        copy_ms = bench(lambda: y.copy_(x))
        copy = 2 * n * es / (copy_ms * 1e6)
        rows.append(dict(direction="copy", spec="copy", dtype=dname, ours=copy, copy=copy))
        for act in acts:
            if args.only and act["spec"] not in args.only.split(","):
                continue
            fwd, bwd = fns[act["spec"]]
            for direction in directions:
                bytes_moved = (2 if direction == "forward" else 3) * n * es
                gbps = lambda ms: bytes_moved / (ms * 1e6)
                row = dict(direction=direction, spec=act["spec"], dtype=dname, copy=copy, variants={})
                for lib in libs:
                    name = "%s_%s" % (act["stem"], dname) if direction == "forward" else \
                        "%s_backward_%s" % (act["stem"], dname)
                    fn = lib.function(name, 1 if direction == "forward" else 2)
                    if fn is None:
                        continue
                    stream = torch.cuda.current_stream().cuda_stream
                    if direction == "forward":
                        call = lambda: fn(x.data_ptr(), y.data_ptr(), n, stream)
                    else:
                        call = lambda: fn(dy.data_ptr(), x.data_ptr(), y.data_ptr(), n, stream)
                    if call() != 0:
                        raise RuntimeError("%s in %s failed: %s" % (name, lib.path,
                                           lib.lib.relu_rt_cuda_error_detail().decode()))
                    row["variants"][os.path.basename(os.path.dirname(lib.path))] = gbps(bench(call))
                if row["variants"]:
                    row["ours"] = max(row["variants"].values())
                    row["best"] = max(row["variants"], key=row["variants"].get)
                if direction == "forward":
                    eager = lambda: fwd(x)
                else:
                    saved = fwd(x)
                    eager = (lambda: bwd(dy, x, saved)) if bwd else None
                row["eager"] = gbps(bench(eager)) if eager else None
                row["compiled"] = None
                if args.compile and eager and act["spec"] in COMPILE_SUBSET and \
                        time.time() - started < args.budget:
                    try:
                        if direction == "forward":
                            compiled = torch.compile(fwd, dynamic=False)
                            run = lambda: compiled(x)
                        else:
                            compiled = torch.compile(lambda a, b, c: bwd(a, b, c), dynamic=False)
                            run = lambda: compiled(dy, x, saved)
                        run()
                        row["compiled"] = gbps(bench(run))
                    except Exception as e:  # no triton, or inductor failed
                        row["compiled_error"] = str(e).splitlines()[0][:120] if str(e) else type(e).__name__
                rows.append(row)
                print("%s %s %s: ours %s, eager %s, compile %s (copy %.0f)" % (
                    direction, act["spec"], dname, fmt(row.get("ours")), fmt(row["eager"]),
                    fmt(row["compiled"]), copy), flush=True)
        del x, dy, y
        torch.cuda.empty_cache()
    text = report(rows, method, n, torch)
    print(text)
    name = "time_%s%s" % (args.direction, "_compile" if args.compile else "")
    write(args.out, name + ".md", text)
    write(args.out, name + ".json", json.dumps(rows, indent=1))
    with open(os.path.join(args.out, name + ".csv"), "w") as f:
        f.write("direction,activation,dtype,ours_GBps,best_variant,eager_GBps,compile_GBps,copy_GBps\n")
        for r in rows:
            f.write("%s,%s,%s,%s,%s,%s,%s,%.1f\n" % (r["direction"], r["spec"], r["dtype"],
                    fmt(r.get("ours")), r.get("best", ""), fmt(r.get("eager")),
                    fmt(r.get("compiled")), r["copy"]))
    return 0


def fmt(v):
    return "-" if v is None else "%.0f" % v


def report(rows, method, n, torch):
    props = torch.cuda.get_device_properties(0)
    lines = ["%s, torch %s, %d elements, %s; GB/s = bytes read + written" % (
        props.name, torch.__version__, n, method), "",
        "| direction | activation | dtype | ours GB/s | % of copy | best unroll | eager | ours/eager | compile | ours/compile | target met |",
        "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        if r["direction"] == "copy":
            lines.append("| copy | device copy | %s | %.0f | 100 | | | | | | |" % (r["dtype"], r["ours"]))
            continue
        ours = r.get("ours")
        pct = 100 * ours / r["copy"] if ours else None
        vs_eager = ours / r["eager"] if ours and r.get("eager") else None
        vs_compile = ours / r["compiled"] if ours and r.get("compiled") else None
        need = 1.3 if (r["dtype"] != "f32" and r["spec"] in SLOW_EAGER_16BIT and
                       r["direction"] == "forward") else 1.0
        met = ours is not None and pct >= 97 and (vs_eager is None or vs_eager >= need)
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["direction"], r["spec"], r["dtype"], fmt(ours), "-" if pct is None else "%.1f" % pct,
            r.get("best", "-"), fmt(r.get("eager")), "-" if vs_eager is None else "%.2f" % vs_eager,
            fmt(r.get("compiled")), "-" if vs_compile is None else "%.2f" % vs_compile,
            "yes" if met else "**no**"))
    return "\n".join(lines) + "\n"


def write(directory, name, text):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, name), "w") as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stage", choices=["check", "time"])
    parser.add_argument("--lib", action="append", required=True,
                        help="a librelu_gpu.so (bench/gpu/build.sh); the first is checked")
    parser.add_argument("--out", default=os.environ.get("OUT", "results"))
    parser.add_argument("--n", type=int, default=64 << 20)
    parser.add_argument("--check-n", type=int, default=(1 << 20) + 3)
    parser.add_argument("--direction", choices=["forward", "backward", "both"], default="both")
    parser.add_argument("--compile", action="store_true", help="time torch.compile too (anchor cases)")
    parser.add_argument("--budget", type=float, default=420,
                        help="seconds after which no more torch.compile runs start")
    parser.add_argument("--only", default="", help="comma-separated specs")
    args = parser.parse_args()
    try:
        import torch
    except ImportError:
        print("skipped: torch is not installed")
        return 77
    if not torch.cuda.is_available():
        print("skipped: torch sees no CUDA GPU")
        return 77
    torch.cuda.init()
    return check(args, torch) if args.stage == "check" else time_all(args, torch)


if __name__ == "__main__":
    sys.exit(main())
