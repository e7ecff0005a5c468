#!/usr/bin/env bash
# bench/trace.sh [BUILD_DIR] [CPU]: tracing speed. Runs one benchmark loop
# (bench_alu_base + a short loop: TRACE_ITERS iterations, built by cmake as
# bench_trace.elf) with `hypsim run --trace` and with QEMU's own
# `-d exec,cpu,nochain -singlestep` logging, in this one run; prints the
# traced MIPS of both, the ratio, and the bytes per instruction of each.
# hypsim runs RUNS times (default 5) into the same file, as a user
# re-running a trace does, and its median wall time counts (the first
# run into a new file pays for fresh page-cache pages); QEMU runs once
# (it takes tens of seconds).
set -u
build=${1:-build}
cpu=${2:-cortex-a15}
hypsim=$build/hypsim
img=$build/bench/images/bench_trace.elf
qemu=${QEMU:-qemu-system-arm}
[ -x "$hypsim" ] && [ -f "$img" ] || { echo "usage: $0 [BUILD_DIR] (build first)" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
now() { date +%s%N; }

runs=${RUNS:-5}
times=()
for _ in $(seq "$runs"); do
  # the shell's own clock, microseconds: no process in the timed span
  # but hypsim
  t0=${EPOCHREALTIME/[.,]/}
  "$hypsim" run --cpu "$cpu" --kernel "$img" --trace "$dir/h.trace" >"$dir/h.out" 2>&1
  t1=${EPOCHREALTIME/[.,]/}
  times+=($(((10#$t1 - 10#$t0) * 1000)))
done
th=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
insns=$((16#$(sed -n 's/^insns=\([0-9a-f]*\)$/\1/p' "$dir/h.out")))
t2=$(now)
timeout 600 "$qemu" -M virt -cpu "$cpu" -nographic -semihosting -nodefaults \
  -monitor none -serial none -kernel "$img" \
  -d exec,cpu,nochain -singlestep -D "$dir/q.log" >/dev/null 2>&1 </dev/null
t3=$(now)
hb=$(stat -c %s "$dir/h.trace")
qb=$(stat -c %s "$dir/q.log")
awk -v n="$insns" -v th="$th" -v tq=$((t3 - t2)) -v hb="$hb" -v qb="$qb" 'BEGIN {
  hm = n / (th / 1e9) / 1e6; qm = n / (tq / 1e9) / 1e6
  printf "%-22s %12s %9s %9s %12s\n", "traced run", "insns", "seconds", "MIPS", "bytes/insn"
  printf "%-22s %12d %9.3f %9.2f %12.2f\n", "hypsim --trace", n, th / 1e9, hm, hb / n
  printf "%-22s %12d %9.3f %9.2f %12.2f\n", "qemu -d exec,cpu", n, tq / 1e9, qm, qb / n
  printf "hypsim tracing is %.1f times QEMU logging (wall time, start-up included)\n", hm / qm
}'
