# Shared helpers of the trace tests (sourced by tests/trace/test_*.sh).
#   . lib.sh HYPSIM IMAGE_DIR
#   check DESCRIPTION COMMAND…   run COMMAND, fail the test if it fails
#   expect_rc CODE COMMAND…      run COMMAND, require exit code CODE
#   finish                       exit 1 if anything failed, else 0
set -u
HYPSIM=$1
IMAGES=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
FAILED=0

fail() {
  echo "FAIL: $*"
  FAILED=1
}

expect_rc() {
  local want=$1
  shift
  "$@" >"$WORK/out" 2>"$WORK/err"
  local rc=$?
  if [ "$rc" -ne "$want" ]; then
    fail "'$*' exited with $rc, expected $want"
    sed 's/^/  | /' "$WORK/out" | head -40
    sed 's/^/  ! /' "$WORK/err" | head -20
  fi
}

finish() {
  if [ "$FAILED" -ne 0 ]; then
    exit 1
  fi
  echo "PASS"
  exit 0
}
