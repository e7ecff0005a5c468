#!/usr/bin/env bash
# A gdb client that stops reading cannot wedge the stub: with the stub's
# sends stuck on a full socket, Ctrl-C (SIGINT) and SIGTERM still end the
# run at once, with the trace closed; a client silent for 10 s is
# dropped. A second client is told the stub is busy instead of waiting in
# the backlog.
. "$(dirname "$0")/lib.sh" "$@"
img=$IMAGES/gdb_hang.elf
stall=$(dirname "$0")/stall.py

for sig in INT TERM; do
  start_hypsim --kernel "$img" --no-hang-detect --trace "$WORK/$sig.trace" ||
    { show_logs; exit 1; }
  timeout 60 python3 "$stall" "$PORT" stall >"$WORK/stall.out" 2>&1 &
  client=$!
  # the stub is stuck in a send once it stops reading requests
  for _ in $(seq 1 50); do
    grep -q 'sent' "$WORK/stall.out" 2>/dev/null && break
    sleep 0.1
  done
  sleep 0.5
  kill -$sig "$HS_PID"
  want=$((128 + $(kill -l $sig)))
  # the run ends within seconds, not when the client goes away
  for _ in $(seq 1 50); do
    kill -0 "$HS_PID" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$HS_PID" 2>/dev/null; then
    fail "SIG$sig: hypsim still runs 5 s after the signal"
    kill -9 "$HS_PID"
  fi
  wait "$HS_PID"
  rc=$?
  HS_PID=
  [ "$rc" -eq "$want" ] || { fail "SIG$sig: exit $rc, expected $want"; show_logs; }
  expect 'gdb was not reading' "$HS_ERR"
  "$HYPSIM" trace show "$WORK/$sig.trace" >"$WORK/show" 2>&1 ||
    fail "SIG$sig: trace unreadable: $(tail -1 "$WORK/show")"
  kill "$client" 2>/dev/null
  wait "$client" 2>/dev/null
done

# a second client while one is attached: told, and closed
start_hypsim --kernel "$img" --no-hang-detect || { show_logs; exit 1; }
exec 3<>"/dev/tcp/127.0.0.1/$PORT" || fail "first client cannot connect"
sleep 0.3
timeout 20 python3 "$stall" "$PORT" second >"$WORK/second.out" 2>&1 ||
  fail "second client: $(cat "$WORK/second.out")"
expect 'refused: another debugger is attached' "$HS_ERR"
exec 3>&-
kill -INT "$HS_PID"
finish_hypsim 130
done_test
