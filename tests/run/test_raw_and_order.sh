#!/usr/bin/env bash
# test_raw_and_order.sh HYPSIM IMAGE_DIR
#
# Two things hypsim run says about itself (issue 16):
#  - a --kernel that is not an ELF is loaded raw, and hypsim says so and
#    where (an ELF says nothing): hello.elf's bytes (objcopy -O binary) at
#    the RAM base run as hello does; on the virt board the same note names
#    the virt load address; a raw --load says where too;
#  - console output and warnings come in the order they happened when
#    stdout is a pipe or a file, not only on a terminal: the HSCTLR boot
#    with --check-maintenance prints a line between each two warnings.
set -u
hypsim=$1 image_dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
errors=0
fail() { echo "FAIL: $*"; errors=$((errors + 1)); }

objcopy=${OBJCOPY:-arm-none-eabi-objcopy}
"$objcopy" -O binary "$image_dir/hello.elf" "$tmp/hello.bin" ||
  { echo "FAIL: $objcopy failed"; exit 1; }

# raw on the bare board: at the RAM base, entry there; runs as hello does
"$hypsim" run --kernel "$tmp/hello.bin" --max-insns 1000000 >"$tmp/out" 2>"$tmp/err"
rc=$?
grep -qx "hypsim: $tmp/hello.bin is not an ELF: loading it raw at 0x40000000, entry there" "$tmp/err" ||
  { fail "bare board: no raw-load note"; cat "$tmp/err"; }
"$hypsim" run --kernel "$image_dir/hello.elf" >"$tmp/elf.out" 2>"$tmp/elf.err"
if [ $rc -ne 0 ] || ! cmp -s "$tmp/out" "$tmp/elf.out"; then
  fail "the raw hello did not run as hello.elf (exit $rc)"
fi
grep -q 'raw' "$tmp/elf.err" && fail "an ELF kernel got a raw-load note"
# another base: the note follows it
"$hypsim" run --mem-base 0x80000000 --kernel "$tmp/hello.bin" --max-insns 1000 \
  >/dev/null 2>"$tmp/err"
grep -q "loading it raw at 0x80000000, entry there" "$tmp/err" ||
  { fail "--mem-base 0x80000000: the note does not say 0x80000000"; cat "$tmp/err"; }
# --load FILE@ADDR of a raw file
"$hypsim" run --kernel "$image_dir/hello.elf" --load "$tmp/hello.bin@0x44000000" \
  >/dev/null 2>"$tmp/err"
grep -qx "hypsim: $tmp/hello.bin is not an ELF: loading it raw at 0x44000000" "$tmp/err" ||
  { fail "--load: no raw-load note at 0x44000000"; cat "$tmp/err"; }
# the virt board: not an ELF, uImage or zImage
"$hypsim" run --board virt --kernel "$tmp/hello.bin" --max-insns 1000 \
  >/dev/null 2>"$tmp/err"
grep -Eq "hypsim: $tmp/hello.bin is not an ELF, uImage or zImage: loading it raw at 0x[0-9a-f]+, entry there" "$tmp/err" ||
  { fail "virt board: no raw-load note"; cat "$tmp/err"; }

# order: warning, line, warning, line, warning, line (as on a terminal)
want='W
kernel: running in SVC
W
kernel: calling HYP init
W
kernel: HYP is up, HSCTLR=30c5187f
S'
norm() {
  sed -e 's/^hypsim: check-maintenance: [0-9]* warnings\?$/S/' \
      -e 's/^hypsim: check-maintenance: core .*/W/' "$1"
}
run_boot() {
  "$hypsim" run --entry hyp --cpu cortex-a15 --check-maintenance \
    --kernel "$image_dir/hsctlr_boot.elf" --max-insns 200000
}
run_boot 2>&1 | cat >"$tmp/pipe"
[ "$(norm "$tmp/pipe")" = "$want" ] ||
  { fail "2>&1 | cat: console and warnings out of order"; cat "$tmp/pipe"; }
run_boot >"$tmp/file" 2>&1
[ "$(norm "$tmp/file")" = "$want" ] ||
  { fail ">file 2>&1: console and warnings out of order"; cat "$tmp/file"; }

[ $errors -eq 0 ] || exit 1
echo "ok: raw kernels are announced with their address; console and warnings keep their order in pipes and files"
