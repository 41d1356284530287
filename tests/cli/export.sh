#!/bin/sh
# Command-line tests of the batch commands: check over files, a folder and standard input in JSON
# Lines, drafts --json, and export of a campaign in CSV and JSON Lines (docs/export-format.md).
# Usage: export.sh FSDECL SOURCE_DIR
set -u
fsdecl=$1
src=$2
. "$src/tests/cli/lib.sh"
expect_err() { grep -q -- "$2" "$tmp/err" || ko "$1: '$2' not in errors: $(cat "$tmp/err")"; }
# lines_parse WHAT: every line of $tmp/out is one JSON value (jq reads them one by one)
lines_parse() {
    n=$(jq -c . <"$tmp/out" 2>"$tmp/jq" | wc -l)
    [ "$n" -eq "$(wc -l <"$tmp/out")" ] && [ ! -s "$tmp/jq" ] && ok || ko "$1: not one JSON object a line: $(cat "$tmp/jq")"
}

if ! command -v jq >/dev/null 2>&1; then
    ko "jq is not installed (apt-get install jq): the JSON Lines cannot be read"
    finish
    exit
fi
export LC_ALL=fr_FR.UTF-8 FSDECL_RULES_DIR= FSDECL_LISTS_DIR=
export FSDECL_DATA_DIR="$tmp/store"
cd "$src" || exit 2
today="--today 2025-12-20"

# ---- check --jsonl ------------------------------------------------------------------------------

# One object a line, in the order given, an unreadable file among them; the worst exit code.
expect_exit 2 jsonl-files "$fsdecl" check --jsonl $today data/examples/gp-complete.cfg /nonexistent.cfg data/examples/partial.cfg
lines_parse jsonl-files
[ "$(jq -r '.file + " " + .verdict' <"$tmp/out" | tr '\n' ';')" = "data/examples/gp-complete.cfg complete;/nonexistent.cfg unreadable;data/examples/partial.cfg problems;" ] &&
    ok || ko "jsonl-files: files and verdicts: $(cat "$tmp/out")"
[ "$(jq -r 'select(.verdict == "unreadable") | .errors[0]' <"$tmp/out")" = "/nonexistent.cfg: ouverture impossible : Aucun fichier ou dossier de ce type" ] &&
    ok || ko "jsonl-files: the unreadable file's error"
[ "$(jq -r '[.format, .today] | join(" ")' <"$tmp/out" | sort -u)" = "1 2025-12-20" ] && ok || ko "jsonl-files: format and today on every line"
# The same declaration as in the document of --json: each line is its object, format and today
# put first.
"$fsdecl" check --json $today data/examples/gp-complete.cfg /nonexistent.cfg data/examples/partial.cfg >"$tmp/doc.json"
jq -c '.declarations[]' <"$tmp/doc.json" >"$tmp/doc.lines"
jq -c 'del(.format, .today)' <"$tmp/out" >"$tmp/jsonl.lines"
cmp -s "$tmp/doc.lines" "$tmp/jsonl.lines" && ok || ko "jsonl-files: lines differ from the --json document"
expect_exit 1 jsonl-problems "$fsdecl" check --jsonl $today data/examples/partial.cfg data/examples/gp-complete.cfg
expect_exit 0 jsonl-complete "$fsdecl" check --jsonl $today data/examples/gp-complete.cfg

# A folder: its *.cfg, sorted by name; other files are not read.
mkdir "$tmp/dir"
cp data/examples/partial.cfg "$tmp/dir/b.cfg"
cp data/examples/gp-complete.cfg "$tmp/dir/a.cfg"
echo "not a draft" >"$tmp/dir/notes.txt"
printf 'format = 1;\ncampaign = 2025;\nidentity = { rpps = 12; };\n' >"$tmp/dir/c.cfg"
expect_exit 2 jsonl-dir "$fsdecl" check --jsonl $today "$tmp/dir"
lines_parse jsonl-dir
[ "$(jq -r '.file' <"$tmp/out" | sed "s|$tmp/dir/||" | tr '\n' ' ')" = "a.cfg b.cfg c.cfg " ] && ok || ko "jsonl-dir: files $(jq -r .file <"$tmp/out")"
# a malformed draft in a batch is named with its line
jq -r 'select(.verdict == "unreadable") | .errors[]' <"$tmp/out" | grep -q "^$tmp/dir/c.cfg:3: " && ok ||
    ko "jsonl-dir: the malformed draft's line: $(cat "$tmp/out")"
# A folder that cannot be read is one line with its error, and the others go on.
expect_exit 2 jsonl-nodir "$fsdecl" check --jsonl $today "$tmp/dir/" "$tmp/nodir/"
[ "$(jq -r 'select(.file == "'"$tmp"'/nodir/") | .verdict' <"$tmp/out")" = unreadable ] && ok || ko "jsonl-nodir: $(tail -1 "$tmp/out")"
[ "$(wc -l <"$tmp/out")" -eq 4 ] && ok || ko "jsonl-nodir: 4 lines expected"

# Standard input: one path a line (CRLF and empty lines taken), with - or --stdin, in its place.
printf '%s\r\n\n%s\n' data/examples/gp-complete.cfg data/examples/partial.cfg >"$tmp/list"
expect_exit 1 jsonl-stdin sh -c '"$0" check --jsonl --today 2025-12-20 --stdin <"$1"' "$fsdecl" "$tmp/list"
[ "$(jq -r .file <"$tmp/out" | tr '\n' ' ')" = "data/examples/gp-complete.cfg data/examples/partial.cfg " ] && ok || ko "jsonl-stdin: $(cat "$tmp/out")"
expect_exit 1 jsonl-dash sh -c '"$0" check --jsonl --today 2025-12-20 data/examples/hospital-dpi.cfg - data/examples/gp-2023.cfg <"$1"' "$fsdecl" "$tmp/list"
[ "$(jq -r .file <"$tmp/out" | sed 's|data/examples/||' | tr '\n' ' ')" = "hospital-dpi.cfg gp-complete.cfg partial.cfg gp-2023.cfg " ] && ok || ko "jsonl-dash: order $(jq -r .file <"$tmp/out")"
# The text output takes the same inputs.
expect_exit 1 text-stdin sh -c '"$0" check --today 2025-12-20 - <"$1"' "$fsdecl" "$tmp/list"
[ "$(grep '^== ' "$tmp/out" | cut -d' ' -f2 | tr '\n' ' ')" = "data/examples/gp-complete.cfg data/examples/partial.cfg " ] && ok || ko "text-stdin: $(grep '^== ' "$tmp/out")"
# one blank line between two judgements, none after the last, whatever was unreadable between
expect_exit 2 text-between "$fsdecl" check $today data/examples/gp-complete.cfg /nonexistent.cfg data/examples/partial.cfg /nonexistent.cfg
[ "$(grep -B1 '^== ' "$tmp/out" | head -1)" = "== data/examples/gp-complete.cfg — MARTIN Claire — Forfait structure 2025" ] &&
    [ "$(grep -B1 '^== data/examples/partial' "$tmp/out" | head -1)" = "" ] && [ -n "$(tail -1 "$tmp/out")" ] &&
    ok || ko "text-between: blank lines"
# Usage: nothing to check; --json and --jsonl together.
expect_exit 2 check-nothing "$fsdecl" check --jsonl
expect_err check-nothing "indiquez des fichiers, un dossier, ou -"
expect_exit 2 check-both "$fsdecl" check --json --jsonl data/examples/gp-complete.cfg
[ ! -s "$tmp/out" ] && ok || ko "check-both: output written"
# A file name holding control characters never reaches the output raw.
bad=$(printf '%s/evil\033]0;x\007.cfg' "$tmp")
cp data/examples/gp-complete.cfg "$bad"
expect_exit 0 jsonl-control "$fsdecl" check --jsonl $today "$bad"
LC_ALL=C grep -q "$(printf '[\033\007]')" "$tmp/out" && ko "jsonl-control: raw control characters" || ok
lines_parse jsonl-control

# ---- the store: drafts --json and export ---------------------------------------------------------

mkdir -p "$tmp/store/drafts" "$tmp/store/history"
chmod 700 "$tmp/store" "$tmp/store/drafts" "$tmp/store/history"
for f in data/examples/*.cfg; do
    y=$(sed -n 's/^campaign *= *\([0-9]*\);.*/\1/p' "$f")
    r=$(sed -n 's/^ *rpps *= *"\([0-9]*\)".*/\1/p' "$f" | head -1)
    cp "$f" "$tmp/store/drafts/$y-$r.cfg"
done
# an address on two lines and a name with a comma and a quote: quoted in CSV
sed -e 's/address = "[^"]*"/address = "12 rue des Tilleuls\\nBât. B, 2e étage"/' \
    -e 's/first_name = "Claire"/first_name = "Claire, dite \\"Clo\\""/' \
    data/examples/gp-complete.cfg >"$tmp/store/drafts/2025-10001234565.cfg"
printf 'format = 1;\ncampaign = 2025;\nidentity = {\n  rpps = "10007777770"\n  oops\n};\n' >"$tmp/store/drafts/2025-10007777770.cfg"
chmod 600 "$tmp/store/drafts"/*
expect_exit 0 finalize "$fsdecl" finalize $today 2025-10002876547
expect_exit 0 declared "$fsdecl" declared $today --paper --on 2025-12-20 2025-10002876547

expect_exit 2 drafts-json "$fsdecl" drafts --json $today
lines_parse drafts-json
[ "$(wc -l <"$tmp/out")" -eq 8 ] && ok || ko "drafts-json: 8 drafts expected: $(cat "$tmp/out")"
expect_err drafts-json "2025-10007777770.cfg:6: erreur de syntaxe"
[ "$(jq -r 'select(.name == "2025-10002876547") | [.state, .versions_count, .versions[0].number, (.versions[0].sha256 | length), .declared.route, .declared.date, .min_cents, .min_euros] | map(tostring) | join(" ")' <"$tmp/out")" = \
    "judged 1 1 64 paper 2025-12-20 476000 4760.00" ] && ok || ko "drafts-json: the finalised draft: $(grep 10002876547 "$tmp/out")"
[ "$(jq -r 'select(.name == "2025-10001234565") | .state_words' <"$tmp/out")" = "complète" ] && ok || ko "drafts-json: state words"
[ "$(jq -r 'select(.name == "2025-10007777770") | [.state, .min_cents] | map(tostring) | join(" ")' <"$tmp/out")" = "unreadable null" ] && ok || ko "drafts-json: the unreadable draft"

# CSV: a header, one row per draft of the campaign (not 2023's), CRLF, the unreadable row
# with its error; exit 2 because of it.
expect_exit 2 export-csv "$fsdecl" export $today --campaign 2025 --format csv
expect_err export-csv "2025-10007777770.cfg:6: erreur de syntaxe"
cp "$tmp/out" "$tmp/export.csv"
# rows end with CRLF; a line break inside an address is the address's own LF
[ "$(grep -c "$(printf '\r$')" "$tmp/export.csv")" -eq 8 ] && ok || ko "export-csv: header and 7 rows ending with CRLF"
[ "$(wc -l <"$tmp/export.csv")" -gt 8 ] && ok || ko "export-csv: the addresses on two lines"
head -1 "$tmp/export.csv" | grep -q '^campaign,draft,state,error,saved,last_name,first_name,rpps,' && ok || ko "export-csv: header $(head -c 200 "$tmp/export.csv")"
head -1 "$tmp/export.csv" | grep -q ',v2_coding.status,' && ok || ko "export-csv: a column per indicator field"
grep -q '"Claire, dite ""Clo"""' "$tmp/export.csv" && ok || ko "export-csv: quoting of a comma and quotes"
grep -q '"12 rue des Tilleuls' "$tmp/export.csv" && ok || ko "export-csv: a multi-line address quoted"
grep -q '^2025,2025-10007777770,unreadable,.*2025-10007777770.cfg:6: erreur de syntaxe' "$tmp/export.csv" && ok || ko "export-csv: the unreadable row"
grep -q '^2025,2025-10002876547,judged,,.*,4760.00,4760.00,.*,1,1,.*,paper,2025-12-20,' "$tmp/export.csv" && ok || ko "export-csv: the finalised draft's amounts and declaration: $(grep 10002876547 "$tmp/export.csv" | head -c 400)"
grep -q '^2023,' "$tmp/export.csv" && ko "export-csv: another campaign's draft" || ok

# JSON Lines: the same rows; cents as integers, euros as strings.
expect_exit 2 export-jsonl "$fsdecl" export $today --campaign 2025 --format jsonl
lines_parse export-jsonl
[ "$(wc -l <"$tmp/out")" -eq 7 ] && ok || ko "export-jsonl: 7 rows"
[ "$(jq -r 'select(.draft == "2025-10002876547") | [.min_cents, .min_euros, .min_tenths, .min_points, .["v2_coding.status"]] | map(tostring) | join(" ")' <"$tmp/out")" = "476000 4760.00 6800 680.0 met" ] &&
    ok || ko "export-jsonl: amounts: $(grep 10002876547 "$tmp/out" | head -c 600)"
[ "$(jq -r 'select(.draft == "2025-10001234565") | .address' <"$tmp/out")" = "12 rue des Tilleuls
Bât. B, 2e étage" ] && ok || ko "export-jsonl: the address"
# sums agree with drafts --json
"$fsdecl" drafts --json $today 2>/dev/null | jq -s '[.[] | select(.campaign == 2025) | .max_cents // 0] | add' >"$tmp/sum.drafts"
jq -s '[.[] | .max_cents // 0] | add' <"$tmp/out" >"$tmp/sum.export"
cmp -s "$tmp/sum.drafts" "$tmp/sum.export" && ok || ko "export-jsonl: sum of max_cents $(cat "$tmp/sum.export") against drafts --json $(cat "$tmp/sum.drafts")"

# -o: the file is written whole; a failed export leaves the earlier file as it was.
rm "$tmp/store/drafts/2025-10007777770.cfg"
expect_exit 0 export-o "$fsdecl" export $today --campaign 2025 --format csv -o "$tmp/out.csv"
expect_err export-o "6 brouillons de la campagne 2025 exportés"
[ "$(grep -c "$(printf '\r$')" "$tmp/out.csv")" -eq 7 ] && ok || ko "export-o: header and 6 rows"
cp "$tmp/out.csv" "$tmp/before.csv"
# a campaign without rules: nothing written, the earlier file kept, no temporary file left
expect_exit 2 export-o-fail "$fsdecl" export $today --campaign 1999 --format csv -o "$tmp/out.csv"
cmp -s "$tmp/out.csv" "$tmp/before.csv" && ok || ko "export-o-fail: the earlier file changed"
[ "$(ls "$tmp" | grep -c 'out.csv.')" -eq 0 ] && ok || ko "export-o-fail: a temporary file left"
expect_exit 2 export-bad-format "$fsdecl" export --campaign 2025 --format xlsx
expect_err export-bad-format "--format attend csv ou jsonl"
expect_exit 2 export-no-rules "$fsdecl" export --campaign 1999 --format csv
[ ! -s "$tmp/out" ] && ok || ko "export-no-rules: output written"
expect_exit 2 export-no-campaign "$fsdecl" export --format csv

finish
