# Sourced by the exhaustive checkers of bench/accuracy: sets root, build
# (RELU_BUILD_DIR or build/, configured and built if relu-cc is missing),
# inputs (the test suite's C checks and kernel lists) and work (a temporary
# directory removed on exit).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${RELU_BUILD_DIR:-$root/build}
[[ -x $build/bin/relu-cc ]] || { "$root/scripts/configure.sh" "$build" && cmake --build "$build" --target relu-cc; }
inputs=$root/test/Integration/Cpu/Inputs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
