/* wizard: the full-screen declaration, the program's face when it is started without a command.
 * The command line calls wizard_main; everything under screens/ hangs from it. */
#ifndef FSDECL_SCREENS_WIZARD_H
#define FSDECL_SCREENS_WIZARD_H

#include <stdbool.h>

#include "fsdecl/date.h"
#include "fsdecl/diag.h"

/* Every string is borrowed: the command line's. */
typedef struct {
    const char *rules_dir; /* --rules-dir, or NULL */
    const char *data_dir;  /* --data-dir, or NULL */
    bool has_today;        /* --today */
    date_t today;
    bool no_color;    /* --no-color, or NO_COLOR set */
    bool ascii;       /* --ascii */
    const char *edit; /* fsdecl edit DRAFT|FILE: open this declaration at once */
} wizard_options;

/* Runs the wizard on the terminal (or on a virtual screen driven by the script FSDECL_SCRIPT, for
 * tests). Returns the program's exit code: 0, or 2 when it could not start, or when the
 * declaration to edit could not be opened: then the reasons are in refused, for the caller to print
 * once the terminal is back to normal. */
int wizard_main(const wizard_options *o, diag_list *refused);

#endif
