#!/usr/bin/env bash
# tests/linux/qemu_xen_reference.sh [IMAGES_DIR] [LOG]: the reference run of
# Debian's Xen 4.17 with Linux 6.1 as dom0 under qemu-system-arm, to compare
# hypsim's Xen boot with (not run by ctest).
#
# Xen is the -kernel (its zImage header lets a Linux boot protocol loader
# start it, in Hyp mode with virtualization=on); the dom0 kernel and the
# initramfs are put in guest RAM by -device loader and described to Xen by
# /chosen/module@ADDR nodes (Xen's docs/misc/arm/device-tree/booting.txt:
# compatible "multiboot,kernel" / "multiboot,ramdisk", reg = <addr size> in
# /chosen's own #address-cells/#size-cells). The DTB is QEMU's own, dumped
# with -M ...,dumpdtb= for this very machine and edited with dtc.
#
# Memory map (RAM 0x40000000-0x7fffffff, -m 1G): QEMU puts Xen near the RAM
# base and the DTB at RAM base + 128 MiB (0x48000000, where an -initrd would
# go); the dom0 kernel goes at 0x50000000 and the initramfs at 0x52000000,
# clear of both. Xen moves itself near the top of RAM and gives dom0 256 MiB
# elsewhere.
#
# Passes (exit 0) when dom0 prints the initramfs marker on hvc0 and Xen then
# powers the machine off ("Hardware Dom0 halted"); prints the wall time to
# the marker and to QEMU's exit. IMAGES_DIR defaults to the cache of
# scripts/fetch-images.sh (fetched if missing); LOG (default
# /tmp/qemu-xen-reference.log) keeps the console.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
images=${1:-}
log=${2:-/tmp/qemu-xen-reference.log}
qemu=${QEMU:-qemu-system-arm}
marker=HYPSIM-INIT-OK
timeout_s=${TIMEOUT:-300}

command -v "$qemu" >/dev/null || { echo "$0: $qemu not found" >&2; exit 2; }
command -v dtc >/dev/null || { echo "$0: dtc not found (device-tree-compiler)" >&2; exit 2; }
if [ -z "$images" ]; then
  images=$("$root/scripts/fetch-images.sh" --print-dir) || exit 1
fi
xen=$images/xen-4.17-armhf
kernel=$images/vmlinuz-6.1-armmp-lpae
for f in "$xen" "$kernel" "$images/busybox"; do
  [ -s "$f" ] || { echo "$0: $f missing (run scripts/fetch-images.sh)" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
BUSYBOX=$images/busybox "$root/scripts/make-initramfs.sh" "$work/initramfs.cpio.gz" "$marker"
initrd=$work/initramfs.cpio.gz

machine=virt,virtualization=on,highmem=off,gic-version=2
common=(-cpu cortex-a15 -m 1G -smp "${SMP:-1}" -nographic -nic none)
mapfile -t loaders < <("$here/qemu_xen_dtb.sh" "$work/xen.dtb" "$kernel" "$initrd" \
  "console=dtuart dom0_mem=256M" "console=hvc0 earlycon=xen earlyprintk=xen" \
  "$machine" "${common[@]}")

now() { date +%s%N; }
t0=$(now)
t_marker=
status=0
rm -f "$log.tmp"
# Read the console as it comes, to time the marker; QEMU's exit ends the loop.
while IFS= read -r line; do
  printf '%s\n' "$line" >>"$log.tmp"
  if [ -z "$t_marker" ] && [ "${line//$'\r'/}" = "$marker" ]; then t_marker=$(now); fi
done < <(rc=0; timeout "$timeout_s" "$qemu" -M "$machine" "${common[@]}" \
  -kernel "$xen" -dtb "$work/xen.dtb" \
  -device "${loaders[0]}" -device "${loaders[1]}" </dev/null 2>&1 || rc=$?; echo "qemu-exit: $rc")
t1=$(now)
mv "$log.tmp" "$log"

qrc=$(sed -n 's/^qemu-exit: //p' "$log" | tail -1)
ms() { echo $((($1 - t0) / 1000000)); }
if [ -n "$t_marker" ]; then
  echo "xen+dom0: marker after $(ms "$t_marker") ms"
else
  echo "xen+dom0: no marker '$marker' in the console"
  status=1
fi
echo "xen+dom0: qemu exited ($qrc) after $(ms "$t1") ms"
if ! grep -q 'Hardware Dom0 halted' "$log"; then
  echo "xen+dom0: Xen did not report 'Hardware Dom0 halted'"
  status=1
fi
[ "$qrc" = 0 ] || status=1
if [ $status -ne 0 ]; then
  echo "--- last 30 lines of $log:"
  tail -30 "$log"
fi
echo "console log: $log"
exit $status
