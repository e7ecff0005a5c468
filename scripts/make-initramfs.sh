#!/usr/bin/env bash
# scripts/make-initramfs.sh OUT [MARKER]: write OUT, a gzip'd cpio (newc)
# initramfs for the Linux boot tests: a static ARM busybox and an /init that
# mounts devtmpfs, proc and sysfs, prints one line "MARKER" (default
# HYPSIM-INIT-OK) on the console, and powers the machine off
# ("poweroff -f": the reboot system call, PSCI SYSTEM_OFF on the virt
# board), so that the simulator or QEMU exits by itself once Linux has
# reached user space.
#
# The busybox is $BUSYBOX, or the one scripts/fetch-images.sh caches
# (fetched if missing). The bytes depend only on busybox and MARKER: entries
# are sorted, owned by 0:0 with fixed modes and mtimes, inode numbers
# renumbered (cpio --reproducible), and gzip -n stores no name or time. So
# two builds are identical, and a test can compare a rebuilt file.
# Needs GNU cpio (Debian package cpio). No root needed: /dev holds no
# device node, /init mounts devtmpfs before it opens the console.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 OUT [MARKER]" >&2
  exit 2
fi
out=$1
marker=${2:-HYPSIM-INIT-OK}
case $marker in
  *[!A-Za-z0-9_.:=+-]*)
    echo "make-initramfs: MARKER may hold only letters, digits and _.:=+-" >&2
    exit 2 ;;
esac
command -v cpio >/dev/null || { echo "make-initramfs: cpio not found (apt-get install cpio)" >&2; exit 1; }

busybox=${BUSYBOX:-}
if [ -z "$busybox" ]; then
  here=$(cd "$(dirname "$0")" && pwd)
  busybox=$("$here/fetch-images.sh" --print-dir)/busybox
fi
[ -s "$busybox" ] || { echo "make-initramfs: no busybox at $busybox" >&2; exit 1; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/dev" "$stage/proc" "$stage/sys"
cp "$busybox" "$stage/bin/busybox"
ln -s busybox "$stage/bin/sh"
# The kernel starts /init with no open files when the initramfs has no
# /dev/console: mount devtmpfs first, then take the console as stdio.
cat >"$stage/init" <<EOF
#!/bin/busybox sh
/bin/busybox mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sysfs /sys
echo "hypsim-init: cpus online \$(/bin/busybox cat /sys/devices/system/cpu/online)"
echo "$marker"
/bin/busybox poweroff -f
# poweroff returned: say so rather than leaving "attempted to kill init"
echo "hypsim-init: poweroff failed"
while :; do /bin/busybox sleep 1000; done
EOF

chmod 0755 "$stage" "$stage/bin" "$stage/dev" "$stage/proc" "$stage/sys" \
  "$stage/bin/busybox" "$stage/init"
find "$stage" -exec touch -h -d @0 {} +
tmp=$out.tmp.$$
(cd "$stage" && find . -mindepth 1 -printf '%P\n' | LC_ALL=C sort |
  cpio --quiet -o -H newc -R 0:0 --reproducible) | gzip -9 -n >"$tmp"
mv "$tmp" "$out"
