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
