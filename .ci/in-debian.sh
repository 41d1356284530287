#!/bin/sh
# Run inside a fresh minimal Debian 12, as root, by .ci/fresh-debian.sh: what a newcomer does with
# the README, each step checked. Usage: in-debian.sh PROJECT_FOLDER
set -u
project=$1
cd "$project" || exit 2
passed=0
failed=0
t0=$(date +%s)
# step WHAT COMMAND...: one checked step, timed.
step() {
    what=$1
    shift
    s=$(date +%s)
    if "$@"; then
        passed=$((passed + 1))
        echo "ok ($(($(date +%s) - s)) s): $what"
    else
        failed=$((failed + 1))
        echo "ÉCHEC ($(($(date +%s) - s)) s): $what"
    fi
}

# A plain user without sudo, before anything is installed: told in one French sentence what to do.
no_sudo() {
    useradd -m medecin && mkdir -p "/home/medecin/mes projets" && cp -a "$project" "/home/medecin/mes projets/" &&
        chown -R medecin: /home/medecin || return 1
    runuser -u medecin -- "/home/medecin/mes projets/fsdécl/scripts/start.sh" --version >/tmp/out 2>/tmp/err
    rc=$?
    cat /tmp/err
    [ $rc -ne 0 ] && [ "$(wc -l </tmp/err)" -eq 1 ] && grep -q "sudo n'est pas installé.*en root" /tmp/err
}
step "sans sudo, un utilisateur apprend quoi faire" no_sudo

# The first README command on a fresh system, by a plain user who has sudo: installs through sudo
# only what the program needs, says it briefly, builds in the user's folder.
first_start() {
    { apt-get update && apt-get install -y --no-install-recommends sudo; } >/dev/null 2>&1 &&
        echo 'medecin ALL=(ALL) NOPASSWD: ALL' >/etc/sudoers.d/medecin || return 1
    runuser -u medecin -- "/home/medecin/mes projets/fsdécl/scripts/start.sh" --version >/tmp/out 2>/tmp/err
    rc=$?
    cat /tmp/out /tmp/err
    [ $rc -eq 0 ] && grep -q '^fsdecl ' /tmp/out && [ "$(wc -l </tmp/err)" -le 4 ] &&
        ! dpkg-query -W libcmocka-dev >/dev/null 2>&1
}
step "scripts/start.sh par un utilisateur avec sudo : installe le nécessaire et construit" first_start

# A library the build needs and lacks is named with its Debian package (here the tests' cmocka).
names_package() {
    ! cmake -S . -B /tmp/no-cmocka -DFSDECL_TESTS=ON >/tmp/out 2>&1 && grep -q "libcmocka-dev" /tmp/out
}
step "une bibliothèque manquante est nommée par son paquet Debian" names_package

# As root, where everything is installed: builds, then starts at once.
root_start() { scripts/start.sh --version >/tmp/out 2>/tmp/err && grep -q '^fsdecl ' /tmp/out; }
step "scripts/start.sh en root" root_start
again() {
    scripts/start.sh --version >/tmp/out 2>/tmp/err && [ ! -s /tmp/err ] || { cat /tmp/err; return 1; }
}
step "scripts/start.sh, déjà construit, démarre aussitôt" again

# The second README command: the whole test suite.
tests() {
    scripts/test.sh 2>&1 | tee /tmp/test.log
    line=$(tail -n 1 /tmp/test.log)
    echo "$line" | grep -q '^total: [0-9]* passed, 0 failed$'
}
step "scripts/test.sh" tests
total=$(sed -n 's/^total: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' /tmp/test.log | tail -n 1)

# The package route of the README: build, install, use, remove.
step "paquet : construit, installé, utilisé, enlevé" scripts/package-test.sh

# The wizard opens under a pseudo-terminal (tmux, installed by the tests) and quits, with its
# accents, in the fresh system's root shell, which has no locale at all.
wizard() {
    rm -f /tmp/wizard.rc
    tmux new-session -d -s wizard -x 80 -y 24 "env -u LANG -u LC_ALL scripts/start.sh; echo \$? >/tmp/wizard.rc" ||
        return 1
    n=0
    until tmux capture-pane -p -t wizard 2>/dev/null | grep -q "Vos déclarations"; do
        n=$((n + 1))
        [ $n -gt 100 ] && { tmux capture-pane -p -t wizard; tmux kill-server; return 1; }
        sleep 0.1
    done
    tmux capture-pane -p -t wizard
    tmux send-keys -t wizard Escape && sleep 0.3 && tmux send-keys -t wizard F10
    n=0
    until [ -s /tmp/wizard.rc ]; do
        n=$((n + 1))
        [ $n -gt 50 ] && { tmux capture-pane -p -t wizard; tmux kill-server; return 1; }
        sleep 0.1
    done
    [ "$(cat /tmp/wizard.rc)" = 0 ]
}
step "scripts/start.sh ouvre l'assistant dans un terminal 80 × 24 et le quitte" wizard

echo "== Debian 12 minimale : $(($(date +%s) - t0)) s"
set -- $total
echo "debian12: $((passed + ${1:-0})) passed, $((failed + ${2:-1})) failed"
[ "$failed" -eq 0 ] && [ "${2:-1}" -eq 0 ]
