#!/bin/sh
# Kill tests of the draft store: `fsdecl finalize` and `fsdecl restore` killed with SIGKILL at
# random moments, KILLS times each. After every kill: the history holds only whole versions
# (`history` exits 0 and reports none altered), the next transmission takes the next number, the
# draft reads back, and a restore leaves the draft and its backup as they were or swapped, never
# one of them lost.
# With FAULT_LIBRARY (tests/store/fault.c), restore is killed again with the file system made
# unable to swap two names (renameat2 RENAME_EXCHANGE fails with EINVAL): just before each of its
# system calls in turn, then KILLS/4 times at random moments. Its fallback too must keep both texts
# under their names at every step (the draft and its backup, or the restore's journal), and the
# next holder of the lock must find them as they were or swapped.
# Usage: kill.sh FSDECL KILLAFTER SOURCE_DIR [KILLS [FAULT_LIBRARY]]   (KILLS: 1000 by default)
set -u
fsdecl=$1
killafter=$2
src=$3
kills=${4:-1000}
shim=${5:-}
. "$src/tests/cli/lib.sh"
[ -z "$shim" ] || shim=$(preload_path "$shim")
export LC_ALL=C.UTF-8 FSDECL_RULES_DIR= FSDECL_LISTS_DIR=
cd "$src" || exit 2
draft=2025-10001234565
today="--today 2025-12-20"

# A store with two transmitted versions, and a draft saved twice (so that it has a backup).
export FSDECL_DATA_DIR="$tmp/base"
"$fsdecl" finalize $today data/examples/gp-complete.cfg >/dev/null || ko "setup: first transmission"
sed 's/numerator = 2500;/numerator = 1000;/' data/examples/gp-complete.cfg >"$tmp/changed.cfg"
"$fsdecl" finalize $today "$tmp/changed.cfg" >/dev/null || ko "setup: second transmission"
base_draft=$(sha256sum <"$tmp/base/drafts/$draft.cfg")
base_bak=$(sha256sum <"$tmp/base/drafts/$draft.cfg.bak")
[ "$base_draft" != "$base_bak" ] || ko "setup: the draft and its backup should differ"

# How long one run takes, in microseconds: kills are drawn over twice that.
pre= # what runs it: nothing, or noswap
span() {
    start=$(date +%s%N)
    for i in 1 2 3 4 5; do
        rm -rf "$tmp/s" && cp -a "$tmp/base" "$tmp/s"
        FSDECL_DATA_DIR="$tmp/s" $pre "$fsdecl" "$@" >/dev/null 2>&1
    done
    echo $((($(date +%s%N) - start) / 5000 * 2))
}

check_history() { # check_history WHAT: whole versions only, 2 or 3 of them
    FSDECL_DATA_DIR="$tmp/s" "$fsdecl" history $draft >"$tmp/out" 2>"$tmp/err"
    rc=$?
    n=$(sed -n 's/^Versions finalisées de .* : //p' "$tmp/out")
    if [ $rc -ne 0 ] || grep -q ALTÉRÉE "$tmp/out" || [ -s "$tmp/err" ]; then
        ko "$1: history after the kill: exit $rc"; cat "$tmp/out" "$tmp/err"; return 1
    fi
    case $n in 2 | 3) ;; *) ko "$1: $n versions after the kill"; return 1 ;; esac
    FSDECL_DATA_DIR="$tmp/s" "$fsdecl" finalize $today $draft >"$tmp/out" 2>"$tmp/err" ||
        { ko "$1: the next transmission failed"; cat "$tmp/out" "$tmp/err"; return 1; }
    grep -q "^Version $((n + 1)) de" "$tmp/out" || { ko "$1: the next version is not $((n + 1))"; cat "$tmp/out"; return 1; }
    return 0
}

check_restore() { # check_restore WHAT: draft and backup as they were, or swapped
    d=$(sha256sum <"$tmp/s/drafts/$draft.cfg" 2>/dev/null)
    b=$(sha256sum <"$tmp/s/drafts/$draft.cfg.bak" 2>/dev/null)
    if [ "$d$b" = "$base_draft$base_bak" ] || [ "$d$b" = "$base_bak$base_draft" ]; then return 0; fi
    ko "$1: after the kill the draft and its backup are neither as they were nor swapped"
    ls -la "$tmp/s/drafts"
    return 1
}

max=$(span finalize $today $draft)
i=0
while [ $i -lt "$kills" ]; do
    rm -rf "$tmp/s" && cp -a "$tmp/base" "$tmp/s"
    FSDECL_DATA_DIR="$tmp/s" "$killafter" "$max" "$fsdecl" finalize $today $draft >/dev/null 2>&1
    if check_history "transmit kill $i"; then ok; else break; fi
    i=$((i + 1))
done
echo "transmit: $i kills over 0-$max µs"

max=$(span restore $draft)
i=0
while [ $i -lt "$kills" ]; do
    rm -rf "$tmp/s" && cp -a "$tmp/base" "$tmp/s"
    FSDECL_DATA_DIR="$tmp/s" "$killafter" "$max" "$fsdecl" restore $draft >/dev/null 2>&1
    if check_restore "restore kill $i"; then ok; else break; fi
    FSDECL_DATA_DIR="$tmp/s" "$fsdecl" restore $draft >"$tmp/out" 2>"$tmp/err" ||
        { ko "restore kill $i: the next restore failed"; cat "$tmp/out" "$tmp/err"; break; }
    i=$((i + 1))
done
echo "restore: $i kills over 0-$max µs"

[ -n "$shim" ] || { finish; exit; } # no shim (sanitizer builds): no fallback run
noswap() { LD_PRELOAD="$shim" FSDECL_NO_EXCHANGE=1 "$@"; }
# What a kill may leave: the draft and the backup each one of the two texts, and both texts under a
# name (draft, backup, or the journal .cfg.restoring). Then the next restore (which takes the lock)
# finds them as they were or swapped, and swaps them.
check_fallback() { # check_fallback WHAT
    d=$(sha256sum <"$tmp/s/drafts/$draft.cfg" 2>/dev/null)
    b=$(sha256sum <"$tmp/s/drafts/$draft.cfg.bak" 2>/dev/null)
    j=$({ sha256sum <"$tmp/s/drafts/$draft.cfg.restoring"; } 2>/dev/null) && journals=$((journals + 1))
    case "$d" in "$base_draft" | "$base_bak") ;; *) ko "$1: the draft is neither text"; return 1 ;; esac
    case "$b" in "$base_draft" | "$base_bak") ;; *) ko "$1: the backup is neither text"; return 1 ;; esac
    case "$d$b$j" in *"$base_draft"*"$base_bak"* | *"$base_bak"*"$base_draft"*) ;;
    *) ko "$1: a text is left under no name"; ls -la "$tmp/s/drafts"; return 1 ;;
    esac
    noswap "$fsdecl" restore $draft >"$tmp/out" 2>"$tmp/err" ||
        { ko "$1: the next restore failed"; cat "$tmp/out" "$tmp/err"; return 1; }
    [ ! -e "$tmp/s/drafts/$draft.cfg.restoring" ] || { ko "$1: the journal is left"; return 1; }
    check_restore "$1, then restored again"
}
export FSDECL_DATA_DIR="$tmp/s"
steps=0
for call in open openat link rename renameat2 unlink fsync fchmod write mkstemp; do
    n=1
    while [ $n -le 20 ]; do
        rm -rf "$tmp/s" "$tmp/hit" && cp -a "$tmp/base" "$tmp/s"
        noswap env FSDECL_FAULT="$call:$n" FSDECL_FAULT_KILL=1 FSDECL_FAULT_HIT="$tmp/hit" \
            "$fsdecl" restore $draft >/dev/null 2>&1
        [ -e "$tmp/hit" ] || break # no Nth call of it
        check_fallback "restore (no swap) killed before $call #$n" && ok
        steps=$((steps + 1))
        n=$((n + 1))
    done
done
echo "restore without swapping names: killed before each of its $steps system calls"
[ $steps -ge 5 ] && ok || ko "restore without swapping names: only $steps calls reached"
pre=noswap
max=$(span restore $draft)
i=0 journals=0
while [ $i -lt $((kills / 4)) ]; do # the steps above are each killed: fewer random kills
    rm -rf "$tmp/s" && cp -a "$tmp/base" "$tmp/s"
    noswap "$killafter" "$max" "$fsdecl" restore $draft >/dev/null 2>&1
    if check_fallback "restore (no swap) kill $i"; then ok; else break; fi
    i=$((i + 1))
done
echo "restore without swapping names: $i kills over 0-$max µs, $journals left a journal"
finish
