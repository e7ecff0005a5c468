# Shared helpers of the gdb tests (sourced by tests/gdb/test_*.sh).
#
# Usage from a test:   . lib.sh HYPSIM IMAGE_DIR
#   start_hypsim ARGS…        hypsim run --gdb 0 --gdb-wait ARGS… in the
#                             background; sets PORT from its "listening on"
#                             line (port 0 = a free port chosen by the kernel);
#                             HS_WAIT= (empty) leaves --gdb-wait out
#   run_gdb [ELF] <<EOF …     gdb-multiarch in batch mode, one -ex per line,
#                             connected to PORT; output in $GDB_OUT
#   expect PATTERN [FILE]     grep -E PATTERN in FILE ($GDB_OUT by default)
#   reject PATTERN [FILE]     the opposite
#   finish_hypsim CODE        wait for hypsim to end, require exit code CODE
#
# Nothing may hang CI: hypsim runs under `timeout`, each gdb too, and the
# EXIT trap kills whatever is left.
set -u
HYPSIM=$1
IMAGES=$2
GDB=${GDB:-gdb-multiarch}
if ! command -v "$GDB" >/dev/null 2>&1; then
  echo "SKIP: $GDB is not installed (scripts/setup.sh installs it)"
  exit 77
fi
WORK=$(mktemp -d)
HS_PID=
HS_ERR=$WORK/hypsim.err
HS_OUT=$WORK/hypsim.out
GDB_OUT=$WORK/gdb.out
FAILED=0

cleanup() {
  if [ -n "$HS_PID" ] && kill -0 "$HS_PID" 2>/dev/null; then
    kill "$HS_PID" 2>/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*"
  FAILED=1
}

show_logs() {
  echo "---- gdb output ----"; cat "$GDB_OUT" 2>/dev/null
  echo "---- hypsim stdout ----"; cat "$HS_OUT" 2>/dev/null
  echo "---- hypsim stderr ----"; cat "$HS_ERR" 2>/dev/null
}

start_hypsim() {
  : >"$HS_ERR"
  # shellcheck disable=SC2086 # HS_WAIT is one word or none
  # (--foreground: a signal sent to HS_PID reaches hypsim once, not also
  # through timeout's process group)
  timeout --foreground 120 "$HYPSIM" run --gdb 0 ${HS_WAIT---gdb-wait} "$@" >"$HS_OUT" 2>"$HS_ERR" &
  HS_PID=$!
  PORT=
  for _ in $(seq 1 100); do
    PORT=$(sed -n 's/.*gdb: listening on .*:\([0-9][0-9]*\)$/\1/p' "$HS_ERR" | head -1)
    [ -n "$PORT" ] && return 0
    kill -0 "$HS_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "FAIL: hypsim did not start listening"
  show_logs
  exit 1
}

# run_gdb [ELF]: the commands come one per line on stdin.
run_gdb() {
  local elf=${1:-}
  local args=(-batch -nx -ex 'set architecture arm' -ex 'set remotetimeout 10'
              -ex 'set pagination off' -ex 'set confirm off')
  [ -n "$elf" ] && args+=(-ex "file $elf")
  args+=(-ex "target remote 127.0.0.1:$PORT")
  local line
  while IFS= read -r line; do
    [ -n "$line" ] && args+=(-ex "$line")
  done
  timeout 60 "$GDB" "${args[@]}" >"$GDB_OUT" 2>&1
  local rc=$?
  if [ $rc -eq 124 ]; then
    fail "gdb timed out"
  fi
  return 0
}

expect() {
  local file=${2:-$GDB_OUT}
  grep -qE -- "$1" "$file" || fail "expected /$1/ in $(basename "$file")"
}

reject() {
  local file=${2:-$GDB_OUT}
  if grep -qE -- "$1" "$file"; then fail "unexpected /$1/ in $(basename "$file")"; fi
}

finish_hypsim() {
  local want=$1 rc
  for _ in $(seq 1 200); do
    kill -0 "$HS_PID" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$HS_PID" 2>/dev/null; then
    fail "hypsim still running after gdb finished"
    kill "$HS_PID"
  fi
  wait "$HS_PID"
  rc=$?
  HS_PID=
  [ "$rc" -eq "$want" ] || fail "hypsim exited with $rc, expected $want"
}

done_test() {
  if [ $FAILED -ne 0 ]; then
    show_logs
    exit 1
  fi
  echo "PASS"
  exit 0
}
