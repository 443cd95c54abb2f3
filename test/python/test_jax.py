"""relu_mlir.jax: every activation x dtype against jax.nn (JAX's conventions),
under jit, vmap and shard_map on 4 CPU devices; the XLA FFI handlers' checks
(dtypes, attributes, shapes), aliasing, threading modes, the StableHLO module
relu-cc emits, and gradients (the derived backward kernels, once relu-cc has
them).

Tolerances:
  * against jax.nn in the same dtype: |ours - jax| <= 4 eps (max(|x| + |y_jax|, 1)),
    eps of the dtype. The |x| term covers jax.nn's own cancellation (1 + tanh
    and 1 + erf forms of GELU, x * sigmoid in the tails); piecewise-linear
    activations must match exactly.
  * float64 (the f64 kernels, libm math) against jax.nn in float64:
    |ours - jax| <= 16 eps64 max(|x| + |y_jax|, 1e-300).
"""

import math

import numpy as np
import pytest

jax = pytest.importorskip("jax")
import jax.numpy as jnp  # noqa: E402
from jax.sharding import Mesh, NamedSharding, PartitionSpec as P  # noqa: E402

import relu_mlir  # noqa: E402
import relu_mlir.cpu as C  # noqa: E402
import relu_mlir.jax as J  # noqa: E402
from helpers import BF16, NP_DTYPES, eps, inputs  # noqa: E402

# jax >= 0.5 (the oldest supported); newer names first.
if hasattr(jax, "enable_x64"):
    enable_x64 = jax.enable_x64
else:
    from jax.experimental import enable_x64  # noqa: E402
if hasattr(jax, "shard_map"):
    shard_map = jax.shard_map
else:
    from jax.experimental.shard_map import shard_map  # noqa: E402

#: (relu_mlir.jax name, params, jax reference, exact)
JAX_CASES = [
    ("relu", {}, jax.nn.relu, True),
    ("relu6", {}, jax.nn.relu6, True),
    ("leaky_relu", {}, jax.nn.leaky_relu, False),
    ("leaky_relu", {"negative_slope": 0.2}, lambda x: jax.nn.leaky_relu(x, 0.2), False),
    ("hard_tanh", {}, jax.nn.hard_tanh, True),
    # jax.nn has no clamp (jnp.clip differentiates to 1/2 at the bounds): slope 0
    # at the bounds as jax.nn.relu6 (docs/gradients.md); hard_tanh is jax.nn's.
    ("clamp", {"min": -0.5, "max": 2.0},
     lambda x: jnp.where((x > -0.5) & (x < 2.0), x,
                         jax.lax.stop_gradient(jnp.clip(x, -0.5, 2.0))), True),
    ("threshold", {"threshold": 0.5, "value": -2.0},
     lambda x: jnp.where(x <= 0.5, jnp.asarray(-2.0, x.dtype), x), True),
    ("hard_sigmoid", {}, jax.nn.hard_sigmoid, False),
    ("hard_swish", {}, jax.nn.hard_swish, False),
    ("hard_silu", {}, jax.nn.hard_silu, False),
    ("elu", {}, jax.nn.elu, False),
    ("elu", {"alpha": 0.5}, lambda x: jax.nn.elu(x, 0.5), False),
    ("selu", {}, jax.nn.selu, False),
    ("celu", {}, jax.nn.celu, False),
    ("celu", {"alpha": 2.0}, lambda x: jax.nn.celu(x, 2.0), False),
    ("gelu", {}, jax.nn.gelu, False),
    ("gelu", {"approximate": False}, lambda x: jax.nn.gelu(x, approximate=False), False),
    ("sigmoid", {}, jax.nn.sigmoid, False),
    ("tanh", {}, jnp.tanh, False),
    ("silu", {}, jax.nn.silu, False),
    ("swish", {}, jax.nn.swish, False),
    ("swish", {"beta": 1.5}, lambda x: x * jax.nn.sigmoid(1.5 * x), False),
    ("softplus", {}, jax.nn.softplus, False),
    ("mish", {}, jax.nn.mish, False),
]
JAX_DTYPES = [d for d in ("f16", "bf16", "f32", "f64") if d in NP_DTYPES]


def case_id(case):
    return case[0] + "".join(f"-{k}={v}" for k, v in case[1].items())


def ours(name, params):
    return lambda x: getattr(J, name)(x, **params)


def check_close(got, want, x, dtype, exact):
    got = np.asarray(got).astype(np.float64)
    want = np.asarray(want).astype(np.float64)
    x = np.asarray(x).astype(np.float64)
    if exact:
        np.testing.assert_array_equal(got, want)
        return
    e = eps(NP_DTYPES[dtype])
    k = 16 if dtype == "f64" else 4
    floor = 1e-300 if dtype == "f64" else 1.0
    bound = k * e * np.maximum(np.abs(x) + np.abs(want), floor)
    err = np.abs(got - want)
    bad = ~(err <= bound)
    assert not bad.any(), (f"{bad.sum()} elements off, worst at x = {x[bad][np.argmax(err[bad])]}: "
                           f"got {got[bad][np.argmax(err[bad])]}, jax {want[bad][np.argmax(err[bad])]}")


@pytest.mark.parametrize("dtype", JAX_DTYPES)
@pytest.mark.parametrize("case", JAX_CASES, ids=case_id)
def test_matches_jax_nn(case, dtype):
    name, params, reference, exact = case
    x_np = inputs(NP_DTYPES[dtype], specials=False)
    if dtype == "f64":
        with enable_x64(True):
            x = jnp.asarray(x_np)
            got = jax.jit(ours(name, params))(x)
            want = reference(x)
            assert got.dtype == jnp.float64
    else:
        x = jnp.asarray(x_np)
        got = jax.jit(ours(name, params))(x)
        want = jax.jit(reference)(x)
        assert got.dtype == x.dtype
    check_close(got, want, x_np, dtype, exact)


@pytest.mark.parametrize("dtype", JAX_DTYPES)
def test_same_as_numpy_path(dtype):
    """The XLA handlers call the same kernels as relu_mlir.cpu: same bits."""
    x_np = inputs(NP_DTYPES[dtype])
    with enable_x64(dtype == "f64"):
        for name, kwargs in [("gelu", {"approximate": "tanh"}), ("elu", {}), ("mish", {}),
                             ("leaky_relu", {"negative_slope": 0.2})]:
            got = np.asarray(jax.jit(ours(name, kwargs))(jnp.asarray(x_np)))
            want = getattr(C, name)(x_np, **kwargs)
            # XLA runs its threads with denormals flushed to zero (FTZ/DAZ):
            # results that are, or come from, subnormal intermediates may be 0
            # there (mish(-88.7) = -2.7e-37 needs exp(-88.7), a subnormal f32).
            g, w = got.astype(np.float64), want.astype(np.float64)
            tiny = 2.0 ** -1000 if dtype == "f64" else 2.0 ** -100
            flushed = (g == 0) & (np.abs(w) < tiny)
            np.testing.assert_array_equal(got[~flushed].view(np.uint8),
                                          want[~flushed].view(np.uint8))


def test_eager_and_jit_agree_and_shapes():
    x = jnp.asarray(inputs(np.float32, specials=False)[:1200].reshape(3, 20, 20))
    np.testing.assert_array_equal(J.gelu(x), jax.jit(J.gelu)(x))
    # rank 0 and zero-size buffers
    assert float(jax.jit(J.relu)(jnp.float32(-3.0))) == 0.0
    assert jax.jit(J.relu)(jnp.float32(-3.0)).shape == ()
    empty = jax.jit(J.mish)(jnp.zeros((0, 7), jnp.float32))
    assert empty.shape == (0, 7)
    # Python scalars and lists
    np.testing.assert_array_equal(J.relu([-1.0, 2.0]), [0.0, 2.0])


def test_vmap():
    x = jnp.asarray(inputs(np.float32, specials=False)[:600].reshape(6, 10, 10))
    want = J.silu(x)
    np.testing.assert_array_equal(jax.vmap(J.silu)(x), want)
    np.testing.assert_array_equal(jax.vmap(J.silu, in_axes=1, out_axes=1)(x), want)
    np.testing.assert_array_equal(jax.jit(jax.vmap(jax.vmap(J.silu)))(x), want)
    # Parameters are compiled in: vmap over x only.
    np.testing.assert_array_equal(jax.vmap(lambda v: J.leaky_relu(v, 0.3))(x),
                                  J.leaky_relu(x, 0.3))


def test_prelu_and_its_vmap():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(5, 2, 3, 4)).astype(np.float32)
    slope = np.array([0.1, 0.2, 0.3], np.float32)
    want = np.where(x > 0, x, slope[None, None, :, None] * x)
    np.testing.assert_array_equal(J.prelu(x[0], slope), want[0])
    # vmap over x (slope shared) ...
    np.testing.assert_array_equal(jax.vmap(lambda v: J.prelu(v, slope))(x), want)
    # ... over both (one slope per example) ...
    slopes = rng.uniform(0, 1, size=(5, 3)).astype(np.float32)
    want_b = np.where(x > 0, x, slopes[:, None, :, None] * x)
    np.testing.assert_array_equal(jax.jit(jax.vmap(J.prelu))(x, slopes), want_b)
    # ... over the slope only ...
    want_s = np.where(x[0] > 0, x[0], slopes[:, None, :, None] * x[0])
    np.testing.assert_array_equal(jax.vmap(lambda s: J.prelu(x[0], s))(slopes), want_s)
    # ... nested, with the slope batched on the outer level only.
    xx = x.reshape(5, 2, 3, 4)[:, :, :, :]
    got = jax.vmap(lambda v, s: jax.vmap(lambda w: J.prelu(w, s, axis=0))(v))(xx, slopes)
    np.testing.assert_array_equal(got, want_b)
    # axis counted from the end, a single slope, and errors.
    np.testing.assert_array_equal(J.prelu(x, slope, axis=-2), want)
    np.testing.assert_array_equal(J.prelu(x, jnp.float32(0.5)), np.where(x > 0, x, 0.5 * x))
    with pytest.raises(ValueError, match="channels"):
        J.prelu(x, np.ones(4, np.float32))
    with pytest.raises(relu_mlir.UnsupportedDtypeError):
        J.prelu(x, slope.astype(np.float16))


def test_shard_map_on_four_devices():
    devices = jax.devices("cpu")
    assert len(devices) >= 4, "tests need XLA_FLAGS=--xla_force_host_platform_device_count=4"
    mesh = Mesh(np.array(devices[:4]), ("d",))
    x = jnp.asarray(inputs(np.float32, specials=False)[: 4 * 4096].reshape(16, 1024))
    f = jax.jit(shard_map(lambda v: J.gelu(v), mesh=mesh, in_specs=P("d"), out_specs=P("d")))
    y = f(jax.device_put(x, NamedSharding(mesh, P("d"))))
    assert len(y.sharding.device_set) == 4
    np.testing.assert_array_equal(y, J.gelu(x))
    # The results vary over the mesh axis (XLA FFI calls do not say so by
    # themselves): a replicated out_spec is refused.
    if hasattr(jax, "typeof"):
        with pytest.raises(Exception, match="vary|replicated|invariant"):
            jax.jit(shard_map(lambda v: J.gelu(v), mesh=mesh, in_specs=P("d"), out_specs=P()))(x)
    # Two-dimensional sharding of a prelu input, channels on the second axis.
    mesh2 = Mesh(np.array(devices[:4]).reshape(2, 2), ("a", "b"))
    x4 = jnp.asarray(inputs(np.float32, specials=False)[: 8 * 6 * 32].reshape(8, 6, 32))
    slope = jnp.linspace(0.1, 0.6, 6, dtype=jnp.float32)
    g = jax.jit(shard_map(lambda v, s: J.prelu(v, s), mesh=mesh2,
                              in_specs=(P("a", None, "b"), P()), out_specs=P("a", None, "b")))
    np.testing.assert_array_equal(g(x4, slope), J.prelu(x4, slope))
    # Plain jit on sharded operands: the kernels are partitioned like elementwise
    # ops (custom_partitioning), no gathers, the result keeps the sharding.
    if not J._PARTITIONING:
        xs = jax.device_put(x, NamedSharding(mesh, P("d")))
        np.testing.assert_array_equal(jax.jit(J.silu)(xs), J.silu(x))  # gathered
        return
    for spec, m in [(P("d"), mesh), (P("a", "b"), mesh2)]:
        xs = jax.device_put(x, NamedSharding(m, spec))
        f = jax.jit(J.silu)
        y = f(xs)
        np.testing.assert_array_equal(y, J.silu(x))
        assert y.sharding.spec == spec
        hlo = f.lower(xs).compile().as_text()
        assert "all-gather" not in hlo and "all-to-all" not in hlo
    # Under grad and vmap too.
    xs = jax.device_put(x, NamedSharding(mesh, P("d")))
    np.testing.assert_array_equal(jax.jit(jax.vmap(J.silu))(xs), J.silu(x))


@pytest.mark.parametrize("mode", ["xla", "relu", "serial"])
def test_threading_modes(mode):
    x = jnp.asarray(inputs(np.float32, n=1 << 21, specials=False))
    want = C.mish(np.asarray(x))
    relu_mlir.set_xla_threading(mode)
    try:
        got = jax.jit(J.mish)(x)
        got.block_until_ready()
    finally:
        relu_mlir.set_xla_threading("relu")
    np.testing.assert_array_equal(np.asarray(got), want)
    with pytest.raises(ValueError):
        relu_mlir.set_xla_threading("gpu")


def _target(spec, dtype="f32"):
    lib = relu_mlir._kernels.library_for(spec)
    return J.ffi_target(lib, relu_mlir.kernel_name(spec, dtype))


def test_aliased_input_and_output():
    target = _target(relu_mlir.ACTIVATIONS["gelu"].spec(("tanh",)))
    x = jnp.asarray(inputs(np.float32, n=1 << 18, specials=False))
    want = np.asarray(J.gelu(x))
    call = jax.ffi.ffi_call(target, jax.ShapeDtypeStruct(x.shape, x.dtype),
                            vmap_method="broadcast_all", input_output_aliases={0: 0})
    f = jax.jit(lambda v: call(v), donate_argnums=0)
    y = f(jnp.array(x))
    np.testing.assert_array_equal(y, want)


def test_handler_checks_reach_python():
    spec = relu_mlir.ACTIVATIONS["leaky_relu"].spec((0.01,))
    target = _target(spec)
    x = jnp.ones(8, jnp.float32)

    def call(*args, out_dtype=jnp.float32, **attrs):
        f = jax.ffi.ffi_call(target, jax.ShapeDtypeStruct(args[0].shape, out_dtype),
                             vmap_method="broadcast_all")
        return jax.block_until_ready(jax.jit(lambda *a: f(*a, **attrs))(*args))

    np.testing.assert_array_equal(call(x, negative_slope=np.float64(0.01)), x)
    with pytest.raises(Exception, match="differs from 0.01"):
        call(x, negative_slope=np.float64(0.02))
    with pytest.raises(Exception, match="unknown attribute 'alpha'.*accepts: negative_slope"):
        call(x, alpha=np.float64(1.0))
    with pytest.raises(Exception, match="must be a numeric scalar"):
        call(x, negative_slope="0.01")
    with pytest.raises(Exception, match="operand 0 has element type float16, this kernel takes float32"):
        call(x.astype(jnp.float16))
    with pytest.raises(Exception, match="result 0 has element type float16"):
        call(x, out_dtype=jnp.float16)
    with pytest.raises(Exception, match="expected 1 operand"):
        call(x, x)
    gelu = _target(relu_mlir.ACTIVATIONS["gelu"].spec(("tanh",)))
    f = jax.ffi.ffi_call(gelu, jax.ShapeDtypeStruct(x.shape, x.dtype))
    with pytest.raises(Exception, match="approximate = 'none' differs from 'tanh'"):
        jax.block_until_ready(f(x, approximate="none"))
    np.testing.assert_allclose(f(x, approximate="tanh"), J.gelu(x))
    prelu = _target("prelu")
    f = jax.ffi.ffi_call(prelu, jax.ShapeDtypeStruct((2, 3, 4), jnp.float32))
    x3 = -jnp.ones((2, 3, 4), jnp.float32)
    with pytest.raises(Exception, match="channel_axis 5 is out of range"):
        jax.block_until_ready(f(x3, jnp.ones(3, jnp.float32), channel_axis=np.int64(5)))
    with pytest.raises(Exception, match="has 3 channels on axis 1, the per-channel operands have 4"):
        jax.block_until_ready(f(x3, jnp.ones(4, jnp.float32)))
    np.testing.assert_array_equal(f(x3, jnp.full(4, 0.5, jnp.float32), channel_axis=np.int32(2)),
                                  jnp.full((2, 3, 4), -0.5))


def test_python_errors():
    with pytest.raises(relu_mlir.UnsupportedDtypeError, match="int32"):
        J.relu(jnp.arange(4))
    with pytest.raises(TypeError):
        J.gelu(jnp.zeros(3, jnp.complex64))
    with pytest.raises(relu_mlir.UnsupportedAttributeError, match="known when the kernel is compiled"):
        jax.jit(lambda x, a: J.elu(x, alpha=a))(jnp.ones(3), 2.0)
    with pytest.raises(relu_mlir.UnsupportedAttributeError):
        J.gelu(jnp.ones(3), approximate="fast")
    with pytest.raises(relu_mlir.UnsupportedAttributeError, match="unknown parameter"):
        J.apply("relu", jnp.ones(3), alpha=1.0)


def test_missing_library_and_compiler(tmp_path, monkeypatch):
    with pytest.raises(relu_mlir.LibraryError, match="does not exist"):
        relu_mlir.Library(tmp_path / "nope.so", {}, True, "x")
    monkeypatch.setenv("RELU_MLIR_RELU_CC", str(tmp_path / "relu-cc"))
    with pytest.raises(relu_mlir.CompilerNotFoundError, match="RELU_MLIR_RELU_CC"):
        relu_mlir.compile(["relu"], cache_dir=tmp_path)


@pytest.mark.parametrize("dtype", JAX_DTYPES)
@pytest.mark.parametrize("case", JAX_CASES, ids=case_id)
def test_gradients(case, dtype):
    """jax.grad through the derived backward kernels (relu-cc's act.grad, JAX
    conventions) against jax.grad of jax.nn evaluated in float64 on the same
    inputs, kinks included. Bounds, eps of the dtype, as check_backward.c's:
      f32        |ours - ref| <= 4 eps max(|ref|, 1)   (mish: 48, docs/gradients.md)
      f16/bf16   |ours - ref| <= 1 eps max(|ref|, 1)   (computed in f32, rounded once)
      f64        |ours - ref| <= 16 eps |ref| + 64 eps max(|x|, 1)
    (the f64 reference is jax.grad in f64 itself, whose tanh/erf forms cancel in
    the tails: e.g. gelu'(-7.3) = -4.1e-16, jax: -3.7e-14)."""
    name, params, reference, exact = case
    if not J.backward_available():
        with pytest.raises(relu_mlir.BackwardNotAvailableError, match="relu-cc --grad"):
            jax.grad(lambda v: getattr(J, name)(v, **params).sum())(jnp.ones(4))
        pytest.xfail("derived backward kernels (relu-cc --grad, issue 4) not available")
    x_np = inputs(NP_DTYPES[dtype], specials=False)
    with enable_x64(dtype == "f64"):
        got = jax.jit(jax.grad(lambda v: getattr(J, name)(v, **params).sum()))(jnp.asarray(x_np))
        assert got.dtype == x_np.dtype
    with enable_x64(True):
        want = jax.grad(lambda v: reference(v).sum())(jnp.asarray(x_np.astype(np.float64)))
    got, want = np.asarray(got, np.float64), np.asarray(want)
    x = x_np.astype(np.float64)
    e = eps(NP_DTYPES[dtype])
    if dtype == "f64":
        bound = 16 * e * np.abs(want) + 64 * e * np.maximum(np.abs(x), 1)
    else:
        k = 1 if dtype in ("f16", "bf16") else 48 if name == "mish" else 4
        bound = k * e * np.maximum(np.abs(want), 1)
    err = np.abs(got - want)
    bad = ~(err <= bound)
    assert not bad.any(), (f"{bad.sum()} elements off, worst at x = {x[bad][np.argmax(err[bad])]}: "
                           f"got {got[bad][np.argmax(err[bad])]}, jax {want[bad][np.argmax(err[bad])]}")


def test_gradients_compose():
    if not J.backward_available():
        pytest.xfail("derived backward kernels (relu-cc --grad, issue 4) not available")
    x = jnp.asarray(inputs(np.float32, specials=False)[:4096].reshape(64, 64))
    w = jnp.asarray(np.random.default_rng(5).normal(size=(64, 64)).astype(np.float32) / 8)

    def loss(f, w, x):
        return (f(x @ w) ** 2).mean()

    for ours, ref in [(J.gelu, jax.nn.gelu), (J.silu, jax.nn.silu), (J.relu, jax.nn.relu)]:
        # Through a matmul (the cotangent is not all ones).
        g_ours = jax.jit(jax.grad(loss, argnums=1), static_argnums=0)(ours, w, x)
        g_ref = jax.jit(jax.grad(loss, argnums=1), static_argnums=0)(ref, w, x)
        np.testing.assert_allclose(g_ours, g_ref, rtol=1e-4, atol=1e-6)
        # vmap of grad and grad of vmap: the same kernels, the same bits.
        plain = jax.grad(lambda v: ours(v).sum())(x)
        np.testing.assert_array_equal(jax.vmap(jax.grad(lambda r: ours(r).sum()))(x), plain)
        np.testing.assert_array_equal(jax.jit(jax.grad(lambda v: jax.vmap(ours)(v).sum()))(x), plain)
    # grad inside shard_map on 4 devices, and grad of a plain jit on sharded input.
    mesh = Mesh(np.array(jax.devices("cpu")[:4]), ("d",))
    plain = jax.grad(lambda v: J.mish(v).sum())(x)
    sharded = jax.jit(shard_map(jax.grad(lambda v: J.mish(v).sum()), mesh=mesh,
                                in_specs=P("d"), out_specs=P("d")))
    np.testing.assert_array_equal(sharded(x), plain)
    xs = jax.device_put(x, NamedSharding(mesh, P("d")))
    np.testing.assert_array_equal(jax.jit(jax.grad(lambda v: J.mish(v).sum()))(xs), plain)
    # prelu's gradients: test_jax_prelu_grad.py.


def test_ffi_api_version():
    lib = relu_mlir._kernels.library_for(relu_mlir.ACTIVATIONS["relu"].spec(()))
    major, minor, reported = lib.xla_api_version()
    header = open(jax.ffi.include_dir() + "/xla/ffi/api/c_api.h").read()
    assert f"#define XLA_FFI_API_MAJOR {major}\n" in header
    assert f"#define XLA_FFI_API_MINOR {minor}\n" in header
    assert (major, reported) == (0, minor)


def test_stablehlo_module_runs(tmp_path):
    """relu-cc --emit-stablehlo: the module XLA compiles, calling the handlers."""
    import subprocess
    try:
        from jax._src.lib import xla_client
        import jax.extend.backend
        backend = jax.extend.backend.get_backend("cpu")
        options = xla_client.CompileOptions()
    except Exception as e:  # private API: skip rather than fail if jax moved it
        pytest.skip(f"no way to compile StableHLO text in this jax: {e}")
    tool = relu_mlir.find_relu_cc()
    text = subprocess.run([str(tool), "--emit-stablehlo", "--stablehlo-shape=4,6",
                           "--activation=gelu:tanh,prelu", "--dtype=f32",
                           "--fuse=halves:last,silu,mul"],
                          capture_output=True, text=True, check=True).stdout
    lib = relu_mlir.compile(["gelu:tanh", "prelu"], ["f32"], fuse=["halves:last,silu,mul"],
                            cache_dir=tmp_path)
    for kernel in ("gelu_tanh_f32", "prelu_f32", "fused_halves_last_silu_mul_f32"):
        try:
            jax.ffi.register_ffi_target("relu_xla_" + kernel,
                                        jax.ffi.pycapsule(lib.xla_handler(kernel)), platform="cpu")
        except Exception:
            pass  # registered by an earlier run in this process
    x = inputs(np.float32, specials=False)[:24].reshape(4, 6)
    slope = np.linspace(0.1, 0.6, 6, dtype=np.float32)
    # GLU halves: the operand [4, 12] (twice the channels), the result [4, 6].
    halves = inputs(np.float32, specials=False)[:48].reshape(4, 12)
    a, b = halves[:, :6].astype(np.float64), halves[:, 6:].astype(np.float64)
    for name, args, want in [("gelu_tanh_f32", [x], J.gelu(x)),
                             ("prelu_f32", [x, slope], J.prelu(x, slope)),
                             ("fused_halves_last_silu_mul_f32", [halves], C.silu(a) * b)]:
        module = text.replace(f"func.func public @{name}(", "func.func public @main(")
        if hasattr(backend, "compile_and_load"):
            exe = backend.compile_and_load(module, backend.devices()[:1], options)
        else:  # jaxlib < 0.6
            exe = backend.compile(module, options)
        out = exe.execute([jax.device_put(a, backend.devices()[0]) for a in args])
        if name.startswith("fused_halves"):
            np.testing.assert_allclose(np.asarray(out[0]), want, rtol=1e-6, atol=1e-6)
        else:
            np.testing.assert_array_equal(np.asarray(out[0]), want)
