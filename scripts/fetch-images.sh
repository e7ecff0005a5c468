#!/usr/bin/env bash
# scripts/fetch-images.sh [--symbols] [--print-dir]: fetch the third-party
# guest images hypsim's Linux and Xen tests boot, from Debian 12 (bookworm)
# armhf packages, into a cache outside the repository:
#
#   ${HYPSIM_IMAGES:-$HOME/.cache/hypsim/images}/
#     vmlinuz-6.1-armmp-lpae   zImage of the newest linux-image-6.1.0-N-armmp-lpae
#     xen-4.17-armhf           Xen zImage (/boot/xen-* of xen-hypervisor-4.17-armhf)
#     busybox                  static ARM busybox (busybox-static)
#     vmlinux-6.1-armmp-lpae   the same kernel's ELF with symbols (--symbols only:
#                              the -dbg package is several hundred MB)
#     VERSIONS                 which package version each file came from
#
# The host's own apt configuration is left alone: apt runs with its
# architecture, list and cache directories pointed into the cache
# (.apt/), so no foreign architecture is added and nothing is written under
# /var. A file already in the cache is not fetched again: a second run with
# the cache filled does nothing and needs no network. Prints the path of
# every file it provides, one per line (--print-dir: only the directory).
# Exit status: 0 all files present, 1 something could not be fetched (one
# line on stderr says what), 2 bad usage.
set -euo pipefail

symbols=0
print_dir=0
for a in "$@"; do
  case $a in
    --symbols) symbols=1 ;;
    --print-dir) print_dir=1 ;;
    -h | --help) sed -n '2,/^set /{/^set /d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) echo "fetch-images: unknown argument '$a' (try --help)" >&2; exit 2 ;;
  esac
done

dir=${HYPSIM_IMAGES:-$HOME/.cache/hypsim/images}
die() { echo "fetch-images: $*" >&2; exit 1; }

vmlinuz=$dir/vmlinuz-6.1-armmp-lpae
xen=$dir/xen-4.17-armhf
busybox=$dir/busybox
vmlinux=$dir/vmlinux-6.1-armmp-lpae
want=("$vmlinuz" "$xen" "$busybox")
[ $symbols -eq 1 ] && want+=("$vmlinux")

report() {
  if [ $print_dir -eq 1 ]; then echo "$dir"; else printf '%s\n' "${want[@]}"; fi
}

missing=0
for f in "${want[@]}"; do [ -s "$f" ] || missing=1; done
if [ $missing -eq 0 ]; then report; exit 0; fi

for tool in apt-get apt-cache dpkg-deb; do
  command -v $tool >/dev/null || die "$tool not found (a Debian host is needed to fetch the images)"
done
mkdir -p "$dir" || die "cannot create $dir"
# Tests run in parallel (ctest -j) may fetch at the same time: one fetches,
# the others wait for it and then find the files there.
exec 9>"$dir/.lock"
flock 9 || die "cannot lock $dir/.lock"
missing=0
for f in "${want[@]}"; do [ -s "$f" ] || missing=1; done
if [ $missing -eq 0 ]; then report; exit 0; fi
apt=$dir/.apt
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/debs"
o=(-oAPT::Architecture=armhf -oAPT::Architectures=armhf
   "-oDir::State::Lists=$apt/lists" "-oDir::Cache=$apt/cache" -qq)
log=$apt/log
# apt-get update fails as a whole when one of the machine's sources does
# (a security mirror caught mid-sync: "File has unexpected size"), although
# the lists it did fetch are good: go on with those, say so, and fail below
# only if the packages we need are not in them.
if ! apt-get "${o[@]}" update >"$log" 2>&1; then
  echo "fetch-images: apt-get update for armhf reported an error; using the lists it fetched: $(grep -m1 -E '^E:' "$log" || tail -1 "$log")" >&2
fi

# The highest ABI number N of the 6.1 kernel (not 6.12: bookworm-backports
# would offer that) in the lists; sort -V orders 6.1.0-9 before 6.1.0-47.
kpkg=$(apt-cache "${o[@]}" pkgnames linux-image-6.1.0- 2>/dev/null |
  grep -E '^linux-image-6\.1\.0-[0-9]+-armmp-lpae$' | sort -V | tail -1) || true
if [ -z "$kpkg" ]; then
  # apt-get update exits 0 when it could not reach the mirror ("W: Failed
  # to fetch ..."): that is the usual reason for empty lists
  reason=$(grep -m1 -E '^(E|W): Failed' "$log" || true)
  [ -n "$reason" ] || reason=$(grep -m1 -E '^E:' "$log" || true)
  die "no linux-image-6.1.0-*-armmp-lpae in the armhf package lists${reason:+ (apt-get update: $reason)}"
fi

# fetch PKG: download PKG's .deb into .apt/debs (unless there) and unpack it
# into .apt/root-PKG; prints that directory
fetch() {
  local pkg=$1 deb root
  deb=$(find "$apt/debs" -name "${pkg}_*.deb" | head -1)
  if [ -z "$deb" ]; then
    (cd "$apt/debs" && apt-get "${o[@]}" download "$pkg") >"$log" 2>&1 ||
      die "apt-get download $pkg failed: $(grep -m1 -E '^(E|W):' "$log" || tail -1 "$log")"
    deb=$(find "$apt/debs" -name "${pkg}_*.deb" | head -1)
    [ -n "$deb" ] || die "apt-get download $pkg left no .deb"
  fi
  root=$apt/root-$pkg
  rm -rf "$root"
  dpkg-deb -x "$deb" "$root" || die "dpkg-deb -x $deb failed"
  basename "$deb" >>"$apt/versions.new"
  echo "$root"
}

# install SRC DST: copy SRC to DST via a temporary name, so an interrupted
# run never leaves a truncated DST that a later run would take as done
install_file() {
  [ -s "$1" ] || die "expected file $1 not in the package"
  cp "$1" "$2.tmp" && mv "$2.tmp" "$2"
}

rm -f "$apt/versions.new"
if [ ! -s "$vmlinuz" ]; then
  root=$(fetch "$kpkg")
  install_file "$(find "$root/boot" -name 'vmlinuz-*' | head -1)" "$vmlinuz"
  rm -rf "$root"
fi
if [ ! -s "$xen" ]; then
  root=$(fetch xen-hypervisor-4.17-armhf)
  # /boot holds xen-4.17-armhf (the zImage) and sometimes a .efi twin or a
  # config file: take the plain one
  install_file "$(find "$root/boot" -name 'xen-*' ! -name '*.efi' ! -name '*config*' | sort | head -1)" "$xen"
  rm -rf "$root"
fi
if [ ! -s "$busybox" ]; then
  root=$(fetch busybox-static)
  install_file "$root/bin/busybox" "$busybox"
  chmod +x "$busybox"
  rm -rf "$root"
fi
if [ $symbols -eq 1 ] && [ ! -s "$vmlinux" ]; then
  root=$(fetch "$kpkg-dbg")
  install_file "$(find "$root/usr/lib/debug" -name 'vmlinux-*' | head -1)" "$vmlinux"
  rm -rf "$root"
  # the -dbg .deb is large; the vmlinux is all that is needed of it
  rm -f "$apt/debs/$kpkg-dbg"_*.deb
fi
if [ -f "$apt/versions.new" ]; then
  cat "$apt/versions.new" >>"$dir/VERSIONS"
  rm -f "$apt/versions.new"
fi
for f in "${want[@]}"; do [ -s "$f" ] || die "$f missing after the fetch"; done
report
