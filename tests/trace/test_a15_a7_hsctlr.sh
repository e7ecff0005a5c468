#!/usr/bin/env bash
# The demonstration's trace diff (issue 7): the HSCTLR boot image traced on
# a Cortex-A15 and a Cortex-A7 parts, on architectural state, at the
# instruction right after the HSCTLR write; with the maintenance counts
# compared too, at the kernel's ICIALLU (the A15 removes Hyp's lines).
set -u
hypsim=$1 images=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$hypsim" run --cpu cortex-a15 --entry hyp --kernel "$images/hsctlr_boot.elf" \
  --trace "$dir/a15.trace" >/dev/null 2>&1 || fail "A15 run did not boot"
"$hypsim" run --cpu cortex-a7 --entry hyp --kernel "$images/hsctlr_boot.elf" \
  --trace "$dir/a7.trace" >/dev/null 2>&1
[ $? -eq 3 ] || fail "A7 run did not end in a hang (exit 3)"

out=$("$hypsim" trace diff "$dir/a15.trace" "$dir/a7.trace" \
      --ignore MIDR,MPIDR,VPIDR,VMPIDR,removed --context 1 2>&1)
rc=$?
[ $rc -eq 1 ] || fail "trace diff exit $rc, expected 1: $out"
first=$(grep -m1 '^first difference' <<<"$out")
# the last record both agreed on is the HSCTLR write …
grep -q 'mcr p15, #4, r3, c1, c0, #0 .*sysreg HSCTLR 30c50878 -> 30c5187f' <<<"$out" ||
  fail "the record before the divergence is not the HSCTLR write: $out"
# … and they part at the next instruction: its encoding differs
addr=$(sed -n 's/.*encoding at \([0-9a-f]*\):.*/\1/p' <<<"$first")
[ -n "$addr" ] || fail "the first difference is not an encoding: $first"
write_pc=$(grep -m1 'sysreg HSCTLR 30c50878 -> 30c5187f' <<<"$out" | awk '{print $4}')
[ $((16#$addr)) -eq $((16#$write_pc + 4)) ] ||
  fail "parted at $addr, not right after the HSCTLR write at $write_pc"

out=$("$hypsim" trace diff "$dir/a15.trace" "$dir/a7.trace" \
      --ignore MIDR,MPIDR,VPIDR,VMPIDR --context 0 2>&1)
grep -q '^first difference: maintenance ICIALLU' <<<"$out" ||
  fail "with maintenance compared the first difference is not ICIALLU: $out"
echo "PASS: A15 and A7 part right after the HSCTLR write at $write_pc"
