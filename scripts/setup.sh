#!/bin/sh
# Installs what fsdecl needs on Debian 12 (as root, or through sudo), then builds it in build/.
# Usage: scripts/setup.sh [--tests]   (--tests also installs what the test suite needs)
set -eu
cd "$(dirname "$0")/.."

packages="build-essential cmake pkg-config libncurses-dev libconfig-dev libmd-dev libjansson-dev libhpdf-dev fonts-dejavu-core"
if [ "${1:-}" = "--tests" ]; then
    packages="$packages libcmocka-dev locales tmux groff-base libvterm-dev poppler-utils clang-format"
fi

missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "Installation des paquets manquants :$missing"
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends $missing
fi

if [ "${1:-}" = "--tests" ] && ! locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$'; then
    echo "Génération de la locale fr_FR.UTF-8"
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo sh -c "grep -q '^fr_FR.UTF-8 UTF-8' /etc/locale.gen 2>/dev/null || echo 'fr_FR.UTF-8 UTF-8' >> /etc/locale.gen; locale-gen"
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFSDECL_WERROR=ON >/dev/null
cmake --build build -j"$(nproc)"
