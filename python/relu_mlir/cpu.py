"""relu-mlir CPU kernels on numpy arrays.

Every function takes an array of float16, bfloat16 (ml_dtypes), float32 or
float64, computes in that dtype (f16/bf16 through f32, as the kernels do) and
returns a new C-contiguous array of the same dtype and shape, or writes into
``out`` (same shape and dtype; may be ``x`` itself for an in-place call; any
strides). Inputs of any layout are accepted (non-contiguous ones are copied
first). Parameters are compiled into the kernels: a new value compiles (and
caches) a kernel the first time it is used; with ``dynamic=True`` the float
parameters are passed at run time instead, to one kernel compiled once for
every value (an out-of-domain value, e.g. clamp's min > max, raises
KernelError at the call). Large arrays run on the kernels'
thread pool (``relu_mlir.set_num_threads``). The GIL is released during calls.

Conventions are PyTorch's, as the act dialect defines them (gelu defaults to
the exact form, softplus has beta=1 and threshold=20); relu_mlir.jax follows
jax.nn instead.
"""

from __future__ import annotations

import ctypes
import math
from typing import Any, Optional

import numpy as np

from ._activations import lookup
from ._compile import normalize_dtype
from ._errors import UnsupportedAttributeError, UnsupportedDtypeError
from . import _kernels

__all__ = ["relu", "relu6", "leaky_relu", "hard_tanh", "clamp", "threshold", "hard_sigmoid",
           "hard_swish", "hard_silu", "elu", "selu", "celu", "gelu", "sigmoid", "tanh", "silu",
           "swish", "softplus", "mish", "prelu", "apply"]


def _dtype_name(array: np.ndarray, where: str) -> str:
    name = array.dtype.name
    if name not in ("float16", "bfloat16", "float32", "float64"):
        raise UnsupportedDtypeError(
            f"relu_mlir.cpu.{where}: dtype {array.dtype} is not supported "
            f"(use float16, bfloat16, float32 or float64)")
    return normalize_dtype(name)


def _contiguous(array: np.ndarray) -> np.ndarray:
    # (np.ascontiguousarray would turn 0-d arrays into 1-d ones.)
    return array if array.flags.c_contiguous else array.copy(order="C")


def _address(array: np.ndarray) -> int:
    return array.__array_interface__["data"][0]


def _prepare_out(x: np.ndarray, out: Optional[np.ndarray], where: str):
    """(array the kernel writes, whether it must be copied into out afterwards)."""
    if out is None:
        return np.empty(x.shape, x.dtype), False
    if not isinstance(out, np.ndarray):
        raise TypeError(f"relu_mlir.cpu.{where}: out must be a numpy array, got {type(out).__name__}")
    if out.shape != x.shape:
        raise ValueError(f"relu_mlir.cpu.{where}: out has shape {out.shape}, the result has "
                         f"shape {x.shape}")
    if out.dtype != x.dtype:
        raise UnsupportedDtypeError(f"relu_mlir.cpu.{where}: out has dtype {out.dtype}, the "
                                    f"result has dtype {x.dtype}")
    if not out.flags.writeable:
        raise ValueError(f"relu_mlir.cpu.{where}: out is read-only")
    if not out.flags.c_contiguous:
        return np.empty(x.shape, x.dtype), True
    if np.may_share_memory(out, x) and _address(out) != _address(x):
        return np.empty(x.shape, x.dtype), True  # partial overlap: go through a copy
    return out, False


def apply(name: str, x: Any, *, out: Optional[np.ndarray] = None, dynamic: bool = False,
          **params: Any) -> np.ndarray:
    """Applies activation `name` (see relu_mlir.ACTIVATIONS) with `params` to x.
    dynamic=True: the float parameters are run-time arguments of one kernel
    (relu-cc's `?`), so new values compile nothing."""
    activation = lookup(name)
    if activation.channel:
        raise UnsupportedAttributeError(f"{name} takes a slope: use relu_mlir.cpu.{name}")
    values = activation.bind(params)
    scalar_input = np.isscalar(x) or (isinstance(x, np.ndarray) and x.ndim == 0)
    x = np.asarray(x)
    dtype = _dtype_name(x, name)
    x = _contiguous(x)
    library, kernel = _kernels.resolve(activation, values, dtype, dynamic)
    scalars = activation.runtime_values(values) if dynamic else ()
    result, copy_back = _prepare_out(x, out, name)
    status = library.function(kernel)(_address(x), _address(result), x.size, *scalars)
    library.check(status, f"relu_mlir.cpu.{name}")
    if copy_back:
        out[...] = result
        return out
    if out is None and scalar_input:
        return result[()]
    return result


def prelu(x: Any, slope: Any, *, axis: int = 1, out: Optional[np.ndarray] = None) -> np.ndarray:
    """x > 0 ? x : slope[c] * x, with c the index along `axis` (PyTorch: the channel
    axis is 1). `slope` holds one value per channel, or a single value (then x may
    have any rank and no channel axis is needed)."""
    x = _contiguous(np.asarray(x))
    dtype = _dtype_name(x, "prelu")
    if isinstance(slope, np.ndarray) and slope.dtype != x.dtype:
        raise UnsupportedDtypeError(f"relu_mlir.cpu.prelu: slope has dtype {slope.dtype}, x has "
                                    f"dtype {x.dtype}")
    slope = _contiguous(np.asarray(slope, dtype=x.dtype).reshape(-1))
    if slope.size == 1:
        outer, channels, inner = 1, 1, x.size
    else:
        if x.ndim == 0 or not -x.ndim <= axis < x.ndim:
            raise ValueError(f"relu_mlir.cpu.prelu: axis {axis} is out of range for x of shape "
                             f"{x.shape}")
        axis %= x.ndim
        if x.shape[axis] != slope.size:
            raise ValueError(f"relu_mlir.cpu.prelu: x has {x.shape[axis]} channels on axis {axis}, "
                             f"slope has {slope.size} values")
        outer = math.prod(x.shape[:axis])
        channels = x.shape[axis]
        inner = math.prod(x.shape[axis + 1:])
    activation = lookup("prelu")
    library, kernel = _kernels.resolve(activation, (), dtype)
    result, copy_back = _prepare_out(x, out, "prelu")
    status = library.function(kernel)(_address(x), _address(slope), _address(result),
                                      outer, channels, inner)
    library.check(status, "relu_mlir.cpu.prelu")
    if copy_back:
        out[...] = result
        return out
    return result


def relu(x, *, out=None):
    """max(x, 0); relu(NaN) = NaN."""
    return apply("relu", x, out=out)


def relu6(x, *, out=None):
    """min(max(x, 0), 6)."""
    return apply("relu6", x, out=out)


def leaky_relu(x, negative_slope=0.01, *, out=None, dynamic=False):
    """x > 0 ? x : negative_slope * x."""
    return apply("leaky_relu", x, out=out, dynamic=dynamic, negative_slope=negative_slope)


def hard_tanh(x, *, out=None):
    """clamp(x, -1, 1)."""
    return apply("hard_tanh", x, out=out)


def clamp(x, min=-1.0, max=1.0, *, out=None, dynamic=False):  # noqa: A002 (PyTorch's names)
    """clamp(x, min, max) (hardtanh with bounds)."""
    return apply("clamp", x, out=out, dynamic=dynamic, min=min, max=max)


def threshold(x, threshold, value, *, out=None, dynamic=False):
    """x <= threshold ? value : x."""
    return apply("threshold", x, out=out, dynamic=dynamic, threshold=threshold, value=value)


def hard_sigmoid(x, *, out=None):
    """relu6(x + 3) / 6."""
    return apply("hard_sigmoid", x, out=out)


def hard_swish(x, *, out=None):
    """x * relu6(x + 3) / 6."""
    return apply("hard_swish", x, out=out)


hard_silu = hard_swish


def elu(x, alpha=1.0, *, out=None, dynamic=False):
    """x > 0 ? x : alpha * expm1(x)."""
    return apply("elu", x, out=out, dynamic=dynamic, alpha=alpha)


def selu(x, *, out=None):
    """scale * (x > 0 ? x : alpha * expm1(x)) with SELU's constants."""
    return apply("selu", x, out=out)


def celu(x, alpha=1.0, *, out=None, dynamic=False):
    """x > 0 ? x : alpha * expm1(x / alpha)."""
    return apply("celu", x, out=out, dynamic=dynamic, alpha=alpha)


def gelu(x, approximate="none", *, out=None):
    """x * Phi(x): approximate='none' (erf, PyTorch's default) or 'tanh' (True/False
    are accepted as in jax.nn.gelu)."""
    return apply("gelu", x, out=out, approximate=approximate)


def sigmoid(x, *, out=None):
    """1 / (1 + exp(-x))."""
    return apply("sigmoid", x, out=out)


def tanh(x, *, out=None):
    """tanh(x)."""
    return apply("tanh", x, out=out)


def silu(x, *, out=None):
    """x * sigmoid(x)."""
    return apply("silu", x, out=out)


def swish(x, beta=1.0, *, out=None, dynamic=False):
    """x * sigmoid(beta * x)."""
    return apply("swish", x, out=out, dynamic=dynamic, beta=beta)


def softplus(x, beta=1.0, threshold=20.0, *, out=None, dynamic=False):
    """beta * x > threshold ? x : log1p(exp(beta * x)) / beta (PyTorch; threshold=inf:
    no cut-off, as jax.nn.softplus)."""
    return apply("softplus", x, out=out, dynamic=dynamic, beta=beta, threshold=threshold)


def mish(x, *, out=None):
    """x * tanh(softplus(x))."""
    return apply("mish", x, out=out)
