/* typing: what was typed in the fields and not given to the declaration yet (a value refused, or
 * one still being typed), kept in the declaration (decl_typing), so that the autosave and the
 * draft hold it, and typed back into its fields when the declaration is opened again. Typing no
 * field of the wizard takes (another campaign's indicator, another program's name) is carried as
 * it is until it is effaced. */
#ifndef FSDECL_SCREENS_TYPING_H
#define FSDECL_SCREENS_TYPING_H

#include "app.h"

/* The form's pending edits, and the typing carried, into the declaration; the autosaver hears of
 * a change. */
void typing_sync(app *a);
/* The declaration's typing into the form, to be typed into each field when it is next built;
 * says so in the message line. Nothing in a read-only opening. */
void typing_restore(app *a);
/* Forgets every pending edit and the typing carried, here and in the declaration. */
void typing_drop_all(app *a);
/* Frees the typing carried (the declaration is being closed). */
void typing_forget(app *a);
/* The declaration's typing as a short French list: « 31/02/2025 », « 1000 » ... */
void typing_list_fr(const app *a, char *buf, size_t size);

#endif
