#!/usr/bin/env bash
# tests/linux/trace_twice.sh HYPSIM: the first 10 M instructions of
# Debian's Linux booting on a two-core virt machine (decompressor, early
# kernel, the GIC and timer set-up), traced twice: the two trace files
# must be identical byte for byte (no host clock, no host-dependent
# interleaving). The budget stops both runs at the same instruction.
set -uo pipefail
hypsim=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
fail() { echo "FAIL: $*"; exit 1; }
images=$("$root/scripts/fetch-images.sh" --print-dir) ||
  fail "the Linux images could not be fetched (scripts/fetch-images.sh says why)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in 1 2; do
  "$hypsim" run --board virt --cpu cortex-a7 --smp 2 --entry hyp --mem 256M \
    --kernel "$images/vmlinuz-6.1-armmp-lpae" --append "console=ttyAMA0" \
    --max-insns 10000000 --trace "$work/t.trace" \
    </dev/null >"$work/out$n" 2>"$work/err$n"
  rc=$?
  # the header records the command line: the same path both times
  mv "$work/t.trace" "$work/t$n.trace"
  [ $rc -eq 4 ] || { cat "$work/err$n"; fail "run $n exited $rc, not 4 (the budget)"; }
done
[ -s "$work/t1.trace" ] || fail "no trace written"
"$hypsim" trace show "$work/t1.trace" >/dev/null ||
  fail "the trace does not read back"
cmp "$work/t1.trace" "$work/t2.trace" || fail "the two traces differ"
cmp "$work/out1" "$work/out2" || fail "the two consoles differ"
echo "PASS: $(stat -c %s "$work/t1.trace") trace bytes, identical twice"
