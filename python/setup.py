"""Builds relu-cc with CMake (or takes an existing one) and ships it inside the
relu_mlir package (relu_mlir/_bin/relu-cc). At run time relu_mlir drives that
relu-cc and a C compiler to build kernel libraries (see docs/xla.md).

Needs: Debian's LLVM/MLIR 22 (llvm-22-dev libmlir-22-dev mlir-22-tools clang-22
lld-22), cmake and ninja (scripts/setup.sh installs them). The relu-cc binary
links libMLIR/libLLVM from /usr/lib/llvm-22/lib at run time.

Environment:
  RELU_MLIR_RELU_CC=<path>    ship this relu-cc binary instead of building one
  RELU_MLIR_BUILD_DIR=<dir>   build relu-cc in this (configured) CMake build dir
  RELU_MLIR_CMAKE_ARGS="..."  extra arguments for a fresh configure
  MLIR_DIR=<dir>              MLIR's CMake package (default Debian's LLVM 22)
A fresh build goes to <repo>/build-pip.
"""

import os
import shlex
import shutil
import stat
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def _run(cmd):
    print("relu-mlir:", " ".join(map(str, cmd)), flush=True)
    subprocess.run([str(c) for c in cmd], check=True)


def relu_cc_binary() -> Path:
    given = os.environ.get("RELU_MLIR_RELU_CC")
    if given:
        if not Path(given).is_file():
            raise SystemExit(f"relu-mlir: RELU_MLIR_RELU_CC={given} does not exist")
        return Path(given)
    if not (REPO / "CMakeLists.txt").is_file():
        raise SystemExit("relu-mlir: the relu-mlir sources (../CMakeLists.txt) are needed to "
                         "build relu-cc; or set RELU_MLIR_RELU_CC to a relu-cc binary")
    build = os.environ.get("RELU_MLIR_BUILD_DIR")
    if build:
        build = Path(build).resolve()
    else:
        build = REPO / "build-pip"
    if not (build / "CMakeCache.txt").is_file():
        cmake = shutil.which("cmake")
        if not cmake:
            raise SystemExit("relu-mlir: cmake is needed to build relu-cc (scripts/setup.sh)")
        mlir_dir = os.environ.get("MLIR_DIR", "/usr/lib/llvm-22/lib/cmake/mlir")
        cmd = [cmake, "-S", REPO, "-B", build, "-DCMAKE_BUILD_TYPE=Release", f"-DMLIR_DIR={mlir_dir}"]
        if shutil.which("ninja"):
            cmd += ["-G", "Ninja"]
        if shutil.which("clang-22") and shutil.which("clang++-22"):
            cmd += ["-DCMAKE_C_COMPILER=clang-22", "-DCMAKE_CXX_COMPILER=clang++-22"]
        if shutil.which("ld.lld-22") or shutil.which("ld.lld"):
            cmd += ["-DLLVM_USE_LINKER=lld"]
        lit = "/usr/lib/llvm-22/bin/lit"
        if Path(lit).exists():
            cmd += [f"-DLLVM_EXTERNAL_LIT={lit}"]
        cmd += shlex.split(os.environ.get("RELU_MLIR_CMAKE_ARGS", ""))
        _run(cmd)
    _run(["cmake", "--build", build, "--target", "relu-cc"])
    tool = build / "bin" / "relu-cc"
    if not tool.is_file():
        raise SystemExit(f"relu-mlir: the build did not produce {tool}")
    return tool


class BuildPyWithReluCc(build_py):
    def run(self):
        super().run()
        tool = relu_cc_binary()
        dest = Path(self.build_lib) / "relu_mlir" / "_bin" / "relu-cc"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(tool, dest)
        dest.chmod(dest.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


class BinaryDistribution(Distribution):
    """The wheel holds a native executable: tag it for this platform."""

    def has_ext_modules(self):
        return True


setup(cmdclass={"build_py": BuildPyWithReluCc}, distclass=BinaryDistribution)
