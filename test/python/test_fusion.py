"""Fusion groups (docs/fusion.md): unfused compositions in MLIR, which relu-cc
fuses into one kernel each (act-fuse), against float64 references of the same
compositions. The activations' float64 values come from relu_mlir.cpu's f64
kernels (their one definition); the producers and consumers are numpy."""

import os
from pathlib import Path

import numpy as np
import pytest

import relu_mlir
import relu_mlir.cpu as C
from conftest import ROOT
from helpers import BF16, ulp_distance_half

SOURCE = ROOT / "test" / "Target" / "Cpu" / "Inputs" / "fused-groups.mlir"


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    return relu_mlir.compile(source=str(SOURCE), cache_dir=tmp_path_factory.mktemp("fusion"))


def call(lib, name, inputs, out, sizes):
    status = lib.function(name)(*[a.ctypes.data for a in inputs], out.ctypes.data, *sizes)
    lib.check(status, name)
    return out


def data(shape, seed):
    return np.random.default_rng(seed).uniform(-4, 4, size=shape).astype(np.float32)


def assert_f32_close(y, ref):
    """Within 8 f32 roundings of the terms' magnitude (cancellation in the sums
    makes a relative bound meaningless; a wrong broadcast is off by O(1))."""
    err = np.abs(y.astype(np.float64) - ref)
    bound = 8 * 2.0 ** -24 * (1 + np.abs(ref))
    assert (err <= bound).all(), f"max error {err.max()} at {np.argmax(err - bound)}"


@pytest.mark.parametrize("shape", [(3, 5, 7), (2, 16, 1), (1, 1, 33)])
def test_bias_gelu(lib, shape):
    x, bias = data(shape, 1), data(shape[1], 2)
    y = call(lib, "bias_gelu", [x, bias], np.empty_like(x), shape)
    s = x.astype(np.float64) + bias.astype(np.float64)[None, :, None]
    # The group adds in f32, as the unfused kernels would: the reference
    # rounds the sum the same way before the activation.
    ref = C.gelu(s.astype(np.float32).astype(np.float64), "tanh")
    assert_f32_close(y, ref)


def test_scale_shift_relu(lib):
    shape = (4, 6, 19)
    x, scale, shift = data(shape, 3), data(6, 4), data(6, 5)
    y = call(lib, "scale_shift_relu", [x, scale, shift], np.empty_like(x), shape)
    bn = (x * scale[None, :, None]).astype(np.float64) + shift.astype(np.float64)[None, :, None]
    assert_f32_close(y, C.relu(bn))


@pytest.mark.parametrize("n", [1, 31, 1000])
def test_residual_silu(lib, n):
    x, r1, r2 = data(n, 6), data(n, 7), data(n, 8)
    y = call(lib, "residual_silu", [x, r1, r2], np.empty_like(x), [n])
    s = (x + r1).astype(np.float64)
    assert_f32_close(y, C.silu(s) + r2)


def test_chain(lib):
    x = data(257, 9)
    y = call(lib, "chain", [x], np.empty_like(x), [257])
    ref = C.clamp(C.elu(C.leaky_relu(x.astype(np.float64), 0.2)), -0.5, 0.75)
    assert_f32_close(y, ref)


@pytest.mark.parametrize("name,act", [("geglu", lambda v: C.gelu(v)),
                                      ("swiglu_bf16", lambda v: C.silu(v))])
def test_glu_two_tensors(lib, name, act):
    if name.endswith("bf16") and BF16 is None:
        pytest.skip("bfloat16 needs ml_dtypes")
    a, b = data(100, 10), data(100, 11)
    out = np.empty(100, BF16 if name.endswith("bf16") else np.float32)
    y = call(lib, name, [a, b], out, [100])
    ref = act(a.astype(np.float64)) * b.astype(np.float64)
    if name.endswith("bf16"):
        # f32 product rounded once to bf16: at most one bf16 step from the
        # correctly rounded reference (double rounding).
        assert ulp_distance_half(y, ref.astype(BF16)).max() <= 1
    else:
        assert_f32_close(y, ref)


def test_reglu_f16(lib):
    a, b = data(64, 12).astype(np.float16), data(64, 13).astype(np.float16)
    y = call(lib, "reglu_f16", [a, b], np.empty(64, np.float16), [64])
    # relu is exact; the product is rounded once to f16.
    ref = (C.relu(a.astype(np.float64)) * b.astype(np.float64)).astype(np.float16)
    assert ulp_distance_half(y, ref).max() <= 1


# ---- GLU of the two halves of one tensor (kernel ABI halves buffer) ----------

HALVES_SOURCE = ROOT / "test" / "Target" / "Cpu" / "Inputs" / "glu-halves.mlir"


@pytest.fixture(scope="module")
def halves_lib(tmp_path_factory):
    # The C ABI (XLA handlers: test_glu_halves_through_xla_ffi; the GPU kernels:
    # test/Integration/Nvptx/fused-no-gpu.test, xla-cuda.test).
    return relu_mlir.compile(source=str(HALVES_SOURCE), xla=False,
                             cache_dir=tmp_path_factory.mktemp("halves"))


@pytest.mark.parametrize("name,act,shape", [
    ("swiglu_halves", C.silu, (3, 5, 7)),
    ("swiglu_halves", C.silu, (1, 1, 1)),
    ("swiglu_halves", C.silu, (5, 7, 2001)),
    ("geglu_last_halves", C.gelu, (7, 33, 1)),
    ("geglu_last_halves", C.gelu, (3000, 37, 1))])
def test_glu_halves(halves_lib, name, act, shape):
    """act(a) * b of x = [a, b] along axis 1, against float64 (the last
    sizes are split across threads by the shim)."""
    outer, channels, inner = shape
    x = data((outer, 2 * channels, inner), 14)
    y = call(halves_lib, name, [x], np.full(shape, np.nan, np.float32), shape)
    a, b = x[:, :channels, :].astype(np.float64), x[:, channels:, :].astype(np.float64)
    assert_f32_close(y, act(a) * b)


def test_glu_halves_quick_spec(tmp_path):
    """The same from relu_mlir.compile(fuse=[...]): swiglu of the halves of the
    last axis of a [tokens, 2 * d] tensor (odd d: a masked tail)."""
    lib = relu_mlir.compile(fuse=["halves:last,silu,mul"], xla=False, cache_dir=tmp_path)
    tokens, d = 9, 37
    x = data((tokens, 2 * d), 15)
    y = call(lib, "fused_halves_last_silu_mul_f32", [x], np.full((tokens, d), np.nan, np.float32),
             [tokens, d, 1])
    ref = C.silu(x[:, :d].astype(np.float64)) * x[:, d:].astype(np.float64)
    assert_f32_close(y, ref)


HALVES_XLA = {"fused_halves_silu_mul_f32": 1, "fused_halves_last_silu_mul_f32": -1}


@pytest.fixture(scope="module")
def xla_halves_lib(tmp_path_factory):
    pytest.importorskip("jax")
    return relu_mlir.compile(fuse=["halves,silu,mul", "halves:last,silu,mul"], xla=True,
                             cache_dir=tmp_path_factory.mktemp("hxla"))


@pytest.mark.parametrize("name,shape", [
    ("fused_halves_silu_mul_f32", (3, 2 * 7, 5)),
    ("fused_halves_silu_mul_f32", (5, 2 * 7, 2001)),  # split across threads
    ("fused_halves_last_silu_mul_f32", (9, 2 * 37)),
    ("fused_halves_last_silu_mul_f32", (2, 3, 2 * 37)),
    ("fused_halves_last_silu_mul_f32", (3000, 2 * 37))])
def test_glu_halves_through_xla_ffi(xla_halves_lib, name, shape):
    """silu(a) * b of x = [a, b] (jnp.split along the channel axis, odd
    halves) through the XLA handler, against float64."""
    jax = pytest.importorskip("jax")
    import jax.numpy as jnp
    from relu_mlir.jax import ffi_target
    axis = HALVES_XLA[name]
    x = data(shape, 16)
    out_shape = list(shape)
    out_shape[axis] //= 2
    call = jax.ffi.ffi_call(ffi_target(xla_halves_lib, name),
                            jax.ShapeDtypeStruct(tuple(out_shape), np.float32))
    y = np.asarray(jax.jit(lambda x: call(x, channel_axis=np.int64(axis)))(x))
    a, b = (np.asarray(h, np.float64) for h in jnp.split(x, 2, axis))
    assert_f32_close(y, C.silu(a) * b)


@pytest.mark.parametrize("shape,out_shape,message", [
    ((3, 13, 5), (3, 6, 5), "odd size 13 on the channel axis"),
    ((3, 14, 5), (3, 6, 5), "twice its 6 channels")])
def test_glu_halves_xla_bad_shapes(xla_halves_lib, shape, out_shape, message):
    jax = pytest.importorskip("jax")
    from relu_mlir.jax import ffi_target
    call = jax.ffi.ffi_call(ffi_target(xla_halves_lib, "fused_halves_silu_mul_f32"),
                            jax.ShapeDtypeStruct(out_shape, np.float32))
    with pytest.raises(jax.errors.JaxRuntimeError, match=message):
        jax.jit(call)(data(shape, 17)).block_until_ready()


# ---- gradients through groups (act.grad holding act.fused) -------------------

GRAD_SOURCE = ROOT / "test" / "Target" / "Cpu" / "Inputs" / "fused-grad.mlir"


@pytest.fixture(scope="module")
def grad_lib(tmp_path_factory):
    # With XLA handlers when jax is installed (several results each).
    return relu_mlir.compile(source=str(GRAD_SOURCE), cache_dir=tmp_path_factory.mktemp("fgrad"))


def run_grad(lib, name, dy, primals, sizes):
    outs = [np.empty_like(p) for p in primals]
    status = lib.function(name)(dy.ctypes.data, *[p.ctypes.data for p in primals],
                                *[o.ctypes.data for o in outs], *sizes)
    lib.check(status, name)
    return outs


def channel(v):
    return v[None, :, None]


# act.quantize's straight-through estimator (docs/fusion.md): the slope of
# the dequantized value is 1 where the unclamped roundeven(v / scale) + zp lies
# in [qmin, qmax], else 0. For finite differences: the clip-only function with
# those bounds (v / scale + zp within [qmin - 1/2, qmax + 1/2]); in jax: the
# STE idiom v + stop_gradient(q(v) - v), restricted to the clip range.
Q_SCALE, Q_ZP, Q_MIN, Q_MAX = 0.02, 3, -128, 127


def clip_only(v):
    return np.clip(v, (Q_MIN - Q_ZP - 0.5) * Q_SCALE, (Q_MAX - Q_ZP + 0.5) * Q_SCALE)


def jax_fake_quantize_ste(jnp, jax, v):
    t = jnp.round(v / Q_SCALE) + Q_ZP  # jnp.round: half to even
    fq = (jnp.clip(t, Q_MIN, Q_MAX) - Q_ZP) * Q_SCALE
    in_range = (t >= Q_MIN) & (t <= Q_MAX)
    sg = jax.lax.stop_gradient
    return jnp.where(in_range, v + sg(fq - v), sg(fq))


# The unfused compositions, in numpy on float64 with relu_mlir.cpu's f64
# activations (finite differences) and in jax (jax.grad).
GROUPS = {
    "bias_gelu_grad": (lambda x, b: C.gelu(x + channel(b), "tanh"),
                       lambda jnp, jax, x, b: jax.nn.gelu(x + b[None, :, None], approximate=True)),
    "scale_shift_silu_grad": (lambda x, s, t: C.silu(x * channel(s) + channel(t)),
                              lambda jnp, jax, x, s, t: jax.nn.silu(x * s[None, :, None] + t[None, :, None])),
    "residual_elu_grad": (lambda x, r1, r2: C.elu(x + r1) + r2,
                          lambda jnp, jax, x, r1, r2: jax.nn.elu(x + r1) + r2),
    "swiglu_grad": (lambda a, b: C.silu(a) * b, lambda jnp, jax, a, b: jax.nn.silu(a) * b),
    "bias_relu_quantize_grad": (
        lambda x, b: clip_only(C.relu(x + channel(b))),
        lambda jnp, jax, x, b: jax_fake_quantize_ste(jnp, jax, jax.nn.relu(x + b[None, :, None]))),
}
SHAPES = {"bias_gelu_grad": ((3, 8, 5), [(8,)]), "scale_shift_silu_grad": ((4, 6, 17), [(6,), (6,)]),
          "residual_elu_grad": ((50,), [(50,), (50,)]), "swiglu_grad": ((37,), [(37,)]),
          "bias_relu_quantize_grad": ((3, 8, 33), [(8,)])}


def grad_case(name):
    main, others = SHAPES[name]
    primals = [data(main, 20)] + [data(s, 21 + i) for i, s in enumerate(others)]
    dy = data(main, 30)
    sizes = main if len(main) == 3 else [main[0]]
    return dy, primals, sizes


def assert_grads_close(got, ref, what):
    for i, (g, r) in enumerate(zip(got, ref)):
        scale = np.abs(r).max() + 1
        err = np.abs(g.astype(np.float64) - r).max() / scale
        assert err <= 2e-5, f"{what}: gradient {i} off by {err} (relative to max |ref| + 1)"


@pytest.mark.parametrize("name", sorted(GROUPS))
def test_group_gradient_matches_finite_differences(grad_lib, name):
    dy, primals, sizes = grad_case(name)
    got = run_grad(grad_lib, name, dy, primals, sizes)
    f = GROUPS[name][0]
    p64 = [p.astype(np.float64) for p in primals]
    rng = np.random.default_rng(7)
    for _ in range(3):
        # <dy, J v> by central differences against <grads, v>.
        v = [rng.normal(size=p.shape) for p in p64]
        h = 1e-6
        plus = f(*[p + h * d for p, d in zip(p64, v)])
        minus = f(*[p - h * d for p, d in zip(p64, v)])
        fd = np.sum(dy.astype(np.float64) * (plus - minus) / (2 * h))
        analytic = sum(np.sum(g.astype(np.float64) * d) for g, d in zip(got, v))
        assert abs(fd - analytic) <= 1e-4 * (1 + abs(fd)), (fd, analytic)


def xla_grad(jax, lib, name, dy, primals):
    """The gradient kernel `name` as one XLA custom call with a result per primal."""
    from relu_mlir.jax import ffi_target
    results = [jax.ShapeDtypeStruct(p.shape, p.dtype) for p in primals]
    call = jax.ffi.ffi_call(ffi_target(lib, name), results)
    channel = len(primals[0].shape) == 3 and any(p.ndim == 1 for p in primals)
    attrs = {"channel_axis": np.int64(1)} if channel else {}
    return [np.asarray(r) for r in jax.jit(lambda *a: call(*a, **attrs))(dy, *primals)]


# The same kernels for NVPTX without a GPU: relu-cc --target=nvptx's CUDA
# entry points (argument checks, launches of the d bias and dx kernels) and
# relu_rt_cuda, against the fake driver of test/Integration/Nvptx, which runs
# each launch through the same kernels built by relu-cc --emulate-gpu. In a
# child process: relu_rt_cuda loads the driver named by its environment.
RUN_ON_FAKE_GPU = r"""
import ctypes, sys
import numpy as np
lib, cases = ctypes.CDLL(sys.argv[1]), np.load(sys.argv[2])
results = {}
for name in sys.argv[4:]:
    arrays = [cases[f"{name}:{i}"] for i in range(int(cases[f"{name}:count"]))]
    outs = [np.full_like(p, np.nan) for p in arrays[1:]]
    args = [ctypes.c_void_p(a.ctypes.data) for a in arrays + outs]
    args += [ctypes.c_int64(int(n)) for n in cases[f"{name}:sizes"]] + [ctypes.c_void_p(0)]
    fn = getattr(lib, name)
    fn.restype = ctypes.c_int
    status = fn(*args)
    if status != 0:
        sys.exit(f"{name}: status {status}")
    results.update({f"{name}:{i}": o for i, o in enumerate(outs)})
np.savez(sys.argv[3], **results)
"""


@pytest.fixture(scope="module")
def nvptx_grads(tmp_path_factory):
    """{name: gradients} of every GROUPS kernel through the GPU path."""
    import subprocess
    import sys
    from relu_mlir._compile import find_cc, find_relu_cc
    ptxas = Path(os.environ.get("CUDA_PATH") or "/usr/local/cuda") / "bin" / "ptxas"
    if not os.access(ptxas, os.X_OK):
        pytest.skip("the CUDA toolkit's ptxas is not installed")
    work = tmp_path_factory.mktemp("fgrad_nvptx")
    relu_cc, cc = str(find_relu_cc()), find_cc().split()
    fake = ROOT / "test" / "Integration" / "Nvptx" / "Inputs" / "fake_cuda.c"
    steps = [[relu_cc, "--target=nvptx", "--gpu-arch=sm_90", str(GRAD_SOURCE), "-o", "k.o"],
             cc + ["-shared", "-fPIC", "-O2", "-I.", "k_shim.c", "relu_rt.c", "relu_rt_cuda.c",
                   "k.o", "-lm", "-lpthread", "-ldl", "-o", "libgpu.so"],
             [relu_cc, "--emulate-gpu", str(GRAD_SOURCE), "-o", "emu.o", "--header=emu.h",
              "--shim=emu_shim.c"],
             cc + ["-shared", "-fPIC", "emu.o", "-lm", "-o", "libemu.so"],
             cc + ["-shared", "-fPIC", "-O2", str(fake), "-lpthread", "-ldl", "-o", "libfake.so"]]
    for step in steps:
        subprocess.run(step, cwd=work, check=True, capture_output=True)
    cases = {}
    for name in GROUPS:
        dy, primals, sizes = grad_case(name)
        cases.update({f"{name}:{i}": a for i, a in enumerate([dy] + primals)})
        cases[f"{name}:count"], cases[f"{name}:sizes"] = 1 + len(primals), np.array(sizes)
    np.savez(work / "cases.npz", **cases)
    env = dict(os.environ, RELU_MLIR_CUDA_LIBRARY=str(work / "libfake.so"), FAKE_CUDA="sm=90",
               RELU_MLIR_CUDA_FORCE_PTX="1", FAKE_CUDA_EXEC=str(work / "libemu.so"))
    run = subprocess.run([sys.executable, "-c", RUN_ON_FAKE_GPU, str(work / "libgpu.so"),
                          str(work / "cases.npz"), str(work / "out.npz"), *GROUPS],
                         env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    out = np.load(work / "out.npz")
    return {name: [out[f"{name}:{i}"] for i in range(len(SHAPES[name][1]) + 1)] for name in GROUPS}


@pytest.mark.parametrize("through", ["c", "xla", "nvptx"])
@pytest.mark.parametrize("name", sorted(GROUPS))
def test_group_gradient_matches_jax_grad(request, grad_lib, name, through):
    jax = pytest.importorskip("jax")
    import jax.numpy as jnp
    dy, primals, sizes = grad_case(name)
    if through == "c":
        got = run_grad(grad_lib, name, dy, primals, sizes)
    elif through == "xla":
        if not grad_lib.has_xla:
            pytest.skip("library built without XLA handlers")
        got = xla_grad(jax, grad_lib, name, dy, primals)
    else:
        got = request.getfixturevalue("nvptx_grads")[name]
    fn = GROUPS[name][1]
    # float64 in jax for this test only (the setting is process-wide).
    was_x64 = jax.config.jax_enable_x64
    jax.config.update("jax_enable_x64", True)
    try:
        _, vjp = jax.vjp(lambda *p: fn(jnp, jax, *p),
                         *[jnp.asarray(p, jnp.float64) for p in primals])
        ref = [np.asarray(r) for r in vjp(jnp.asarray(dy, jnp.float64))]
    finally:
        jax.config.update("jax_enable_x64", was_x64)
    assert all(r.dtype == np.float64 for r in ref)
    assert_grads_close(got, ref, name)


# Gradients of GLU halves: x = [a, b] along axis 1 of [outer, 2 * C, inner],
# y = act(a) * b; the kernel returns dx = [da, db] as one array of x's shape
# (test/Target/Cpu/Inputs/glu-halves-grad.mlir; the C entry points and the XLA
# handlers of platform cpu: one custom call whose result has x's shape).
HALVES_GRAD_SOURCE = ROOT / "test" / "Target" / "Cpu" / "Inputs" / "glu-halves-grad.mlir"
HALVES_GRADS = {
    # name: (act in float64 numpy, act in jax, (outer, C, inner) shapes)
    "swiglu_halves_grad": (C.silu, lambda jax, a: jax.nn.silu(a), [(3, 5, 7), (2, 37, 1025)]),
    "geglu_last_halves_grad": (lambda a: C.gelu(a, "tanh"),
                               lambda jax, a: jax.nn.gelu(a, approximate=True),
                               [(9, 13, 1), (2000, 37, 1)]),
}
HALVES_GRAD_CASES = [(name, shape) for name, (_, _, shapes) in HALVES_GRADS.items()
                     for shape in shapes]


@pytest.fixture(scope="module")
def halves_grad_lib(tmp_path_factory):
    # With XLA handlers when jax is installed.
    return relu_mlir.compile(source=str(HALVES_GRAD_SOURCE),
                             cache_dir=tmp_path_factory.mktemp("hgrad"))


def halves_grad_run(lib, name, shape):
    outer, c, inner = shape
    x = data((outer, 2 * c, inner), 50)
    dy = data(shape, 51)
    dx = np.full_like(x, np.nan)
    status = lib.function(name)(dy.ctypes.data, x.ctypes.data, dx.ctypes.data, outer, c, inner)
    lib.check(status, name)
    return dy, x, dx


def halves_grad_xla(jax, lib, name, dy, x, result_shape=None):
    from relu_mlir.jax import ffi_target
    call = jax.ffi.ffi_call(ffi_target(lib, name),
                            jax.ShapeDtypeStruct(result_shape or x.shape, x.dtype))
    return np.asarray(jax.jit(lambda d, v: call(d, v, channel_axis=np.int64(1)))(dy, x))


@pytest.mark.parametrize("through", ["c", "xla"])
@pytest.mark.parametrize("name,shape", HALVES_GRAD_CASES)
def test_halves_gradient_matches_jax_grad(halves_grad_lib, name, shape, through):
    jax = pytest.importorskip("jax")
    import jax.numpy as jnp
    dy, x, dx = halves_grad_run(halves_grad_lib, name, shape)
    if through == "xla":
        if not halves_grad_lib.has_xla:
            pytest.skip("library built without XLA handlers")
        dx = halves_grad_xla(jax, halves_grad_lib, name, dy, x)
    act, c = HALVES_GRADS[name][1], shape[1]
    was_x64 = jax.config.jax_enable_x64
    jax.config.update("jax_enable_x64", True)
    try:
        # The unfused composition: slice, activation, product.
        _, vjp = jax.vjp(lambda v: act(jax, v[:, :c]) * v[:, c:], jnp.asarray(x, jnp.float64))
        (ref,) = vjp(jnp.asarray(dy, jnp.float64))
        ref = np.asarray(ref)
    finally:
        jax.config.update("jax_enable_x64", was_x64)
    assert ref.dtype == np.float64 and ref.shape == x.shape
    assert_grads_close([dx], [ref], name)


@pytest.mark.parametrize("result_shape,message", [
    ((3, 5, 7), r"result 0 has shape \[3, 5, 7\]; with the operand 0 of shape \[3, 5, 7\] it "
                r"must have the operand 0's shape with twice its 5 channels on axis 1"),
    ((3, 11, 7), r"result 0 has shape \[3, 11, 7\]"),
])
def test_halves_gradient_xla_bad_shapes(halves_grad_lib, result_shape, message):
    jax = pytest.importorskip("jax")
    if not halves_grad_lib.has_xla:
        pytest.skip("library built without XLA handlers")
    dy, x = data((3, 5, 7), 52), data((3, 10, 7), 53)
    with pytest.raises(jax.errors.JaxRuntimeError, match=message):
        halves_grad_xla(jax, halves_grad_lib, "swiglu_halves_grad", dy, x, result_shape)


@pytest.mark.parametrize("name,shape", HALVES_GRAD_CASES)
def test_halves_gradient_matches_finite_differences(halves_grad_lib, name, shape):
    dy, x, dx = halves_grad_run(halves_grad_lib, name, shape)
    act, c = HALVES_GRADS[name][0], shape[1]
    f = lambda v: act(v[:, :c]) * v[:, c:]  # noqa: E731 (float64 numpy)
    x64, dy64 = x.astype(np.float64), dy.astype(np.float64)
    rng = np.random.default_rng(8)
    for _ in range(3):
        # <dy, J v> by central differences against <dx, v>.
        v = rng.normal(size=x.shape)
        h = 1e-6
        fd = np.sum(dy64 * (f(x64 + h * v) - f(x64 - h * v)) / (2 * h))
        analytic = np.sum(dx.astype(np.float64) * v)
        assert abs(fd - analytic) <= 1e-4 * (1 + abs(fd)), (fd, analytic)


# ---- XLA: the same groups as custom calls (relu-cc --target=xla handlers) ----


def test_groups_through_xla_ffi(lib):
    jax = pytest.importorskip("jax")
    import jax.numpy as jnp
    from relu_mlir.jax import ffi_target
    if not lib.has_xla:
        pytest.skip("library built without XLA handlers")
    x = data((4, 6, 5), 40)
    bias = data(6, 41)
    call = jax.ffi.ffi_call(ffi_target(lib, "bias_gelu"), jax.ShapeDtypeStruct(x.shape, x.dtype))
    y = jax.jit(lambda x, b: call(x, b, channel_axis=np.int64(1)))(x, bias)
    s = (x + bias[None, :, None]).astype(np.float64)
    assert_f32_close(np.asarray(y), C.gelu(s, "tanh"))
    a, b, r = data(100, 42), data(100, 43), data(100, 44)
    call = jax.ffi.ffi_call(ffi_target(lib, "residual_silu"), jax.ShapeDtypeStruct(a.shape, a.dtype))
    y = jax.jit(call)(a, b, r)
    assert_f32_close(np.asarray(y), C.silu((a + b).astype(np.float64)) + r)
    if BF16 is not None:
        call = jax.ffi.ffi_call(ffi_target(lib, "swiglu_bf16"), jax.ShapeDtypeStruct(a.shape, jnp.bfloat16))
        y = np.asarray(jax.jit(call)(a, b))
        ref = C.silu(a.astype(np.float64)) * b.astype(np.float64)
        assert ulp_distance_half(y, ref.astype(BF16)).max() <= 1


# Integer and several results through XLA: quantize groups (int8 / uint8) and
# statistics side outputs, from the --fuse quick spec (relu_mlir.compile(fuse=)).
QUANTIZE_GROUPS = {
    # name: (quick spec, per-channel bias, scale, zero point, qmin, qmax, numpy dtype)
    "fused_bias_relu_quantize_0p02_3_f32": ("bias,relu,quantize:0.02:3", True, 0.02, 3, -128, 127,
                                            np.int8),
    "fused_relu_quantize_0p05_128_0_255_f32": ("relu,quantize:0.05:128:0:255", False, 0.05, 128, 0,
                                               255, np.uint8),
}
STATS_GROUPS = {"fused_bias_relu_stats_f32": "bias,relu,stats", "fused_relu_stats_f32": "relu,stats"}
STATS_BF16 = "fused_relu_stats_bf16"  # the same group for bf16 (y and max |y| in bf16)


@pytest.fixture(scope="module")
def xla_group_lib(tmp_path_factory):
    pytest.importorskip("jax")
    specs = [q[0] for q in QUANTIZE_GROUPS.values()] + list(STATS_GROUPS.values())
    dtypes = ["f32", "bf16"] if BF16 is not None else ["f32"]
    lib = relu_mlir.compile(fuse=specs, dtypes=dtypes, xla=True,
                            cache_dir=tmp_path_factory.mktemp("fxla"))
    assert set(QUANTIZE_GROUPS) | set(STATS_GROUPS) <= set(lib.kernels)
    return lib


def test_compile_fuse_signatures(xla_group_lib):
    """relu_mlir.compile(fuse=...) reads the groups' entry points from the header:
    int8 and int64 buffers, several outputs, channel kernels."""
    q = xla_group_lib.signature("fused_bias_relu_quantize_0p02_3_f32")
    assert (q.kind, q.num_inputs, q.dtype, q.input_dtypes) == ("channel", 2, "i8", ("f32", "f32"))
    st = xla_group_lib.signature("fused_relu_stats_f32")  # x, then y and four statistics
    assert (st.kind, st.num_inputs + 1) == ("channel", 6)
    assert "i64" in st.input_dtypes
    with pytest.raises(relu_mlir.UnsupportedAttributeError):
        relu_mlir.compile(fuse=["bias, relu"])


def edge_data(shape, seed):
    """Uniform values with NaN, +-0, +-inf, huge and tiny values and exact
    ties of the quantization steps mixed in."""
    x = data(shape, seed).ravel()
    special = np.array([np.nan, 0.0, -0.0, np.inf, -np.inf, 1e30, -1e30, 1e-30, 0.01, 0.03, 0.025,
                        0.075, 6.35, 6.37, 12.8, 20.0], np.float32)
    count = min(x.size, special.size)
    x[:count] = special[:count]
    return np.random.default_rng(seed).permutation(x).reshape(shape)


def quantize_reference(v, scale, zero_point, qmin, qmax, dtype):
    """act.quantize's definition in f32 (the kernels' compute type): v / scale
    rounded half to even, plus the zero point, saturated; NaN -> qmin."""
    with np.errstate(invalid="ignore", over="ignore"):
        t = np.round(v.astype(np.float32) / np.float32(scale)) + np.float32(zero_point)
    q = np.where(np.isnan(t), qmin, np.clip(t, qmin, qmax))
    return q.astype(dtype)


@pytest.mark.parametrize("name", sorted(QUANTIZE_GROUPS))
def test_quantize_groups_through_xla_ffi(xla_group_lib, name):
    jax = pytest.importorskip("jax")
    from relu_mlir.jax import ffi_target
    _, channel_bias, scale, zp, qmin, qmax, dtype = QUANTIZE_GROUPS[name]
    shape = (3, 7, 11) if channel_bias else (2, 501)
    x = edge_data(shape, 50)
    args, v = [x], x
    if channel_bias:
        bias = data(shape[1], 51)
        args.append(bias)
        v = x + bias[None, :, None]  # f32 addition, as the kernel
    ref = quantize_reference(np.maximum(v, 0), scale, zp, qmin, qmax, dtype)  # NaN stays NaN
    call = jax.ffi.ffi_call(ffi_target(xla_group_lib, name), jax.ShapeDtypeStruct(shape, dtype))
    attrs = {"channel_axis": np.int64(1)} if channel_bias else {}
    q = np.asarray(jax.jit(lambda *a: call(*a, **attrs))(*args))
    assert q.dtype == dtype
    mismatch = np.flatnonzero(q != ref)
    assert mismatch.size == 0, (f"{mismatch.size} differ, first at {mismatch[:5]}: "
                                f"{q.ravel()[mismatch[:5]]} vs {ref.ravel()[mismatch[:5]]}")


def statistics_reference(y, axis):
    """Zero counts (ordered: NaN is not zero) and max |y| (NaN propagates) per
    index along `axis` and in total."""
    moved = np.moveaxis(y.astype(np.float64), axis, 0).reshape(y.shape[axis], -1)
    zeros = (moved == 0).sum(axis=1).astype(np.int64)
    with np.errstate(invalid="ignore"):
        max_abs = np.where(np.isnan(moved).any(axis=1), np.nan,
                           np.abs(np.where(np.isnan(moved), 0.0, moved)).max(axis=1, initial=0.0))
    total_max = np.nan if np.isnan(max_abs).any() else max_abs.max(initial=0.0)
    return zeros, np.array([zeros.sum()]), max_abs, np.array([total_max])


@pytest.mark.parametrize("name,shape,axis", [("fused_bias_relu_stats_f32", (3, 7, 11), 1),
                                             ("fused_bias_relu_stats_f32", (4, 5, 6), -1),
                                             ("fused_relu_stats_f32", (2, 3, 4, 5), 1),
                                             ("fused_relu_stats_f32", (6, 9), -1),
                                             ("fused_relu_stats_f32", (0, 4, 3), 1),
                                             (STATS_BF16, (3, 7, 11), 1)])
def test_statistics_through_xla_ffi(xla_group_lib, name, shape, axis):
    jax = pytest.importorskip("jax")
    import jax.numpy as jnp
    from relu_mlir.jax import ffi_target
    dtype = np.dtype(np.float32)
    if name == STATS_BF16:
        if BF16 is None:
            pytest.skip("bfloat16 needs ml_dtypes")
        dtype = BF16
    x = (edge_data(shape, 60) if np.prod(shape) else np.zeros(shape, np.float32)).astype(dtype)
    channels = shape[axis]
    args, v = [x], x
    if "bias" in name:
        bias = data(channels, 61)
        args.append(bias)
        v = x + np.expand_dims(bias, [d for d in range(x.ndim) if d != axis % x.ndim])
    y_ref = np.maximum(v, 0)  # relu is exact (also in bf16); NaN stays NaN
    results = [jax.ShapeDtypeStruct(shape, dtype), jax.ShapeDtypeStruct((channels,), jnp.int64),
               jax.ShapeDtypeStruct((1,), jnp.int64), jax.ShapeDtypeStruct((channels,), dtype),
               jax.ShapeDtypeStruct((1,), dtype)]
    was_x64 = jax.config.jax_enable_x64
    jax.config.update("jax_enable_x64", True)  # int64 results
    try:
        call = jax.ffi.ffi_call(ffi_target(xla_group_lib, name), results)
        got = [np.asarray(r) for r in jax.jit(lambda *a: call(*a, channel_axis=np.int64(axis)))(*args)]
    finally:
        jax.config.update("jax_enable_x64", was_x64)
    np.testing.assert_array_equal(got[0].astype(np.float64), y_ref.astype(np.float64))
    for g, r in zip(got[1:], statistics_reference(y_ref, axis % x.ndim)):
        np.testing.assert_array_equal(g.astype(np.float64), r)
