/* cli: the command line, a thin front end: each command parses its arguments (by the tables of
 * cli_table.c), calls the core's session, and prints what it returns. Not part of the core. */
#ifndef FSDECL_CLI_H
#define FSDECL_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "fsdecl/diag.h"
#include "fsdecl/session.h"

enum { CLI_EXIT_OK = 0, CLI_EXIT_PROBLEMS = 1, CLI_EXIT_ERROR = 2 };

/* What an option's value must be. */
typedef enum { CLI_ARG_NONE, CLI_ARG_TEXT, CLI_ARG_DATE, CLI_ARG_YEAR } cli_arg_type;

/* Every option: X(CONSTANT, "--long", 'short' or 0, value type, "VALUE" shown in usage, global,
 * "what it does, in French"). Global options come before the command. */
#define CLI_OPTIONS(X)                                                                               \
    X(CLI_OPT_RULES_DIR, "--rules-dir", 0, CLI_ARG_TEXT, "DOSSIER", true,                            \
      "lit les règles dans DOSSIER (sinon $FSDECL_RULES_DIR, puis les règles installées)")           \
    X(CLI_OPT_DATA_DIR, "--data-dir", 0, CLI_ARG_TEXT, "DOSSIER", true,                              \
      "range les brouillons dans DOSSIER (sinon $FSDECL_DATA_DIR, puis $XDG_DATA_HOME/fsdecl, "      \
      "puis ~/.local/share/fsdecl)")                                                                 \
    X(CLI_OPT_HELP, "--help", 'h', CLI_ARG_NONE, NULL, true, "affiche cette aide")                   \
    X(CLI_OPT_VERSION, "--version", 'V', CLI_ARG_NONE, NULL, true, "affiche la version")             \
    X(CLI_OPT_NO_COLOR, "--no-color", 0, CLI_ARG_NONE, NULL, true,                                   \
      "assistant sans couleurs (comme la variable NO_COLOR)")                                        \
    X(CLI_OPT_ASCII, "--ascii", 0, CLI_ARG_NONE, NULL, true,                                         \
      "assistant en ASCII seul, sans traits ni symboles (terminaux simples, lecteurs d'écran)")      \
    X(CLI_OPT_JSON, "--json", 0, CLI_ARG_NONE, NULL, false,                                          \
      "écrit le résultat en JSON : check, un document (docs/check-json.md) ; drafts, un objet "    \
      "par ligne (docs/export-format.md)")                                                           \
    X(CLI_OPT_JSONL, "--jsonl", 0, CLI_ARG_NONE, NULL, false,                                        \
      "check : un objet JSON par déclaration, une ligne chacun, écrit au fil de la lecture "       \
      "(docs/check-json.md)")                                                                        \
    X(CLI_OPT_STDIN, "--stdin", 0, CLI_ARG_NONE, NULL, false,                                        \
      "check : lit les chemins des fichiers sur l'entrée standard, un par ligne (comme « - »)")      \
    X(CLI_OPT_CAMPAIGN, "--campaign", 0, CLI_ARG_YEAR, "ANNÉE", false,                               \
      "la campagne, par son année de référence")                                                     \
    X(CLI_OPT_RPPS, "--rpps", 0, CLI_ARG_TEXT, "RPPS", false,                                        \
      "le numéro RPPS du praticien (11 chiffres)")                                                   \
    X(CLI_OPT_EMPTY, "--empty", 0, CLI_ARG_NONE, NULL, false,                                        \
      "new : part d'une déclaration vide, sans reprendre celle de l'année précédente ; trash : " \
      "vide la corbeille")                                                                           \
    X(CLI_OPT_FORMAT, "--format", 0, CLI_ARG_TEXT, "FORME", false,                                   \
      "recap : text (par défaut), json (docs/recap-format.md) ou pdf ; export : csv ou jsonl "      \
      "(docs/export-format.md)")                                                                     \
    X(CLI_OPT_OUTPUT, "--output", 'o', CLI_ARG_TEXT, "FICHIER", false,                               \
      "écrit dans FICHIER plutôt que sur la sortie standard")                                        \
    X(CLI_OPT_FORM, "--form", 0, CLI_ARG_NONE, NULL, false,                                          \
      "le formulaire papier prérempli à signer et envoyer à la caisse (PDF)")                        \
    X(CLI_OPT_AMELIPRO, "--amelipro", 0, CLI_ARG_NONE, NULL, false,                                  \
      "recap : la fiche « à reporter sur Amelipro » (onglet par onglet, ce qu'il faut cocher, "   \
      "choisir ou saisir, vérifier, les justificatifs à envoyer, puis « Transmettre ») ; "       \
      "declared : la déclaration a été faite sur Amelipro")                                          \
    X(CLI_OPT_PAPER, "--paper", 0, CLI_ARG_NONE, NULL, false,                                        \
      "declared : le formulaire papier a été envoyé à la caisse")                                    \
    X(CLI_OPT_ON, "--on", 0, CLI_ARG_DATE, "AAAA-MM-JJ", false,                                      \
      "declared : le jour de la déclaration ou de l'envoi (sinon celui de --today, ou "             \
      "aujourd'hui)")                                                                                \
    X(CLI_OPT_UNDO, "--undo", 0, CLI_ARG_NONE, NULL, false,                                          \
      "declared : retire la dernière déclaration notée (notée par erreur)")                          \
    X(CLI_OPT_BLANK, "--blank", 0, CLI_ARG_NONE, NULL, false,                                        \
      "le formulaire papier vierge d'une campagne (avec --campaign), à remplir à la main")           \
    X(CLI_OPT_DISCARD, "--discard", 0, CLI_ARG_NONE, NULL, false,                                    \
      "abandonne le travail non enregistré au lieu de le récupérer")                                 \
    X(CLI_OPT_RPPS_VERIFIED, "--rpps-verified", 0, CLI_ARG_NONE, NULL, false,                        \
      "confirme que le numéro RPPS est juste malgré sa clé incorrecte (après l'avoir vérifié)")      \
    X(CLI_OPT_YES, "--yes", 0, CLI_ARG_NONE, NULL, false,                                            \
      "confirme sans rien demander (obligatoire sans terminal)")                                     \
    X(CLI_OPT_TODAY, "--today", 0, CLI_ARG_DATE, "AAAA-MM-JJ", true,                                 \
      "juge les échéances et la période de saisie à cette date plutôt qu'à la date du jour")
#define CLI_OPT_ENUM(constant, name, short_name, type, value, global, help) constant,
typedef enum { CLI_OPTIONS(CLI_OPT_ENUM) } cli_option_id;
#undef CLI_OPT_ENUM
#define CLI_OPT_ONE(constant, name, short_name, type, value, global, help) +1
enum { CLI_OPT_COUNT = 0 CLI_OPTIONS(CLI_OPT_ONE) };
#undef CLI_OPT_ONE

#define CLI_OPT(o) (1u << (o))

typedef struct {
    const char *name;
    char short_name;
    cli_arg_type type;
    const char *value;
    bool global;
    const char *help;
} cli_option_info;
const cli_option_info *cli_option(int o);

/* The arguments of one command, parsed and checked against its table entry. */
typedef struct {
    bool given[CLI_OPT_COUNT];
    const char *value[CLI_OPT_COUNT]; /* as typed */
    date_t date[CLI_OPT_COUNT];       /* CLI_ARG_DATE */
    int year[CLI_OPT_COUNT];          /* CLI_ARG_YEAR */
    char **pos;                       /* the other arguments */
    int npos;
} cli_args;

typedef struct cli_command cli_command;

typedef struct {
    session *session;
    const char *command;    /* its name, for messages: "check", "rules show" */
    const cli_command *cmd; /* its table entry */
    const cli_args *global; /* the global options */
    session_config config;
} cli_ctx;

struct cli_command {
    const char *name;       /* one or two words: "check", "rules show" */
    const char *args;       /* positional arguments in usage: "FICHIER..." */
    unsigned options;       /* CLI_OPT() of the options it takes */
    unsigned required;      /* ... and of those it needs */
    int min_args, max_args; /* positional arguments; max -1: no limit */
    const char *help;       /* what it does, in French */
    int (*run)(cli_ctx *c, const cli_args *a);
};

/* The table of commands, ending with a zeroed entry. */
extern const cli_command cli_commands[];

/* --help: every command with its usage and help, then the global options. */
void cli_print_help(FILE *f);
/* The synopsis of a command: "check [--json] [--today AAAA-MM-JJ] FICHIER...". */
void cli_synopsis(const cli_command *cmd, char *buf, size_t size);
/* The manual page fsdecl(1), in roff. */
void cli_print_man(FILE *f);
/* "Usage : fsdecl check [--json] [--today AAAA-MM-JJ] FICHIER..." for one command. */
void cli_print_usage(FILE *f, const cli_command *cmd);
/* The whole command line: global options, then the command. Returns the exit code. */
int cli_main(int argc, char **argv);
/* Runs the command argv designates (after the global options). */
int cli_dispatch(cli_ctx *c, int argc, char **argv);

/* Prints text from a file or the user, with control characters neutralised. */
void cli_put(FILE *f, const char *s);
void cli_print_diags(FILE *f, const diag_list *d);
/* "fsdecl CMD : " then the sentence of r and a newline, on stderr. */
void cli_say_report(const cli_ctx *c, const session_report *r);

int cli_rules_list(cli_ctx *c, const cli_args *a);
int cli_rules_show(cli_ctx *c, const cli_args *a);
int cli_rules_lint(cli_ctx *c, const cli_args *a);
int cli_check(cli_ctx *c, const cli_args *a);
int cli_drafts(cli_ctx *c, const cli_args *a);
int cli_new(cli_ctx *c, const cli_args *a);
int cli_finalize(cli_ctx *c, const cli_args *a);
int cli_history(cli_ctx *c, const cli_args *a);
int cli_recover(cli_ctx *c, const cli_args *a);
int cli_restore(cli_ctx *c, const cli_args *a);
int cli_rename(cli_ctx *c, const cli_args *a);
int cli_delete(cli_ctx *c, const cli_args *a);
int cli_trash(cli_ctx *c, const cli_args *a);
int cli_undelete(cli_ctx *c, const cli_args *a);
int cli_help(cli_ctx *c, const cli_args *a);
int cli_edit(cli_ctx *c, const cli_args *a);
int cli_recap(cli_ctx *c, const cli_args *a);
int cli_declared(cli_ctx *c, const cli_args *a);
int cli_export(cli_ctx *c, const cli_args *a);
/* fsdecl drafts --json: one JSON object per draft, a line each (docs/export-format.md). */
int cli_drafts_json(cli_ctx *c);
/* Under a version of `fsdecl history`, the records that it was declared. */
void cli_put_declared(int version, const store_declared *v, size_t n);

#endif
