"""relu_mlir.compile: quick specs and MLIR sources to a cached shared library."""

import ctypes
import os

import numpy as np
import pytest

import relu_mlir
from relu_mlir import _compile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_quick_specs(tmp_path):
    lib = relu_mlir.compile(["gelu:tanh", "leaky_relu:0.2", "prelu"], ["f32", "bfloat16", np.float64],
                            cache_dir=tmp_path)
    assert set(lib.kernels) == {f"{k}_{d}" for k in ("gelu_tanh", "leaky_relu_0p2", "prelu")
                                for d in ("bf16", "f32", "f64")}
    sig = lib.signature("prelu_bf16")
    assert (sig.kind, sig.num_inputs, sig.dtype) == ("channel", 2, "bf16")
    assert lib.signature("gelu_tanh_f32").kind == "elementwise"
    x = np.array([-1.0, 2.0], np.float32)
    y = np.empty_like(x)
    assert lib.function("leaky_relu_0p2_f32")(x.ctypes.data, y.ctypes.data, 2) == 0
    np.testing.assert_array_equal(y, [np.float32(-0.2), 2.0])
    with pytest.raises(relu_mlir.LibraryError, match="not in"):
        lib.function("relu_f32")


def test_mlir_source(tmp_path):
    source = os.path.join(ROOT, "test", "Target", "Cpu", "Inputs", "custom.mlir")
    lib = relu_mlir.compile(source=source, cache_dir=tmp_path)
    assert set(lib.kernels) == {"my_mish", "bias_free_chain", "per_channel"}
    assert lib.signature("per_channel").input_dtypes == ("f16", "f16")
    # The same module given as text is the same library.
    text = open(source).read()
    assert relu_mlir.compile(source=text, cache_dir=tmp_path) is lib
    x = np.linspace(-3, 3, 7, dtype=np.float32)
    y = np.empty_like(x)
    lib.check(lib.function("my_mish")(x.ctypes.data, y.ctypes.data, 7), "my_mish")
    np.testing.assert_allclose(y, x * np.tanh(np.log1p(np.exp(x))), rtol=1e-6)


def test_cache_reuse_and_keys(tmp_path):
    lib = relu_mlir.compile(["elu:0.75"], ["f32"], cache_dir=tmp_path)
    assert relu_mlir.compile(["elu:0.75"], "float32", cache_dir=tmp_path) is lib
    entries = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert len(entries) == 1 and (entries[0] / "kernels.json").is_file()
    stamp = os.stat(lib.path).st_mtime_ns
    # A new process (simulated: forget the loaded libraries) finds the entry on disk.
    with _compile._libraries_lock:
        _compile._libraries.pop(lib.key)
    again = relu_mlir.compile(["elu:0.75"], ["f32"], cache_dir=tmp_path)
    assert again.path == lib.path and os.stat(again.path).st_mtime_ns == stamp
    # Different options are different entries.
    other = relu_mlir.compile(["elu:0.75"], ["f32"], cpu="generic", cache_dir=tmp_path)
    assert other.key != lib.key
    nojax = relu_mlir.compile(["elu:0.75"], ["f32"], xla=False, cache_dir=tmp_path)
    assert nojax.key != lib.key and not nojax.has_xla
    with pytest.raises(relu_mlir.LibraryError, match="without XLA FFI handlers"):
        nojax.xla_handler("elu_0p75_f32")


def test_errors(tmp_path, monkeypatch):
    with pytest.raises(relu_mlir.CompileError, match="unknown activation 'swoosh'"):
        relu_mlir.compile(["swoosh"], cache_dir=tmp_path)
    with pytest.raises(relu_mlir.CompileError, match="error"):
        relu_mlir.compile(source="func.func @f(", cache_dir=tmp_path)
    with pytest.raises(relu_mlir.UnsupportedDtypeError, match="int8"):
        relu_mlir.compile(["relu"], ["int8"], cache_dir=tmp_path)
    with pytest.raises(relu_mlir.UnsupportedAttributeError):
        relu_mlir.compile(["relu,elu"], cache_dir=tmp_path)
    with pytest.raises(ValueError):
        relu_mlir.compile(cache_dir=tmp_path)
    # Nothing half-built is left behind.
    assert not [p for p in tmp_path.iterdir() if p.is_dir()]
    monkeypatch.setenv("RELU_MLIR_RELU_CC", str(tmp_path / "missing" / "relu-cc"))
    with pytest.raises(relu_mlir.CompilerNotFoundError, match="does not exist"):
        relu_mlir.compile(["relu"], cache_dir=tmp_path)
    monkeypatch.delenv("RELU_MLIR_RELU_CC")
    monkeypatch.setenv("CC", "no-such-compiler-xyz")
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("RELU_MLIR_BUILD_DIR", raising=False)
    with pytest.raises(relu_mlir.CompilerNotFoundError):
        relu_mlir.compile(["relu"], cache_dir=tmp_path)


def test_kernel_status_errors(tmp_path):
    lib = relu_mlir.compile(["relu"], ["f32"], cache_dir=tmp_path)
    x = np.zeros(4, np.float32)
    with pytest.raises(relu_mlir.KernelError, match="negative"):
        lib.check(lib.function("relu_f32")(x.ctypes.data, x.ctypes.data, -1), "relu_f32")
    with pytest.raises(relu_mlir.KernelError, match="NULL"):
        lib.check(lib.function("relu_f32")(None, x.ctypes.data, 4), "relu_f32")
