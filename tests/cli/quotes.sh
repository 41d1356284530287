#!/bin/sh
# Every quotation « … » in a rules or list file is found word for word in a seed document the file
# cites, or among the public texts' wordings listed in docs/sources.md (« Quoted wordings »). A cut
# is marked […] or …; case, spaces, line breaks, apostrophes and the seeds' markdown (**, #) do not
# count. Exit 77 (skipped) when the seeds are not beside the checkout (shared/seeds).
# Usage: quotes.sh SOURCE_DIR [SEEDS_DIR]
set -u
src=$1
seeds=${2:-$src/../shared/seeds}
fsdecl=unused
. "$src/tests/cli/lib.sh"
if [ ! -d "$seeds" ]; then
    echo "no seed documents in $seeds: quotations not checked"
    exit 77
fi
# The public texts' wordings: the lines of docs/sources.md's list, each « … ».
sed -n '/^## Quoted wordings of the public texts/,/^## /p' "$src/docs/sources.md" >"$tmp/public"

# quotations FILE: each quotation of FILE on one line (nested « » kept inside the outer one).
quotations() {
    awk 'BEGIN { qo = "«"; qc = "»" }
    { text = text $0 " " }
    END {
        depth = 0; q = ""
        n = length(text)
        for (i = 1; i <= n; i++) {
            c = substr(text, i, 2)
            if (c == qo) {
                if (depth++ > 0) q = q c
                i++; continue
            }
            if (c == qc && depth > 0) {
                if (--depth == 0) { print q; q = "" } else q = q c
                i++; continue
            }
            if (depth > 0) q = q substr(text, i, 1)
        }
    }' "$1"
}

nbsp=$(printf '\302\240') nnbsp=$(printf '\342\200\257') # no-break spaces
# squeeze: one line, lower case, without spaces, markdown, quote marks or apostrophe variants.
squeeze() {
    tr '\n' ' ' | sed "s/\*\*//g; s/#//g; s/’/'/g; s/[«»\"]//g; s/\^{\([^}]*\)}/\1/g; s/$nbsp//g; s/$nnbsp//g" | tr -d ' \t\r' |
        tr 'A-Z' 'a-z' | sed 's/É/é/g; s/È/è/g; s/Ê/ê/g; s/À/à/g; s/Ç/ç/g; s/Ô/ô/g; s/Î/î/g'
}

squeeze <"$tmp/public" >"$tmp/public.sq"
for f in "$src"/rules/*.cfg "$src"/data/lists/*.cfg; do
    : >"$tmp/cited.sq"
    for s in $(grep -o 'file = "[0-9][0-9][0-9]_[0-9a-f]*\.txt"' "$f" | sed 's/file = "//; s/"$//' | sort -u); do
        [ -f "$seeds/$s" ] || { ko "$f: cites $s, not in $seeds"; continue; }
        squeeze <"$seeds/$s" >>"$tmp/cited.sq"
        echo >>"$tmp/cited.sq"
    done
    quotations "$f" >"$tmp/quotes"
    while IFS= read -r q; do
        # each piece between cuts, of more than two characters, is found
        missing=$(printf '%s\n' "$q" | sed 's/\[…\]/\n/g; s/…/\n/g' | while IFS= read -r piece; do
            p=$(printf '%s' "$piece" | squeeze)
            [ ${#p} -le 2 ] && continue
            grep -qF -- "$p" "$tmp/cited.sq" "$tmp/public.sq" || echo "$piece"
        done)
        [ -z "$missing" ] && ok || ko "$(basename "$f"): « $q » is in no source it cites"
    done <"$tmp/quotes"
done
[ "$pass" -gt 100 ] || ko "only $pass quotations checked: is the quotation reader broken?"
finish
