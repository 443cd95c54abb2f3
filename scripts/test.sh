#!/usr/bin/env bash
# Builds relu-mlir into ./build and runs the whole test suite: lit (the
# check-relu target: dialect, conversion, target, plugin and integration
# tests) and pytest over test/python when that folder has tests.
# Prints each runner's summary and exits non-zero if anything failed.
#   BUILD_DIR=<dir>  build somewhere else (default: ./build)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build=${BUILD_DIR:-build}
PYTHON=${PYTHON:-python3}

echo "== setup"
scripts/setup.sh

echo "== configure + build ($build)"
scripts/configure.sh "$build" -DLLVM_LIT_ARGS=-sv
cmake --build "$build"

status=0
summary=()

echo "== lit (check-relu)"
lit_log="$build/check-relu.log"
if cmake --build "$build" --target check-relu 2>&1 | tee "$lit_log"; then
  lit_result="passed"
else
  lit_result="FAILED"; status=1
fi
# lit's own summary: "Total Discovered Tests", "Passed", "Failed", ...
mapfile -t lit_lines < <(grep -E '^\s*(Total Discovered Tests|Passed|Failed|Unsupported|Expectedly Failed|Unexpectedly Passed|Unresolved|Timed Out|Skipped|Excluded)( With Retry)?\s*:' "$lit_log" || true)
summary+=("lit: $lit_result")
for line in "${lit_lines[@]}"; do summary+=("  ${line#"${line%%[![:space:]]*}"}"); done
# ... and the names of failing tests, if any.
mapfile -t lit_failed < <(awk '/^(Failed|Unresolved|Timed Out) Tests/ {on=1; print "  " $0; next} on && /^ +/ {print "  " $0; next} {on=0}' "$lit_log")
summary+=("${lit_failed[@]}")

if compgen -G "test/python/test_*.py" >/dev/null || compgen -G "test/python/*_test.py" >/dev/null; then
  echo "== pytest (test/python)"
  pytest_log="$build/pytest.log"
  if RELU_MLIR_BUILD_DIR="$root/$build" "$PYTHON" -m pytest -q test/python 2>&1 | tee "$pytest_log"; then
    pytest_result="passed"
  else
    pytest_result="FAILED"; status=1
  fi
  summary+=("pytest: $pytest_result")
  summary+=("  $(grep -E '(passed|failed|error|no tests ran)' "$pytest_log" | tail -n 1)")
fi

echo
echo "== summary"
printf '%s\n' "${summary[@]}"
if ((status)); then
  echo "test.sh: FAILED"
else
  echo "test.sh: all test suites passed"
fi
exit "$status"
