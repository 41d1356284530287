/* edit: what a key does to the focused field of a declaration's tab. The focused field has the
 * first say; what it does not take is an action of the table (actions.h). A field never traps the
 * cursor: leaving it gives its value to the declaration, or keeps what was typed beside an
 * explanation. */
#ifndef FSDECL_SCREENS_EDIT_H
#define FSDECL_SCREENS_EDIT_H

#include <stdbool.h>

#include "app.h"

/* Characters at or above curses' first key code come flagged, so that no letter is mistaken for
 * a function key. */
#define APP_CHAR_FLAG 0x10000000
int app_key_char(int key); /* the character a key types, or -1 */

typedef enum {
    EDIT_UNHANDLED, /* not the field's: an action may take it */
    EDIT_MOVED,     /* redraw */
    EDIT_CHANGED,   /* the declaration changed: judge again, autosave */
} edit_result;

edit_result edit_key(app *a, int key);
/* Gives the focused field's value to the declaration before the focus moves. True when the
 * declaration changed. */
bool edit_leave(app *a);
/* The same when the declaration is left (quit, signal), except that typing of an earlier run not
 * touched in this one stays typing, as it was found: opening and quitting changes nothing. */
bool edit_leave_declaration(app *a);

#endif
