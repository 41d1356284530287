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
# LD_PRELOAD splits its list at spaces: the shim is preloaded through a link in the temporary folder.
ln -s "$shim" "$tmp/fault.so" && shim=$tmp/fault.so
draft=2025-10001234565
today="--today 2025-12-20"

export FSDECL_DATA_DIR="$tmp/base"
"$fsdecl" transmit $today data/examples/gp-complete.cfg >/dev/null || ko "setup: first transmission"
sed 's/numerator = 2500;/numerator = 1000;/' data/examples/gp-complete.cfg >"$tmp/changed.cfg"
"$fsdecl" transmit $today "$tmp/changed.cfg" >/dev/null || ko "setup: second transmission"
sed 's/numerator = 2500;/numerator = 1500;/' data/examples/gp-complete.cfg >"$tmp/third.cfg"
sum() { [ -f "$1" ] && sha256sum <"$1" | cut -c1-64; }
base_draft=$(sum "$tmp/base/drafts/$draft.cfg")
base_bak=$(sum "$tmp/base/drafts/$draft.cfg.bak")

# consistent WHAT OP: the store after a failed or successful OP
consistent() {
    FSDECL_DATA_DIR="$tmp/s" "$fsdecl" history $draft >"$tmp/hist" 2>&1
    nv=$(sed -n 's/^Versions transmises de .* : //p' "$tmp/hist")
    if grep -q ALTÉRÉE "$tmp/hist" || grep -q "illisible" "$tmp/hist"; then
        ko "$1: history not whole"; cat "$tmp/hist"; return
    fi
    d=$(sum "$tmp/s/drafts/$draft.cfg")
    b=$(sum "$tmp/s/drafts/$draft.cfg.bak")
    case $2 in
    transmit) [ "$d$b" = "$base_draft$base_bak" ] && { [ "$nv" = 2 ] || [ "$nv" = 3 ]; } ||
        { ko "$1: after transmit: $nv versions, draft or backup changed"; return; } ;;
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

calls="open openat mkstemp write pwrite fsync fchmod fchmodat ftruncate link rename renameat2 unlink mkdir"
for op in transmit restore save; do
    case $op in
    transmit) args="transmit $today $draft" ;;
    restore) args="restore $draft" ;;
    save) args="transmit $today $tmp/third.cfg" ;; # the import saves the draft, then transmits
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
                2) if [ -s "$tmp/err" ]; then ok; else ko "$what: exit 2 without a message"; fi ;;
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
finish
