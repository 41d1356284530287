/* home_drafts: what the home screen does to a draft besides opening it: correcting its RPPS,
 * moving it to the corbeille, and putting one back from there; and the RPPS check that a new
 * declaration's box shares. Each function pushes its first box and returns at once; the store is
 * changed only in a box's answer, through the session. */
#ifndef FSDECL_SCREENS_HOME_DRAFTS_H
#define FSDECL_SCREENS_HOME_DRAFTS_H

#include <stddef.h>

#include "app.h"

/* An RPPS the store can name a draft after: its check digit right, or at least 11 digits (a
 * dialog_check: false with the reason in why). */
bool home_rpps_typed(app *a, void *ctx, const field_t *fl, char *why, size_t size);
/* An RPPS field as the new declaration's and the correction's boxes have it, set to rpps when
 * given and its key is right (or always, when any is true). */
bool home_rpps_field(field_t *f, const char *rpps, bool any);
/* Corrects the RPPS of the draft name: its box (the number to correct typed in it), the question
 * when the new number's key is wrong, then the session's rename; a refusal shown in the box again.
 * The name the draft has at the end goes to select (STORE_NAME_MAX bytes, borrowed until the flow
 * is over). */
void home_rename(app *a, const char *name, char *select);
/* Asks whether to move the draft name (of who) to the corbeille, Annuler first; then does it. */
void home_delete(app *a, const char *name, const char *who);
/* The corbeille's drafts in a list: Entrée puts the one chosen back; its name goes to select. */
void home_trash(app *a, char *select);

#endif
