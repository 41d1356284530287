/* field: the wizard's input fields, as a small engine of pure editing functions.
 *
 * A field is a plain struct changed only by the functions below: no curses, no I/O, no global
 * state. The screens turn keys into actions (field_act) or characters (field_insert), draw what
 * field_view and field_cursor say, and read the value back as a core value (date_t, int64_t,
 * decl_yesno, list entry ids). Nothing here ever traps the caller: a keystroke a field cannot
 * take is refused at once with a result code, and a wrong value is only described in French by
 * field_validate; the caller decides what to do with either.
 *
 * The edit buffer is a row of wide characters, each kept with its UTF-8 length and its width in
 * columns (wcwidth), so that the character, byte and column positions always agree. A combining
 * mark is stored as its own zero-width cell and travels with the character before it: the cursor
 * never stops between them and one backspace removes both. Widths come from wcwidth, so the
 * program must call setlocale(LC_ALL, "") with a UTF-8 LC_CTYPE first (the tests use C.UTF-8).
 *
 * Kinds:
 * - FIELD_TEXT: one line of UTF-8 text, at most max_bytes bytes and max_cols columns (0: only the
 *   buffer's capacity). Control characters, newlines and tabs are refused.
 * - FIELD_DATE: typed JJ/MM/AAAA, digits only; the slashes are supplied after the day and the
 *   month. Backspace over a trailing slash removes it; backspace over a slash inside the date
 *   removes the digit before it (the digits then close up, as they do after any deletion inside).
 *   Typing '/' steps over a slash, supplies a missing one, or pads a one-digit day or month
 *   ("5/" gives "05/").
 * - FIELD_INT: digits only, within [min, max]; a leading '-' only when min < 0. A digit beyond
 *   the number of digits of the widest bound is refused.
 * - FIELD_FRACTION: typed in one buffer as "N/D" (one row, the same keys as the other number
 *   fields, and the slash shows which number is which). Digits and a single '/'; each number
 *   has at most 10 digits. Valid when 0 <= N <= D, 0 < D <= 2147483647.
 * - FIELD_CHOICE: one entry of a list. The buffer is a type-ahead filter, compared without
 *   accents or case (field_fold) and split into words at every character that is not a letter
 *   or a digit. An entry matches when each word of the filter starts a word of its label, in
 *   order (« med gen » finds « Médecine générale », « gen » finds « Chirurgie générale » and
 *   « Médecine générale »); only when no entry matches so does the filter match as a plain
 *   substring of the label (« ologie »). A character that would leave no matching entry, and a
 *   separator before any word, is refused (field_refusal says why): nothing typed is dropped
 *   silently. The selection follows the filter: the first entry, in list order, whose label
 *   starts with the filter's words, else the first that matches. When several entries match,
 *   that selection is only a proposal (field_is_proposal), unless the filter is an entry's whole
 *   label: field_match_count says how many match, the wizard shows « Chirurgie générale (2
 *   choix : Entrée) » on the field, opens the list on the matches at Enter, and never gives a
 *   proposal to the declaration. Up and Down move among the matching entries, and the entry
 *   they reach is chosen.
 * - FIELD_MULTI: entries ticked and unticked; the filter and Up/Down move a highlight, Toggle
 *   ticks or unticks the highlighted entry. A ' ' typed goes into the filter: the key map sends
 *   Space as FIELD_ACT_TOGGLE for this kind.
 * - FIELD_YESNO: o, O, y, Y for yes, n, N for no, ' ' or Toggle switches (unset gives yes),
 *   Backspace, Delete or Clear unset it. */
#ifndef FSDECL_WIDGETS_FIELD_H
#define FSDECL_WIDGETS_FIELD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "fsdecl/date.h"
#include "fsdecl/decl.h"

enum {
    FIELD_MAX_CHARS = 512,   /* capacity of the edit buffer, in characters */
    FIELD_MAX_FILTER = 64,   /* longest type-ahead filter, in characters */
    FIELD_MAX_OPTIONS = 256, /* entries of a multiple choice */
    FIELD_NUM_DIGITS = 10,   /* digits of each number of a fraction */
};
#define FIELD_NONE ((size_t)-1)                /* no entry selected */
#define FIELD_FRACTION_MAX INT64_C(2147483647) /* largest numerator or denominator */

typedef enum {
    FIELD_TEXT,
    FIELD_DATE,
    FIELD_INT,
    FIELD_FRACTION,
    FIELD_CHOICE,
    FIELD_MULTI,
    FIELD_YESNO,
} field_kind;

/* Editing actions; the key map (elsewhere) turns keys into these. */
typedef enum {
    FIELD_ACT_LEFT,
    FIELD_ACT_RIGHT,
    FIELD_ACT_HOME,
    FIELD_ACT_END,
    FIELD_ACT_WORD_LEFT,
    FIELD_ACT_WORD_RIGHT,
    FIELD_ACT_BACKSPACE,
    FIELD_ACT_DELETE,
    FIELD_ACT_KILL_END,   /* Ctrl-K: delete from the cursor to the end */
    FIELD_ACT_KILL_START, /* Ctrl-U: delete from the start to the cursor */
    FIELD_ACT_UP,         /* choice and multiple choice: previous matching entry */
    FIELD_ACT_DOWN,       /* choice and multiple choice: next matching entry */
    FIELD_ACT_TOGGLE,     /* multiple choice: tick/untick; yes/no: switch */
    FIELD_ACT_CLEAR,      /* empty the field: no value at all */
} field_action;

typedef enum {
    FIELD_CHANGED, /* the value changed: mark dirty, judge again */
    FIELD_MOVED,   /* only the cursor, filter or highlight moved: redraw */
    FIELD_NOOP,    /* accepted, nothing to do (cursor already at the edge) */
    FIELD_REFUSED, /* this kind cannot take that character or action */
    FIELD_FULL,    /* the character fits the kind, but there is no room left */
} field_result;

typedef struct {
    const char *id;    /* what the core stores */
    const char *label; /* what the user reads, in French */
} field_option;

/* One character of the edit buffer: the character, its UTF-8 length and its columns. */
typedef struct {
    wchar_t ch;
    unsigned char bytes, cols;
} field_cell;

/* Byte, character and column positions of one place in the buffer. */
typedef struct {
    size_t chr, byte, col;
} field_pos;

/* Read it through the functions; the members are public so a field can live on the stack and be
 * copied (a copy taken on focus gives Esc something to restore). */
typedef struct {
    field_kind kind;
    bool required; /* empty is then an error for field_validate */
    field_cell cells[FIELD_MAX_CHARS];
    size_t len, cur, first; /* characters in use, cursor, first visible character */
    size_t nbytes, ncols;   /* UTF-8 length and width of the whole buffer */
    size_t max_bytes, max_cols;
    const char *chars;           /* FIELD_TEXT: the only characters it takes, or NULL for any */
    int64_t min, max;            /* FIELD_INT */
    size_t max_digits;           /* FIELD_INT */
    const field_option *options; /* not owned */
    size_t noptions;
    size_t sel;    /* choice: the selected entry; multiple choice: the highlighted one */
    bool proposal; /* choice: sel is only the filter's first of several matches */
    bool checked[FIELD_MAX_OPTIONS];
    decl_yesno yesno;
    wchar_t refused; /* the last character field_insert refused, for field_refusal; 0 for none */
} field_t;

/* Set a field up, empty. max_bytes and max_cols: 0 for no limit but the buffer's capacity. */
void field_init_text(field_t *f, size_t max_bytes, size_t max_cols);
/* A text field that takes only these ASCII characters (borrowed); a lower-case letter whose
 * upper case is among them is taken as the upper case ("2a" gives "2A"). */
void field_restrict(field_t *f, const char *chars);
void field_init_date(field_t *f);
/* min <= max, or the bounds are swapped. */
void field_init_int(field_t *f, int64_t min, int64_t max);
void field_init_fraction(field_t *f);
/* The options are borrowed and must outlive the field. False, leaving an empty list, when options
 * is NULL with n > 0 or when a multiple choice has more than FIELD_MAX_OPTIONS entries. */
bool field_init_choice(field_t *f, const field_option *options, size_t n);
bool field_init_multi(field_t *f, const field_option *options, size_t n);
void field_init_yesno(field_t *f);

/* One typed character at the cursor: FIELD_REFUSED or FIELD_FULL when the field cannot take it,
 * and the field is then unchanged. */
field_result field_insert(field_t *f, wchar_t wc);
/* One editing action. FIELD_REFUSED for an action this kind has no use for (Up in a text field),
 * so that the caller can give the key another meaning (move to the field above). */
field_result field_act(field_t *f, field_action act);
/* Pasted text (bracketed paste): everything acceptable is inserted at the cursor and nothing is
 * ever submitted. In a text field, a run of newlines and tabs becomes one space (none at the start
 * of the field, none at the end of the paste); in the other kinds they are refused, except at the
 * end of the paste where they are dropped. A date field given a whole ISO date ("2025-12-25") takes
 * it as its value. *refused (may be NULL) counts the characters and invalid bytes left out. Returns
 * FIELD_CHANGED when something went in, else FIELD_MOVED, FIELD_REFUSED when something was left
 * out, or FIELD_NOOP. */
field_result field_paste(field_t *f, const char *utf8, size_t *refused);

/* Values. A setter on a field of another kind returns FIELD_REFUSED and changes nothing; on
 * success it returns FIELD_CHANGED with the cursor at the end. A value from the core is shown
 * even when it breaks the field's limits (field_validate then says so): nothing is dropped. */
field_result field_set_text(field_t *f, const char *utf8); /* refused: bad UTF-8, control char */
field_result field_set_date(field_t *f, date_t d);         /* refused: not writable as JJ/MM/AAAA */
field_result field_set_int(field_t *f, int64_t v);
field_result field_set_fraction(field_t *f, int64_t num, int64_t den); /* refused: negative */
field_result field_set_choice(field_t *f, const char *id); /* NULL: none; unknown: refused */
field_result field_set_multi(field_t *f, const char *const *ids, size_t n); /* unknown: refused */
field_result field_set_yesno(field_t *f, decl_yesno v);
/* Empties any field (FIELD_ACT_CLEAR). */
void field_clear(field_t *f);

/* The edit buffer as UTF-8 (for a choice: its filter). False when buf is too small (then empty). */
bool field_get_text(const field_t *f, char *buf, size_t size);
/* True, with the value, only when the field holds a complete valid value of that kind. */
bool field_get_date(const field_t *f, date_t *out);
bool field_get_int(const field_t *f, int64_t *out);
bool field_get_fraction(const field_t *f, int64_t *num, int64_t *den);
/* The selected entry's id, or NULL. */
const char *field_get_choice(const field_t *f);
/* The ticked entries' ids, in list order, up to cap of them; returns how many are ticked. */
size_t field_get_multi(const field_t *f, const char **ids, size_t cap);
decl_yesno field_get_yesno(const field_t *f);
/* True when the field holds nothing (no text, no selection, nothing ticked, unset). */
bool field_is_empty(const field_t *f);

/* True when the content is acceptable (empty counts only when the field is not required); else
 * false with a French message in msg ("date impossible : 30/02/2025", "au plus 2147483647",
 * "le numérateur dépasse le dénominateur"). msg is "" when true. */
bool field_validate(const field_t *f, char *msg, size_t size);
/* A short French explanation of a refusal (FIELD_REFUSED or FIELD_FULL) for the message line;
 * "" for the other results. A '%' typed in a number field is told that counts are expected, not
 * a rate. */
const char *field_refusal(const field_t *f, field_result r);

/* Lists: the entry selected (choice) or highlighted (multiple choice), or FIELD_NONE. */
size_t field_selected(const field_t *f);
/* True when entry i matches the type-ahead filter (always, when the filter is empty). */
bool field_option_matches(const field_t *f, size_t i);
/* How many entries match the type-ahead filter; 0 when the filter is empty. More than one means
 * the selection is only the first of them: a screen says so and offers the list. */
size_t field_match_count(const field_t *f);
/* True when a choice's selection was only proposed by a filter that matches several entries
 * (none of them typed whole): nobody chose it, and it must not be taken as the value. */
bool field_is_proposal(const field_t *f);
bool field_option_checked(const field_t *f, size_t i);

/* Where the cursor is, in characters, bytes and columns from the start of the buffer. */
field_pos field_cursor(const field_t *f);
/* Scrolls so that the cursor is visible in a window of width columns and returns the cursor's
 * column inside that window. Text is pulled back when there is room on the right. */
size_t field_scroll(field_t *f, size_t width);
/* Columns scrolled out on the left (as field_scroll last left them). */
size_t field_scroll_offset(const field_t *f);
/* The visible part of the buffer (from the scroll offset, at most width columns) as UTF-8; a wide
 * character that does not fit whole is left out. False when buf is too small (then cut short). */
bool field_view(const field_t *f, size_t width, char *buf, size_t size);

/* The start of the buffer in at most width columns, whatever the scroll (a field not focused
 * shows where its value begins): when it does not fit whole, cut before a character and ended by
 * more (« … », more_cols columns wide). False when buf is too small (then cut short). */
bool field_view_start(const field_t *f, size_t width, const char *more, size_t more_cols, char *buf,
                      size_t size);

/* Accent folding for type-ahead: Latin letters with diacritics (à â ä é è ê ë î ï ô ö ù û ü ç
 * ÿ ñ ... and capitals) become plain lower-case ASCII, œ and æ become "oe" and "ae", combining
 * marks are dropped, the typographic apostrophe becomes ', the no-break space a space; anything
 * else is copied (invalid bytes as '?'). The result is never longer than the input. Returns its
 * full length, like snprintf; out (always terminated when size > 0) is cut at a character. */
size_t field_fold(const char *utf8, char *out, size_t size);

#endif
