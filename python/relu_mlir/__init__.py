"""relu-mlir for Python: activation kernels compiled by relu-cc (MLIR), for numpy
(relu_mlir.cpu) and JAX (relu_mlir.jax, XLA FFI custom calls).

    import relu_mlir.cpu, relu_mlir.jax
    y = relu_mlir.cpu.gelu(x_numpy, approximate="tanh")
    y = jax.jit(relu_mlir.jax.gelu)(x_jax)
    lib = relu_mlir.compile(["gelu:tanh", "leaky_relu:0.2"], dtypes=["f32", "bf16"])

See docs/xla.md in the relu-mlir repository.
"""

from ._activations import ACTIVATIONS, DTYPES, kernel_name
from ._compile import (KernelSignature, Library, compile, default_cache_dir, find_cc,
                       find_relu_cc, normalize_dtype)
from ._errors import (BackwardNotAvailableError, CompileError, CompilerNotFoundError,
                      KernelError, LibraryError, ReluMlirError, UnsupportedAttributeError,
                      UnsupportedDtypeError)
from ._kernels import configure
from ._runtime import set_num_threads, set_xla_threading

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS", "DTYPES", "kernel_name", "KernelSignature", "Library", "compile",
    "default_cache_dir", "find_cc", "find_relu_cc", "normalize_dtype", "configure",
    "set_num_threads", "set_xla_threading", "ReluMlirError", "CompileError",
    "CompilerNotFoundError", "KernelError", "LibraryError", "UnsupportedAttributeError",
    "UnsupportedDtypeError", "BackwardNotAvailableError", "__version__",
]
