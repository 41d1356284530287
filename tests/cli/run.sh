#!/bin/sh
# Command-line tests: output compared to golden files under a French locale, exit codes, where
# rules are found. Usage: run.sh FSDECL SOURCE_DIR
set -u
fsdecl=$1
src=$2
golden=$src/tests/cli/golden
. "$src/tests/cli/lib.sh"

# expect_golden NAME COMMAND... : stdout must equal golden/NAME.txt
# (FSDECL_UPDATE_GOLDEN=1 rewrites the golden files from this run: review the diff before committing)
expect_golden() {
    name=$1
    shift
    "$@" 2>"$tmp/err" | sed "s|$src|@SRC@|g" >"$tmp/$name.txt"
    [ -n "${FSDECL_UPDATE_GOLDEN:-}" ] && cp "$tmp/$name.txt" "$golden/$name.txt"
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
# Without a command fsdecl opens the wizard, which needs a terminal: one line and exit 2 otherwise.
expect_exit 2 wizard-no-terminal "$fsdecl" </dev/null
grep -qx "fsdecl : l'assistant demande un terminal ; sans terminal, utilisez les commandes (fsdecl --help)." "$tmp/err" || ko "wizard-no-terminal: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/err")" -eq 1 ] && ok || ko "wizard-no-terminal: more than one line"
# A terminal whose TERM the system does not know: fsdecl's own French sentence and exit 2 (not
# ncurses' English « Error opening terminal » and exit 1), in a pseudo-terminal made by script(1).
for t in nonexistent-term ""; do
    script -qec "env TERM=$t FSDECL_DATA_DIR='$tmp/store-term' '$fsdecl'; echo \"exit=\$?\"" /dev/null |
        tr -d '\r' >"$tmp/term"
    grep -q "^fsdecl : terminal inutilisable : .*(essayez TERM=xterm)$" "$tmp/term" && grep -qx "exit=2" "$tmp/term" &&
        ok || ko "wizard-unknown-term « $t »: $(cat "$tmp/term")"
done
# No locale at all (LANG=C, or a locale the system lacks): the wizard takes C.UTF-8's character
# handling and keeps its accents; a locale in another character set gets one line, without
# accents (they would not show in it), and exit 2.
printf 'dump %s\n' "$tmp/c-locale.txt" >"$tmp/c-locale.keys"
for loc in C POSIX xx_XX.UTF-8; do
    expect_exit 0 "wizard-locale-$loc" env LC_ALL=$loc FSDECL_SCRIPT="$tmp/c-locale.keys" FSDECL_DATA_DIR="$tmp/store-locale" "$fsdecl"
    grep -q "Vos déclarations" "$tmp/c-locale.txt" && ok || ko "wizard-locale-$loc: accents lost: $(head -5 "$tmp/c-locale.txt")"
done
if command -v localedef >/dev/null 2>&1 && localedef -i fr_FR -f ISO-8859-15 "$tmp/fr_FR.ISO-8859-15" 2>/dev/null; then
    expect_exit 2 wizard-locale-latin9 env LOCPATH="$tmp" LC_ALL=fr_FR.ISO-8859-15 "$fsdecl"
    grep -qx "fsdecl : l'assistant a besoin d'une locale UTF-8, et celle-ci est en ISO-8859-15 : .*" "$tmp/err" &&
        [ "$(wc -l <"$tmp/err")" -eq 1 ] && LC_ALL=C grep -qv '[^ -~]' "$tmp/err" && ok ||
        ko "wizard-locale-latin9: $(cat "$tmp/err")"
else
    echo "wizard-locale-latin9: no localedef with the fr_FR sources (package locales): not checked"
fi
expect_exit 2 unknown-option "$fsdecl" --frobnicate
expect_exit 2 unknown-command "$fsdecl" frobnicate
# The command's former name says what it became, and that nothing is sent.
expect_exit 2 transmit-renamed "$fsdecl" transmit data/examples/gp-complete.cfg
grep -qx "fsdecl : « transmit » s'appelle désormais « finalize » : elle finalise une version gardée sur cet ordinateur, sans rien envoyer à l'Assurance Maladie." "$tmp/err" &&
    ok || ko "transmit-renamed: $(cat "$tmp/err")"
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

# ---- fsdecl check ----------------------------------------------------------------------------
# Run from the source folder with relative paths, so that file names in the output (and the golden
# files) do not depend on where the sources are.
case $fsdecl in /*) ;; *) fsdecl=$(pwd)/$fsdecl ;; esac
src=$(cd "$src" && pwd)
cd "$src" || exit 1
golden=$src/tests/cli/golden
today=2025-12-20

# The examples: text output checked by hand against the guide, then kept as golden files; the
# verdict each one expects is in its header comment.
for ex in gp-complete gp-missing-proof specialist-exempt partial bad-identifiers hospital-dpi; do
    expect_golden "check-$ex" "$fsdecl" check --today $today "data/examples/$ex.cfg"
done
for pair in gp-complete:0 gp-missing-proof:1 specialist-exempt:0 partial:1 bad-identifiers:1 \
    hospital-dpi:0; do
    ex=${pair%:*}
    expect_exit "${pair#*:}" "check-exit-$ex" "$fsdecl" check --today $today "data/examples/$ex.cfg"
done
nex=$(ls data/examples/*.cfg | wc -l)
expect_exit 1 check-exit-all "$fsdecl" check --today $today data/examples/*.cfg
[ "$(grep -c '^== data/examples/' "$tmp/out")" -eq "$nex" ] || ko "check-exit-all: not every example printed"

# JSON: the same verdicts, golden for two examples, and a document that parses.
expect_golden_json() {
    name=$1
    shift
    "$@" 2>"$tmp/err" >"$tmp/$name.json"
    [ -n "${FSDECL_UPDATE_GOLDEN:-}" ] && cp "$tmp/$name.json" "$golden/$name.json"
    if diff -u "$golden/$name.json" "$tmp/$name.json" >"$tmp/diff"; then ok; else ko "$name.json differs:"; cat "$tmp/diff"; fi
}
expect_golden_json check-gp-missing-proof "$fsdecl" check --json --today $today data/examples/gp-missing-proof.cfg
expect_golden_json check-partial "$fsdecl" check --json --today $today data/examples/partial.cfg
expect_exit 0 check-json-exit-0 "$fsdecl" check --json --today $today data/examples/gp-complete.cfg
grep -q '"verdict":"complete"' "$tmp/out" || ko "check-json-exit-0: verdict not complete"
expect_exit 1 check-json-exit-1 "$fsdecl" check --json --today $today data/examples/gp-missing-proof.cfg
grep -q '"status":"waiting_proof"' "$tmp/out" || ko "check-json-exit-1: no waiting_proof"
expect_exit 2 check-json-all "$fsdecl" check --json --today $today data/examples/*.cfg "$tmp/none.cfg"
[ "$(grep -o '"file":' "$tmp/out" | wc -l)" -eq $((nex + 1)) ] || ko "check-json-all: not one result per file"
grep -q '"verdict":"unreadable"' "$tmp/out" || ko "check-json-all: unreadable file not reported"
[ -s "$tmp/err" ] && ko "check-json-all: stderr not empty: $(cat "$tmp/err")"
if command -v python3 >/dev/null 2>&1; then
    if python3 -m json.tool <"$tmp/out" >/dev/null 2>"$tmp/json-err"; then ok; else ko "check --json: invalid JSON: $(cat "$tmp/json-err")"; fi
fi

# Exit codes: 2 for a file that cannot be read; a malformed file among good ones does not stop
# the others being checked, and 2 wins over 1.
expect_exit 2 check-missing-file "$fsdecl" check --today $today "$tmp/none.cfg"
grep -q "none.cfg: ouverture impossible" "$tmp/err" || ko "check-missing-file: $(cat "$tmp/err")"
printf 'format = 1;\ncampaign = 2025;\nidentity = { last_name = = "DURAND"; };\n' >"$tmp/malformed.cfg"
expect_exit 2 check-malformed-among-good "$fsdecl" check --today $today \
    data/examples/gp-complete.cfg "$tmp/malformed.cfg" data/examples/gp-missing-proof.cfg
grep -q "^== data/examples/gp-complete.cfg " "$tmp/out" || ko "check-malformed-among-good: first file not checked"
grep -q "^== data/examples/gp-missing-proof.cfg " "$tmp/out" || ko "check-malformed-among-good: file after the bad one not checked"
grep -q "malformed.cfg:3: erreur de syntaxe" "$tmp/err" || ko "check-malformed-among-good: $(cat "$tmp/err")"
expect_exit 2 check-malformed-json "$fsdecl" check --json --today $today \
    data/examples/gp-complete.cfg "$tmp/malformed.cfg" data/examples/gp-missing-proof.cfg
[ "$(grep -o '"verdict":"[a-z]*"' "$tmp/out" | tr '\n' ' ')" = \
    '"verdict":"complete" "verdict":"unreadable" "verdict":"problems" ' ] || ko "check-malformed-json: $(cat "$tmp/out")"
expect_exit 2 check-problems-then-unreadable "$fsdecl" check --today $today \
    data/examples/gp-missing-proof.cfg "$tmp/none.cfg"
printf 'format = 1;\ncampaign = 2025;\nanswers = { v2_dmp = { numerateur = 3; }; };\n' >"$tmp/unknown-key.cfg"
expect_exit 2 check-unknown-key "$fsdecl" check --today $today "$tmp/unknown-key.cfg"
grep -q "unknown-key.cfg:3: clé inconnue « numerateur »" "$tmp/err" || ko "check-unknown-key: $(cat "$tmp/err")"
printf 'format = 2;\ncampaign = 2025;\n' >"$tmp/newer.cfg"
expect_exit 2 check-newer-format "$fsdecl" check --today $today "$tmp/newer.cfg"
grep -q "newer.cfg:1: brouillon au format 2" "$tmp/err" || ko "check-newer-format: $(cat "$tmp/err")"

# A declaration whose campaign has no rules file.
printf 'format = 1;\ncampaign = 2022;\n' >"$tmp/c2022.cfg"
expect_exit 2 check-no-rules "$fsdecl" check --today $today "$tmp/c2022.cfg"
grep -q "c2022.cfg: règles de la campagne 2022 introuvables ou illisibles" "$tmp/err" || ko "check-no-rules: $(cat "$tmp/err")"

# --today: a bad date is a usage error; so are no file and an unknown option.
expect_exit 2 check-today-impossible "$fsdecl" check --today 2025-02-30 data/examples/gp-complete.cfg
grep -q -- "--today attend une date AAAA-MM-JJ" "$tmp/err" || ko "check-today-impossible: $(cat "$tmp/err")"
[ -s "$tmp/out" ] && ko "check-today-impossible: something printed on stdout"
expect_exit 2 check-today-malformed "$fsdecl" check --today demain data/examples/gp-complete.cfg
expect_exit 2 check-no-file "$fsdecl" check --today $today
expect_exit 2 check-unknown-option "$fsdecl" check --frobnicate data/examples/gp-complete.cfg

# Text from a declaration never reaches the terminal raw. The loader refuses control characters in
# a name: its error is printed instead, without the escape sequence.
esc=$(printf '\033')
printf 'format = 1;\ncampaign = 2025;\nidentity = { last_name = "\033[2J"; };\n' >"$tmp/esc.cfg"
expect_exit 2 check-escape-name "$fsdecl" check --today $today "$tmp/esc.cfg"
grep -q "esc.cfg:3: « last_name » contient un caractère de contrôle" "$tmp/err" || ko "check-escape-name: $(cat "$tmp/err")"
if grep -q "$esc" "$tmp/out" "$tmp/err"; then ko "check-escape-name: escape sequence printed"; else ok; fi
"$fsdecl" check --json --today $today "$tmp/esc.cfg" >"$tmp/out" 2>&1
if grep -q "$esc" "$tmp/out"; then ko "check-escape-name --json: escape sequence printed"; else ok; fi
# ... nor does an escape sequence in a file name, in text or JSON.
escfile="$tmp/x${esc}[2Jy.cfg"
cp data/examples/gp-complete.cfg "$escfile"
"$fsdecl" check --today $today "$escfile" "$tmp/x${esc}[2Jnone.cfg" >"$tmp/out" 2>&1
if grep -q "$esc" "$tmp/out"; then ko "check-escape-file-name: escape sequence printed"; else ok; fi
grep -q "^== .*x?\[2Jy.cfg " "$tmp/out" || ko "check-escape-file-name: file name not shown sanitized: $(cat "$tmp/out")"
"$fsdecl" check --json --today $today "$escfile" >"$tmp/out" 2>&1
if grep -q "$esc" "$tmp/out"; then ko "check-escape-file-name --json: escape sequence printed"; else ok; fi
grep -q 'x?\[2Jy.cfg' "$tmp/out" || ko "check-escape-file-name --json: control character not replaced by ?"

# The DONUM 2026: where two readings of a criterion give different results, the indicator is
# « selon la lecture » and the points a range, in the text, the JSON and the recap. Checked by
# content, not golden files: the rest of the 2026 rules may still change.
amb=tests/fixtures/drafts/donum-2026-readings.cfg
expect_exit 0 check-readings "$fsdecl" check --today 2026-12-20 "$amb"
grep -q "^  selon la lecture  *0-60 pts  Autres téléservices" "$tmp/out" &&
    grep -q "^Total : 360 à 420 pts = 2 520,00 € à 2 940,00 €$" "$tmp/out" &&
    grep -q "« chacun des trois taux au-dessus de 30 % », l'indicateur n'est pas atteint.*(criterion.ambiguous)$" "$tmp/out" &&
    ok || ko "check-readings: no range from the two readings: $(cat "$tmp/out")"
expect_exit 0 check-json-readings "$fsdecl" check --json --today 2026-12-20 "$amb"
grep -q '"id":"v2_other_teleservices","volet":"volet2","label":"[^"]*","status":"ambiguous","min_tenths":0,"max_tenths":600' "$tmp/out" &&
    grep -q '"total":{"min_tenths":3600,"max_tenths":4200,"min_cents":252000,"max_cents":294000}' "$tmp/out" &&
    grep -q '"id":"criterion.ambiguous","severity":"warning","indicator":"v2_other_teleservices"' "$tmp/out" &&
    ok || ko "check-json-readings: no range from the two readings: $(cat "$tmp/out")"
expect_exit 0 recap-readings "$fsdecl" recap --today 2026-12-20 "$amb"
grep -q "^Total : 360 à 420 pts = 2 520,00 € à 2 940,00 € (selon la lecture des textes)$" "$tmp/out" &&
    ok || ko "recap-readings: the total does not say it rests on the reading of the texts"
expect_exit 0 rules-show-readings "$fsdecl" rules show 2026
[ "$(grep -c "^      Deux lectures (déduites) : " "$tmp/out")" -eq 3 ] && ok ||
    ko "rules-show-readings: the three ambiguous criteria of 2026 are not shown with two readings"

# ---- fsdecl recap -----------------------------------------------------------------------------
for ex in gp-missing-proof partial hospital-dpi bad-identifiers; do
    expect_golden "recap-$ex" "$fsdecl" recap --today $today "data/examples/$ex.cfg"
done
# The « à reporter sur Amelipro » sheet: text golden files, its JSON read back, and refused
# beside the paper forms.
for ex in gp-missing-proof partial; do
    expect_golden "amelipro-$ex" "$fsdecl" recap --amelipro --today $today "data/examples/$ex.cfg"
done
expect_exit 0 amelipro-json "$fsdecl" recap --amelipro --format json --today $today data/examples/partial.cfg
python3 - "$tmp/out" <<'PY' && ok || ko "recap --amelipro --format json: not the documented document"
import json, sys
d = json.load(open(sys.argv[1]))
assert list(d)[:4] == ["format", "campaign", "practitioner", "origin"], list(d)
assert d["sheet"] == "amelipro" and d["order_presumed"] is True
kinds = [e["kind"] for e in d["entries"]]
assert kinds[0] == "tab" and kinds[-3:] == ["attestation", "attestation", "submit"], kinds
assert d["unanswered"] == kinds.count("unanswered") > 0
PY
expect_exit 2 amelipro-form "$fsdecl" recap --amelipro --form data/examples/partial.cfg
grep -qx "fsdecl recap : --amelipro ne va ni avec --form ni avec --blank" "$tmp/err" || ko "amelipro-form: $(cat "$tmp/err")"
# An identifier left out is said, never dropped from the recap.
grep -v '^  am_number = ' data/examples/partial.cfg >"$tmp/no-am.cfg"
expect_exit 0 recap-no-am "$fsdecl" recap --today $today "$tmp/no-am.cfg"
grep -q "^N° AM du cabinet : non renseigné$" "$tmp/out" && ok || ko "recap-no-am: $(grep "AM" "$tmp/out")"
for ex in data/examples/*.cfg; do
    expect_exit 0 "recap-$ex" "$fsdecl" recap --today $today "$ex"
    grep -q "^Attestation sur l'honneur" "$tmp/out" || ko "recap-$ex: no commitments"
    expect_exit 0 "recap-json-$ex" "$fsdecl" recap --format json --today $today "$ex"
    if command -v python3 >/dev/null 2>&1; then
        python3 - "$tmp/out" <<'PY' && ok || ko "recap --format json: $ex does not follow docs/recap-format.md"
import json, sys
r = json.load(open(sys.argv[1]))
assert list(r) == ["format", "campaign", "practitioner", "origin", "volets", "total", "proofs",
                   "keep", "commitments"], list(r)
assert r["format"] == 1 and r["origin"]["transmitted"] is False
for v in r["volets"]:
    assert v["gate"] in ("none", "open", "unknown", "closed")
    for i in v["indicators"]:
        assert list(i) == ["id", "label", "kind", "answer", "estimate", "status", "min_tenths",
                           "max_tenths", "proofs"], list(i)
        assert i["kind"] in ("declarative", "declarative_prefilled", "computed")
        for p in i["proofs"]:
            assert p["state"] in ("to_send", "sent", "validated")
assert r["total"]["min_cents"] <= r["total"]["max_cents"]
PY
    fi
done
expect_exit 2 recap-bad-format "$fsdecl" recap --format doc data/examples/partial.cfg
grep -q "format attend text, json ou pdf" "$tmp/err" || ko "recap-bad-format: $(cat "$tmp/err")"
expect_exit 2 recap-missing "$fsdecl" recap "$tmp/none.cfg"
expect_exit 0 recap-output "$fsdecl" recap --today $today -o "$tmp/recap.txt" data/examples/partial.cfg
cmp -s "$tmp/recap.txt" "$golden/recap-partial.txt" && ok || ko "recap -o: not the same text"
# An output file is private (0600) whatever the umask, a file it replaces too; a folder, a link
# or a missing folder is refused with the file named and the reason, exit 2.
(umask 022 && "$fsdecl" recap --today $today -o "$tmp/mode.txt" data/examples/partial.cfg)
[ "$(stat -c %a "$tmp/mode.txt")" = 600 ] && ok || ko "recap -o: mode $(stat -c %a "$tmp/mode.txt"), not 600"
echo old >"$tmp/mode.pdf" && chmod 644 "$tmp/mode.pdf"
(umask 022 && "$fsdecl" recap --today $today --format pdf -o "$tmp/mode.pdf" data/examples/partial.cfg)
[ "$(stat -c %a "$tmp/mode.pdf")" = 600 ] && ok || ko "recap -o over a 0644 file: mode $(stat -c %a "$tmp/mode.pdf")"
expect_exit 2 recap-output-no-folder "$fsdecl" recap --today $today -o "$tmp/none/recap.txt" data/examples/partial.cfg
grep -q "$tmp/none/recap.txt: enregistrement impossible : Aucun fichier ou dossier de ce type ; rien n'a été enregistré" "$tmp/err" ||
    ko "recap -o in a missing folder: $(cat "$tmp/err")"
ln -s "$tmp/mode.txt" "$tmp/link.txt"
expect_exit 2 recap-output-link "$fsdecl" recap --today $today -o "$tmp/link.txt" data/examples/partial.cfg
grep -q "$tmp/link.txt: ce n'est pas un fichier ordinaire" "$tmp/err" || ko "recap -o on a link: $(cat "$tmp/err")"


# Bad drafts (docs/bad-input.md): each refused by check with exit 2, the file, the line where it is
# known and what is wrong. bad_draft LABEL FILE MESSAGE: MESSAGE is a pattern of one error line.
bad_draft() {
    expect_exit 2 "$1" "$fsdecl" check --today $today "$2"
    grep -q -- "^$2$3" "$tmp/err" && ok || ko "$1: '$3' not said: $(cat "$tmp/err")"
}
ex=data/examples/gp-complete.cfg
: >"$tmp/empty.cfg"
bad_draft draft-empty "$tmp/empty.cfg" ": clé obligatoire « format » absente$"
bad_draft draft-empty "$tmp/empty.cfg" ": clé obligatoire « campaign » absente$"
head -c 300 $ex >"$tmp/cut-string.cfg"
bad_draft draft-cut-in-string "$tmp/cut-string.cfg" ":9: chaîne non terminée : il manque le guillemet fermant sur cette ligne"
head -c 2000 "$fsdecl" >"$tmp/binary.cfg"
bad_draft draft-binary "$tmp/binary.cfg" ": octet nul dans le fichier : ce n'est pas un fichier texte$"
{ head -c 200 $ex; printf '\0'; tail -c +201 $ex; } >"$tmp/nul.cfg"
bad_draft draft-nul "$tmp/nul.cfg" ": octet nul dans le fichier : ce n'est pas un fichier texte$"
{ printf '\357\273\277'; cat $ex; } >"$tmp/bom.cfg"
bad_draft draft-bom "$tmp/bom.cfg" ":1: marque d'ordre des octets (BOM) en tête de fichier"
{ cat $ex; head -c 1048576 /dev/zero | tr '\0' '#'; } >"$tmp/huge.cfg"
bad_draft draft-huge "$tmp/huge.cfg" ": fichier trop volumineux ($(wc -c <"$tmp/huge.cfg") octets, au plus 1048576)$"
sed 's/^format = 1;/format = 1;\n@include "other.cfg"/' $ex >"$tmp/include.cfg"
bad_draft draft-include "$tmp/include.cfg" ":4: directive « @include » non autorisée"
sed 's/^format = 1;/format = 1;\nformat = 1;/' $ex >"$tmp/duplicate.cfg"
bad_draft draft-duplicate-key "$tmp/duplicate.cfg" ":4: clé en double$"
for bytes in '\377' '\300\257' '\355\240\200' '\364\220\200\200'; do # invalid, overlong, surrogate, > U+10FFFF
    sed "s/last_name = \"MARTIN\";/last_name = \"MA$(printf "$bytes")RTIN\";/" $ex >"$tmp/utf8.cfg"
    bad_draft draft-invalid-utf8 "$tmp/utf8.cfg" ":7: « last_name » n'est pas de l'UTF-8 valide$"
done
sed 's/v1_sesam_vitale = { value = "yes"; };/v1_sesam_vitale = { value = "\\x1b[2Jyes"; };/' $ex >"$tmp/esc-value.cfg"
bad_draft draft-escape-value "$tmp/esc-value.cfg" ":22: valeur « ?\[2Jyes » inconnue pour « value » : attendu yes, no$"
if grep -q "$(printf '\033')" "$tmp/err"; then ko "draft-escape-value: escape sequence printed"; else ok; fi
sed 's/date = "2025-12-15"/date = "31\/12\/2025"/' $ex >"$tmp/date-fr.cfg"
bad_draft draft-date-slashes "$tmp/date-fr.cfg" ":20: date « 31/12/2025 » mal formée pour « date » : attendu AAAA-MM-JJ$"
sed 's/numerator = 5400;/numerator = 99999999999;/' $ex >"$tmp/overflow.cfg"
bad_draft draft-overflow "$tmp/overflow.cfg" ":23: entier 99999999999 trop grand : au plus 2147483647$"
sed 's/numerator = 5400;/numerator = 2500L;/' $ex >"$tmp/int64.cfg"
bad_draft draft-int64 "$tmp/int64.cfg" ":23: « numerator » : entier trop grand, au plus 2147483647$"
sed 's/numerator = 5400;/numerator = 54.5;/' $ex >"$tmp/float.cfg"
bad_draft draft-float "$tmp/float.cfg" ":23: « numerator » doit être un entier : les nombres à virgule ne sont pas acceptés$"
# Nested thousands of levels deep: refused in French, with the line, before libconfig's parser
# gives up in English (« memory exhausted »); a rules file alike.
python3 -c 'print("format = 1;\ncampaign = 2025;\n" + "g = {" * 3000 + "v = 1;" + "};" * 3000)' >"$tmp/deep.cfg"
bad_draft draft-deep "$tmp/deep.cfg" ":3: imbrication trop profonde : plus de 64 groupes ou listes les uns dans les autres"
python3 -c 'print("x = " + "(" * 4000 + "1" + ")" * 4000 + ";")' >"$tmp/deep-list.cfg"
bad_draft draft-deep-list "$tmp/deep-list.cfg" ":1: imbrication trop profonde"
expect_exit 2 rules-deep "$fsdecl" rules lint "$tmp/deep.cfg"
grep -q "^$tmp/deep.cfg:3: imbrication trop profonde" "$tmp/out" "$tmp/err" && ok || ko "rules-deep: $(cat "$tmp/out" "$tmp/err")"
grep -q "memory exhausted" "$tmp/out" "$tmp/err" && ko "rules-deep: libconfig's English message" || ok
# An unknown campaign for « new »: the year refused with the usage, or the missing rules named.
expect_exit 2 new-year-invalid "$fsdecl" new --campaign 1999 --rpps 10001234565
grep -q "^fsdecl new : année invalide : 1999$" "$tmp/err" && grep -q "^Usage : fsdecl new" "$tmp/err" && ok ||
    ko "new-year-invalid: $(cat "$tmp/err")"
expect_exit 2 new-year-no-rules env FSDECL_DATA_DIR="$tmp/store-new" "$fsdecl" new --campaign 2031 --rpps 10001234565
grep -q "/rules/2031.cfg: ouverture impossible : Aucun fichier ou dossier de ce type$" "$tmp/err" && ok ||
    ko "new-year-no-rules: $(cat "$tmp/err")"
[ ! -e "$tmp/store-new/drafts/2031-10001234565.cfg" ] && ok || ko "new-year-no-rules: a draft was created"
# « fsdecl edit » without a terminal: the same one line as the wizard, exit 2.
expect_exit 2 edit-no-terminal env FSDECL_DATA_DIR="$tmp/store-new" "$fsdecl" edit 2025-10001234565 </dev/null
grep -qx "fsdecl : l'assistant demande un terminal ; sans terminal, utilisez les commandes (fsdecl --help)." "$tmp/err" &&
    [ "$(wc -l <"$tmp/err")" -eq 1 ] && ok || ko "edit-no-terminal: $(cat "$tmp/err")"

# Correcting a draft's RPPS, the trash: each command as typed, then what it prints (both streams)
# and its exit code; times (and the trash's IDs, made of one), fingerprints and the temporary
# folder made fixed.
story() { # story NAME: the commands on standard input, one a line, run against one store
    while IFS= read -r line; do
        echo "\$ fsdecl $line"
        eval "env FSDECL_DATA_DIR='$tmp/store-$1' '$fsdecl' $line" 2>&1
        echo "(sortie $?)"
    done | sed -E "s|$tmp|@TMP@|g; s/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}/@DATE@/g;
                   s/[0-9a-f]{64}/@SHA256@/g; s|[0-9]{2}/[0-9]{2}/[0-9]{4} à [0-9]{2}:[0-9]{2}|@DATE@|g;
                   s/[0-9]{8}-[0-9]{6}-([0-9]{4}-[0-9]{11})/@QUAND@-\1/g"
}
expect_golden rename story rename <<'EOS'
finalize --today 2025-12-20 data/examples/gp-complete.cfg >/dev/null
rename 2025-10001234565 --rpps 10001234573
history 2025-10001234573
rename 2025-10001234573 --rpps 1000123457
rename 2025-10001234573 --rpps 10001234573
rename 2025-10001234565 --rpps 10001234573
rename 2025-10001234573
finalize --today 2025-12-20 data/examples/gp-complete.cfg >/dev/null
rename 2025-10001234565 --rpps 10001234573
rename 2025-10001234565 --rpps 10001234574
drafts --today 2025-12-20 | cut -c1-50
check --today 2025-12-20 "$tmp/store-rename/drafts/2025-10001234574.cfg" | grep -e RPPS -e Verdict
finalize --today 2025-12-20 2025-10001234574
finalize --today 2025-12-20 2025-10001234574 --rpps-verified | head -2
check --today 2025-12-20 "$tmp/store-rename/drafts/2025-10001234574.cfg" | grep -e RPPS -e Verdict
history 2025-10001234574
EOS
expect_golden trash story trash <<'EOS'
finalize --today 2025-12-20 data/examples/gp-complete.cfg >/dev/null
delete 2025-10001234565 </dev/null
delete 2025-10001234565 --yes
delete 2025-10001234565 --yes
delete 2025-1000123456
trash
drafts | head -1
finalize --today 2025-12-20 data/examples/gp-complete.cfg >/dev/null
undelete $(ls "$tmp/store-trash/trash")
delete 2025-10001234565 --yes
undelete $(ls "$tmp/store-trash/trash" | head -1)
history 2025-10001234565
trash
undelete 20990101-000000-2025-10001234565
trash --empty </dev/null
trash --empty --yes
trash
trash --empty --yes
EOS
# On a terminal, delete and trash --empty ask (o/N): « n » (or nothing) changes nothing, « o » goes on.
export FSDECL_DATA_DIR="$tmp/store-ask"
"$fsdecl" finalize --today 2025-12-20 data/examples/gp-complete.cfg >/dev/null
for answer in n "" o; do
    printf '%s\n' "$answer" | script -qec "'$fsdecl' delete 2025-10001234565; echo exit=\$?" /dev/null |
        tr -d '\r' >"$tmp/ask"
    grep -q "^Supprimer le brouillon 2025-10001234565 (MARTIN Claire) ? Il ira à la corbeille, avec ses versions finalisées. (o/N) " "$tmp/ask" ||
        ko "delete-asks « $answer »: $(cat "$tmp/ask")"
    if [ "$answer" = o ]; then want=0 there=no; else want=1 there=yes; fi
    grep -qx "exit=$want" "$tmp/ask" && ok || ko "delete-asks « $answer »: $(cat "$tmp/ask")"
    [ -e "$tmp/store-ask/drafts/2025-10001234565.cfg" ] && is=yes || is=no
    [ $is = $there ] && ok || ko "delete-asks « $answer »: the draft there: $is"
done
printf 'o\n' | script -qec "'$fsdecl' trash --empty; echo exit=\$?" /dev/null | tr -d '\r' >"$tmp/ask"
grep -q "Vider la corbeille (1 brouillon, supprimé pour de bon) ? (o/N) Corbeille vidée" "$tmp/ask" &&
    grep -qx "exit=0" "$tmp/ask" && ok || ko "trash-empty-asks: $(cat "$tmp/ask")"
unset FSDECL_DATA_DIR

# Under a locale that is not UTF-8, commands still print their French text in UTF-8, the same as
# under fr_FR.UTF-8 (the wizard's behaviour there is another matter).
LC_ALL=C "$fsdecl" check --today $today data/examples/partial.cfg >"$tmp/c-locale.txt" 2>&1
"$fsdecl" check --today $today data/examples/partial.cfg >"$tmp/fr-locale.txt" 2>&1
grep -q "Prérequis" "$tmp/c-locale.txt" && cmp -s "$tmp/c-locale.txt" "$tmp/fr-locale.txt" && ok ||
    ko "commands-c-locale: not the same UTF-8 text: $(head -3 "$tmp/c-locale.txt")"

finish
