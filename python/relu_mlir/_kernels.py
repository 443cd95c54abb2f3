"""Which library holds the kernel of an activation with given parameters.

Every activation with its default parameters (both GELU forms, and softplus
without cut-off, JAX's) is compiled into one library for the four dtypes;
other parameter values get a library each, compiled on first use. Both are
cached on disk (relu_mlir.compile) and in memory."""

from __future__ import annotations

import threading
from typing import Any, Dict, Optional, Sequence, Tuple

from ._activations import (DTYPES, Activation, backward_kernel_name, backward_mlir, default_specs,
                           kernel_name)
from ._compile import Library, compile

_lock = threading.Lock()
_default: Optional[Library] = None
_by_spec: Dict[str, Library] = {}
_backward_by_spec: Dict[Tuple[str, str], Library] = {}
_options: Dict[str, Any] = {}


def configure(**options: Any) -> None:
    """Options for the libraries compiled from now on (relu_mlir.compile's keywords:
    cpu, cache_dir, relu_cc, cc)."""
    global _default
    with _lock:
        _options.clear()
        _options.update({k: v for k, v in options.items() if v is not None})
        _default = None
        _by_spec.clear()
        _backward_by_spec.clear()


def library_for(spec: str) -> Library:
    global _default
    with _lock:
        if spec in _by_spec:
            return _by_spec[spec]
        if spec in default_specs():
            if _default is None:
                _default = compile(default_specs(), DTYPES, **_options)
            library = _default
        else:
            library = compile([spec], DTYPES, **_options)
        _by_spec[spec] = library
        return library


def resolve(activation: Activation, values: Sequence[Any], dtype: str,
            dynamic: bool = False) -> Tuple[Library, str]:
    """The library and kernel name computing `activation` with `values` on `dtype`;
    with `dynamic`, the kernel takes the float parameters at run time (compiled once
    for all values)."""
    spec = activation.spec(values, dynamic)
    return library_for(spec), kernel_name(spec, dtype)


def resolve_backward(activation: Activation, values: Sequence[Any], dtype: str,
                     conventions: str = "jax", dynamic: bool = False) -> Tuple[Library, str]:
    """The library and kernel name of the backward `dx = dy * f'(x)` of `activation`
    with `values` on `dtype`: relu-cc compiles act.grad (MLIR input), deriving it from
    the activation's definition. One library per spec and conventions, 4 dtypes; with
    `dynamic`, the float parameters are run-time arguments (one library for all
    values)."""
    spec = activation.spec(values, dynamic)
    key = (spec, conventions)
    with _lock:
        if key not in _backward_by_spec:
            _backward_by_spec[key] = compile(
                source=backward_mlir(activation, values, DTYPES, conventions, dynamic),
                **_options)
        library = _backward_by_spec[key]
    return library, backward_kernel_name(spec, dtype, conventions)
