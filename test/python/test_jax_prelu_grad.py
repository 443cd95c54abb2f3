"""jax.grad of relu_mlir.jax.prelu w.r.t. x and the slope: the derived backward
kernel (act.grad of prelu, JAX conventions, two results) through its XLA FFI
handler, against jax.grad of the jnp composition in float64.

The reference is `jnp.where(x >= 0, x, slope_b * x)`: jax.nn.leaky_relu's form,
whose slope at 0 (and -0.0) is 1, the JAX convention docs/gradients.md gives
for prelu (`jnp.where(x > 0, ...)` would give slope[c] there; the two agree
everywhere else). NaN takes slope[c] in both, and its d slope is NaN.

Bounds (eps of the dtype, as check_mask_prelu.c's):
  dx       |ours - ref| <= 1 eps max(|ref|, tiny)   (dy * slope rounded once; halves twice)
  d slope  |ours - ref| <= (m / 16 + 16) eps_c sum|dy x| + 0.5 eps max(|ref|, tiny)
           m = terms per channel, eps_c of the compute type (f32 for halves)
"""

import numpy as np
import pytest

jax = pytest.importorskip("jax")
import jax.numpy as jnp  # noqa: E402
import ml_dtypes  # noqa: E402

import relu_mlir  # noqa: E402
import relu_mlir.jax as J  # noqa: E402
from helpers import NP_DTYPES, eps, inputs  # noqa: E402

if hasattr(jax, "enable_x64"):
    enable_x64 = jax.enable_x64
else:
    from jax.experimental import enable_x64  # noqa: E402

DTYPES = ["f16", "bf16", "f32", "f64"]

pytestmark = pytest.mark.skipif(not J.backward_available(),
                                reason="relu-cc without --grad (no derived backward kernels)")


def reference(x, slope, axis):
    """prelu as jnp ops, jax.nn.leaky_relu's form (x >= 0)."""
    if slope.shape[-1] != 1:
        shape = [1] * x.ndim
        shape[axis] = -1
        slope = slope.reshape(shape)
    return jnp.where(x >= 0, x, slope * x)


def loss(prelu, w, axis):
    # A weighted sum: the cotangent dy is w, not all ones.
    return lambda x, s: (prelu(x, s, axis) * w).sum()


def data(dtype, shape, axis, seed=0, single=False):
    rng = np.random.default_rng(seed)
    t = NP_DTYPES[dtype]
    size = int(np.prod(shape))
    x = inputs(np.float64, n=size, seed=seed, specials=False)
    x = rng.permutation(np.resize(x, size))
    x[:4] = [0.0, -0.0, np.nan, -1.5]  # kinks and a NaN in channel 0 (axis 1) or first channels
    x = x.reshape(shape).astype(t)
    channels = 1 if single else shape[axis]
    slope = rng.uniform(-1, 1, channels).astype(t)
    w = rng.uniform(-2, 2, shape).astype(t)
    return x, slope, w


def check(dtype, x, slope, w, axis, got_dx, got_ds):
    """got_* (ours) against jax.grad of the float64 composition, with the bounds above."""
    with enable_x64(True):
        x64, s64, w64 = (jnp.asarray(np.asarray(v, np.float64)) for v in (x, slope, w))
        want_dx, want_ds = jax.grad(loss(reference, w64, axis), argnums=(0, 1))(x64, s64)
    want_dx, want_ds = np.asarray(want_dx), np.asarray(want_ds)
    # sum |dy x| over each channel's elements below 0: the scale of d slope's sum.
    x64, w64 = np.asarray(x, np.float64), np.asarray(w, np.float64)
    terms = np.where(x64 >= 0, 0.0, np.abs(w64 * x64))
    magnitude = (np.moveaxis(terms, axis, -1).reshape(-1, slope.size).sum(0) if slope.size > 1
                 else terms.sum(keepdims=True).reshape(1))
    e = eps(NP_DTYPES[dtype])
    # Below the smallest normal number, ULPs stop shrinking.
    tiny = float(ml_dtypes.finfo(NP_DTYPES[dtype]).tiny)
    e_compute = eps(np.float64) if dtype == "f64" else eps(np.float32)
    m = x.size // slope.size
    bounds = {"dx": (np.asarray(got_dx, np.float64), want_dx, e * np.maximum(np.abs(want_dx), tiny)),
              "d slope": (np.asarray(got_ds, np.float64), want_ds,
                          (m / 16 + 16) * e_compute * magnitude + 0.5 * e * np.maximum(np.abs(want_ds), tiny))}
    for what, (got, want, bound) in bounds.items():
        assert got.shape == want.shape, what
        both_nan = np.isnan(got) & np.isnan(want)
        bad = ~((np.abs(got - want) <= bound) | both_nan)
        assert not bad.any(), (f"{what}: {bad.sum()} off, first at {np.argwhere(bad)[0]}: "
                               f"got {got[bad][0]}, want {want[bad][0]}")


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape,axis,single", [((8, 16, 33), 1, False), ((5, 7, 3, 4), -1, False),
                                               ((40, 64), 1, True), ((3, 6, 1000), 1, False)])
def test_prelu_gradients(dtype, shape, axis, single):
    x, slope, w = data(dtype, shape, axis, single=single)
    with enable_x64(dtype == "f64"):
        dx, ds = jax.jit(jax.grad(loss(J.prelu, w, axis), argnums=(0, 1)))(x, slope)
        assert dx.dtype == x.dtype and ds.dtype == slope.dtype and ds.shape == slope.shape
    check(dtype, x, slope, w, axis, dx, ds)


@pytest.mark.parametrize("dtype", DTYPES)
def test_prelu_gradients_vmap(dtype):
    """vmap over batched x, batched slope or both: each batch's d slope is its own
    sum (one kernel call per batch), bit for bit the unbatched gradient; grad of a
    vmap with a shared slope sums the batches' (JAX's transpose of the broadcast)."""
    batch, shape, axis = 3, (4, 6, 50), 1
    xs, ss, ws = zip(*(data(dtype, shape, axis, seed=b) for b in range(batch)))
    xs, ss, w = np.stack(xs), np.stack(ss), ws[0]
    with enable_x64(dtype == "f64"):
        grad = jax.grad(loss(J.prelu, w, axis), argnums=(0, 1))
        single = [jax.jit(grad)(xs[b], ss[b]) for b in range(batch)]
        shared = [jax.jit(grad)(xs[b], ss[0]) for b in range(batch)]
        both = jax.jit(jax.vmap(grad))(xs, ss)
        only_x = jax.jit(jax.vmap(grad, in_axes=(0, None)))(xs, ss[0])
        only_s = jax.jit(jax.vmap(grad, in_axes=(None, 0)))(xs[0], ss)
        summed = jax.jit(jax.grad(lambda x, s: jax.vmap(loss(J.prelu, w, axis), in_axes=(0, None))(x, s).sum(),
                                  argnums=1))(xs, ss[0])
    for b in range(batch):
        for got, want in [(both, single[b]), (only_x, shared[b])]:
            for i in range(2):  # as float64: NaN == NaN for bfloat16 too
                np.testing.assert_array_equal(np.asarray(got[i][b], np.float64),
                                              np.asarray(want[i], np.float64))
        check(dtype, xs[0], ss[b], w, axis, only_s[0][b], only_s[1][b])
    # The batches' sum, against the float64 reference of the whole batch.
    with enable_x64(True):
        want = jax.grad(lambda x, s: jax.vmap(loss(reference, jnp.asarray(w, np.float64), axis),
                                              in_axes=(0, None))(x, s).sum(), argnums=1)(
            jnp.asarray(xs, np.float64), jnp.asarray(ss[0], np.float64))
    per_batch = np.stack([np.asarray(g[1], np.float64) for g in shared])
    # JAX adds the per-batch sums in the kernel's dtype: one more rounding each.
    bound = batch * eps(NP_DTYPES[dtype]) * np.abs(per_batch).sum(0) + \
        np.abs(per_batch.sum(0) - np.asarray(want))
    assert np.all((np.abs(np.asarray(summed, np.float64) - np.asarray(want)) <= 2 * bound)
                  | np.isnan(np.asarray(want)))


@pytest.mark.parametrize("mode", ["serial", "relu", "xla"])
def test_prelu_gradients_threading(mode):
    """Large batched calls in every threading mode: batches are spread over
    threads, each batch's sums stay in one kernel call, so the results are
    bit-identical to the serial run."""
    xs = np.stack([data("f32", (16, 8, 2048), 1, seed=b)[0] for b in range(8)])
    ss = np.stack([data("f32", (16, 8, 2048), 1, seed=b)[1] for b in range(8)])
    w = data("f32", (16, 8, 2048), 1)[2]
    grad = jax.jit(jax.vmap(jax.grad(loss(J.prelu, w, 1), argnums=(0, 1))))
    relu_mlir.set_xla_threading("serial")
    try:
        want = grad(xs, ss)
        jax.block_until_ready(want)
        relu_mlir.set_xla_threading(mode)
        got = grad(xs + 0, ss)  # a new computation: the same program, new buffers
        jax.block_until_ready(got)
    finally:
        relu_mlir.set_xla_threading("relu")
    np.testing.assert_array_equal(np.asarray(got[0]), np.asarray(want[0]))
    np.testing.assert_array_equal(np.asarray(got[1]), np.asarray(want[1]))
    check("f32", xs[3], ss[3], w, 1, got[0][3], got[1][3])


def test_prelu_gradients_empty_and_errors():
    # No elements: d slope is 0 (a sum over nothing), not uninitialised memory.
    x = jnp.zeros((0, 3, 4), jnp.float32)
    slope = jnp.full(3, 0.5, jnp.float32)
    dx, ds = jax.jit(jax.grad(lambda x, s: J.prelu(x, s).sum(), argnums=(0, 1)))(x, slope)
    assert dx.shape == (0, 3, 4)
    np.testing.assert_array_equal(np.asarray(ds), np.zeros(3, np.float32))
    # The handler checks d slope's shape: [batch dimensions of x..., C].
    lib, kernel = relu_mlir._kernels.resolve_backward(relu_mlir.ACTIVATIONS["prelu"], (), "f32")
    target = J.ffi_target(lib, kernel)
    x = -jnp.ones((2, 3, 4), jnp.float32)
    f = jax.ffi.ffi_call(target, (jax.ShapeDtypeStruct(x.shape, x.dtype),
                                  jax.ShapeDtypeStruct((4,), x.dtype)))
    with pytest.raises(Exception, match="per-channel result 1 has shape \\[4\\]"):
        jax.block_until_ready(f(x, x, jnp.ones(3, jnp.float32)))
    g = jax.ffi.ffi_call(target, jax.ShapeDtypeStruct(x.shape, x.dtype))
    with pytest.raises(Exception, match="expected 3 operand\\(s\\) and 2 result\\(s\\), got 3 and 1"):
        jax.block_until_ready(g(x, x, jnp.ones(3, jnp.float32)))
