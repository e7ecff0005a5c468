#!/usr/bin/env bash
# run_diff.sh HYPSIM IMAGE_DIR [NAME...]
#
# Differential test of the test images against QEMU: each IMAGE_DIR/NAME.elf
# (all of them when no NAME is given) runs in hypsim and in qemu-system-arm
# on Cortex-A15 and Cortex-A7; the semihosting outputs are compared line by
# line and the exit codes must be equal (linecmp.py). A line may differ only
# where tests/diff/line-excuses.txt excuses it, with the reason (the manual's
# rule QEMU 7.2 does not follow); an excuse that no longer excuses anything
# fails too. Images listed in tests/diff/exclude.txt (one "NAME[:CPU]
# reason" a line) cannot run on QEMU at all and are skipped with their
# reason. Without qemu-system-arm the test fails, saying how to install it.
#
# The entry state an image asks for on its `@ hypsim-run:` line is given to
# both: --entry hyp is QEMU's virt,virtualization=on (starts in HYP),
# --entry secure-svc is virt,secure=on; other options go to hypsim only.
# tests/diff/machines.txt ("NAME MACHINE [OPTIONS]") names the QEMU
# machine, and hypsim options (qemu:OPT for QEMU's), of images that need
# them.
set -u
if [ $# -lt 2 ]; then
  echo "usage: $0 HYPSIM IMAGE_DIR [NAME...]" >&2
  exit 2
fi
hypsim=$1 image_dir=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
src_images=$(cd "$here/../images" && pwd)
exclude=$here/exclude.txt
excuses=$here/line-excuses.txt
machines=$here/machines.txt
qemu=${QEMU:-qemu-system-arm}
timeout_s=${DIFF_TIMEOUT:-60}
cpus=${DIFF_CPUS:-"cortex-a15 cortex-a7"}
python=${PYTHON:-python3}

"$here/need_qemu.sh" "$qemu" || exit 1

if [ $# -eq 0 ]; then
  set -- $(cd "$image_dir" && ls *.elf 2>/dev/null | sed 's/\.elf$//')
fi

# reason NAME CPU: the exclusion reason, empty when the image is compared
reason() {
  [ -f "$exclude" ] || return 0
  awk -v n="$1" -v c="$1:$2" '
    /^[ \t]*(#|$)/ { next }
    $1 == n || $1 == c { $1 = ""; sub(/^ +/, ""); print; exit }' "$exclude"
}

# run options from the image's source: `@ hypsim-run: OPTIONS`
run_opts() {
  local f
  for f in "$src_images/$1.S" "$src_images/$1.c"; do
    if [ -f "$f" ]; then
      sed -n 's/.*hypsim-run:[ \t]*//p' "$f" | head -1
      return
    fi
  done
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 pass=0 skip=0
for name in "$@"; do
  img=$image_dir/$name.elf
  if [ ! -f "$img" ]; then
    echo "FAIL $name: $img not found"
    fail=$((fail + 1))
    continue
  fi
  opts=$(run_opts "$name")
  machine=virt
  case " $opts " in
    *" --entry hyp "*) machine=virt,virtualization=on ;;
    *" --entry secure-svc "*) machine=virt,secure=on ;;
  esac
  # machines.txt: "NAME MACHINE" for images that need QEMU's EL2/EL3 on
  # although hypsim runs them from its default entry (they say so in
  # their header comment)
  if [ -f "$machines" ]; then
    m=$(awk -v n="$name" '!/^[ \t]*(#|$)/ && $1 == n { print $2; exit }' "$machines")
    [ -n "$m" ] && machine=$m
    opts="$opts $(awk -v n="$name" '!/^[ \t]*(#|$)/ && $1 == n { $1 = ""; $2 = ""; print; exit }' "$machines")"
  fi
  # options written qemu:OPT are QEMU's (for example qemu:-icount
  # qemu:shift=0), the others hypsim's
  hopts='' qopts=''
  for o in $opts; do
    case $o in
      qemu:*) qopts="$qopts ${o#qemu:}" ;;
      *) hopts="$hopts $o" ;;
    esac
  done
  for cpu in $cpus; do
    why=$(reason "$name" "$cpu")
    if [ -n "$why" ]; then
      echo "SKIP $name on $cpu: $why"
      skip=$((skip + 1))
      continue
    fi
    # shellcheck disable=SC2086
    timeout "$timeout_s" "$hypsim" run --cpu "$cpu" --kernel "$img" \
      --max-insns 50000000 $hopts >"$tmp/h" 2>"$tmp/herr"
    hrc=$?
    # QEMU prints the semihosting console on stderr when nothing else is
    # on stdio: both streams are its output
    # shellcheck disable=SC2086
    timeout "$timeout_s" "$qemu" -M "$machine" -cpu "$cpu" -nographic -semihosting \
      -nodefaults -monitor none -serial none $qopts -kernel "$img" >"$tmp/q" 2>&1 </dev/null
    qrc=$?
    if [ -n "${DIFF_KEEP:-}" ]; then
      mkdir -p "$DIFF_KEEP"
      cp "$tmp/q" "$DIFF_KEEP/$name.$cpu.qemu"
      cp "$tmp/h" "$DIFF_KEEP/$name.$cpu.hypsim"
    fi
    if "$python" "$here/linecmp.py" "$excuses" "$name" "$cpu" \
         "$tmp/q" "$qrc" "$tmp/h" "$hrc"; then
      pass=$((pass + 1))
    else
      if [ -s "$tmp/herr" ]; then
        echo "hypsim stderr:"
        head -20 "$tmp/herr"
      fi
      fail=$((fail + 1))
    fi
  done
done
echo "run_diff: $pass equal (but for excused lines), $fail different, $skip excluded"
[ $fail -eq 0 ]
