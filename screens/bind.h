/* bind: what each field of the wizard edits in the declaration. A row is made from its binding
 * (the widget and the field's kind follow from it, the value is read from the declaration), and a
 * field's value is given back to the declaration only through the core's editing API. */
#ifndef FSDECL_SCREENS_BIND_H
#define FSDECL_SCREENS_BIND_H

#include <stdbool.h>
#include <stddef.h>

#include "form.h"
#include "fsdecl/session.h"

/* Appends the row of binding b, its value read from doc (or the pending edit). */
void bind_row(session_doc *doc, form_t *f, int indent, const char *label, binding b,
              const char *anchor);
/* Whether the widget gives its value at once (a box, an answer) or when the focus leaves (text). */
bool bind_commits_at_once(widget_kind w);
/* Whether what a binding edits is typed as text (its typing can be kept, typing.h). */
bool bind_typed(bind_kind k);
/* Gives the field's value to the declaration. False with a French reason in err (the
 * declaration unchanged) when the value is not complete or not acceptable. */
bool bind_commit(session_doc *doc, binding b, const field_t *fl, char *err, size_t size);
/* What the field bound to b asks for, from the core (an identity field's help), or NULL. */
const char *bind_help(binding b);
/* A button: adds or removes a student. */
bool bind_press(session_doc *doc, binding b, char *err, size_t size);
/* The student of removed gone: false when b edits that student; otherwise true, b moved up one
 * place when it edits a student after it (anything else unchanged). */
bool bind_follow_removed(binding *b, binding removed);
/* The options shown for a list (specialties ...) are built once for the open document and freed
 * with it (session_close); bind keeps nothing of its own. */

#endif
