#!/bin/sh
# The README's package route: builds the Debian package (scripts/package.sh), checks what it holds,
# installs it as `apt install ./PAQUET.deb` would (with what it recommends), runs the installed
# fsdecl and its man page, removes it and checks nothing is left. As root: it installs into the
# system.
set -eu
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then
    echo "package-test.sh installs a package: run it as root" >&2
    exit 2
fi
deb=$(scripts/package.sh)
echo "== Paquet : $deb"
fail=0
check() { if "$@"; then echo "ok: $*"; else echo "ÉCHEC : $*"; fail=1; fi; }
dpkg-deb -c "$deb" | awk '{print $6}' >build-deb/contents
for f in ./usr/bin/fsdecl ./usr/share/fsdecl/rules/2025.cfg ./usr/share/fsdecl/lists/specialties-v1.cfg \
         ./usr/share/man/man1/fsdecl.1.gz ./usr/share/man/fr/man1/fsdecl.1.gz \
         ./usr/share/bash-completion/completions/fsdecl ./usr/share/doc/fsdecl/copyright \
         ./usr/share/doc/fsdecl/examples/gp-complete.cfg; do
    check grep -qx "$f" build-deb/contents
done
check sh -c "dpkg-deb -f '$deb' Depends | grep -q fonts-dejavu-core"
check sh -c "dpkg-deb -f '$deb' Depends | grep -q libhpdf" # opened only to write a PDF
check sh -c "dpkg-deb -f '$deb' Recommends | grep -q man-db"
DEBIAN_FRONTEND=noninteractive apt-get install -y "./$deb" >build-deb/install.log 2>&1 ||
    { cat build-deb/install.log; exit 1; }
export LC_ALL=C.UTF-8
check sh -c "cd / && fsdecl --version | grep -q '^fsdecl '"
check sh -c "cd / && fsdecl rules | grep -q '2025'"
check sh -c "cd / && fsdecl rules show 2026 | grep -q '^Total : .* pts = '"
check sh -c "cd / && fsdecl check --today 2025-12-20 /usr/share/doc/fsdecl/examples/gp-complete.cfg | grep -q 'complète et recevable'"
pdf=$(mktemp -d)
check sh -c "cd / && FSDECL_DATA_DIR='$pdf' fsdecl recap --today 2025-12-20 --format pdf -o '$pdf/r.pdf' /usr/share/doc/fsdecl/examples/gp-complete.cfg && head -c 5 '$pdf/r.pdf' | grep -q '%PDF-'"
rm -rf "$pdf"
check sh -c "MANWIDTH=80 man fsdecl 2>&1 | grep -q 'TOUCHES DE L'"
DEBIAN_FRONTEND=noninteractive apt-get remove -y fsdecl >/dev/null
check sh -c "! dpkg -L fsdecl >/dev/null 2>&1"
check sh -c "[ ! -e /usr/bin/fsdecl ] && [ ! -e /usr/share/fsdecl ] && [ ! -e /usr/share/doc/fsdecl ]"
[ $fail -eq 0 ] && echo "paquet : tout va bien" || echo "paquet : des échecs"
exit $fail
