#!/usr/bin/env bash
# tests/run/test_engine_stats.sh HYPSIM IMAGE_DIR: --engine-stats says
# what each engine ran, and the engines agree where they must:
#  - step: no block runs, and every retired instruction counted;
#  - threaded: most block runs found from the block before (clean runs);
#  - threaded and block: the same blocks (runs, builds, instructions in
#    blocks, retired count), some instructions in blocks, no more than
#    were retired; generated code only with --engine block, and there
#    only on a host with a code generator (x86-64 Linux), where some
#    block runs are entered from the code of the one before.
set -uo pipefail
hypsim=$1
dir=$2
fail() { echo "FAIL: $*"; exit 1; }
img=$dir/a32_ldst.elf
stats() {
  "$hypsim" run --kernel "$img" --engine "$1" --engine-stats 2>&1 >/dev/null |
    grep -E '^hypsim: engine: core 0: [0-9]+ of [0-9]+ instructions in [0-9]+ block runs, [0-9]+ blocks built, [0-9]+ stale; generated code [0-9]+ bytes in use, [0-9]+ buffer resets, [0-9]+ block runs entered from it \([0-9]+ jumps patched into the next block.s code, [0-9]+ accesses off its inline fast path\), [0-9]+ found from the block before$' |
    grep -oE '[0-9]+' | tail -n +2 | tr '\n' ' '
  echo
}
read -r s_in s_all s_runs s_built _ s_code _ s_chained s_patched s_full s_followed < <(stats step)
read -r t_in t_all t_runs t_built _ t_code _ t_chained t_patched t_full t_followed < <(stats threaded)
read -r b_in b_all b_runs b_built _ b_code _ b_chained b_patched b_full b_followed < <(stats block)
[ -n "${s_all:-}" ] && [ -n "${t_all:-}" ] && [ -n "${b_all:-}" ] ||
  fail "no engine line: step '${s_all:-}' threaded '${t_all:-}' block '${b_all:-}'"
[ "$s_in" -eq 0 ] && [ "$s_runs" -eq 0 ] && [ "$s_built" -eq 0 ] &&
  [ "$s_code" -eq 0 ] || fail "step ran blocks: $s_in $s_runs $s_built $s_code"
[ "$s_all" -gt 1000 ] || fail "step retired only $s_all"
[ "$t_all" -eq "$s_all" ] && [ "$b_all" -eq "$s_all" ] ||
  fail "retired counts differ: $s_all $t_all $b_all"
[ "$t_in" -gt 0 ] && [ "$t_in" -le "$t_all" ] ||
  fail "threaded: $t_in of $t_all in blocks"
[ "$b_in" -eq "$t_in" ] && [ "$b_runs" -eq "$t_runs" ] &&
  [ "$b_built" -eq "$t_built" ] ||
  fail "block and threaded ran other blocks: $b_in/$b_runs/$b_built vs $t_in/$t_runs/$t_built"
[ "$t_code" -eq 0 ] && [ "$t_chained" -eq 0 ] && [ "$t_patched" -eq 0 ] &&
  [ "$t_full" -eq 0 ] ||
  fail "threaded generated $t_code bytes, went on from code $t_chained times, patched $t_patched, $t_full accesses off its fast path"
[ "$s_chained" -eq 0 ] && [ "$s_patched" -eq 0 ] && [ "$s_full" -eq 0 ] ||
  fail "step went on from generated code"
[ "$s_followed" -eq 0 ] || fail "step found $s_followed blocks from the one before"
# the image's loops end clean runs (branches, returns): the next block is
# found from the one before, most of the time
[ "$t_followed" -gt $((t_runs / 2)) ] && [ "$t_followed" -lt "$t_runs" ] ||
  fail "threaded: $t_followed of $t_runs block runs found from the block before"
[ $((b_followed + b_chained)) -le "$b_runs" ] ||
  fail "block: $b_followed found and $b_chained entered from code of $b_runs runs"
if [ "$(uname -m)" = x86_64 ] && [ "$(uname -s)" = Linux ]; then
  [ "$b_code" -gt 0 ] || fail "block generated no code"
  # the image's loops: code going on into code, never more often than
  # blocks ran
  [ "$b_chained" -gt 0 ] && [ "$b_chained" -lt "$b_runs" ] ||
    fail "block: $b_chained of $b_runs block runs entered from code"
  # the loops' ends go to the next block straight, once patched: some
  # ends were, each at most once (a patch is followed by chained runs)
  [ "$b_patched" -gt 0 ] && [ "$b_patched" -lt "$b_chained" ] ||
    fail "block: $b_patched jumps patched, $b_chained runs entered from code"
fi
echo "ok: $s_all instructions, $t_in in $t_runs block runs, $b_code bytes of code, $b_chained runs entered from code, $b_patched jumps patched"
