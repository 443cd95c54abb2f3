"""Run-time activation parameters (relu-cc `?`) through relu_mlir: one kernel
compiled once takes the float parameters per call, giving exactly what the
kernel compiled with each value gives (numpy and jax paths), and values
outside the activation's domain are errors at the call."""

import numpy as np
import pytest

import relu_mlir
import relu_mlir.cpu as C
from relu_mlir import _kernels
from helpers import NP_DTYPES, inputs

#: (name, several parameter sets)
CASES = [
    ("leaky_relu", [{"negative_slope": v} for v in (0.25, -2.0, 0.01, 3.0)]),
    ("clamp", [{"min": -1.0, "max": 1.0}, {"min": 0.5, "max": 0.5}, {"min": -2.0, "max": 3.0}]),
    ("threshold", [{"threshold": 0.5, "value": -2.0}, {"threshold": -1.0, "value": 7.0}]),
    ("elu", [{"alpha": 0.5}, {"alpha": -1.0}]),
    ("celu", [{"alpha": 2.0}, {"alpha": -0.5}]),
    ("swish", [{"beta": 1.5}, {"beta": 1.0}]),
    ("softplus", [{"beta": 2.0, "threshold": 10.0}, {"beta": -1.0, "threshold": 5.0}]),
]


def same(a, b):
    """Equal values, NaN matching NaN (whatever its sign)."""
    a, b = a.astype(np.float64), b.astype(np.float64)
    return np.array_equal(np.isnan(a), np.isnan(b)) and np.array_equal(a[~np.isnan(a)],
                                                                       b[~np.isnan(b)])


@pytest.mark.parametrize("dtype", sorted(NP_DTYPES))
@pytest.mark.parametrize("name,param_sets", CASES, ids=[c[0] for c in CASES])
def test_cpu_dynamic_matches_static_kernels(name, param_sets, dtype):
    x = inputs(NP_DTYPES[dtype], n=2000)
    for params in param_sets:
        dynamic = getattr(C, name)(x, **params, dynamic=True)
        static = getattr(C, name)(x, **params)
        assert dynamic.dtype == x.dtype
        assert same(dynamic, static), params
    # Every value went to one kernel: one library for the `?` spec.
    activation = relu_mlir.ACTIVATIONS[name]
    libraries = {_kernels.resolve(activation, activation.bind(p), dtype, True)
                 for p in param_sets}
    assert len({lib.key for lib, _ in libraries}) == 1
    assert len({kernel for _, kernel in libraries}) == 1


def test_cpu_dynamic_against_closed_forms():
    x = inputs(np.float64, n=2000, specials=False)
    for s in (0.0, 0.3, -1.5):
        np.testing.assert_array_equal(C.leaky_relu(x, s, dynamic=True), np.where(x > 0, x, s * x))
    np.testing.assert_array_equal(C.clamp(x, -0.5, 2.0, dynamic=True), np.clip(x, -0.5, 2.0))
    np.testing.assert_allclose(C.elu(x, 2.0, dynamic=True),
                               np.where(x > 0, x, 2.0 * np.expm1(x)), rtol=1e-15)


def test_cpu_dynamic_out_of_domain_is_an_error_at_the_call():
    x = np.zeros(16, np.float32)
    out = np.full(16, 5.0, np.float32)
    with pytest.raises(relu_mlir.KernelError, match="status 6"):
        C.clamp(x, min=2.0, max=1.0, dynamic=True, out=out)
    np.testing.assert_array_equal(out, 5.0)  # not written
    with pytest.raises(relu_mlir.KernelError, match="status 6"):
        C.celu(x, alpha=0.0, dynamic=True)
    with pytest.raises(relu_mlir.KernelError, match="status 6"):
        C.softplus(x, beta=0.0, dynamic=True)
    # The static path still rejects it at compile time.
    with pytest.raises(relu_mlir.CompileError, match="must not exceed max"):
        C.clamp(x, min=2.0, max=1.0)


def test_kernel_signature_lists_the_scalars():
    library, kernel = _kernels.resolve(relu_mlir.ACTIVATIONS["clamp"], (0.0, 1.0), "f64", True)
    assert kernel == "clamp_dyn_dyn_f64"
    assert library.signature(kernel).scalars == (("min", "f64"), ("max", "f64"))
    assert library.signature(kernel).kind == "elementwise"


def test_jax_dynamic_matches_static():
    jax = pytest.importorskip("jax")
    import jax.numpy as jnp
    import relu_mlir.jax as J
    x = jnp.asarray(inputs(np.float32, n=2000))
    for s in (0.25, -2.0):
        dynamic = J.leaky_relu(x, s, dynamic=True)
        assert same(np.asarray(dynamic), np.asarray(J.leaky_relu(x, s)))
        jitted = jax.jit(lambda v, s=s: J.leaky_relu(v, s, dynamic=True))(x)
        assert same(np.asarray(jitted), np.asarray(dynamic))
    for lo, hi in ((-1.0, 1.0), (0.5, 0.5)):
        assert same(np.asarray(J.clamp(x, lo, hi, dynamic=True)), np.asarray(J.clamp(x, lo, hi)))
    # Gradients: one backward kernel takes the value at run time too (jax
    # conventions: slope 1 at 0), equal to the static kernels' gradients.
    for s in (0.25, -3.0):
        g = jax.grad(lambda v: J.leaky_relu(v, s, dynamic=True).sum())(x)
        np.testing.assert_array_equal(np.asarray(g), np.where(np.asarray(x) >= 0, 1.0, s))
        static = jax.grad(lambda v: J.leaky_relu(v, s).sum())(x)
        assert same(np.asarray(g), np.asarray(static))
    g = jax.grad(lambda v: J.softplus(v, beta=2.0, dynamic=True).sum())(x)
    static = jax.grad(lambda v: J.softplus(v, beta=2.0).sum())(x)
    assert same(np.asarray(g), np.asarray(static))
    activation = relu_mlir.ACTIVATIONS["leaky_relu"]
    keys = {_kernels.resolve_backward(activation, (s,), "f32", dynamic=True)[0].key
            for s in (0.25, -3.0)}
    assert len(keys) == 1


def test_jax_handler_decodes_and_checks_run_time_parameters():
    jax = pytest.importorskip("jax")
    import jax.numpy as jnp
    from relu_mlir.jax import ffi_target
    library, kernel = _kernels.resolve(relu_mlir.ACTIVATIONS["clamp"], (0.0, 1.0), "f32", True)
    f = jax.ffi.ffi_call(ffi_target(library, kernel), jax.ShapeDtypeStruct((8,), jnp.float32))
    x = jnp.linspace(-4, 4, 8, dtype=jnp.float32)
    np.testing.assert_array_equal(f(x, min=np.float64(-1), max=np.float64(2)), np.clip(x, -1, 2))
    np.testing.assert_array_equal(f(x, min=np.float32(0), max=np.float32(0)), np.zeros(8))
    with pytest.raises(Exception, match="attribute max is required"):
        jax.block_until_ready(f(x, min=np.float64(0)))
    with pytest.raises(Exception, match="outside the activation's domain"):
        jax.block_until_ready(f(x, min=np.float64(2), max=np.float64(1)))
    with pytest.raises(Exception, match="unknown attribute 'beta'.*accepts: min, max"):
        jax.block_until_ready(f(x, min=np.float64(0), max=np.float64(1), beta=np.float64(1)))
