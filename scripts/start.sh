#!/bin/sh
# Sets fsdecl up on this machine if needed, then starts it with the given arguments (none: the
# full-screen wizard).
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh >&2
exec build/fsdecl "$@"
