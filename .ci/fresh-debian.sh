#!/bin/sh
# Makes a fresh minimal Debian 12 (debootstrap --variant=minbase bookworm, kept between runs in
# $FSDECL_FRESH_CACHE, /var/cache/fsdecl-fresh by default, and copied anew for each run), copies this
# checkout into it under a path with a space and an accent, and runs there what a newcomer would
# (.ci/in-debian.sh): the README's commands, the test suite and the package route.
# Usage: .ci/fresh-debian.sh [STEPS]   (as root; about 10 minutes on 2 cores, 1 more the first
# time; STEPS: another script of the checkout to run inside, .ci/in-debian.sh by default)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
cache=${FSDECL_FRESH_CACHE:-/var/cache/fsdecl-fresh}
base=$cache/bookworm-minbase
project="/root/mes projets/fsdécl"
steps=${1:-.ci/in-debian.sh}
start=$(date +%s)

fail() {
    echo "fresh-debian: $*" >&2
    exit 1
}
[ "$(id -u)" -eq 0 ] || fail "must run as root (debootstrap, mount, chroot)"
if ! command -v debootstrap >/dev/null 2>&1; then
    echo "== Installing debootstrap"
    apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends debootstrap >/dev/null || fail "cannot install debootstrap"
fi

# The base system, made once: a debootstrap that did not finish is never kept.
if [ ! -e "$base/.complete" ]; then
    echo "== Making a minimal Debian 12 in $base (once)"
    rm -rf "$base.new"
    mkdir -p "$cache"
    debootstrap --variant=minbase bookworm "$base.new" >"$cache/debootstrap.log" 2>&1 ||
        { tail -n 20 "$cache/debootstrap.log" >&2; fail "debootstrap failed (log: $cache/debootstrap.log)"; }
    rm -rf "$base" && mv "$base.new" "$base" && touch "$base/.complete"
fi

# A fresh copy for this run, removed at the end. Its mounts live in a private namespace of their
# own, so they vanish with it and removing the copy never reaches the host's /dev.
work=$(mktemp -d /var/tmp/fsdecl-fresh.XXXXXX)
trap 'rm -rf "$work" "$work.log"' EXIT
trap 'kill ${pid:-} 2>/dev/null; exit 130' INT TERM
cp -a "$base/." "$work/" || fail "cannot copy $base"
rm -f "$work/.complete"
cp /etc/resolv.conf "$work/etc/resolv.conf"
mkdir -p "$work$project" "$cache/archives/partial"
tar -C "$src" --exclude=./.git --exclude='./build*' -cf - . | tar -C "$work$project" -xf - ||
    fail "cannot copy the checkout"
# The seed documents the rules cite, beside the checkout as in a developer's tree (tests/cli/quotes.sh).
if [ -d "$src/../shared/seeds" ]; then
    mkdir -p "$work${project%/*}/shared" && cp -r "$src/../shared/seeds" "$work${project%/*}/shared/"
fi
echo "== Fresh Debian 12 ready in $(($(date +%s) - start)) s; the checkout is in « $project »"

# Downloaded packages are kept between runs (apt's archive folder of the fresh system is the cache's).
unshare --mount --pid --fork --kill-child --propagation private sh -c '
    set -e
    work=$1 cache=$2 project=$3 steps=$4
    mount -t proc proc "$work/proc"
    mount -t sysfs sys "$work/sys"
    mount --rbind /dev "$work/dev"
    mount -t tmpfs tmpfs "$work/tmp"
    mount --bind "$cache/archives" "$work/var/cache/apt/archives"
    exec chroot "$work" env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        sh "$project/$steps" "$project"
' fresh "$work" "$cache" "$project" "$steps" >"$work.log" 2>&1 &
pid=$!
tail -n +1 -f --pid=$pid "$work.log" & # shown as it runs
shown=$!
wait $pid || rc=$?
wait $shown
echo "fresh-debian: $(($(date +%s) - start)) s in all"
# the steps' count last, as a test runner's closing line
grep -E '^[a-z0-9]+: [0-9]+ passed, [0-9]+ failed$' "$work.log" | tail -n 1
exit "${rc:-0}"
