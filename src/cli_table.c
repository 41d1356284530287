/* cli_table: the command line's commands and options, one table each; usage, --help and the
 * parsing of every command's arguments are generated from them. */
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fsdecl/text.h"
#include "wizard.h"

#define CLI_OPT_INFO(constant, name, short_name, type, value, global, help)                        \
    {name, short_name, type, value, global, help},
static const cli_option_info OPTIONS[] = {CLI_OPTIONS(CLI_OPT_INFO)};
#undef CLI_OPT_INFO
_Static_assert(sizeof OPTIONS / sizeof OPTIONS[0] == CLI_OPT_COUNT, "option table");

const cli_option_info *cli_option(int o)
{
    return &OPTIONS[o];
}

const cli_command cli_commands[] = {
    {"rules", "", 0, 0, 0, 0, "liste les campagnes connues, leur statut et leur période de saisie",
     cli_rules_list},
    {"rules list", "", 0, 0, 0, 0, "la même chose que « fsdecl rules »", cli_rules_list},
    {"rules show", "ANNÉE", 0, 0, 1, 1,
     "affiche les indicateurs d'une campagne : points, seuils, type, justificatifs",
     cli_rules_show},
    {"rules lint", "FICHIER...", 0, 0, 1, -1,
     "vérifie des fichiers de règles ou de listes (0 : sans erreur, 2 : erreurs)", cli_rules_lint},
    {"check", "FICHIER|DOSSIER|-...",
     CLI_OPT(CLI_OPT_JSON) | CLI_OPT(CLI_OPT_JSONL) | CLI_OPT(CLI_OPT_STDIN) |
         CLI_OPT(CLI_OPT_TODAY),
     0, 0, -1,
     "vérifie des déclarations (fichiers, les *.cfg d'un dossier, ou les chemins lus sur l'entrée "
     "standard) : statut et points de chaque indicateur, total en euros, ce qui manque, messages "
     "(0 : complète, 1 : problèmes, 2 : fichier illisible)",
     cli_check},
    {"drafts", "", CLI_OPT(CLI_OPT_JSON) | CLI_OPT(CLI_OPT_TODAY), 0, 0, 0,
     "liste les brouillons : campagne, praticien, état, points, enregistrement, versions",
     cli_drafts},
    {"new", "",
     CLI_OPT(CLI_OPT_CAMPAIGN) | CLI_OPT(CLI_OPT_RPPS) | CLI_OPT(CLI_OPT_EMPTY) |
         CLI_OPT(CLI_OPT_TODAY),
     CLI_OPT(CLI_OPT_CAMPAIGN) | CLI_OPT(CLI_OPT_RPPS), 0, 0,
     "crée le brouillon d'une campagne, repris de la déclaration de l'année précédente si elle "
     "existe (sauf --empty)",
     cli_new},
    {"finalize", "BROUILLON|FICHIER", CLI_OPT(CLI_OPT_RPPS_VERIFIED) | CLI_OPT(CLI_OPT_TODAY), 0, 1,
     1,
     "finalise une version (même incomplète) : numérotée, datée, avec son empreinte SHA-256, "
     "gardée sur cet ordinateur ; rien n'est envoyé à l'Assurance Maladie (elle se déclare sur "
     "Amelipro ou par le formulaire papier) ; possible jusqu'à la clôture de la campagne",
     cli_finalize},
    {"recap", "[BROUILLON|FICHIER|ANNÉE-RPPS/vN]",
     CLI_OPT(CLI_OPT_FORMAT) | CLI_OPT(CLI_OPT_OUTPUT) | CLI_OPT(CLI_OPT_FORM) |
         CLI_OPT(CLI_OPT_AMELIPRO) | CLI_OPT(CLI_OPT_BLANK) | CLI_OPT(CLI_OPT_CAMPAIGN) |
         CLI_OPT(CLI_OPT_TODAY),
     0, 0, 1,
     "le récapitulatif à garder avec les justificatifs (d'un brouillon, d'un fichier ou d'une "
     "version finalisée), le formulaire papier, ou la fiche à reporter sur Amelipro",
     cli_recap},
    {"declared", "BROUILLON|FICHIER",
     CLI_OPT(CLI_OPT_AMELIPRO) | CLI_OPT(CLI_OPT_PAPER) | CLI_OPT(CLI_OPT_ON) |
         CLI_OPT(CLI_OPT_UNDO) | CLI_OPT(CLI_OPT_TODAY),
     0, 1, 1,
     "note que la dernière version finalisée a été déclarée sur Amelipro (--amelipro) ou "
     "envoyée à la caisse par le formulaire papier (--paper), le jour dit (--on) ; --undo retire "
     "une déclaration notée par erreur",
     cli_declared},
    {"export", "",
     CLI_OPT(CLI_OPT_CAMPAIGN) | CLI_OPT(CLI_OPT_FORMAT) | CLI_OPT(CLI_OPT_OUTPUT) |
         CLI_OPT(CLI_OPT_TODAY),
     CLI_OPT(CLI_OPT_CAMPAIGN) | CLI_OPT(CLI_OPT_FORMAT), 0, 0,
     "exporte les brouillons d'une campagne, une ligne par praticien (identité, réponses et "
     "statut de chaque indicateur, points, euros, justificatifs, versions, déclaration notée), en "
     "CSV ou en JSON Lines (docs/export-format.md)",
     cli_export},
    {"history", "BROUILLON|FICHIER", 0, 0, 1, 1,
     "liste les versions finalisées et vérifie leur empreinte", cli_history},
    {"recover", "ANNÉE-RPPS", CLI_OPT(CLI_OPT_DISCARD), 0, 1, 1,
     "récupère (ou abandonne) le travail non enregistré après un arrêt brutal", cli_recover},
    {"restore", "ANNÉE-RPPS", 0, 0, 1, 1, "remet en place la version précédente d'un brouillon",
     cli_restore},
    {"rename", "ANNÉE-RPPS", CLI_OPT(CLI_OPT_RPPS), CLI_OPT(CLI_OPT_RPPS), 1, 1,
     "corrige le RPPS d'un brouillon : le brouillon, sa copie, sa récupération et ses versions "
     "finalisées prennent le nom ANNÉE-RPPS du nouveau numéro (les versions déjà finalisées "
     "gardent leur contenu et leur empreinte)",
     cli_rename},
    {"delete", "ANNÉE-RPPS", CLI_OPT(CLI_OPT_YES), 0, 1, 1,
     "met un brouillon à la corbeille, avec sa copie, sa récupération et ses versions finalisées "
     "(demande confirmation ; --yes sans terminal)",
     cli_delete},
    {"trash", "", CLI_OPT(CLI_OPT_EMPTY) | CLI_OPT(CLI_OPT_YES), 0, 0, 0,
     "liste la corbeille : campagne, RPPS, praticien, versions, date de suppression ; --empty la "
     "vide pour de bon (demande confirmation ; --yes sans terminal)",
     cli_trash},
    {"undelete", "ÉLÉMENT", 0, 0, 1, 1,
     "remet en place un brouillon mis à la corbeille (ÉLÉMENT : tel que « fsdecl trash » le "
     "liste)",
     cli_undelete},
    {"edit", "BROUILLON|FICHIER", 0, 0, 1, 1,
     "ouvre une déclaration dans l'assistant en plein écran (sans commande, fsdecl ouvre "
     "l'assistant sur son accueil)",
     cli_edit},
    {"help", "", 0, 0, 0, 0, "affiche cette aide", cli_help},
    {NULL, NULL, 0, 0, 0, 0, NULL, NULL},
};

/* ---- usage and help ------------------------------------------------------------------------- */

enum { HELP_COLUMN = 24, HELP_WIDTH = 100 };

void cli_synopsis(const cli_command *cmd, char *buf, size_t size)
{
    snprintf(buf, size, "%s", cmd->name);
    for (int o = 0; o < CLI_OPT_COUNT; o++) {
        if (!(cmd->options & CLI_OPT(o)))
            continue;
        bool req = cmd->required & CLI_OPT(o);
        size_t n = strlen(buf);
        snprintf(buf + n, size - n, " %s%s%s%s%s", req ? "" : "[", OPTIONS[o].name,
                 OPTIONS[o].value ? " " : "", OPTIONS[o].value ? OPTIONS[o].value : "",
                 req ? "" : "]");
    }
    if (cmd->args[0]) {
        size_t n = strlen(buf);
        snprintf(buf + n, size - n, " %s", cmd->args);
    }
}

/* text, wrapped at HELP_WIDTH columns, each line after the first indented to HELP_COLUMN. */
static void put_wrapped(FILE *f, const char *text, size_t column)
{
    char word[256];
    const char *p = text;
    while (*p) {
        size_t n = strcspn(p, " ");
        snprintf(word, sizeof word, "%.*s", (int)(n < sizeof word ? n : sizeof word - 1), p);
        size_t w = text_width(word);
        if (column > HELP_COLUMN && column + 1 + w > HELP_WIDTH) {
            fprintf(f, "\n%*s", HELP_COLUMN, "");
            column = HELP_COLUMN;
        } else if (column > HELP_COLUMN) {
            fputc(' ', f);
            column++;
        }
        fputs(word, f);
        column += w;
        p += n;
        p += strspn(p, " ");
    }
    fputc('\n', f);
}

/* "  NAME   help", the help at HELP_COLUMN or on the next line when NAME is too long. */
static void put_entry(FILE *f, const char *name, const char *help)
{
    size_t w = text_width(name);
    fprintf(f, "  %s", name);
    if (w + 2 < HELP_COLUMN - 1)
        fprintf(f, "%*s", (int)(HELP_COLUMN - 2 - w), "");
    else
        fprintf(f, "\n%*s", HELP_COLUMN, "");
    put_wrapped(f, help, HELP_COLUMN);
}

void cli_print_usage(FILE *f, const cli_command *cmd)
{
    char s[512];
    cli_synopsis(cmd, s, sizeof s);
    fprintf(f, "Usage : fsdecl %s\n", s);
}

void cli_print_help(FILE *f)
{
    fputs("Usage : fsdecl [OPTIONS] COMMANDE [ARGUMENTS]\n\n"
          "Déclaration du forfait structure des médecins libéraux.\n\nCommandes :\n",
          f);
    char s[512];
    for (const cli_command *cmd = cli_commands; cmd->name; cmd++) {
        cli_synopsis(cmd, s, sizeof s);
        put_entry(f, s, cmd->help);
    }
    fputs("\nOptions :\n", f);
    for (int o = 0; o < CLI_OPT_COUNT; o++) {
        if (!OPTIONS[o].global)
            continue;
        if (OPTIONS[o].short_name)
            snprintf(s, sizeof s, "-%c, %s", OPTIONS[o].short_name, OPTIONS[o].name);
        else
            snprintf(s, sizeof s, "%s%s%s", OPTIONS[o].name, OPTIONS[o].value ? " " : "",
                     OPTIONS[o].value ? OPTIONS[o].value : "");
        put_entry(f, s, OPTIONS[o].help);
    }
    fputs("\nOptions des commandes :\n", f);
    for (int o = 0; o < CLI_OPT_COUNT; o++) {
        if (OPTIONS[o].global)
            continue;
        snprintf(s, sizeof s, "%s%s%s", OPTIONS[o].name, OPTIONS[o].value ? " " : "",
                 OPTIONS[o].value ? OPTIONS[o].value : "");
        put_entry(f, s, OPTIONS[o].help);
    }
}

/* ---- parsing --------------------------------------------------------------------------------- */

/* The option arg names ("--today", "--today=...", "-h"), or -1; *inline_value after '='. */
static int find_option(const char *arg, const char **inline_value)
{
    *inline_value = NULL;
    for (int o = 0; o < CLI_OPT_COUNT; o++) {
        size_t n = strlen(OPTIONS[o].name);
        if (strncmp(arg, OPTIONS[o].name, n) == 0 && (arg[n] == '\0' || arg[n] == '=')) {
            *inline_value = arg[n] == '=' ? arg + n + 1 : NULL;
            return o;
        }
        if (OPTIONS[o].short_name && arg[0] == '-' && arg[1] == OPTIONS[o].short_name &&
            arg[2] == '\0')
            return o;
    }
    return -1;
}

static bool usage_error(const cli_ctx *c, const cli_command *cmd, const char *what, const char *arg)
{
    fprintf(stderr, "fsdecl %s : %s", c->command, what);
    if (arg)
        cli_put(stderr, arg);
    fputc('\n', stderr);
    cli_print_usage(stderr, cmd);
    return false;
}

/* Checks and keeps the value of option o. */
static bool take_value(const cli_ctx *c, const cli_command *cmd, int o, const char *v, cli_args *a)
{
    a->given[o] = true;
    a->value[o] = v;
    char *end;
    long year;
    switch (OPTIONS[o].type) {
    case CLI_ARG_DATE:
        if (date_parse(v, &a->date[o]) == DATE_OK)
            return true;
        fprintf(stderr, "fsdecl %s : %s attend une date AAAA-MM-JJ\n", c->command, OPTIONS[o].name);
        return false;
    case CLI_ARG_YEAR:
        year = strtol(v, &end, 10);
        if (*v && !*end && year >= 2000 && year <= 2100) {
            a->year[o] = (int)year;
            return true;
        }
        return usage_error(c, cmd, "année invalide : ", v);
    default: return true;
    }
}

static bool parse_option(const cli_ctx *c, const cli_command *cmd, int argc, char **argv, int *i,
                         cli_args *a)
{
    const char *inline_value;
    int o = find_option(argv[*i], &inline_value);
    if (o < 0 || !(cmd->options & CLI_OPT(o)))
        return usage_error(c, cmd, "option inconnue : ", argv[*i]);
    if (OPTIONS[o].type == CLI_ARG_NONE) {
        a->given[o] = true;
        return inline_value == NULL || usage_error(c, cmd, "option sans valeur : ", argv[*i]);
    }
    const char *v = inline_value;
    if (!v && *i + 1 < argc)
        v = argv[++*i];
    if (!v)
        return usage_error(c, cmd, "valeur attendue après ", argv[*i]);
    return take_value(c, cmd, o, v, a);
}

/* Parses the arguments of cmd; false (with the message printed) on a usage error. */
static bool parse(const cli_ctx *c, const cli_command *cmd, int argc, char **argv, cli_args *a)
{
    a->pos = calloc((size_t)argc + 1, sizeof *a->pos);
    if (!a->pos)
        return false;
    bool options = true;
    for (int i = 0; i < argc; i++) {
        if (options && strcmp(argv[i], "--") == 0)
            options = false;
        else if (options && argv[i][0] == '-' && argv[i][1] != '\0') {
            if (!parse_option(c, cmd, argc, argv, &i, a))
                return false;
        } else
            a->pos[a->npos++] = argv[i];
    }
    for (int o = 0; o < CLI_OPT_COUNT; o++)
        if ((cmd->required & CLI_OPT(o)) && !a->given[o])
            return usage_error(c, cmd, "option obligatoire manquante : ", OPTIONS[o].name);
    if (a->npos < cmd->min_args)
        return usage_error(c, cmd, "argument manquant", NULL);
    if (cmd->max_args >= 0 && a->npos > cmd->max_args)
        return usage_error(c, cmd, "argument en trop : ", a->pos[cmd->max_args]);
    return true;
}

/* The command whose words start argv, the longest that matches; *words how many it took. */
static const cli_command *find_command(int argc, char **argv, int *words)
{
    const cli_command *best = NULL;
    *words = 0;
    for (const cli_command *cmd = cli_commands; cmd->name; cmd++) {
        const char *space = strchr(cmd->name, ' ');
        size_t n1 = space ? (size_t)(space - cmd->name) : strlen(cmd->name);
        if (strncmp(argv[0], cmd->name, n1) != 0 || argv[0][n1] != '\0')
            continue;
        if (!space && *words < 1) {
            best = cmd;
            *words = 1;
        } else if (space && argc > 1 && strcmp(argv[1], space + 1) == 0) {
            best = cmd;
            *words = 2;
        }
    }
    return best;
}

int cli_dispatch(cli_ctx *c, int argc, char **argv)
{
    int words;
    const cli_command *cmd = argc > 0 ? find_command(argc, argv, &words) : NULL;
    if (!cmd && argc > 0 && strcmp(argv[0], "transmit") == 0) { /* its name until 2026-12 */
        fputs("fsdecl : « transmit » s'appelle désormais « finalize » : elle finalise une version "
              "gardée sur cet ordinateur, sans rien envoyer à l'Assurance Maladie.\n",
              stderr);
        return CLI_EXIT_ERROR;
    }
    if (!cmd) {
        fputs("fsdecl : commande inconnue : ", stderr);
        cli_put(stderr, argc > 0 ? argv[0] : "");
        fputs("\n\n", stderr);
        cli_print_help(stderr);
        return CLI_EXIT_ERROR;
    }
    c->command = cmd->name;
    c->cmd = cmd;
    cli_args a = {0};
    bool ok = parse(c, cmd, argc - words, argv + words, &a);
    if (ok && a.given[CLI_OPT_TODAY])
        session_set_today(c->session, a.date[CLI_OPT_TODAY]);
    int rc = ok ? cmd->run(c, &a) : CLI_EXIT_ERROR;
    free(a.pos);
    return rc;
}

int cli_help(cli_ctx *c, const cli_args *a)
{
    (void)c;
    (void)a;
    cli_print_help(stdout);
    return CLI_EXIT_OK;
}

/* ---- the global options, before the command ------------------------------------------------ */

/* The wizard types, draws and measures text through the locale: it needs a UTF-8 one (main.c
 * takes C.UTF-8 when there is none at all). */
static bool utf8_locale(void)
{
    const char *cs = nl_langinfo(CODESET);
    if (cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0))
        return true;
    fputs("fsdecl : l'assistant a besoin d'une locale UTF-8, et celle-ci est en ", stderr);
    cli_put(stderr, cs && *cs ? cs : "?");
    fputs(" : lancez-le avec LANG=fr_FR.UTF-8 (ou LANG=C.UTF-8) dans un terminal UTF-8. Les "
          "commandes (fsdecl --help) fonctionnent sans.\n",
          stderr);
    return false;
}

int cli_edit(cli_ctx *c, const cli_args *a)
{
    if (!utf8_locale())
        return CLI_EXIT_ERROR;
    const cli_args *g = c->global;
    wizard_options w = {c->config.rules_dir,
                        c->config.data_dir,
                        g->given[CLI_OPT_TODAY],
                        g->given[CLI_OPT_TODAY] ? g->date[CLI_OPT_TODAY] : (date_t){0, 0, 0},
                        g->given[CLI_OPT_NO_COLOR],
                        g->given[CLI_OPT_ASCII],
                        a && a->npos ? a->pos[0] : NULL};
    if (a && a->given[CLI_OPT_TODAY])
        w.has_today = true, w.today = a->date[CLI_OPT_TODAY];
    diag_list why;
    diag_init(&why);
    int rc = wizard_main(&w, &why);
    if (why.count) { /* the declaration to edit was not opened */
        cli_print_diags(stderr, &why);
        fputs("fsdecl edit : ", stderr);
        cli_put(stderr, w.edit);
        fputs(" n'a pas été ouvert ; rien n'a été modifié ni enregistré.\n", stderr);
    }
    diag_free(&why);
    return rc;
}

/* The global options; false (message printed) on a usage error, *done when it answered alone. */
static bool parse_global(int argc, char **argv, int *i, cli_args *g, bool *done, int *rc)
{
    for (; *i < argc && argv[*i][0] == '-'; ++*i) {
        const char *inline_value;
        int o = find_option(argv[*i], &inline_value);
        if (o == CLI_OPT_HELP || o == CLI_OPT_VERSION) {
            if (o == CLI_OPT_HELP)
                cli_print_help(stdout);
            else
                printf("fsdecl %s\n", FSDECL_VERSION);
            *done = true;
            return true;
        }
        if (o < 0 || !OPTIONS[o].global) {
            fputs("fsdecl : option inconnue : ", stderr);
            cli_put(stderr, argv[*i]);
            fputs("\n\n", stderr);
            cli_print_help(stderr);
            *rc = CLI_EXIT_ERROR;
            return false;
        }
        g->given[o] = true;
        if (OPTIONS[o].type == CLI_ARG_NONE)
            continue;
        const char *v = inline_value ? inline_value : *i + 1 < argc ? argv[++*i] : NULL;
        cli_ctx c = {.command = "", .cmd = NULL};
        if (!v || !take_value(&c, &cli_commands[0], o, v, g)) {
            if (!v)
                fprintf(stderr, "fsdecl : valeur attendue après %s\n", OPTIONS[o].name);
            *rc = CLI_EXIT_ERROR;
            return false;
        }
    }
    return true;
}

int cli_main(int argc, char **argv)
{
    cli_args g = {0};
    int i = 1, rc = CLI_EXIT_OK;
    bool done = false;
    if (!parse_global(argc, argv, &i, &g, &done, &rc) || done)
        return rc;
    cli_ctx c = {.global = &g};
    c.config = (session_config){g.value[CLI_OPT_RULES_DIR], g.value[CLI_OPT_DATA_DIR],
                                g.given[CLI_OPT_TODAY], g.date[CLI_OPT_TODAY]};
    if (i >= argc)
        return cli_edit(&c, NULL); /* no command: the wizard */
    c.session = session_new(&c.config);
    if (!c.session) {
        fputs("fsdecl : mémoire insuffisante\n", stderr);
        return CLI_EXIT_ERROR;
    }
    rc = cli_dispatch(&c, argc - i, argv + i);
    session_free(c.session);
    return rc;
}
