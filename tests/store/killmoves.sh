#!/bin/sh
# Kill tests of the commands that move a draft's files as one: `rename` (a corrected RPPS), `delete`
# (into the trash) and `undelete` (back from the trash). Each is
# killed with SIGKILL just before each of its system calls in turn on the store's files
# (tests/store/fault.c, FSDECL_FAULT_KILL), then KILLS times at random moments (killafter); both as
# the file system allows, and with its fallbacks forced (FSDECL_NO_EXCHANGE, FSDECL_NO_LINK).
# After every kill: the store (the drafts of both names, their versions, the trash's visible
# entries) is the old state whole, the new state whole, or holds the move's journal
# (drafts/OLD.moving), and nothing else under a visible name; and the next run of the same command
# (which takes the lock, and so finishes a decided move) leaves the new state whole, with no
# journal and no staging folder left.
# Usage: killmoves.sh OPERATION FSDECL KILLAFTER FAULT_LIBRARY SOURCE_DIR [KILLS]
#   OPERATION: rename, delete or undelete; KILLS: 100 by default
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
export LC_ALL=C.UTF-8 FSDECL_RULES_DIR="$src/rules" FSDECL_LISTS_DIR=
cd "$src" || exit 2
old=2025-10001234565
new=2025-10001234573
today="--today 2025-12-20"

# The base store: two versions, a draft with its backup, an autosave left by a program now gone.
mkdir -m 700 -p "$tmp/base"
FSDECL_DATA_DIR="$tmp/base" "$fsdecl" finalize $today data/examples/gp-complete.cfg >/dev/null ||
    ko "setup: first version"
sed 's/numerator = 2500;/numerator = 1000;/' data/examples/gp-complete.cfg >"$tmp/changed.cfg"
FSDECL_DATA_DIR="$tmp/base" "$fsdecl" finalize $today "$tmp/changed.cfg" >/dev/null ||
    ko "setup: second version"
{ echo "# recovery: pid=4242 host=cabinet saved=2025-12-20 14:40:00"
  sed 's/"Claire"/"Clara"/' "$tmp/changed.cfg"; } >"$tmp/base/drafts/$old.recovery"
chmod 600 "$tmp/base/drafts/$old.recovery"

case $op in
rename) args="rename $old --rpps ${new#*-}" ;;
delete) args="delete $old --yes" ;;
undelete)
    FSDECL_DATA_DIR="$tmp/base" "$fsdecl" delete $old --yes >/dev/null || ko "setup: delete"
    args="undelete $(ls "$tmp/base/trash")"
    ;;
*) echo "unknown operation $op"; exit 2 ;;
esac

# The state of a name: its drafts folder files and its versions, as "file sum" lines.
state() { # state STORE NAME
    (cd "$1" 2>/dev/null && for f in drafts/$2.cfg drafts/$2.cfg.bak drafts/$2.recovery \
        $(find history/$2 -type f 2>/dev/null | sort); do
        [ -f "$f" ] && echo "${f#*/} $(sha256sum <"$f" | cut -c1-64)"
    done) | sed "s|$2|NAME|"
}

# The whole store as the user sees it: both names' files and versions, the trash's visible entries
# (each entry's files but its « deleted » stamp, which holds the time).
snap() { # snap STORE
    state "$1" $old | sed 's/^/old /'
    state "$1" $new | sed 's/^/new /'
    for e in $(ls "$1/trash" 2>/dev/null); do
        (cd "$1/trash/$e" && find . -type f ! -name deleted | sort | while read -r f; do
            echo "trash $f $(sha256sum <"$f" | cut -c1-64)"
        done)
    done
}

fresh() { rm -rf "$tmp/s" "$tmp/hit" && cp -a "$tmp/base" "$tmp/s"; }
fresh
(cd "$tmp/s" && FSDECL_DATA_DIR="$tmp/s" "$fsdecl" $args >"$tmp/out" 2>&1) ||
    { ko "$op: a whole run fails"; cat "$tmp/out"; }
old_state=$(snap "$tmp/base")
new_state=$(snap "$tmp/s")
[ "$(echo "$old_state" | wc -l)" -eq 7 ] || { ko "setup: the old state is not 7 files"; echo "$old_state"; }
[ "$(echo "$new_state" | wc -l)" -eq 7 ] || { ko "$op: the whole run does not leave 7 files"; echo "$new_state"; }
[ "$old_state" != "$new_state" ] || ko "$op: the whole run changes nothing"

check() { # check WHAT
    d=$tmp/s/drafts
    for f in $(ls "$d"); do
        case $f in
        $old.cfg | $old.cfg.bak | $old.recovery | $old.lock | $old.moving) ;;
        $new.cfg | $new.cfg.bak | $new.recovery | $new.lock) ;;
        *) ko "$1: $f is left under a visible name"; return 1 ;;
        esac
    done
    now=$(snap "$tmp/s")
    if [ ! -e "$d/$old.moving" ]; then
        if [ "$now" = "$old_state" ] || [ "$now" = "$new_state" ]; then
            :
        else
            ko "$1: no journal, and neither the old state whole nor the new"; ls -la "$d"; return 1
        fi
    fi
    (cd "$tmp/s" && FSDECL_DATA_DIR="$tmp/s" "$fsdecl" $args >"$tmp/next" 2>&1)
    rc=$?
    [ $rc -eq 0 ] || [ $rc -eq 2 ] || { ko "$1: the next run exits $rc"; cat "$tmp/next"; return 1; }
    [ "$(snap "$tmp/s")" = "$new_state" ] && [ ! -e "$d/$old.moving" ] && [ ! -e "$d/.$old.move" ] ||
        { ko "$1: after the next run the new state is not whole"; cat "$tmp/next"; ls -la "$d"; return 1; }
    return 0
}

for mode in normal fallback; do
    if [ $mode = fallback ]; then set -- FSDECL_NO_EXCHANGE=1 FSDECL_NO_LINK=1; else set --; fi
    fresh
    (cd "$tmp/s" && env "$@" LD_PRELOAD="$shim" FSDECL_DATA_DIR="$tmp/s" "$fsdecl" $args) >"$tmp/out" 2>&1
    rc=$?
    [ $rc -eq 0 ] && [ "$(snap "$tmp/s")" = "$new_state" ] && ok ||
        { ko "$op ($mode): a whole run fails (exit $rc) or leaves another result"; cat "$tmp/out"; }
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
    [ $steps -ge 10 ] && ok || ko "$op ($mode): only $steps system calls reached: is the shim preloaded?"
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
