#!/bin/sh
# Starts fsdecl with the given arguments (none: the full-screen wizard), after installing and
# building what is missing. Once built and up to date, it starts the program at once.
set -eu
case $0 in */*) root=${0%/*}/.. ;; *) root=.. ;; esac # the checkout, found without a process
stamp=$root/build/.built-by-start
# Up to date: built by this script and no source changed since that build began.
if [ ! -x "$root/build/fsdecl" ] || [ ! -e "$stamp" ] || [ -n "$(cd "$root" &&
    find CMakeLists.txt src include screens -newer "$stamp" -print -quit 2>/dev/null)" ]; then
    mkdir -p "$root/build"
    touch "$stamp.new" # before the build: a source changed while it runs is seen next time
    "$root/scripts/setup.sh"
    mv "$stamp.new" "$stamp"
fi
exec "$root/build/fsdecl" "$@"
