#!/bin/sh
# End-to-end runs of the real program in a pseudo-terminal emulated by libvterm (vtrun): each
# tests/screens/vt/*.vt script in a fresh store, under fr_FR.UTF-8. Script headers:
#   # store EXAMPLE...          data/examples/EXAMPLE.cfg copied into the store as drafts
#   # hold NAME                 another program holds the lock of draft NAME (holdlock)
#   # then check NAME TEXT      afterwards, `fsdecl check` of the draft NAME prints TEXT
#   # then file NAME            afterwards, the file NAME is in the home folder (the store's)
# Usage: vt.sh FSDECL VTRUN HOLDLOCK SOURCE_DIR [--update]
set -u
fsdecl=$1
vtrun=$2
holdlock=$3
src=$(cd "$4" && pwd)
update=${5:-}
. "$src/tests/cli/lib.sh"
case $fsdecl in /*) ;; *) fsdecl=$(pwd)/$fsdecl ;; esac
export LC_ALL=fr_FR.UTF-8 FSDECL="$fsdecl" FSDECL_RULES_DIR="$src/rules" FSDECL_LISTS_DIR=
export TERM=xterm-256color
header() { sed -n "s/^# $1 //p" "$2" | head -1; }

for script in "$src"/tests/screens/vt/*.vt; do
    store=$tmp/store
    rm -rf "$store" && mkdir -m 700 -p "$store/drafts"
    for ex in $(header store "$script"); do
        name=$(sed -n 's/^campaign = \([0-9]*\);/\1/p' "$src/data/examples/$ex.cfg")-$(sed -n 's/.*rpps = "\([0-9]*\)".*/\1/p' "$src/data/examples/$ex.cfg" | head -1)
        cp "$src/data/examples/$ex.cfg" "$store/drafts/$name.cfg"
        chmod 600 "$store/drafts/$name.cfg"
    done
    hold=$(header hold "$script")
    holder=
    if [ -n "$hold" ]; then
        "$holdlock" "$store" "$hold" >"$tmp/held" &
        holder=$!
        i=0
        while [ ! -s "$tmp/held" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    fi
    if HOME="$store" FSDECL_DATA_DIR="$store" "$vtrun" $update "$script"; then ok; else ko "$(basename "$script")"; fi
    [ -n "$holder" ] && kill "$holder" 2>/dev/null && wait "$holder" 2>/dev/null
    check=$(header "then check" "$script")
    if [ -n "$check" ]; then
        name=${check%% *}
        text=$(echo "${check#* }" | tr -d '"')
        FSDECL_DATA_DIR="$store" "$fsdecl" check --today 2025-12-20 "$store/drafts/$name.cfg" >"$tmp/out" 2>&1
        grep -qF "$text" "$tmp/out" && ok || { ko "$(basename "$script"): the saved draft does not show « $text »"; cat "$tmp/out"; }
    fi
    file=$(header "then file" "$script")
    if [ -n "$file" ]; then
        [ -s "$store/$file" ] && head -c 5 "$store/$file" | grep -q "%PDF-" && ok ||
            ko "$(basename "$script"): $file was not written"
    fi
done
finish
