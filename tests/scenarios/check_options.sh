#!/usr/bin/env bash
# The command line of `hypsim run` (shared with the scenario files): every
# bad number or file is refused with one line on stderr and exit 2, before
# anything is allocated or run; a bad option points at --help instead of
# printing the whole usage. Then how runs end: a closed output pipe,
# SIGTERM and SIGHUP stop the run with a message and the trace readable
# to its last record; a trace write error (a full disk) stops the run at
# once with exit 2; a guest printing in a loop is not a hang; the
# maintenance checker is not leaked on an error path (meaningful in the
# sanitizer build).
#   check_options.sh HYPSIM IMAGE_DIR
set -u
hypsim=$(realpath "$1") images=$(realpath "$2")
work=$(mktemp -d)
mnt=
cleanup() {
  [ -n "$mnt" ] && umount "$mnt" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work" || exit 1
fails=0
note() { echo "check_options: $*"; fails=$((fails + 1)); }
hello=$images/hello.elf
loop=$images/print_forever.elf

# refused: exit 2, exactly one line, which contains $want
refused() {
  local want=$1
  shift
  "$hypsim" run "$@" >out 2>err
  local rc=$?
  [ $rc -eq 2 ] || note "'$*': exit $rc, expected 2"
  [ "$(wc -l <err)" -eq 1 ] || note "'$*': $(wc -l <err) lines on stderr, expected 1: $(head -3 err)"
  grep -qF -- "$want" err || note "'$*': '$want' missing in: $(cat err)"
}
refused "bad --mem" --kernel "$hello" --mem 0x10000000000000000
refused "beyond the 40-bit" --kernel "$hello" --mem 0xfffffffffffff000
refused "bad --mem" --kernel "$hello" --mem 0x40000000000001K
refused "beyond the 40-bit" --kernel "$hello" --mem-base 0xffffffffff
refused "bad --max-insns" --kernel "$hello" --max-insns -5
refused "bad --max-insns" --kernel "$hello" --max-insns 99999999999999999999999
refused "bad --trace-last" --kernel "$hello" --trace t --trace-last 99999999999999999999
refused "--gdb wants a TCP port" --kernel "$hello" --gdb 0x40000000000000K
refused "a cluster has 1 to 4 cores" --kernel "$hello" --cpus cortex-a15x4294967297
refused "not a 40-bit physical address" --kernel "$hello" --load "$hello@0xffffffffffffffff"
refused "no file name" --kernel "$hello" --load @0x41000000
refused "names a core the machine lacks" --kernel "$hello" --trace t --trace-cores 5
refused "bad --trace-from" --kernel "$hello" --trace t --trace-from 0xffffffffffffffff
refused "bad --trace-from" --kernel "$hello" --trace t --trace-from 'icount:-5'
refused "bad --cache-seed" --kernel "$hello" --cache-seed -1
refused "bad --ips" --kernel "$hello" --ips 0x10000000000000000
refused "bad --rtc-epoch" --kernel "$hello" --rtc-epoch -1
refused "--smp wants" --kernel "$hello" --smp 4294967297
refused "--mem-alias BASE:SIZE" --kernel "$hello" --mem-alias 0x80000000:0x10000000000000000
refused "--symbols FILE[@OFFSET]" --kernel "$hello" --symbols "$hello@-0x100000000"
refused "numeric address" --kernel "$hello" --gdb 0 --gdb-listen localhost
refused "unknown option '--bogus' (hypsim run --help" --kernel "$hello" --bogus
refused "--mem needs a value (hypsim run --help" --kernel "$hello" --mem
refused "unexpected argument 'stray'" --kernel "$hello" stray
# images that are not images
: >empty.bin
refused "$work: a directory, not an image" --kernel "$work"
refused "empty.bin: empty file" --kernel empty.bin
refused "/dev/null: not a regular file" --kernel /dev/null
refused "/dev/zero: not a regular file" --kernel /dev/zero
refused "a directory, not an image" --kernel "$hello" --load "$work@0x41000000"
refused "/dev/null: not a regular file" --board virt --kernel /dev/null
refused "--module FILE[@ADDR]" --board virt --kernel "$hello" --module "$hello@0xffffffffffffffff"
# the maintenance checker on error paths: exit 2, nothing leaked
refused "--trace /nonexistent/x.trace" --kernel "$hello" --check-maintenance --trace /nonexistent/x.trace
refused "no symbol 'nosuchsym'" --kernel "$hello" --check-maintenance --trace t --trace-from nosuchsym

# a guest printing in a loop through semihosting makes progress
"$hypsim" run --kernel "$loop" --max-insns 200000 >out 2>err
rc=$?
[ $rc -eq 4 ] || note "printing loop: exit $rc, expected 4 (budget), not a hang: $(head -3 err)"

# a closed output pipe: a message, exit 141, the trace closed
"$hypsim" run --kernel "$loop" --trace pipe.trace 2>err | head -2 >/dev/null
rc=${PIPESTATUS[0]}
[ $rc -eq 141 ] || note "closed pipe: exit $rc, expected 141"
grep -q 'stopped by SIGPIPE' err || note "closed pipe: no message: $(cat err)"
"$hypsim" trace show pipe.trace >show 2>&1 || note "closed pipe: trace unreadable: $(tail -1 show)"
grep -q '^# end: [1-9][0-9]* records' show || note "closed pipe: trace has no records"

# SIGTERM and SIGHUP: the trace's tail is written
for sig in TERM HUP; do
  "$hypsim" run --kernel "$loop" --trace $sig.trace >/dev/null 2>err &
  pid=$!
  sleep 0.3
  kill -$sig $pid
  wait $pid
  rc=$?
  want=$((128 + $(kill -l $sig)))
  [ $rc -eq $want ] || note "SIG$sig: exit $rc, expected $want"
  grep -q "stopped by SIG$sig after [0-9]* instructions" err ||
    note "SIG$sig: no message: $(cat err)"
  "$hypsim" trace show $sig.trace >show 2>&1 || note "SIG$sig: trace unreadable: $(tail -1 show)"
  n=$(sed -n 's/^# end: \([0-9]*\) records.*/\1/p' show)
  # the message's count is the trace's: nothing of the tail was lost
  msg_n=$(sed -n 's/.*after \([0-9]*\) instructions.*/\1/p' err)
  [ -n "$n" ] && [ "$n" -ge "${msg_n:-1}" ] ||
    note "SIG$sig: trace holds ${n:-no} records, the run ran ${msg_n:-?}"
done

# a trace that cannot be written: exit 2 at once (only on a small tmpfs,
# which needs root to mount)
if [ "$(id -u)" -eq 0 ] && mkdir mnt && mount -t tmpfs -o size=3M tmpfs mnt 2>/dev/null; then
  mnt=$work/mnt
  "$hypsim" run --kernel "$loop" --trace mnt/full.trace --max-insns 100000000 >/dev/null 2>err
  rc=$?
  [ $rc -eq 2 ] || note "full disk: exit $rc, expected 2"
  grep -q 'No space left on device: the run stops here' err ||
    note "full disk: no message at once: $(cat err)"
  n=$(sed -n 's/.*stopped after \([0-9]*\) instructions.*/\1/p' err)
  [ -n "$n" ] && [ "$n" -lt 100000000 ] || note "full disk: the run went on (${n:-?} instructions)"
  "$hypsim" trace show mnt/full.trace >show 2>&1 ||
    note "full disk: trace unreadable: $(tail -1 show)"
  grep -q '^# end: [1-9][0-9]* records' show || note "full disk: no records kept"
  grep -q 'cut at the last whole block after a write error' show ||
    note "full disk: trace show does not say how the trace ended"
else
  echo "check_options: not root: the full-disk case is skipped"
fi

# --hang-report FILE that cannot be written
"$hypsim" run --kernel "$images/gdb_hang.elf" --hang-report /dev/full >/dev/null 2>err
rc=$?
[ $rc -eq 2 ] || note "--hang-report /dev/full: exit $rc, expected 2"
grep -q -- '--hang-report /dev/full: write error' err || note "--hang-report: no write error reported"

if [ $fails -ne 0 ]; then
  echo "check_options: $fails failure(s)"
  exit 1
fi
echo PASS
