#!/usr/bin/env bash
# The same image traced twice gives byte-identical files (DESIGN.md
# principle 1), on both core models; a trace diffed against itself is
# equal, and shows without error.
. "$(dirname "$0")/lib.sh" "$@"
img=$IMAGES/trace_sample.elf
for cpu in cortex-a15 cortex-a7; do
  cd "$WORK" || exit 1
  expect_rc 0 "$HYPSIM" run --cpu $cpu --kernel "$img" --trace t.trace
  mv t.trace first.trace
  expect_rc 0 "$HYPSIM" run --cpu $cpu --kernel "$img" --trace t.trace
  if ! cmp -s first.trace t.trace; then
    fail "$cpu: two traces of the same run differ"
  fi
  expect_rc 0 "$HYPSIM" trace diff first.trace t.trace
  grep -q '^equal: [1-9][0-9]* instructions agreed' "$WORK/out" ||
    fail "$cpu: diff of a trace with itself does not say equal"
  expect_rc 0 "$HYPSIM" trace show t.trace
  # every instruction of the image is there: main's SVC and its handler
  grep -q 'exception SVC svc->svc' "$WORK/out" || fail "$cpu: no SVC event"
  grep -q 'sysreg VBAR 00000000 -> ' "$WORK/out" || fail "$cpu: no VBAR write"
  grep -q '^# end: ' "$WORK/out" || fail "$cpu: show did not reach the end"
done
finish
