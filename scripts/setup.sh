#!/usr/bin/env bash
# Installs what relu-mlir needs to build and test. Idempotent: fast when nothing is missing.
set -euo pipefail

apt_packages=(llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools clang-22 lld-22
              ninja-build cmake libdnnl-dev)
pip_packages=(numpy pytest jax jaxlib)

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
pip_missing=()
for p in "${pip_packages[@]}"; do
  "$PYTHON" -c "import $p" 2>/dev/null || pip_missing+=("$p")
done
if ((${#pip_missing[@]})); then
  echo "setup: pip installing ${pip_missing[*]}"
  "$PYTHON" -m pip install -q "${pip_missing[@]}"
fi
