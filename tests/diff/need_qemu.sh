#!/usr/bin/env bash
# need_qemu.sh QEMU [--machine NAME] [COMMAND ARGS...]
#
# The oracle tests (tests/diff, the virt board's diff tests, the golden
# trace against QEMU) need qemu-system-arm. Without it they are not
# skipped: they fail, saying what is missing and how to install it, so
# that a machine without QEMU cannot pass the suite unnoticed. QEMU is a
# path or a command name (CMake gives QEMU_ARM-NOTFOUND when find_program
# found none). With --machine, QEMU must also have that board (-M help).
# With a COMMAND, it is run (exec) once QEMU is there.
set -u
qemu=${1:-}
shift || true
machine=
if [ "${1:-}" = --machine ]; then
  machine=${2:-}
  shift 2
fi
[ "${1:-}" = -- ] && shift
missing() {
  echo "FAIL: $1" >&2
  echo "  The QEMU oracle tests need qemu-system-arm (QEMU 7.2, Debian 12's" >&2
  echo "  qemu-system-arm package): run scripts/setup.sh, or" >&2
  echo "  apt-get install qemu-system-arm, then configure again (cmake -S . -B build)" >&2
  echo "  or point -DQEMU_ARM=/path/to/qemu-system-arm at it." >&2
  exit 1
}
case $qemu in
  "" | *-NOTFOUND) missing "qemu-system-arm is missing (not found when the build was configured)" ;;
esac
command -v "$qemu" >/dev/null 2>&1 || missing "qemu-system-arm is missing: '$qemu' is not an executable"
if [ -n "$machine" ]; then
  "$qemu" -machine help 2>/dev/null | awk '{ print $1 }' | grep -qx -- "$machine" ||
    missing "'$qemu' has no '$machine' machine (-machine help)"
fi
[ $# -eq 0 ] && exit 0
exec "$@"
