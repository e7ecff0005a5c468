#!/usr/bin/env bash
# test_linecmp.sh [PYTHON]: linecmp.py, the line-by-line comparison of
# run_diff.sh, on made-up outputs: equal passes; a difference nobody
# excused fails; an excused one passes; an excuse whose line agrees again,
# a regex that excuses nothing, an exit excuse with equal exit codes all
# fail; a CPU-scoped excuse applies to that CPU only.
set -u
python=${1:-python3}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
errors=0
# check WANT_RC WHAT QEMU_RC HYPSIM_RC CPU [GREP]: run linecmp on q/h/ex
check() {
  local want=$1 what=$2 qrc=$3 hrc=$4 cpu=$5 pat=${6:-}
  "$python" "$here/linecmp.py" "$tmp/ex" img "$cpu" "$tmp/q" "$qrc" "$tmp/h" "$hrc" \
    >"$tmp/out" 2>&1
  local rc=$?
  if [ $rc -ne "$want" ] || { [ -n "$pat" ] && ! grep -q -- "$pat" "$tmp/out"; }; then
    echo "FAIL: $what: exit $rc (want $want)${pat:+, '$pat' expected}"
    sed 's/^/  | /' "$tmp/out"
    errors=$((errors + 1))
  else
    echo "ok   $what"
  fi
}
printf 'a\nREVIDR=414fc0f0\nc\nd\n' >"$tmp/q"
printf 'a\nREVIDR=00000000\nc\nd\n' >"$tmp/h"

: >"$tmp/ex"
check 1 "a differing line without an excuse" 0 0 cortex-a15 "hypsim line 2 not excused: REVIDR=00000000"
echo 'img /^REVIDR=/ QEMU reads REVIDR as MIDR' >"$tmp/ex"
check 0 "the line excused by a regex" 0 0 cortex-a15 "excused /^REVIDR=/ (2 lines"
echo 'img h:2 q:2 QEMU reads REVIDR as MIDR' >"$tmp/ex"
check 0 "the line excused by line numbers" 0 0 cortex-a15
echo 'img h:2-3 q:2 QEMU reads REVIDR as MIDR' >"$tmp/ex"
check 1 "a range with a line that agrees" 0 0 cortex-a15 "line 3 now agrees with QEMU"
printf 'img /^REVIDR=/ why\nimg /^MIDR=/ why not\n' >"$tmp/ex"
check 1 "a regex that excuses nothing" 0 0 cortex-a15 "excuse /^MIDR=/ excused nothing"
echo 'img:cortex-a7 /^REVIDR=/ A7 only' >"$tmp/ex"
check 1 "another core's excuse does not apply" 0 0 cortex-a15 "not excused"
check 0 "the core's own excuse applies" 0 0 cortex-a7

cp "$tmp/h" "$tmp/q"
: >"$tmp/ex"
check 0 "equal outputs" 0 0 cortex-a15 "4 lines equal, 0 excused"
echo 'img /^REVIDR=/ QEMU reads REVIDR as MIDR' >"$tmp/ex"
check 1 "an excused line that agrees now" 0 0 cortex-a15 "excused nothing: QEMU agrees there now"
: >"$tmp/ex"
check 1 "different exit codes" 1 0 cortex-a15 "exit code qemu 1, hypsim 0"
echo 'img exit QEMU stops with 1' >"$tmp/ex"
check 0 "different exit codes, excused" 1 0 cortex-a15
check 1 "an exit excuse with equal exit codes" 0 0 cortex-a15 "excuse exit code excused nothing"
printf 'a\nc\n' >"$tmp/q"
: >"$tmp/ex"
check 1 "lines QEMU lacks" 0 0 cortex-a15 "hypsim line 2 not excused"
echo 'img nonsense' >"$tmp/ex"
check 2 "a malformed excuse" 0 0 cortex-a15 "expected 'NAME"
[ $errors -eq 0 ] || exit 1
echo "ok: linecmp.py"
