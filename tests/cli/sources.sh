#!/bin/sh
# Every document the rules and lists cite is described in docs/sources.md: each seed file has a
# section headed by its name, each section of a public text (file = "pub") a row of the table.
# Usage: sources.sh SOURCE_DIR
set -u
src=$1
fsdecl=unused
. "$src/tests/cli/lib.sh"
doc="$src/docs/sources.md"

# Each citation as "FILE<TAB>SECTION" (SECTION only for "pub"), whether written on one line or
# several: a citation's keys are read up to its closing brace.
citations() {
    awk '{ text = text $0 "\n" }
    END {
        rest = text
        while (match(rest, /file = "[^"]*"/)) {
            f = substr(rest, RSTART + 8, RLENGTH - 9)
            rest = substr(rest, RSTART + RLENGTH)
            sec = ""
            end = index(rest, "}")
            if (f == "pub" && match(rest, /section = "[^"]*"/) && RSTART < end)
                sec = substr(rest, RSTART + 11, RLENGTH - 12)
            print f "\t" sec
        }
    }' "$1"
}

for f in "$src"/rules/*.cfg "$src"/data/lists/*.cfg; do
    citations "$f" >"$tmp/cited"
    [ -s "$tmp/cited" ] && ok || ko "$f: no citation found (a layout this test cannot read?)"
    while IFS='	' read -r file section; do
        if [ "$file" = pub ]; then
            [ -n "$section" ] || { ko "$f: a « pub » citation without a section"; continue; }
            grep -qF "| \`$section\` |" "$doc" && ok ||
                ko "$f: the public text « $section » has no row in docs/sources.md"
        else
            grep -qF "## \`$file\`" "$doc" && ok || ko "$f: $file is not described in docs/sources.md"
        fi
    done <"$tmp/cited"
done
finish
