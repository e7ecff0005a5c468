#!/usr/bin/env bash
# run_virt.sh image|diff HYPSIM QEMU IMAGE BASE CPU SMP
#
# image: run IMAGE on hypsim's virt board (Hyp entry, SMP cores of CPU),
#        require its output (stdout: semihosting and the PL011) to equal
#        BASE.expect and its exit code to be 0.
# diff:  run IMAGE on hypsim and on QEMU (virt,virtualization=on: QEMU
#        enters a bare ELF in Hyp mode too) and compare the outputs line by
#        line and the exit codes. A line whose key (the text before its
#        first '=') is listed in BASE.qemu-deviations ("KEY<TAB>reason")
#        is left out of the comparison, with its reason: there QEMU 7.2
#        differs from the specification and hypsim (and BASE.expect)
#        follow the specification.
set -u
mode=$1 hypsim=$2 qemu=$3 image=$4 base=$5 cpu=$6 smp=$7
name=$(basename "$base")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

timeout 60 "$hypsim" run --board virt --entry hyp --cpu "$cpu" --smp "$smp" \
  --kernel "$image" --max-insns 200000000 >"$tmp/h" 2>"$tmp/herr" </dev/null
hrc=$?

if [ "$mode" = image ]; then
  if ! diff -u "$base.expect" "$tmp/h"; then
    echo "FAIL: output of $name on $cpu differs from $name.expect"
    cat "$tmp/herr"
    exit 1
  fi
  if [ $hrc -ne 0 ]; then
    echo "FAIL: $name on $cpu exited with $hrc"
    cat "$tmp/herr"
    exit 1
  fi
  exit 0
fi

# QEMU writes the semihosting console to stderr and the PL011 (serial0 on
# stdio) to stdout: both are the output, in order. (-nodefaults: no
# network card, whose option ROM a minimal QEMU install lacks.)
timeout 60 "$qemu" -M virt,virtualization=on,gic-version=2,highmem=off \
  -cpu "$cpu" -smp "$smp" -m 128M -semihosting -display none -nodefaults \
  -monitor none -serial stdio \
  -kernel "$image" >"$tmp/q" 2>&1 </dev/null
qrc=$?

dev=$base.qemu-deviations
filter() {
  if [ -f "$dev" ]; then
    awk -F'\t' -v dev="$dev" '
      BEGIN { while ((getline l < dev) > 0) {
                if (l ~ /^[ \t]*(#|$)/) continue
                split(l, f, "\t"); skip[f[1]] = 1 } }
      { k = $0; sub(/=.*/, "", k); if (!(k in skip)) print }' "$1"
  else
    cat "$1"
  fi
}
if [ -f "$dev" ]; then
  grep -v '^[ \t]*#' "$dev" | grep -v '^[ \t]*$' | while IFS=$'\t' read -r k why; do
    echo "excused: '$k': $why"
  done
fi
filter "$tmp/q" >"$tmp/qf"
filter "$tmp/h" >"$tmp/hf"
if ! diff -u --label qemu --label hypsim "$tmp/qf" "$tmp/hf"; then
  echo "FAIL: $name on $cpu: QEMU and hypsim print different lines"
  cat "$tmp/herr"
  exit 1
fi
if [ $hrc -ne $qrc ]; then
  echo "FAIL: $name on $cpu: exit code hypsim $hrc, qemu $qrc"
  exit 1
fi
echo "ok: $name on $cpu: $(wc -l <"$tmp/qf") lines equal, exit $hrc"
