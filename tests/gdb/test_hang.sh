#!/usr/bin/env bash
# A hang under gdb: the machine stops, gdb gets the hang report as console
# output and a SIGTRAP stop, and hypsim keeps serving gdb (monitor hang,
# registers) until gdb kills the run, which then ends with the hang's
# exit code (3).
. "$(dirname "$0")/lib.sh"
ELF=$IMAGES/gdb_hang.elf
start_hypsim --kernel "$ELF"
run_gdb "$ELF" <<'CMDS'
continue
info symbol $pc
p/x $r4
monitor hang
x/i $pc
continue
info symbol $pc
kill
CMDS
expect 'hang \(branch-to-self\)|branch-to-self'
expect 'Program received signal SIGTRAP'
expect '^hang_here in section \.text'
expect '^\$1 = 0x42$'
expect 'b\s+0x[0-9a-f]+ <hang_here>'
expect '\[Inferior 1 \(Remote target\) killed\]'
finish_hypsim 3
expect '^about to hang$' "$HS_OUT"
expect 'hypsim: hang \(branch-to-self\) on core 0' "$HS_ERR"
done_test
