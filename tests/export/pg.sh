#!/bin/sh
# The export loads into PostgreSQL: a throwaway cluster (initdb in a temporary folder, a server on a
# Unix socket in it, no TCP), the CSV of a store made from data/examples loaded with
# \copy ... CSV HEADER and the JSON Lines as jsonb; the row count and the sums of points and euros
# must equal what `fsdecl drafts --json` says. Skipped (exit 77) when PostgreSQL's server programs
# are not installed (Debian: apt-get install postgresql), or when run as root with no way to switch
# to an unprivileged user (the server refuses to run as root).
# Usage: pg.sh FSDECL SOURCE_DIR
set -u
fsdecl=$1
src=$2
skip() {
    echo "export_pg skipped: $*"
    exit 77
}

# The server's programs: on the PATH, else where Debian puts them.
pgbin=
for d in "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")" /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then
        pgbin=$d
        break
    fi
done
[ -n "$pgbin" ] || skip "initdb, pg_ctl and postgres not found (apt-get install postgresql)"
psql=$(command -v psql 2>/dev/null || echo "$pgbin/psql")
[ -x "$psql" ] || skip "psql not found (apt-get install postgresql-client)"
command -v jq >/dev/null 2>&1 || skip "jq not found (apt-get install jq)"

# As root, the server runs as nobody.
as_user() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
    user=nobody
    id "$user" >/dev/null 2>&1 || skip "running as root and there is no user « nobody » to run the server as"
    group=$(id -gn "$user")
    if command -v setpriv >/dev/null 2>&1; then
        as_user() { setpriv --reuid="$user" --regid="$group" --clear-groups env HOME=/ "$@"; }
    elif command -v runuser >/dev/null 2>&1; then
        as_user() { runuser -u "$user" -- env HOME=/ "$@"; }
    else
        skip "running as root without setpriv or runuser to switch to $user"
    fi
fi

tmp=$(mktemp -d)
data=$tmp/data
started=
cleanup() {
    [ -n "$started" ] && as_user "$pgbin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 2' INT TERM HUP
pass=0
fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }

[ "$(id -u)" -eq 0 ] && chown "$user" "$tmp"
chmod 755 "$tmp"
export LC_ALL=fr_FR.UTF-8 FSDECL_RULES_DIR= FSDECL_LISTS_DIR= FSDECL_DATA_DIR="$tmp/store"
cd "$src" || exit 2

# A store made from the examples: each copied as its draft, one finalised and declared.
mkdir -p -m 700 "$tmp/store/drafts" "$tmp/store/history"
for f in data/examples/*.cfg; do
    y=$(sed -n 's/^campaign *= *\([0-9]*\);.*/\1/p' "$f")
    r=$(sed -n 's/^ *rpps *= *"\([0-9]*\)".*/\1/p' "$f" | head -1)
    cp "$f" "$tmp/store/drafts/$y-$r.cfg"
done
chmod 600 "$tmp/store/drafts"/*
today="--today 2025-12-20"
"$fsdecl" finalize $today 2025-10002876547 >/dev/null || ko "finalize"
"$fsdecl" declared $today --paper 2025-10002876547 >/dev/null || ko "declared"
"$fsdecl" export $today --campaign 2025 --format csv -o "$tmp/export.csv" 2>"$tmp/err" || ko "export csv: $(cat "$tmp/err")"
"$fsdecl" export $today --campaign 2025 --format jsonl -o "$tmp/export.jsonl" 2>"$tmp/err" || ko "export jsonl: $(cat "$tmp/err")"
"$fsdecl" drafts $today --json >"$tmp/drafts.jsonl" 2>"$tmp/err" || ko "drafts --json: $(cat "$tmp/err")"
want=$(jq -rs '[.[] | select(.campaign == 2025)] | [length, (map(.min_tenths) | add), (map(.max_tenths) | add),
               (map(.min_cents) | add), (map(.max_cents) | add)] | map(tostring) | join(" ")' <"$tmp/drafts.jsonl")

# The cluster, on a socket in the temporary folder only; run from there (the checkout may be in a
# folder the server's user cannot enter).
cd "$tmp" || exit 2
as_user "$pgbin/initdb" -D "$data" -A trust -U fsdecl -E UTF8 --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 ||
    { cat "$tmp/initdb.log"; ko "initdb"; exit 1; }
started=1
as_user "$pgbin/pg_ctl" -D "$data" -w -l "$data/server.log" \
    -o "-c listen_addresses='' -k $tmp -c fsync=off" start >/dev/null 2>&1 ||
    { cat "$data/server.log"; ko "pg_ctl start"; exit 1; }
sql() { as_user "$psql" -h "$tmp" -U fsdecl -d postgres -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }

# A table with the header's columns, every one text: the values are cast where they are summed,
# so a malformed number fails the load or the query.
cols=$(head -1 "$tmp/export.csv" | tr -d '\r' | tr ',' '\n' | sed 's/.*/"&" text/' | paste -sd, -)
sql -c "create table export ($cols)" || ko "create table"
sql -c "\\copy export from stdin with (format csv, header true)" <"$tmp/export.csv" || ko "\\copy CSV HEADER"
got=$(sql -c "select concat_ws(' ', count(*), sum((min_points::numeric * 10)::bigint),
                     sum((max_points::numeric * 10)::bigint), sum((min_euros::numeric * 100)::bigint),
                     sum((max_euros::numeric * 100)::bigint)) from export")
[ "$got" = "$want" ] && ok || ko "CSV in PostgreSQL: count and sums « $got », drafts --json « $want »"
# Text survives: a multi-line address, accents.
got=$(sql -c "select count(*) from export where address like '%' || chr(10) || '%'")
[ "$got" -ge 1 ] && ok || ko "CSV: no address on two lines came through"
got=$(sql -c "select last_name from export where draft = '2025-10002876547'")
[ "$got" = "DUBOIS-ROUSSEL" ] && ok || ko "CSV: name « $got »"
got=$(sql -c "select concat_ws(' ', declared_route, declared_date::date, last_version::int, length(last_version_sha256))
               from export where draft = '2025-10002876547'")
[ "$got" = "paper 2025-12-20 1 64" ] && ok || ko "CSV: version and declaration « $got »"

# The JSON Lines as jsonb (quote and delimiter set to bytes JSON never holds, so each line is
# taken whole).
sql -c "create table lines (doc jsonb)" || ko "create table lines"
sql -c "\\copy lines from stdin with (format csv, quote e'\\x01', delimiter e'\\x02')" <"$tmp/export.jsonl" ||
    ko "\\copy JSON Lines"
got=$(sql -c "select concat_ws(' ', count(*), sum((doc->>'min_tenths')::bigint), sum((doc->>'max_tenths')::bigint),
                     sum((doc->>'min_cents')::bigint), sum((doc->>'max_cents')::bigint)) from lines")
[ "$got" = "$want" ] && ok || ko "JSON Lines in PostgreSQL: « $got », drafts --json « $want »"
got=$(sql -c "select count(*) from lines l join export e on e.draft = l.doc->>'draft'
               where (e.max_euros::numeric * 100)::bigint <> (l.doc->>'max_cents')::bigint
                  or e.max_euros <> l.doc->>'max_euros'")
[ "$got" = 0 ] && ok || ko "CSV and JSON Lines disagree on $got rows"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
