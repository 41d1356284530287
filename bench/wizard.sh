#!/bin/sh
# The wizard's speed and memory under a pseudo-terminal (tests/screens/vtrun.c), beside dialog:
# start to first complete frame (fsdecl: its settle signal; dialog: its last output before 300 ms
# of quiet), key to redrawn frame on the volet 2 tab, peak memory of the session.
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
echo "fsdecl (home screen, one draft):"
"$build/tests/vtrun" --first-frame "$runs" "$build/fsdecl" --today 2025-12-20
if command -v dialog >/dev/null 2>&1; then
    echo "dialog --yesno:"
    "$build/tests/vtrun" --first-frame "$runs" dialog --yesno "Continuer ?" 7 40
fi
echo "fsdecl, volet 2 tab:"
"$build/tests/vtrun" --keys "$runs" "$build/fsdecl" --today 2025-12-20 edit 2025-10001234565
