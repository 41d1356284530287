#!/bin/sh
# The manual page: renders without warnings, names every command, option and wizard key.
# Usage: man.sh FSDECL_1 FSDECL SOURCE_DIR
set -u
page=$1
fsdecl=$2
src=$3
. "$src/tests/cli/lib.sh"
export LC_ALL=fr_FR.UTF-8
if groff -ww -z -man -Kutf8 "$page" 2>"$tmp/warn" && [ ! -s "$tmp/warn" ]; then ok; else ko "groff warnings: $(cat "$tmp/warn")"; fi
if command -v man >/dev/null 2>&1; then
    MANWIDTH=80 man -l "$page" >"$tmp/man" 2>"$tmp/warn"
    [ -s "$tmp/warn" ] && ko "man -l warnings: $(cat "$tmp/warn")" || ok
else
    groff -man -Tutf8 -Kutf8 "$page" >"$tmp/man" 2>/dev/null
fi
# plain text whatever the renderer: no overstrike (Debian's groff writes bold as C\bC), no SGR
sed 's/.\x08//g; s/\x1b\[[0-9;]*m//g; s/‐//g' "$tmp/man" | tr -s ' \n' '  ' >"$tmp/flat"
# every command and every option of --help is in the page
"$fsdecl" --help | sed -n 's/^  \([a-z][a-z ]*[a-z]\).*/\1/p' | sed 's/  .*//' | while read -r cmd; do
    grep -q -- "$cmd" "$tmp/flat" || echo "$cmd"
done >"$tmp/missing"
"$fsdecl" --help | grep -o -- '--[a-z-]*' | sort -u | while read -r opt; do
    grep -q -- "$opt" "$tmp/flat" || echo "$opt"
done >>"$tmp/missing"
[ -s "$tmp/missing" ] && ko "not in the page: $(cat "$tmp/missing")" || ok
for key in "F1" "F2" "F3" "F10" "Ce qui manque" "Enregistrer" "TOUCHES DE L'ASSISTANT" "CODES DE SORTIE"; do
    grep -q -- "$key" "$tmp/flat" && ok || ko "not in the page: $key"
done
finish
