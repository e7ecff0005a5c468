#!/usr/bin/env bash
# A core waits in WFI on the virt board for an interrupt the GIC holds
# back (gdb_gic_wfi: the timer's PPI 30 pending, GICC_PMR = 0): the hang
# report names the regime, the wait and the reason the interrupt is not
# delivered, with one line per core; `gic [N]` shows the GIC state of
# core N; `tlb N` acts on core N; the bare board has no GIC to show.
set -u
HYPSIM=$1
IMAGES=$2
out=$(mktemp)
trap 'rm -f "$out"' EXIT
failed=0
expect() { grep -qE -- "$1" "$out" || { echo "FAIL: expected /$1/"; failed=1; }; }

printf '%s\n' continue hang gic 'gic 1' 'gic 2' 'tlb 1' 'icache 1' quit |
  timeout 60 "$HYPSIM" run --monitor --board virt --smp 2 --entry hyp \
    --kernel "$IMAGES/gdb_gic_wfi.elf" >"$out" 2>&1
expect '^hang \(wait-forever\) on core 0'
expect '^  regime: Hyp, stage 1 off \(HSCTLR.M\); VTTBR VMID 0, stage 2 of the guest off \(HCR.VM\)$'
expect '^  waits:  in WFI, event register clear, CPSR.I 0 CPSR.F 1$'
expect '^  interrupts: PPI 30 \(group 0, priority 0+\) masked by GICC_PMR 0+$'
expect '^    core 0: PC 0x[0-9a-f]{8} hyp  WFI +event clear pending: PPI 30 .*masked by GICC_PMR'
expect '^    core 1: PC 0x[0-9a-f]{8} hyp  powered off event clear pending: none$'
expect '^GIC, core 0:$'
expect '^pending: PPI 30 \(group 0, priority 0+\) masked by GICC_PMR 0+$'
expect '^GIC, core 1:$'
expect '^gic cpu1: '
expect '^pending: nothing$'
expect "^no core '2' \(0-1\)$"
expect '^core 1 TLB:$'
expect '^core 1 L1 I-cache:$'

printf '%s\n' gic 'gic 0' quit |
  timeout 20 "$HYPSIM" run --monitor --entry hyp \
    --kernel "$IMAGES/gdb_hang.elf" >"$out" 2>&1
expect '^no interrupt controller on this board$'
if [ $failed -ne 0 ]; then cat "$out"; exit 1; fi
echo PASS
