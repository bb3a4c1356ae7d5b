#!/usr/bin/env bash
# Builds the .deb from a configured release build and checks what it holds and depends on.
# Usage: scripts/check-package.sh [BUILD_DIR]   (default build/release)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
rm -f "$build"/groovescape_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls "$build"/groovescape_*.deb | head -n1)
[ -f "$deb" ] || { echo "check-package: no .deb was built in $build"; exit 1; }
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
depends=$(dpkg-deb -f "$deb" Depends)
fail=0
for want in ./usr/bin/groovescape ./usr/bin/groovescape-cli ./usr/libexec/groovescape/groovescape-cli-torch \
    ./usr/share/applications/io.groovescape.Groovescape.desktop \
    ./usr/share/metainfo/io.groovescape.Groovescape.metainfo.xml \
    ./usr/share/mime/packages/groovescape.xml \
    ./usr/share/icons/hicolor/scalable/apps/groovescape.svg \
    ./usr/share/icons/hicolor/256x256/apps/groovescape.png \
    ./usr/share/groovescape/assets/kits/acoustic/kit.json \
    ./usr/share/groovescape/assets/kits/gm-standard/kit.json \
    ./usr/share/groovescape/assets/demo/gmd/info.csv \
    ./usr/share/groovescape/assets/demo/gmd/LICENSE \
    ./usr/share/groovescape/models/rhythmvae-2d.gsmodel \
    ./usr/share/groovescape/docs/guide-map.md \
    ./usr/share/doc/groovescape/CREDITS.md; do
  grep -qxF "$want" <<<"$contents" || { echo "check-package: missing $want"; fail=1; }
done
for want in libtorch1.13 libopenblas0-pthread qml6-module-qtquick-controls qml6-module-qtcharts libsndfile1; do
  grep -q "$want" <<<"$depends" || { echo "check-package: Depends lacks $want"; fail=1; }
done
if grep -qE -- '-dev( |,|$)' <<<"$depends"; then echo "check-package: depends on a -dev package: $depends"; fail=1; fi
# As installed: groovescape-cli loads no LibTorch and reaches its model commands in libexec.
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
if readelf -d "$root/usr/bin/groovescape-cli" | grep -qE 'NEEDED.*lib(torch|c10)'; then
  echo "check-package: usr/bin/groovescape-cli needs LibTorch"; fail=1
fi
help=$("$root/usr/bin/groovescape-cli" strip --help 2>&1 || true)
grep -q -- '--out' <<<"$help" || { echo "check-package: groovescape-cli does not reach groovescape-cli-torch: $help"; fail=1; }
size=$(stat -c %s "$deb")
installed=$(dpkg-deb -f "$deb" Installed-Size)
echo "check-package: $(basename "$deb"): $((size / 1024)) KiB, installed $installed KiB, $(wc -l <<<"$contents") entries"
[ "$fail" -eq 0 ] && echo "check-package: the package is complete" || { echo "check-package: FAILED"; exit 1; }
