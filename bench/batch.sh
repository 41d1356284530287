#!/bin/sh
# The batch commands over a store of N drafts against `cat` of the same files: `check --jsonl`
# (a folder, and the paths on standard input), `check --json` (one document, for comparison),
# `export --format csv` and `--format jsonl`. Each is timed (wall clock, the best of RUNS) with its
# peak resident memory (/usr/bin/time -f %M), with the page cache warm for all of them.
# Usage: bench/batch.sh FSDECL [N] [RUNS]   (e.g. bench/batch.sh build/fsdecl 20000 3)
# With FSDECL_BENCH_NO_DOCUMENT=1, `check --json` is left out (it holds every result in memory:
# about 45 KB a declaration, 5 GB for 120 000).
set -eu
fsdecl=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
n=${2:-20000}
runs=${3:-3}
src=$(cd "$(dirname "$0")/.." && pwd)
[ -x /usr/bin/time ] || { echo "bench/batch.sh needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/var/tmp}/fsdecl-batch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 FSDECL_DATA_DIR="$tmp/store" FSDECL_RULES_DIR= FSDECL_LISTS_DIR=
drafts=$tmp/store/drafts
mkdir -p -m 700 "$drafts" "$tmp/store/history"

# N drafts of campaign 2025, the examples in turn, each with its own RPPS (the key is not
# computed: an identifier warning, judged like any other).
set -- "$src"/data/examples/gp-complete.cfg "$src"/data/examples/gp-missing-proof.cfg \
    "$src"/data/examples/partial.cfg "$src"/data/examples/hospital-dpi.cfg \
    "$src"/data/examples/specialist-exempt.cfg "$src"/data/examples/bad-identifiers.cfg
k=0
for f in "$@"; do
    cp "$f" "$tmp/example$k.cfg"
    k=$((k + 1))
done
awk -v n="$n" -v k="$k" -v dir="$drafts" -v tmp="$tmp" 'BEGIN {
    for (e = 0; e < k; e++) {
        file = tmp "/example" e ".cfg"; text[e] = ""
        while ((getline line < file) > 0) text[e] = text[e] line "\n"
    }
    for (i = 0; i < n; i++) {
        rpps = sprintf("2%010d", i); t = text[i % k]
        sub(/rpps = "[0-9]*"/, "rpps = \"" rpps "\"", t)
        out = dir "/2025-" rpps ".cfg"; printf "%s", t > out; close(out)
    }
}'
find "$drafts" -name '*.cfg' -exec chmod 600 {} +
find "$drafts" -name '*.cfg' | sort >"$tmp/list"
bytes=$(xargs cat <"$tmp/list" | wc -c)

# measure NAME COMMAND: the best wall time of RUNS, and the largest peak RSS, into $tmp/NAME
measure() {
    name=$1
    shift
    best=999999 rss=0
    i=0
    while [ $i -lt "$runs" ]; do
        /usr/bin/time -f '%e %M' -o "$tmp/time" sh -c "$*" >/dev/null 2>&1 || true
        # the last line: /usr/bin/time puts « Command exited with non-zero status » before it
        t=$(tail -1 "$tmp/time" | cut -d' ' -f1) m=$(tail -1 "$tmp/time" | cut -d' ' -f2)
        best=$(echo "$best $t" | awk '{print ($2 < $1) ? $2 : $1}')
        [ "$m" -gt "$rss" ] && rss=$m
        i=$((i + 1))
    done
    echo "$best $rss" >"$tmp/$name"
}
cat_cmd="xargs cat <'$tmp/list'"
sh -c "$cat_cmd" >/dev/null # the page cache warm for all
measure cat "$cat_cmd"
measure jsonl_dir "'$fsdecl' --today 2025-12-20 check --jsonl '$drafts'"
measure jsonl_stdin "'$fsdecl' --today 2025-12-20 check --jsonl --stdin <'$tmp/list'"
if [ -z "${FSDECL_BENCH_NO_DOCUMENT:-}" ]; then
    measure json_doc "'$fsdecl' --today 2025-12-20 check --json '$drafts'"
fi
measure export_csv "'$fsdecl' --today 2025-12-20 export --campaign 2025 --format csv"
measure export_jsonl "'$fsdecl' --today 2025-12-20 export --campaign 2025 --format jsonl"

read -r ct cm <"$tmp/cat"
echo "$n drafts, $bytes bytes; best of $runs runs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-48s %8s %8s %12s\n' "command" "seconds" "× cat" "peak RSS KiB"
for m in cat jsonl_dir jsonl_stdin json_doc export_csv export_jsonl; do
    [ -f "$tmp/$m" ] || continue
    read -r t r <"$tmp/$m"
    case $m in
    cat) what="xargs cat (the same files)" ;;
    jsonl_dir) what="check --jsonl FOLDER" ;;
    jsonl_stdin) what="check --jsonl --stdin" ;;
    json_doc) what="check --json FOLDER (one document)" ;;
    export_csv) what="export --format csv" ;;
    export_jsonl) what="export --format jsonl" ;;
    esac
    printf '%-48s %8s %8s %12s\n' "$what" "$t" "$(echo "$t $ct" | awk '{printf "%.1f", ($2 > 0) ? $1 / $2 : 0}')" "$r"
done
