/* cli_man: the manual page fsdecl(1), in French, generated from the tables of commands, options
 * and wizard keys, so that it cannot drift from --help and the help screen. */
#include <stdio.h>
#include <string.h>

#include "actions.h"
#include "cli.h"

/* Text for roff: backslashes escaped, a line never starting with a control character. */
static void roff(FILE *f, const char *s)
{
    if (*s == '.' || *s == '\'')
        fputs("\\&", f);
    for (; *s; s++) {
        if (*s == '\\')
            fputs("\\e", f);
        else if (*s == '-')
            fputs("\\-", f);
        else
            fputc(*s, f);
    }
}

static void header(FILE *f)
{
    fprintf(f,
            ".TH FSDECL 1 \"\" \"fsdecl %s\" \"Commandes utilisateur\"\n"
            ".nh\n"
            ".ad l\n"
            ".SH NOM\n"
            "fsdecl \\- remplir, vérifier et garder la déclaration du forfait structure\n"
            ".SH SYNOPSIS\n"
            ".B fsdecl\n[\\fIOPTIONS\\fR]\n.br\n"
            ".B fsdecl\n[\\fIOPTIONS\\fR] \\fICOMMANDE\\fR [\\fIARGUMENTS\\fR]\n"
            ".SH DESCRIPTION\n"
            "fsdecl aide les médecins libéraux et les agents des caisses d'Assurance Maladie à "
            "remplir, vérifier et conserver la déclaration annuelle du forfait structure : les "
            "indicateurs du volet 1 et du volet 2, les justificatifs et l'attestation sur "
            "l'honneur. Il fonctionne dans un terminal, sans connexion, et dit ce que la "
            "déclaration rapporte et ce qui lui manque.\n"
            ".PP\n"
            "Sans commande, fsdecl ouvre l'assistant en plein écran : l'accueil, puis les onglets "
            "Identité, un onglet par volet, Attestation et Récapitulatif. Les brouillons sont "
            "enregistrés localement ; une sauvegarde automatique suit chaque changement de "
            "quelques secondes.\n",
            FSDECL_VERSION);
}

static void commands(FILE *f)
{
    fputs(".SH COMMANDES\n", f);
    for (const cli_command *cmd = cli_commands; cmd->name; cmd++) {
        char s[512];
        cli_synopsis(cmd, s, sizeof s);
        fputs(".TP\n.B ", f);
        roff(f, s);
        fputs("\n.br\n", f); /* the text below its command, never run into a short one */
        roff(f, cmd->help);
        fputs("\n", f);
    }
}

static void options(FILE *f, bool global)
{
    fputs(global ? ".SH OPTIONS\n" : ".SH OPTIONS DES COMMANDES\n", f);
    for (int o = 0; o < CLI_OPT_COUNT; o++) {
        const cli_option_info *i = cli_option(o);
        if (i->global != global)
            continue;
        fputs(".TP\n.B ", f);
        if (i->short_name)
            fprintf(f, "\\-%c, ", i->short_name);
        roff(f, i->name);
        if (i->value) {
            fputs(" \\fI", f);
            roff(f, i->value);
            fputs("\\fR", f);
        }
        fputs("\n.br\n", f); /* the text below its option, never run into a short one */
        roff(f, i->help);
        fputs("\n", f);
    }
}

static void keys(FILE *f)
{
    fputs(".SH TOUCHES DE L'ASSISTANT\n"
          "Les mêmes que l'écran d'aide (F1) et que le bas de l'écran, par contexte. Les touches "
          "qui changent d'onglet, enregistrent ou quittent font la même chose quel que soit le "
          "champ : les chiffres et les lettres ne sont jamais des commandes dans un champ où l'on "
          "tape. Une touche que fsdecl ne connaît pas (une séquence d'échappement, Alt avec une "
          "lettre) n'est jamais saisie : elle est ignorée, et la ligne de messages le dit.\n",
          f);
    for (int m = 0; m < KEYMAP_COUNT; m++) {
        const keymap *km = keymap_get((keymap_id)m);
        fputs(".SS ", f);
        roff(f, km->title);
        fputs("\n", f);
        for (size_t i = 0; i < km->n; i++) {
            const keymap_entry *e = &km->entries[i];
            if (e->act == ACT_PASTE)
                continue; /* not a key */
            fputs(".TP\n.B ", f);
            roff(f, e->shown);
            fputs("\n", f);
            roff(f, action_label(e->act));
            fputs(" : ", f);
            roff(f, action_help(e->act));
            fputs(".\n", f);
        }
    }
}

static void rest(FILE *f)
{
    fputs(".SH FICHIERS\n"
          ".TP\n.I ~/.local/share/fsdecl/drafts/ANNÉE\\-RPPS.cfg\n"
          "Le brouillon d'une campagne pour un praticien (ou sous $XDG_DATA_HOME/fsdecl, "
          "$FSDECL_DATA_DIR, \\-\\-data\\-dir), avec sa copie précédente (.cfg.bak), son verrou "
          "(.lock) et sa sauvegarde automatique (.recovery). Dossiers en 0700, fichiers en 0600.\n"
          ".TP\n.I ~/.local/share/fsdecl/history/ANNÉE\\-RPPS/\n"
          "Les versions finalisées, en lecture seule, avec leur empreinte SHA\\-256.\n"
          ".TP\n.I /usr/share/fsdecl/rules/ANNÉE.cfg\n"
          "Les règles de chaque campagne, chaque chiffre cité à sa source ; les listes de "
          "référence sont dans /usr/share/fsdecl/lists.\n"
          ".SH ENVIRONNEMENT\n"
          ".TP\n.B FSDECL_DATA_DIR\nDossier des brouillons.\n"
          ".TP\n.B FSDECL_RULES_DIR\nDossier des règles (après \\-\\-rules\\-dir).\n"
          ".TP\n.B FSDECL_LISTS_DIR\nDossier des listes de référence.\n"
          ".TP\n.B FSDECL_FONT, FSDECL_FONT_BOLD\nLes polices TrueType des PDF (par défaut "
          "DejaVu Sans, paquet fonts\\-dejavu\\-core).\n"
          ".TP\n.B HOME\nLe dossier où l'assistant écrit le récapitulatif en PDF (F6).\n"
          ".TP\n.B NO_COLOR\nL'assistant sans couleurs, comme \\-\\-no\\-color.\n"
          ".TP\n.B LC_ALL, LANG\nUne langue en UTF\\-8 (fr_FR.UTF\\-8) ; sans aucune (C, POSIX), "
          "fsdecl prend les caractères de C.UTF\\-8 ; l'assistant refuse une langue dans un "
          "autre jeu de caractères.\n"
          ".SH CODES DE SORTIE\n"
          ".TP\n.B 0\nTout va bien (déclaration complète et recevable pour check).\n"
          ".TP\n.B 1\nDes problèmes à régler, ou un refus (campagne close, engagements non "
          "cochés, brouillon tenu par un autre programme).\n"
          ".TP\n.B 2\nUn fichier illisible, une erreur d'usage, un disque plein, pas de terminal "
          "pour l'assistant.\n"
          ".SH EXEMPLES\n"
          ".TP\n.B fsdecl\nOuvre l'assistant.\n"
          ".TP\n.B fsdecl rules show 2025\nLes indicateurs de la campagne 2025.\n"
          ".TP\n.B fsdecl check \\-\\-json brouillon.cfg\nLa vérification d'un fichier, en JSON.\n"
          ".TP\n.B fsdecl recap 2025\\-10001234565/v1\nLe récapitulatif d'une version finalisée.\n"
          ".SH RÈGLES\n"
          "Les règles de chaque campagne sont des données : chaque chiffre y est cité aux "
          "documents officiels (guides de l'Assurance Maladie, convention médicale), marqué "
          "« déduit » quand il n'y figure pas tel quel ; une règle déduite avertit, elle ne "
          "bloque jamais.\n"
          ".SH VOIR AUSSI\n"
          "/usr/share/doc/fsdecl/ : formats des brouillons, des règles, du JSON de check et du "
          "récapitulatif.\n",
          f);
}

void cli_print_man(FILE *f)
{
    header(f);
    commands(f);
    options(f, true);
    options(f, false);
    keys(f);
    rest(f);
}
