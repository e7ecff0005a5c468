#!/usr/bin/env bash
# trace diff between simulators: --mask files excuse known differences (a
# start-state bit, R0 after a semihosting call, the destination of one
# system-register read) and say so; --max-diffs goes on past a difference
# and realigns by PC after the instruction streams part; --from limits the
# comparison; the shipped QEMU 7.2 masks parse. Hand-written Tarmac traces
# stand in for the two simulators.
. "$(dirname "$0")/lib.sh" "$@"
MASKS=$(cd "$(dirname "$0")" && pwd)/masks
cd "$WORK" || exit 1

# The program: A as the manual says, B as another simulator ran it.
prog() { # $1: B? (1/0)
  local b=$1
  echo "0 clk cpu0 R cpsr $([ "$b" = 1 ] && echo 400001d3 || echo 000001d3)"
  for r in 0 1 2 3 4; do echo "0 clk cpu0 R r$r 00000000"; done
  echo "0 clk cpu0 IT (0) 00001000 e3a00004 A svc_s : mov r0, #4"
  echo "0 clk cpu0 R r0 00000004"
  echo "1 clk cpu0 IT (1) 00001004 ef123456 A svc_s : svc #0x123456"
  echo "1 clk cpu0 R r0 $([ "$b" = 1 ] && echo 00012345 || echo 00000000)"
  echo "2 clk cpu0 IT (2) 00001008 f102001f A svc_s : cps #0x1f"
  echo "2 clk cpu0 R cpsr $([ "$b" = 1 ] && echo 400001df || echo 000001df)"
  echo "3 clk cpu0 IT (3) 0000100c ee104fd0 A sys_s : mrc p15, #0, r4, c0, c0, #6"
  echo "3 clk cpu0 R r4 $([ "$b" = 1 ] && echo 412fc0f1 || echo 00000000)"
  echo "4 clk cpu0 IT (4) 00001010 e3510001 A sys_s : cmp r1, #1"
  echo "4 clk cpu0 R cpsr 800001df"
  echo "5 clk cpu0 IT (5) 00001014 e3a02002 A sys_s : mov r2, #2"
  echo "5 clk cpu0 R r2 $([ "$b" = 1 ] && echo 00000003 || echo 00000002)"
  echo "6 clk cpu0 IT (6) 00001018 e3a01007 A sys_s : mov r1, #7"
  echo "6 clk cpu0 R r1 00000007"
  echo "7 clk cpu0 IT (7) 0000101c e3a03005 A sys_s : mov r3, #5"
  echo "7 clk cpu0 R r3 $([ "$b" = 1 ] && echo 00000006 || echo 00000005)"
  echo "8 clk cpu0 IT (8) 00001020 e1a00000 A sys_s : nop"
}
prog 0 > a.tarmac
prog 1 > b.tarmac
expect_rc 0 "$HYPSIM" trace import-tarmac a.tarmac -o a.trace
expect_rc 0 "$HYPSIM" trace import-tarmac b.tarmac -o b.trace

cat > m.mask <<'EOF'
# known differences of the simulator behind B
start CPSR bits=30:30         -- its reset CPSR has Z set (UNKNOWN)
after semihosting R0          -- semihosting leaves R0 to the host
after mrc=p15,0,c0,c0,6 Rt    -- it reads REVIDR as MIDR
EOF

# without masks: the first difference is R0 after the semihosting call
expect_rc 1 "$HYPSIM" trace diff a.trace b.trace
grep -q '^first difference: R0 = 00000000 in A, 00012345 in B' "$WORK/out" ||
  fail "unmasked: first difference is not R0"
grep -q 'note: core 0 start state: CPSR = 000001d3 in A, 400001d3 in B' "$WORK/out" ||
  fail "unmasked: no start-state note"

# with them: the first unexplained difference is R2
expect_rc 1 "$HYPSIM" trace diff --mask m.mask a.trace b.trace
grep -q '^first difference: R2 = 00000002 in A, 00000003 in B' "$WORK/out" ||
  fail "masked: first difference is not R2"
grep -q 'note: core 0 start state: CPSR' "$WORK/out" &&
  fail "masked start bit still a note"
grep -q '^masked: 1 difference by m.mask:3: semihosting leaves R0 to the host$' "$WORK/out" ||
  fail "masked: R0 mask not reported as used"
grep -q '^masked: 1 difference by m.mask:4: it reads REVIDR as MIDR$' "$WORK/out" ||
  fail "masked: mrc mask not reported as used"
grep -q 'm.mask:2' "$WORK/out" || fail "masked: start mask not reported as used"
grep -q 'difference 2' "$WORK/out" && fail "default --max-diffs is not 1"

# --max-diffs: both real differences, and nothing else
expect_rc 1 "$HYPSIM" trace diff --mask m.mask --max-diffs 10 a.trace b.trace
grep -q '^first difference: R2 = 00000002 in A, 00000003 in B' "$WORK/out" ||
  fail "max-diffs: R2 missing"
grep -q '^difference: R3 = 00000005 in A, 00000006 in B' "$WORK/out" ||
  fail "max-diffs: R3 not reported as the second difference"
grep -q 'core 0: difference 3' "$WORK/out" && fail "max-diffs: a third difference"

# --from: the comparison starts after the R2 difference
expect_rc 1 "$HYPSIM" trace diff --mask m.mask --from icount:6 a.trace b.trace
grep -q '^first difference: R3 = 00000005 in A, 00000006 in B' "$WORK/out" ||
  fail "--from icount:6: R3 is not the first difference"
expect_rc 0 "$HYPSIM" trace diff --mask m.mask --from icount:6 --to 0x1018 a.trace b.trace
grep -q '^equal: 1 instructions agreed' "$WORK/out" || fail "--from/--to: not equal"

# realignment: C takes a detour of two instructions after mov r2 and
# comes back; then R3 differs
{
  prog 0 | sed -n '1,/^5 clk cpu0 R r2/p'
  echo "6 clk cpu0 IT (6) 00001018 ea000038 A sys_s : b #0x1100"
  echo "7 clk cpu0 IT (7) 00001100 e3a05001 A sys_s : mov r5, #1"
  echo "7 clk cpu0 R r5 00000001"
  echo "8 clk cpu0 IT (8) 00001104 eaffffc3 A sys_s : b #0x1018"
  echo "9 clk cpu0 IT (9) 00001018 e3a01007 A sys_s : mov r1, #7"
  echo "9 clk cpu0 R r1 00000007"
  echo "10 clk cpu0 IT (10) 0000101c e3a03005 A sys_s : mov r3, #5"
  echo "10 clk cpu0 R r3 00000009"
  echo "11 clk cpu0 IT (11) 00001020 e1a00000 A sys_s : nop"
} > c.tarmac
expect_rc 0 "$HYPSIM" trace import-tarmac c.tarmac -o c.trace
expect_rc 1 "$HYPSIM" trace diff --max-diffs 5 a.trace c.trace
grep -q '^first difference: encoding at 00001018: A e3a01007, B ea000038' "$WORK/out" ||
  fail "realign: parting not reported"
grep -q '^realigned at 00001018: A icount 6, B icount 9 (0 records skipped in A, 3 in B)' "$WORK/out" ||
  fail "realign: not realigned at 1018"
grep -q '^difference: R3 = 00000005 in A, 00000009 in B' "$WORK/out" ||
  fail "realign: the difference after the detour not found"
# without --max-diffs it stops at the parting
expect_rc 1 "$HYPSIM" trace diff a.trace c.trace
grep -q 'realigned' "$WORK/out" && fail "realigned without --max-diffs"

# mask files that are wrong say where
printf 'reg R0 at=0x10-zz\n' > bad.mask
expect_rc 2 "$HYPSIM" trace diff --mask bad.mask a.trace b.trace
grep -q 'bad.mask:1: at=PC, at=LO-HI or at=SYMBOL' "$WORK/err" || fail "bad at= accepted"
printf 'after sometimes R0\n' > bad2.mask
expect_rc 2 "$HYPSIM" trace diff --mask bad2.mask a.trace b.trace
grep -q 'bad2.mask:1: after needs a class' "$WORK/err" || fail "bad class accepted"
printf 'reg NOSUCHREG\n' > bad3.mask
expect_rc 2 "$HYPSIM" trace diff --mask bad3.mask a.trace b.trace
grep -q "'NOSUCHREG' is not a register" "$WORK/err" || fail "unknown register accepted"

# the shipped masks parse, and they excuse the start CPSR flags
for m in "$MASKS"/*.mask; do
  expect_rc 1 "$HYPSIM" trace diff --mask "$m" a.trace b.trace
  grep -q '^first difference: R2' "$WORK/out" ||
    fail "$(basename "$m"): does not excuse what m.mask does"
done
finish
