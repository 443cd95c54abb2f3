"""The struct layouts the generated XLA FFI handlers rely on (written against
API 0.1) match the installed jaxlib's xla/ffi/api/c_api.h: a C program with
static_asserts comparing every used field's offset with a transcription of the
0.1 header, compiled against jax.ffi.include_dir()."""

import os
import subprocess

import pytest

import relu_mlir

HERE = os.path.dirname(os.path.abspath(__file__))


def test_struct_layouts_match_api_0_1(tmp_path):
    include = relu_mlir._compile.jax_ffi_include_dir()
    if include is None:
        pytest.skip("jaxlib (the XLA FFI headers) not installed")
    exe = tmp_path / "check_ffi_layout"
    cc = relu_mlir.find_cc()
    subprocess.run([*cc.split(), "-std=c11", "-Wall", "-Werror", "-I", HERE, "-isystem", include,
                    os.path.join(HERE, "check_ffi_layout.c"), "-o", str(exe)],
                   check=True, capture_output=True, text=True)
    out = subprocess.run([str(exe)], check=True, capture_output=True, text=True).stdout
    assert out.startswith("XLA_FFI_API_VERSION 0.")
    assert "XLA_FFI_CallFrame.future 168" in out
    assert "XLA_FFI_Api.Future_SetAvailable 160" in out


def test_handlers_with_a_fake_xla(tmp_path):
    """xla_handler_harness.c calls the generated handlers with a fake XLA_FFI_Api:
    the metadata query without an api, wrong stage / counts / dtypes / shapes /
    attributes, zero-size and rank-0 buffers, the future completed by the last
    chunk after the handler returned, aliasing, a pool that refuses tasks, an
    API without the pool, the three threading modes, batched prelu."""
    include = relu_mlir._compile.jax_ffi_include_dir()
    if include is None:
        pytest.skip("jaxlib (the XLA FFI headers) not installed")
    lib = relu_mlir.compile(["relu", "prelu"], ["f32"], xla=True, cache_dir=tmp_path / "cache")
    exe = tmp_path / "harness"
    cc = relu_mlir.find_cc()
    subprocess.run([*cc.split(), "-std=gnu11", "-O1", "-Wall", "-Werror", "-isystem", include,
                    os.path.join(HERE, "xla_handler_harness.c"), "-o", str(exe), "-ldl", "-lpthread"],
                   check=True, capture_output=True, text=True)
    result = subprocess.run([str(exe), str(lib.path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith(" passed, 0 failed")
