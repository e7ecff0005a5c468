#!/usr/bin/env bash
# The monitor (--monitor) driven through standard input: breakpoints by
# symbol, registers with the banked and HYP ones, one system register,
# memory (virtual and /p physical, words, bytes, instructions), stepping
# with the empty-line repeat, watchpoints, reports, and the run to its end.
set -u
HYPSIM=$1
IMAGES=$2
out=$(mktemp)
trap 'rm -f "$out"' EXIT
failed=0
expect() { grep -qE -- "$1" "$out" || { echo "FAIL: expected /$1/"; failed=1; }; }

printf '%s\n' 'break hyp_trap' 'info break' 'continue' 'regs' 'sysregs HSR' \
  'x/4xw poke_area' 'x/2i $pc' 'x/8xb poke_area+4' 'x/2xwp 0x40000000' \
  'hyp' 'core' 'step 3' '' 'tlb' 'hang' 'trace on' 'translate 0x40000010' \
  'watch watch_var' 'bogus' 'delete' 'watch hvc_count' 'continue' \
  'x/1xw hvc_count' 'delete' 'continue' 'quit' |
  timeout 60 "$HYPSIM" run --monitor --entry hyp --kernel "$IMAGES/gdb_hyp.elf" \
    >"$out" 2>&1
rc=$?
[ $rc -eq 0 ] || { echo "FAIL: exit code $rc, expected 0 (the guest's)"; failed=1; }
expect '^hypsim monitor: 1 core, stopped at reset'
expect '^core 0 \[hyp\] 0x40000000 <_start>: ldr sp'
expect '^breakpoint 0 at 0x[0-9a-f]{8} <hyp_trap>$'
expect '^breakpoint hit on core 0$'
expect '^core 0 \[hyp\] 0x[0-9a-f]{8} <hyp_trap>: mrc p15, #4, r4, c5, c2, #0'
expect '^CPSR 0x000001da'
expect '^svc +SP_svc 0x[0-9a-f]{8} LR_svc 0x[0-9a-f]{8} SPSR_svc'
expect '^hyp +SP_hyp 0x[0-9a-f]{8} SPSR_hyp 0x000001d3 ELR_hyp 0x'
expect '^HSR +0x4a000042 +EC=0x12 HVC IL=1 imm16=0x0042'
expect '^HSR +p15, 4, c5, c2, 0 +0x4a000042'
expect ': 0x11223344 0x55667788 0x00000000 0x00000000$'
expect '<hyp_trap\+4>: mov r1, r4$'
expect ': 0x88 0x77 0x66 0x55 0x00 0x00 0x00 0x00$'
expect '^0x40000000: 0x[0-9a-f]{8} 0x[0-9a-f]{8}$'
expect '^\* core 0 cortex-a15 cluster 0, running'
expect '^core 0 \[hyp\] 0x[0-9a-f]{8} <hyp_trap\+12>: bl '
expect '^core 0 \[hyp\] 0x[0-9a-f]{8} <print_kv\+8>: bl '
expect '^\(TLB empty'
expect '^hypsim: state of core 0'
expect '^no trace is being recorded'
expect '^  VA 0x40000010 -> PA 0x0040000010$'
expect '^watchpoint on 0x[0-9a-f]{8}, 4 bytes$'
expect "^unknown command 'bogus'"
expect '^watchpoint: core 0 accessed 0x[0-9a-f]{8}$'
expect '^core 0 \[hyp\] 0x[0-9a-f]{8} <hyp_trap\+32>: ubfx'
expect '^0x[0-9a-f]{8}: 0x00000001$'
expect '^hvc_count=00000002$'
expect '^the guest exited with code 0$'
if [ $failed -ne 0 ]; then cat "$out"; exit 1; fi
echo PASS
