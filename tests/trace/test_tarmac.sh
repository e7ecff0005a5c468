#!/usr/bin/env bash
# Tarmac out and in: hypsim's trace exported as Tarmac has the Fast Models
# form (IT lines with ARM/Thumb, mode and security state, R, MR/MW with the
# physical address, E, system-register writes, the cpuN tag); imported
# again it is equal to the original (round trip), a changed value is found;
# a hand-written FVP-style trace imports; two cores interleaved differently
# compare equal core by core; --from/--to cut show, export and import.
. "$(dirname "$0")/lib.sh" "$@"
cd "$WORK" || exit 1
img=$IMAGES/trace_sample.elf
expect_rc 0 "$HYPSIM" run --cpu cortex-a15 --kernel "$img" --trace h.trace

# ---- show: the translation regime where it changes (the start state
# has SCR.NS set and HCR.VM clear: no VMID) ----
expect_rc 0 "$HYPSIM" trace show h.trace
grep -q '^-- c0 regime: NS PL1&0$' "$WORK/out" || fail "show: no regime line"
[ "$(grep -c '^-- c0 regime:' "$WORK/out")" -eq 1 ] || fail "show: regime repeated though unchanged"

# ---- export ----
expect_rc 0 "$HYPSIM" trace show --format tarmac h.trace
cp "$WORK/out" h.tarmac
expect_rc 0 "$HYPSIM" trace export h.trace
cmp -s "$WORK/out" h.tarmac || fail "export and show --format tarmac differ"
grep -qE '^0 clk cpu0 IT \(0\) 40000000 e59fd01c A svc_n : ldr sp, \[pc, #0x1c\]$' h.tarmac ||
  fail "no Fast Models instruction line for the first instruction"
grep -qE '^[0-9]+ clk cpu0 R r13_svc 40ffffe8$' h.tarmac ||
  fail "push: no r13_svc register line"
grep -qE '^[0-9]+ clk cpu0 MW4 40fffffc:0000400000fc 40000020$|^[0-9]+ clk cpu0 MW4 40fffffc:[0-9a-f]{12} 40000020$' h.tarmac ||
  fail "push: no MW4 line with a physical address"
grep -qE '^[0-9]+ clk cpu0 MR4 40000024:[0-9a-f]{12} 41000000$' h.tarmac ||
  fail "ldr: no MR4 line"
grep -qE '^48 clk cpu0 E 400001ac 00000002 CoreEvent_SVC vector=40000208 return=400001b0 from=svc to=svc' h.tarmac ||
  fail "svc: no E line"
grep -qE '^[0-9]+ clk cpu0 R VBAR 40000200$' h.tarmac ||
  fail "mcr VBAR: no system-register line"
# IS: a conditional instruction that failed its check (the loop's last bne)
grep -qE '^[0-9]+ clk cpu0 IS \([0-9]+\) 40000180 1afffffc A svc_n : bne' h.tarmac ||
  fail "no IS line for the bne that falls through"
grep -qE '^[0-9]+ clk cpu0 IT \([0-9]+\) 40000180 1afffffc A' h.tarmac ||
  fail "no IT line for a taken bne"

# ---- round trip ----
expect_rc 0 "$HYPSIM" trace import-tarmac h.tarmac -o r.trace
expect_rc 0 "$HYPSIM" trace diff h.trace r.trace
grep -q '^equal: 75 instructions agreed' "$WORK/out" || fail "round trip is not equal"
# a value changed in the Tarmac is found, with its name
sed -E 's/^(14 clk cpu0 R r4) 00000005$/\1 00000006/' h.tarmac > bad.tarmac
cmp -s bad.tarmac h.tarmac && fail "test setup: sed changed nothing"
expect_rc 0 "$HYPSIM" trace import-tarmac bad.tarmac -o bad.trace
expect_rc 1 "$HYPSIM" trace diff h.trace bad.trace
grep -q 'first difference: R4 = 00000005 in A, 00000006 in B' "$WORK/out" ||
  fail "changed r4 not reported"
# a changed memory value too
sed -E 's/^(8 clk cpu0 MW4 40fffffc:[0-9a-f]+) 40000020$/\1 40000024/' h.tarmac > badm.tarmac
cmp -s badm.tarmac h.tarmac && fail "test setup: sed changed no MW4"
expect_rc 0 "$HYPSIM" trace import-tarmac badm.tarmac -o badm.trace
expect_rc 1 "$HYPSIM" trace diff h.trace badm.trace
grep -q 'first difference: memory access' "$WORK/out" || fail "changed MW4 not reported"

# a hypervisor behind stage 2 (exceptions, system-register writes, TLB
# maintenance, Hyp and guest modes) survives the round trip too, and show
# gives the guest's VMID from its VTTBR
s2=$IMAGES/hyp_s2_guest.elf
expect_rc 0 "$HYPSIM" run --cpu cortex-a15 --entry hyp --kernel "$s2" --trace s2.trace
expect_rc 0 "$HYPSIM" trace show s2.trace
grep -q '^-- c0 regime: NS PL1&0 VMID 1$' "$WORK/out" || fail "stage-2 guest: no VMID 1 regime"
grep -q '^-- c0 regime: NS PL2$' "$WORK/out" || fail "stage-2 guest: no Hyp regime"
expect_rc 0 "$HYPSIM" trace export s2.trace
cp "$WORK/out" s2.tarmac
grep -qE '^[0-9]+ clk cpu0 R TLBIALLH [0-9a-f]{8}:[0-9a-f]{8}$' s2.tarmac || fail "no TLBIALLH line"
grep -qE '^[0-9]+ clk cpu0 R VTTBR 0001[0-9a-f]{12}$' s2.tarmac || fail "no 64-bit VTTBR line"
grep -qE '^[0-9]+ clk cpu0 IT \([0-9]+\) [0-9a-f]{8} [0-9a-f]+ [AT] svc_n : ' s2.tarmac ||
  fail "no non-secure guest instruction"
expect_rc 0 "$HYPSIM" trace import-tarmac s2.tarmac -o s2r.trace
expect_rc 0 "$HYPSIM" trace diff s2.trace s2r.trace
grep -q '^equal: [1-9][0-9]* instructions agreed' "$WORK/out" || fail "stage-2 round trip"

# ---- a hand-written FVP-style trace (ps times, no core tag, CADI lines) ----
cat > fvp.tarmac <<'EOF'
0 ps CACHE MAINTENANCE Instruction and Data cache Invalidate All to PoU 00000000
0 ps R cpsr 000001d3
0 ps R r0 00000000
0 ps R r1 00000000
0 ps E 00000000 00000001 CoreEvent_Reset
1000000 ps IT (1) 00008000 e3a00005 A svc_s : MOV      r0,#5
1000000 ps R r0 00000005
2000000 ps IT (2) 00008004 e2500001 A svc_s : SUBS     r0,r0,#1
2000000 ps R r0 00000004
2000000 ps R cpsr 200001d3
3000000 ps IS (3) 00008008 0afffffd A svc_s : BEQ      {pc}-4
4000000 ps IT (4) 0000800c e52d0004 A svc_s : PUSH     {r0}
4000000 ps MW4 000ffffc:0000000ffffc 00000004
4000000 ps R r13_svc 000ffffc
5000000 ps IT (5) 00008010 4770 T svc_s : BX       lr
6000000 ps CADI E simulation_stopped
EOF
expect_rc 0 "$HYPSIM" trace import-tarmac fvp.tarmac -o fvp.trace
grep -q 'lines skipped' "$WORK/err" || fail "skipped CADI/CACHE lines not counted"
expect_rc 0 "$HYPSIM" trace show fvp.trace
grep -qE '^ +1 c0 svc 00008000 .* e3a00005 +mov r0, #5 +R0=00000005$' "$WORK/out" ||
  fail "FVP trace: first instruction"
grep -qE '^ +4 c0 svc 0000800c .*SP=000ffffc \[W4 000ffffc=00000004\]' "$WORK/out" ||
  fail "FVP trace: push with r13_svc and MW4"
grep -qE '^ +5 c0 svc 00008010 .* 4770 ' "$WORK/out" || fail "FVP trace: Thumb line"
# the same trace re-exported keeps IS and the memory line
expect_rc 0 "$HYPSIM" trace export fvp.trace
grep -qE '^3 clk cpu0 IS \(3\) 00008008 0afffffd A svc_s : beq' "$WORK/out" ||
  fail "FVP trace: IS lost"
# AArch64 or garbage is refused with a line number, and no file is left
printf '0 clk IT (0) 00008000 940011de O EL3h_s : BL {pc}+0x4778\n' > a64.tarmac
expect_rc 2 "$HYPSIM" trace import-tarmac a64.tarmac -o a64.trace
grep -q 'a64.tarmac:1: instruction set must be A or T' "$WORK/err" ||
  fail "AArch64 line: no reason"
[ -e a64.trace ] && fail "refused import left a file"
printf 'hello\n' > none.tarmac
expect_rc 2 "$HYPSIM" trace import-tarmac none.tarmac -o none.trace
grep -q 'not a Tarmac trace' "$WORK/err" || fail "non-Tarmac file accepted"

# ---- two cores, interleaved differently: compared core by core ----
cat > mc_a.tarmac <<'EOF'
0 clk cpu0 R cpsr 000001d3
0 clk cpu1 R cpsr 000001d3
0 clk cpu0 IT (0) 00001000 e3a00001 A svc_s : mov r0, #1
0 clk cpu0 R r0 00000001
0 clk cpu1 IT (0) 00002000 e3a01002 A svc_s : mov r1, #2
0 clk cpu1 R r1 00000002
1 clk cpu0 IT (1) 00001004 e3a02003 A svc_s : mov r2, #3
1 clk cpu0 R r2 00000003
1 clk cpu1 IT (1) 00002004 e3a03004 A svc_s : mov r3, #4
1 clk cpu1 R r3 00000004
EOF
# cpu1 runs both its instructions before cpu0's
awk '/cpu1/' mc_a.tarmac > mc_b.tarmac
awk '/cpu0/' mc_a.tarmac >> mc_b.tarmac
expect_rc 0 "$HYPSIM" trace import-tarmac mc_a.tarmac -o mc_a.trace
expect_rc 0 "$HYPSIM" trace import-tarmac mc_b.tarmac -o mc_b.trace
expect_rc 0 "$HYPSIM" trace diff mc_a.trace mc_b.trace
grep -q '^equal: 4 instructions agreed on 2 cores' "$WORK/out" ||
  fail "different interleavings of two cores are not equal"
sed 's/^1 clk cpu1 R r3 00000004$/1 clk cpu1 R r3 00000005/' mc_b.tarmac > mc_c.tarmac
expect_rc 0 "$HYPSIM" trace import-tarmac mc_c.tarmac -o mc_c.trace
expect_rc 1 "$HYPSIM" trace diff mc_a.trace mc_c.trace
grep -q '^core 1: traces differ after 2 instructions agreed' "$WORK/out" ||
  fail "difference on core 1 not reported as core 1's"

# --max-diffs goes on to the next core
sed 's/^0 clk cpu0 R r0 00000001$/0 clk cpu0 R r0 00000009/' mc_c.tarmac > mc_d.tarmac
expect_rc 0 "$HYPSIM" trace import-tarmac mc_d.tarmac -o mc_d.trace
expect_rc 1 "$HYPSIM" trace diff --max-diffs 5 mc_a.trace mc_d.trace
grep -q '^first difference: R0 = 00000001 in A, 00000009 in B' "$WORK/out" ||
  fail "max-diffs on two cores: core 0's R0"
grep -q '^core 1: difference 2, after 2 instructions agreed' "$WORK/out" ||
  fail "max-diffs on two cores: core 1 not compared after core 0 differed"

# ---- --from/--to ----
expect_rc 0 "$HYPSIM" trace show h.trace --from icount:10 --to icount:12
n=$(grep -cE '^ +[0-9]+ c0 ' "$WORK/out")
[ "$n" -eq 3 ] || fail "show --from icount:10 --to icount:12: $n instruction lines, not 3"
grep -qE '^ +10 c0 ' "$WORK/out" || fail "show --from: icount 10 missing"
expect_rc 0 "$HYPSIM" trace show h.trace --from 0x40000178 --to 0x40000180
first=$(grep -E '^ +[0-9]+ c0 ' "$WORK/out" | head -1 | awk '{print $1}')
n=$(grep -cE '^ +[0-9]+ c0 ' "$WORK/out")
[ "$first" = 14 ] && [ "$n" -eq 3 ] || fail "show --from/--to PC: first $first, $n lines"
expect_rc 0 "$HYPSIM" trace show h.trace --from main --to icount:20
grep -qE '^ +[0-9]+ c0 svc 40000160 <main>' "$WORK/out" || fail "show --from main"
expect_rc 2 "$HYPSIM" trace show h.trace --from no_such_symbol
grep -q "'no_such_symbol' is not a symbol" "$WORK/err" || fail "unknown symbol not said"
# an export from the middle starts with the whole state, so it imports
# and compares equal to the same range of the original
expect_rc 0 "$HYPSIM" trace export h.trace --from icount:40 --to icount:60
cp "$WORK/out" mid.tarmac
grep -qE '^40 clk cpu0 R pc [0-9a-f]{8}$' mid.tarmac || fail "ranged export: no start state"
expect_rc 0 "$HYPSIM" trace import-tarmac mid.tarmac -o mid.trace
expect_rc 0 "$HYPSIM" trace diff h.trace mid.trace --from icount:40 --to icount:60
grep -q '^equal: 21 instructions agreed' "$WORK/out" || fail "ranged round trip"
# import --from/--to
expect_rc 0 "$HYPSIM" trace import-tarmac h.tarmac -o cut.trace --from icount:5 --to icount:9
expect_rc 0 "$HYPSIM" trace show cut.trace
n=$(grep -cE '^ +[0-9]+ c0 ' "$WORK/out")
[ "$n" -eq 5 ] || fail "import-tarmac --from/--to kept $n records, not 5"
# --help of a subcommand is its usage
expect_rc 0 "$HYPSIM" trace import-tarmac --help
grep -q 'usage: hypsim trace' "$WORK/out" || fail "import-tarmac --help"
finish
