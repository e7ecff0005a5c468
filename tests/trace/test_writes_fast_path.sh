#!/usr/bin/env bash
# After an instruction run by a decoded-cache handler the writer compares
# only the registers the entry can write (src/trace/writer.c,
# DECODE_WRITES_*); HYPSIM_TRACE_FULL_DIFF=1 makes it compare all of them.
# Both must write the same bytes, on both cores, for images that cover
# the specialised A32 and T32 classes, exceptions, mode changes and
# banked registers.
. "$(dirname "$0")/lib.sh" "$@"
cd "$WORK" || exit 1
n=0
for spec in a32_dp: a32_ldst: a32_mul: a32_pack: a32_branch: t32_dp: t32_it: \
    hyp_vectors:--entry=hyp hyp_excret:--entry=hyp a32_psr:--entry=hyp \
    sec_monitor:--entry=secure-svc trace_sample:; do
  name=${spec%%:*} opts=${spec#*:}
  opts=${opts/=/ }
  img=$IMAGES/$name.elf
  [ -f "$img" ] || fail "$img is missing"
  for cpu in cortex-a15 cortex-a7; do
    # shellcheck disable=SC2086
    "$HYPSIM" run --cpu $cpu --kernel "$img" $opts --trace t.trace \
      >/dev/null 2>&1
    mv t.trace fast.trace
    # shellcheck disable=SC2086
    HYPSIM_TRACE_FULL_DIFF=1 "$HYPSIM" run --cpu $cpu --kernel "$img" \
      $opts --trace t.trace >/dev/null 2>&1
    [ -s t.trace ] || fail "$name on $cpu: no trace written"
    cmp -s fast.trace t.trace ||
      fail "$name on $cpu: the writes fast path changed the trace"
    n=$((n + 1))
  done
done
[ "$n" -eq 24 ] || fail "compared $n traces, expected 24"
finish
