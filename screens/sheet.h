/* sheet: the « à reporter sur Amelipro » sheet of the open declaration, a text to read over the
 * whole screen (the core's text, wrapped and scrolled), with its PDF printout; and recording that
 * the last finalised version was declared, on Amelipro or by the paper form sent to the caisse,
 * or undoing a wrong record. fsdecl sends nothing itself. Every write is a step the loop runs
 * after the key, or a dialog's answer. */
#ifndef FSDECL_SCREENS_SHEET_H
#define FSDECL_SCREENS_SHEET_H

#include "app.h"

/* Pushes the sheet of a->doc as it is now. */
void sheet_open(app *a);
/* Asks how the last finalised version was declared (or whether to undo the record), then on
 * which day, today's offered; the session's refusals keep the date asked, with the reason. */
void sheet_record(app *a);
/* Writes the pre-filled paper form's PDF into the user's folder, as a step; the message line
 * says where, or why not. */
void sheet_print_form(app *a);

#endif
