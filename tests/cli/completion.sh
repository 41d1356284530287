#!/bin/sh
# bash completion: commands, options, campaign years, draft names.
# Usage: completion.sh FSDECL SOURCE_DIR
set -u
fsdecl=$1
src=$(cd "$2" && pwd)
. "$src/tests/cli/lib.sh"
case $fsdecl in /*) ;; *) fsdecl=$(pwd)/$fsdecl ;; esac
mkdir -p "$tmp/bin"
ln -s "$fsdecl" "$tmp/bin/fsdecl"
export PATH="$tmp/bin:$PATH" LC_ALL=fr_FR.UTF-8 FSDECL_RULES_DIR="$src/rules" FSDECL_DATA_DIR="$tmp/store"
mkdir -m 700 -p "$tmp/store/drafts"
cp "$src/data/examples/gp-complete.cfg" "$tmp/store/drafts/2025-10001234565.cfg"
# complete LINE: the candidates bash offers at the end of LINE, one a line, sorted
complete_line() {
    bash -c '. "$1"; COMP_LINE=$2; read -ra COMP_WORDS <<<"$2"; [ "${2% }" != "$2" ] && COMP_WORDS+=("");
             COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _fsdecl; [ ${#COMPREPLY[@]} -gt 0 ] && printf "%s\n" "${COMPREPLY[@]}" | sort' \
        _ "$src/data/completion/fsdecl" "$1"
}
expect_words() { # LINE WORD...
    line=$1
    shift
    complete_line "$line" >"$tmp/got"
    for w in "$@"; do grep -qx -- "$w" "$tmp/got" && ok || ko "'$line': $w not offered ($(tr '\n' ' ' <"$tmp/got"))"; done
}
expect_words "fsdecl " rules check drafts new finalize history recover restore recap edit help export
expect_words "fsdecl export --campaign 2025 --format " csv jsonl
expect_words "fsdecl recap --format " text json pdf
expect_words "fsdecl check --" --jsonl --stdin --json
expect_words "fsdecl ch" check
expect_words "fsdecl --" --rules-dir --data-dir --help --version --no-color --ascii --today
expect_words "fsdecl rules show " 2023 2024 2025
expect_words "fsdecl new --campaign " 2025
expect_words "fsdecl finalize " 2025-10001234565
expect_words "fsdecl recap --format " text json pdf
complete_line "fsdecl chk" >"$tmp/got"
[ -s "$tmp/got" ] && ko "nothing expected after 'chk': $(cat "$tmp/got")" || ok
finish
