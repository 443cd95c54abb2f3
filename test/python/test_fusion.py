"""Fusion groups (docs/fusion.md): unfused compositions in MLIR, which relu-cc
fuses into one kernel each (act-fuse), against float64 references of the same
compositions. The activations' float64 values come from relu_mlir.cpu's f64
kernels (their one definition); the producers and consumers are numpy."""

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
    # CPU only: the XLA and GPU kernels take no halves buffer yet.
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


# ---- gradients through groups (act.grad holding act.fused) -------------------

GRAD_SOURCE = ROOT / "test" / "Target" / "Cpu" / "Inputs" / "fused-grad.mlir"


@pytest.fixture(scope="module")
def grad_lib(tmp_path_factory):
    # Several results: CPU kernels only (the XLA handlers take one).
    return relu_mlir.compile(source=str(GRAD_SOURCE), xla=False,
                             cache_dir=tmp_path_factory.mktemp("fgrad"))


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


@pytest.mark.parametrize("name", sorted(GROUPS))
def test_group_gradient_matches_jax_grad(grad_lib, name):
    jax = pytest.importorskip("jax")
    import jax.numpy as jnp
    dy, primals, sizes = grad_case(name)
    got = run_grad(grad_lib, name, dy, primals, sizes)
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
