/* app: the wizard's state, its stack of screens and its one loop. A screen (home, the declaration,
 * each dialog) is a table of functions (screen_ops): it draws itself, takes one key and says what
 * it did (SCREEN_* bits), names the key maps its keys go through, and may give a help text. The
 * app owns the stack; app_run is the only place that waits for a key: it draws the stack (the top
 * screen, over the ones below when it is a dialog), feeds the autosaver, handles resizes, signals
 * and the settle signal of tests, gives each key to the top screen, then carries out what the key
 * asked: the steps deferred (saving, finalising, the PDF: every write), the screens closed, whose
 * answers go to their openers, and the screen uncovered. */
#ifndef FSDECL_SCREENS_APP_H
#define FSDECL_SCREENS_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "actions.h"
#include "form.h"
#include "keys.h"
#include "fsdecl/session.h"
#include "term.h"

enum {
    APP_MIN_LINES = 24,
    APP_MIN_COLS = 80,
    APP_MAX_TABS = 8,
    APP_MAX_SCREENS = 12,
    APP_MAX_STEPS = 4
};

/* Keys of the loop itself, beyond curses' codes. */
enum {
    APP_KEY_EXIT = KEYS_EXIT,   /* SIGTERM or SIGHUP: save and leave */
    APP_KEY_PASTE = KEYS_PASTE, /* a bracketed paste arrived: its text is in app.paste */
    APP_KEY_END = KEYS_END,     /* the script ended: leave at once, saving nothing (as if killed) */
};

typedef enum { TAB_COMPLETE, TAB_PROBLEMS, TAB_UNTOUCHED, TAB_NONE } tab_state;

typedef struct app app;
typedef struct screen screen;

/* What a screen's key handler did with a key: bits. */
enum {
    SCREEN_UNHANDLED = 0,     /* no use for it here: the loop says the key has no effect */
    SCREEN_HANDLED = 1u << 0, /* taken (the frame is drawn again after every key) */
    SCREEN_CLOSE = 1u << 1,   /* the screen is done: popped, its answer given to its opener */
    SCREEN_QUIT = 1u << 2,    /* the program ends: every screen is popped, none answers */
};

/* A screen's answer to the one that opened it, called by the loop once the screen is popped:
 * answer is the dialog's (a button, 1 or 0 for a choice made or not, -1 for Esc); value its own
 * result (a field_t for a list or a field, an eval_missing for « Ce qui manque ») or NULL, borrowed
 * for the call only. */
typedef void (*screen_answer)(app *a, void *ctx, int answer, const void *value);

/* A kind of screen. Every function but draw and key may be NULL. */
typedef struct {
    bool overlay; /* drawn over the screen below it (a dialog), not in its place */
    void (*draw)(app *a, screen *s);
    /* The key maps a key goes through here (the footer and the help say the same keys). */
    keymap_stack (*keys)(app *a, screen *s);
    /* One key, with the action it has through keys (ACT_NONE without keys): SCREEN_* bits. */
    unsigned (*key)(app *a, screen *s, int key, wiz_action act);
    /* On top again: the screen above it closed, and the flow that opened it is over. */
    void (*resume)(app *a, screen *s);
    /* On top after a key was handled (and when first shown), before the frame is drawn. */
    void (*sync)(app *a, screen *s);
    /* The help text (malloc'ed, the caller frees it) and its title; NULL when none. */
    char *(*help)(app *a, screen *s, char *title, size_t size);
    /* Releases what the screen holds, when it is popped; the loop then frees the screen. */
    void (*release)(app *a, screen *s);
} screen_ops;

/* The head of every screen: a screen's own struct starts with it and is malloc'ed by whoever
 * pushes it; the stack owns it from app_push on. */
struct screen {
    const screen_ops *ops;
    screen_answer on_answer;     /* the opener's, or NULL */
    void *ctx;                   /* borrowed: the opener's, handed back to on_answer */
    void (*ctx_free)(void *ctx); /* called instead of on_answer when the program ends first */
    int answer;                  /* set by the screen before it closes */
    const void *value;           /* the same: points into the screen itself, or NULL */
    bool closing;                /* to be popped once the key's steps are done */
};

/* A step the loop carries out after the key handler returned: a write, or a flow's next step. */
typedef struct {
    void (*run)(app *a, void *ctx);
    void *ctx;
} app_step;

/* A tab: its short title, its rows, its state in the strip. */
typedef struct {
    void (*title)(const app *a, int index, char *buf, size_t size);
    void (*build)(app *a, int index, form_t *f);
    tab_state (*state)(app *a, int index);
} tab_ops;

/* Pointers say whether the app owns what they point to: "owned" is freed by the app's owner (the
 * wizard) or by the screen named; "borrowed" is someone else's. */
struct app {
    session *s;       /* owned: made and freed by the wizard */
    session_doc *doc; /* borrowed: the declaration screen's (it closes it); NULL without one */
    int ntabs, tab;
    const tab_ops *tabs[APP_MAX_TABS];
    int tab_index[APP_MAX_TABS]; /* the volet a volet tab shows */
    form_t form;
    char message[512];
    term_style message_style;
    char saved_at[16];     /* "14:32", shown in the status bar */
    char autosaved_at[16]; /* the last autosave, while changes are not saved */
    bool autosave_failed;
    bool quit;
    char *paste;           /* owned: the text of the last paste, malloc'ed; freed by the wizard */
    decl_typing *unplaced; /* owned, entries too: typing kept that no field of the wizard takes,
                              carried as it is; freed by typing_forget */
    size_t nunplaced;
    size_t typing_left_out; /* typing past what the declaration keeps: said, and asked on leaving */
    int recommit_said;      /* the version whose unticked attestation the message line said */
    struct script *script;  /* owned: closed by the wizard */
    int settle_fd;          /* borrowed: the test harness's pipe, or -1 */
    screen *stack[APP_MAX_SCREENS]; /* owned: the bottom first */
    int nscreens;
    app_step steps[APP_MAX_STEPS]; /* deferred by the key handled, in order */
    int nsteps;
    bool uncovered; /* a screen was popped and none pushed since: the top is told (resume) */
};

/* Pushes s (malloc'ed, its head filled by the caller or zeroed), which the stack now owns; when
 * closed, it answers on_answer(a, ctx, ...) if given. false (s freed, ctx_free called) when the
 * stack is full. */
bool app_push(app *a, screen *s, screen_answer on_answer, void *ctx, void (*ctx_free)(void *));
/* The screen on top, or NULL. */
screen *app_top(const app *a);
/* Whether a dialog covers the screen being drawn (it then shows no cursor of its own). */
bool app_covered(const app *a);
/* Asks the loop to run step(a, ctx) once the key handler returned: every write goes this way. */
void app_defer(app *a, void (*run)(app *a, void *ctx), void *ctx);
/* The loop: until the stack is empty or a screen quits, each key to the top screen. The screens
 * left are then popped without answering. */
void app_run(app *a);
/* Says something in the message line. */
void app_say(app *a, term_style st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Says that key has no effect here (a character, a function key, an Alt combination). */
void app_no_effect(app *a, int key);
/* The time shown for "enregistré à" (FSDECL_CLOCK fixes it for tests). */
void app_clock_hhmm(char *buf, size_t size);
/* Milliseconds of a monotonic clock (a script's own clock in script mode). */
long app_now_ms(const app *a);

#endif
