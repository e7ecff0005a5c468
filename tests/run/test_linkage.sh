#!/usr/bin/env bash
# tests/run/test_linkage.sh HYPSIM UNIT_TEST: readline is linked where the
# monitor is (hypsim) and nowhere else (a unit test of the library), and
# nothing links libutil or libpthread that does not use them (issue 15).
set -uo pipefail
exe1=$1 exe2=$2
fail() { echo "FAIL: $*"; ldd "$exe1" "$exe2"; exit 1; }
ldd "$1" | grep -q 'libreadline' || fail "hypsim does not link readline"
ldd "$2" | grep -q 'libreadline' && fail "$2 links readline"
for exe in "$1" "$2"; do
  ldd "$exe" | grep -qE 'libutil\.|libpthread\.' &&
    fail "$exe links libutil or libpthread"
done
echo PASS
