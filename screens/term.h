/* term: the terminal under the wizard. Starting and restoring it (a real terminal, or a virtual
 * screen for scripted tests), styles with colours or without, symbols in Unicode or ASCII, and
 * drawing text measured in columns. Nothing else in screens/ calls curses to set the terminal up.
 */
#ifndef FSDECL_SCREENS_TERM_H
#define FSDECL_SCREENS_TERM_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    bool no_color;       /* --no-color or NO_COLOR */
    bool ascii;          /* --ascii: no line drawing, no Unicode symbols */
    bool virtual_screen; /* draw into a virtual screen (script mode), not the terminal */
    int lines, cols;     /* the virtual screen's size */
} term_options;

/* Styles: each has a colour and a monochrome form; errors are also marked by a symbol or word. */
typedef enum {
    TERM_NORMAL,
    TERM_TITLE,   /* the title bar */
    TERM_TAB,     /* a tab of the strip */
    TERM_TAB_ON,  /* the current tab */
    TERM_HEADING, /* an indicator's label */
    TERM_DIM,     /* help text, details */
    TERM_OK,      /* met, complete */
    TERM_BAD,     /* blocking problems */
    TERM_WARN,    /* warnings */
    TERM_INFO,    /* information */
    TERM_FIELD,   /* a field's value */
    TERM_FOCUS,   /* the focused field or line */
    TERM_STATUS,  /* the status bar */
    TERM_KEY,     /* a key in the footer */
    TERM_DIALOG,  /* a dialog box */
    TERM_STYLE_COUNT,
} term_style;

/* Symbols, with their ASCII form. */
typedef enum {
    TERM_SYM_OK,      /* ✓ */
    TERM_SYM_BAD,     /* ✗ */
    TERM_SYM_WARN,    /* ! */
    TERM_SYM_INFO,    /* i */
    TERM_SYM_TODO,    /* · */
    TERM_SYM_CHECKED, /* [x] */
    TERM_SYM_UNCHECKED,
    TERM_SYM_SEP,   /* · between status items */
    TERM_SYM_ARROW, /* → */
    TERM_SYM_MORE,  /* … at the end of a text cut short */
    TERM_SYM_COUNT,
} term_sym;

/* Starts curses; false with a French reason in why when it cannot. */
bool term_start(const term_options *o, char *why, size_t size);
/* Restores the terminal; safe to call twice, and from any exit path. */
void term_stop(void);
bool term_started(void);
bool term_ascii(void);
const char *term_symbol(term_sym s);
/* Like term_text, but a text too wide ends in an ellipsis, so the reader sees it was cut. */
void term_text_cut(int y, int x, int width, term_style st, const char *text);

/* Draws UTF-8 text at (y, x) in at most width columns (cut at a whole character, control
 * characters shown as '?'); returns the columns used. */
int term_text(int y, int x, int width, term_style st, const char *text);
/* Text right-aligned so that it ends at column x + width. */
void term_text_right(int y, int x, int width, term_style st, const char *text);
/* Spaces in style st. */
void term_fill(int y, int x, int width, term_style st);
void term_hline(int y, int x, int width);
/* A frame around the rectangle, filled in TERM_DIALOG. */
void term_box(int y, int x, int height, int width);

/* Shows the cursor at (y, x), or hides it; term_cursor_visible says which. */
void term_cursor_at(int y, int x);
void term_cursor_hide(void);
bool term_cursor_visible(void);

/* Word-wraps text into lines of at most width columns: the start of each line and its length in
 * bytes go into starts/lens (at most max lines); returns how many lines. '\n' breaks a line. */
size_t term_wrap(const char *text, int width, const char **starts, size_t *lens, size_t max);

#endif
