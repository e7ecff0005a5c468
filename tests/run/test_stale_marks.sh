#!/usr/bin/env bash
# tests/run/test_stale_marks.sh HYPSIM IMAGE_DIR: the hang report and
# --state-report mark what no longer matches memory (issue 15):
#  - an instruction of the history that was fetched from a stale I-cache
#    line is marked, one that ran from memory (the same line, before the
#    I-cache was on) is not, and only lines that served a stale fetch are
#    listed as the cause;
#  - a TLB entry whose translation the tables no longer give is STALE,
#    and no entry is once TLBIALLH removed the bootloader's.
set -uo pipefail
# (no `grep | grep -q` pipes: grep -q leaving early could kill the first
# grep with SIGPIPE, a failure under pipefail)
hypsim=$1
dir=$2
fail() { echo "FAIL: $*"; exit 1; }
mark='[fetched from a STALE I-cache line]'

# A7: HYP init runs the firmware's stale pen after the HSCTLR write.
out=$("$hypsim" run --cpu cortex-a7 --entry hyp --kernel "$dir/hsctlr_boot.elf" 2>&1)
grep -q 'HANG (wait-forever)' <<<"$out" || fail "A7 did not hang: $out"
line=$(grep -F '<fw_pen+0x0>' <<<"$out")
grep -qF "$mark" <<<"$line" ||
  fail "the pen's first instruction is not marked: $(grep -F fw_pen+0x0 <<<"$out")"
# the MCR that wrote HSCTLR ran from memory (HSCTLR.I was clear), though
# its line is the stale one
line=$(grep -F 'mcr p15, #4, r3, c1, c0, #0' <<<"$out")
grep -qF "$mark" <<<"$line" &&
  fail "an uncached instruction is marked stale"
n=$(grep -cF "$mark" <<<"$out")
[ "$n" -ge 3 ] || fail "only $n instructions marked"
lines=$(grep -c 'I-cache line serving PC' <<<"$out")
stale=$(grep -c 'I-cache line serving PC.*STALE' <<<"$out")
[ "$lines" -ge 1 ] && [ "$lines" -eq "$stale" ] ||
  fail "listed $lines lines, $stale of them stale"

# A15: the same image boots; the state report marks nothing.
out=$("$hypsim" run --cpu cortex-a15 --entry hyp --state-report \
      --kernel "$dir/hsctlr_boot.elf" 2>&1)
grep -q 'HYP is up' <<<"$out" || fail "A15 did not boot"
grep -qF "$mark" <<<"$out" && fail "A15 state report marks a stale fetch"

# The bootloader's HYP TLB entry (VA P -> PA P+2M) outlives its tables.
out=$("$hypsim" run --cpu cortex-a15 --entry hyp --kernel "$dir/stale_tlb_boot.elf" 2>&1)
grep -qE '^\[ *[0-9]+\.[0-9]+\] HYP .* -> pa 0040200000\(NS\) 2M .*STALE: ' <<<"$out" ||
  fail "the bootloader's entry is not marked STALE: $(grep -A4 'TLB entries' <<<"$out")"
line=$(grep -E '^\[ *[0-9]+\.[0-9]+\] HYP .* 1G ' <<<"$out")
grep -q STALE <<<"$line" &&
  fail "HYP init's own (current) entry is marked STALE"
# the monitor's `tlb` marks it too (the hang is only summarised there)
out=$(printf 'continue\ntlb\nquit\n' | "$hypsim" run --cpu cortex-a15 --entry hyp \
      --monitor --kernel "$dir/stale_tlb_boot.elf" 2>/dev/null)
line=$(grep -A3 '^core 0 TLB:' <<<"$out")
grep -qE '2M .*STALE: the tables now map it to PA 0x0040000000' <<<"$line" ||
  fail "monitor tlb does not mark the entry: $out"
out=$("$hypsim" run --cpu cortex-a15 --entry hyp --state-report \
      --kernel "$dir/stale_tlb_boot_tlbiallh.elf" 2>&1)
grep -q 'HYP is up' <<<"$out" || fail "the TLBIALLH variant did not boot"
grep -qE '^\[ *[0-9]+\.[0-9]+\] HYP ' <<<"$out" || fail "no HYP entry listed"
grep -q 'STALE: ' <<<"$out" && fail "a current entry is marked STALE: $(grep STALE <<<"$out")"
echo PASS
