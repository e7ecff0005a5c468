#!/usr/bin/env bash
# hypsim against QEMU: a log of qemu-system-arm -d exec,cpu,nochain
# -singlestep, imported, agrees record for record with hypsim's own trace of
# the same image (diff --align pc; the fields QEMU's log lacks — memory,
# events, banked and system registers — are not compared); and
# `trace show --format qemu` prints QEMU's register dumps.
. "$(dirname "$0")/lib.sh" "$@"
QEMU=${QEMU:-qemu-system-arm}
if ! command -v "$QEMU" >/dev/null 2>&1; then
  echo "SKIP: $QEMU is not installed (scripts/setup.sh installs it)"
  exit 77
fi
cd "$WORK" || exit 1
img=$IMAGES/trace_sample.elf
timeout 60 "$QEMU" -M virt -cpu cortex-a15 -nographic -semihosting -nodefaults \
  -monitor none -serial none -kernel "$img" \
  -d exec,cpu,nochain -singlestep -D qemu.log >/dev/null 2>&1 ||
  fail "qemu did not run the image"
expect_rc 0 "$HYPSIM" trace import-qemu qemu.log -o qemu.trace --elf "$img"
expect_rc 0 "$HYPSIM" run --cpu cortex-a15 --kernel "$img" --trace hypsim.trace
expect_rc 0 "$HYPSIM" trace diff --align pc hypsim.trace qemu.trace
grep -q '^equal: [1-9][0-9]* instructions agreed' "$WORK/out" ||
  fail "hypsim and QEMU traces are not equal"
# the imported trace says what it lacks
expect_rc 0 "$HYPSIM" trace show qemu.trace
grep -q '^# imported: memory accesses, events are not recorded' "$WORK/out" ||
  fail "imported trace does not say what is missing"
# QEMU's own form: block addresses and register lines as QEMU wrote them
# (QEMU's CPSR reads Z set out of reset, an UNKNOWN value hypsim leaves
# clear, so the PSR lines are left out)
expect_rc 0 "$HYPSIM" trace show --format qemu hypsim.trace
norm() {
  sed -E 's/^Trace ([0-9]+): 0x[0-9a-f]+ \[[0-9a-f]+\/([0-9a-f]+)\/.*/Trace \1: \2/' "$1" |
    grep -v '^PSR='
}
norm qemu.log > q.norm
norm "$WORK/out" > h.norm
cmp -s q.norm h.norm || { fail "--format qemu differs from QEMU's log"; diff q.norm h.norm | head; }
# a run cut short by the instruction budget (exit 4) is not equal
expect_rc 4 "$HYPSIM" run --cpu cortex-a15 --kernel "$img" --max-insns 40 --trace short.trace
expect_rc 1 "$HYPSIM" trace diff --align pc short.trace qemu.trace
grep -q 'A ends; B goes on' "$WORK/out" || fail "shortened trace: no 'ends' divergence"
finish
