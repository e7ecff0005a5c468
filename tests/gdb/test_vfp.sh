#!/usr/bin/env bash
# The VFP registers through gdb (org.gnu.gdb.arm.vfp, regs.c): at a
# breakpoint after the image loaded D0 = 1.5 and D16, gdb reads them as
# double and as hex, derives S1 from D0, sees FPSCR and FPEXC; it
# writes D1 and FPSCR, and the image prints what it then finds (FPSCR keeps only its writable bits, fp.h FPSCR_WRITABLE).
. "$(dirname "$0")/lib.sh"
ELF=$IMAGES/gdb_vfp.elf
start_hypsim --kernel "$ELF"
run_gdb "$ELF" <<'CMDS'
break gdb_vfp_loaded
continue
p/x $d0
p $d0
p $s1
p/x $s1
p/x $d16
p/x $fpscr
p/x $fpexc
info registers d16
set var $d1 = 2.25
set var $fpscr = 0xffffffff
p/x $d1
p/x $fpscr
continue
CMDS
expect '^Breakpoint 1, .*gdb_vfp_loaded'
expect '^\$1 = 0x3ff8000000000000$'
expect '^\$2 = 1\.5$'
expect '^\$3 = 1\.9375$'
expect '^\$4 = 0x3ff80000$'
expect '^\$5 = 0x123456789abcdef$'
expect '^\$6 = 0x3c00000$'
expect '^\$7 = 0x40000000$'
expect '^d16 +.*\(raw 0x0123456789abcdef\)$'
expect '^\$8 = 0x4002000000000000$'
expect '^\$9 = 0xfff7009f$'
expect 'exited normally'
finish_hypsim 0
expect '^d1=40020000:00000000 fpscr=fff7009f$' "$HS_OUT"
done_test
