#!/usr/bin/env bash
# hypsim against QEMU: a log of qemu-system-arm -d [in_asm,]exec,cpu[,int],nochain
# -singlestep, imported, agrees record for record with hypsim's own trace of
# the same image (diff --align pc; the fields QEMU's log lacks — memory,
# events, banked and system registers — are not compared); and
# `trace show --format qemu` prints QEMU's register dumps.
. "$(dirname "$0")/lib.sh" "$@"
MASKS=$(cd "$(dirname "$0")" && pwd)/masks
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
# An instruction the log gives no encoding for is "encoding unknown" (the
# import without --elf), never a fetch that aborted
expect_rc 0 "$HYPSIM" trace import-qemu qemu.log -o noelf.trace
expect_rc 0 "$HYPSIM" trace show noelf.trace
grep -q '(encoding unknown)' "$WORK/out" || fail "no 'encoding unknown' without --elf"
grep -q 'fetch aborted' "$WORK/out" && fail "imported trace says 'fetch aborted'"
# -d int: exceptions are events, compared with hypsim's; -d in_asm: the
# encodings come from the log when there is no --elf
timeout 60 "$QEMU" -M virt -cpu cortex-a15 -nographic -semihosting -nodefaults \
  -monitor none -serial none -kernel "$img" \
  -d in_asm,exec,cpu,int,nochain -singlestep -D qemu_int.log >/dev/null 2>&1 ||
  fail "qemu did not run the image with -d int"
grep -q '^Taking exception 2 \[SVC\]' qemu_int.log || fail "test setup: no SVC in the -d int log"
expect_rc 0 "$HYPSIM" trace import-qemu qemu_int.log -o int.trace
expect_rc 0 "$HYPSIM" trace show int.trace
grep -q '! exception SVC svc->svc vector=40000208' "$WORK/out" ||
  fail "-d int: the SVC is not an event"
grep -q '! exception UNDEF svc->und vector=40000204' "$WORK/out" ||
  fail "-d int: the UNDEF is not an event"
grep -q 'encoding unknown' "$WORK/out" && fail "-d in_asm: encodings not taken from the log"
grep -q '^# imported: memory accesses is not recorded' "$WORK/out" ||
  fail "-d int import still says events are not recorded"
expect_rc 0 "$HYPSIM" trace diff --align pc hypsim.trace int.trace
grep -q '^equal: [1-9][0-9]* instructions agreed' "$WORK/out" ||
  fail "hypsim and QEMU (-d int) traces are not equal"
# QEMU's reset CPSR (Z set) is a note without masks, excused with them
grep -q 'note: core 0 start state: CPSR' "$WORK/out" || fail "no start CPSR note"
expect_rc 0 "$HYPSIM" trace diff --align pc --mask "$MASKS/qemu-7.2.mask" \
  hypsim.trace int.trace
grep -q 'note: core 0 start state: CPSR' "$WORK/out" && fail "qemu-7.2.mask: CPSR start still a note"
grep -q '^masked: 1 difference by qemu-7.2.mask:' "$WORK/out" || fail "qemu-7.2.mask: not reported as used"
# an exception QEMU did not take is a difference (the SVC's event removed)
sed '/^Taking exception 2 \[SVC\]/,/^\.\.\.with ESR/d' qemu_int.log > qemu_noexc.log
expect_rc 0 "$HYPSIM" trace import-qemu qemu_noexc.log -o noexc.trace
expect_rc 1 "$HYPSIM" trace diff --align pc hypsim.trace noexc.trace
grep -q 'first difference: event 0 exists only in A' "$WORK/out" ||
  fail "a missing exception is not a difference"
# a run cut short by the instruction budget (exit 4) is not equal
expect_rc 4 "$HYPSIM" run --cpu cortex-a15 --kernel "$img" --max-insns 40 --trace short.trace
expect_rc 1 "$HYPSIM" trace diff --align pc short.trace qemu.trace
grep -q 'A ends; B goes on' "$WORK/out" || fail "shortened trace: no 'ends' divergence"
finish
