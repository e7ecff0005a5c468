#!/usr/bin/env bash
# A truncated or corrupted trace gives one clear line and exit 2 from
# trace show and trace diff; nothing crashes.
. "$(dirname "$0")/lib.sh" "$@"
cd "$WORK" || exit 1
expect_rc 0 "$HYPSIM" run --kernel "$IMAGES/trace_sample.elf" --trace good.trace
size=$(stat -c %s good.trace)
head -c $((size - 7)) good.trace > cut.trace
expect_rc 2 "$HYPSIM" trace show cut.trace
grep -q 'cut.trace: truncated' "$WORK/err" || fail "show: no 'truncated' message"
[ "$(wc -l < "$WORK/err")" -eq 1 ] || fail "show: error is not one line"
expect_rc 2 "$HYPSIM" trace diff good.trace cut.trace
grep -q 'truncated' "$WORK/err" || fail "diff: no 'truncated' message"
# a flipped byte in the middle of the records
cp good.trace bad.trace
printf '\xff' | dd of=bad.trace bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
cmp -s good.trace bad.trace && printf '\x00' |
  dd of=bad.trace bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
expect_rc 2 "$HYPSIM" trace show bad.trace
grep -q 'bad.trace: corrupted' "$WORK/err" || fail "show: no 'corrupted' message"
# not a trace at all
echo "hello" > text.trace
expect_rc 2 "$HYPSIM" trace show text.trace
grep -q 'not a hypsim trace' "$WORK/err" || fail "show: bad magic not reported"
expect_rc 2 "$HYPSIM" trace show missing.trace
finish
