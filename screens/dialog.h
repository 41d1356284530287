/* dialog: boxes drawn over the frame, each a screen pushed on the app's stack that answers the
 * screen that opened it through on_answer (screen_answer, app.h) once it closes: a question with
 * buttons, a choice in a long list, a text to read, a field to fill, « Ce qui manque ». Nothing
 * here waits for a key: each function pushes its box and returns at once. The texts given are
 * copied; on_answer may be NULL. */
#ifndef FSDECL_SCREENS_DIALOG_H
#define FSDECL_SCREENS_DIALOG_H

#include <stdbool.h>

#include "app.h"

/* A question: answers the button chosen (0...), or -1 for Esc. buttons ends with NULL and is
 * borrowed until the box closes (a static array). */
void dialog_ask(app *a, const char *title, const char *text, const char *const *buttons,
                int default_button, screen_answer on_answer, void *ctx);
/* A choice in a long list with type-ahead, on a copy of choice: answers 1 with the field chosen
 * (a const field_t *) as value, or 0. */
void dialog_pick(app *a, const char *title, const field_t *choice, screen_answer on_answer,
                 void *ctx);
/* A text to read (help), scrolled; closes on Esc, Enter, q or F1, answering 0. */
void dialog_text(app *a, const char *title, const char *text, screen_answer on_answer, void *ctx);
/* The help text of the screen of, in a text to read (nothing when it has none). */
void dialog_help(app *a, screen *of);

/* What an input box checks on Entrée beyond its field: false keeps the box open, the reason
 * written in why shown under the field. ctx is the one given to dialog_input. */
typedef bool (*dialog_check)(app *a, void *ctx, const field_t *fl, char *why, size_t size);
/* One field to fill, on a copy of fl, with the keys of every text field: answers 1 when Entrée
 * gave a value the field validates and check (when not NULL) accepts, 0 on Esc; the field as
 * typed (a const field_t *) is the value either way. error: a reason to show from the start, or
 * NULL. */
void dialog_input(app *a, const char *title, const char *label, const field_t *fl,
                  dialog_check check, void *check_ctx, const char *error, screen_answer on_answer,
                  void *ctx);
/* "Ce qui manque", ranked by euros: answers 1 with the entry chosen (a const eval_missing *, to
 * jump to), or 0. */
void dialog_missing(app *a, screen_answer on_answer, void *ctx);

#endif
