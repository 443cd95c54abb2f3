"""relu-mlir kernels as JAX functions: XLA FFI custom calls on CPU and CUDA GPUs.

Every activation follows jax.nn's signature and conventions (gelu defaults to
approximate=True, softplus has no cut-off) and works under jax.jit, jax.vmap
and shard_map. The kernels are the ones relu-cc compiles (relu_mlir.compile),
called through the XLA FFI handlers of ``relu-cc --target=xla``, registered with
``jax.ffi.register_ffi_target`` the first time they are used: for platform "cpu",
and, when jax has CUDA devices, the GPU build of the same kernels for platform
"CUDA" (``--xla-platform=cuda``: launched on XLA's stream).

Differentiation: each function is a ``jax.custom_vjp`` whose backward is the
backward kernel relu-cc derives from the activation's definition (``act.grad``,
JAX conventions; see _backward): no derivative is written by hand here.

Parameters are compiled into the kernels (one kernel per value); with
``dynamic=True`` one forward and one backward kernel take the float
parameters at run time, from the custom call's attributes.
"""

from __future__ import annotations

import functools
import math
import os
import threading
from typing import Any, Callable, Dict, Tuple

import jax
import jax.numpy as jnp
import numpy as np
from jax.experimental.custom_partitioning import custom_partitioning

from . import _kernels
from ._activations import ACTIVATIONS, Activation, lookup
from ._compile import Library, normalize_dtype
from ._compile import compile as compile_library
from ._errors import (BackwardNotAvailableError, LibraryError, UnsupportedAttributeError,
                      UnsupportedDtypeError)

__all__ = ["relu", "relu6", "leaky_relu", "hard_tanh", "clamp", "threshold", "hard_sigmoid",
           "hard_swish", "hard_silu", "elu", "selu", "celu", "gelu", "sigmoid", "tanh", "silu",
           "swish", "softplus", "mish", "prelu", "apply", "ffi_target", "backward_available"]

_SUPPORTED = ("float16", "bfloat16", "float32", "float64")

#: RELU_MLIR_JAX_PARTITIONING=0 calls the kernels without custom_partitioning
#: (XLA then gathers sharded operands under plain jax.jit; shard_map is unaffected).
#: Older jax (without jax.shard_map at the top level, < 0.6.1) has no shard_map
#: replication rule for custom_vmap, so there the kernels are plain custom calls.
_PARTITIONING = (os.environ.get("RELU_MLIR_JAX_PARTITIONING", "1") != "0"
                 and hasattr(jax, "shard_map"))

# ---- FFI targets ---------------------------------------------------------------

_lock = threading.Lock()
_targets: Dict[Tuple[str, str], str] = {}


@functools.lru_cache(maxsize=None)
def _has_cuda() -> bool:
    """Whether this jax has CUDA devices (jaxlib with the CUDA plugin, a GPU)."""
    try:
        return len(jax.devices("cuda")) > 0
    except RuntimeError:
        return False


def ffi_target(library: Library, kernel: str) -> str:
    """Registers kernel's XLA handler (once per process) and returns its target name.
    Target names carry the library's content hash, so libraries compiled with other
    options never collide. When jax has CUDA devices, the same kernels built for
    the GPU (relu_mlir.compile(..., platform="cuda")) are registered under the same
    name for platform "CUDA", so one custom call runs wherever XLA places it."""
    key = (library.key, kernel)
    with _lock:
        if key not in _targets:
            name = f"relu_xla_{kernel}_{library.key[:12]}"
            jax.ffi.register_ffi_target(name, jax.ffi.pycapsule(library.xla_handler(kernel)),
                                        platform="cpu")
            if _has_cuda():
                gpu = compile_library(**library.recipe, platform="cuda")
                jax.ffi.register_ffi_target(name, jax.ffi.pycapsule(gpu.xla_handler(kernel)),
                                            platform="CUDA")
            _targets[key] = name
        return _targets[key]


def _dtype(x: jax.Array, where: str) -> str:
    name = jnp.dtype(x.dtype).name
    if name not in _SUPPORTED:
        raise UnsupportedDtypeError(f"relu_mlir.jax.{where}: dtype {name} is not supported "
                                    f"(use float16, bfloat16, float32 or float64)")
    return normalize_dtype(name)


def _attribute(value: Any) -> Any:
    return value if isinstance(value, str) else np.float64(value)


@functools.lru_cache(maxsize=None)
def _elementwise_call(target: str, attrs: Tuple[Tuple[str, Any], ...], in_place: bool,
                      arity: int = 1) -> Callable:
    """(x, ...) -> the custom call of `target` on `arity` operands of one shape.

    Under plain jax.jit with sharded operands, XLA would gather a custom call's
    operands onto every device; custom_partitioning tells it (sharding rule
    "... -> ...") that the kernel is elementwise, so each device runs it on its
    shard with the operand's sharding. custom_partitioning has no batching rule:
    custom_vmap supplies one (an elementwise kernel maps a batched array as is)."""
    kwargs = {k: _attribute(v) for k, v in attrs}

    def call(*xs):
        return jax.ffi.ffi_call(target, jax.ShapeDtypeStruct(xs[0].shape, xs[0].dtype),
                                vmap_method="broadcast_all",
                                input_output_aliases={0: 0} if in_place else None)(*xs, **kwargs)

    if not _PARTITIONING:
        return call
    partitioned = custom_partitioning(call)
    # Every operand and the result take operand 0's sharding.
    rule = dict(infer_sharding_from_operands=lambda mesh, args, result: args[0].sharding,
                partition=lambda mesh, args, result: (mesh, call, args[0].sharding,
                                                      (args[0].sharding,) * len(args)))
    try:
        partitioned.def_partition(**rule, sharding_rule=", ".join(["..."] * arity) + " -> ...")
    except TypeError:  # jax without Shardy rules (< 0.4.36)
        partitioned.def_partition(**rule)

    @jax.custom_batching.custom_vmap
    def f(*xs):
        return partitioned(*xs)

    @f.def_vmap
    def _batched(axis_size, in_batched, *xs):
        xs = [x if batched else jnp.broadcast_to(x, (axis_size,) + x.shape)
              for x, batched in zip(xs, in_batched)]
        return f(*xs), True

    return f


def _forward(activation: Activation, values: Tuple[Any, ...], x: jax.Array,
             in_place: bool = False, dynamic: bool = False) -> jax.Array:
    library, kernel = _kernels.resolve(activation, values, _dtype(x, activation.name), dynamic)
    target = ffi_target(library, kernel)
    # The parameters travel as attributes: the handler checks them by name
    # against the values compiled into the kernel or, for a dynamic kernel,
    # decodes the float ones per call as its run-time parameters.
    attrs = tuple(activation.attributes(values).items())
    return _vary_like(_elementwise_call(target, attrs, bool(in_place))(x), x)


def _prelu_forward(x: jax.Array, slope: jax.Array, axis: int) -> jax.Array:
    library, kernel = _kernels.resolve(lookup("prelu"), (), _dtype(x, "prelu"))
    target = ffi_target(library, kernel)
    # broadcast_all: under vmap both operands get the batch dimensions in front
    # (an unbatched one broadcast); the handler reads the slope's leading
    # dimensions as batch dimensions and `axis` counts from the end, so it
    # stays valid.
    call = jax.ffi.ffi_call(target, jax.ShapeDtypeStruct(x.shape, x.dtype),
                            vmap_method="broadcast_all")
    return _vary_like(_vary_like(call(x, slope, channel_axis=np.int64(axis)), x), slope)


# ---- backward (the hook for issue 4's derived kernels) --------------------------------


@functools.lru_cache(maxsize=None)
def backward_available() -> bool:
    """Whether relu-cc derives backward kernels (act.grad, relu-cc --grad: issue 4)."""
    import subprocess
    from ._compile import find_relu_cc
    try:
        tool = find_relu_cc(_kernels._options.get("relu_cc"))
        help_text = subprocess.run([str(tool), "--help"], capture_output=True, text=True).stdout
    except Exception:
        return False
    return "--grad" in help_text


def _backward(activation: Activation, values: Tuple[Any, ...], residuals, g,
              dynamic: bool = False) -> Tuple:
    """The cotangent of x (prelu: _prelu_bwd).

    dx = dy * f'(x) is the derived backward kernel of issue 4: relu-cc compiles
    `act.grad` of the activation (JAX conventions at kinks and NaN) from its
    definition; nothing is differentiated by hand here. It runs like the forward,
    through its own XLA FFI handler, on the forward's input x (the residual)."""
    if not backward_available():
        raise BackwardNotAvailableError(
            f"relu_mlir.jax.{activation.name}: gradients need the derived backward kernels "
            f"(relu-cc --grad, issue 4), which this relu-cc does not provide")
    (x,) = residuals
    library, kernel = _kernels.resolve_backward(activation, values, _dtype(x, activation.name),
                                                dynamic=dynamic)
    target = ffi_target(library, kernel)
    # A dynamic kernel reads its float parameters from attributes of their names.
    attrs = tuple((p.name, v) for p, v in zip(activation.params, values)
                  if dynamic and p.choices is None)
    # Inside shard_map the cotangent may be invariant where x varies (the
    # transpose of a sum): give it x's varying axes, as dx must have them.
    g = _vary_like(g.astype(x.dtype), x)
    return (_vary_like(_elementwise_call(target, attrs, False, 2)(g, x), x),)


def _varying_axes(value) -> frozenset:
    aval = jax.typeof(value)
    mat = getattr(aval, "mat", None)  # jax >= 0.8: manual axis types
    if mat is not None and hasattr(mat, "varying"):
        return frozenset(mat.varying)
    return frozenset(getattr(aval, "vma", None) or ())


def _vary_like(v, like):
    """v with the varying manual axes (shard_map) of `like` (jax >= 0.6). XLA FFI
    calls do not propagate them, and a custom_vjp's cotangent must have them."""
    if not hasattr(jax, "typeof"):
        return v
    missing = tuple(sorted(_varying_axes(like) - _varying_axes(v)))
    if not missing:
        return v
    if hasattr(jax.lax, "pcast"):
        return jax.lax.pcast(v, missing, to="varying")
    if hasattr(jax.lax, "pvary"):
        return jax.lax.pvary(v, missing)
    return v


# ---- the custom_vjp functions ---------------------------------------------------


@functools.lru_cache(maxsize=None)
def _differentiable(name: str) -> Callable:
    activation = ACTIVATIONS[name]

    @functools.partial(jax.custom_vjp, nondiff_argnums=(1, 2, 3))
    def f(x, values, in_place, dynamic):
        return _forward(activation, values, x, in_place, dynamic)

    def fwd(x, values, in_place, dynamic):
        # x is kept for the backward: it is not overwritten.
        return _forward(activation, values, x, False, dynamic), (x,)

    def bwd(values, in_place, dynamic, residuals, g):
        return _backward(activation, values, residuals, g, dynamic)

    f.defvjp(fwd, bwd)
    return f


@functools.partial(jax.custom_vjp, nondiff_argnums=(2,))
def _prelu(x, slope, axis):
    return _prelu_forward(x, slope, axis)


def _prelu_fwd(x, slope, axis):
    return _prelu_forward(x, slope, axis), (x, slope)


def _prelu_bwd(axis, residuals, g):
    """dx and d slope from one derived kernel (prelu's act.grad has both results)."""
    activation = ACTIVATIONS["prelu"]
    if not backward_available():
        raise BackwardNotAvailableError(
            "relu_mlir.jax.prelu: gradients need the derived backward kernels "
            "(relu-cc --grad, issue 4), which this relu-cc does not provide")
    x, slope = residuals
    library, kernel = _kernels.resolve_backward(activation, (), _dtype(x, "prelu"))
    target = ffi_target(library, kernel)
    g = _vary_like(g.astype(x.dtype), x)
    # As the forward: under vmap every operand and result gets the batch
    # dimensions in front; d slope then holds one sum per batch ([batch..., C]),
    # computed by one kernel call per batch (docs/xla.md).
    call = jax.ffi.ffi_call(target, (jax.ShapeDtypeStruct(x.shape, x.dtype),
                                     jax.ShapeDtypeStruct(slope.shape, slope.dtype)),
                            vmap_method="broadcast_all")
    dx, dslope = call(g, x, slope, channel_axis=np.int64(axis))
    return _vary_like(dx, x), _vary_like(dslope, slope)


_prelu.defvjp(_prelu_fwd, _prelu_bwd)


def apply(name: str, x: Any, *, in_place: bool = False, dynamic: bool = False,
          **params: Any) -> jax.Array:
    """Applies activation `name` (relu_mlir.ACTIVATIONS) with `params` to x.

    dynamic=True: one kernel compiled once takes the float parameters at run
    time (relu-cc's `?`), from the custom call's attributes; new values compile
    no kernel (jit still traces once per value, as attributes are static).

    in_place=True writes the result over x's buffer (the custom call aliases its
    operand and result): no new buffer when x is dead afterwards, e.g. donated
    to jax.jit(..., donate_argnums=...) or produced inside the same jit; XLA
    copies x first where it is still needed, so the semantics do not change."""
    activation = lookup(name)
    if activation.channel:
        raise UnsupportedAttributeError(f"{name} takes a slope: use relu_mlir.jax.{name}")
    values = activation.bind(params)
    x = jnp.asarray(x)
    _dtype(x, activation.name)
    return _differentiable(activation.name)(x, values, bool(in_place), bool(dynamic))


def prelu(x: Any, slope: Any, axis: int = 1) -> jax.Array:
    """x > 0 ? x : slope[c] * x with c the index along `axis` (default 1, the channel
    axis of NCHW). `slope` holds one value per channel, or a single value."""
    x = jnp.asarray(x)
    _dtype(x, "prelu")
    slope = jnp.asarray(slope)
    if slope.dtype != x.dtype:
        raise UnsupportedDtypeError(f"relu_mlir.jax.prelu: slope has dtype {slope.dtype}, x has "
                                    f"dtype {x.dtype}")
    slope = slope.reshape(-1)
    if slope.shape[0] != 1:
        if x.ndim == 0 or not -x.ndim <= axis < x.ndim:
            raise ValueError(f"relu_mlir.jax.prelu: axis {axis} is out of range for x of shape "
                             f"{x.shape}")
        if x.shape[axis] != slope.shape[0]:
            raise ValueError(f"relu_mlir.jax.prelu: x has {x.shape[axis]} channels on axis "
                             f"{axis}, slope has {slope.shape[0]} values")
    # Counted from the end: batch dimensions vmap adds in front do not move it.
    axis = axis - x.ndim if axis >= 0 else axis
    return _prelu(x, slope, int(axis))


def relu(x):
    """max(x, 0) (jax.nn.relu)."""
    return apply("relu", x)


def relu6(x):
    """min(max(x, 0), 6) (jax.nn.relu6)."""
    return apply("relu6", x)


def leaky_relu(x, negative_slope=0.01, *, dynamic=False):
    """x > 0 ? x : negative_slope * x (jax.nn.leaky_relu)."""
    return apply("leaky_relu", x, dynamic=dynamic, negative_slope=negative_slope)


def hard_tanh(x):
    """clamp(x, -1, 1) (jax.nn.hard_tanh)."""
    return apply("hard_tanh", x)


def clamp(x, min=-1.0, max=1.0, *, dynamic=False):  # noqa: A002
    """clamp(x, min, max)."""
    return apply("clamp", x, dynamic=dynamic, min=min, max=max)


def threshold(x, threshold, value, *, dynamic=False):
    """x <= threshold ? value : x (PyTorch's threshold)."""
    return apply("threshold", x, dynamic=dynamic, threshold=threshold, value=value)


def hard_sigmoid(x):
    """relu6(x + 3) / 6 (jax.nn.hard_sigmoid)."""
    return apply("hard_sigmoid", x)


def hard_swish(x):
    """x * relu6(x + 3) / 6 (jax.nn.hard_swish / hard_silu)."""
    return apply("hard_swish", x)


hard_silu = hard_swish


def elu(x, alpha=1.0, *, dynamic=False):
    """x > 0 ? x : alpha * expm1(x) (jax.nn.elu)."""
    return apply("elu", x, dynamic=dynamic, alpha=alpha)


def selu(x):
    """jax.nn.selu."""
    return apply("selu", x)


def celu(x, alpha=1.0, *, dynamic=False):
    """x > 0 ? x : alpha * expm1(x / alpha) (jax.nn.celu)."""
    return apply("celu", x, dynamic=dynamic, alpha=alpha)


def gelu(x, approximate=True):
    """x * Phi(x) (jax.nn.gelu: approximate=True is the tanh form, False the erf form;
    'tanh' and 'none' are accepted too)."""
    return apply("gelu", x, approximate=approximate)


def sigmoid(x):
    """1 / (1 + exp(-x)) (jax.nn.sigmoid)."""
    return apply("sigmoid", x)


def tanh(x):
    """tanh(x) (jnp.tanh)."""
    return apply("tanh", x)


def silu(x):
    """x * sigmoid(x) (jax.nn.silu / swish)."""
    return apply("silu", x)


def swish(x, beta=1.0, *, dynamic=False):
    """x * sigmoid(beta * x) (jax.nn.swish for beta = 1)."""
    return apply("swish", x, dynamic=dynamic, beta=beta)


#: jax.nn.softplus has no cut-off. The act op's PyTorch form returns x where
#: beta * x > threshold and log1p(exp(beta * x)) / beta elsewhere; with the
#: threshold at 40 that is jax's function to the last bit in every dtype
#: (log1p(exp(-40)) / 40 < 2^-64 relative) and exp cannot overflow.
JAX_SOFTPLUS_THRESHOLD = 40.0


def softplus(x, *, beta=1.0, dynamic=False):
    """log1p(exp(beta * x)) / beta (jax.nn.softplus for beta = 1)."""
    return apply("softplus", x, dynamic=dynamic, beta=beta, threshold=JAX_SOFTPLUS_THRESHOLD)


def mish(x):
    """x * tanh(softplus(x)) (jax.nn.mish)."""
    return apply("mish", x)
