#!/bin/sh
# Sets up everything the tests need, then runs the whole suite twice: a normal build with warnings
# as errors, and a build under AddressSanitizer and UndefinedBehaviorSanitizer.
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh --tests

echo "== Suite de tests (build normal) =="
ctest --test-dir build --output-on-failure

echo "== Suite de tests sous AddressSanitizer + UndefinedBehaviorSanitizer =="
cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DFSDECL_WERROR=ON -DFSDECL_SANITIZE=ON >/dev/null
cmake --build build-sanitize -j"$(nproc)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-sanitize --output-on-failure
