/* edit: what a key does to the focused field of a declaration's tab. The focused field has the
 * first say, through its key map (actions.h); what it does not take is the declaration's. A field
 * never traps the cursor: leaving it gives its value to the declaration, or keeps what was typed
 * beside an explanation. */
#ifndef FSDECL_SCREENS_EDIT_H
#define FSDECL_SCREENS_EDIT_H

#include <stdbool.h>

#include "actions.h"
#include "app.h"

typedef enum {
    EDIT_UNHANDLED, /* not the field's: an action may take it */
    EDIT_MOVED,     /* redraw */
    EDIT_CHANGED,   /* the declaration changed: judge again, autosave */
    EDIT_TRANSMIT,  /* the « Finaliser une version » button was pressed: the declaration's
                       screen finalises */
    EDIT_PICK,      /* Enter on a long list: the declaration's screen opens it (edit_pick) */
} edit_result;

/* The key maps a key goes through on the focused field (only the declaration's without one). */
keymap_stack edit_keys(app *a);
/* What act (key resolved through edit_keys) does to the focused field; EDIT_UNHANDLED when the
 * field has no use for it (the declaration's actions then apply). Enter on a list opens it, on a
 * button presses it (EDIT_PICK, EDIT_TRANSMIT); Esc puts back what the field held when the focus
 * arrived. */
edit_result edit_action(app *a, wiz_action act, int key);
/* Opens the focused long list; the choice made there is given to the declaration, then
 * done(a, changed) is called (changed: the declaration changed). */
void edit_pick(app *a, void (*done)(app *a, bool changed));
/* Gives the focused field's value to the declaration before the focus moves. True when the
 * declaration changed. */
bool edit_leave(app *a);
/* The same when the declaration is left (quit, signal), except that typing of an earlier run not
 * touched in this one stays typing, as it was found: opening and quitting changes nothing. */
bool edit_leave_declaration(app *a);

#endif
