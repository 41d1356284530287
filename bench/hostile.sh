#!/bin/sh
# Times fsdecl on hostile files within the size limit: many keys in one group (libconfig 1.5 checks
# each new key against all the others), a long array, a long list of groups. Prints seconds.
# Usage: bench/hostile.sh BUILD/fsdecl
set -eu
fsdecl=${1:?usage: bench/hostile.sh BUILD/fsdecl}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
keys() { # keys N: N settings in the root group
    i=0
    while [ $i -lt "$1" ]; do echo "k$i = 1;"; i=$((i + 1)); done
}
keys 80000 >"$tmp/keys-80000.cfg"
keys 5000 | tail -n 4998 >"$tmp/keys-4998.cfg"
{ printf 'format = 1;\ncampaign = 2025;\nk = ['; yes 1, | head -n 300000 | tr -d '\n'; echo '1];'; } \
    >"$tmp/array.cfg"
for f in "$tmp"/*.cfg; do
    for cmd in "check" "rules lint"; do
        start=$(date +%s.%N)
        $fsdecl $cmd "$f" >/dev/null 2>&1 || true
        end=$(date +%s.%N)
        printf '%-16s %-10s %6s bytes  %.3f s\n' "$(basename "$f")" "$cmd" "$(wc -c <"$f")" \
            "$(awk "BEGIN { print $end - $start }")"
    done
done
