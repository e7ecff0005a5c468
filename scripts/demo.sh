#!/usr/bin/env bash
# The demonstration: the same hypervisor boot image on a Cortex-A15 (it
# boots) and on a Cortex-A7 (it hangs at the HSCTLR write, with the hang
# report), the trace diff that shows where the two parted, and the two
# fixes from 2013 on the A7.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}
hypsim=$build/hypsim
img=$build/tests/images
out=${DEMO_OUT:-$build/demo}
mkdir -p "$out"
if [ ! -x "$hypsim" ]; then
  echo "demo: $hypsim is missing: build first (see README.md)" >&2
  exit 2
fi

banner() { printf '\n=== %s ===\n' "$*"; }
run() { echo "\$ hypsim $*"; "$hypsim" "$@"; echo "(exit code $?)"; }

banner "1. Cortex-A15: KVM-style HYP init writes HSCTLR = 0x30C5187F"
run run --cpu cortex-a15 --entry hyp --kernel "$img/hsctlr_boot.elf" \
    --trace "$out/a15.trace"

banner "2. Cortex-A7: the same image"
run run --cpu cortex-a7 --entry hyp --kernel "$img/hsctlr_boot.elf" \
    --trace "$out/a7.trace"

banner "3. Where the two runs parted"
echo "Architectural state (identification registers and the number of cache"
echo "lines each maintenance operation removed set aside):"
run trace diff "$out/a15.trace" "$out/a7.trace" \
    --ignore MIDR,MPIDR,VPIDR,VMPIDR,removed
echo
echo "With the cache maintenance compared too, the earliest difference is the"
echo "cause: the kernel's ICIALLU removes the HYP-filled lines on the A15 only:"
"$hypsim" trace diff "$out/a15.trace" "$out/a7.trace" \
    --ignore MIDR,MPIDR,VPIDR,VMPIDR --context 0 2>&1 | grep -E '^(first difference|summary|  [AB]:)'

banner "4. The two fixes of 2013, on the Cortex-A7"
echo "-- HSCTLR.I left clear (HSCTLR = 0x30C5087F):"
run run --cpu cortex-a7 --entry hyp --kernel "$img/hsctlr_boot_iclear.elf"
echo "-- isb; ICIALLU in HYP before the HSCTLR write:"
run run --cpu cortex-a7 --entry hyp --kernel "$img/hsctlr_boot_hyp_iciallu.elf"

banner "5. The TLB side: a bootloader leaves a HYP TLB entry (both cores)"
for cpu in cortex-a15 cortex-a7; do
  echo "-- $cpu, HYP init without TLBIALLH:"
  run run --cpu $cpu --entry hyp --kernel "$img/stale_tlb_boot.elf" \
      --hang-report "$out/stale_tlb_$cpu.txt" 2>/dev/null
  echo "   (hang report in $out/stale_tlb_$cpu.txt)"
  echo "-- $cpu, with TLBIALLH before the HSCTLR write:"
  run run --cpu $cpu --entry hyp --kernel "$img/stale_tlb_boot_tlbiallh.elf"
done
exit 0
