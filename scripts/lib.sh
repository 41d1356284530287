# Shared by the setup scripts (sourced, never run): Debian packages installed when missing, and
# CMake steps whose output is kept in a log and shown only when they fail.

# The packages the program needs to build and run, those the tests add (for the fuzzers: clang, its
# sanitizer and libFuzzer runtimes libclang-rt-14-dev, and llvm-14 for llvm-symbolizer, without
# which LeakSanitizer cannot name functions and tests/lsan.supp matches nothing), those packaging
# adds.
FSDECL_PACKAGES="gcc libc6-dev make cmake pkg-config libncurses-dev libconfig-dev libmd-dev
libjansson-dev libhpdf-dev fonts-dejavu-core"
FSDECL_TEST_PACKAGES="libcmocka-dev libvterm-dev locales tmux groff-base poppler-utils qpdf
clang-format clang libclang-rt-14-dev llvm-14 jq postgresql"
FSDECL_PACKAGE_PACKAGES="dpkg-dev file"

# say TEXT: a line for the user, on the standard error (standard output stays the program's).
say() { printf '%s\n' "$*" >&2; }

# fs_log: a log file for one step, kept only if the step fails.
fs_log() { mktemp "${TMPDIR:-/tmp}/fsdecl-setup.XXXXXX"; }

# fs_can_be_root WHAT COMMAND: whether this user can act as root (root, or sudo installed); if not,
# says in one sentence what to run as root, and stops the script.
fs_can_be_root() {
    [ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null 2>&1 && return 0
    say "$1 et sudo n'est pas installé : en root, lancez « $2 », puis relancez cette commande."
    exit 1
}

# fs_as_root COMMAND...: runs COMMAND as root, through sudo for a plain user.
fs_as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    else
        sudo "$@"
    fi
}

# fs_missing PACKAGE...: prints those of the packages that are not installed.
fs_missing() {
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || printf ' %s' "$p"
    done
}

# fs_install PACKAGE...: installs those of the packages that are missing, briefly; on failure shows
# apt's own error (a package that does not exist is named there) and stops the script.
fs_install() {
    missing=$(fs_missing "$@")
    [ -z "$missing" ] && return 0
    fs_can_be_root "Il manque des paquets Debian" "apt-get update && apt-get install$missing"
    say "Installation des paquets Debian manquants :$missing"
    log=$(fs_log)
    # shellcheck disable=SC2086 # one word a package
    if fs_as_root apt-get update >"$log" 2>&1 &&
        fs_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
            $missing >>"$log" 2>&1; then
        rm -f "$log"
    else
        grep '^E:' "$log" >&2 || tail -n 30 "$log" >&2
        say "Installation impossible (journal complet : $log)."
        exit 1
    fi
}

# fs_french_locale: generates the fr_FR.UTF-8 locale if the system lacks it (a change to the whole
# system: /etc/locale.gen gains one line).
fs_french_locale() {
    locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$' && return 0
    fs_can_be_root "Les tests ont besoin de la locale fr_FR.UTF-8" \
        "echo 'fr_FR.UTF-8 UTF-8' >>/etc/locale.gen && locale-gen"
    say "Génération de la locale fr_FR.UTF-8 (ajoutée à /etc/locale.gen, pour tout le système)"
    log=$(fs_log)
    if fs_as_root sh -c "grep -q '^fr_FR.UTF-8 UTF-8' /etc/locale.gen 2>/dev/null ||
                         echo 'fr_FR.UTF-8 UTF-8' >>/etc/locale.gen; locale-gen" >"$log" 2>&1; then
        rm -f "$log"
    else
        tail -n 30 "$log" >&2
        say "Génération de la locale impossible (journal complet : $log)."
        exit 1
    fi
}

# fs_run WHAT COMMAND...: runs COMMAND, its output in a log shown only on failure.
fs_run() {
    what=$1
    shift
    log=$(fs_log)
    if "$@" >"$log" 2>&1; then
        rm -f "$log"
    else
        # The tool's own error first: a library CMake cannot find names its Debian package there.
        errors=$(grep -A3 'CMake Error\|error:\|Error:' "$log" | head -n 40)
        if [ -n "$errors" ]; then printf '%s\n' "$errors" >&2; else tail -n 30 "$log" >&2; fi
        say "$what : échec (journal complet : $log)"
        exit 1
    fi
}

# fs_build DIR: configures DIR if needed (the remaining arguments are CMake options), then builds.
fs_build() {
    dir=$1
    shift
    if [ ! -f "$dir/CMakeCache.txt" ] || [ $# -gt 0 ]; then
        fs_run "Configuration de $dir" cmake -S . -B "$dir" "$@"
    fi
    say "Construction de fsdecl dans $dir/"
    fs_run "Construction" cmake --build "$dir" -j"$(nproc)"
}
