#!/usr/bin/env bash
# Installs the Groovescape .deb into a freshly bootstrapped, minimal Debian 12 root and starts the installed
# programs there: the proof that `apt install ./groovescape_*.deb` is enough on a clean system.
# Needs root, network access to a Debian mirror and debootstrap (apt-get install debootstrap). Not part of
# ./test.sh: it downloads about 300 MB of packages besides the base system and takes several minutes.
#
# Usage: scripts/clean-install-test.sh [--build DIR] [--root DIR] [--shot FILE.png] [--keep-root]
#   --build DIR     configured release build to package (default build/release); groovescape and
#                   groovescape-cli are built there, then cpack -G DEB
#   --root DIR      where the Debian root is made (default /tmp/groovescape-clean-debian); it is deleted first
#   --shot FILE     where the screenshot of the installed app goes (default DIR/../clean-debian.png)
#   --keep-root     leave the root in place afterwards (to look around with chroot)
#   --no-build      package what is already built in DIR instead of building groovescape and groovescape-cli
# The mirror is the first Debian mirror in /etc/apt/sources.list*, so the root uses what this machine uses.
set -euo pipefail
cd "$(dirname "$0")/.."

build=build/release
root=/tmp/groovescape-clean-debian
shot=
keep=0
build_first=1
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --root) root=$2; shift 2 ;;
    --shot) shot=$2; shift 2 ;;
    --keep-root) keep=1; shift ;;
    --no-build) build_first=0; shift ;;
    *) echo "clean-install-test: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$shot" ] || shot=$(dirname "$root")/clean-debian.png
say() { echo "clean-install-test: $*"; }
die() { echo "clean-install-test: FAILED: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap and chroot)"
command -v debootstrap >/dev/null || die "debootstrap is not installed (apt-get install debootstrap)"
[ -f "$build/CMakeCache.txt" ] || die "$build is not a configured build folder"

# The mirror this machine's apt uses (deb822 "URIs:" or one-line "deb URL bookworm main").
mirror=$({ cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null || true; } |
  awk '/^URIs:/ && $2 ~ /debian\/?$/ {print $2; exit} /^deb / && $3 ~ /^bookworm$/ && $2 ~ /debian\/?$/ {print $2; exit}')
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian
security=${mirror%/debian}/debian-security
say "mirror $mirror"

# 1. A minimal Debian 12 root, bootstrapped in the background while the package builds.
#    Everything mounted below it (by us or by debootstrap) is unmounted on any exit.
boot_pid=
cleanup() {
  if [ -n "$boot_pid" ]; then kill "$boot_pid" 2>/dev/null || true; wait "$boot_pid" 2>/dev/null || true; fi
  awk -v r="$root/" 'index($2, r) == 1 {print $2}' /proc/mounts | sort -r | while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done
  # Never delete while anything is still mounted below the root (that would reach the host's /dev).
  if [ "$keep" -eq 0 ] && [ -d "$root" ] && ! grep -q " $root/" /proc/mounts; then
    rm -rf --one-file-system "$root"
  fi
}
trap cleanup EXIT
rm -rf --one-file-system "$root"
mkdir -p "$(dirname "$root")"
say "debootstrap --variant=minbase bookworm $root (in the background)"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 &
boot_pid=$!

# 2. The package.
if [ "$build_first" -eq 1 ]; then
  say "building groovescape and groovescape-cli in $build"
  cmake --build "$build" --target groovescape groovescape-cli -j2 >"$build/clean-install-build.log" 2>&1 ||
    { grep -E "error|FAILED" "$build/clean-install-build.log" | head -n 20 >&2; die "the build failed in $build"; }
fi
say "cpack -G DEB in $build"
rm -f "$build"/groovescape_*.deb
(cd "$build" && cpack -G DEB >"clean-install-cpack.log" 2>&1) || die "cpack failed; see $build/clean-install-cpack.log"
deb=$(ls "$build"/groovescape_*.deb | head -n1)
[ -f "$deb" ] || die "cpack made no .deb in $build"
deb_bytes=$(stat -c %s "$deb")
installed_kib=$(dpkg-deb -f "$deb" Installed-Size)
say "$(basename "$deb"): $deb_bytes bytes ($((deb_bytes / 1024 / 1024)) MiB), Installed-Size $installed_kib KiB"

say "waiting for debootstrap"
status=0
wait "$boot_pid" || status=$?
boot_pid=
[ "$status" -eq 0 ] || die "debootstrap failed (mirror $mirror unreachable?); see $root.debootstrap.log"

cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main
EOF
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
in_root() { chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
  DEBIAN_FRONTEND=noninteractive "$@"; }
say "the fresh root holds $(in_root dpkg-query -f '.\n' -W | wc -l) packages"

# 3. Install as a user would: the .deb plus what xvfb-run needs to show a window without a screen.
cp "$deb" "$root/tmp/"
in_root apt-get update -q >/dev/null || die "apt-get update failed inside the root"
in_root sh -c 'cd /tmp && apt-get install -y -q ./groovescape_*.deb xvfb xauth' >"$root.install.log" 2>&1 ||
  { tail -n 30 "$root.install.log" >&2; die "apt-get install of the .deb failed; see $root.install.log"; }
say "installed; the root now holds $(in_root dpkg-query -f '.\n' -W | wc -l) packages"
files_kib=$(in_root sh -c 'dpkg -L groovescape | while read -r f; do [ -f "$f" ] && [ ! -L "$f" ] && echo "$f"; done |
  tr "\n" "\0" | du -c -k --files0-from=- | tail -n1 | cut -f1')
say "installed files of the groovescape package: ${files_kib} KiB (du)"

# 4. The installed programs, started from /usr/bin with an empty home (first run: no settings yet).
in_root mkdir -p -m 700 /tmp/home
run_user() { chroot "$root" /usr/bin/env -i HOME=/tmp/home PATH=/usr/bin:/bin LANG=C.UTF-8 \
  XDG_RUNTIME_DIR=/tmp/home "$@"; }
say "groovescape-cli inspect /usr/share/groovescape/models/rhythmvae-2d.gsmodel"
run_user /usr/bin/groovescape-cli inspect /usr/share/groovescape/models/rhythmvae-2d.gsmodel ||
  die "the installed groovescape-cli could not inspect the installed model"
say "xvfb-run /usr/bin/groovescape --screenshot --quit-after 8000"
rm -f "$root/tmp/clean-debian.png"
run_user xvfb-run -a -s "-screen 0 1600x1000x24" /usr/bin/groovescape \
  --screenshot /tmp/clean-debian.png --quit-after 8000 ||
  die "the installed app did not start and quit cleanly"
[ -s "$root/tmp/clean-debian.png" ] || die "the installed app wrote no screenshot"
mkdir -p "$(dirname "$shot")"
cp "$root/tmp/clean-debian.png" "$shot"
say "screenshot $shot"
say "sizes: .deb $((deb_bytes / 1024)) KiB, Installed-Size $installed_kib KiB, installed files $files_kib KiB"
say "the package installs and runs on a clean Debian 12"
