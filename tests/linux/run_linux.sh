#!/usr/bin/env bash
# tests/linux/run_linux.sh [--twice] [--xen [--xen-args S] [--xen-cpus N]]
#                          HYPSIM IMAGES_DIR CPU-ARGS...
#
# Boots Debian's Linux 6.1 (armmp-lpae) with a busybox initramfs on hypsim's
# virt board, entered in Hyp mode as a boot loader would, and checks that it
# reached user space and powered off:
#   - hypsim exits 0 (the guest's PSCI SYSTEM_OFF; 4 would be the
#     instruction budget, 3 a hang);
#   - the console shows "CPU: All CPU(s) started in HYP mode." (every core
#     entered the kernel in Hyp mode: KVM's precondition) and the marker
#     line of the initramfs's /init;
#   - with N > 1 cores (--smp N or --cpus ...xA,...xB in CPU-ARGS) the kernel
#     brought all N up ("smp: Brought up 1 node, N CPUs") and /init saw
#     cpus 0-(N-1) online;
#   - no "Kernel panic", no Oops ("Internal error:"), no "BUG:".
# --xen boots Debian's Xen 4.17 instead, with the same kernel as dom0 and
# the same initramfs as its ramdisk, given as multiboot modules
# (--module): dom0 must say "Xen 4.17 support found" and print the marker,
# and Xen must halt the machine when dom0 powers off ("Hardware Dom0
# halted"); --xen-args adds to Xen's command line, --xen-cpus N requires
# "(XEN) Brought up N CPUs" (Xen brings up only the cores like the boot
# core unless hmp-unsafe=true).
# --twice boots twice and also requires byte-identical console output
# (stdout) and an identical --state-report (stderr: each core's retired
# instruction count, mode and PC): the machine is deterministic.
#
# IMAGES_DIR may be empty: the images then come from scripts/fetch-images.sh
# (its cache, downloaded on first use). A download that is impossible makes
# the test FAIL (exit 1) with the reason, it is not skipped. On failure the
# tail of the console is printed.
#
# Environment: LINUX_MAX_INSNS (default 3G + 3G a core) the instruction budget,
# LINUX_TIMEOUT (default 540 s) a wall-clock bound below ctest's,
# LINUX_WORK (default a temporary directory) where the initramfs is built
# and reused and the console logs are kept.
set -uo pipefail

twice=0
xen=0
xen_args=
xen_cpus=
while [ $# -gt 0 ]; do
  case $1 in
    --twice) twice=1; shift ;;
    --xen) xen=1; shift ;;
    --xen-args) xen_args=$2; shift 2 ;;
    --xen-cpus) xen_cpus=$2; shift 2 ;;
    *) break ;;
  esac
done
if [ $# -lt 2 ]; then
  echo "usage: $0 [--twice] HYPSIM IMAGES_DIR CPU-ARGS..." >&2
  exit 2
fi
hypsim=$1
images=$2
shift 2
cpu_args=("$@")

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
marker=HYPSIM-INIT-OK
timeout_s=${LINUX_TIMEOUT:-540}

fail() { echo "FAIL: $*"; exit 1; }

[ -x "$hypsim" ] || fail "no hypsim executable at '$hypsim'"
if [ -z "$images" ]; then
  if ! images=$("$root/scripts/fetch-images.sh" --print-dir); then
    fail "the Linux images could not be fetched (scripts/fetch-images.sh above says why); this test needs them once, with network access, then runs from the cache"
  fi
fi
kernel=$images/vmlinuz-6.1-armmp-lpae
[ -s "$kernel" ] || fail "no kernel at $kernel (run scripts/fetch-images.sh)"
[ -s "$images/busybox" ] || fail "no busybox at $images/busybox (run scripts/fetch-images.sh)"
xen_image=$images/xen-4.17-armhf
if [ $xen -eq 1 ] && [ ! -s "$xen_image" ]; then
  fail "no Xen at $xen_image (run scripts/fetch-images.sh)"
fi

if [ -n "${LINUX_WORK:-}" ]; then
  work=$LINUX_WORK
  mkdir -p "$work" || fail "cannot create $work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
# Reused while newer than its inputs (make-initramfs.sh writes it by an
# atomic rename, so tests running in parallel may share it).
initrd=$work/initramfs.cpio.gz
if [ ! -s "$initrd" ] || [ "$initrd" -ot "$images/busybox" ] ||
   [ "$initrd" -ot "$root/scripts/make-initramfs.sh" ]; then
  BUSYBOX=$images/busybox "$root/scripts/make-initramfs.sh" "$initrd" "$marker" ||
    fail "could not build the initramfs"
fi

# The number of cores CPU-ARGS asks for: --smp N, or the sum of the xN
# counts of --cpus MODELxN,... (a model without xN is one core).
ncpus=1
for ((i = 0; i < ${#cpu_args[@]}; i++)); do
  a=${cpu_args[i]}
  v=
  case $a in
    --smp=* | --cpus=*) v=${a#*=}; a=${a%%=*} ;;
    --smp | --cpus) v=${cpu_args[i + 1]:-} ;;
  esac
  case $a in
    --smp) ncpus=$v ;;
    --cpus)
      ncpus=0
      IFS=, read -ra parts <<<"$v"
      for p in "${parts[@]}"; do
        n=1
        [[ $p =~ x([0-9]+)$ ]] && n=${BASH_REMATCH[1]}
        ncpus=$((ncpus + n))
      done ;;
  esac
done

# hypsim's --max-insns counts all cores: a one-core boot retires 3.42 G
# instructions here (2.06 G of them in the zImage's decompressor), a
# two-core one 3.43 G (a waiting core retires nothing); 3 G plus 3 G a
# core leaves room without letting a hang run for long.
max_insns=${LINUX_MAX_INSNS:-$((3 + 3 * ncpus))G}

# boot TAG: one boot; console in $work/TAG.out, hypsim's stderr in
# $work/TAG.err; fails the test unless every check passes
boot() {
  local tag=$1 out=$work/$1.out err=$work/$1.err rc t0 t1
  local cmd=("$hypsim" run --board virt "${cpu_args[@]}" --entry hyp --mem 512M
    --kernel "$kernel" --initrd "$initrd"
    --append "console=ttyAMA0 earlycon" --max-insns "$max_insns" --state-report)
  if [ $xen -eq 1 ]; then
    cmd=("$hypsim" run --board virt "${cpu_args[@]}" --entry hyp --mem 1G
      --kernel "$xen_image"
      --append "console=dtuart dom0_mem=256M${xen_args:+ $xen_args}"
      --module "$kernel"
      --module-args "console=hvc0 earlycon=xen earlyprintk=xen"
      --module "$initrd" --max-insns "$max_insns" --state-report)
  fi
  echo "run: ${cmd[*]}"
  t0=$(date +%s%N)
  timeout "$timeout_s" "${cmd[@]}" >"$out" 2>"$err" </dev/null
  rc=$?
  t1=$(date +%s%N)
  echo "$tag: exit $rc after $(((t1 - t0) / 1000000)) ms"
  local why=
  if [ $rc -eq 124 ]; then
    why="no power-off within ${timeout_s} s (wall clock)"
  elif [ $rc -ne 0 ]; then
    why="hypsim exited $rc, not 0 (PSCI SYSTEM_OFF)"
  fi
  # The console has CR LF line ends; tr them away before matching.
  local con
  con=$(tr -d '\r' <"$out")
  if [ $xen -eq 1 ]; then
    if [ -z "$why" ] && ! grep -qF 'Xen 4.17 support found' <<<"$con"; then
      why="dom0 did not say 'Xen 4.17 support found'"
    fi
    if [ -z "$why" ] && ! grep -qF '(XEN) Hardware Dom0 halted: halting machine' <<<"$con"; then
      why="Xen did not halt the machine after dom0's power-off"
    fi
    if [ -z "$why" ] && [ -n "$xen_cpus" ] &&
       ! grep -qF "(XEN) Brought up $xen_cpus CPUs" <<<"$con"; then
      why="Xen did not bring up $xen_cpus CPUs: $(grep -m1 -F '(XEN) Brought up' <<<"$con")"
    fi
  elif [ -z "$why" ] && ! grep -qF 'CPU: All CPU(s) started in HYP mode.' <<<"$con"; then
    why="no 'CPU: All CPU(s) started in HYP mode.' on the console"
  fi
  if [ -z "$why" ] && ! grep -qx "$marker" <<<"$con"; then
    why="no marker line '$marker' from /init on the console"
  fi
  if [ -z "$why" ] && [ "$ncpus" -gt 1 ] && [ $xen -eq 0 ]; then
    if ! grep -qF "smp: Brought up 1 node, $ncpus CPUs" <<<"$con"; then
      why="the kernel did not bring up all $ncpus CPUs"
    elif ! grep -qx "hypsim-init: cpus online 0-$((ncpus - 1))" <<<"$con"; then
      why="/init did not see cpus 0-$((ncpus - 1)) online"
    fi
  fi
  local bad
  bad=$(grep -m1 -E 'Kernel panic|Internal error:|BUG:' <<<"$con")
  if [ -n "$bad" ]; then why="${why:+$why; }the console shows: $bad"; fi
  if [ -n "$why" ]; then
    echo "--- last 40 lines of the console ($out):"
    tail -40 "$out"
    echo "--- hypsim's stderr ($err):"
    tail -20 "$err"
    fail "$tag: $why"
  fi
  grep -E 'instructions retired' "$err" | sed "s/^/$tag: /"
}

boot boot1
if [ $twice -eq 1 ]; then
  boot boot2
  if ! cmp -s "$work/boot1.out" "$work/boot2.out"; then
    diff "$work/boot1.out" "$work/boot2.out" | head -20
    fail "two boots printed different console output"
  fi
  if ! grep -q 'instructions retired' "$work/boot1.err"; then
    fail "--state-report printed no retired-instruction count to compare"
  fi
  if ! cmp -s "$work/boot1.err" "$work/boot2.err"; then
    diff "$work/boot1.err" "$work/boot2.err" | head -20
    fail "two boots ended in different states (--state-report differs)"
  fi
  echo "determinism: console and final state identical"
fi
echo PASS
