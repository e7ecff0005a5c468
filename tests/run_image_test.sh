#!/usr/bin/env bash
# run_image_test.sh HYPSIM IMAGE EXPECT CPU [RUN-OPTIONS...]: run IMAGE on
# CPU, compare the semihosting output with EXPECT byte for byte, require exit
# code 0. RUN-OPTIONS come from the image's `@ hypsim-run:` line.
set -u
hypsim=$1 image=$2 expect=$3 cpu=$4
shift 4
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$hypsim" run --cpu "$cpu" --kernel "$image" --max-insns 50000000 "$@" >"$out"
rc=$?
if ! diff -u "$expect" "$out"; then
  echo "FAIL: output of $(basename "$image") on $cpu differs from $(basename "$expect")"
  exit 1
fi
if [ $rc -ne 0 ]; then
  echo "FAIL: $(basename "$image") on $cpu exited with $rc"
  exit 1
fi
