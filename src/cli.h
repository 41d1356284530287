/* cli: the command line's shared pieces (not part of the core library). */
#ifndef FSDECL_CLI_H
#define FSDECL_CLI_H

#include <stdio.h>

#include "fsdecl/diag.h"
#include "fsdecl/paths.h"
#include "fsdecl/rules.h"

enum { CLI_EXIT_OK = 0, CLI_EXIT_PROBLEMS = 1, CLI_EXIT_ERROR = 2 };

typedef struct {
    int year;
    rules_campaign *rules; /* NULL when it could not be loaded */
    diag_list why;         /* and why */
} cli_campaign_entry;

typedef struct {
    const char *rules_dir; /* --rules-dir, or NULL */
    const char *data_dir;  /* --data-dir, or NULL */
    paths_t paths;
    cli_campaign_entry campaigns[PATHS_MAX_CAMPAIGNS]; /* loaded once per run */
    size_t ncampaigns;
} cli_options;

/* Prints text from a file or the user, with control characters neutralised. */
void cli_put(FILE *f, const char *s);
void cli_print_diags(FILE *f, const diag_list *d);
/* Loads a rules file with the lists found where o says. */
rules_campaign *cli_load_rules(const cli_options *o, const char *path, diag_list *d);
/* The rules of campaign year, loaded once per run and owned by o; NULL when they cannot be
 * loaded, the reasons then added to d (when not NULL). */
const rules_campaign *cli_campaign(cli_options *o, int year, diag_list *d);
void cli_options_free(cli_options *o);

int cli_rules(cli_options *o, int argc, char **argv);
int cli_check(cli_options *o, int argc, char **argv);
int cli_store(cli_options *o, const char *cmd, int argc, char **argv);

#endif
