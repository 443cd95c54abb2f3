"""relu_mlir.cpu: every activation x dtype against the float64 reference (the
f64 kernels, whose math is libm's), and the array handling: dtypes, layouts,
out= and in-place calls, shapes, threads, bad input."""

import numpy as np
import pytest

import relu_mlir
import relu_mlir.cpu as C
from helpers import BF16, CASES, EXACT, NP_DTYPES, case_id, inputs, ulp_distance_half, ulps_f32

HALF = [d for d in ("f16", "bf16") if d in NP_DTYPES]


def run(name, x, **params):
    return getattr(C, name)(x, **params)


@pytest.mark.parametrize("dtype", ["f32"] + HALF)
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_matches_float64_reference(case, dtype):
    name, params, f32_bound, half_bound = case
    x = inputs(NP_DTYPES[dtype])
    y = run(name, x, **params)
    assert y.dtype == x.dtype and y.shape == x.shape
    ref = run(name, x.astype(np.float64), **params)
    assert np.array_equal(np.isnan(y.astype(np.float64)), np.isnan(ref))
    if dtype == "f32":
        tiny = np.abs(ref) < 2.0 ** -60
        err = ulps_f32(y, ref)
        assert err[~tiny].max() <= f32_bound, f"max error {err[~tiny].max()} ULP at x = {x[~tiny][np.argmax(err[~tiny])]}"
        tiny_err = np.abs(y[tiny].astype(np.float64) - ref[tiny]) / 2.0 ** -83
        assert tiny_err.max(initial=0) <= 2
    else:
        rounded = ref.astype(NP_DTYPES[dtype])
        err = ulp_distance_half(y, rounded)
        if dtype == "bf16":  # as check_activations.c: tiny results by an absolute bound
            tiny = np.abs(ref) < 2.0 ** -60
            tiny_err = np.abs(y[tiny].astype(np.float64) - ref[tiny]) / 2.0 ** -67
            assert tiny_err.max(initial=0) <= 2
            err = np.where(tiny, 0, err)
        assert err.max() <= half_bound, f"max error {err.max()} ULP at x = {x[np.argmax(err)]}"
    if name in EXACT:  # zero signs too
        zero = (y.astype(np.float64) == 0) & (ref == 0)
        assert np.array_equal(np.signbit(y[zero].astype(np.float64)), np.signbit(ref[zero]))


def test_float64_kernels_are_the_reference_definitions():
    x = inputs(np.float64, specials=False)
    # A few closed forms, to make sure the reference is what it claims.
    np.testing.assert_array_equal(C.relu(x), np.maximum(x, 0))
    np.testing.assert_allclose(C.sigmoid(x), 1 / (1 + np.exp(-x)), rtol=1e-15, atol=1e-300)
    np.testing.assert_allclose(C.tanh(x), np.tanh(x), rtol=1e-15)
    np.testing.assert_allclose(C.elu(x), np.where(x > 0, x, np.expm1(x)), rtol=1e-15)
    np.testing.assert_allclose(C.softplus(x, threshold=np.inf), np.logaddexp(x, 0), rtol=2e-15)
    np.testing.assert_array_equal(C.threshold(x, 0.5, -2.0), np.where(x <= 0.5, -2.0, x))


@pytest.mark.parametrize("dtype", sorted(NP_DTYPES))
def test_dtypes_preserved(dtype):
    x = np.linspace(-3, 3, 101).astype(NP_DTYPES[dtype])
    for name in ("relu", "gelu", "softplus", "mish"):
        assert run(name, x).dtype == x.dtype


def test_out_in_place_and_layouts():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(64, 33)).astype(np.float32)
    expected = C.gelu(x, "tanh")
    # A fresh result is C-contiguous.
    assert expected.flags.c_contiguous
    # out=
    out = np.empty_like(x)
    assert C.gelu(x, "tanh", out=out) is out
    np.testing.assert_array_equal(out, expected)
    # In place.
    y = x.copy()
    assert C.gelu(y, "tanh", out=y) is y
    np.testing.assert_array_equal(y, expected)
    # Non-contiguous input (a transpose and a strided view).
    np.testing.assert_array_equal(C.gelu(x.T, "tanh"), expected.T)
    np.testing.assert_array_equal(C.gelu(x[:, ::2], "tanh"), expected[:, ::2])
    # Non-contiguous out.
    big = np.zeros((64, 66), np.float32)
    view = big[:, ::2]
    assert C.gelu(x, "tanh", out=view) is view
    np.testing.assert_array_equal(big[:, ::2], expected)
    assert not big[:, 1::2].any()
    # out partially overlapping the input (shifted by one element).
    buf = np.concatenate([x.ravel(), [0]]).astype(np.float32)
    src, dst = buf[:-1], buf[1:]
    ref = C.relu(src.copy())
    C.relu(src, out=dst)
    np.testing.assert_array_equal(dst, ref)


def test_shapes():
    # 0-d, Python scalars, zero-size, higher rank.
    assert C.relu(np.float32(-2.0)) == 0.0
    assert isinstance(C.relu(-2.0), np.floating)
    zero = np.empty((0, 5), np.float32)
    assert C.mish(zero).shape == (0, 5)
    x = np.arange(-12, 12, dtype=np.float64).reshape(2, 3, 4)
    np.testing.assert_array_equal(C.relu6(x), np.clip(x, 0, 6))


def test_large_arrays_use_threads_consistently():
    x = inputs(np.float32, n=1 << 21, specials=False)
    many = C.silu(x)
    relu_mlir.set_num_threads(1)
    try:
        one = C.silu(x)
    finally:
        import os
        relu_mlir.set_num_threads(os.cpu_count() or 1)
    np.testing.assert_array_equal(many, one)


@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.bool_, np.complex64, np.uint8])
def test_unsupported_dtype(dtype):
    with pytest.raises(relu_mlir.UnsupportedDtypeError, match="not supported"):
        C.relu(np.zeros(4, dtype))
    with pytest.raises(TypeError):  # UnsupportedDtypeError is a TypeError
        C.gelu(np.zeros(4, dtype))


def test_bad_out():
    x = np.zeros(8, np.float32)
    with pytest.raises(ValueError, match="shape"):
        C.relu(x, out=np.zeros(9, np.float32))
    with pytest.raises(relu_mlir.UnsupportedDtypeError, match="dtype"):
        C.relu(x, out=np.zeros(8, np.float64))
    ro = np.zeros(8, np.float32)
    ro.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        C.relu(x, out=ro)
    with pytest.raises(TypeError):
        C.relu(x, out=[0.0] * 8)


def test_bad_parameters():
    x = np.zeros(4, np.float32)
    with pytest.raises(relu_mlir.UnsupportedAttributeError, match="approximate"):
        C.gelu(x, approximate="sigmoid")
    with pytest.raises(relu_mlir.UnsupportedAttributeError, match="unknown activation"):
        C.apply("swoosh", x)
    with pytest.raises(relu_mlir.UnsupportedAttributeError, match="unknown parameter"):
        C.apply("elu", x, beta=2.0)
    with pytest.raises(relu_mlir.UnsupportedAttributeError, match="NaN"):
        C.elu(x, alpha=float("nan"))
    with pytest.raises(relu_mlir.UnsupportedAttributeError, match="number"):
        C.elu(x, alpha="big")
    # relu-cc's own checks (the op verifiers) come back as CompileError.
    with pytest.raises(relu_mlir.CompileError, match="must not exceed max"):
        C.clamp(x, min=3.0, max=1.0)


def test_parameters_compile_new_kernels():
    x = np.linspace(-4, 4, 17, dtype=np.float32)
    np.testing.assert_array_equal(C.leaky_relu(x, 0.5), np.where(x > 0, x, np.float32(0.5) * x))
    np.testing.assert_array_equal(C.clamp(x, -1.5, 2.5), np.clip(x, -1.5, 2.5))
    np.testing.assert_allclose(C.elu(x, alpha=2.0), np.where(x > 0, x, 2 * np.expm1(x)), rtol=1e-6)


def test_prelu():
    rng = np.random.default_rng(2)
    x = rng.normal(size=(2, 3, 4, 5)).astype(np.float32)
    slope = np.array([0.1, 0.2, 0.3], np.float32)
    expected = np.where(x > 0, x, slope[None, :, None, None] * x)
    np.testing.assert_array_equal(C.prelu(x, slope), expected)
    # Another axis, negative axes, a single slope, in place.
    s4 = np.arange(1, 5, dtype=np.float32) / 10
    np.testing.assert_array_equal(C.prelu(x, s4, axis=2), np.where(x > 0, x, s4[:, None] * x))
    np.testing.assert_array_equal(C.prelu(x, s4, axis=-2), np.where(x > 0, x, s4[:, None] * x))
    np.testing.assert_array_equal(C.prelu(x, np.float32(0.25)), np.where(x > 0, x, 0.25 * x))
    np.testing.assert_array_equal(C.prelu(np.float32(-2.0), [0.5]), np.float32(-1.0))
    y = x.copy()
    C.prelu(y, slope, out=y)
    np.testing.assert_array_equal(y, expected)
    with pytest.raises(ValueError, match="channels"):
        C.prelu(x, np.ones(5, np.float32))
    with pytest.raises(ValueError, match="out of range"):
        C.prelu(x, slope, axis=4)
    with pytest.raises(relu_mlir.UnsupportedDtypeError):
        C.prelu(x, slope.astype(np.float64))


@pytest.mark.skipif(BF16 is None, reason="ml_dtypes not installed")
def test_bfloat16_via_ml_dtypes():
    x = np.array([-2, -0.5, 0, 0.5, 2], dtype=BF16)
    y = C.relu(x)
    assert y.dtype == BF16
    np.testing.assert_array_equal(y.astype(np.float32), [0, 0, 0, 0.5, 2])
