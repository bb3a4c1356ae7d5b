#!/usr/bin/env bash
# Installs every Debian 12 package Groovescape needs to build, run and test.
# Idempotent and non-interactive: does nothing when everything is present.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git clang libclang-rt-14-dev binutils
  qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-declarative-dev-tools
  qt6-charts-dev qt6-quick3d-dev qt6-quick3d-dev-tools qt6-shadertools-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-qpa-plugins
  qml6-module-qtqml qml6-module-qtqml-models qml6-module-qtqml-workerscript
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-templates
  qml6-module-qtquick-layouts qml6-module-qtquick-window qml6-module-qtquick-shapes
  qml6-module-qtquick-dialogs qml6-module-qt-labs-folderlistmodel qml6-module-qtcore qml6-module-qt-labs-platform
  qml6-module-qtcharts qml6-module-quick3d qml6-module-quick3d-helpers qml6-module-qttest
  libgl1-mesa-dri libegl-mesa0 mesa-utils xvfb xauth
  # tests/e2e/person.sh: a window manager, keyboard/mouse events, screenshots, xprop
  openbox xdotool imagemagick x11-utils
  libtorch-dev libopenblas0-pthread
  librtmidi-dev librtaudio-dev libsndfile1-dev libasound2-dev libsamplerate0-dev
  nlohmann-json3-dev libcli11-dev
  python3-mido python3-torch fluidsynth fluid-soundfont-gm
  # real sound servers for tests/audio/tst_soundservers: JACK 2 (its -dev satisfies librtaudio-dev's libjack-dev,
  # which JACK 1's would otherwise take, removing jackd2), jack-tools' recorder, PulseAudio and its parec
  libjack-jackd2-dev jackd2 jack-tools pulseaudio pulseaudio-utils
  dpkg-dev file appstream desktop-file-utils
  # real drum kits the kit tests load (Hydrogen drumkits, avldrums SF2 kits)
  hydrogen-drumkits hydrogen-drumkits-effects avldrums.lv2-soundfont
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
# Debian's reference BLAS makes torch ~10x slower; make sure the pthread OpenBLAS is the active one.
for alt in libblas.so.3 liblapack.so.3; do
  target=$(update-alternatives --list "$alt-x86_64-linux-gnu" 2>/dev/null | grep openblas-pthread | head -n1 || true)
  [ -n "$target" ] && $sudo update-alternatives --set "$alt-x86_64-linux-gnu" "$target" >/dev/null || true
done
