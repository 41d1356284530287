#!/bin/sh
# Fault tests of the draft store: every system call fsdecl makes while saving, transmitting and
# restoring is made to fail, one at a time (tests/store/fault.c, preloaded), with EIO and with
# ENOSPC. Each failure must end in exit 0 (a failure fsdecl can live with, said or not) or exit 2
# with a message; and whatever happened, the last good draft, its backup and the history are
# intact: whole versions only, the draft readable, the draft and backup as they were or swapped
# (restore), or the new text saved with the old one as backup (save).
# Usage: faults.sh FSDECL FAULT_LIBRARY SOURCE_DIR
set -u
fsdecl=$1
shim=$2
src=$3
. "$src/tests/cli/lib.sh"
export LC_ALL=C.UTF-8 FSDECL_RULES_DIR= FSDECL_LISTS_DIR=
cd "$src" || exit 2
shim=$(preload_path "$shim")
draft=2025-10001234565
hist_dir=history/$draft
today="--today 2025-12-20"

export FSDECL_DATA_DIR="$tmp/base"
"$fsdecl" finalize $today data/examples/gp-complete.cfg >/dev/null || ko "setup: first transmission"
sed 's/numerator = 2500;/numerator = 1000;/' data/examples/gp-complete.cfg >"$tmp/changed.cfg"
"$fsdecl" finalize $today "$tmp/changed.cfg" >/dev/null || ko "setup: second transmission"
sed 's/numerator = 2500;/numerator = 1500;/' data/examples/gp-complete.cfg >"$tmp/third.cfg"
sum() { [ -f "$1" ] && sha256sum <"$1" | cut -c1-64; }
base_draft=$(sum "$tmp/base/drafts/$draft.cfg")
base_bak=$(sum "$tmp/base/drafts/$draft.cfg.bak")

# consistent WHAT OP: the store after a failed or successful OP
consistent() {
    FSDECL_DATA_DIR="$tmp/s" "$fsdecl" history $draft >"$tmp/hist" 2>&1
    nv=$(sed -n 's/^Versions finalisées de .* : //p' "$tmp/hist")
    if grep -q ALTÉRÉE "$tmp/hist" || grep -q "illisible" "$tmp/hist"; then
        ko "$1: history not whole"; cat "$tmp/hist"; return
    fi
    d=$(sum "$tmp/s/drafts/$draft.cfg")
    b=$(sum "$tmp/s/drafts/$draft.cfg.bak")
    case $2 in
    finalize) [ "$d$b" = "$base_draft$base_bak" ] && { [ "$nv" = 2 ] || [ "$nv" = 3 ]; } ||
        { ko "$1: after finalize: $nv versions, draft or backup changed"; return; } ;;
    restore) [ "$d$b" = "$base_draft$base_bak" ] || [ "$d$b" = "$base_bak$base_draft" ] ||
        { ko "$1: after restore the draft and its backup are neither as they were nor swapped"; return; } ;;
    save)
        FSDECL_DATA_DIR="$tmp/s" "$fsdecl" check $today "$tmp/s/drafts/$draft.cfg" >/dev/null 2>&1
        readable=$?
        if [ "$d$b" != "$base_draft$base_bak" ] && { [ "$b" != "$base_draft" ] || [ $readable -eq 2 ]; }; then
            ko "$1: after save the draft is unreadable or the last good one lost"; ls -la "$tmp/s/drafts"; return
        fi ;;
    esac
    ok
}

calls="open openat mkstemp write pwrite fsync fchmod fchmodat ftruncate link rename renameat2 unlink mkdir readdir"
for op in finalize restore save; do
    case $op in
    finalize) args="finalize $today $draft" ;;
    restore) args="restore $draft" ;;
    save) args="finalize $today $tmp/third.cfg" ;; # the import saves the draft, then finalizes
    esac
    faults=0
    for err in EIO ENOSPC; do
        for call in $calls; do
            n=1
            while [ $n -le 40 ]; do
                rm -rf "$tmp/s" "$tmp/hit" && cp -a "$tmp/base" "$tmp/s"
                FSDECL_DATA_DIR="$tmp/s" LD_PRELOAD="$shim" FSDECL_FAULT="$call:$n" \
                    FSDECL_FAULT_ERRNO=$err FSDECL_FAULT_HIT="$tmp/hit" \
                    timeout 20 "$fsdecl" $args >"$tmp/out" 2>"$tmp/err"
                rc=$?
                [ -e "$tmp/hit" ] || break # no Nth call of it: the next call
                faults=$((faults + 1))
                what="$op, $call #$n fails ($err)"
                case $rc in
                0) ok ;;
                2) if [ -s "$tmp/err" ]; then ok; else ko "$what: exit 2 without a message"; fi
                    # a failed transmission says whether a version was published, and what was saved
                    [ $op = restore ] || grep -q "aucune version n'a été finalisée\|a bien été finalisée" "$tmp/err" ||
                        { ko "$what: not said whether anything was transmitted"; cat "$tmp/err"; } ;;
                124) ko "$what: still running after 20 s" ;;
                *) ko "$what: exit $rc"; cat "$tmp/err" ;;
                esac
                consistent "$what" $op
                n=$((n + 1))
            done
        done
    done
    echo "$op: $faults faults injected"
    [ $faults -ge 10 ] && ok || ko "$op: only $faults faults were reached: is the shim preloaded?"
done

# recap -o over an earlier output (recap, paper form): each call of the atomic write failing on a
# full disk ends in exit 2 with the file named and the reason, and the earlier file is left byte
# for byte, still private; no temporary file is left beside it.
out_calls="mkstemp fchmod write fsync rename"
for kind in "--format pdf" "--form" "--format json"; do
    for call in $out_calls; do
        rm -rf "$tmp/o" "$tmp/hit" && mkdir "$tmp/o" && echo "earlier output" >"$tmp/o/out" &&
            chmod 600 "$tmp/o/out"
        what="recap $kind -o, $call fails (ENOSPC)"
        LD_PRELOAD="$shim" FSDECL_FAULT="$call:1" FSDECL_FAULT_ERRNO=ENOSPC \
            FSDECL_FAULT_HIT="$tmp/hit" FSDECL_DATA_DIR="$tmp/base" \
            "$fsdecl" recap $today $kind -o "$tmp/o/out" $draft >"$tmp/out" 2>"$tmp/err"
        rc=$?
        [ -e "$tmp/hit" ] || { ko "$what: the fault was not reached (not written through the atomic writer?)"; continue; }
        [ $rc -eq 2 ] && grep -q "^$tmp/o/out: enregistrement impossible : No space left on device ; la version précédente est intacte$" "$tmp/err" &&
            ok || { ko "$what: exit $rc"; cat "$tmp/err"; }
        [ "$(cat "$tmp/o/out")" = "earlier output" ] && [ "$(ls -A "$tmp/o")" = out ] && ok ||
            { ko "$what: the earlier file was changed, or a temporary file left"; ls -la "$tmp/o"; }
    done
done
# The same through the kernel (strace), where the shim sees nothing: the first write fails.
if command -v strace >/dev/null && strace -f -o /dev/null true 2>/dev/null; then
    echo "earlier output" >"$tmp/o/out"
    FSDECL_DATA_DIR="$tmp/base" strace -f -o /dev/null -e inject=write:error=ENOSPC:when=1 \
        "$fsdecl" recap $today --format pdf -o "$tmp/o/out" $draft >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [ $rc -eq 2 ] && [ "$(cat "$tmp/o/out")" = "earlier output" ] && ok ||
        { ko "recap -o, the kernel's first write fails: exit $rc, file now $(wc -c <"$tmp/o/out") bytes"; cat "$tmp/err"; }
fi

# history and drafts whose listing breaks off (each readdir in turn: the drafts folder's old
# temporaries first): exit 2 with the folder and the reason, never a count printed as if complete
# (they used to print « 0 » versions, or 0 for a draft's versions, with exit 0).
for cmd in history drafts; do
    args=$draft && [ $cmd = history ] || args=
    n=1 broken=0
    while [ $n -le 40 ]; do
        rm -f "$tmp/hit"
        FSDECL_DATA_DIR="$tmp/base" LD_PRELOAD="$shim" FSDECL_FAULT="readdir:$n" FSDECL_FAULT_HIT="$tmp/hit" \
            "$fsdecl" $today $cmd $args >"$tmp/out" 2>"$tmp/err"
        rc=$?
        [ -e "$tmp/hit" ] || break
        if grep -q "lecture de l'historique interrompue : Input/output error\|lecture du dossier interrompue" "$tmp/err"; then
            broken=$((broken + 1))
            [ $rc -eq 2 ] && ok || { ko "$cmd, readdir #$n fails: exit $rc"; cat "$tmp/out" "$tmp/err"; }
            if [ $cmd = history ] && grep -q "Versions finalisées" "$tmp/out"; then
                ko "$cmd, readdir #$n fails: a count printed"; cat "$tmp/out"
            fi
            if [ $cmd = drafts ] && ! grep -q "liste incomplète" "$tmp/out"; then
                ko "$cmd, readdir #$n fails: the list not said incomplete"; cat "$tmp/out"
            fi
        else
            [ $rc -eq 0 ] && ok || { ko "$cmd, readdir #$n fails: exit $rc"; cat "$tmp/out" "$tmp/err"; }
        fi
        n=$((n + 1))
    done
    [ $broken -ge 1 ] && ok || ko "$cmd: no broken listing was reached"
done

# A transmission is never reported as failed without saying whether it was published: each open
# (the reads back of the history after publishing among them) fails in turn; when version 3 exists
# after the run, either it was reported done (exit 0) or the error says it was transmitted.
n=1 published_errors=0
while [ $n -le 80 ]; do
    rm -rf "$tmp/s" "$tmp/hit" && cp -a "$tmp/base" "$tmp/s"
    FSDECL_DATA_DIR="$tmp/s" LD_PRELOAD="$shim" FSDECL_FAULT="open:$n" FSDECL_FAULT_HIT="$tmp/hit" \
        "$fsdecl" finalize $today "$tmp/third.cfg" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [ -e "$tmp/hit" ] || break
    if [ -e "$tmp/s/$hist_dir/v0003.sha256" ]; then
        if [ $rc -eq 0 ]; then
            grep -q "Version 3 de .* finalisée le [0-9]" "$tmp/out" && grep -q "^Empreinte SHA-256 : [0-9a-f]\{64\}$" "$tmp/out" && ok ||
                { ko "finalize, open #$n fails: exit 0 but not said as version 3 with its date and fingerprint"; cat "$tmp/out"; }
        else
            published_errors=$((published_errors + 1))
            grep -q "la version 3 a bien été finalisée" "$tmp/err" && ok ||
                { ko "finalize, open #$n fails: version 3 published, exit $rc, and not said"; cat "$tmp/out" "$tmp/err"; }
        fi
    fi
    n=$((n + 1))
done
[ $published_errors -ge 1 ] && ok || ko "transmit: no failed read back after publishing was reached"

# A listing of the history that breaks off (readdir, or the getdents64 under it, failing) stops the
# transmission with a message naming the folder, and every transmitted version survives byte for
# byte: nothing is deleted on the strength of an incomplete listing.
hist=history/$draft
versions_of() { (cd "$1/$hist" && sha256sum v0001.cfg v0001.sha256 v0002.cfg v0002.sha256 2>&1); }
base_versions=$(versions_of "$tmp/base")
# listing_fails WHAT COMMAND...: the command (run on a copy of the base store) may fail a listing;
# true when it was the history's
listing_fails() {
    what=$1
    shift
    rm -rf "$tmp/s" && cp -a "$tmp/base" "$tmp/s"
    FSDECL_DATA_DIR="$tmp/s" "$@" finalize $today $draft >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [ "$(versions_of "$tmp/s")" = "$base_versions" ] ||
        { ko "$what: a transmitted version was removed or changed"; ls -la "$tmp/s/$hist"; return 1; }
    if ! grep -q "$hist.*lecture de l'historique interrompue : " "$tmp/err"; then
        [ $rc -eq 0 ] && ok || { ko "$what: exit $rc"; cat "$tmp/out" "$tmp/err"; }
        return 1
    fi
    if [ -e "$tmp/s/$hist/v0003.cfg" ]; then # listed again once version 3 was published
        grep -q "version 3 a bien été finalisée" "$tmp/err" && [ $rc -ne 0 ] && ok ||
            { ko "$what: version 3 published, but exit $rc and not said"; cat "$tmp/out" "$tmp/err"; }
        return 1
    fi
    [ $rc -eq 2 ] && ok || { ko "$what: the history could not be listed, yet exit $rc"; cat "$tmp/err"; }
}
n=1 history_faults=0
while [ $n -le 40 ]; do # each readdir in turn: of drafts/ (old temporaries), then of the history
    rm -f "$tmp/hit"
    listing_fails "finalize, readdir #$n fails" env LD_PRELOAD="$shim" FSDECL_FAULT="readdir:$n" \
        FSDECL_FAULT_HIT="$tmp/hit" "$fsdecl" && history_faults=$((history_faults + 1))
    [ -e "$tmp/hit" ] || break
    n=$((n + 1))
done
# the count of versions and the cleaning before the next one: two listings of the history
[ $history_faults -ge 2 ] && ok || ko "only $history_faults failed listings of the history reached"
# A save that fails where no draft exists yet gives the reason of the failure, not that of the
# look for a previous version (which there is not).
FSDECL_DATA_DIR="$tmp/fresh" expect_exit 2 "new, mkstemp fails" env LD_PRELOAD="$shim" \
    FSDECL_FAULT=mkstemp:1 FSDECL_FAULT_ERRNO=ENOSPC \
    "$fsdecl" new --campaign 2025 --rpps 10001234573 --today 2025-12-01
grep -q "enregistrement impossible : No space left on device" "$tmp/err" && ok ||
    { ko "new, mkstemp fails: not the reason"; cat "$tmp/err"; }
# The same through the kernel, as the defect was found: getdents64 fails (strace -e inject), when
# strace is there and may trace.
if command -v strace >/dev/null && strace -f -o /dev/null true 2>/dev/null; then
    # (the drafts folder is listed three times first: old temporaries, then unfinished moves when
    # the store is opened and when the lock is taken)
    n=1 history_faults=0
    while [ $n -le 16 ]; do
        listing_fails "finalize, getdents64 #$n fails" \
            strace -f -o /dev/null -e inject=getdents64:error=EIO:when=$n "$fsdecl" &&
            history_faults=$((history_faults + 1))
        n=$((n + 1))
    done
    [ $history_faults -ge 2 ] && ok || ko "only $history_faults failed getdents64 of the history reached"
else
    echo "strace missing or not allowed to trace: the getdents64 cases are not run"
fi
finish
