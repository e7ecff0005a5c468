#!/usr/bin/env bash
# The floating-point registers in a trace: D0-D31 (64-bit), FPSCR and
# FPEXC appear in the header's register table and in the records of the
# VFP and Advanced SIMD instructions (ARM and Thumb) that change them;
# a snapshot carries them; --trace-last keeps them; the same run on both
# cores diffs equal. Values: tests/trace/images/trace_vfp.S.
. "$(dirname "$0")/lib.sh" "$@"
img=$IMAGES/trace_vfp.elf
cd "$WORK" || exit 1
for cpu in cortex-a15 cortex-a7; do
  expect_rc 0 "$HYPSIM" run --cpu $cpu --kernel "$img" --trace $cpu.trace
  expect_rc 0 "$HYPSIM" trace show $cpu.trace
  cp "$WORK/out" show.txt
  need() { # need PATTERN: a line of `trace show` matches the regex
    grep -Eq "$1" show.txt || fail "$cpu: no line matches: $1"
  }
  need 'vmsr +fpexc, r0 +FPEXC=40000000$'
  need 'vmsr +fpscr, r0 +FPSCR=00c00000$'
  need 'vmov +d3, r0, r1 +D3=5566778811223344$'
  need 'vmov +s0, r0 +D0=000000003f800000$'
  need 'vmov +s1, r0 +D0=3eaaaaab3f800000$'
  need 'vdiv.f32 +s4, s0, s1 +D2=00000000403fffff FPSCR=00c00010$'
  need 'vldmia +r4, \{d16, d17\} +D16=0506070801020304 D17=5060708010203040 \[R4 '
  need 'vadd.i32 +q9, q8, q8 +D18=0a0c0e1002040608 D19=a0c0e10020406080$'
  need 'vld1.32 +\{d20\}, \[r4\] +D20=0506070801020304 \[R4 '
  need 'vmov +r5, r6, d3 +R5=11223344 R6=55667788$'
  need 'vmov +d31, r0, r1 +D31=0badc0decafef00d$'
  need 'vneg.f64 +d30, d31 +D30=8badc0decafef00d$'
  need 'vmov.i32 +q14, #0x5a +D28=0000005a0000005a D29=0000005a0000005a$'
  need 'vmsr +fpscr, r0 +FPSCR=00000000$'
  # the header describes them
  grep -q 'FPSCR' show.txt || fail "$cpu: FPSCR unknown to show"
  # --trace-last: the ring's opening state and its records keep them
  expect_rc 0 "$HYPSIM" run --cpu $cpu --kernel "$img" --trace $cpu-last.trace \
    --trace-last 16
  expect_rc 0 "$HYPSIM" trace show $cpu-last.trace
  grep -Eq 'vneg.f64 +d30, d31 +D30=8badc0decafef00d$' "$WORK/out" ||
    fail "$cpu: --trace-last lost the D30 change"
done
expect_rc 0 "$HYPSIM" trace diff cortex-a15.trace cortex-a7.trace
grep -q '^equal: ' "$WORK/out" || fail "a15 and a7 traces of trace_vfp differ"
finish
