#!/usr/bin/env bash
# gdb against gdb_hyp.elf started in HYP: a breakpoint on the HYP trap
# vector, HYP registers by name, a step across ERET into the guest,
# register and memory writes, monitor commands, then the run to its end.
. "$(dirname "$0")/lib.sh"
ELF=$IMAGES/gdb_hyp.elf
start_hypsim --entry hyp --kernel "$ELF"
run_gdb "$ELF" <<'CMDS'
info symbol $pc
break before_eret
continue
info symbol $pc
p/x $cpsr & 0x1f
stepi
info symbol $pc
p/x $cpsr & 0x1f
p $sp == &svc_stack_top
p $sp_svc == &svc_stack_top
hbreak hyp_trap
continue
info symbol $pc
p/x $HSR
p $HVBAR == &hyp_vectors
p/x $HVBAR
p/x $HSCTLR
p $elr_hyp == &guest_after_hvc
p/x $spsr_hyp & 0x1f
p/x $VTTBR
monitor hyp
x/2wx &poke_area
set {int}&poke_area = 0xcafef00d
x/2wx &poke_area
monitor phys on
p/x *(int*)&poke_area
monitor phys off
set $TPIDRPRW = 0x1234abcd
p/x $TPIDRPRW
set $r7 = 0x77
p/x $r7
p/x $r8_usr
info registers banked
delete
continue
CMDS
expect '^_start in section \.text'
expect '^Breakpoint 1, before_eret'
expect '^before_eret in section \.text'
expect '^\$1 = 0x1a$'
expect '^guest in section \.text'
expect '^\$2 = 0x13$'
expect '^\$3 = 1$'
expect '^\$4 = 1$'
expect '^Breakpoint 2, hyp_trap'
expect '^hyp_trap in section \.text'
expect '^\$5 = 0x4a000042$'
expect '^\$6 = 1$'
expect '^\$8 = 0x30c50878$'
expect '^\$9 = 1$'
expect '^\$10 = 0x13$'
expect '^\$11 = 0x0$'
expect '^HSR +0x4a000042 +EC=0x12 HVC IL=1 imm16=0x0042'
expect '^HCR +0x00000000'
expect '^HVBAR +0x'
expect '^ELR_hyp +0x'
expect ':\s+0x11223344\s+0x55667788'
expect ':\s+0xcafef00d\s+0x55667788'
expect '^m/M packets use physical addresses'
expect '^\$12 = 0xcafef00d$'
expect '^\$13 = 0x1234abcd$'
expect '^\$14 = 0x77$'
expect '^sp_hyp '
expect '^elr_hyp '
expect 'exited normally'
finish_hypsim 0
expect '^svc: in the guest$' "$HS_OUT"
expect '^HSR=4a000043$' "$HS_OUT"
expect '^hvc_count=00000002$' "$HS_OUT"
done_test
