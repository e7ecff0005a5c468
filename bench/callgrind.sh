#!/usr/bin/env bash
# bench/callgrind.sh [BUILD_DIR] [CPU]: host instructions per guest
# instruction of each engine, counted by callgrind (exact and repeatable,
# unlike wall time on a shared machine).
#
# For each benchmark image and engine, hypsim runs under callgrind twice,
# with --max-insns N1 and N2 (defaults 2M and 4M; the loops run longer, so
# both stop inside the loop), and the figure is
#   (Ir(N2) - Ir(N1)) / (guest(N2) - guest(N1))
# where Ir is callgrind's total of host instructions and guest the retired
# instructions --state-report prints: start-up, loading and the report
# cancel out, what remains is the loop. The I-cache model is on (hypsim's
# default); bench_alu_icache also turns the guest's SCTLR.I on, so that
# its fetches go through the model's lines. IMAGES and ENGINES override
# the lists, N1/N2 the budgets, HYPSIM_OPTS adds options.
set -u
build=${1:-build}
cpu=${2:-cortex-a15}
hypsim=$build/hypsim
imgdir=$build/bench/images
n1=${N1:-2000000}
n2=${N2:-4000000}
images=${IMAGES:-bench_alu bench_alu_t32 bench_ldst bench_alu_icache bench_ldst_icache bench_ldst_mmu}
engines=${ENGINES:-step block}
command -v valgrind >/dev/null || { echo "$0: valgrind not found" >&2; exit 2; }
if [ ! -x "$hypsim" ] || [ ! -d "$imgdir" ]; then
  echo "usage: $0 [BUILD_DIR] [CPU]   (build first: cmake --build BUILD_DIR)" >&2
  exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# measure IMAGE ENGINE N: prints "Ir guest"
measure() {
  local img=$1 engine=$2 n=$3 ir guest
  # shellcheck disable=SC2086
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" \
    "$hypsim" run --cpu "$cpu" --kernel "$imgdir/$img.elf" --max-insns "$n" \
    --engine "$engine" --state-report ${HYPSIM_OPTS:-} >"$tmp/out" 2>"$tmp/err"
  ir=$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$tmp/cg")
  [ -n "$ir" ] || ir=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$tmp/cg")
  guest=$(sed -n 's/.*, \([0-9]*\) instructions retired.*/\1/p' "$tmp/out" "$tmp/err" | head -1)
  echo "$ir $guest"
}

printf '%-18s %-6s %14s %12s\n' image engine host/guest guest_delta
for img in $images; do
  for engine in $engines; do
    read -r ir1 g1 < <(measure "$img" "$engine" "$n1")
    read -r ir2 g2 < <(measure "$img" "$engine" "$n2")
    if [ -z "$ir1" ] || [ -z "$ir2" ] || [ -z "$g1" ] || [ -z "$g2" ] ||
       [ "$g2" -le "$g1" ]; then
      printf '%-18s %-6s %14s\n' "$img" "$engine" "failed"
      continue
    fi
    ratio=$(echo "scale=1; ($ir2 - $ir1) / ($g2 - $g1)" | bc)
    printf '%-18s %-6s %14s %12s\n' "$img" "$engine" "$ratio" "$((g2 - g1))"
  done
done
