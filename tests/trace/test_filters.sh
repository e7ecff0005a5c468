#!/usr/bin/env bash
# --trace-last, --trace-modes, --trace-from (symbol, icount) and Ctrl-C.
. "$(dirname "$0")/lib.sh" "$@"
cd "$WORK" || exit 1
img=$IMAGES/trace_sample.elf

# ring: the last 10 instructions, preceded by the state before them
expect_rc 0 "$HYPSIM" run --kernel "$img" --trace-last 10 --trace last.trace
expect_rc 0 "$HYPSIM" trace show last.trace
n=$(grep -cE '^ +[0-9]+ c0 ' "$WORK/out")
[ "$n" -eq 10 ] || fail "--trace-last 10 kept $n records"
grep -q '^-- c0 state at icount' "$WORK/out" || fail "ring: no start snapshot"
grep -q 'earlier ones dropped by --trace-last' "$WORK/out" || fail "ring: no dropped count"
expect_rc 0 "$HYPSIM" run --kernel "$img" --trace full.trace
expect_rc 0 "$HYPSIM" trace show full.trace
grep -E '^ +[0-9]+ c0 ' "$WORK/out" | tail -10 > full_tail
"$HYPSIM" trace show last.trace | grep -E '^ +[0-9]+ c0 ' > last_all
cmp -s full_tail last_all || fail "ring records differ from the full trace's last 10"

# modes: only the Undefined-mode handler
expect_rc 0 "$HYPSIM" run --kernel "$img" --trace-modes und --trace und.trace
expect_rc 0 "$HYPSIM" trace show und.trace
n=$(grep -cE '^ +[0-9]+ c0 und ' "$WORK/out")
all=$(grep -cE '^ +[0-9]+ c0 ' "$WORK/out")
[ "$n" -eq 3 ] && [ "$all" -eq 3 ] || fail "--trace-modes und: $n und records of $all"

# from a symbol
expect_rc 0 "$HYPSIM" run --kernel "$img" --trace-from svc_handler --trace from.trace
expect_rc 0 "$HYPSIM" trace show from.trace
first=$(grep -E '^ +[0-9]+ c0 ' "$WORK/out" | head -1)
echo "$first" | grep -q '<svc_handler>' || fail "--trace-from svc_handler starts at: $first"

# from an instruction count
expect_rc 0 "$HYPSIM" run --kernel "$img" --trace-from icount:20 --trace ic.trace
expect_rc 0 "$HYPSIM" trace show ic.trace
first=$(grep -E '^ +[0-9]+ c0 ' "$WORK/out" | head -1 | awk '{print $1}')
[ "$first" = 20 ] || fail "--trace-from icount:20 starts at icount $first"

# Ctrl-C: the file is complete and readable
"$HYPSIM" run --kernel "$IMAGES/trace_spin.elf" --no-hang-detect --trace spin.trace \
  >/dev/null 2>&1 &
pid=$!
sleep 1
kill -INT $pid
wait $pid
rc=$?
[ $rc -eq 130 ] || fail "interrupted run exited with $rc, expected 130"
expect_rc 0 "$HYPSIM" trace show spin.trace
tail -1 "$WORK/out" | grep -q '^# end: [1-9]' || fail "interrupted trace has no end"
finish
