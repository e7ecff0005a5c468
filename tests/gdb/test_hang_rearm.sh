#!/usr/bin/env bash
# After a hang, gdb changes the state (PC back to main) and continues: the
# run goes on and the second hang is found and reported again (the hang
# detector is re-armed), instead of the machine spinning for ever.
. "$(dirname "$0")/lib.sh"
ELF=$IMAGES/gdb_hang.elf
start_hypsim --kernel "$ELF"
run_gdb "$ELF" <<'CMDS'
continue
set $pc = main
continue
info symbol $pc
kill
CMDS
expect 'Program received signal SIGTRAP'
expect '^hang_here in section \.text'
expect '\[Inferior 1 \(Remote target\) killed\]'
finish_hypsim 3
n=$(grep -c '^about to hang$' "$HS_OUT")
[ "$n" -eq 2 ] || fail "the guest ran $n times, expected 2 (second hang not found?)"
done_test
