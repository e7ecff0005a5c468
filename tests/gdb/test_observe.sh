#!/usr/bin/env bash
# gdb against a hypervisor with a guest behind stage 2
# (hyp_s2_guest_highmem: guest RAM at PA 0x800000000): the manual's
# register names ($ELR_hyp, $SPSR_hyp) work as the lowercase ones do;
# `monitor view guest` makes gdb's memory reads go through the guest's
# stage 1 and stage 2, `monitor view hyp` through Hyp's tables;
# `monitor translate VA` prints VA -> IPA -> PA. Then on two cores:
# `thread apply N monitor …` acts on core N though gdb does not resend
# Hg for it, `monitor tlb 1` on core 1; stepi and continue stop at
# --max-insns.
. "$(dirname "$0")/lib.sh"
ELF=$IMAGES/hyp_s2_guest_highmem.elf
start_hypsim --entry hyp --mem-base 0x800000000 --mem-alias 0x40000000:16M \
  --kernel "$ELF"
run_gdb "$ELF" <<'CMDS'
break s2_hyp_trap
continue
continue
p/x $ELR_hyp == $elr_hyp
p/x $SPSR_hyp
p/x $spsr_hyp
monitor view guest
x/wx 0x70000010
x/wx 0x44000010
monitor view hyp
x/wx 0x44000010
monitor view current
monitor translate 0x70000010
monitor translate 0x70000010 vmid 7
kill
CMDS
expect '^\$1 = 0x1$'
expect '^\$2 = 0x800001d3$'
expect '^\$3 = 0x800001d3$'
expect '^memory view: guest: the guest'"'"'s Non-secure PL1&0 stage 1 and stage 2$'
expect '^0x70000010:[[:space:]]+0xcafe0001$'
expect 'Cannot access memory at address 0x44000010$'
expect '^memory view: hyp: Hyp'"'"'s stage 1$'
expect '^0x44000010:[[:space:]]+0xcafe0001$'
expect '^  VA 0x70000010 -> IPA 0x0048000010 -> PA 0x0804000010, '
expect '^translate 0x70000010: refused: VTTBR holds VMID 1, not 7'
finish_hypsim 130
[ $FAILED -eq 0 ] || done_test

ELF=$IMAGES/gdb_hyp.elf
start_hypsim --entry hyp --smp 2 --max-insns 40 --kernel "$ELF"
run_gdb "$ELF" <<'CMDS'
thread apply all monitor hyp
thread apply 2 monitor tlb
monitor tlb 1
monitor tlb 5
thread 1
stepi 100
monitor hang 0
continue
CMDS
# each thread's header is followed by its own core's report
after() { grep -A1 -E -- "$1" "$GDB_OUT" | grep -qE -- "$2" ||
            fail "expected /$2/ after /$1/"; }
after '^Thread 2 .*:$' '^core 1 cortex-a15 cluster 0: mode hyp'
after '^Thread 1 .*:$' '^core 0 cortex-a15 cluster 0: mode hyp'
expect '^core 1 TLB:$'
expect "^no core '5' \(0-1\)$"
expect 'instruction budget of 40 exhausted'
expect '^  core: +0 \(cortex-a15, cluster 0 core 0\), 40 instructions retired$'
finish_hypsim 4
done_test
