#!/usr/bin/env bash
# The monitor on a terminal (a pty from script(1)): readline's tab
# completion of command names, system-register names and symbols.
set -u
HYPSIM=$1
IMAGES=$2
command -v script >/dev/null || { echo "SKIP: no script(1)"; exit 77; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# Keys are typed once the prompt can be there; each line completes its
# words with TAB: sysr<TAB> HSC<TAB>, brea<TAB> hyp_tr<TAB>, VTT<TAB>,
# qui<TAB>.
(sleep 1; printf 'sysr\tHSC\t\n'; sleep 0.5; printf 'brea\thyp_tr\t\n'
 sleep 0.5; printf 'sysregs VTT\t\n'; sleep 0.5; printf 'qui\t\n') |
  timeout 30 script -qfec "$HYPSIM run --monitor --entry hyp --kernel $IMAGES/gdb_hyp.elf" \
    /dev/null >"$out" 2>&1
# terminal control sequences and carriage returns out of the way
sed -i -e 's/\x1b\[[0-9;?]*[a-zA-Z]//g' -e 's/\r//g' "$out"
failed=0
expect() { grep -qaE -- "$1" "$out" || { echo "FAIL: expected /$1/"; failed=1; }; }
expect '\(hypsim\) sysregs HSCTLR '
expect '^HSCTLR +p15, 4, c1, c0, 0 +0x30c50878'
expect '\(hypsim\) break hyp_trap '
expect '^breakpoint 0 at 0x[0-9a-f]{8} <hyp_trap>'
expect '\(hypsim\) sysregs VTTBR '
expect '^VTTBR +p15, 6, c2 +0x0000000000000000'
expect '\(hypsim\) quit '
if [ $failed -ne 0 ]; then cat -v "$out"; exit 1; fi
echo PASS
