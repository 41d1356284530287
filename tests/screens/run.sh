#!/bin/sh
# Screen tests in script mode: each tests/screens/*.keys drives the wizard on a virtual screen
# (FSDECL_SCRIPT), and every screen it dumps is compared to tests/screens/golden/SCRIPT.DUMP.txt.
# Usage: run.sh FSDECL SOURCE_DIR [--update]   (--update rewrites the golden files)
#
# Header lines of a script, before its commands:
#   # size COLSxLINES            the virtual screen (80x24 when absent)
#   # today AAAA-MM-JJ           the day deadlines are judged at (2025-12-20 when absent)
#   # store EXAMPLE...           data/examples/EXAMPLE.cfg copied into the store as drafts
#   # recovery EXAMPLE           ... and that example left as the draft's unsaved recovery file
#   # recovery-older EXAMPLE     ... the same, left before the draft was last saved (as an earlier
#                                crash leaves one that fsdecl recover can still take up)
#   # typing FIELD TEXT          an entry of the first draft's typing (the line may repeat); FIELD
#                                has a colon, so that a comment line « # typing is ... » is none
#   # options OPTION...          options given to fsdecl (--ascii, --no-color)
#   # term NAME                  TERM (xterm-256color when absent)
#   # hold DRAFT                 another program holds the draft's lock during the run
#                                (the helper program named by $HOLDLOCK)
#   # before COMMAND...          before the run, fsdecl COMMAND... on the store (the line may repeat:
#                                finalise a version, record it declared)
#   # then COMMAND...            after the run, fsdecl COMMAND...; its output is compared too
set -u
fsdecl=$1
src=$(cd "$2" && pwd)
update=${3:-}
. "$src/tests/cli/lib.sh"
golden=$src/tests/screens/golden
case $fsdecl in /*) ;; *) fsdecl=$(pwd)/$fsdecl ;; esac

if ! locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$'; then
    ko "the fr_FR.UTF-8 locale is not installed (locale-gen fr_FR.UTF-8)"
fi
export LC_ALL=fr_FR.UTF-8 TERM=xterm-256color FSDECL_CLOCK=14:32
export FSDECL_RULES_DIR="$src/rules" FSDECL_LISTS_DIR=
unset NO_COLOR FSDECL_SETTLE_FD

header() { sed -n "s/^# $1 //p" "$2" | head -1; }

# Times and fingerprints the store writes are those of the run: masked.
mask() {
    sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}/AAAA-MM-JJ hh:mm:ss/g;
            s#[0-9]{2}/[0-9]{2}/[0-9]{4} (à )?[0-9]{2}:[0-9]{2}#JJ/MM/AAAA \1hh:mm#g;
            s#[0-9]{2}/[0-9]{2}(  .*v[0-9]+( |$))#JJ/MM\1#g;
            s/processus [0-9]+/processus PID/g;
            s/[0-9a-f]{64}/EMPREINTE/g; s/[0-9a-f]{16}…/EMPREINTE…/g' "$1"
}

compare() { # compare GOLDEN GOT WHAT
    if [ -n "$update" ]; then
        cp "$2" "$1"
        ok
    elif [ ! -f "$1" ]; then
        ko "$3: no golden file $1"
        cat "$2"
    elif diff -u "$1" "$2" >"$tmp/diff"; then
        ok
    else
        ko "$3 differs:"
        cat "$tmp/diff"
    fi
}

make_store() { # make_store SCRIPT
    store=$tmp/store
    rm -rf "$store"
    mkdir -m 700 -p "$store/drafts" "$store/history"
    for ex in $(header store "$1"); do
        f=$src/data/examples/$ex.cfg
        draft=$(sed -n 's/^campaign = \([0-9]*\);/\1/p' "$f")-$(sed -n 's/^ *rpps = "\([0-9]*\)";/\1/p' "$f")
        cp "$f" "$store/drafts/$draft.cfg"
        chmod 600 "$store/drafts/$draft.cfg"
        touch -d "2025-12-20 14:32" "$store/drafts/$draft.cfg"
    done
    if grep -q '^# typing [^ ]*:' "$1"; then # what the first draft holds as typing: FIELD TEXT
        f=$(ls "$store"/drafts/*.cfg | head -1)
        { echo "typing = ("
          sed -n 's/^# typing \([^ ]*:[^ ]*\) \(.*\)/  { field = "\1"; text = "\2"; },/p' "$1" | sed '$ s/,$//'
          echo ");"; } >>"$f"
        touch -d "2025-12-20 14:32" "$f"
    fi
    for kind in recovery recovery-older; do
        ex=$(header $kind "$1")
        [ -n "$ex" ] || continue
        at=14:40 && [ $kind = recovery ] || at=14:20
        f=$src/data/examples/$ex.cfg
        draft=$(sed -n 's/^campaign = \([0-9]*\);/\1/p' "$f")-$(sed -n 's/^ *rpps = "\([0-9]*\)";/\1/p' "$f")
        { echo "# recovery: pid=4242 host=cabinet saved=2025-12-20 $at:00"
          sed 's/last_name = "\([A-Z]*\)";/last_name = "\1-RÉCUPÉRÉ";/' "$f"; } >"$store/drafts/$draft.recovery"
        touch -d "2025-12-20 $at" "$store/drafts/$draft.recovery"
    done
}

for script in "$src"/tests/screens/*.keys; do
    name=$(basename "$script" .keys)
    make_store "$script"
    size=$(header size "$script")
    today=$(header today "$script")
    befores=$(sed -n 's/^# before //p' "$script")
    [ -z "$befores" ] || while read -r cmd; do
        FSDECL_DATA_DIR=$store "$fsdecl" --today "${today:-2025-12-20}" $cmd >"$tmp/out" 2>&1 ||
            { ko "$name: fsdecl $cmd failed"; cat "$tmp/out"; }
    done <<EOF
$befores
EOF
    rm -rf "$tmp/dumps"
    mkdir -p "$tmp/dumps"
    holder=
    hold=$(header hold "$script")
    if [ -n "$hold" ] && [ -z "${HOLDLOCK:-}" ]; then
        ko "$name: HOLDLOCK (the lock-holding helper) is not set"
        continue
    elif [ -n "$hold" ]; then
        mkfifo "$tmp/held"
        "$HOLDLOCK" "$store" "$hold" >"$tmp/held" &
        holder=$!
        read -r _ <"$tmp/held" # the lock is taken
    fi
    term=$(header term "$script")
    (cd "$tmp/dumps" && TERM=${term:-xterm-256color} FSDECL_DATA_DIR=$store FSDECL_SCRIPT=$script \
        FSDECL_SCRIPT_SIZE=${size:-80x24} "$fsdecl" --today "${today:-2025-12-20}" \
        $(header options "$script") >"$tmp/out" 2>&1)
    rc=$?
    if [ -n "$holder" ]; then
        kill "$holder"
        wait "$holder" 2>/dev/null
        rm -f "$tmp/held"
    fi
    [ $rc -eq 0 ] && ok || { ko "$name: exit $rc"; cat "$tmp/out"; }
    for dump in "$tmp"/dumps/*; do
        [ -f "$dump" ] || continue
        d=$(basename "$dump" .txt)
        mask "$dump" >"$tmp/masked"
        compare "$golden/$name.$d.txt" "$tmp/masked" "$name/$d"
    done
    then=$(header then "$script")
    if [ -n "$then" ]; then
        (cd "$tmp" && FSDECL_DATA_DIR=$store "$fsdecl" --today "${today:-2025-12-20}" $then \
            >"$tmp/then" 2>&1; echo "code de sortie : $?" >>"$tmp/then")
        sed "s|$tmp|@TMP@|g" "$tmp/then" >"$tmp/then.masked"
        mask "$tmp/then.masked" >"$tmp/then"
        compare "$golden/$name.then.txt" "$tmp/then" "$name/then"
    fi
done

# A draft whose campaign has no rules (none for 2031): the wizard refuses to open it and says why,
# from the home screen and from « fsdecl edit »; it used to crash (SIGSEGV in screens/bind.c).
store=$tmp/store
rm -rf "$store" "$tmp/dumps"
mkdir -m 700 -p "$store/drafts" "$store/history" "$tmp/dumps"
sed 's/^campaign = 2025;/campaign = 2031;/' "$src/data/examples/gp-complete.cfg" \
    >"$store/drafts/2031-10001234565.cfg"
chmod 600 "$store/drafts/2031-10001234565.cfg"
printf 'key Enter\ndump refus.txt\nkey Enter\ndump accueil.txt\n' >"$tmp/norules-home.keys"
printf 'dump refus.txt\nkey Enter\n' >"$tmp/norules-edit.keys" # the refusal comes first
for how in home edit; do
    rm -f "$tmp"/dumps/*
    args= && [ $how = home ] || args="edit 2031-10001234565"
    (cd "$tmp/dumps" && FSDECL_DATA_DIR=$store FSDECL_SCRIPT=$tmp/norules-$how.keys \
        FSDECL_SCRIPT_SIZE=80x24 "$fsdecl" --today 2025-12-20 $args >"$tmp/out" 2>&1)
    rc=$?
    # from the home screen the refusal leaves the wizard running; « fsdecl edit » ends in exit 2,
    # saying why on standard error once the terminal is back
    want_rc=0 && [ $how = home ] || want_rc=2
    [ $rc -eq $want_rc ] && ok || { ko "no rules ($how): exit $rc"; cat "$tmp/out"; continue; }
    if [ $how = edit ]; then
        grep -q "^2031-10001234565: la déclaration n'est pas ouverte : les règles de la campagne 2031" "$tmp/out" &&
            grep -q "/rules/2031.cfg: ouverture impossible" "$tmp/out" &&
            grep -q "^fsdecl edit : 2031-10001234565 n'a pas été ouvert ; rien n'a été modifié ni enregistré.$" "$tmp/out" &&
            ok || { ko "no rules (edit): the reasons are not on standard error"; cat "$tmp/out"; }
    fi
    # the dialog's text, its lines joined
    sed -n 's/^ *│ \(.*[^ ]\) *│$/\1/p' "$tmp/dumps/refus.txt" | tr '\n' ' ' >"$tmp/said"
    for want in "2031-10001234565 n'est pas ouverte : les règles de la campagne 2031 ne peuvent pas" \
        "/rules/2031.cfg : ouverture impossible"; do
        grep -q "$want" "$tmp/said" && ok ||
            { ko "no rules ($how): « $want » not shown"; cat "$tmp/dumps/refus.txt"; }
    done
    grep -q "Ouverture impossible" "$tmp/dumps/refus.txt" && ok || ko "no rules ($how): no dialog"
done

# « fsdecl edit » on a draft with a recovery left by a process gone: the question first; Annuler
# ends the program without opening anything (exit 0: the user's choice), Récupérer opens the
# recovered work.
rm -rf "$store" "$tmp/dumps" && mkdir -m 700 -p "$store/drafts" "$store/history" "$tmp/dumps"
cp "$src/data/examples/gp-complete.cfg" "$store/drafts/2025-10001234565.cfg"
touch -d "2025-12-20 14:32" "$store/drafts/2025-10001234565.cfg"
{ echo "# recovery: pid=4242 host=cabinet saved=2025-12-20 14:40:00"
  sed 's/last_name = "\([A-Z]*\)";/last_name = "\1-RÉCUPÉRÉ";/' "$src/data/examples/gp-complete.cfg"; } \
    >"$store/drafts/2025-10001234565.recovery"
touch -d "2025-12-20 14:40" "$store/drafts/2025-10001234565.recovery"
printf 'dump question.txt\nkey Esc\n' >"$tmp/edit-cancel.keys"
printf 'key Enter\ndump opened.txt\nkey F10\nkey Right\nkey Enter\n' >"$tmp/edit-recover.keys"
for how in cancel recover; do
    rm -f "$tmp"/dumps/*
    (cd "$tmp/dumps" && FSDECL_DATA_DIR=$store FSDECL_SCRIPT=$tmp/edit-$how.keys \
        FSDECL_SCRIPT_SIZE=80x24 "$fsdecl" --today 2025-12-20 edit 2025-10001234565 >"$tmp/out" 2>&1)
    rc=$?
    [ $rc -eq 0 ] && ok || { ko "edit with a recovery ($how): exit $rc"; cat "$tmp/out"; }
    if [ $how = cancel ]; then
        grep -q "Récupération" "$tmp/dumps/question.txt" && ok ||
            { ko "edit with a recovery: no question"; cat "$tmp/dumps/question.txt"; }
    fi
done
grep -q "Récupération" "$tmp/dumps/opened.txt" && ko "edit with a recovery: the question still open" || ok
grep -q "RÉCUPÉRÉ" "$tmp/dumps/opened.txt" && ok ||
    { ko "edit with a recovery: Récupérer did not open the recovered work"; cat "$tmp/dumps/opened.txt"; }

# F6 writes the recap PDF through the store's atomic writer: where it cannot be written (a home
# folder that does not exist), the message line names the file and the reason, and nothing is left.
rm -rf "$store" "$tmp/dumps" && mkdir -m 700 -p "$store/drafts" "$tmp/dumps"
cp "$src/data/examples/gp-complete.cfg" "$store/drafts/2025-10001234565.cfg"
printf 'key Enter\nkey F6\ndump f6.txt\n' >"$tmp/f6.keys"
(cd "$tmp/dumps" && HOME=$tmp/nohome FSDECL_DATA_DIR=$store FSDECL_SCRIPT=$tmp/f6.keys \
    FSDECL_SCRIPT_SIZE=200x24 "$fsdecl" --today 2025-12-20 >"$tmp/out" 2>&1)
grep -q "PDF impossible : $tmp/nohome/recapitulatif-2025-10001234565-brouillon.pdf : enregistrement impossible : Aucun fichier ou dossier de ce type ; rien n'a été enregistré" \
    "$tmp/dumps/f6.txt" && ok || { ko "F6 in a missing folder: the file and the reason not said"; cat "$tmp/dumps/f6.txt" "$tmp/out"; }
mkdir -m 700 "$tmp/nohome"
(cd "$tmp/dumps" && umask 022 && HOME=$tmp/nohome FSDECL_DATA_DIR=$store FSDECL_SCRIPT=$tmp/f6.keys \
    FSDECL_SCRIPT_SIZE=200x24 "$fsdecl" --today 2025-12-20 >"$tmp/out" 2>&1)
[ "$(stat -c %a "$tmp/nohome/recapitulatif-2025-10001234565-brouillon.pdf" 2>&1)" = 600 ] && ok ||
    { ko "F6: the PDF is not written 0600"; ls -la "$tmp/nohome"; cat "$tmp/dumps/f6.txt"; }

# F6 on the « à reporter sur Amelipro » sheet (F4) writes its PDF beside the recap's, named after
# the draft or the version; after a version is finalised, « Imprimer le formulaire papier » writes
# that version's pre-filled paper form. The message line says where each was written.
rm -rf "$store" "$tmp/dumps" "$tmp/nohome" && mkdir -m 700 -p "$store/drafts" "$tmp/dumps" "$tmp/nohome"
cp "$src/data/examples/gp-complete.cfg" "$store/drafts/2025-10001234565.cfg"
printf 'key Enter\nkey F4\nkey F6\ndump brouillon.txt\nkey Esc\nkey PgDn 3\nkey Tab 2\nkey Enter\nkey Enter\ntype i\ndump formulaire.txt\nkey F4\nkey C-p\ndump v1.txt\n' >"$tmp/sheet-pdf.keys"
(cd "$tmp/dumps" && HOME=$tmp/nohome FSDECL_DATA_DIR=$store FSDECL_SCRIPT=$tmp/sheet-pdf.keys \
    FSDECL_SCRIPT_SIZE=200x24 "$fsdecl" --today 2025-12-20 >"$tmp/out" 2>&1)
for want in "brouillon.txt|Fiche écrite : ~/a-reporter-sur-amelipro-2025-10001234565-brouillon.pdf" \
    "formulaire.txt|Formulaire papier écrit : ~/formulaire-2025-10001234565-v1.pdf" \
    "v1.txt|Fiche écrite : ~/a-reporter-sur-amelipro-2025-10001234565-v1.pdf"; do
    dump=${want%%|*} said=${want#*|} file=$tmp/nohome/${want##*~/}
    grep -qF "$said" "$tmp/dumps/$dump" && [ "$(head -c 5 "$file" 2>/dev/null)" = "%PDF-" ] &&
        [ "$(stat -c %a "$file")" = 600 ] && ok ||
        { ko "sheet and form PDFs: « $said » not said, or $file not a PDF written 0600"; cat "$tmp/dumps/$dump" "$tmp/out"; ls -la "$tmp/nohome"; }
done

# A draft whose RPPS key is wrong: the Identité tab offers the box that confirms the number (shown
# only then: no other golden has it); finalising is refused with both ways out, the box then
# focused; ticked, the version is finalised.
rm -rf "$store" "$tmp/dumps" && mkdir -m 700 -p "$store/drafts" "$tmp/dumps"
sed 's/10001234565/10001234574/' "$src/data/examples/gp-complete.cfg" >"$store/drafts/2025-10001234574.cfg"
printf 'key Enter\ndump identite.txt\nkey PgDn 3\nkey Tab 2\nkey Enter\ndump refus.txt\nkey Enter\ndump focus.txt\nkey Space\nkey PgDn 3\nkey Tab 2\nkey Enter\nkey Enter\ndump finalisee.txt\n' >"$tmp/rpps-key.keys"
(cd "$tmp/dumps" && FSDECL_DATA_DIR=$store FSDECL_SCRIPT=$tmp/rpps-key.keys \
    FSDECL_SCRIPT_SIZE=80x24 "$fsdecl" --today 2025-12-20 >"$tmp/out" 2>&1)
grep -q "^   \[ \] Le numéro RPPS est juste (clé non conforme)$" "$tmp/dumps/identite.txt" && ok ||
    { ko "wrong RPPS key: no box to confirm the number"; cat "$tmp/dumps/identite.txt" "$tmp/out"; }
sed -n 's/^[^│]*│ \(.*[^ ]\) *│[^│]*$/\1/p' "$tmp/dumps/refus.txt" | tr '\n' ' ' >"$tmp/said"
grep -q "S'il est faux, corrigez-le depuis l'accueil .* S'il est juste, cochez « Le numéro RPPS est juste (clé non conforme) » dans l'onglet Identité" "$tmp/said" && ok ||
    { ko "wrong RPPS key: the refusal does not say both ways out"; cat "$tmp/dumps/refus.txt"; }
[ "$(sed -n 6p "$tmp/dumps/focus.txt")" = "   [ ] Le numéro RPPS est juste (clé non conforme)" ] &&
    grep -q "^curseur 5,4$" "$tmp/dumps/focus.txt" && ok ||
    { ko "wrong RPPS key: the box not focused after the refusal"; cat "$tmp/dumps/focus.txt"; }
grep -q "Version 1 finalisée le" "$tmp/dumps/finalisee.txt" && ok ||
    { ko "wrong RPPS key confirmed: no version finalised"; cat "$tmp/dumps/finalisee.txt"; }

# The Récapitulatif tab over a history it cannot read (a file where its folder should be, which
# even root cannot list) says so; it used to show the recap as if nothing had been transmitted.
rm -rf "$store" "$tmp/dumps" && mkdir -m 700 -p "$store/drafts" "$store/history" "$tmp/dumps"
cp "$src/data/examples/gp-complete.cfg" "$store/drafts/2025-10001234565.cfg"
echo x >"$store/history/2025-10001234565"
printf 'key Enter\nkey PgDn 4\ndump recap.txt\n' >"$tmp/recap-history.keys"
(cd "$tmp/dumps" && FSDECL_DATA_DIR=$store FSDECL_SCRIPT=$tmp/recap-history.keys \
    FSDECL_SCRIPT_SIZE=200x40 "$fsdecl" --today 2025-12-20 >"$tmp/out" 2>&1)
grep -q "Historique illisible : lecture de l'historique impossible : N'est pas un dossier ; la dernière version finalisée n'est pas connue" \
    "$tmp/dumps/recap.txt" && ok || { ko "recap tab: an unreadable history not said"; cat "$tmp/dumps/recap.txt" "$tmp/out"; }

# A transmitted version that cannot be read is « illisible » with the reason in the Attestation
# tab's list of versions, not « ALTÉRÉE ».
rm -rf "$store" "$tmp/dumps" && mkdir -m 700 -p "$tmp/dumps"
FSDECL_DATA_DIR=$store "$fsdecl" finalize --today 2025-12-20 "$src/data/examples/gp-complete.cfg" >"$tmp/out" 2>&1
chmod u+w "$store/history/2025-10001234565/v0001.cfg" && rm "$store/history/2025-10001234565/v0001.cfg" &&
    mkdir "$store/history/2025-10001234565/v0001.cfg"
printf 'key Enter\nkey PgDn 3\ndump attestation.txt\n' >"$tmp/versions.keys"
(cd "$tmp/dumps" && FSDECL_DATA_DIR=$store FSDECL_SCRIPT=$tmp/versions.keys \
    FSDECL_SCRIPT_SIZE=200x40 "$fsdecl" --today 2025-12-20 >"$tmp/out" 2>&1)
grep -q "Version 1 du .* — illisible : ce n'est pas un fichier ordinaire" "$tmp/dumps/attestation.txt" &&
    ! grep -q "ALTÉRÉE" "$tmp/dumps/attestation.txt" && ok ||
    { ko "versions in the wizard: an unreadable one not said « illisible »"; cat "$tmp/dumps/attestation.txt" "$tmp/out"; }

# The home screen without any rules says so; with a damaged reference list it names the list and
# what is wrong with it (it used to say only « Aucune campagne trouvée »).
rm -rf "$store" "$tmp/dumps" "$tmp/norules" "$tmp/lists" && mkdir -m 700 -p "$store/drafts" "$tmp/dumps" "$tmp/norules" "$tmp/lists"
cp "$src/data/examples/gp-complete.cfg" "$store/drafts/2025-10001234565.cfg"
printf 'dump home.txt\n' >"$tmp/home-only.keys"
(cd "$tmp/dumps" && FSDECL_RULES_DIR=$tmp/norules FSDECL_DATA_DIR=$store FSDECL_SCRIPT=$tmp/home-only.keys \
    FSDECL_SCRIPT_SIZE=80x24 "$fsdecl" --today 2025-12-20 >"$tmp/out" 2>&1)
grep -q "Aucune campagne trouvée : fsdecl rules dit où il les cherche." "$tmp/dumps/home.txt" && ok ||
    { ko "home without rules: not said"; cat "$tmp/dumps/home.txt" "$tmp/out"; }
echo "garbage = = ;" >"$tmp/lists/connected-equipment-v1.cfg"
(cd "$tmp/dumps" && FSDECL_LISTS_DIR=$tmp/lists FSDECL_DATA_DIR=$store FSDECL_SCRIPT=$tmp/home-only.keys \
    FSDECL_SCRIPT_SIZE=200x24 "$fsdecl" --today 2025-12-20 >"$tmp/out" 2>&1)
grep -q "Règles de la campagne 2025 illisibles : erreur de syntaxe ($tmp/lists/connected-equipment-v1.cfg, ligne 1)" \
    "$tmp/dumps/home.txt" && ok || { ko "home with a damaged list: the list and the reason not said"; cat "$tmp/dumps/home.txt" "$tmp/out"; }

# A draft whose name holds a bidirectional override (U+202E) is listed « illisible » with the
# reason, the name never drawn; TERM=dumb still draws the home screen.
rm -rf "$store" "$tmp/dumps" && mkdir -m 700 -p "$store/drafts" "$tmp/dumps"
sed 's/last_name = "MARTIN";/last_name = "MAR\xe2\x80\xaeTIN";/' "$src/data/examples/gp-complete.cfg" \
    >"$store/drafts/2025-10001234565.cfg"
(cd "$tmp/dumps" && FSDECL_DATA_DIR=$store FSDECL_SCRIPT=$tmp/home-only.keys \
    FSDECL_SCRIPT_SIZE=80x24 "$fsdecl" --today 2025-12-20 >"$tmp/out" 2>&1)
grep -q "« last_name » contient un caractère de contrôle" "$tmp/dumps/home.txt" &&
    grep -q "^ 2025  (sans nom) .*10001234565 .*  illisible$" "$tmp/dumps/home.txt" &&
    ! grep -q "$(printf '\342\200\256')" "$tmp/dumps/home.txt" && ok ||
    { ko "home with a bidi override in a name: not listed unreadable with the reason"; cat "$tmp/dumps/home.txt"; }
cp "$src/data/examples/gp-complete.cfg" "$store/drafts/2025-10001234565.cfg"
(cd "$tmp/dumps" && TERM=dumb FSDECL_DATA_DIR=$store FSDECL_SCRIPT=$tmp/home-only.keys \
    FSDECL_SCRIPT_SIZE=80x24 "$fsdecl" --today 2025-12-20 >"$tmp/out" 2>&1)
rc=$?
[ $rc -eq 0 ] && grep -q "Vos déclarations (1)" "$tmp/dumps/home.txt" &&
    grep -q "^ 2025  MARTIN Claire .*10001234565" "$tmp/dumps/home.txt" && ok ||
    { ko "TERM=dumb: exit $rc, or no home screen"; cat "$tmp/dumps/home.txt" "$tmp/out"; }

# « fsdecl edit » of a file or draft that cannot be read: exit 2, the file and the reason on
# standard error, and that nothing was saved; it used to flash the screen and exit 0.
printf 'dump edit.txt\n' >"$tmp/edit.keys"
printf 'campaign = 2025;\nformat = 1;\nidentity = {\n' >"$tmp/broken.cfg"
for what in "$tmp/none.cfg: ouverture impossible : Aucun fichier ou dossier de ce type" \
    "$tmp/broken.cfg:[0-9]*: erreur de syntaxe" \
    "2025-19999999999: lecture impossible : Aucun fichier ou dossier de ce type"; do
    arg=${what%%:*} said=${what#*:}
    file=$arg && [ -e "$arg" ] || case $arg in /*) ;; *) file=$store/drafts/$arg.cfg ;; esac
    (cd "$tmp/dumps" && FSDECL_DATA_DIR=$store FSDECL_SCRIPT=$tmp/edit.keys \
        FSDECL_SCRIPT_SIZE=80x24 "$fsdecl" --today 2025-12-20 edit "$arg" >"$tmp/out" 2>&1)
    rc=$?
    [ $rc -eq 2 ] && grep -q "^$file:$said" "$tmp/out" &&
        grep -q "^fsdecl edit : $arg n'a pas été ouvert ; rien n'a été modifié ni enregistré.$" "$tmp/out" &&
        ok || { ko "edit $arg: exit $rc, or the file and the reason not said"; cat "$tmp/out"; }
done
# Script mode is strict: a typo in a key's name, an unknown command or a malformed line ends the
# run before its first key, exit 2, with the script's file and line on standard error; a screen
# test can no longer pass on a typo (« key Entr » used to be ignored).
for bad in "key Entr|touche inconnue « Entr »" "key Tab x|nombre de touches invalide « x »" \
    "kye Enter|commande inconnue « kye »" "resize 80|taille invalide « 80 »" \
    "signal INT|signal inconnu « INT »" "key F13|touche inconnue « F13 »"; do
    line=${bad%%|*} said=${bad#*|}
    printf '# a comment\nkey Enter\n%s\ndump jamais.txt\n' "$line" >"$tmp/typo.keys"
    rm -f "$tmp"/dumps/*
    (cd "$tmp/dumps" && FSDECL_DATA_DIR=$store FSDECL_SCRIPT=$tmp/typo.keys \
        FSDECL_SCRIPT_SIZE=80x24 "$fsdecl" --today 2025-12-20 >"$tmp/out" 2>&1)
    rc=$?
    [ $rc -eq 2 ] && grep -qF "fsdecl : script $tmp/typo.keys, ligne 3 : $said" "$tmp/out" &&
        [ ! -e "$tmp/dumps/jamais.txt" ] && ok ||
        { ko "script « $line »: exit $rc, or the line and the reason not said"; cat "$tmp/out"; }
done
# A script that ends while the screen is too small: the wizard leaves as at any script's end (exit
# 0, from the home screen and from « fsdecl edit »); it used to wait forever for F10, a key the
# ended script could not give (found by fuzz/fuzz_wizard.c).
rm -rf "$store" "$tmp/dumps" && mkdir -m 700 -p "$store/drafts" "$tmp/dumps"
cp "$src/data/examples/gp-complete.cfg" "$store/drafts/2025-10001234565.cfg"
printf 'key Enter\n' >"$tmp/small.keys"
for args in "" "edit 2025-10001234565"; do
    (cd "$tmp/dumps" && FSDECL_DATA_DIR=$store FSDECL_SCRIPT=$tmp/small.keys FSDECL_SCRIPT_SIZE=60x20 \
        timeout 30 "$fsdecl" --today 2025-12-20 $args >"$tmp/out" 2>&1)
    rc=$?
    [ $rc -eq 0 ] && ok || { ko "script ending on a too small screen ($args): exit $rc (124: still running after 30 s)"; cat "$tmp/out"; }
done
finish
