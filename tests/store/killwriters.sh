#!/bin/sh
# Kill tests of every writer but finalize and restore (tests/store/kill.sh has those): `recover`,
# `new`, the wizard's saves and autosaves (driven in script mode), `recap -o`, the paper form
# (`recap --form -o`) and the record that a version was declared (`declared`). Each is killed with SIGKILL just before each of its system calls in turn
# on its files (tests/store/fault.c, FSDECL_FAULT_KILL), then KILLS times at random moments (killafter); both
# as the file system allows, and with its fallbacks forced: no swapping of two names
# (FSDECL_NO_EXCHANGE) and no hard links (FSDECL_NO_LINK).
# Unkilled, each run must leave the same result in both ways (a save refused where the file system
# has no hard links would keep the old work whole, and pass every check after a kill).
# After every kill: the user's last saved work is there byte for byte, or the new one is whole;
# no file half-written under a name the user sees (only hidden temporary files); and the next run
# works and says what it found (the recovery still offered, the draft already there...).
# Usage: killwriters.sh OPERATION FSDECL KILLAFTER FAULT_LIBRARY SOURCE_DIR [KILLS]
#   OPERATION: new, recover, wizard, recap (the PDF recap), form or declared; KILLS: 100 by default
set -u
op=$1
fsdecl=$2
killafter=$3
shim=$4
src=$(cd "$5" && pwd)
kills=${6:-100}
. "$src/tests/cli/lib.sh"
case $fsdecl in /*) ;; *) fsdecl=$(pwd)/$fsdecl ;; esac
case $killafter in /*) ;; *) killafter=$(pwd)/$killafter ;; esac
case $shim in /*) ;; *) shim=$(pwd)/$shim ;; esac
shim=$(preload_path "$shim")
export LC_ALL=C.UTF-8 FSDECL_RULES_DIR="$src/rules" FSDECL_LISTS_DIR= TERM=xterm
cd "$src" || exit 2
draft=2025-10001234565
today="--today 2025-12-20"
d=$tmp/s/drafts
sum() { [ -f "$1" ] && sha256sum <"$1" | cut -c1-64; }
body() { [ -f "$1" ] && sed 1d "$1" | sha256sum | cut -c1-64; } # a recovery file without its header
# the records of declared.txt without the time they were recorded (the clock's)
records() { [ -f "$1" ] && cut -d' ' -f1-3 "$1" | sha256sum | cut -c1-64; }
h=$tmp/s/history/$draft

# Names a user sees in the drafts folder: the draft and its companions, nothing half-written.
visible_ok() { # visible_ok WHAT
    for f in $(ls "$d" 2>/dev/null); do
        case $f in
        $draft.cfg | $draft.cfg.bak | $draft.lock | $draft.recovery) ;;
        *) ko "$1: $f is left under a visible name"; return 1 ;;
        esac
    done
    return 0
}

# ---- the operations: the base store, and the command's arguments (split at spaces)
mkdir -m 700 -p "$tmp/base/drafts" "$tmp/base/history"
cp data/examples/gp-complete.cfg "$tmp/changed.cfg"
sed -i 's/last_name = "MARTIN";/last_name = "MARTIN-RECUPERE";/' "$tmp/changed.cfg"

case $op in
new)
    args="new $today --campaign 2025 --rpps 10001234565"
    ;;
recover)
    # a saved draft with its backup, and an autosave left by a program that is gone
    FSDECL_DATA_DIR="$tmp/base" "$fsdecl" finalize $today data/examples/gp-complete.cfg >/dev/null
    rm -rf "$tmp/base/history"/*
    { echo "# recovery: pid=4242 host=cabinet saved=2025-12-20 14:40:00"
      cat "$tmp/changed.cfg"; } >"$tmp/base/drafts/$draft.recovery"
    cp "$tmp/base/drafts/$draft.cfg" "$tmp/base/drafts/$draft.cfg.bak"
    sed -i 's/"Claire"/"Claude"/' "$tmp/base/drafts/$draft.cfg.bak"
    touch -d "2025-12-20 14:40" "$tmp/base/drafts/$draft.recovery"
    touch -d "2025-12-20 14:30" "$tmp/base/drafts/$draft.cfg"
    args="recover $draft"
    ;;
wizard)
    cp data/examples/gp-complete.cfg "$tmp/base/drafts/$draft.cfg"
    chmod 600 "$tmp/base/drafts/$draft.cfg"
    # autosave, save, autosave, save, autosave (the script's end leaves as if killed)
    { echo "key Enter"
      for t in A B C; do
          printf 'key End\ntype %s\nkey Tab\nsleep 3000\nwait\n' "$t"
          [ $t = C ] || printf 'key F2\nkey BackTab\n'
      done; } >"$tmp/wizard.keys"
    export FSDECL_SCRIPT="$tmp/wizard.keys" FSDECL_SCRIPT_SIZE=80x24
    args=$today
    ;;
recap | form)
    FSDECL_DATA_DIR="$tmp/base" "$fsdecl" finalize $today data/examples/gp-complete.cfg >/dev/null
    mkdir -m 700 "$tmp/base/out"
    echo "earlier output" >"$tmp/base/out/recap"
    chmod 600 "$tmp/base/out/recap"
    kind="--form" && [ $op = form ] || kind="--format pdf"
    args="recap $today $kind -o $tmp/s/out/recap $draft"
    ;;
declared)
    # a version declared on Amelipro, recorded again as a paper form sent the next day
    FSDECL_DATA_DIR="$tmp/base" "$fsdecl" finalize $today data/examples/gp-complete.cfg >/dev/null
    FSDECL_DATA_DIR="$tmp/base" "$fsdecl" declared $today --amelipro $draft >/dev/null
    args="declared --today 2025-12-21 --paper $draft"
    ;;
*) echo "unknown operation $op"; exit 2 ;;
esac

# What a whole run leaves: the references.
rm -rf "$tmp/s" && cp -a "$tmp/base" "$tmp/s"
(cd "$tmp/s" && FSDECL_DATA_DIR="$tmp/s" "$fsdecl" $args >"$tmp/out" 2>&1) || { ko "$op: a whole run fails"; cat "$tmp/out"; }
old_draft=$(sum "$tmp/base/drafts/$draft.cfg") old_bak=$(sum "$tmp/base/drafts/$draft.cfg.bak")
new_draft=$(sum "$d/$draft.cfg") new_bak=$(sum "$d/$draft.cfg.bak")
case $op in
wizard)
    # the drafts saved by F2 (A, then AB) and the autosaves' texts (A, AB, ABC)
    mid_draft=$new_bak
    last_rec=$(body "$d/$draft.recovery")
    [ -n "$mid_draft" ] && [ -n "$last_rec" ] || ko "wizard: the whole run saved nothing"
    ;;
recap | form)
    new_out=$(sum "$tmp/s/out/recap")
    old_out=$(sum "$tmp/base/out/recap")
    ;;
declared)
    new_out=$(records "$h/declared.txt")
    old_out=$(records "$tmp/base/history/$draft/declared.txt")
    [ "$new_out" != "$old_out" ] || ko "declared: the whole run recorded nothing"
    ;;
esac

check() { # check WHAT: the store or the output after a kill, then the next run
    visible_ok "$1" || return 1
    dr=$(sum "$d/$draft.cfg") bk=$(sum "$d/$draft.cfg.bak")
    case $op in
    new)
        # no draft, or the whole new one; the next « new » creates it or says it is there
        [ -z "$dr" ] || [ "$dr" = "$new_draft" ] || { ko "$1: the draft is half-written"; return 1; }
        FSDECL_DATA_DIR="$tmp/s" "$fsdecl" new $today --campaign 2025 --rpps 10001234565 >"$tmp/next" 2>&1
        rc=$?
        if [ -z "$dr" ]; then
            [ $rc -eq 0 ] && [ "$(sum "$d/$draft.cfg")" = "$new_draft" ] ||
                { ko "$1: the next « new » does not create the draft (exit $rc)"; cat "$tmp/next"; return 1; }
        else
            [ $rc -ne 0 ] && grep -q "existe déjà" "$tmp/next" ||
                { ko "$1: the next « new » does not say the draft is there (exit $rc)"; cat "$tmp/next"; return 1; }
        fi
        ;;
    recover)
        rec=$(sum "$d/$draft.recovery")
        # a save first makes the draft its backup, then puts the new text in: the draft as it
        # was (its backup the earlier one or already the draft itself), or the new pair
        if [ "$dr$bk" = "$old_draft$old_bak" ] || [ "$dr$bk" = "$old_draft$old_draft" ]; then
            # not recovered yet: the autosave is still there, whole, and the next run recovers it
            [ "$rec" = "$(sum "$tmp/base/drafts/$draft.recovery")" ] ||
                { ko "$1: the draft untouched but the autosave lost"; return 1; }
        elif [ "$dr$bk" != "$new_draft$old_draft" ]; then
            ko "$1: the draft and its backup are neither the old pair nor the new"; ls -la "$d"; return 1
        fi
        FSDECL_DATA_DIR="$tmp/s" "$fsdecl" recover $draft >"$tmp/next" 2>&1 ||
            { ko "$1: the next « recover » fails"; cat "$tmp/next"; return 1; }
        if [ -n "$rec" ] && [ "$dr" = "$new_draft" ]; then # recovered, its file not yet removed
            grep -q "plus ancienne que le brouillon" "$tmp/next" ||
                { ko "$1: the next run does not say the autosave is older than the draft"; cat "$tmp/next"; return 1; }
        elif [ -n "$rec" ]; then
            grep -q "récupéré" "$tmp/next" || { ko "$1: the next run does not recover"; cat "$tmp/next"; return 1; }
        else
            grep -q "Aucune récupération en attente" "$tmp/next" ||
                { ko "$1: the next run does not say nothing is pending"; cat "$tmp/next"; return 1; }
        fi
        [ "$(sum "$d/$draft.cfg")" = "$new_draft" ] ||
            { ko "$1: after the next « recover » the draft is not the recovered text"; return 1; }
        ;;
    wizard)
        case "$dr/$bk" in
        "$old_draft/" | "$old_draft/$old_draft" | "$mid_draft/$old_draft" | \
            "$mid_draft/$mid_draft" | "$new_draft/$mid_draft") ;;
        *) ko "$1: the draft and its backup are not a pair a save leaves"; ls -la "$d"; return 1 ;;
        esac
        rec=$(body "$d/$draft.recovery")
        case "$rec" in
        "" | "$mid_draft" | "$new_draft" | "$last_rec") ;;
        *) ko "$1: the autosave is half-written"; return 1 ;;
        esac
        # the next run offers the autosave when there is one, and takes it up whole
        if [ -n "$rec" ]; then
            FSDECL_DATA_DIR="$tmp/s" "$fsdecl" drafts >"$tmp/next" 2>&1 ||
                { ko "$1: the next « drafts » fails"; cat "$tmp/next"; return 1; }
            grep -q "récupération disponible" "$tmp/next" ||
                { ko "$1: the next run does not offer the autosave"; cat "$tmp/next"; return 1; }
            FSDECL_DATA_DIR="$tmp/s" "$fsdecl" recover $draft >"$tmp/next" 2>&1 &&
                [ "$(sum "$d/$draft.cfg")" = "$rec" ] ||
                { ko "$1: the autosave is not taken up whole"; cat "$tmp/next"; return 1; }
        fi
        ;;
    declared)
        # the earlier records or the new ones, whole; only the versions beside them
        out=$(records "$h/declared.txt")
        [ "$out" = "$old_out" ] || [ "$out" = "$new_out" ] ||
            { ko "$1: the records are neither the earlier nor the new ones"; cat "$h/declared.txt"; return 1; }
        for f in $(ls "$h"); do
            case $f in v0001.cfg | v0001.sha256 | declared.txt) ;;
            *) ko "$1: $f is left under a visible name"; return 1 ;; esac
        done
        FSDECL_DATA_DIR="$tmp/s" "$fsdecl" $args >"$tmp/next" 2>&1 &&
            [ "$(records "$h/declared.txt")" = "$new_out" ] ||
            { ko "$1: the next run does not record the declaration"; cat "$tmp/next"; return 1; }
        ;;
    recap | form)
        out=$(sum "$tmp/s/out/recap")
        [ "$out" = "$old_out" ] || [ "$out" = "$new_out" ] ||
            { ko "$1: the output is neither the earlier file nor the whole new one"; return 1; }
        for f in $(ls "$tmp/s/out"); do
            [ "$f" = recap ] || { ko "$1: $f is left under a visible name"; return 1; }
        done
        (cd "$tmp/s" && FSDECL_DATA_DIR="$tmp/s" "$fsdecl" $args >"$tmp/next" 2>&1) &&
            [ "$(sum "$tmp/s/out/recap")" = "$new_out" ] ||
            { ko "$1: the next run does not write the output"; cat "$tmp/next"; return 1; }
        ;;
    esac
    return 0
}

# ---- the runs
fresh() { rm -rf "$tmp/s" "$tmp/hit" && cp -a "$tmp/base" "$tmp/s"; }
for mode in normal fallback; do
    if [ $mode = fallback ]; then set -- FSDECL_NO_EXCHANGE=1 FSDECL_NO_LINK=1; else set --; fi
    # not killed: the run does the same as where the file system allows everything
    fresh
    (cd "$tmp/s" && env "$@" LD_PRELOAD="$shim" FSDECL_DATA_DIR="$tmp/s" "$fsdecl" $args) >"$tmp/out" 2>&1
    rc=$?
    case $op in
    recap | form) same=$([ "$(sum "$tmp/s/out/recap")" = "$new_out" ] && echo y) ;;
    declared) same=$([ "$(records "$h/declared.txt")" = "$new_out" ] && echo y) ;;
    *) same=$([ "$(sum "$d/$draft.cfg")$(sum "$d/$draft.cfg.bak")" = "$new_draft$new_bak" ] && echo y) ;;
    esac
    [ $rc -eq 0 ] && [ "$same" = y ] && ok ||
        { ko "$op ($mode): a whole run fails (exit $rc) or leaves another result"; cat "$tmp/out"; }
    # killed just before each system call in turn (on the store's files and the output's)
    steps=0
    for call in open openat mkstemp write fsync fchmod fchmodat link rename renameat2 unlink mkdir; do
        n=1
        while [ $n -le 60 ]; do
            fresh
            (cd "$tmp/s" && env "$@" LD_PRELOAD="$shim" FSDECL_FAULT="$call:$n" FSDECL_FAULT_KILL=1 \
                FSDECL_FAULT_UNDER="$tmp/s/" FSDECL_FAULT_HIT="$tmp/hit" FSDECL_DATA_DIR="$tmp/s" \
                "$fsdecl" $args) >/dev/null 2>&1
            [ -e "$tmp/hit" ] || break # no Nth call of it
            steps=$((steps + 1))
            check "$op ($mode), killed before $call #$n" && ok
            n=$((n + 1))
        done
    done
    echo "$op ($mode): killed before each of $steps system calls"
    [ $steps -ge 4 ] && ok || ko "$op ($mode): only $steps system calls reached: is the shim preloaded?"
    # killed at random moments over twice the time of a whole run
    start=$(date +%s%N)
    for i in 1 2 3 4 5; do
        fresh
        (cd "$tmp/s" && env "$@" LD_PRELOAD="$shim" FSDECL_DATA_DIR="$tmp/s" "$fsdecl" $args >/dev/null 2>&1)
    done
    max=$((($(date +%s%N) - start) / 5000 * 2))
    i=0
    while [ $i -lt "$kills" ]; do
        fresh
        (cd "$tmp/s" && export "$@" LD_PRELOAD="$shim" FSDECL_DATA_DIR="$tmp/s" &&
            "$killafter" "$max" "$fsdecl" $args) >/dev/null 2>&1
        check "$op ($mode), kill $i" && ok || break
        i=$((i + 1))
    done
    echo "$op ($mode): $i kills over 0-$max µs"
done
finish
