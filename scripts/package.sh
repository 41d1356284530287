#!/bin/sh
# Builds the Debian package of fsdecl (build-deb/fsdecl_VERSION_ARCH.deb): a release build with the
# prefix /usr, so that the program looks for its rules in /usr/share/fsdecl, packed by CPack.
# Usage: scripts/package.sh   (after scripts/setup.sh, which installs what the build needs)
set -eu
cd "$(dirname "$0")/.."
# Debian's hardening flags (fortified functions, relro, bind now), as a Debian build would use.
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
CFLAGS="$(dpkg-buildflags --get CFLAGS) $(dpkg-buildflags --get CPPFLAGS)"
LDFLAGS="$(dpkg-buildflags --get LDFLAGS)"
export CFLAGS LDFLAGS
cmake -S . -B build-deb -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr -DFSDECL_TESTS=OFF \
    -DFSDECL_WERROR=ON >/dev/null
cmake --build build-deb -j"$(nproc)" >/dev/null
(cd build-deb && cpack -G DEB >/dev/null)
ls build-deb/fsdecl_*.deb
