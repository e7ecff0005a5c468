#!/usr/bin/env bash
# tests/linux/qemu_xen_dtb.sh OUT.dtb KERNEL INITRD XEN_ARGS DOM0_ARGS QEMU-ARGS...
# What QEMU needs to boot Xen with a dom0, which hypsim does with --module:
# QEMU's own DTB for the machine QEMU-ARGS describe (-M ...,dumpdtb=),
# given Xen's command lines and the /chosen/module nodes of the dom0
# kernel (at 0x50000000) and its ramdisk (at 0x52000000) with dtc (Xen's
# docs/misc/arm/device-tree/booting.txt). Prints the two -device loader
# arguments that put the modules there, one per line.
set -euo pipefail
out=$1 kernel=$2 initrd=$3 xargs=$4 dargs=$5
shift 5
qemu=${QEMU:-qemu-system-arm}
kaddr=0x50000000
raddr=0x52000000
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
machine=$1
shift
"$qemu" -M "$machine,dumpdtb=$tmp/virt.dtb" "$@" >/dev/null 2>&1
dtc -q -I dtb -O dts -o "$tmp/virt.dts" "$tmp/virt.dtb"
# A second root node in the same source is merged into the first by dtc.
cat >>"$tmp/virt.dts" <<DTS
/ {
	chosen {
		#address-cells = <1>;
		#size-cells = <1>;
		xen,xen-bootargs = "$xargs";
		xen,dom0-bootargs = "$dargs";
		module@${kaddr#0x} {
			compatible = "multiboot,kernel", "multiboot,module";
			reg = <$kaddr $(printf '0x%x' "$(stat -c %s "$kernel")")>;
		};
		module@${raddr#0x} {
			compatible = "multiboot,ramdisk", "multiboot,module";
			reg = <$raddr $(printf '0x%x' "$(stat -c %s "$initrd")")>;
		};
	};
};
DTS
dtc -q -I dts -O dtb -o "$out" "$tmp/virt.dts"
echo "loader,file=$kernel,addr=$kaddr,force-raw=on"
echo "loader,file=$initrd,addr=$raddr,force-raw=on"
