#!/usr/bin/env bash
# bench/linux_boot.sh [BUILD_DIR] [CPU-ARGS...]: Linux boot time, hypsim
# against qemu-system-arm, in this one run. Both boot Debian 12's Linux 6.1
# armmp-lpae (scripts/fetch-images.sh) with the busybox initramfs of
# scripts/make-initramfs.sh on the virt board, entered in Hyp mode, with the
# same command line; the time is wall-clock from the start of the process to
# the marker line of /init on the console (user space reached) and to the
# process's exit (the power-off that follows).
#
# ROUNDS (default 3) rounds, each one hypsim boot then one QEMU boot, so
# that a drift in the machine's speed touches both; the MEDIAN of each is
# printed, and the ratio hypsim/QEMU (above 1: hypsim is slower). A boot
# that does not reach the marker is reported and makes the exit status 1.
# hypsim's retired instruction count (--state-report, all cores) gives its
# MIPS over the whole run.
#
# CPU-ARGS (default --cpu cortex-a15) are hypsim's; --cpu MODEL and
# --smp N are passed on to QEMU as -cpu/-smp (QEMU has no mixed clusters).
# QEMU runs with TCG, one thread per vCPU as it does by default.
# HYPSIM_OPTS adds options to hypsim's command line.
# XEN=1 boots Xen 4.17 with that Linux as dom0 and the initramfs as its
# ramdisk instead: hypsim with --module; QEMU with its own DTB dumped and
# given the /chosen/module nodes (dtc), the modules placed by
# `-device loader` (tests/linux/qemu_xen_dtb.sh).
set -u
build=${1:-build}
shift $(($# > 0 ? 1 : 0))
[ $# -gt 0 ] || set -- --cpu cortex-a15
cpu_args=("$@")
rounds=${ROUNDS:-3}
hypsim=$build/hypsim
qemu=${QEMU:-qemu-system-arm}
root=$(cd "$(dirname "$0")/.." && pwd)
marker=HYPSIM-INIT-OK
append="console=ttyAMA0 earlycon"

if [ ! -x "$hypsim" ]; then
  echo "usage: $0 [BUILD_DIR] [CPU-ARGS...]   (build first: cmake --build BUILD_DIR)" >&2
  exit 2
fi
command -v "$qemu" >/dev/null || { echo "$0: $qemu not found" >&2; exit 2; }

qcpu=cortex-a15 qsmp=1
for ((i = 0; i < ${#cpu_args[@]}; i++)); do
  case ${cpu_args[i]} in
    --cpu) qcpu=${cpu_args[i + 1]:-$qcpu} ;;
    --cpu=*) qcpu=${cpu_args[i]#*=} ;;
    --smp) qsmp=${cpu_args[i + 1]:-1} ;;
    --smp=*) qsmp=${cpu_args[i]#*=} ;;
    --cpus | --cpus=*) echo "$0: --cpus has no QEMU equivalent; use --cpu and --smp" >&2; exit 2 ;;
  esac
done

images=$("$root/scripts/fetch-images.sh" --print-dir) || exit 1
kernel=$images/vmlinuz-6.1-armmp-lpae
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
BUSYBOX=$images/busybox "$root/scripts/make-initramfs.sh" "$dir/initramfs.cpio.gz" "$marker" || exit 1
initrd=$dir/initramfs.cpio.gz

xen=${XEN:-0}
mem=512M qmem=512
hboot=(--kernel "$kernel" --initrd "$initrd" --append "$append")
qboot=(-kernel "$kernel" -initrd "$initrd" -append "$append")
if [ "$xen" = 1 ]; then
  command -v dtc >/dev/null || { echo "$0: XEN=1 needs dtc" >&2; exit 2; }
  mem=1G qmem=1G
  xenimg=$images/xen-4.17-armhf
  xargs="console=dtuart dom0_mem=256M"
  dargs="console=hvc0 earlycon=xen earlyprintk=xen"
  hboot=(--kernel "$xenimg" --append "$xargs" --module "$kernel"
    --module-args "$dargs" --module "$initrd")
  mapfile -t loaders < <("$root/tests/linux/qemu_xen_dtb.sh" "$dir/xen.dtb" \
    "$kernel" "$initrd" "$xargs" "$dargs" \
    virt,virtualization=on,highmem=off,gic-version=2 \
    -cpu "$qcpu" -smp "$qsmp" -m "$qmem" -nographic -nic none)
  qboot=(-kernel "$xenimg" -dtb "$dir/xen.dtb"
    -device "${loaders[0]}" -device "${loaders[1]}")
fi

now() { date +%s%N; }

# boot NAME CMD...: run CMD, reading its console as it comes; prints
# "MARKER_NS EXIT_NS EXIT_CODE" (MARKER_NS 0: no marker); stderr in
# $dir/NAME.err, the console in $dir/NAME.out
boot() {
  local name=$1 t0 tm=0 line rc
  shift
  : >"$dir/$name.out"
  t0=$(now)
  while IFS= read -r line; do
    printf '%s\n' "$line" >>"$dir/$name.out"
    if [ "$tm" = 0 ] && [ "${line//$'\r'/}" = "$marker" ]; then tm=$(now); fi
  done < <(rc=0; timeout 900 "$@" 2>"$dir/$name.err" </dev/null || rc=$?
           echo "bench-exit: $rc")
  rc=$(sed -n 's/^bench-exit: //p' "$dir/$name.out" | tail -1)
  echo "$([ "$tm" = 0 ] && echo 0 || echo $((tm - t0))) $(($(now) - t0)) $rc"
}

# median of the numbers on stdin
median() {
  sort -n | awk '{ v[NR] = $1 } END {
    if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2];
    else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

status=0
: >"$dir/h.times"
: >"$dir/q.times"
for ((r = 1; r <= rounds; r++)); do
  # shellcheck disable=SC2086
  read -r hm he hrc < <(boot h "$hypsim" run --board virt "${cpu_args[@]}" \
    --entry hyp --mem "$mem" "${hboot[@]}" --state-report ${HYPSIM_OPTS:-})
  read -r qm qe qrc < <(boot q "$qemu" -M virt,virtualization=on,highmem=off,gic-version=2 \
    -cpu "$qcpu" -smp "$qsmp" -m "$qmem" -nographic -nic none "${qboot[@]}")
  printf 'round %d: hypsim marker %.3f s exit %.3f s (%s)   qemu marker %.3f s exit %.3f s (%s)\n' \
    "$r" "$(awk -v n="$hm" 'BEGIN{print n/1e9}')" "$(awk -v n="$he" 'BEGIN{print n/1e9}')" "$hrc" \
    "$(awk -v n="$qm" 'BEGIN{print n/1e9}')" "$(awk -v n="$qe" 'BEGIN{print n/1e9}')" "$qrc"
  if [ "$hm" = 0 ]; then
    echo "hypsim did not reach the marker (exit $hrc); console tail:"
    tail -5 "$dir/h.out"; tail -5 "$dir/h.err"
    status=1
    break
  fi
  if [ "$qm" = 0 ]; then
    echo "QEMU did not reach the marker (exit $qrc); console tail:"
    tail -5 "$dir/q.out"
    status=1
    break
  fi
  echo "$hm $he" >>"$dir/h.times"
  echo "$qm $qe" >>"$dir/q.times"
done
[ -s "$dir/h.times" ] || exit $status

hm=$(cut -d' ' -f1 "$dir/h.times" | median)
he=$(cut -d' ' -f2 "$dir/h.times" | median)
qm=$(cut -d' ' -f1 "$dir/q.times" | median)
qe=$(cut -d' ' -f2 "$dir/q.times" | median)
# retired instructions of the last hypsim boot, summed over its cores
insns=$(sed -n 's/.* \([0-9][0-9]*\) instructions retired.*/\1/p' "$dir/h.err" |
  awk '{ s += $1 } END { print s + 0 }')
printf "%-8s %12s %10s %11s %9s\n" sim to_marker_s to_exit_s insns MIPS
awk -v m="$hm" -v e="$he" -v n="$insns" 'BEGIN {
  printf "%-8s %12.3f %10.3f %10.0f %9s\n", "hypsim", m / 1e9, e / 1e9, n,
    (n > 0) ? sprintf("%.1f", n / (e / 1e9) / 1e6) : "n/a" }'
awk -v m="$qm" -v e="$qe" 'BEGIN {
  printf "%-8s %12.3f %10.3f %10s %9s\n", "qemu", m / 1e9, e / 1e9, "-", "-" }'
awk -v h="$hm" -v q="$qm" -v r="$rounds" -v c="${cpu_args[*]}" 'BEGIN {
  printf "ratio hypsim/qemu to the marker: %.2f (median of %d rounds; %s)\n", h / q, r, c }'
[ "$xen" = 1 ] && echo "(Xen 4.17 with Linux as dom0)"
exit $status
