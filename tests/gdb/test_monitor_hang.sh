#!/usr/bin/env bash
# A hang in the monitor: `continue` stops at the hang with a one-line
# summary, `hang` prints the report, a second `continue` refuses to spin,
# and the run ends with the hang's exit code (3).
set -u
HYPSIM=$1
IMAGES=$2
out=$(mktemp)
trap 'rm -f "$out"' EXIT
printf '%s\n' continue hang continue 'x/i pc' quit |
  timeout 60 "$HYPSIM" run --monitor --kernel "$IMAGES/gdb_hang.elf" >"$out" 2>/dev/null
rc=$?
failed=0
expect() { grep -qE -- "$1" "$out" || { echo "FAIL: expected /$1/"; failed=1; }; }
[ $rc -eq 3 ] || { echo "FAIL: exit code $rc, expected 3"; failed=1; }
expect '^about to hang$'
expect '^hang \(branch-to-self\) on core 0 at 0x[0-9a-f]{8}: `hang` prints the report$'
expect '^hypsim: HANG \(branch-to-self\) on core 0$'
expect '^  reason: the instruction branches to itself'
expect '^the machine is hung'
expect '^0x[0-9a-f]{8} <hang_here>: b '
if [ $failed -ne 0 ]; then cat "$out"; exit 1; fi
echo PASS
