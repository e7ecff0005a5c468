#!/usr/bin/env bash
# bench/run.sh [BUILD_DIR] [CPU]: run each benchmark image of
# BUILD_DIR/bench/images in hypsim and in qemu-system-arm, in this one run,
# and print the MIPS of both and their ratio.
#
# The instruction count comes from the loop's construction (the image
# prints insns=<hex>, computed from the same constants as the loop); the
# time is wall-clock, the best of REPEAT runs (default 2), minus the best
# time of the image's ITERS=0 variant (NAME_base.elf: loading, start-up,
# exit). QEMU runs NAME_long.elf, 20 times the iterations, so that its
# loop takes long enough to be measured above its start-up noise (qemu_s is
# that run's time). hypsim runs with its defaults (I-cache model on);
# HYPSIM_OPTS adds options, e.g. HYPSIM_OPTS="--icache-model off". QEMU
# runs with TCG as the differential tests do. hypsim's retired-instruction count
# (--state-report) is checked against the constructed count.
#
# Per-image options come from the image's source, bench/images/NAME.S:
#   @ bench-hypsim: OPTIONS          added to hypsim's command line
#   @ bench-qemu-machine: MACHINE    QEMU's -M (default virt)
# (the *_s2 images start in Hyp mode: --entry hyp, virt,virtualization=on).
# After the table, the MMU-on figures are printed as a fraction of the
# MMU-off loop they run (NAME_mmu and NAME_s2 against NAME).
set -u
build=${1:-build}
cpu=${2:-cortex-a15}
repeat=${REPEAT:-2}
hypsim=$build/hypsim
imgdir=$build/bench/images
srcdir=$(cd "$(dirname "$0")" && pwd)/images
qemu=${QEMU:-qemu-system-arm}
if [ ! -x "$hypsim" ] || [ ! -d "$imgdir" ]; then
  echo "usage: $0 [BUILD_DIR] [CPU]   (build first: cmake --build BUILD_DIR)" >&2
  exit 2
fi
command -v "$qemu" >/dev/null || { echo "$0: $qemu not found" >&2; exit 2; }

now() { date +%s%N; }

# best_time SIM IMAGE: best wall time in ns over $repeat runs; output of
# the last run in $out
out=$(mktemp)
trap 'rm -f "$out"' EXIT
best_time() {
  local sim=$1 img=$2 best=0 t0 t1 i
  for ((i = 0; i < repeat; i++)); do
    t0=$(now)
    if [ "$sim" = hypsim ]; then
      # shellcheck disable=SC2086
      "$hypsim" run --cpu "$cpu" --kernel "$img" $img_hopts ${HYPSIM_OPTS:-} >"$out" 2>&1
    else
      "$qemu" -M "$img_qmach" -cpu "$cpu" -nographic -semihosting -nodefaults \
        -monitor none -serial none -kernel "$img" >"$out" 2>&1 </dev/null
    fi
    t1=$(now)
    if [ $best -eq 0 ] || [ $((t1 - t0)) -lt $best ]; then best=$((t1 - t0)); fi
  done
  echo $best
}

# retired IMAGE: instructions hypsim retired
retired() {
  # shellcheck disable=SC2086
  "$hypsim" run --cpu "$cpu" --kernel "$1" --state-report $img_hopts ${HYPSIM_OPTS:-} 2>&1 |
    sed -n 's/.* \([0-9][0-9]*\) instructions retired.*/\1/p' | head -1
}

printf '%-16s %12s %9s %9s %9s %9s %8s\n' benchmark hyp_insns hypsim_s hyp_MIPS \
  qemu_s qemu_MIPS ratio
status=0
declare -A mips
for img in "$imgdir"/*.elf; do
  name=$(basename "$img" .elf)
  case $name in *_base | *_long) continue ;; esac
  src=$srcdir/$name.S
  img_hopts= img_qmach=virt
  if [ -f "$src" ]; then
    img_hopts=$(sed -n 's/^@ bench-hypsim: //p' "$src" | head -1)
    m=$(sed -n 's/^@ bench-qemu-machine: //p' "$src" | head -1)
    [ -n "$m" ] && img_qmach=$m
  fi
  base=$imgdir/${name}_base.elf
  th=$(best_time hypsim "$img")
  hex=$(sed -n 's/^insns=\([0-9a-f]*\)$/\1/p' "$out")
  if [ -z "$hex" ]; then
    echo "$name: hypsim did not print insns=: $(head -c 300 "$out")"
    status=1
    continue
  fi
  insns=$((16#$hex))
  thb=$(best_time hypsim "$base")
  # QEMU runs the long variant (20x the iterations) when there is one
  qimg=$imgdir/${name}_long.elf
  [ -f "$qimg" ] || qimg=$img
  tq=$(best_time qemu "$qimg")
  qhex=$(sed -n 's/^insns=\([0-9a-f]*\)$/\1/p' "$out")
  if [ -z "$qhex" ]; then
    echo "$name: QEMU did not print insns=: $(head -c 300 "$out")"
    status=1
    continue
  fi
  qinsns=$((16#$qhex))
  tqb=$(best_time qemu "$base")
  n_full=$(retired "$img")
  n_base=$(retired "$base")
  if [ -n "$n_full" ] && [ -n "$n_base" ] && [ $((n_full - n_base)) -ne "$insns" ]; then
    echo "$name: hypsim retired $((n_full - n_base)) loop instructions, the construction says $insns"
    status=1
  fi
  line=$(awk -v n="$name" -v i="$insns" -v qi="$qinsns" -v th="$th" -v thb="$thb" \
      -v tq="$tq" -v tqb="$tqb" 'BEGIN {
    h = (th - thb) / 1e9; q = (tq - tqb) / 1e9
    hm = h > 0 ? i / h / 1e6 : 0; qm = q > 0 ? qi / q / 1e6 : 0
    printf "%-16s %12d %9.3f %9.1f %9.3f %9.1f %8s\n", n, i, h, hm, q, qm,
      (qm > 0 && hm > 0) ? sprintf("%.3f", hm / qm) : "n/a" }')
  echo "$line"
  mips[$name]=$(echo "$line" | awk '{print $4}')
done
echo "(cpu $cpu; times are wall-clock minus the start-up of the ITERS=0 image;" \
  "ratio = hypsim MIPS / QEMU MIPS)"
# MMU on against MMU off: hypsim MIPS of NAME_mmu (stage 1) and NAME_s2
# (stage 1 + stage 2) over NAME's (the issue's target: >= 0.80)
pairs=$(for name in "${!mips[@]}"; do
  case $name in *_mmu | *_s2) ;; *) continue ;; esac
  off=${name%_*}
  [ -n "${mips[$off]:-}" ] || continue
  awk -v a="$name" -v b="$off" -v x="${mips[$name]}" -v y="${mips[$off]}" 'BEGIN {
    printf "%-16s %-16s %9.1f %9.1f %8s\n", a, b, x, y,
      (y > 0) ? sprintf("%.3f", x / y) : "n/a" }'
done | sort)
if [ -n "$pairs" ]; then
  printf '%-16s %-16s %9s %9s %8s\n' mmu_on mmu_off on_MIPS off_MIPS on/off
  echo "$pairs"
fi
exit $status
