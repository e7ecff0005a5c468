#!/usr/bin/env bash
# The monitor's two-stage `translate` on a hypervisor with a guest behind
# stage 2 (hyp_s2_guest_highmem: guest RAM at PA 0x800000000, so IPA and
# PA differ): from Hyp mode it walks the guest's stage 1 and stage 2 and
# prints VA -> IPA -> PA with each stage's attributes, or the stage-2
# fault; `vmid N` is refused for a VMID VTTBR does not hold; nothing is
# filled into the TLB; `hang` names the regime; `view guest|hyp` makes x/ read through those
# regimes. Then the issue-17 parser and budget defects:
# `x/x 0-9223372036854775808` (a signed negation overflowed), a number
# beyond 64 bits, and `step N` beyond --max-insns.
set -u
HYPSIM=$1
IMAGES=$2
out=$(mktemp)
trap 'rm -f "$out"' EXIT
failed=0
expect() { grep -qE -- "$1" "$out" || { echo "FAIL: expected /$1/"; failed=1; }; }
reject() { if grep -qE -- "$1" "$out"; then echo "FAIL: unexpected /$1/"; failed=1; fi; }

printf '%s\n' 'break s2_guest' 'continue' 'hang' 'delete' \
  'break s2_hyp_trap' 'continue' 'translate 0x70000010' 'hang' \
  'continue' 'translate 0x70000010' 'translate 0x70001000 vmid 1' \
  'translate 0x70000010 vmid 2' 'translate 0x44000010 hyp' \
  'translate 0x30000000' 'translate 0x40a00000' 'tlb' \
  'view guest' 'x/x 0x70000010' 'view hyp' 'x/x 0x44000010' 'view current' \
  'x/x 0-9223372036854775808' 'x/x 0x40000000+99999999999999999999' \
  'quit' |
  timeout 60 "$HYPSIM" run --monitor --entry hyp --mem-base 0x800000000 \
    --mem-alias 0x40000000:16M --kernel "$IMAGES/hyp_s2_guest_highmem.elf" \
    >"$out" 2>&1
# the state report names the regime: the guest's, then Hyp's
expect '^  regime: Non-secure PL1&0, stage 1 off \(SCTLR.M\), stage 2 on, VMID 1$'
expect '^  regime: Hyp, stage 1 on \(HSCTLR.M\); VTTBR VMID 1, stage 2 of the guest on \(HCR.VM\)$'
# first trap: the guest's page is not mapped at stage 2 yet
expect '^VA 0x70000010, Non-secure PL1&0 regime \(core 0 in hyp\)$'
expect '^  stage 1: on, short descriptors, ASID 0$'
expect '^  stage 1: VA 0x70000010 -> IPA 0x0048000010, Normal inner WB outer WB \(0xff\)$'
expect '^  stage 2: on, VTTBR 0x0001000800801000 VMID 1, VTCR 0x80003540$'
expect '^  stage 2: Translation fault at level 3 for IPA 0x0048000010$'
expect '^  VA 0x70000010 -> IPA 0x0048000010 -> fault in stage 2$'
# second trap: the hypervisor mapped it to PA RAM + 0x04000000
expect '^  stage 2: IPA 0x0048000010 -> PA 0x0804000010 level 3, S2AP rw, executable, Normal inner WB outer WB \(0xff\)$'
expect '^  VA 0x70000010 -> IPA 0x0048000010 -> PA 0x0804000010, Normal inner WB outer WB \(0xff\)'
expect '^  VA 0x70001000 -> IPA 0x0048001000 -> fault in stage 2$'
expect '^translate 0x70000010: refused: VTTBR holds VMID 1, not 2: hypsim knows only the stage 2 of the current VTTBR'
expect '^VA 0x44000010, Hyp regime \(core 0 in hyp\)$'
expect '^  VA 0x44000010 -> PA 0x0804000010'
expect '^  stage 1: Translation fault at level 1$'
expect '^  VA 0x40a00000 -> IPA 0x0040a00000 -> PA 0x0800a00000, '
# the debugger's walk filled nothing
reject 'va 40a00000|ipa 0040a00000-'
# x/ through the guest's two stages, then through Hyp's stage 1
expect '^memory view: guest$'
expect '^0x70000010: 0xcafe0001$'
expect '^memory view: hyp$'
expect '^0x44000010: 0xcafe0001$'
expect '^memory view: current$'
expect '^0x8000000000000000: \(cannot read memory\)$'
expect "^cannot evaluate '0x40000000\+99999999999999999999'$"

# step N stops at --max-insns; a count beyond 64 bits is refused
printf '%s\n' 'step 3000000' 'core' 'step 99999999999999999999' 'step' 'quit' |
  timeout 20 "$HYPSIM" run --monitor --max-insns 1000 --entry hyp \
    --kernel "$IMAGES/gdb_hang.elf" >"$out" 2>&1
rc=$?
[ $rc -ne 124 ] || { echo "FAIL: the monitor did not stop at the budget"; failed=1; }
expect '^instruction budget of 1000 exhausted$'
expect '^\* core 0 cortex-a15 cluster 0, [a-zA-Z ]+, icount 1000, '
expect '^usage: step \[N\]$'
if [ $failed -ne 0 ]; then cat "$out"; exit 1; fi
echo PASS
