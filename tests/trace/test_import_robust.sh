#!/usr/bin/env bash
# trace import-qemu reads its log once: a log that changes between the two
# passes (a FIFO written twice) cannot make it index past the cores the
# header was written for, a pipe on standard input imports the same trace
# as the file does, and the log's control characters never reach the
# terminal in an error message. The log is written by hand (no QEMU).
. "$(dirname "$0")/lib.sh" "$@"
cd "$WORK" || exit 1
# two single-stepped blocks of core 0, as qemu-system-arm -d exec,cpu,nochain
# -singlestep writes them
block() { # block CPU PC R0
  printf 'Trace %s: 0x7f0000000100 [00000400/%s/00000120/ff000201] \n' "$1" "$2"
  printf 'R00=%s R01=00000000 R02=00000000 R03=00000000\n' "$3"
  printf 'R04=00000000 R05=00000000 R06=00000000 R07=00000000\n'
  printf 'R08=00000000 R09=00000000 R10=00000000 R11=00000000\n'
  printf 'R12=00000000 R13=00000000 R14=00000000 R15=%s\n' "$2"
  printf 'PSR=400001d3 -Z-- A svc32\n'
}
{ block 0 40000000 00000000; block 0 40000004 00000001; block 0 40000008 00000002; } > good.log
sed 's/^Trace 0:/Trace 5000:/' good.log > other.log

expect_rc 0 "$HYPSIM" trace import-qemu good.log -o file.trace
# a FIFO: its second writer (started after the first closed) gives a log of
# core 5000 to whoever opens it next; the import must not read it
mkfifo log.fifo
timeout 10 sh -c 'cat good.log > log.fifo; sleep 1; cat other.log > log.fifo' &
writer=$!
expect_rc 0 timeout 20 "$HYPSIM" trace import-qemu log.fifo -o fifo.trace
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
expect_rc 0 "$HYPSIM" trace diff file.trace fifo.trace
grep -q '^equal: 3 instructions' "$WORK/out" || fail "FIFO import differs from the file's"
# standard input, as /dev/stdin and as -
"$HYPSIM" trace import-qemu /dev/stdin -o stdin.trace < <(cat good.log) 2>"$WORK/err" ||
  fail "import-qemu /dev/stdin from a pipe failed: $(cat "$WORK/err")"
expect_rc 0 "$HYPSIM" trace diff file.trace stdin.trace
grep -q '^equal: 3 instructions' "$WORK/out" || fail "/dev/stdin import differs from the file's"
cat good.log | "$HYPSIM" trace import-qemu - -o dash.trace 2>"$WORK/err" ||
  fail "import-qemu - failed: $(cat "$WORK/err")"
expect_rc 0 "$HYPSIM" trace diff file.trace dash.trace
grep -q '^equal: 3 instructions' "$WORK/out" || fail "'-' import differs from the file's"
# control characters of a damaged log are escaped in the message
printf 'Trace 0: \033[2J\033]0;owned\007 junk\n' > ctl.log
expect_rc 2 "$HYPSIM" trace import-qemu ctl.log -o ctl.trace
grep -q $'\033' "$WORK/err" && fail "an escape character reached the error message"
grep -q 'ctl.log:1: malformed Trace line "Trace 0: \\x1b\[2J' "$WORK/err" ||
  fail "no escaped malformed-line message: $(cat -v "$WORK/err")"
[ -e ctl.trace ] && fail "a failed import left ctl.trace"
# a directory and an empty log: one line each
expect_rc 2 "$HYPSIM" trace import-qemu . -o dir.trace
grep -q 'a directory' "$WORK/err" || fail "directory log: $(cat "$WORK/err")"
expect_rc 2 "$HYPSIM" trace import-qemu /dev/null -o null.trace
grep -q 'no "Trace" lines' "$WORK/err" || fail "empty log: $(cat "$WORK/err")"
finish
