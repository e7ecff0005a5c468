#!/usr/bin/env bash
# tests/run/test_symbols.sh HYPSIM IMAGE_DIR: --symbols FILE[@OFFSET] gives
# a raw image the symbols of its ELF: the hang report names the place
# (fw_pen+0x14) as it does when the ELF itself runs, with an offset the
# names shift, and a file that is not an ARM ELF is one line and exit 2.
set -uo pipefail
hypsim=$1
img=$2/hsctlr_boot.elf
fail() { echo "FAIL: $*"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
arm-none-eabi-objcopy -O binary "$img" "$work/raw.bin" || fail "objcopy"
run() { "$hypsim" run --cpu cortex-a7 --entry hyp --kernel "$work/raw.bin" "$@" 2>&1; }
out=$(run)
grep -q 'fw_pen' <<<"$out" && fail "a raw image has symbols without --symbols"
out=$(run --symbols "$img")
grep -qF 'PC:     0x4010006c <fw_pen+0x14>' <<<"$out" ||
  fail "no symbol in the hang report: $(grep PC: <<<"$out")"
# the ELF's addresses shifted by +0x10: PC 0x4010006c is fw_pen+0x4
out=$(run --symbols "$img@0x10")
grep -qF '<fw_pen+0x4>' <<<"$out" || fail "offset not applied: $(grep PC: <<<"$out")"
out=$(run --symbols "$work/raw.bin")
rc=$?
[ $rc -eq 2 ] || fail "a non-ELF symbol file exits $rc, not 2"
[ "$(wc -l <<<"$out")" -eq 1 ] || fail "more than one line: $out"
grep -q 'not a 32-bit ARM ELF' <<<"$out" || fail "unclear message: $out"
echo PASS
