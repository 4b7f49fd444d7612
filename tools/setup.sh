#!/usr/bin/env bash
# Installs the Debian packages Foco needs and builds it into ./build.
# Usage: tools/setup.sh            (as root on Debian 12; idempotent)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config
  libicu-dev libre2-dev libhunspell-dev hunspell-es
  libgmime-3.0-dev libyaml-cpp-dev nlohmann-json3-dev libcli11-dev
  catch2
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
