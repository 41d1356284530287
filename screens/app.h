/* app: the wizard's state and loop. One app runs the home screen and, once a declaration is open,
 * its tabs; dialogs run on top through app_next_key, which draws the frame, feeds the autosaver,
 * handles resizes and signals, and returns the next key (from the keyboard, or from a script). */
#ifndef FSDECL_SCREENS_APP_H
#define FSDECL_SCREENS_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "form.h"
#include "keys.h"
#include "fsdecl/session.h"
#include "term.h"

enum { APP_MIN_LINES = 24, APP_MIN_COLS = 80, APP_MAX_TABS = 8 };

/* Keys of the loop itself, beyond curses' codes. */
enum {
    APP_KEY_EXIT = KEYS_EXIT,   /* SIGTERM or SIGHUP: save and leave */
    APP_KEY_PASTE = KEYS_PASTE, /* a bracketed paste arrived: its text is in app.paste */
    APP_KEY_END = KEYS_END,     /* the script ended: leave at once, saving nothing (as if killed) */
};

typedef enum { TAB_COMPLETE, TAB_PROBLEMS, TAB_UNTOUCHED, TAB_NONE } tab_state;

typedef struct app app;
typedef struct home_state home_state; /* home.c's */

/* A tab: its short title, its rows, its state in the strip. */
typedef struct {
    void (*title)(const app *a, int index, char *buf, size_t size);
    void (*build)(app *a, int index, form_t *f);
    tab_state (*state)(app *a, int index);
} tab_ops;

struct app {
    session *s;
    session_doc *doc; /* the declaration open; NULL on the home screen */
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
    char *paste;           /* the text of the last paste, malloc'ed */
    decl_typing *unplaced; /* typing kept that no field of the wizard takes: carried as it is */
    size_t nunplaced;
    size_t typing_left_out; /* typing past what the declaration keeps: said, and asked on leaving */
    int recommit_said;      /* the version whose unticked attestation the message line said */
    void (*overlay)(app *a, void *data); /* a dialog drawn over the frame */
    void *overlay_data;
    struct script *script;
    int settle_fd;
    void (*draw)(app *a); /* the screen under the overlay: home, or the declaration */
    home_state *home;     /* the home screen's state while it runs */
};

/* The next key, after drawing the frame (and the overlay, if any). */
int app_next_key(app *a);
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
