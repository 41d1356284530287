#!/bin/sh
# Starts fsdecl with the given arguments (none: the full-screen wizard), after installing and
# building what is missing. Once built and up to date, it starts the program at once.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
# Up to date: the program is there and no source it is built from is newer.
if [ ! -x "$root/build/fsdecl" ] || [ -n "$(cd "$root" && find CMakeLists.txt src include screens \
    -newer build/fsdecl -print 2>/dev/null | head -n 1)" ]; then
    "$root/scripts/setup.sh"
fi
exec "$root/build/fsdecl" "$@"
