#!/bin/sh
# Builds the Debian package of fsdecl (build-deb/fsdecl_VERSION_ARCH.deb): a release build with the
# prefix /usr, so that the program looks for its rules in /usr/share/fsdecl, packed by CPack.
# Installs what the build and the packing need when it is missing. Prints the package's path.
# Usage: scripts/package.sh
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh
# shellcheck disable=SC2086 # one word a package
fs_install $FSDECL_PACKAGES $FSDECL_PACKAGE_PACKAGES
# Debian's hardening flags (fortified functions, relro, bind now), as a Debian build would use.
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
CFLAGS="$(dpkg-buildflags --get CFLAGS) $(dpkg-buildflags --get CPPFLAGS)"
LDFLAGS="$(dpkg-buildflags --get LDFLAGS)"
export CFLAGS LDFLAGS
fs_build build-deb -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr -DFSDECL_TESTS=OFF \
    -DFSDECL_WERROR=ON
rm -f build-deb/fsdecl_*.deb
say "Création du paquet Debian"
# CPack's archive library reads file names in the locale's charset: a path with accents needs UTF-8.
(cd build-deb && fs_run "Création du paquet" env LC_ALL=C.UTF-8 cpack -G DEB)
ls build-deb/fsdecl_*.deb
