#!/bin/sh
# The wizard's speed and memory under a pseudo-terminal (tests/screens/vtrun.c), beside dialog:
# start to first complete frame (fsdecl: its settle signal; dialog: its last output before 300 ms
# of quiet), in alternating rounds; key to redrawn frame on the volet 2 tab; peak memory of the
# session.
# Usage: bench/wizard.sh BUILD_DIR [RUNS]   (dialog: apt-get install dialog)
set -eu
build=${1:?usage: bench/wizard.sh BUILD_DIR [RUNS]}
runs=${2:-200}
src=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -m 700 -p "$tmp/drafts"
cp "$src/data/examples/gp-complete.cfg" "$tmp/drafts/2025-10001234565.cfg"
export FSDECL_DATA_DIR="$tmp" FSDECL_RULES_DIR="$src/rules" LC_ALL=fr_FR.UTF-8 TERM=xterm-256color
# First frames in ten alternating rounds, so that both programs meet the same load of the machine;
# the figure is the median of the rounds' medians.
median() { sed 's/.*median \([0-9.]*\) ms.*/\1/' | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
: >"$tmp/fsdecl" && : >"$tmp/dialog"
for round in 1 2 3 4 5 6 7 8 9 10; do
    "$build/tests/vtrun" --first-frame $((runs / 10 + 1)) "$build/fsdecl" --today 2025-12-20 >>"$tmp/fsdecl"
    if command -v dialog >/dev/null 2>&1; then
        "$build/tests/vtrun" --first-frame $((runs / 10 + 1)) dialog --yesno "Continuer ?" 7 40 >>"$tmp/dialog"
    fi
done
echo "fsdecl, home screen with one draft: first frame, median of 10 rounds $(median <"$tmp/fsdecl") ms"
[ -s "$tmp/dialog" ] && echo "dialog --yesno: first frame, median of 10 rounds $(median <"$tmp/dialog") ms"
echo "fsdecl, volet 2 tab:"
"$build/tests/vtrun" --keys "$runs" "$build/fsdecl" --today 2025-12-20 edit 2025-10001234565
