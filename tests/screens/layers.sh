#!/bin/sh
# The layering of screens/: every module has a layer, and a file may include only the headers of
# its own module or of a lower layer. Two modules of one layer never include each other, so the
# include graph has no circle and no arrow back up (docs/architecture.md draws it). Only the loop of
# app.c waits for a key: no other file reads the terminal or the script.
# Usage: layers.sh SOURCE_DIR
set -u
src=$(cd "$1" && pwd)
. "$src/tests/cli/lib.sh"

# module layer, the bottom first
cat >"$tmp/layers" <<'LAYERS'
term 0
keys 0
field 0
actions 1
script 1
form 1
bind 2
app 3
dialog 4
typing 4
tabs_internal 4
indicator 5
tab_recap 5
edit 5
tabs 6
frame 7
sheet 7
declaration 8
home_drafts 8
home 9
wizard 10
LAYERS
layer() { awk -v m="$1" '$1 == m { print $2 }' "$tmp/layers"; }

for file in "$src"/screens/*.c "$src"/screens/*.h "$src"/screens/widgets/*.c "$src"/screens/widgets/*.h; do
    name=$(basename "$file")
    mod=${name%.*}
    own=$(layer "$mod")
    if [ -z "$own" ]; then
        ko "screens/$name: module $mod has no layer in tests/screens/layers.sh"
        continue
    fi
    for inc in $(sed -n 's/^#include "\([^"]*\)\.h".*/\1/p' "$file"); do
        case $inc in fsdecl/*) continue ;; esac
        dep=$(basename "$inc")
        [ "$dep" = "$mod" ] && continue
        theirs=$(layer "$dep")
        if [ -z "$theirs" ]; then
            ko "screens/$name includes $inc.h, which has no layer"
        elif [ "$theirs" -ge "$own" ]; then
            ko "screens/$name ($mod, layer $own) includes $inc.h ($dep, layer $theirs): an arrow up or sideways"
        else
            ok
        fi
    done
done

# One loop: app.c's is the only code that waits for a key, from the terminal or from a script.
for file in "$src"/screens/*.c "$src"/screens/widgets/*.c; do
    name=$(basename "$file")
    [ "$name" = app.c ] && continue
    if grep -nE '(^|[^a-z_])(w?get_?w?ch|w?getch|w?getstr|pselect|select|poll|script_next|script_more)[[:space:]]*\(' "$file" |
        grep -vE '^[0-9]+:int script_(next|more)\('; then
        ko "screens/$name waits for a key: only the loop (app_run in screens/app.c) does"
    else
        ok
    fi
done
finish
