#!/bin/sh
# Installs what fsdecl needs on Debian 12 (as root, or through sudo) when it is missing, then builds
# it in build/. Usage: scripts/setup.sh [--tests]   (--tests: what the test suite needs too, and the
# tests built)
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

if [ "${1:-}" = "--tests" ]; then
    # shellcheck disable=SC2086 # one word a package
    fs_install $FSDECL_PACKAGES $FSDECL_TEST_PACKAGES
    fs_french_locale
    fs_build build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFSDECL_WERROR=ON -DFSDECL_TESTS=ON
else
    # shellcheck disable=SC2086
    fs_install $FSDECL_PACKAGES
    # a build folder already configured keeps its choices (with or without the tests)
    if [ -f build/CMakeCache.txt ]; then
        fs_build build
    else
        fs_build build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFSDECL_WERROR=ON -DFSDECL_TESTS=OFF
    fi
fi
