#!/usr/bin/env bash
# The scenario runner must FAIL every scenario in wrong/ with the reason its
# first comment line names, and refuse every file in invalid/ with exit 2
# (ERROR) and a "file:line: reason" message naming the first bad line. It
# must also pass the real suite with -j2 and write a JUnit file that lists
# every scenario. Then a few properties the verdicts alone do not show:
# fail_console stops the run at once, console_tail, the kept trace of a
# failed golden comparison, image paths relative to the scenario file.
set -u
hypsim=$(realpath "$1") images=$2 dir=$3
fails=0
note() { echo "check_runner: $*"; fails=$((fails + 1)); }

for f in "$dir"/wrong/*.ini; do
  want=$(sed -n '1s/.*reason: //p' "$f")
  out=$("$hypsim" scenario run --images "$images" "$f" 2>&1)
  rc=$?
  [ $rc -eq 1 ] || note "$(basename "$f"): exit $rc, expected 1"
  grep -q '^FAIL' <<<"$out" || note "$(basename "$f"): not reported as FAIL"
  grep -qF -- "$want" <<<"$out" || note "$(basename "$f"): reason '$want' missing in: $out"
done

declare -A invalid=(
  [unknown_key]=":4: unknown key 'colour'"
  [unknown_cpu]=":2: cpus: unknown core model 'cortex-a9'"
  [bad_entry]=":4: entry must be"
  [bad_mem]=":4: bad mem 'lots'"
  [no_expectation]="no expectation"
  [no_image]="no image"
  [bad_hang]=":5: hang must be"
  [bad_exit]=":5: bad exit_code 'zero'"
  [unknown_section]=":5: unknown section [surprise]"
  [exit_and_hang]="both exit_code and hang"
  [garbage]=":1: "
  [warning_without_check]="need check_maintenance = on"
  [bad_max_insns]=":4: bad max_insns '0'"
  [bad_load_addr]=":4: bad load address 'nowhere'"
  [bad_hang_cpu]=":6: bad hang_cpu '99'"
  [bad_icache_model]=":4: icache_model must be on or off, not 'maybe'"
  [bad_dcache_model]=":4: dcache_model must be on or off, not 'yes'"
  [bad_mem_alias]=":4: bad mem_alias '0x80000000' (BASE:SIZE)"
  [bad_board]=":2: unknown board 'tc2' (bare, virt)"
  [bad_cpu_count]=":2: cpus: bad core count in 'cortex-a15x0'"
  [bad_no_warnings]=":7: no_warnings must be true or false, not 'perhaps'"
  [bad_cache_seed]=":4: bad cache_seed 'seed'"
  # the first of several bad lines, with its own message (lines 5 and 7
  # are bad too)
  [two_errors]=":4: unknown key 'colour' in [scenario]"
  [syntax_then_key]=":4: syntax error"
  [long_line]=":6: line longer than 199 characters"
  [missing_image]=":4: image: 'not_built.elf' is neither in"
  [missing_load]=":4: load: 'no_such_blob.bin' is neither in"
  [too_many_cores]=":2: cpus: a cluster has 1 to 4 cores, 'cortex-a15x9'"
  [too_many_cores_second_cluster]=":2: cpus: a cluster has 1 to 4 cores"
  [mem_too_large]=":4: mem '2048G' is larger than the 40-bit physical"
  [mem_beyond_pa]=":5: RAM at 0xf000000000 of 0x8000000000 bytes ends beyond"
  [bad_hang_at]=":7: bad hang_at 'fw_pen+zz'"
  [bad_hang_at_range]=":7: bad hang_at 'fw_pen..'"
  [empty_fail_console]=":6: fail_console needs a text"
  [bad_console_tail]=":6: bad console_tail '-3'"
  [bad_dcc_console]=":4: dcc_console must be on or off, not 'stdout'"
  # numbers that overflow or carry a sign: refused, not wrapped
  [overflow_mem]=":4: bad mem '0x40000000000001K'"
  [overflow_cpus]=":2: cpus: a cluster has 1 to 4 cores, 'cortex-a15x4294967297'"
  [overflow_load_addr]=":4: bad load address '0xffffffffffffffff'"
  [overflow_exit]=":5: bad exit_code '4294967296'"
  [negative_max_insns]=":4: bad max_insns '-5'"
  # found only once the image is loaded: still bad input, not a verdict
  [unknown_hang_symbol]=": hang_at 'no_such_symbol+4' names a symbol the image lacks"
)
for name in "${!invalid[@]}"; do
  f=$dir/invalid/$name.ini
  out=$("$hypsim" scenario run --images "$images" "$f" 2>&1)
  rc=$?
  [ $rc -eq 2 ] || note "$name: exit $rc, expected 2"
  grep -q '^ERROR' <<<"$out" || note "$name: not reported as ERROR: $out"
  msg=${invalid[$name]}
  # ":N: reason" must follow the file's own name
  [ "${msg:0:1}" = ":" ] && msg="$name.ini$msg"
  grep -qF -- "$msg" <<<"$out" || note "$name: message '$msg' missing in: $out"
done
n=$(ls "$dir"/invalid/*.ini | wc -l)
[ "$n" = "${#invalid[@]}" ] || note "invalid/ has $n files, ${#invalid[@]} are checked"

junit=$(mktemp)
trap 'rm -f "$junit"' EXIT
out=$("$hypsim" scenario run -j2 --junit "$junit" --images "$images" "$dir" 2>&1)
rc=$?
[ $rc -eq 0 ] || note "the suite did not pass with -j2 (exit $rc): $out"
n=$(ls "$dir"/*.ini | wc -l)
m=$(grep -c '<testcase ' "$junit")
[ "$n" = "$m" ] || note "JUnit lists $m test cases, the suite has $n"
grep -q 'failures="0"' "$junit" || note "JUnit reports failures"

# fail_console stops the run in the round the text appears (1000
# instructions), not after the 6-million-instruction loop that follows
out=$("$hypsim" scenario run --images "$images" "$dir/wrong/fail_console_stops_early.ini" 2>&1)
grep -q 'fail_console) after 1000 instructions' <<<"$out" ||
  note "fail_console_stops_early: did not stop at the first round: $out"
grep -qE '^FAIL +fail_console_stops_early +1000 insns' <<<"$out" ||
  note "fail_console_stops_early: the run went on: $out"

# console_tail = 1: the last line only
out=$("$hypsim" scenario run --images "$images" "$dir/wrong/expect_console_order.ini" 2>&1)
grep -qF 'console (last 1 lines):' <<<"$out" || note "console_tail: no title in: $out"
grep -qF 'kernel: HYP is up, HSCTLR=30c5187f' <<<"$out" || note "console_tail: last line missing in: $out"
grep -qF 'kernel: calling HYP init' <<<"$(sed 1d <<<"$out")" &&
  note "console_tail = 1 shows more than one line: $out"
# by default the last 20 lines: all three here
out=$("$hypsim" scenario run --images "$images" "$dir/wrong/missing_marker.ini" 2>&1)
grep -qF 'kernel: running in SVC' <<<"$out" || note "console tail (default) missing in: $out"

# a failed golden comparison keeps this run's trace, where it says
out=$("$hypsim" scenario run --images "$images" "$dir/wrong/golden_other_core.ini" 2>&1)
kept=$(sed -n "s/.*this run's trace is kept in \([^)]*\)).*/\1/p" <<<"$out" | head -1)
if [ -z "$kept" ] || [ ! -s "$kept" ]; then
  note "golden_other_core: no kept trace ('$kept') in: $out"
fi
[ -n "$kept" ] && rm -f "$kept"
rm -f "${TMPDIR:-/tmp}"/hypsim-golden_other_core-*.trace

# image = NAME is looked up next to the scenario file before --images: a
# copy of gdb_hang.elf named hello.elf beside the scenario wins
tmpd=$(mktemp -d)
trap 'rm -f "$junit"; rm -rf "$tmpd"' EXIT
cp "$images/gdb_hang.elf" "$tmpd/hello.elf"
printf '[scenario]\nimage = hello.elf\nmax_insns = 100000\n[expect]\nhang = branch-to-self\nexpect_console = about to hang\n' >"$tmpd/local.ini"
out=$("$hypsim" scenario run --images "$images" "$tmpd/local.ini" 2>&1)
grep -q '^PASS' <<<"$out" || note "image next to the scenario not used: $out"
# ...and without --images, from the scenario's folder alone (cd elsewhere)
out=$(cd / && "$hypsim" scenario run --images /nonexistent "$tmpd/local.ini" 2>&1)
grep -q '^PASS' <<<"$out" || note "image next to the scenario (no images dir): $out"

[ $fails -eq 0 ] && echo "check_runner: all verdicts as expected"
exit $((fails > 0))
