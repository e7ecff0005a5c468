#!/usr/bin/env bash
# Without --gdb-wait the machine runs at once. It hangs with no gdb
# attached: hypsim prints the report and waits; a gdb that attaches later
# is told about the hang ('?' repeats the report and the stop) and can
# look around (monitor hang repeats the report); after it detaches the run ends with the hang's code (3).
. "$(dirname "$0")/lib.sh"
ELF=$IMAGES/gdb_hang.elf
HS_WAIT='' start_hypsim --kernel "$ELF"
for _ in $(seq 1 100); do
  grep -q 'waiting for gdb' "$HS_ERR" && break
  sleep 0.1
done
expect 'the machine is stopped; waiting for gdb' "$HS_ERR"
run_gdb "$ELF" <<'CMDS'
info symbol $pc
monitor hang
monitor hyp
detach
CMDS
expect '^hypsim: HANG \(branch-to-self\) on core 0'
expect '^hang_here in section \.text'
expect '^core 0 cortex-a15 cluster 0: mode svc, Non-secure'
expect 'Detaching from program|detached'
finish_hypsim 3
expect '^about to hang$' "$HS_OUT"
done_test
