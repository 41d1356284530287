/* cli: the command line's shared pieces (not part of the core library). */
#ifndef FSDECL_CLI_H
#define FSDECL_CLI_H

#include <stdio.h>

#include "fsdecl/diag.h"
#include "fsdecl/paths.h"

enum { EXIT_OK = 0, EXIT_PROBLEMS = 1, EXIT_ERROR = 2 };

typedef struct {
    const char *rules_dir; /* --rules-dir, or NULL */
    const char *data_dir;  /* --data-dir, or NULL */
    paths_t paths;
} cli_options;

/* Prints text from a file or the user, with control characters neutralised. */
void cli_put(FILE *f, const char *s);
void cli_print_diags(FILE *f, const diag_list *d);

int cli_rules(cli_options *o, int argc, char **argv);
int cli_check(cli_options *o, int argc, char **argv);
int cli_store(cli_options *o, const char *cmd, int argc, char **argv);

#endif
