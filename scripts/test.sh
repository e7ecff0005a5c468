#!/usr/bin/env bash
# Installs what is needed, builds, and runs every test: the normal build
# with the whole ctest suite (Debian's Linux and Xen boots included: they
# fetch Debian's armhf packages once into ~/.cache/hypsim/images), the
# simulator built as Release and with clang (warnings are errors), then the
# sanitizer build (-fsanitize=address,undefined) on the unit, image,
# scenario and fuzz tests. Every `hypsim run` uses the block engine (the
# default) unless it says otherwise; the image and scenario tests run a
# second time on the step engine, the reference, and the engines/* tests
# compare the two engines' outputs, state reports and traces byte for
# byte on every image.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
jobs=${JOBS:-$(nproc)}

"$here/scripts/setup.sh"

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$jobs"
ctest --test-dir build -j"$jobs" --output-on-failure --timeout 900
HYPSIM_ENGINE=step ctest --test-dir build -j"$jobs" --output-on-failure \
  --timeout 900 -L 'image|scenario' -E '^engines/'

# The simulator built as Release (-O3) and with clang, warnings as
# errors: what other optimisation levels and another compiler find
# (maybe-uninitialized at -O3, clang's own diagnostics).
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release
cmake --build build-release -j"$jobs" --target hypsim
CC=clang cmake -S . -B build-clang -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build-clang -j"$jobs" --target hypsim

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DHYPSIM_SANITIZE=ON
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan -j"$jobs" --output-on-failure --timeout 900 \
        -L 'unit|image|scenario|fuzz'
