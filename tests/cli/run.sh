#!/bin/sh
# Command-line tests: output compared to golden files under a French locale, exit codes, where
# rules are found. Usage: run.sh FSDECL SOURCE_DIR
set -u
fsdecl=$1
src=$2
golden=$src/tests/cli/golden
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect_exit CODE NAME COMMAND...
expect_exit() {
    want=$1 name=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -eq "$want" ]; then ok; else ko "$name: exit $got, expected $want"; cat "$tmp/out" "$tmp/err"; fi
}

# expect_golden NAME COMMAND... : stdout must equal golden/NAME.txt
expect_golden() {
    name=$1
    shift
    "$@" 2>"$tmp/err" | sed "s|$src|@SRC@|g" >"$tmp/$name.txt"
    if diff -u "$golden/$name.txt" "$tmp/$name.txt" >"$tmp/diff"; then ok; else ko "$name differs:"; cat "$tmp/diff"; fi
}

if ! locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$'; then
    ko "the fr_FR.UTF-8 locale is not installed (locale-gen fr_FR.UTF-8)"
fi
export LC_ALL=fr_FR.UTF-8
export FSDECL_RULES_DIR= FSDECL_LISTS_DIR=

expect_golden rules-list "$fsdecl" rules
for y in 2023 2024 2025; do
    expect_golden "rules-show-$y" "$fsdecl" rules show $y
done
expect_exit 0 help "$fsdecl" --help
grep -q "rules show ANNÉE" "$tmp/out" || ko "--help does not list rules show"
expect_exit 0 version "$fsdecl" --version
grep -q "^fsdecl [0-9]" "$tmp/out" || ko "--version prints no version"
expect_exit 2 unknown-option "$fsdecl" --frobnicate
expect_exit 2 unknown-command "$fsdecl" frobnicate
expect_exit 2 show-missing-year "$fsdecl" rules show 1999
expect_exit 2 show-bad-year "$fsdecl" rules show deux-mille

# lint: 0 when clean, 2 with the errors printed as file:line: message
expect_exit 0 lint-clean "$fsdecl" rules lint "$src/rules/2023.cfg" "$src/rules/2024.cfg" "$src/rules/2025.cfg"
expect_exit 0 lint-lists "$fsdecl" rules lint "$src"/data/lists/*.cfg
bad=$src/tests/fixtures/rules/bad/duplicate-id.cfg
expect_exit 2 lint-bad "$fsdecl" rules lint "$bad"
grep -qx "$bad:48: identifiant « v2_aat » en double (déjà défini ligne 41)" "$tmp/out" || ko "lint-bad message: $(cat "$tmp/out")"
expect_exit 2 lint-mixed "$fsdecl" rules lint "$src/rules/2025.cfg" "$bad"
[ "$(wc -l <"$tmp/out")" -eq 2 ] || ko "lint-mixed should print one line per file"

# Where rules are found: --rules-dir wins over FSDECL_RULES_DIR, which wins over the sources.
mkdir -p "$tmp/amended"
sed 's/status = "official";/status = "provisional";/' "$src/rules/2025.cfg" >"$tmp/amended/2025.cfg"
expect_exit 0 rules-dir "$fsdecl" --rules-dir "$tmp/amended" rules
grep -q "2025      provisoire" "$tmp/out" || ko "--rules-dir not used: $(cat "$tmp/out")"
FSDECL_RULES_DIR=$tmp/amended expect_exit 0 rules-env "$fsdecl" rules
grep -q "2025      provisoire" "$tmp/out" || ko "FSDECL_RULES_DIR not used"
FSDECL_RULES_DIR=/nonexistent expect_exit 0 rules-dir-over-env "$fsdecl" --rules-dir "$tmp/amended" rules
grep -q "provisoire" "$tmp/out" || ko "--rules-dir should win over FSDECL_RULES_DIR"
expect_exit 2 rules-dir-empty "$fsdecl" --rules-dir "$tmp/nothing" rules

# A campaign that cannot be read is named with its error; the others are still listed.
cp "$src/rules/2024.cfg" "$tmp/amended/2024.cfg"
printf 'format = 1;\ncampaign = { year = 2026; };\n' >"$tmp/amended/2026.cfg"
expect_exit 2 rules-one-broken "$fsdecl" --rules-dir "$tmp/amended" rules
grep -q "2024      archivée" "$tmp/out" || ko "rules-one-broken: 2024 not listed"
grep -q "2026.cfg:2: clé obligatoire « scheme » absente dans « campaign »" "$tmp/err" || ko "rules-one-broken: $(cat "$tmp/err")"

# Text from a rules file never reaches the terminal raw.
printf 'format = 1;\ncampaign = { year = 2026; title = "\033[2J"; };\n' >"$tmp/esc.cfg"
"$fsdecl" rules lint "$tmp/esc.cfg" >"$tmp/out" 2>&1
if grep -q "$(printf '\033')" "$tmp/out"; then ko "escape sequence printed"; else ok; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
