#!/bin/sh
# Command-line tests of the draft store: transmit, history, new with carry-over, drafts,
# restore, recover, and the refusals (closed campaign, commitments missing, corrupt draft).
# Usage: store.sh FSDECL SOURCE_DIR
set -u
fsdecl=$1
src=$2
. "$src/tests/cli/lib.sh"
expect_out() { grep -q -- "$2" "$tmp/out" || ko "$1: '$2' not in output: $(cat "$tmp/out")"; }
expect_err() { grep -q -- "$2" "$tmp/err" || ko "$1: '$2' not in errors: $(cat "$tmp/err")"; }

export LC_ALL=fr_FR.UTF-8 FSDECL_RULES_DIR= FSDECL_LISTS_DIR=
export FSDECL_DATA_DIR="$tmp/store"
cd "$src" || exit 2
draft=2025-10001234565

# Transmit, change, transmit again: numbered versions with their fingerprints.
expect_exit 0 transmit-1 "$fsdecl" finalize --today 2025-12-20 data/examples/gp-complete.cfg
expect_out transmit-1 "Version 1 de $draft finalisée le"
expect_out transmit-1 "Empreinte (prouve que la version n.a pas changé) : [0-9a-f]\{64\}"
expect_out transmit-1 "À reporter sur Amelipro : fsdecl recap --amelipro $draft/v1$"
sed 's/numerator = 2500;/numerator = 1000;/' data/examples/gp-complete.cfg >"$tmp/changed.cfg"
expect_exit 0 transmit-2 "$fsdecl" finalize --today 2025-12-21 "$tmp/changed.cfg"
expect_out transmit-2 "Version 2 de"
expect_out transmit-2 "Montant prévu : 7 525,00 €"
expect_exit 0 history "$fsdecl" history $draft
expect_out history "Versions finalisées de $draft : 2"
[ "$(grep -c '^  v[0-9]' "$tmp/out")" -eq 2 ] && ok || ko "history: two versions expected"
grep -q "ALTÉRÉE" "$tmp/out" && ko "history: a version reported as altered" || ok
# The fingerprint printed is the SHA-256 of the version file, as sha256sum computes it.
want=$(sha256sum <"$tmp/store/history/$draft/v0001.cfg" | cut -d' ' -f1)
grep -q "^$want" "$tmp/store/history/$draft/v0001.sha256" && ok || ko "fingerprint of v0001 is not its SHA-256"
perm=$(stat -c %a "$tmp/store/history/$draft/v0001.cfg")
[ "$perm" = 400 ] && ok || ko "transmitted version mode $perm, expected 400"
perm=$(stat -c %a "$tmp/store/drafts/$draft.cfg")
[ "$perm" = 600 ] && ok || ko "draft mode $perm, expected 600"
perm=$(stat -c %a "$tmp/store/drafts")
[ "$perm" = 700 ] && ok || ko "drafts folder mode $perm, expected 700"

# Partial transmission is allowed, with its problems listed; the commitments are required.
sed 's/last_name = "MARTIN";/last_name = "MARTIN";/; s/v2_coding = { value = "yes"; };/v2_coding = { };/' \
    data/examples/gp-complete.cfg >"$tmp/partial.cfg"
expect_exit 0 transmit-partial "$fsdecl" finalize --today 2025-12-22 "$tmp/partial.cfg"
expect_out transmit-partial "Version incomplète : 1 point à régler"
expect_exit 1 transmit-no-commitments "$fsdecl" finalize --today 2025-12-20 data/examples/partial.cfg
expect_err transmit-no-commitments "Attestation sur l'honneur : cochez"

# After the closing date the declaration is read-only: no transmission.
sed 's/^campaign = 2025;/campaign = 2023;/; /v2_eprescription/d' data/examples/gp-complete.cfg >"$tmp/2023.cfg"
expect_exit 0 transmit-last-day "$fsdecl" finalize --today 2024-02-04 "$tmp/2023.cfg"
expect_exit 1 transmit-after-close "$fsdecl" finalize --today 2024-02-05 "$tmp/2023.cfg"
expect_err transmit-after-close "close depuis le 04/02/2024 à minuit"
expect_exit 1 new-after-close "$fsdecl" new --campaign 2023 --rpps 10001234566 --today 2024-02-05

# A new campaign's draft starts from the previous one.
sed 's/^campaign = 2025;/campaign = 2024;/; s/10001234565/10001234573/' data/examples/gp-complete.cfg >"$tmp/2024.cfg"
expect_exit 0 transmit-2024 "$fsdecl" finalize --today 2024-12-20 "$tmp/2024.cfg"
expect_exit 0 new-carry "$fsdecl" new --campaign 2025 --rpps 10001234573 --today 2025-12-01
expect_out new-carry "Repris de la déclaration 2024"
expect_out new-carry "Implication dans une prise en charge coordonnée"
expect_out new-carry "Attestation sur l'honneur : à cocher de nouveau"
grep -q "numerator" "$tmp/store/drafts/2025-10001234573.cfg" && ko "new-carry: counts were carried" || ok
expect_exit 1 new-exists "$fsdecl" new --campaign 2025 --rpps 10001234573 --today 2025-12-01
expect_err new-exists "existe déjà"
expect_exit 2 new-bad-rpps "$fsdecl" new --campaign 2025 --rpps ../../etc
expect_exit 0 new-empty "$fsdecl" new --campaign 2025 --rpps 10001234581 --empty --today 2025-12-01

# The recap of a transmitted version is the recap of the draft it came from, but for its header.
expect_exit 0 recap-draft "$fsdecl" recap --today 2025-12-22 $draft
expect_out recap-draft "^Brouillon identique à la version 3, finalisée le "
sed -n '/^Volet 1/,$p' "$tmp/out" >"$tmp/recap-draft"
expect_exit 0 recap-version "$fsdecl" recap --today 2025-12-22 $draft/v3
expect_out recap-version "Version 3 finalisée le"
sed -n '/^Volet 1/,$p' "$tmp/out" >"$tmp/recap-version"
cmp -s "$tmp/recap-draft" "$tmp/recap-version" && ok || ko "recap of v3 differs from its draft's"
expect_exit 2 recap-no-version "$fsdecl" recap $draft/v9
expect_err recap-no-version "pas de version 9 finalisée"
# A draft changed since its last version says so, in the text and the JSON.
cp "$tmp/store/drafts/$draft.cfg" "$tmp/kept.cfg"
sed 's/^  last_name = .*/  last_name = "MARTINEZ";/' "$tmp/store/drafts/$draft.cfg" >"$tmp/renamed.cfg" &&
    cat "$tmp/renamed.cfg" >"$tmp/store/drafts/$draft.cfg"
expect_exit 0 recap-changed "$fsdecl" recap --today 2025-12-22 $draft
expect_out recap-changed "^Brouillon modifié depuis la version 3, finalisée le .* : ces changements ne sont dans aucune version finalisée$"
expect_exit 0 recap-changed-json "$fsdecl" recap --today 2025-12-22 --format json $draft
python3 -c 'import json, sys; o = json.load(open(sys.argv[1]))["origin"]; assert o["last_version"] == 3 and o["unchanged"] is False and o["transmitted"] is False, o' "$tmp/out" &&
    ok || ko "recap-changed-json: $(cat "$tmp/out" | head -c 300)"
expect_exit 0 drafts-changed "$fsdecl" drafts --today 2025-12-22
expect_out drafts-changed "^  2025      10001234565  MARTINEZ Claire .* 3 (brouillon modifié depuis la v3)$"
cat "$tmp/kept.cfg" >"$tmp/store/drafts/$draft.cfg"

# The list of drafts.
expect_exit 0 drafts "$fsdecl" drafts --today 2025-12-20
expect_out drafts "Brouillons dans $tmp/store : 5"
expect_out drafts "2025      10001234565  MARTIN Claire"
expect_out drafts "^  2025      10001234565  MARTIN Claire .* 3$"
expect_out drafts "2024      10001234573"
grep -q "temporaire" "$tmp/out" && ko "drafts: temporaries reported where there are none" || ok
# Temporary files a killed save left are shown, and the old ones removed by the next save.
: >"$tmp/store/drafts/.$draft.cfg.Xy12Zw"
: >"$tmp/store/drafts/.$draft.cfg.Ab34Cd"
touch -d '2 hours ago' "$tmp/store/drafts/.$draft.cfg.Ab34Cd"
expect_exit 0 drafts-temporaries "$fsdecl" drafts --today 2025-12-20
expect_out drafts-temporaries "^2 fichiers temporaires dans $tmp/store/drafts : un enregistrement en cours, ou interrompu"
expect_out drafts-temporaries "; 1, laissé par un enregistrement interrompu (son programme a pris fin, ou il a plus d'une heure), sera supprimé au prochain enregistrement.$"
expect_exit 0 transmit-cleans "$fsdecl" finalize --today 2025-12-20 $draft
[ -e "$tmp/store/drafts/.$draft.cfg.Ab34Cd" ] && ko "an old temporary was left" || ok
rm -f "$tmp/store/drafts/.$draft.cfg.Xy12Zw"

# A corrupt draft: its line, the backup offered and put back.
printf 'format = 1;\ncampaign = 2025;\nidentity = {\n' >"$tmp/store/drafts/$draft.cfg"
expect_exit 2 corrupt "$fsdecl" finalize --today 2025-12-20 $draft
expect_err corrupt "$draft.cfg:4: erreur de syntaxe"
expect_err corrupt "fsdecl restore $draft"
expect_exit 0 restore "$fsdecl" restore $draft
expect_exit 0 after-restore "$fsdecl" history $draft

# Recovery: none pending, then a discarded one.
expect_exit 0 recover-none "$fsdecl" recover $draft
expect_out recover-none "Aucune récupération en attente"
cp "$tmp/store/drafts/$draft.cfg" "$tmp/store/drafts/$draft.recovery"
expect_exit 0 drafts-recovery "$fsdecl" drafts --today 2025-12-20
expect_out drafts-recovery "récupération disponible"
expect_exit 0 recover-discard "$fsdecl" recover $draft --discard
[ -e "$tmp/store/drafts/$draft.recovery" ] && ko "recover --discard left the file" || ok
# A recovery file's header comes from a file: its saved= field reaches the terminal sanitised.
{ printf '# recovery: pid=1 host=h saved=2025-12-20 \033]0;pwned\007\033[2J\n'
  cat "$tmp/store/drafts/$draft.cfg"; } >"$tmp/store/drafts/$draft.recovery"
expect_exit 0 recover-escape "$fsdecl" recover $draft
expect_out recover-escape "sauvegarde automatique du 2025-12-20 ?\]0;pwned??\[2J"
grep -q "$(printf '\033')" "$tmp/out" "$tmp/err" && ko "recover-escape: an escape printed raw" || ok

# What an interrupted transmission leaves (a version file without its fingerprint, temporaries)
# is no version: history does not call it altered, and the next transmission takes its number.
hist="$tmp/store/history/$draft"
n=$(ls "$hist" | grep -c '^v[0-9]*\.sha256$')
cp "$hist/v0001.cfg" "$hist/v$(printf %04d $((n + 1))).cfg"
: >"$hist/.v$(printf %04d $((n + 1))).sha256.AbC123"
expect_exit 0 history-leftover "$fsdecl" history $draft
expect_out history-leftover "Versions finalisées de $draft : $n"
grep -q "ALTÉRÉE" "$tmp/out" && ko "history-leftover: a leftover reported as altered" || ok
expect_exit 0 transmit-over-leftover "$fsdecl" finalize --today 2025-12-20 $draft
expect_out transmit-over-leftover "Version $((n + 1)) de"
[ -e "$hist/.v$(printf %04d $((n + 1))).sha256.AbC123" ] && ko "a temporary was left in history" || ok
expect_exit 0 history-after-leftover "$fsdecl" history $draft
grep -q "ALTÉRÉE" "$tmp/out" && ko "history-after-leftover: altered" || ok
# A real alteration is still called one.
chmod u+w "$hist/v0001.cfg" && echo "# changed" >>"$hist/v0001.cfg"
expect_exit 1 history-altered "$fsdecl" history $draft
expect_out history-altered "v1 .*ALTÉRÉE"
# A version that cannot be read is « illisible », with the reason, never called altered; exit 2.
# (A folder where the file should be cannot be read even by root, who ignores permissions.)
mv "$hist/v0002.cfg" "$tmp/v0002.cfg" && mkdir "$hist/v0002.cfg"
expect_exit 2 history-version-unreadable "$fsdecl" history $draft
expect_out history-version-unreadable "^  v2 .*  illisible : ce n'est pas un fichier ordinaire$"
grep -q "v2 .*ALTÉRÉE" "$tmp/out" && ko "history-version-unreadable: called altered: $(cat "$tmp/out")" || ok
expect_err history-version-unreadable "v0002.cfg: version illisible : ce n'est pas un fichier ordinaire"
rmdir "$hist/v0002.cfg" && mv "$tmp/v0002.cfg" "$hist/v0002.cfg"

# A draft that would not read back once written is refused before anything is written.
cp "$tmp/store/drafts/$draft.cfg" "$tmp/before.cfg"
# (the writer adds about 165 bytes to the example: an input of 1 048 500 bytes comes out over 1 MiB)
awk -v fill=$((1048500 - $(wc -c <data/examples/gp-complete.cfg) + 32)) '
    /address = / { s = "a"; while (length(s) * 2 <= fill) s = s s; s = s substr(s, 1, fill - length(s))
                   sub(/"[^"]*"/, "\"" s "\"") } { print }' data/examples/gp-complete.cfg >"$tmp/big.cfg"
size=$(wc -c <"$tmp/big.cfg")
expect_exit 2 big-draft "$fsdecl" finalize --today 2025-12-20 "$tmp/big.cfg"
expect_err big-draft "trop volumineux une fois écrit"
cmp -s "$tmp/before.cfg" "$tmp/store/drafts/$draft.cfg" && ok || ko "big-draft: the draft changed ($size bytes in)"

# Bidirectional overrides in a draft and a line break in a file name are never printed raw.
sed 's/last_name = "MARTIN";/last_name = "MARTIN\xe2\x80\xaeNITRAM";/' data/examples/gp-complete.cfg >"$tmp/bidi.cfg"
"$fsdecl" check --today 2025-12-20 "$tmp/bidi.cfg" >"$tmp/out" 2>&1
grep -q "$(printf '\342\200\256')" "$tmp/out" && ko "bidi: U+202E printed raw" || ok
nl="$tmp/a
b.cfg"
printf 'format = 1;\ncampaign = 2025;\nidentity = {\n' >"$nl"
"$fsdecl" check --today 2025-12-20 "$nl" >"$tmp/out" 2>"$tmp/err"
[ "$(grep -c 'erreur de syntaxe' "$tmp/err")" -eq 1 ] && grep -q "a?b.cfg:4: erreur de syntaxe" "$tmp/err" && ok ||
    ko "newline-name: the file:line: prefix was split: $(cat "$tmp/err")"
# The check header names the file on one line, without its bidirectional marks (U+200F, U+061C).
name="$tmp/c
d$(printf '\342\200\217')e$(printf '\330\234')f.cfg"
cp data/examples/gp-complete.cfg "$name"
"$fsdecl" check --today 2025-12-20 "$name" >"$tmp/out" 2>"$tmp/err"
head -n 1 "$tmp/out" | grep -q "^== $tmp/c?d?e?f.cfg — MARTIN" && ok ||
    ko "check-header-name: $(head -n 2 "$tmp/out")"
grep -q "$(printf '\342\200\217')\|$(printf '\330\234')" "$tmp/out" && ko "check-header-name: a mark printed raw" || ok

# A store folder that is there but cannot be reached is said so, not said impossible to create
# (run as nobody when the tests run as root, who reaches everything).
closed=$(mktemp -d) && chmod 755 "$closed" && mkdir -p "$closed/store/drafts" && chmod 000 "$closed/store"
as_user=
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
    chown -R 65534:65534 "$closed/store" && as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
if [ "$(id -u)" != 0 ] || [ -n "$as_user" ]; then
    # the program and its rules copied where any user reads them: the checkout may be private
    cp "$fsdecl" "$closed/fsdecl" && cp -r "$src/rules" "$src/data/lists" "$closed/" &&
        chmod -R a+rX "$closed/fsdecl" "$closed/rules" "$closed/lists"
    expect_exit 2 closed-folder $as_user env FSDECL_DATA_DIR="$closed/store" \
        FSDECL_RULES_DIR="$closed/rules" FSDECL_LISTS_DIR="$closed/lists" \
        "$closed/fsdecl" new --campaign 2025 --rpps 10001234573 --today 2025-12-01
    expect_err closed-folder "$closed/store/drafts: dossier inaccessible"
    grep -q "création du dossier impossible" "$tmp/err" && ko "closed-folder: said impossible to create" || ok
else
    echo "root without setpriv: the unreachable folder case is not run"
fi
chmod 700 "$closed/store" && rm -rf "$closed"

# Listing only reads: no folder is created.
expect_exit 0 drafts-creates-nothing "$fsdecl" --data-dir "$tmp/none/fsdecl" drafts
expect_out drafts-creates-nothing " : 0"
[ -e "$tmp/none" ] && ko "drafts created $tmp/none" || ok

# A draft that is a symbolic link is listed as unreadable, not silently left out.
cp data/examples/gp-complete.cfg "$tmp/elsewhere.cfg"
ln -s "$tmp/elsewhere.cfg" "$tmp/store/drafts/2025-10001234607.cfg"
expect_exit 2 drafts-link "$fsdecl" drafts --today 2025-12-20
grep -q "2025      10001234607 .*illisible" "$tmp/out" && ok || ko "drafts-link: the link is not listed as unreadable: $(cat "$tmp/out")"
expect_err drafts-link "drafts/2025-10001234607.cfg: lecture impossible : lien symbolique refusé"
expect_err drafts-link "^fsdecl drafts : liste incomplète ou brouillon illisible ; rien n'a été modifié.$"
rm -f "$tmp/store/drafts/2025-10001234607.cfg"

# A draft under another's name (another campaign, another RPPS) is neither opened nor transmitted.
cp data/examples/gp-complete.cfg "$tmp/store/drafts/2024-10001234565.cfg"
expect_exit 2 misnamed-transmit "$fsdecl" finalize --today 2025-01-20 2024-10001234565
expect_err misnamed-transmit "2024-10001234565.cfg: ce brouillon déclare la campagne 2025 et le RPPS 10001234565 : son nom (2024-10001234565) ne leur correspond pas"
[ -e "$tmp/store/history/2024-10001234565/v0001.cfg" ] && ko "misnamed-transmit: a version was published" || ok
cp data/examples/partial.cfg "$tmp/store/drafts/2025-10001234573.cfg"
expect_exit 2 misnamed-rpps "$fsdecl" recap --today 2025-12-20 2025-10001234573
expect_err misnamed-rpps "ne leur correspond pas"
rm -rf "$tmp/store/drafts/2024-10001234565.cfg" "$tmp/store/drafts/2025-10001234573.cfg" \
    "$tmp/store/history/2024-10001234565"

# A transmission that fails says whether anything was transmitted or saved.
expect_exit 2 transmit-missing "$fsdecl" finalize --today 2025-12-20 "$tmp/none.cfg"
expect_err transmit-missing "none.cfg: ouverture impossible"
expect_err transmit-missing "^fsdecl finalize : aucune version n'a été finalisée, rien n'a été enregistré.$"

# A history or a drafts folder that cannot be read is never shown as « 0 » versions or drafts with
# exit 0: the folder and the reason on standard error, exit 2. (A file where the folder should be
# makes opendir fail even for root, who ignores permissions.)
rm -rf "$tmp/broken" && cp -a "$tmp/store" "$tmp/broken"
rm -rf "$tmp/broken/history/$draft" && echo x >"$tmp/broken/history/$draft"
expect_exit 2 history-unreadable "$fsdecl" --data-dir "$tmp/broken" history $draft
expect_err history-unreadable "broken/history/$draft: lecture de l'historique impossible : N'est pas un dossier"
expect_err history-unreadable "^fsdecl history : l'historique de $draft n'a pas pu être lu ; rien n'a été modifié.$"
grep -q "Versions finalisées" "$tmp/out" && ko "history-unreadable: a count was printed: $(cat "$tmp/out")" || ok
expect_exit 2 drafts-history-unreadable "$fsdecl" --data-dir "$tmp/broken" drafts --today 2025-12-20
grep -q "^  2025      ${draft#2025-} .* ?$" "$tmp/out" && ok ||
    ko "drafts-history-unreadable: the versions not shown as unknown: $(cat "$tmp/out")"
expect_out drafts-history-unreadable "(liste incomplète : voir les erreurs)"
expect_err drafts-history-unreadable "broken/history/$draft: lecture de l'historique impossible : N'est pas un dossier ; nombre de versions finalisées inconnu"
rm -rf "$tmp/broken/drafts" && echo x >"$tmp/broken/drafts"
expect_exit 2 drafts-unreadable "$fsdecl" --data-dir "$tmp/broken" drafts --today 2025-12-20
expect_err drafts-unreadable "broken/drafts: ce n'est pas un dossier"

# Folders others may write are closed to them; a world-writable draft's backup is not.
chmod 777 "$tmp/store/drafts"
chmod 666 "$tmp/store/drafts/$draft.cfg"
expect_exit 0 tighten "$fsdecl" finalize --today 2025-12-20 $draft
perm=$(stat -c %a "$tmp/store/drafts")
[ "$perm" = 700 ] && ok || ko "tighten: drafts folder left $perm"
perm=$(stat -c %a "$tmp/store/drafts/$draft.cfg.bak")
[ "$perm" = 600 ] && ok || ko "tighten: backup left $perm"

# Recording that a version was declared: only a finalised version; the date neither to come, nor
# before the version, nor on Amelipro after its closing; a late paper form noted with a warning;
# kept when a later version comes, shown by drafts, history and recap; removed by --undo.
dd="--data-dir $tmp/declared"
expect_exit 2 declared-no-route "$fsdecl" $dd declared $draft
expect_err declared-no-route "indiquez --amelipro ou --paper"
expect_exit 2 declared-both "$fsdecl" $dd declared --amelipro --paper $draft
cp data/examples/gp-complete.cfg "$tmp/declared.cfg"
"$fsdecl" $dd new --today 2025-12-20 --campaign 2025 --rpps ${draft#2025-} --empty >/dev/null
expect_exit 1 declared-not-finalised "$fsdecl" $dd declared --today 2025-12-20 --amelipro $draft
expect_err declared-not-finalised "^fsdecl declared : aucune version n'est finalisée : finalisez d'abord une version (fsdecl finalize), puis notez sa déclaration.$"
expect_err declared-not-finalised "^fsdecl declared : rien n'a été noté.$"
[ -e "$tmp/declared/history/$draft/declared.txt" ] && ko "declared-not-finalised: a record was written" || ok
"$fsdecl" $dd finalize --today 2025-12-20 "$tmp/declared.cfg" >/dev/null
expect_exit 1 declared-future "$fsdecl" $dd declared --today 2025-12-20 --amelipro --on 2025-12-21 $draft
expect_err declared-future "la date donnée est à venir"
expect_exit 1 declared-before-version "$fsdecl" $dd declared --today 2025-12-20 --amelipro --on 2025-12-19 $draft
expect_err declared-before-version "la date donnée précède la finalisation de la version"
expect_exit 2 declared-bad-date "$fsdecl" $dd declared --today 2025-12-20 --amelipro --on 2025-02-30 $draft
expect_exit 0 declared-amelipro "$fsdecl" $dd declared --today 2025-12-22 --amelipro $draft
expect_out declared-amelipro "^Noté pour $draft : v1 déclarée sur Amelipro le 22/12/2025.$"
grep -q "^v1 amelipro 2025-12-22 [0-9-]* [0-9:]*$" "$tmp/declared/history/$draft/declared.txt" && ok ||
    ko "declared-amelipro: the record is not v1 amelipro 2025-12-22: $(cat "$tmp/declared/history/$draft/declared.txt")"
perm=$(stat -c %a "$tmp/declared/history/$draft/declared.txt")
[ "$perm" = 600 ] && ok || ko "declared-amelipro: record mode $perm, expected 600"
expect_exit 0 declared-drafts "$fsdecl" $dd drafts --today 2025-12-22
expect_out declared-drafts "MARTIN Claire  *v1 déclarée sur Amelipro le 22/12/2025  *1 115 "
expect_exit 0 declared-history "$fsdecl" $dd history $draft
expect_out declared-history "^      déclarée sur Amelipro le 22/12/2025 (noté le "
expect_exit 0 declared-recap "$fsdecl" $dd recap --today 2025-12-22 $draft
expect_out declared-recap "^Déclaration notée : v1 déclarée sur Amelipro le 22/12/2025$"
expect_exit 0 declared-recap-json "$fsdecl" $dd recap --format json --today 2025-12-22 $draft/v1
expect_out declared-recap-json '"declared":{"route":"amelipro","date":"2025-12-22","version":1}'
# a later version: the record stays, and says the draft changed since
sed 's/numerator = 2500;/numerator = 1000;/' "$tmp/declared.cfg" >"$tmp/declared2.cfg"
"$fsdecl" $dd finalize --today 2025-12-23 "$tmp/declared2.cfg" >/dev/null
expect_exit 0 declared-later "$fsdecl" $dd drafts --today 2025-12-23
expect_out declared-later "MARTIN Claire  *v1 déclarée, brouillon modifié depuis  *1 075 "
grep -q "^v1 amelipro 2025-12-22 " "$tmp/declared/history/$draft/declared.txt" && ok || ko "declared-later: the record of v1 is gone"
# after the closing: refused on Amelipro, noted with a warning for a paper form
expect_exit 1 declared-after-close "$fsdecl" $dd declared --today 2026-02-09 --amelipro $draft
expect_err declared-after-close "a fermé le 08/02/2026 à minuit"
expect_exit 0 declared-paper-late "$fsdecl" $dd declared --today 2026-02-09 --paper $draft
expect_out declared-paper-late "^Noté pour $draft : v2 formulaire envoyé à la caisse le 09/02/2026.$"
expect_err declared-paper-late "attention : formulaire envoyé après la clôture du 08/02/2026"
[ "$(wc -l <"$tmp/declared/history/$draft/declared.txt")" -eq 2 ] && ok || ko "declared-paper-late: not two records"
# --undo removes the last record, then the one before, then says there is none
expect_exit 0 declared-undo "$fsdecl" $dd declared --today 2026-02-09 --undo $draft
expect_out declared-undo "^Retiré de $draft : v2 formulaire envoyé à la caisse le 09/02/2026.$"
expect_exit 0 declared-undo-2 "$fsdecl" $dd declared --undo $draft
[ -e "$tmp/declared/history/$draft/declared.txt" ] && ko "declared-undo-2: the records file is left" || ok
expect_exit 1 declared-undo-none "$fsdecl" $dd declared --undo $draft
expect_err declared-undo-none "aucune déclaration n'est notée"
expect_exit 2 declared-undo-route "$fsdecl" $dd declared --undo --paper $draft
# a malformed records file is named with its line; nothing is written over it
printf 'v1 amelipro 2025-12-22 2025-12-22 10:00:00\nv2 fax 2025-12-23 2025-12-23 10:00:00\n' >"$tmp/declared/history/$draft/declared.txt"
expect_exit 2 declared-malformed "$fsdecl" $dd declared --today 2025-12-24 --paper $draft
expect_err declared-malformed "history/$draft/declared.txt:2: voie inconnue (amelipro ou paper)"
expect_exit 2 declared-malformed-recap "$fsdecl" $dd recap --today 2025-12-24 $draft
expect_err declared-malformed-recap "declared.txt:2: voie inconnue"
grep -q "^v2 fax" "$tmp/declared/history/$draft/declared.txt" && ok || ko "declared-malformed: the file was rewritten"

# --data-dir wins over FSDECL_DATA_DIR; a symbolic link as the folder is refused.
expect_exit 0 data-dir "$fsdecl" --data-dir "$tmp/other" drafts
expect_out data-dir "Brouillons dans $tmp/other : 0"
ln -s "$tmp/store" "$tmp/link"
expect_exit 2 data-dir-link "$fsdecl" --data-dir "$tmp/link" drafts
expect_err data-dir-link "lien symbolique refusé"

finish
