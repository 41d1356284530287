/* home: the first screen: the campaign of the day, the declarations in the store, and the choices
 * to continue one, open it read-only, or start a new one. */
#ifndef FSDECL_SCREENS_HOME_H
#define FSDECL_SCREENS_HOME_H

#include <stdbool.h>

#include "app.h"
#include "fsdecl/diag.h"

/* Pushes the home screen (and the new declaration's RPPS box when the store has none), for
 * app_run to run until the user leaves the program. */
void home_start(app *a);
/* Pushes what opens a declaration by draft name or file (fsdecl edit), over a home screen drawn
 * empty, for app_run to run until it is left. The reasons it could not be opened (not when the
 * user chose not to) are added to why, by the time app_run returns. */
void home_open_arg(app *a, const char *arg, diag_list *why);

#endif
