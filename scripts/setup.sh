#!/usr/bin/env bash
# Installs, idempotently, the Debian 12 packages hypsim needs to build and test.
# Packages already present are left alone, so a second run is quick and offline.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ninja-build clang libclang-rt-14-dev
  libcapstone-dev libelf-dev libsdl2-dev check libreadline-dev libinih-dev
  libfdt-dev device-tree-compiler cpio
  gcc-arm-none-eabi libnewlib-arm-none-eabi binutils-arm-none-eabi
  gdb-multiarch qemu-system-arm
  python3
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
