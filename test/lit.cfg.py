# -*- Python -*-
import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "RELU"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.relu_obj_root, "test")
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%shlibext", config.llvm_shlib_ext))
config.substitutions.append(("%relu_src", config.relu_src_root))
config.substitutions.append(("%relu_obj", config.relu_obj_root))
config.substitutions.append(("%relu_libs", config.relu_lib_dir))
config.substitutions.append(("%cmake_generator", config.cmake_generator))
config.substitutions.append(("%cmake", config.cmake_command))
config.substitutions.append(("%cc", config.c_compiler))
config.substitutions.append(("%cxx", config.cxx_compiler))
config.substitutions.append(("%python", config.python_executable))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()
# FileCheck, not and count come from LLVM's tools directory.
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tool_dirs = [config.relu_tools_dir, config.llvm_tools_dir]
# mlir-opt is always upstream's (LLVM's tools directory), the host of ReluPlugin.
tools = ["relu-opt", "relu-cc",
         ToolSubst("mlir-opt", command=os.path.join(config.llvm_tools_dir, "mlir-opt"),
                   unresolved="fatal")]
llvm_config.add_tool_substitutions(tools, tool_dirs)

# XLA FFI headers (jaxlib's include/, jax.ffi.include_dir()) for the
# relu-cc --target=xla tests that compile the generated handlers.
import subprocess
_jaxlib_include = subprocess.run(
    [config.python_executable, "-c",
     "import importlib.util, os; s = importlib.util.find_spec('jaxlib'); "
     "d = os.path.join(list(s.submodule_search_locations)[0], 'include') if s else ''; "
     "print(d if d and os.path.isfile(os.path.join(d, 'xla/ffi/api/c_api.h')) else '')"],
    capture_output=True, text=True).stdout.strip()
if _jaxlib_include:
    config.available_features.add("jaxlib")
    config.substitutions.append(("%jaxlib_include", _jaxlib_include))

# GPU tests (test/Target/Nvptx, test/Integration/Nvptx).
# 'ptxas': the CUDA toolkit's ptxas, which relu-cc --target=nvptx runs to
# build cubins ($CUDA_PATH, else /usr/local/cuda).
# 'cuda-gpu': libcuda.so.1 loads and reports a device; tests that run
# kernels REQUIRE it and are UNSUPPORTED (not passed) without. The probe runs
# in a child process so that lit itself never initializes the driver.
config.cuda_path = os.environ.get("CUDA_PATH") or "/usr/local/cuda"
config.substitutions.append(("%cuda_path", config.cuda_path))
if os.access(os.path.join(config.cuda_path, "bin", "ptxas"), os.X_OK):
    config.available_features.add("ptxas")
_cuda_stub = os.path.join(config.cuda_path, "lib64", "stubs", "libcuda.so")
if os.path.exists(_cuda_stub):
    config.available_features.add("cuda-stub-library")
    config.substitutions.append(("%cuda_stub_library", _cuda_stub))
_cuda_probe = (
    "import ctypes, sys\n"
    "try:\n"
    "    cu = ctypes.CDLL('libcuda.so.1')\n"
    "except OSError as e:\n"
    "    print('libcuda.so.1 cannot be loaded'); sys.exit(1)\n"
    "n = ctypes.c_int(0)\n"
    "r = cu.cuInit(0)\n"
    "if r != 0 or cu.cuDeviceGetCount(ctypes.byref(n)) != 0 or n.value < 1:\n"
    "    print('cuInit returned %d, %d devices' % (r, n.value)); sys.exit(1)\n"
    "print('%d devices' % n.value)\n")
try:
    _probe = subprocess.run([config.python_executable, "-c", _cuda_probe],
                            capture_output=True, text=True, timeout=120)
    _gpu = _probe.returncode == 0
    _why = _probe.stdout.strip() or _probe.stderr.strip()[-200:]
except (OSError, subprocess.TimeoutExpired) as e:
    _gpu, _why = False, str(e)
if _gpu:
    config.available_features.add("cuda-gpu")
    lit_config.note("CUDA GPU found (%s): GPU tests run" % _why)
else:
    lit_config.note("no CUDA GPU (%s): tests that need one are UNSUPPORTED" % _why)
