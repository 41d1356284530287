/* form: a tab's content as rows (headings, text, fields, buttons), rebuilt from the declaration
 * after every change; the focus, kept by what a field edits; the edits not yet accepted, kept
 * until they are (moving away never loses what was typed). */
#ifndef FSDECL_SCREENS_FORM_H
#define FSDECL_SCREENS_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "fsdecl/decl.h"
#include "fsdecl/rules.h"
#include "term.h"
#include "widgets/field.h"

/* What a field or button edits in the declaration: X(CONSTANT, "name"). The name is kept with
 * what was typed and not given yet (decl_typing), so it never changes once released. */
#define FORM_BINDS(X)                                                                              \
    X(BIND_NONE, "none")                                                                           \
    X(BIND_IDENTITY, "identity")   /* sub: decl_identity_field */                                  \
    X(BIND_SPECIALTY, "specialty") /* from the campaign's list of specialties */                   \
    X(BIND_FIRST_YEAR, "first_year")                                                               \
    X(BIND_VALUE, "value") /* an indicator's yes/no */                                             \
    X(BIND_PREFILLED, "prefilled")                                                                 \
    X(BIND_SOFTWARE, "software") /* sub: decl_software_field */                                    \
    X(BIND_ACQUIRED, "acquired")                                                                   \
    X(BIND_DPI, "dpi")                                                                             \
    X(BIND_LAP_NAME, "lap_name")                                                                   \
    X(BIND_LAP_CERTIFIED, "lap_certified")                                                         \
    X(BIND_LAP_PROVISIONAL, "lap_provisional")                                                     \
    X(BIND_LAP_PROCESS, "lap_process")                                                             \
    X(BIND_CHOICE, "choice") /* sub: the list entry */                                             \
    X(BIND_OTHER, "other")                                                                         \
    X(BIND_RATIO, "ratio")                                                                         \
    X(BIND_COUNT, "count")                                                                         \
    X(BIND_PART, "part")               /* sub: the part of an all_of criterion */                  \
    X(BIND_COMPONENT, "component")     /* sub: the component of an average */                      \
    X(BIND_PART_RATIO, "part_ratio")   /* sub: a ratio part of an all_of (kept as a component) */  \
    X(BIND_PROOF_STATE, "proof_state") /* sub: the document */                                     \
    X(BIND_PROOF_DATE, "proof_date")                                                               \
    X(BIND_STUDENT_NAME, "student_name") /* sub: the student */                                    \
    X(BIND_STUDENT_LEVEL, "student_level")                                                         \
    X(BIND_STUDENT_FROM, "student_from")                                                           \
    X(BIND_STUDENT_TO, "student_to")                                                               \
    X(BIND_STUDENT_ADD, "student_add")       /* a button */                                        \
    X(BIND_STUDENT_REMOVE, "student_remove") /* a button; sub: the student */                      \
    X(BIND_COMMENT, "comment")                                                                     \
    X(BIND_ACCURACY, "accuracy")                                                                   \
    X(BIND_KEEP_PROOFS, "keep_proofs")                                                             \
    X(BIND_TRANSMIT, "transmit")             /* a button */                                        \
    X(BIND_RPPS_CONFIRMED, "rpps_confirmed") /* shown only while the RPPS key is wrong */
#define FORM_BIND_ENUM(constant, name) constant,
typedef enum { FORM_BINDS(FORM_BIND_ENUM) } bind_kind;
#undef FORM_BIND_ENUM

typedef struct {
    bind_kind kind;
    const rules_indicator *ind; /* NULL outside an indicator */
    int sub;
} binding;

typedef enum {
    WIDGET_TEXT,     /* text, date, number, fraction: a line to edit */
    WIDGET_CHECKBOX, /* [x] label */
    WIDGET_YESNO,    /* ( ) Oui ( ) Non */
    WIDGET_RADIO,    /* a few choices on one line */
    WIDGET_LIST,     /* a choice from a long list, with type-ahead */
    WIDGET_BUTTON,
} widget_kind;

typedef enum { ROW_TEXT, ROW_FIELD } row_kind;

typedef struct {
    row_kind kind;
    int indent;
    term_style style;
    char *text;             /* ROW_TEXT: the line; ROW_FIELD: the label */
    char *right;            /* ROW_TEXT: right-aligned text (points, status) */
    term_style right_style; /* its style, when not the row's */
    /* ROW_FIELD */
    binding bind;
    widget_kind widget;
    int field;          /* its field in form_t.fields; -1 for a button */
    const char *anchor; /* the indicator id this row belongs to ("Ce qui manque" jumps here) */
} form_row;

/* An edit not accepted yet, or the focused field while it is being edited. */
typedef struct {
    binding bind;
    field_t field;
    field_t before; /* as it was when focus arrived: Esc goes back to it */
    char error[256];
    bool editing;
    /* typed in an earlier run (malloc'ed): put in the field when it is next built, and kept as
     * the typing while the field holds what it became there (restored_as, malloc'ed), so that a
     * field that rewrites it ("12" gives "12/" in a date) does not count as a change */
    char *restored;
    char *restored_as;
} form_pending;

/* Every entry of a declaration's typing can wait in its field, with room left to type. */
enum { FORM_MAX_PENDING = DECL_MAX_TYPING + 8 };

typedef struct {
    form_row *rows;
    size_t nrows, cap;
    field_t *fields; /* one per field row, rebuilt with the rows */
    size_t nfields, capfields;
    int focus;  /* row index, or -1 */
    int scroll; /* first row shown */
    binding focus_bind;
    const char *focus_anchor;
    size_t npending;
    int label_col;                          /* where fields start, from the left edge of the form */
    int width;                              /* the form's width, set before it is built */
    int cursor_y, cursor_x;                 /* where form_draw wants the cursor; -1 for none */
    form_pending pending[FORM_MAX_PENDING]; /* last: form_reset leaves the unused ones alone */
} form_t;

bool binding_equal(binding a, binding b);
/* A binding as a name that outlives the program ("identity:2", "proof_date:v1_software:0"), and
 * back, its indicator looked up in rules. False when it does not fit, or names nothing known. */
bool binding_name(binding b, char *buf, size_t size);
bool binding_parse(const char *name, const rules_campaign *rules, binding *out);

void form_clear_rows(form_t *f);
/* An empty form, nothing to free; the pending edits' slots are not touched (600 KB of memory
 * faulted in for nothing). */
void form_reset(form_t *f);
void form_free(form_t *f);
/* Rows, appended in order. text is copied; NULL right for none. Long text wraps over several
 * rows of width columns. */
void form_text(form_t *f, int indent, term_style st, const char *text, const char *right,
               int width);
void form_blank(form_t *f);
/* A field row: its field is set up by the caller through the returned pointer (kind, value) unless
 * an edit is pending for bind, whose state then wins. */
field_t *form_field(form_t *f, int indent, const char *label, binding bind, widget_kind w,
                    const char *anchor, bool *fresh);
/* After the caller set up a field form_field called fresh: what an earlier run typed there and did
 * not give (form_pending.restored) is typed into it again, with a line saying so. */
void form_field_restore(form_t *f, int indent, binding bind, field_t *fl);
/* Frees what a pending edit holds (not the edit itself). */
void form_pending_free(form_pending *p);
/* Whether a pending edit is typing of an earlier run typed back into its field and not edited
 * since (the field holds what form_field_restore made of it). */
bool form_pending_untouched(const form_pending *p);
void form_button(form_t *f, int indent, const char *label, binding bind, const char *anchor);

/* The widest the label column may be: longer labels go on their own rows. */
int form_label_cap(const form_t *f);

/* After a rebuild: puts the focus back on the row that edits the same thing (or the nearest). */
void form_restore_focus(form_t *f);
int form_next_focusable(const form_t *f, int from, int step);
void form_focus_row(form_t *f, int row);
/* Focuses the first field of the indicator id (for "Ce qui manque"). */
bool form_focus_anchor(form_t *f, const char *id);
/* Focuses the field bound to b (a proof's state, a box of the attestation). */
bool form_focus_binding(form_t *f, binding b);
form_row *form_focused(form_t *f);
/* Scrolls so that the focused field's block (its heading, its question) is in view above it. */
void form_show_block(form_t *f);
/* The field of a row, or NULL (a text row, a button). */
field_t *form_row_field(form_t *f, const form_row *r);
form_pending *form_pending_for(form_t *f, binding b);
void form_pending_drop(form_t *f, binding b);

/* Draws rows [scroll, scroll + height) at (y, x) in width columns; says where the cursor goes
 * (cursor_y, cursor_x), for the caller to place once everything is drawn. */
void form_draw(form_t *f, int y, int x, int height, int width);

#endif
