#!/usr/bin/env bash
# The demonstration: the same hypervisor boot image on a Cortex-A15 (it
# boots) and on a Cortex-A7 (it hangs at the HSCTLR write, with the hang
# report), the trace diff that shows where the two parted, and the two
# fixes from 2013 on the A7; then real images on the virt board: Debian's
# Linux 6.1 in HYP mode on a mixed A15 + A7 machine, and Xen 4.17 with a
# Linux dom0.
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

banner "6. Debian's Linux 6.1 in HYP mode on a mixed Cortex-A15 + Cortex-A7 machine"
# The virt board (GICv2 with its virtualization frames, generic timers,
# PL011, PSCI) runs Debian's own armmp-lpae kernel, fetched once into a
# cache outside the repository, with a busybox initramfs whose /init
# prints a marker and powers off through PSCI.
if images=$("$here/scripts/fetch-images.sh" --print-dir 2>"$out/fetch.log"); then
  BUSYBOX=$images/busybox "$here/scripts/make-initramfs.sh" \
    "$out/initramfs.cpio.gz" >/dev/null
  echo "\$ hypsim run --board virt --cpus cortex-a15x1,cortex-a7x1 --entry hyp \\"
  echo "    --mem 512M --kernel vmlinuz-6.1-armmp-lpae --initrd initramfs.cpio.gz \\"
  echo "    --append \"console=ttyAMA0\""
  echo "(about 3.4 G instructions; the console, filtered, follows)"
  "$hypsim" run --board virt --cpus cortex-a15x1,cortex-a7x1 --entry hyp \
    --mem 512M --kernel "$images/vmlinuz-6.1-armmp-lpae" \
    --initrd "$out/initramfs.cpio.gz" --append "console=ttyAMA0" \
    </dev/null >"$out/linux.log" 2>"$out/linux.err"
  rc=$?
  tr -d '\r' <"$out/linux.log" | grep -E 'Linux version|CPU: ARMv7|CPU1: thread|started in HYP|Brought up|GIC: |arch_timer: cp15|psci: PSCIv|Run /init|HYPSIM-INIT-OK|Power down'
  cat "$out/linux.err"
  echo "(exit code $rc; the whole console is in $out/linux.log)"

  banner "7. Xen 4.17 with Debian's Linux as dom0, on a Cortex-A7"
  echo "\$ hypsim run --board virt --cpu cortex-a7 --entry hyp --mem 1G \\"
  echo "    --kernel xen-4.17-armhf --append \"console=dtuart dom0_mem=256M\" \\"
  echo "    --module vmlinuz-6.1-armmp-lpae --module-args \"console=hvc0\" \\"
  echo "    --module initramfs.cpio.gz"
  "$hypsim" run --board virt --cpu cortex-a7 --entry hyp --mem 1G \
    --kernel "$images/xen-4.17-armhf" \
    --append "console=dtuart dom0_mem=256M" \
    --module "$images/vmlinuz-6.1-armmp-lpae" \
    --module-args "console=hvc0 earlycon=xen earlyprintk=xen" \
    --module "$out/initramfs.cpio.gz" \
    </dev/null >"$out/xen.log" 2>"$out/xen.err"
  rc=$?
  tr -d '\r' <"$out/xen.log" | grep -E 'Xen version|Brought up|P2M:|LOADING DOMAIN 0|Xen 4.17 support found|started in|HYPSIM-INIT-OK|Dom0 halted'
  cat "$out/xen.err"
  echo "(exit code $rc; the whole console is in $out/xen.log)"
else
  echo "demo: Debian's images could not be fetched (no network?):"
  tail -3 "$out/fetch.log"
fi
exit 0
