#!/usr/bin/env bash
# tests/run/test_linkage.sh HYPSIM UNIT_TEST: readline is linked where the
# monitor is (hypsim) and nowhere else (a unit test of the library), and
# nothing links libutil or libpthread that does not use them (issue 15).
set -uo pipefail
fail() { echo "FAIL: $*"; exit 1; }
# ldd's output is read whole first: grep -q leaving a pipe early would make
# ldd die of SIGPIPE, which pipefail would count as a failure
main=$(ldd "$1") || fail "ldd $1"
unit=$(ldd "$2") || fail "ldd $2"
grep -q 'libreadline' <<<"$main" || fail "hypsim does not link readline: $main"
grep -q 'libreadline' <<<"$unit" && fail "$2 links readline: $unit"
grep -qE 'libutil\.|libpthread\.' <<<"$main$unit" &&
  fail "libutil or libpthread linked: $main $unit"
echo PASS
