"""Process-wide settings applied to every loaded kernel library.

Each library carries its own copy of the relu_rt runtime (thread pool), so a
setting is applied to the libraries loaded so far and remembered for later ones."""

from __future__ import annotations

import threading
from typing import Optional

_lock = threading.Lock()
_num_threads: Optional[int] = None
_xla_threading: Optional[int] = None

XLA_THREADING_MODES = {"xla": 0, "relu": 1, "serial": 2}


def _loaded():
    from . import _compile
    with _compile._libraries_lock:
        return list(_compile._libraries.values())


def configure(library) -> None:
    with _lock:
        if _num_threads is not None:
            library.set_num_threads(_num_threads)
        if _xla_threading is not None:
            library.set_xla_threading(_xla_threading)


def set_num_threads(n: int) -> None:
    """Threads the kernels' own pool (relu_rt) uses for large calls (default: all cores,
    or $RELU_MLIR_NUM_THREADS)."""
    global _num_threads
    if not isinstance(n, int) or not 1 <= n <= 1024:
        raise ValueError(f"set_num_threads: expected an integer in [1, 1024], got {n!r}")
    with _lock:
        _num_threads = n
    for library in _loaded():
        library.set_num_threads(n)


def set_xla_threading(mode: str) -> None:
    """Where the XLA handlers run large calls: "relu" (relu_rt's pool, the default),
    "xla" (XLA's intra-op thread pool, through futures) or "serial" (the calling
    thread). See docs/xla.md for why relu_rt's pool is the default."""
    global _xla_threading
    if mode not in XLA_THREADING_MODES:
        raise ValueError(f"set_xla_threading: mode must be one of {sorted(XLA_THREADING_MODES)}, "
                         f"got {mode!r}")
    with _lock:
        _xla_threading = XLA_THREADING_MODES[mode]
    for library in _loaded():
        library.set_xla_threading(XLA_THREADING_MODES[mode])
