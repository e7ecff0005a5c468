#!/usr/bin/env bash
# golden_trace.sh HYPSIM IMAGE_DIR QEMU
#
# The golden trace traces/hsctlr_boot_a15.trace (hypsim's register trace of
# hsctlr_boot.elf on a Cortex-A15 entered in Hyp mode, blessed from
# tests/scenarios/hsctlr_a15_golden.ini) against QEMU's log of the same
# image: qemu-system-arm -M virt,virtualization=on -cpu cortex-a15 (QEMU
# enters a bare ELF in Hyp mode then) -d in_asm,exec,cpu,int,nochain
# -singlestep, imported with `hypsim trace import-qemu`, must agree record
# for record but for the differences traces/hsctlr_boot_a15.qemu-7.2.mask
# excuses, each with its reason; every mask there must excuse something.
#
# in_asm: the encodings come from QEMU's translation, not from the ELF:
# the boot writes HYP init code over page P at run time, where the ELF's
# bytes are stale. nochain: every instruction is logged (-singlestep makes
# each one a block; chained blocks would not print their exec line).
set -u
if [ $# -ne 3 ]; then
  echo "usage: $0 HYPSIM IMAGE_DIR QEMU" >&2
  exit 2
fi
hypsim=$1 image_dir=$2 qemu=$3
here=$(cd "$(dirname "$0")" && pwd)
traces=$(cd "$here/../../traces" && pwd)
golden=$traces/hsctlr_boot_a15.trace
mask=${GOLDEN_MASK:-$traces/hsctlr_boot_a15.qemu-7.2.mask}
img=$image_dir/hsctlr_boot.elf
"$here/need_qemu.sh" "$qemu" --machine virt || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

[ -f "$img" ] || fail "$img not found (build the test images)"
timeout 120 "$qemu" -M virt,virtualization=on -cpu cortex-a15 -nographic \
  -semihosting -nodefaults -monitor none -serial none -kernel "$img" \
  -d in_asm,exec,cpu,int,nochain -singlestep -D "$tmp/qemu.log" \
  >"$tmp/qemu.out" 2>&1 </dev/null
rc=$?
[ $rc -eq 0 ] || { cat "$tmp/qemu.out"; fail "QEMU exited with $rc"; }
grep -q 'HYP is up' "$tmp/qemu.out" || fail "QEMU did not boot the image"
"$hypsim" trace import-qemu "$tmp/qemu.log" -o "$tmp/qemu.trace" \
  >"$tmp/import.out" 2>&1 || { cat "$tmp/import.out"; fail "import-qemu failed"; }

# The golden trace's length: QEMU's must cover all of it.
"$hypsim" trace show "$golden" >"$tmp/golden.txt" 2>&1 ||
  fail "trace show $golden failed"
n=$(grep -cE '^ +[0-9]+ c0 ' "$tmp/golden.txt")
[ "$n" -gt 1000 ] || fail "golden trace has only $n instructions"

# Without the masks the comparison must find QEMU's differences (the
# comparison is live, and the masks are needed).
"$hypsim" trace diff "$golden" "$tmp/qemu.trace" >"$tmp/nomask.out" 2>&1
[ $? -eq 1 ] || { cat "$tmp/nomask.out"; fail "unmasked diff did not find a difference"; }

"$hypsim" trace diff --max-diffs 20 --mask "$mask" "$golden" "$tmp/qemu.trace" \
  >"$tmp/diff.out" 2>&1
rc=$?
cat "$tmp/diff.out"
[ $rc -eq 0 ] || fail "the golden trace and QEMU differ where no mask of $(basename "$mask") excuses it"
grep -q "^equal: $n instructions agreed" "$tmp/diff.out" ||
  fail "not all $n instructions of the golden trace were compared"
# every mask must still excuse something
bad=0
while IFS= read -r line; do
  ln=${line%%:*}
  grep -q "^masked: [0-9]* differences\? by $(basename "$mask"):$ln:" "$tmp/diff.out" || {
    echo "FAIL: $(basename "$mask"):$ln excused nothing (QEMU agrees there now?): ${line#*:}"
    bad=1
  }
done < <(grep -nvE '^[[:space:]]*(#|$)' "$mask")
[ $bad -eq 0 ] || exit 1
echo "ok: golden trace hsctlr_boot_a15 ($n instructions) equals QEMU's log but for the masked differences"
