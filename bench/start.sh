#!/bin/sh
# What scripts/start.sh costs before the program starts, once built and up to date: RUNS starts of
# `scripts/start.sh --version` against as many of `build/fsdecl --version`, alternated in rounds;
# the median of each, and the difference.
# Usage: bench/start.sh [RUNS]   (after scripts/start.sh has built fsdecl once)
set -eu
runs=${1:-200}
src=$(cd "$(dirname "$0")/.." && pwd)
"$src/scripts/start.sh" --version >/dev/null # builds if needed, so that every timed start is quick
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# time_one FILE COMMAND...: appends the command's duration in microseconds to FILE.
time_one() {
    out=$1
    shift
    t0=$(date +%s%N)
    "$@" >/dev/null
    echo $((($(date +%s%N) - t0) / 1000)) >>"$out"
}
i=0
while [ $i -lt "$runs" ]; do
    time_one "$tmp/script" "$src/scripts/start.sh" --version
    time_one "$tmp/direct" "$src/build/fsdecl" --version
    i=$((i + 1))
done
median() { sort -n "$1" | awk '{v[NR] = $1} END {printf "%.2f", v[int((NR + 1) / 2)] / 1000}'; }
s=$(median "$tmp/script")
d=$(median "$tmp/direct")
echo "scripts/start.sh --version: median $s ms; build/fsdecl --version: median $d ms;" \
    "start.sh adds $(echo "$s $d" | awk '{printf "%.2f", $1 - $2}') ms ($runs runs each)"
