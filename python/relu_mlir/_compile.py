"""relu_mlir.compile: relu-cc -> shared library, cached by content hash."""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import platform as host_platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple, Union

from ._errors import (CompileError, CompilerNotFoundError, KernelError, LibraryError,
                      UnsupportedAttributeError, UnsupportedDtypeError)
from ._activations import DTYPES

#: Bump when the build recipe changes, so that old cache entries are not reused.
_RECIPE_VERSION = 4

_PACKAGE_DIR = Path(__file__).resolve().parent

_DTYPE_ALIASES = {
    "f16": "f16", "float16": "f16", "half": "f16",
    "bf16": "bf16", "bfloat16": "bf16",
    "f32": "f32", "float32": "f32", "float": "f32",
    "f64": "f64", "float64": "f64", "double": "f64",
}


def normalize_dtype(dtype) -> str:
    """relu-cc's name (f16, bf16, f32, f64) for a dtype name or numpy/jax dtype."""
    key = dtype if isinstance(dtype, str) else getattr(dtype, "name", None)
    if key is None:
        try:
            import numpy as np
            key = np.dtype(dtype).name
        except TypeError:
            key = str(dtype)
    if key not in _DTYPE_ALIASES:
        raise UnsupportedDtypeError(
            f"unsupported dtype {dtype!r}: relu-mlir kernels take float16, bfloat16, "
            f"float32 or float64")
    return _DTYPE_ALIASES[key]


# ---- tools ------------------------------------------------------------------


def find_relu_cc(explicit: Optional[str] = None) -> Path:
    """Where relu-cc is: `explicit`, $RELU_MLIR_RELU_CC, the copy installed with the
    package, $RELU_MLIR_BUILD_DIR/bin/relu-cc, or relu-cc on PATH."""
    candidates: List[Tuple[str, Optional[str]]] = [
        ("the relu_cc argument", explicit),
        ("$RELU_MLIR_RELU_CC", os.environ.get("RELU_MLIR_RELU_CC")),
        ("the package", str(_PACKAGE_DIR / "_bin" / "relu-cc")),
    ]
    build_dir = os.environ.get("RELU_MLIR_BUILD_DIR")
    if build_dir:
        candidates.append(("$RELU_MLIR_BUILD_DIR", str(Path(build_dir) / "bin" / "relu-cc")))
    candidates.append(("PATH", shutil.which("relu-cc")))
    for origin, path in candidates:
        if not path:
            continue
        if Path(path).is_file() and os.access(path, os.X_OK):
            return Path(path)
        if origin != "the package" and origin != "PATH":
            raise CompilerNotFoundError(f"relu-cc given by {origin} does not exist or is not "
                                        f"executable: {path}")
    raise CompilerNotFoundError(
        "relu-cc not found: install the package with `pip install ./python` (which builds it "
        "with CMake against Debian's LLVM/MLIR 22), or point RELU_MLIR_RELU_CC at a relu-cc "
        "binary, or RELU_MLIR_BUILD_DIR at a CMake build directory of relu-mlir")


def find_cc(explicit: Optional[str] = None) -> str:
    """A C11 compiler: `explicit`, $CC, cc, clang-22, clang or gcc."""
    for name in [explicit, os.environ.get("CC"), "cc", "clang-22", "clang", "gcc"]:
        if name:
            found = shutil.which(name.split()[0])
            if found:
                return name if " " in name else found
    raise CompilerNotFoundError("no C compiler found (set CC): relu_mlir links the kernels "
                                "into a shared library with it")


_hash_lock = threading.Lock()
_file_hashes: Dict[Tuple[str, int, int], str] = {}


def _file_hash(path: Path) -> str:
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns)
    with _hash_lock:
        if key not in _file_hashes:
            digest = hashlib.sha256()
            with open(path, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    digest.update(block)
            _file_hashes[key] = digest.hexdigest()
        return _file_hashes[key]


def _host_cpu_identity() -> str:
    """What --cpu=native resolves to depends on the host: hash its CPU description."""
    try:
        text = Path("/proc/cpuinfo").read_text(errors="replace")
        lines = [l for l in text.splitlines() if l.startswith(("model name", "flags", "Features"))]
        return hashlib.sha256("\n".join(sorted(set(lines))).encode()).hexdigest()
    except OSError:
        return host_platform.processor() or host_platform.machine()


def jax_ffi_include_dir() -> Optional[str]:
    """jax.ffi.include_dir() (jaxlib's include/), or None when jaxlib is not installed.
    Found without importing jax, which numpy-only users need not pay for."""
    import importlib.util
    try:
        spec = importlib.util.find_spec("jaxlib")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    include = Path(list(spec.submodule_search_locations)[0]) / "include"
    if not (include / "xla" / "ffi" / "api" / "c_api.h").is_file():
        return None
    return str(include)


def default_cache_dir() -> Path:
    env = os.environ.get("RELU_MLIR_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "relu_mlir"


# ---- the library ------------------------------------------------------------

_HEADER_DECL = re.compile(r"^int (\w+)\((.*)\);$", re.M)
_CTYPES = {"float": "f32", "double": "f64", "relu_f16_t": "f16", "relu_bf16_t": "bf16",
           "int8_t": "i8", "int64_t": "i64", "uint8_t": "u8"}


@dataclass(frozen=True)
class KernelSignature:
    """A kernel's C entry point, read from the header relu-cc writes."""

    name: str
    kind: str  # "elementwise" or "channel"
    num_inputs: int
    dtype: str  # the result's element type (relu-cc name)
    input_dtypes: Tuple[str, ...]
    #: Run-time parameters after the sizes: (C name, f32 or f64).
    scalars: Tuple[Tuple[str, str], ...] = ()

    @staticmethod
    def parse(name: str, params: str) -> "KernelSignature":
        # GPU entry points (platform "cuda") end with the stream.
        parts = [p.strip() for p in params.split(",") if p.strip() != "void *stream"]
        pointers = [p for p in parts if "*" in p]
        sizes = [p for p in parts if p.startswith("int64_t ") and "*" not in p]
        scalars = tuple((p.split()[1], _CTYPES[p.split()[0]]) for p in parts
                        if "*" not in p and not p.startswith("int64_t "))
        kind = "elementwise" if len(sizes) == 1 else "channel"
        types = [_CTYPES[p.replace("const ", "").split("*")[0].strip()] for p in pointers]
        return KernelSignature(name, kind, len(pointers) - 1, types[-1], tuple(types[:-1]),
                               scalars)


class Library:
    """A shared library of kernels built by relu_mlir.compile.

    ``kernels`` maps kernel names (relu-cc's entry points, e.g. gelu_tanh_f32)
    to their signatures. ``function(name)`` is the ctypes entry point,
    ``xla_handler(name)`` the XLA FFI handler (when built with xla=True)."""

    def __init__(self, path: Union[str, Path], kernels: Dict[str, KernelSignature],
                 xla: bool, key: str, platform: str = "cpu",
                 recipe: Optional[Dict[str, Any]] = None):
        self.path = Path(path)
        self.kernels = dict(kernels)
        self.has_xla = xla
        self.key = key
        #: "cpu", or "cuda": GPU kernels (device pointers) and CUDA XLA handlers.
        self.platform = platform
        #: relu_mlir.compile's arguments, for the same kernels on another platform.
        self.recipe = dict(recipe or {})
        if not self.path.is_file():
            raise LibraryError(f"relu-mlir kernel library {self.path} does not exist")
        try:
            self._dll = ctypes.CDLL(str(self.path))
        except OSError as e:
            raise LibraryError(f"cannot load relu-mlir kernel library {self.path}: {e}") from e
        self._dll.relu_rt_status_string.restype = ctypes.c_char_p
        self._dll.relu_rt_status_string.argtypes = [ctypes.c_int]
        self._dll.relu_rt_set_num_threads.argtypes = [ctypes.c_int]
        self._functions: Dict[str, ctypes._CFuncPtr] = {}

    def __repr__(self) -> str:
        return f"<relu_mlir.Library {self.path} ({len(self.kernels)} kernels)>"

    def __contains__(self, name: str) -> bool:
        return name in self.kernels

    def signature(self, name: str) -> KernelSignature:
        try:
            return self.kernels[name]
        except KeyError:
            raise LibraryError(f"kernel {name!r} is not in {self.path} "
                               f"(it has: {', '.join(sorted(self.kernels))})") from None

    def function(self, name: str):
        """The C entry point of kernel `name` (ctypes), with argument types set."""
        if name not in self._functions:
            sig = self.signature(name)
            try:
                fn = getattr(self._dll, name)
            except AttributeError as e:
                raise LibraryError(f"{self.path} lacks the symbol {name}") from e
            pointers = [ctypes.c_void_p] * (sig.num_inputs + 1)
            sizes = [ctypes.c_int64] * (1 if sig.kind == "elementwise" else 3)
            scalars = [ctypes.c_double if t == "f64" else ctypes.c_float for _, t in sig.scalars]
            fn.argtypes = pointers + sizes + scalars
            fn.restype = ctypes.c_int
            self._functions[name] = fn
        return self._functions[name]

    def xla_handler(self, name: str):
        """The XLA FFI handler of kernel `name` (a ctypes function pointer)."""
        self.signature(name)
        if not self.has_xla:
            raise LibraryError(f"{self.path} was compiled without XLA FFI handlers "
                               f"(relu_mlir.compile(..., xla=True) needs jax installed)")
        try:
            return getattr(self._dll, "relu_xla_" + name)
        except AttributeError as e:
            raise LibraryError(f"{self.path} lacks the XLA handler relu_xla_{name}") from e

    def check(self, status: int, what: str) -> None:
        if status != 0:
            message = self._dll.relu_rt_status_string(status).decode()
            raise KernelError(f"{what}: {message} (relu-mlir status {status})")

    def set_num_threads(self, n: int) -> None:
        if self._dll.relu_rt_set_num_threads(int(n)) != 0:
            raise ValueError(f"invalid thread count {n}")

    def set_xla_threading(self, mode: int) -> int:
        if not self.has_xla:
            return -1
        fn = self._dll.relu_xla_set_threading
        fn.argtypes = [ctypes.c_int]
        fn.restype = ctypes.c_int
        return fn(mode)

    def xla_api_version(self) -> Tuple[int, int, int]:
        """(major, minor) of the XLA FFI header compiled with, and the minor version reported."""
        values = [ctypes.c_int(), ctypes.c_int(), ctypes.c_int()]
        self._dll.relu_xla_api_version(*[ctypes.byref(v) for v in values])
        return tuple(v.value for v in values)  # type: ignore[return-value]


# ---- compile ------------------------------------------------------------------

_libraries_lock = threading.Lock()
_libraries: Dict[str, Library] = {}


def _run(cmd: Sequence[str], what: str, cwd: Optional[str] = None) -> None:
    try:
        result = subprocess.run(list(cmd), cwd=cwd, capture_output=True, text=True)
    except OSError as e:
        raise CompilerNotFoundError(f"cannot run {cmd[0]}: {e}") from e
    if result.returncode != 0:
        output = (result.stderr + result.stdout).strip()
        raise CompileError(f"{what} failed (exit {result.returncode}):\n{output}\n"
                           f"command: {' '.join(cmd)}")


def compile(activations: Optional[Iterable[str]] = None,
            dtypes: Iterable = ("f32",),
            *,
            source: Optional[Union[str, os.PathLike]] = None,
            fuse: Optional[Iterable[str]] = None,
            cpu: str = "native",
            xla: Union[bool, str] = "auto",
            cache_dir: Optional[Union[str, os.PathLike]] = None,
            relu_cc: Optional[str] = None,
            cc: Optional[str] = None,
            platform: str = "cpu") -> Library:
    """Compiles kernels with relu-cc into a shared library and loads it.

    ``activations`` are relu-cc quick specs (``"gelu:tanh"``, ``"leaky_relu:0.2"``),
    compiled for every dtype in ``dtypes`` (f16, bf16, f32, f64 or numpy dtypes);
    ``fuse`` are fused groups as relu-cc ``--fuse`` quick specs (``"bias,relu,quantize:0.02"``,
    ``"silu,mul"``; docs/fusion.md), one kernel per group and dtype, beside or instead of
    ``activations``; or ``source`` is an MLIR module (text, or a path) whose public
    functions are the kernels. ``cpu`` is relu-cc's --cpu. ``xla`` adds the XLA FFI handlers
    (``relu-cc --target=xla``; "auto": when jax is installed).

    The library is cached under ``cache_dir`` ($RELU_MLIR_CACHE_DIR, default
    ~/.cache/relu_mlir) by a hash of everything that goes into it: relu-cc
    itself, the specs or source, dtypes, cpu (and the host CPU for "native"),
    the XLA FFI header and the build recipe.

    ``platform="cuda"`` builds the GPU kernels instead (relu-cc ``--target=xla
    --xla-platform=cuda``: CUDA XLA handlers queuing them on XLA's stream; needs
    jax and the CUDA toolkit's ptxas, not a GPU). Such a library serves jax on
    GPUs; its C entry points take device pointers and a stream."""
    recipe = dict(activations=activations, dtypes=dtypes, source=source, fuse=fuse, cpu=cpu, xla=xla,
                  cache_dir=cache_dir, relu_cc=relu_cc, cc=cc)
    if platform not in ("cpu", "cuda"):
        raise ValueError(f"relu_mlir.compile: platform must be 'cpu' or 'cuda', not {platform!r}")
    if (activations is None and fuse is None) == (source is None):
        raise ValueError("relu_mlir.compile: give either activations or fuse (quick specs) or source")
    specs: List[str] = []
    groups: List[str] = [] if fuse is None else [fuse] if isinstance(fuse, str) else list(fuse)
    source_text: Optional[str] = None
    if source is None:
        specs = [] if activations is None else [activations] if isinstance(activations, str) \
            else list(activations)
        if not specs + groups or not all(isinstance(s, str) and s for s in specs + groups):
            raise UnsupportedAttributeError("relu_mlir.compile: activations and fuse must be "
                                            "non-empty quick-spec strings such as 'gelu:tanh'")
        for s in specs + groups:
            if any(c.isspace() for c in s) or (s in specs and "," in s):
                raise UnsupportedAttributeError(f"bad quick spec {s!r}")
        dtype_list = sorted({normalize_dtype(d) for d in ([dtypes] if isinstance(dtypes, str) else dtypes)},
                            key=DTYPES.index)
        if not dtype_list:
            raise UnsupportedDtypeError("relu_mlir.compile: no dtypes given")
    else:
        dtype_list = []
        if isinstance(source, os.PathLike) or (isinstance(source, str) and "\n" not in source
                                               and Path(source).is_file()):
            source_text = Path(source).read_text()
        else:
            source_text = str(source)

    include_dir = None
    if xla == "auto":
        include_dir = jax_ffi_include_dir()
    elif xla:
        include_dir = jax_ffi_include_dir()
        if include_dir is None:
            raise CompilerNotFoundError("relu_mlir.compile(xla=True) needs jax (the XLA FFI "
                                        "headers of jax.ffi.include_dir()): pip install jax")
    use_xla = include_dir is not None
    if platform == "cuda" and not use_xla:
        raise CompilerNotFoundError("relu_mlir.compile(platform='cuda') builds XLA handlers and "
                                    "needs jax (jax.ffi.include_dir()): pip install jax")

    tool = find_relu_cc(relu_cc)
    compiler = find_cc(cc)
    ffi_header = Path(include_dir, "xla", "ffi", "api", "c_api.h") if use_xla else None
    key_data = {
        "recipe": _RECIPE_VERSION,
        "relu_cc": _file_hash(tool),
        "specs": specs,
        "fuse": groups,
        "dtypes": dtype_list,
        "source": source_text,
        "cpu": cpu,
        "host": _host_cpu_identity() if cpu == "native" else host_platform.machine(),
        "xla": _file_hash(ffi_header) if ffi_header else None,
        "cc": compiler,
        "python_abi": sys.implementation.cache_tag,
        "platform": platform,
    }
    key = hashlib.sha256(json.dumps(key_data, sort_keys=True).encode()).hexdigest()[:32]

    with _libraries_lock:
        if key in _libraries:
            return _libraries[key]
        root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        final = root / key
        meta_path = final / "kernels.json"
        if not meta_path.is_file():
            _build(final, tool, compiler, specs, groups, dtype_list, source_text, cpu, include_dir,
                   key_data, platform)
        try:
            meta = json.loads(meta_path.read_text())
            kernels = {k["name"]: KernelSignature(k["name"], k["kind"], k["num_inputs"], k["dtype"],
                                                  tuple(k["input_dtypes"]),
                                                  tuple(tuple(s) for s in k["scalars"]))
                       for k in meta["kernels"]}
        except (OSError, ValueError, KeyError) as e:
            raise LibraryError(f"corrupt relu-mlir cache entry {final}: {e}; delete it") from e
        library = Library(final / meta["library"], kernels, meta["xla"], key, platform, recipe)
        _libraries[key] = library
    from . import _runtime  # apply process-wide settings (thread counts)
    _runtime.configure(library)
    return library


def _build(final: Path, tool: Path, compiler: str, specs: List[str], groups: List[str],
           dtypes: List[str],
           source_text: Optional[str], cpu: str, include_dir: Optional[str], key_data,
           platform: str) -> None:
    final.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=final.name + ".", dir=final.parent))
    try:
        cmd = [str(tool), "--cpu=" + cpu, "-o", str(work / "kernels.o")]
        if include_dir:
            cmd.append("--target=xla")
        if platform == "cuda":
            cmd.append("--xla-platform=cuda")
        if specs or groups:
            if specs:
                cmd.append("--activation=" + ",".join(specs))
            cmd += ["--fuse=" + g for g in groups] + ["--dtype=" + ",".join(dtypes)]
        else:
            (work / "kernels.mlir").write_text(source_text or "")
            cmd.append(str(work / "kernels.mlir"))
        _run(cmd, "relu-cc")
        header = (work / "kernels.h").read_text()
        kernels = [KernelSignature.parse(m.group(1), m.group(2))
                   for m in _HEADER_DECL.finditer(header)]
        sources = ["kernels.o", "kernels_shim.c", "relu_rt.c"]
        flags = ["-O2", "-std=gnu11", "-fPIC", "-shared", "-Wl,-Bsymbolic", "-I."]
        libs = ["-lm", "-lpthread"]
        if include_dir:
            sources.append("kernels_xla.c")
            flags += ["-I" + include_dir]
        if platform == "cuda":  # the driver is loaded at run time (dlopen)
            sources.append("relu_rt_cuda.c")
            libs.append("-ldl")
        library = "libkernels.so" if sys.platform != "darwin" else "libkernels.dylib"
        cc_cmd = compiler.split() + flags + ["-o", library] + sources + libs
        _run(cc_cmd, "linking the kernel library", cwd=str(work))
        meta = {"library": library, "xla": bool(include_dir), "key": key_data,
                "kernels": [k.__dict__ | {"input_dtypes": list(k.input_dtypes),
                                          "scalars": [list(s) for s in k.scalars]}
                            for k in kernels]}
        (work / "kernels.json").write_text(json.dumps(meta, indent=1))
        try:
            os.rename(work, final)
        except OSError:
            # Another process finished the same entry first: use theirs.
            if not (final / "kernels.json").is_file():
                raise
            shutil.rmtree(work, ignore_errors=True)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
