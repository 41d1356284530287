#!/bin/sh
# The PDF recap and paper forms, read back with poppler: A4 pages, the DejaVu font embedded, every
# indicator and the totals and accented words found in the text, a page rendered as an image,
# two runs byte for byte the same, and the recap of a transmitted version equal to its draft's but
# for the version it names.
# Usage: pdf.sh FSDECL SOURCE_DIR [NOT_HPDF_DIR]   (a folder holding a library with libharu's name
# and none of its functions)
set -u
fsdecl=$1
src=$2
not_hpdf=${3:-}
. "$src/tests/cli/lib.sh"
for tool in pdfinfo pdffonts pdftotext pdftoppm; do
    command -v $tool >/dev/null 2>&1 || { ko "$tool missing: run scripts/setup.sh --tests (poppler-utils)"; finish; exit 1; }
done
export LC_ALL=C.UTF-8 FSDECL_RULES_DIR= FSDECL_LISTS_DIR= FSDECL_DATA_DIR="$tmp/store"
cd "$src" || exit 2
today="--today 2025-12-20"

# check_pdf WHAT FILE: A4, fonts embedded, renders, read back without a warning (text copied out
# of it is what was written), and clean for qpdf when it is there
check_pdf() {
    pdfinfo "$2" >"$tmp/info" 2>&1
    grep -q "^Page size: *595.276 x 841.89 pts (A4)" "$tmp/info" && ok || ko "$1: not A4: $(cat "$tmp/info")"
    pages=$(sed -n 's/^Pages: *//p' "$tmp/info")
    [ "${pages:-0}" -ge 1 ] && ok || ko "$1: no page"
    pdffonts "$2" 2>/dev/null | grep DejaVu >"$tmp/fonts"
    [ -s "$tmp/fonts" ] && ! grep -qv " yes yes yes " "$tmp/fonts" && ok || ko "$1: fonts not embedded: $(cat "$tmp/fonts")"
    rm -f "$tmp/page"*.png
    pdftoppm -r 40 -f 1 -l 1 -png "$2" "$tmp/page" 2>/dev/null && ls "$tmp/page"*.png >/dev/null 2>&1 && ok ||
        ko "$1: the first page does not render"
    pdftotext "$2" - 2>"$tmp/warned" | tr -d ' \n' >"$tmp/flat"
    [ ! -s "$tmp/warned" ] && ok || ko "$1: poppler warns: $(sort -u "$tmp/warned")"
    if command -v qpdf >/dev/null 2>&1; then
        qpdf --check "$2" >"$tmp/qpdf" 2>&1 && grep -q "No syntax or stream encoding errors" "$tmp/qpdf" &&
            ok || ko "$1: qpdf --check: $(cat "$tmp/qpdf")"
    fi
}
# found WHAT TEXT: TEXT (spaces aside) in the last PDF read
found() { f=$(printf %s "$2" | tr -d ' '); grep -qF -- "$f" "$tmp/flat" && ok || ko "$1: « $2 » not in the PDF"; }

for ex in gp-complete gp-missing-proof specialist-exempt partial hospital-dpi gp-2023; do
    file=data/examples/$ex.cfg
    t=$today
    [ $ex = gp-2023 ] && t="--today 2024-01-20"
    expect_exit 0 "pdf-$ex" "$fsdecl" recap $t "$file" --format pdf -o "$tmp/$ex.pdf"
    check_pdf "pdf-$ex" "$tmp/$ex.pdf"
    "$fsdecl" recap $t "$file" >"$tmp/$ex.txt"
    sed -n 's/^  - //p' "$tmp/$ex.txt" | while read -r label; do found "pdf-$ex" "$label"; done
    found "pdf-$ex" "$(sed -n 's/^Total : //p' "$tmp/$ex.txt" | sed 's/ (.*//')"
    found "pdf-$ex" "Récapitulatif de la déclaration"
    found "pdf-$ex" "Je certifie l'exactitude des informations saisies"
    expect_exit 0 "pdf-$ex-again" "$fsdecl" recap $t "$file" --format pdf -o "$tmp/$ex-2.pdf"
    cmp -s "$tmp/$ex.pdf" "$tmp/$ex-2.pdf" && ok || ko "pdf-$ex: two runs differ"
    expect_exit 0 "form-$ex" "$fsdecl" recap $t "$file" --form -o "$tmp/$ex-form.pdf"
    check_pdf "form-$ex" "$tmp/$ex-form.pdf"
    found "form-$ex" "formulaire papier"
    found "form-$ex" "Signature du praticien"
    found "form-$ex" "Fait à"
done

# The « à reporter sur Amelipro » sheet: one or two pages, a box « fait » beside each line, every
# line of the text sheet in it.
for ex in gp-missing-proof partial hospital-dpi; do
    expect_exit 0 "amelipro-$ex" "$fsdecl" recap --amelipro $today "data/examples/$ex.cfg" --format pdf -o "$tmp/am-$ex.pdf"
    check_pdf "amelipro-$ex" "$tmp/am-$ex.pdf"
    [ "$pages" -le 2 ] && ok || ko "amelipro-$ex: $pages pages"
    found "amelipro-$ex" "À reporter sur Amelipro"
    found "amelipro-$ex" "□ fait"
    found "amelipro-$ex" "ordre présumé"
    "$fsdecl" recap --amelipro $today "data/examples/$ex.cfg" >"$tmp/am-$ex.txt"
    sed -n 's/^  - \(Cochez : \|Justificatif : \)\{0,1\}//p' "$tmp/am-$ex.txt" | while read -r label; do found "amelipro-$ex" "$label"; done
    [ "$(grep -c '^  - ' "$tmp/am-$ex.txt")" -eq "$(pdftotext "$tmp/am-$ex.pdf" - | grep -c '□ fait')" ] && ok ||
        ko "amelipro-$ex: not one box per line"
done

for y in 2023 2024 2025 2026; do
    expect_exit 0 "blank-$y" "$fsdecl" recap --blank --campaign $y -o "$tmp/blank-$y.pdf"
    check_pdf "blank-$y" "$tmp/blank-$y.pdf"
    "$fsdecl" rules show $y | sed -n 's/^ *[0-9]*\. \(.*\)  \[.*\]$/\1/p' | while read -r label; do
        found "blank-$y" "$label"
    done
done

# A PDF never goes to a terminal; a missing font is said.
expect_exit 2 pdf-no-font env FSDECL_FONT=/nonexistent.ttf "$fsdecl" recap $today data/examples/gp-complete.cfg --format pdf -o "$tmp/x.pdf"
grep -q "/nonexistent.ttf: police illisible" "$tmp/err" && ok || ko "pdf-no-font: $(cat "$tmp/err")"

# libharu is loaded only to make a PDF: broken, it is named, and the text recap still works.
if [ -n "$not_hpdf" ]; then
    expect_exit 2 pdf-no-libharu env LD_LIBRARY_PATH="$not_hpdf" "$fsdecl" recap $today data/examples/gp-complete.cfg --format pdf -o "$tmp/y.pdf"
    grep -q "bibliothèque PDF libhpdf.*incomplète : HPDF_[A-Za-z]* absente" "$tmp/err" && ok || ko "pdf-no-libharu: $(cat "$tmp/err")"
    [ -e "$tmp/y.pdf" ] && ko "pdf-no-libharu: a file was written" || ok
    expect_exit 0 text-no-libharu env LD_LIBRARY_PATH="$not_hpdf" "$fsdecl" recap $today data/examples/gp-complete.cfg
fi

# Text copied out of the PDF is the text written: the ToUnicode maps are the identity over what
# is drawn, accents, dashes, euros and bullets included.
pdftotext "$tmp/gp-complete.pdf" - 2>/dev/null >"$tmp/copied"
for text in "fsdecl — récapitulatif — Forfait structure 2025" "Caisse de rattachement : CPAM de Paris" "€"; do
    grep -qF -- "$text" "$tmp/copied" && ok || ko "pdf-copied: « $text » not read back"
done

# A line never begins with what French keeps with the word before it (« % », « € », « ; », « » »),
# nor breaks a number's digit groups: « (75,0 % ) », « 2 520,00 € », « 1 000 » stay whole.
expect_exit 0 pdf-2026 "$fsdecl" recap --today 2026-12-20 tests/fixtures/drafts/donum-2026-readings.cfg --format pdf -o "$tmp/2026.pdf"
check_pdf pdf-2026 "$tmp/2026.pdf"
pdftotext -layout "$tmp/2026.pdf" - 2>/dev/null >"$tmp/2026.txt"
grep -nE '(^|   )(%|€|;|:|»)' "$tmp/2026.txt" >"$tmp/split" && ko "pdf-2026: a line starts with what belongs to the previous one: $(cat "$tmp/split")" || ok
grep -qF "(75,0 %)" "$tmp/2026.txt" && ok || ko "pdf-2026: « (75,0 %) » split"
# The socle's points and worth, and a heading never left alone at the foot of a page.
grep -q "Total du volet : 280 pts = 1 960,00 €" "$tmp/2026.txt" && ok || ko "pdf-2026: the socle's total has no euros"
awk '/Justificatifs envoyés/ { h = NR } /Page [0-9]+ \/ [0-9]+/ && h && NR - h < 4 { bad = 1 } END { exit bad }' "$tmp/2026.txt" && ok ||
    ko "pdf-2026: a heading is left at the foot of a page"

# The recap of a transmitted version is its draft's, but for the version it names.
expect_exit 0 transmit "$fsdecl" finalize $today data/examples/gp-complete.cfg
expect_exit 0 recap-version "$fsdecl" recap $today 2025-10001234565/v1 --format pdf -o "$tmp/v1.pdf"
# the text without what pagination repeats (the version's lines may move a row to another page)
unpaged() { tr -d "\f" | grep -v "^Page [0-9]* / [0-9]*$\|^fsdecl — récapitulatif — \|^Indicateur$\|^Réponse$\|^Type, état$\|^Points$\|^$"; }
pdftotext "$tmp/v1.pdf" - 2>/dev/null | grep -v "^Version 1 finalisée\|^Empreinte\|^[0-9a-f]\{64\}$" | unpaged >"$tmp/v1.txt"
pdftotext "$tmp/gp-complete.pdf" - 2>/dev/null | grep -v "^Brouillon : aucune version finalisée" | unpaged >"$tmp/draft.txt"
diff "$tmp/v1.txt" "$tmp/draft.txt" >"$tmp/diff" && ok || { ko "recap-version differs from the draft's:"; cat "$tmp/diff"; }
finish
