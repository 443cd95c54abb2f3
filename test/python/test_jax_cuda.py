"""relu_mlir on CUDA GPUs through XLA: the CUDA XLA FFI handlers
(relu-cc --target=xla --xla-platform=cuda, queued on XLA's stream).

Without a GPU: the GPU library builds (relu-cc runs ptxas), its kernels and
handlers are all there, and it loads without a CUDA driver (relu_rt_cuda loads
libcuda.so.1 only when a kernel runs). The handlers themselves are exercised
against a fake driver by test/Integration/Nvptx/xla-cuda.test.

With a GPU: test_jax.py's comparisons against jax.nn (forward, gradients, vmap,
prelu) run again with jax on the GPU (JAX_PLATFORMS=cuda), where
relu_mlir.jax registers the GPU handlers for platform "CUDA"."""

import ctypes
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("jax")
import relu_mlir  # noqa: E402

HERE = Path(__file__).resolve().parent
PTXAS = Path(os.environ.get("CUDA_PATH") or "/usr/local/cuda") / "bin" / "ptxas"


def _cuda_devices() -> str:
    """'' when a CUDA driver reports a device, else why not (probed in a child
    process, so that this one never initializes the driver)."""
    probe = ("import ctypes, sys\n"
             "try:\n    cu = ctypes.CDLL('libcuda.so.1')\n"
             "except OSError:\n    print('libcuda.so.1 cannot be loaded'); sys.exit(1)\n"
             "n = ctypes.c_int(0)\n"
             "if cu.cuInit(0) != 0 or cu.cuDeviceGetCount(ctypes.byref(n)) != 0 or n.value < 1:\n"
             "    print('no CUDA device'); sys.exit(1)\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    return "" if result.returncode == 0 else result.stdout.strip()


def test_gpu_library_builds_and_loads_without_a_gpu(tmp_path):
    if not os.access(PTXAS, os.X_OK) and not shutil.which("ptxas"):
        pytest.skip("the CUDA toolkit's ptxas is not installed")
    lib = relu_mlir.compile(["relu", "gelu:tanh", "prelu"], ["f32", "bf16"], platform="cuda",
                            cache_dir=tmp_path / "cache")
    assert lib.platform == "cuda" and lib.has_xla
    assert set(lib.kernels) == {f"{k}_{d}" for k in ("relu", "gelu_tanh", "prelu")
                                for d in ("f32", "bf16")}
    assert lib.signature("prelu_f32").kind == "channel"
    assert lib.signature("gelu_tanh_bf16").num_inputs == 1
    for name in lib.kernels:
        assert isinstance(lib.xla_handler(name), ctypes._CFuncPtr)
    # The same kernels for the CPU are another library (another cache entry).
    cpu = relu_mlir.compile(**{**lib.recipe, "cache_dir": tmp_path / "cache"})
    assert cpu.platform == "cpu" and cpu.key != lib.key


def test_platform_is_checked():
    with pytest.raises(ValueError, match="platform must be 'cpu' or 'cuda'"):
        relu_mlir.compile(["relu"], ["f32"], platform="rocm")


def test_jax_on_the_gpu_matches_jax_nn():
    why = _cuda_devices()
    if why:
        pytest.skip(f"no CUDA GPU ({why})")
    env = dict(os.environ, JAX_PLATFORMS="cuda")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(HERE / "test_jax.py"),
         "-k", "matches_jax_nn or gradients or vmap or prelu or aliased"],
        env=env, capture_output=True, text=True, cwd=str(HERE))
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and " failed" not in result.stdout
