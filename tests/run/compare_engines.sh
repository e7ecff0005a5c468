#!/usr/bin/env bash
# compare_engines.sh HYPSIM IMAGE EXPECT CPU [RUN-OPTIONS...]: run IMAGE on
# CPU with --engine step (the reference), --engine block (blocks with
# generated code, cpu/codegen_x86_64.c) and --engine threaded (blocks in
# the threaded loop alone), each with
# --state-report (every core's registers, icount, TLB, the I-cache lines
# it used and the last instructions of its history ring), and require the
# three runs to print the same bytes on stdout and stderr and to exit with
# the same code; the block engine's semihosting output must also be
# EXPECT's, as in run_image_test.sh. Then both engines record a trace
# (--trace) and the two files must be the same bytes: the trace writer
# follows block runs (cpu_observer.follows_blocks), so with --engine block
# the traced run is made of blocks (block.c run_block_traced) where it can
# be, and each record must still be the step engine's. A third traced run
# with --engine-check (which changes the command line the header records,
# so its file is not compared) must say that blocks ran while tracing.
set -u
hypsim=$1 image=$2 expect=$3 cpu=$4
shift 4
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for e in step block threaded; do
  "$hypsim" run --cpu "$cpu" --kernel "$image" --max-insns 50000000 \
    --engine "$e" --state-report "$@" >"$dir/$e.out" 2>"$dir/$e.err"
  echo $? >"$dir/$e.rc"
done
# (the engine comes from the environment and the file has the same name,
# so that the command line the trace header records is the same too)
for e in step block; do
  mkdir "$dir/$e"
  (cd "$dir/$e" && HYPSIM_ENGINE=$e "$hypsim" run --cpu "$cpu" \
    --kernel "$image" --max-insns 50000000 --trace t.trace "$@" \
    >/dev/null 2>&1)
done
mkdir "$dir/check"
(cd "$dir/check" && "$hypsim" run --cpu "$cpu" --kernel "$image" \
  --max-insns 50000000 --engine block --engine-check --trace t.trace "$@" \
  >/dev/null 2>err)
fail=0
runs=$(sed -n 's/^hypsim: engine check: \([0-9]*\) block runs matched.*/\1/p' \
  "$dir/check/err")
if [ -z "$runs" ] || [ "$runs" -eq 0 ]; then
  echo "FAIL: $(basename "$image") on $cpu: no block ran in the traced run"
  cat "$dir/check/err"
  fail=1
fi
if ! cmp -s "$dir/step/t.trace" "$dir/block/t.trace"; then
  echo "FAIL: $(basename "$image") on $cpu: traces differ between engines"
  fail=1
fi
for e in block threaded; do
  for f in out err rc; do
    if ! cmp -s "$dir/step.$f" "$dir/$e.$f"; then
      echo "FAIL: $(basename "$image") on $cpu: std$f differs between engines step and $e"
      diff -u "$dir/step.$f" "$dir/$e.$f" | head -40
      fail=1
    fi
  done
done
# the expected output is the part before the state report
if ! head -c "$(wc -c <"$expect")" "$dir/block.out" | cmp -s - "$expect"; then
  echo "FAIL: $(basename "$image") on $cpu: block engine output is not $(basename "$expect")"
  fail=1
fi
exit $fail
