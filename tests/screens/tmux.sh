#!/bin/sh
# One end-to-end run of the real program in a real terminal, through tmux: open a draft from the
# home screen, change the name, save with F2, quit with F10; the draft on disk has the change.
# Usage: tmux.sh FSDECL SOURCE_DIR
set -u
fsdecl=$1
src=$(cd "$2" && pwd)
. "$src/tests/cli/lib.sh"
case $fsdecl in /*) ;; *) fsdecl=$(pwd)/$fsdecl ;; esac
if ! command -v tmux >/dev/null 2>&1; then
    ko "tmux is not installed (apt-get install tmux)"
    finish
    exit 1
fi

store=$tmp/store
mkdir -m 700 -p "$store/drafts"
cp "$src/data/examples/gp-complete.cfg" "$store/drafts/2025-10001234565.cfg"
chmod 600 "$store/drafts/2025-10001234565.cfg"
sock=$tmp/tmux.sock
session=fsdecl$$
export TMUX= LC_ALL=fr_FR.UTF-8
tmux -S "$sock" -f /dev/null new-session -d -s "$session" -x 80 -y 24 \
    "env FSDECL_DATA_DIR='$store' FSDECL_RULES_DIR='$src/rules' TERM=tmux-256color '$fsdecl' --today 2025-12-20; echo fini:\$?; sleep 30"

# wait_for TEXT: until the pane shows TEXT (at most 20 s); the pane in $tmp/pane
wait_for() {
    i=0
    while [ $i -lt 200 ]; do
        tmux -S "$sock" capture-pane -p -t "$session" >"$tmp/pane" 2>/dev/null
        grep -q -- "$1" "$tmp/pane" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}
keys() { tmux -S "$sock" send-keys -t "$session" "$@"; }

if wait_for "Vos déclarations (1)"; then ok; else ko "home screen not shown:"; cat "$tmp/pane"; fi
keys Enter
if wait_for "Identité du praticien"; then ok; else ko "declaration not opened:"; cat "$tmp/pane"; fi
keys End
keys -l "_TMUX"
keys F2
if wait_for "Brouillon enregistré à"; then ok; else ko "not saved:"; cat "$tmp/pane"; fi
grep -q "MARTIN_TMUX" "$tmp/pane" && ok || ko "name not shown as typed"
keys F10
if wait_for "Vos déclarations (1)"; then ok; else ko "not back home:"; cat "$tmp/pane"; fi
keys F10
if wait_for "fini:0"; then ok; else ko "did not end with 0:"; cat "$tmp/pane"; fi
grep -q 'last_name = "MARTIN_TMUX";' "$store/drafts/2025-10001234565.cfg" && ok ||
    ko "the draft on disk does not hold the change"
tmux -S "$sock" kill-server 2>/dev/null
finish
