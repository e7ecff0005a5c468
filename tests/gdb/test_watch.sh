#!/usr/bin/env bash
# Watchpoints (Z2/Z3/Z4 through the cpu_observer mem_access hook): a write
# watchpoint stops with the old and new values right after the storing
# instruction; a user's stepi after it really executes the next
# instruction; read and access watchpoints stop after the load. Also
# monitor trace off/on on a run with --trace.
. "$(dirname "$0")/lib.sh"
ELF=$IMAGES/gdb_hyp.elf
start_hypsim --entry hyp --kernel "$ELF" --trace "$WORK/w.trace"
run_gdb "$ELF" <<'CMDS'
monitor trace off
monitor trace on
watch *(int*)&watch_var
continue
info symbol $pc
p/x *(int*)&watch_var
delete
stepi
info symbol $pc
p/x $cpsr & 0x1f
rwatch *(int*)&hvc_count
continue
info symbol $pc
delete
awatch *(int*)&hvc_count
continue
info symbol $pc
continue
info symbol $pc
delete
continue
CMDS
expect '^trace recording off$'
expect '^trace recording on$'
expect '^Hardware watchpoint 1: \*\(int\*\)&watch_var'
expect '^Old value = 0$'
expect '^New value = 90$'
expect '^guest_after_store in section \.text'
expect '^\$1 = 0x5a$'
expect '^hyp_vectors \+ 20 in section \.text'
expect '^\$2 = 0x1a$'
expect '^Hardware read watchpoint 2: \*\(int\*\)&hvc_count'
expect '^Value = 0$'
expect '^hyp_trap \+ 24 in section \.text'
expect '^Hardware access \(read/write\) watchpoint 3: \*\(int\*\)&hvc_count'
expect '^New value = 1$'
expect '^hyp_trap \+ 32 in section \.text'
expect '^Value = 1$'
reject 'hyp_finish'
expect 'exited normally'
finish_hypsim 0
[ -s "$WORK/w.trace" ] || fail "no trace written"
expect '^hvc_count=00000002$' "$HS_OUT"
done_test
