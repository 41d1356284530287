/* dialog: boxes drawn over the frame, each running until answered: a question with buttons, a
 * choice in a long list, a text to read, a field to fill, "Ce qui manque", a finalised version. */
#ifndef FSDECL_SCREENS_DIALOG_H
#define FSDECL_SCREENS_DIALOG_H

#include <stdbool.h>

#include "app.h"

/* The button chosen (0...), or -1 for Esc. buttons ends with NULL. */
int dialog_ask(app *a, const char *title, const char *text, const char *const *buttons,
               int default_button);
/* A choice in a long list with type-ahead: true with the choice made in *choice. */
bool dialog_pick(app *a, const char *title, field_t *choice);
/* A text to read (help), scrolled; closes on Esc, Enter, q or F1. */
void dialog_text(app *a, const char *title, const char *text);
/* One field to fill, with the keys of every text field; true when Entrée gave a value the field
 * validates and check (when not NULL) accepts: otherwise the dialog stays open, the reason check
 * wrote in why shown under the field. error: a reason to show from the start, or NULL. */
bool dialog_input(app *a, const char *title, const char *label, field_t *fl,
                  bool (*check)(app *a, const field_t *fl, char *why, size_t size),
                  const char *error);
/* "Ce qui manque", ranked by euros: true with the entry chosen (to jump to) in *out. */
bool dialog_missing(app *a, eval_missing *out);

#endif
