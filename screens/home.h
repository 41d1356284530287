/* home: the first screen: the campaign of the day, the declarations in the store, and the choices
 * to continue one, open it read-only, or start a new one. */
#ifndef FSDECL_SCREENS_HOME_H
#define FSDECL_SCREENS_HOME_H

#include <stdbool.h>

#include "app.h"
#include "fsdecl/diag.h"

/* The home screen, until the user leaves the program. */
void home_run(app *a);
/* Opens a declaration by draft name or file (fsdecl edit); false when it could not be opened, with
 * the reasons added to why (not when the user chose not to). */
bool home_open_arg(app *a, const char *arg, diag_list *why);

#endif
