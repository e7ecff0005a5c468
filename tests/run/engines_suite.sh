#!/usr/bin/env bash
# tests/run/engines_suite.sh [BUILD_DIR] [CTEST-ARGS...]: run the ctest
# suite (default: every test but the unit tests and the long linux/xen
# labels, `-E '^(unit|linux|xen)/'`) twice, once with HYPSIM_ENGINE=step
# and once with HYPSIM_ENGINE=block, which makes every `hypsim run` the
# tests start use that engine unless the test names one (--engine). Every
# test compares its output with an expected one, so both engines passing
# means both give the expected bytes; the engines/* tests also compare the
# two engines' outputs and --state-report with each other directly.
# Exit status: 0 when both runs pass.
set -u
build=${1:-build}
shift $(($# > 0 ? 1 : 0))
[ $# -gt 0 ] || set -- -E '^(unit|linux|xen)/'
rc=0
for e in step block; do
  echo "== HYPSIM_ENGINE=$e"
  HYPSIM_ENGINE=$e ctest --test-dir "$build" -j2 "$@" >"$build/engines_$e.log" 2>&1 ||
    rc=1
  grep -E "tests passed|FAILED|Failed|\*\*\*" "$build/engines_$e.log" | head -20
done
exit $rc
