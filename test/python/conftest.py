"""pytest setup for the relu_mlir package (python/).

Run from the repository root:
    RELU_MLIR_BUILD_DIR=build python -m pytest test/python
(scripts/test.sh does this). relu-cc comes from $RELU_MLIR_RELU_CC,
$RELU_MLIR_BUILD_DIR/bin/relu-cc, an installed relu_mlir package, or the newest
<repo>/build*/bin/relu-cc. Kernel libraries are compiled into a fresh cache
directory per session (set RELU_MLIR_CACHE_DIR to reuse one). jax runs with
4 CPU devices (XLA_FLAGS=--xla_force_host_platform_device_count=4) for the
shard_map tests; tests needing jax are skipped when it is not installed.
"""

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Before jax is imported anywhere.
_flags = os.environ.get("XLA_FLAGS", "")
if "xla_force_host_platform_device_count" not in _flags:
    os.environ["XLA_FLAGS"] = (_flags + " --xla_force_host_platform_device_count=4").strip()
os.environ.setdefault("JAX_PLATFORMS", "cpu")

# The package under test is the source tree's.
sys.path.insert(0, str(ROOT / "python"))

if not os.environ.get("RELU_MLIR_RELU_CC") and not os.environ.get("RELU_MLIR_BUILD_DIR"):
    builds = sorted(ROOT.glob("build*/bin/relu-cc"), key=lambda p: p.stat().st_mtime)
    if builds:
        os.environ["RELU_MLIR_RELU_CC"] = str(builds[-1])

_own_cache = None
if not os.environ.get("RELU_MLIR_CACHE_DIR"):
    _own_cache = tempfile.mkdtemp(prefix="relu_mlir_test_cache.")
    os.environ["RELU_MLIR_CACHE_DIR"] = _own_cache


def pytest_sessionfinish(session, exitstatus):
    if _own_cache:
        shutil.rmtree(_own_cache, ignore_errors=True)


def pytest_report_header(config):
    import relu_mlir
    try:
        tool = relu_mlir.find_relu_cc()
    except relu_mlir.ReluMlirError as e:
        tool = f"NOT FOUND ({e})"
    return [f"relu-cc: {tool}", f"relu_mlir cache: {os.environ['RELU_MLIR_CACHE_DIR']}"]
