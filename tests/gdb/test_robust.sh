#!/usr/bin/env bash
# The stub against a broken client (tests/gdb/robust.py): malformed and
# oversize packets, bad checksums, escapes, random bytes, abrupt
# disconnects. hypsim must neither crash nor hang, keep listening, and end
# when told to (k: exit code 130, the run was not finished).
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
start_hypsim --no-hang-detect --kernel "$IMAGES/gdb_hang.elf"
timeout 120 python3 "$(dirname "$0")/robust.py" "$PORT" >"$GDB_OUT" 2>&1 ||
  fail "robust.py failed"
expect '^robust: all checks passed$'
finish_hypsim 130
expect 'packet with a bad checksum dropped' "$HS_ERR"
reject 'Sanitizer|runtime error' "$HS_ERR"
done_test
