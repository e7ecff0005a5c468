#!/usr/bin/env bash
# test_no_qemu.sh HYPSIM IMAGE_DIR SOURCE_DIR
#
# Without qemu-system-arm the oracle tests fail, saying QEMU is missing and
# how to install it; they are not skipped and do not vanish from ctest:
#  - run_diff.sh with QEMU pointing nowhere, and with a PATH that has no
#    qemu-system-arm on it; golden_trace.sh and need_qemu.sh with CMake's
#    QEMU_ARM-NOTFOUND; need_qemu.sh --machine with a board QEMU lacks;
#  - the project configured with -DQEMU_ARM=/nonexistent: the diff tests
#    (images, virt board, golden trace, random, selftest) are all listed by
#    ctest, and run, they fail with that message.
set -u
hypsim=$1 image_dir=$2 src=$3
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
errors=0
fail() { echo "FAIL: $*"; errors=$((errors + 1)); }
# expect_missing WHAT CMD...: CMD exits 1 and prints the missing-QEMU message
expect_missing() {
  local what=$1 rc
  shift
  "$@" >"$tmp/out" 2>&1
  rc=$?
  if [ $rc -ne 1 ]; then
    fail "$what: exit $rc, expected 1"
  elif ! grep -q 'qemu-system-arm is missing' "$tmp/out" ||
       ! grep -q 'scripts/setup.sh' "$tmp/out"; then
    fail "$what: no 'qemu-system-arm is missing ... scripts/setup.sh' message"
  else
    echo "ok   $what: $(head -1 "$tmp/out")"
    return
  fi
  sed 's/^/  | /' "$tmp/out" | head -20
}

expect_missing "run_diff.sh, QEMU=/nonexistent" \
  env QEMU=/nonexistent/qemu-system-arm "$here/run_diff.sh" "$hypsim" "$image_dir" hello

# a PATH with the tools the scripts use, but no qemu-system-arm
mkdir "$tmp/bin"
for t in bash sh env dirname basename awk grep sed mktemp rm cat head ls \
         timeout cmp diff cp mkdir python3; do
  p=$(command -v "$t") && ln -s "$p" "$tmp/bin/$t"
done
expect_missing "run_diff.sh, no qemu-system-arm on PATH" \
  env -u QEMU PATH="$tmp/bin" "$here/run_diff.sh" "$hypsim" "$image_dir" hello
expect_missing "golden_trace.sh, QEMU_ARM-NOTFOUND" \
  "$here/golden_trace.sh" "$hypsim" "$image_dir" QEMU_ARM-NOTFOUND
expect_missing "need_qemu.sh, QEMU_ARM-NOTFOUND" \
  "$here/need_qemu.sh" QEMU_ARM-NOTFOUND -- true
# with a QEMU: the command runs; a board it lacks is a failure too
if q=$(command -v qemu-system-arm); then
  "$here/need_qemu.sh" "$q" --machine virt -- true ||
    fail "need_qemu.sh: qemu-system-arm with virt refused"
  "$here/need_qemu.sh" "$q" --machine no-such-board -- true >"$tmp/out" 2>&1
  if [ $? -ne 1 ] || ! grep -q "has no 'no-such-board' machine" "$tmp/out"; then
    fail "need_qemu.sh --machine no-such-board did not fail with its message"
    cat "$tmp/out"
  else
    echo "ok   need_qemu.sh --machine no-such-board: $(head -1 "$tmp/out")"
  fi
fi

# The whole project configured without QEMU: the oracle tests are listed
# and fail with the message (they fail before needing any build product).
cmake -S "$src" -B "$tmp/build" -DQEMU_ARM=/nonexistent/qemu-system-arm \
  >"$tmp/cmake.out" 2>&1 || { cat "$tmp/cmake.out"; fail "cmake failed"; }
grep -q 'qemu-system-arm not found' "$tmp/cmake.out" ||
  fail "configure without QEMU gave no warning"
ctest --test-dir "$tmp/build" -N >"$tmp/list" 2>&1
for t in diff/image/hello diff/image/cp15_id diff/virt/psci/cortex-a15 \
         diff/golden/hsctlr_boot_a15 diff/random/a32/mul diff/selftest; do
  grep -q " $t\$" "$tmp/list" || fail "$t is not registered without QEMU"
done
ctest --test-dir "$tmp/build" --output-on-failure \
  -R '^diff/(image/hello|image/cp15_id|virt/psci/cortex-a15|golden/hsctlr_boot_a15|random/a32/mul|selftest)$' \
  >"$tmp/ctest.out" 2>&1
grep -q '0% tests passed, 6 tests failed out of 6' "$tmp/ctest.out" ||
  fail "without QEMU the oracle tests did not all fail"
n=$(grep -c 'FAIL: qemu-system-arm is missing' "$tmp/ctest.out")
[ "$n" -eq 6 ] || fail "the missing-QEMU message appears $n times, not 6"
[ $errors -eq 0 ] || { head -60 "$tmp/ctest.out"; exit 1; }
echo "ok: without qemu-system-arm the oracle tests are registered and fail with the message"
