#!/bin/sh
# Sets up everything the tests need, then runs every layer of the suite: the code's format, the
# tests on a normal build with warnings as errors, the installed program finding its rules, the
# tests again under AddressSanitizer and UndefinedBehaviorSanitizer, and each fuzzer of fuzz/ for a
# few seconds (FSDECL_FUZZ_SECONDS, 6 by default). Every layer runs even when one fails; the last
# line adds them all up, and the exit code is 1 if any test failed.
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

say "scripts/test.sh : environ 10 minutes sur une machine à 2 cœurs (la première fois, quelques minutes"
say "de plus pour installer les paquets). S'ils manquent, installe avec apt-get (en root ou via sudo) :"
# shellcheck disable=SC2086 # one word a package
say "  " $FSDECL_PACKAGES $FSDECL_TEST_PACKAGES
say "et génère la locale fr_FR.UTF-8 pour tout le système (les tests en ligne de commande l'utilisent)."
scripts/setup.sh --tests

passed=0
failed=0
skipped=0
summary=""
# count LAYER PASSED FAILED [SKIPPED]: adds a layer's figures to the totals.
count() {
    passed=$((passed + $2))
    failed=$((failed + $3))
    skipped=$((skipped + ${4:-0}))
    summary="$summary$1 : $2 passed, $3 failed$([ "${4:-0}" -eq 0 ] || echo ", $4 skipped")
"
}
# ctest_layer LAYER BUILD_DIR: runs ctest and counts its tests (a run that counts none failed once).
ctest_layer() {
    log=$(mktemp)
    ctest --test-dir "$2" --output-on-failure 2>&1 | tee "$log"
    line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" || true)
    skip=$(grep -c '(Skipped)$' "$log" || true) # counted among the passed by ctest
    rm -f "$log"
    if [ -z "$line" ]; then
        count "$1" 0 1
        return
    fi
    total=$(echo "$line" | sed 's/.* out of \([0-9]*\).*/\1/')
    bad=$(echo "$line" | sed 's/.*passed, \([0-9]*\) tests\{0,1\} failed.*/\1/')
    count "$1" $((total - bad - skip)) "$bad" "$skip"
}

echo "== Mise en forme du code (.clang-format) =="
if find src include screens tests tools bench fuzz -name '*.[ch]' -print0 |
    xargs -0 clang-format --dry-run --Werror; then
    count "mise en forme" 1 0
else
    echo "(clang-format -i sur les fichiers nommés)"
    count "mise en forme" 0 1
fi

echo "== Suite de tests (build normal) =="
ctest_layer "build normal" build

echo "== Installation : fsdecl trouve ses règles installées =="
inst=$(mktemp -d)
if (fs_build build-install -DCMAKE_INSTALL_PREFIX="$inst" -DFSDECL_TESTS=OFF &&
    fs_run "Installation" cmake --install build-install) &&
    (cd / && env -u FSDECL_RULES_DIR "$inst/bin/fsdecl" rules show 2026) >"$inst/shown" &&
    build/fsdecl rules show 2026 | cmp -s - "$inst/shown"; then
    count "installation" 1 0
else
    echo "ÉCHEC : le fsdecl installé dans $inst ne montre pas les règles des sources"
    count "installation" 0 1
fi
rm -rf "$inst"

echo "== Suite de tests sous AddressSanitizer + UndefinedBehaviorSanitizer =="
if (fs_build build-sanitize -DCMAKE_BUILD_TYPE=Debug -DFSDECL_WERROR=ON -DFSDECL_SANITIZE=ON); then
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    ctest_layer "sanitizers" build-sanitize
else
    count "sanitizers" 0 1
fi

echo "== Fuzzers (clang, libFuzzer, sous AddressSanitizer + UndefinedBehaviorSanitizer) =="
# Each fuzzer of fuzz/ runs a few seconds from the seeds of the checkout; a crash fails the layer
# and names the input that reproduces it, kept in build-fuzz/crashes/.
fuzz_seconds=${FSDECL_FUZZ_SECONDS:-6}
fuzz_one() { # fuzz_one TARGET MAX_LEN SEED_DIR...
    target=$1 max_len=$2
    shift 2
    corpus=$(mktemp -d)
    log=$corpus.log
    if build-fuzz/$target -max_total_time="$fuzz_seconds" -max_len="$max_len" -timeout=60 \
        -print_final_stats=1 -artifact_prefix="$PWD/build-fuzz/crashes/$target-" \
        "$corpus" "$@" >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        echo "$target : ${runs:-?} entrées en $fuzz_seconds s, aucun plantage"
        fuzz_ok=$((fuzz_ok + 1))
    else
        grep -E '^(fuzz: |==[0-9]+== ?ERROR|SUMMARY)' "$log" | head -n 5
        crash=$(sed -n "s/.*Test unit written to \(.*\)$/\1/p" "$log" | tail -n 1)
        echo "ÉCHEC : $target a trouvé un plantage (journal : $log)"
        echo "  reproduire : build-fuzz/$target ${crash:-(aucune entrée écrite, voir le journal)}"
        fuzz_bad=$((fuzz_bad + 1))
        log= # kept
    fi
    rm -rf "$corpus" ${log:+"$log"}
}
if (fs_run "Configuration de build-fuzz" cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang \
    -DFSDECL_FUZZ=ON -DFSDECL_SANITIZE=ON -DFSDECL_WERROR=ON -DFSDECL_TESTS=OFF &&
    say "Construction des fuzzers dans build-fuzz/" &&
    fs_run "Construction des fuzzers" cmake --build build-fuzz -j"$(nproc)" --target fuzzers); then
    mkdir -p build-fuzz/crashes
    fuzz_ok=0 fuzz_bad=0
    export LSAN_OPTIONS="suppressions=\"$PWD/tests/lsan.supp\"" # libconfig 1.5's leaks; quoted
    fuzz_one fuzz_draft 8192 data/examples tests/fixtures/drafts
    fuzz_one fuzz_rules 65536 rules tests/fixtures/rules
    fuzz_one fuzz_recap 8192 data/examples tests/fixtures/drafts
    fuzz_one fuzz_pdf 8192 data/examples tests/fixtures/drafts
    fuzz_one fuzz_wizard 1024 fuzz/seeds/wizard
    count "fuzzers" "$fuzz_ok" "$fuzz_bad"
else
    count "fuzzers" 0 1
fi

printf '== Bilan ==\n%s' "$summary"
echo "total: $passed passed, $failed failed$([ "$skipped" -eq 0 ] || echo ", $skipped skipped")"
[ "$failed" -eq 0 ]
