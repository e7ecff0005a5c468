#!/usr/bin/env bash
# Installs what is needed, builds, and runs every test: the normal build
# with the whole ctest suite, then the sanitizer build
# (-fsanitize=address,undefined) on the unit, image and scenario tests.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
jobs=${JOBS:-$(nproc)}

"$here/scripts/setup.sh"

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$jobs"
ctest --test-dir build -j"$jobs" --output-on-failure --timeout 900

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DHYPSIM_SANITIZE=ON
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan -j"$jobs" --output-on-failure --timeout 900 \
        -L 'unit|image|scenario|fuzz'
