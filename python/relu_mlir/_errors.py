"""Exceptions raised by relu_mlir. All derive from ReluMlirError."""


class ReluMlirError(Exception):
    """Base class of every relu_mlir error."""


class CompilerNotFoundError(ReluMlirError, FileNotFoundError):
    """relu-cc or a C compiler could not be found."""


class CompileError(ReluMlirError):
    """relu-cc or the C compiler rejected the input; the message has its output."""


class LibraryError(ReluMlirError, OSError):
    """A compiled library is missing, unreadable, or lacks an expected symbol."""


class UnsupportedDtypeError(ReluMlirError, TypeError):
    """An array's element type is not one the kernels take."""


class UnsupportedAttributeError(ReluMlirError, ValueError):
    """An activation parameter (attribute) is unknown or has an invalid value."""


class KernelError(ReluMlirError, RuntimeError):
    """A kernel returned an error status."""


class BackwardNotAvailableError(ReluMlirError, NotImplementedError):
    """The derived backward kernels (relu-cc --grad) are not available."""
