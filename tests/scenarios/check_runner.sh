#!/usr/bin/env bash
# The scenario runner must FAIL every scenario in wrong/ with the reason its
# first comment line names, and refuse every file in invalid/ with exit 2
# and a "file:line: reason" message. It must also pass the real suite with
# -j2 and write a JUnit file that lists every scenario.
set -u
hypsim=$1 images=$2 dir=$3
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
  [bad_board]=":2: unknown board 'tc2' (bare)"
  [bad_cpu_count]=":2: cpus: bad core count in 'cortex-a15x0'"
  [bad_no_warnings]=":7: no_warnings must be true or false, not 'perhaps'"
  [bad_cache_seed]=":4: bad cache_seed 'seed'"
)
for name in "${!invalid[@]}"; do
  f=$dir/invalid/$name.ini
  out=$("$hypsim" scenario run --images "$images" "$f" 2>&1)
  rc=$?
  [ $rc -eq 2 ] || note "$name: exit $rc, expected 2"
  grep -qF -- "$name.ini${invalid[$name]:0:1}" <<<"$out" ||
    grep -qF -- "${invalid[$name]}" <<<"$out" || note "$name: message '${invalid[$name]}' missing in: $out"
  grep -qF -- "${invalid[$name]}" <<<"$out" || note "$name: message '${invalid[$name]}' missing in: $out"
done

junit=$(mktemp)
trap 'rm -f "$junit"' EXIT
out=$("$hypsim" scenario run -j2 --junit "$junit" --images "$images" "$dir" 2>&1)
rc=$?
[ $rc -eq 0 ] || note "the suite did not pass with -j2 (exit $rc): $out"
n=$(ls "$dir"/*.ini | wc -l)
m=$(grep -c '<testcase ' "$junit")
[ "$n" = "$m" ] || note "JUnit lists $m test cases, the suite has $n"
grep -q 'failures="0"' "$junit" || note "JUnit reports failures"

[ $fails -eq 0 ] && echo "check_runner: all verdicts as expected"
exit $((fails > 0))
