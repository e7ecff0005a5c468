#!/usr/bin/env bash
# One gdb thread per core: on a mixed machine (cortex-a15 + cortex-a7)
# each thread reads its own core's MPIDR and MIDR; stepping one core holds
# the other; a per-thread continue (scheduler-locking on) runs that core
# alone.
. "$(dirname "$0")/lib.sh"
ELF=$IMAGES/gdb_hyp.elf
start_hypsim --entry hyp --cpus cortex-a15,cortex-a7 --kernel "$ELF"
run_gdb "$ELF" <<'CMDS'
info threads
p/x $MPIDR
p/x $MIDR >> 4 & 0xfff
thread 2
p/x $MPIDR
p/x $MIDR >> 4 & 0xfff
stepi
stepi
stepi
p $pc == _start + 12
thread 1
p $pc == _start
set scheduler-locking on
thread 2
break secondary_park
continue
info symbol $pc
thread 1
p $pc == _start
delete
break hyp_trap
continue
info symbol $pc
thread 2
info symbol $pc
p/x $MPIDR
monitor hyp
set scheduler-locking off
delete
thread 1
continue
CMDS
expect '^\* 1 +Thread 1 "core 0 cortex-a15 cluster 0"'
expect '^  2 +Thread 2 "core 1 cortex-a7 cluster 1"'
expect '^\$1 = 0x80000000$'
expect '^\$2 = 0xc0f$'
expect '^\[Switching to thread 2 \(Thread 2\)\]'
expect '^\$3 = 0x80000100$'
expect '^\$4 = 0xc07$'
expect '^\$5 = 1$'
expect '^\$6 = 1$'
expect 'Thread 2 "core 1 cortex-a7 cluster 1" hit Breakpoint 1, secondary_park'
expect 'Thread 1 "core 0 cortex-a15 cluster 0" hit Breakpoint 2, hyp_trap'
expect '^secondary_park in section \.text'
expect '^hyp_trap in section \.text'
expect '^\$7 = 1$'
expect '^\$8 = 0x80000100$'
expect '^core 1 cortex-a7 cluster 1: mode hyp, Non-secure'
expect 'exited normally'
finish_hypsim 0
expect '^hvc_count=00000002$' "$HS_OUT"
done_test
