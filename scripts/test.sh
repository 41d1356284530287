#!/bin/sh
# Sets up everything the tests need, then runs the whole suite twice: a normal build with warnings
# as errors, and a build under AddressSanitizer and UndefinedBehaviorSanitizer.
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh --tests

echo "== Mise en forme du code (.clang-format) =="
if find src include screens tests tools bench fuzz -name '*.[ch]' -print0 |
    xargs -0 clang-format --dry-run --Werror; then
    echo "mise en forme : 1 passed, 0 failed"
else
    echo "mise en forme : 0 passed, 1 failed (clang-format -i sur les fichiers nommés)"
    exit 1
fi

echo "== Suite de tests (build normal) =="
ctest --test-dir build --output-on-failure

echo "== Installation : fsdecl trouve ses règles installées =="
inst=$(mktemp -d)
cmake -S . -B build-install -DCMAKE_INSTALL_PREFIX="$inst" -DFSDECL_TESTS=OFF >/dev/null
cmake --build build-install -j"$(nproc)" >/dev/null
cmake --install build-install >/dev/null
if (cd / && env -u FSDECL_RULES_DIR "$inst/bin/fsdecl" rules show 2025 | grep -q "= 1 115 pts = 7 805,00 €"); then
    echo "installation: 1 passed, 0 failed"
else
    echo "installation: 0 passed, 1 failed"
    exit 1
fi
rm -rf "$inst"

echo "== Suite de tests sous AddressSanitizer + UndefinedBehaviorSanitizer =="
cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DFSDECL_WERROR=ON -DFSDECL_SANITIZE=ON >/dev/null
cmake --build build-sanitize -j"$(nproc)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-sanitize --output-on-failure
