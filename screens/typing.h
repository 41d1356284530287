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
/* The typing carried whose field the form now shows (an answer changed made it appear): to be
 * typed into it, as at opening, when the form is next built; true when there is any. After each
 * build of the form. */
bool typing_place_waiting(app *a);
/* A student removed: the typing carried and the typing the declaration keeps for the students
 * after it follow them, and the removed one's goes with it (as the form's pending edits do). */
void typing_student_removed(app *a, binding removed);
/* Frees the typing carried (the declaration is being closed). */
void typing_forget(app *a);
/* The declaration's typing as a short French list: « 31/02/2025 », « 1000 » ... */
void typing_list_fr(const app *a, char *buf, size_t size);

#endif
