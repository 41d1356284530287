# Shared by the command-line test scripts: a temporary folder, counters and expectations.
# The sourcing script sets fsdecl and src first.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect_exit CODE WHAT COMMAND... : the exit code; stdout in $tmp/out, stderr in $tmp/err
expect_exit() {
    want=$1 what=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -eq "$want" ]; then ok; else ko "$what: exit $got, expected $want"; cat "$tmp/out" "$tmp/err"; fi
}

# preload_path LIBRARY: a path to LIBRARY that LD_PRELOAD takes whole (it splits its list at
# spaces, and the checkout's path may hold some): a link in the temporary folder.
preload_path() {
    ln -sf "$1" "$tmp/preload.so" && echo "$tmp/preload.so"
}

# finish: the closing line, and the exit code
finish() {
    echo "$pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
