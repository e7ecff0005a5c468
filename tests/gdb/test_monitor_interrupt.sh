#!/usr/bin/env bash
# Ctrl-C during `continue` enters the monitor: the guest spins for ever
# (hang detection off), SIGINT stops it between instructions and the
# prompt takes commands again; `quit` then ends the run with 130.
set -u
HYPSIM=$1
IMAGES=$2
dir=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
mkfifo "$dir/in"
# (--foreground: timeout passes the SIGINT below to hypsim alone; without
# it, it signals its whole process group too, and hypsim sees two)
timeout --foreground 60 "$HYPSIM" run --monitor --no-hang-detect \
  --kernel "$IMAGES/gdb_hang.elf" <"$dir/in" >"$dir/out" 2>&1 &
pid=$!
exec 3>"$dir/in"
echo continue >&3
for _ in $(seq 1 100); do
  grep -q '^continuing' "$dir/out" && break
  sleep 0.1
done
sleep 0.5
kill -INT "$pid"
sleep 0.3
printf 'core\nx/i $pc\nquit\n' >&3
exec 3>&-
wait "$pid"
rc=$?
pid=
failed=0
expect() { grep -qE -- "$1" "$dir/out" || { echo "FAIL: expected /$1/"; failed=1; }; }
[ $rc -eq 130 ] || { echo "FAIL: exit code $rc, expected 130"; failed=1; }
expect '^about to hang$'
expect '^interrupted after [0-9]+ instructions$'
expect '^core 0 \[svc\] 0x[0-9a-f]{8} <hang_here>: b '
expect '^\* core 0 cortex-a15 cluster 0, running'
expect '^0x[0-9a-f]{8} <hang_here>: b '
if [ $failed -ne 0 ]; then cat "$dir/out"; exit 1; fi
echo PASS
