/* app: the loop (keys, frames, autosave, resize, signals) and the declaration's frame. */

#include "app.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

#include "actions.h"
#include "fsdecl/text.h"
#include "script.h"

enum { KEY_PASTE_BEGIN = KEY_MAX + 1, KEY_PASTE_END, TICK_MS = 250 };

void app_say(app *a, term_style st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->message, sizeof a->message, fmt, ap);
    va_end(ap);
    a->message_style = st;
}

void app_clock_hhmm(char *buf, size_t size)
{
    const char *fixed = getenv("FSDECL_CLOCK"); /* "14:32": tests fix the clock */
    if (fixed && *fixed) {
        snprintf(buf, size, "%.5s", fixed);
        return;
    }
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(buf, size, "%H:%M", &tm);
}

long app_now_ms(const app *a)
{
    if (a->script)
        return script_clock(a->script);
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- the frame ------------------------------------------------------------------------------- */

static void draw_too_small(void)
{
    erase();
    term_text(0, 0, COLS, TERM_BAD, "Terminal trop petit");
    char b[128];
    snprintf(b, sizeof b, "fsdecl demande au moins %d colonnes et %d lignes (ici %d × %d).",
             APP_MIN_COLS, APP_MIN_LINES, COLS, LINES);
    const char *starts[8];
    size_t lens[8];
    size_t n = term_wrap(b, COLS, starts, lens, 8);
    for (size_t i = 0; i < n && (int)i + 2 < LINES; i++) {
        char line[160];
        snprintf(line, sizeof line, "%.*s", (int)lens[i], starts[i]);
        term_text((int)i + 2, 0, COLS, TERM_NORMAL, line);
    }
    term_text(LINES > 6 ? 6 : LINES - 1, 0, COLS, TERM_DIM,
              "Agrandissez la fenêtre, ou F10 pour quitter.");
    term_cursor_hide();
}

static bool too_small(void)
{
    return LINES < APP_MIN_LINES || COLS < APP_MIN_COLS;
}

static void draw(app *a)
{
    if (too_small()) {
        draw_too_small();
    } else {
        erase();
        if (a->draw)
            a->draw(a);
        if (a->overlay)
            a->overlay(a, a->overlay_data);
    }
    refresh();
}

/* ---- keys ------------------------------------------------------------------------------------ */

/* The text of a bracketed paste, read until its end mark. */
static int read_paste(app *a)
{
    size_t len = 0, cap = 256;
    char *buf = malloc(cap);
    wint_t wc;
    int r;
    timeout(1000);
    while (buf && (r = get_wch(&wc)) != ERR && !(r == KEY_CODE_YES && wc == KEY_PASTE_END)) {
        char mb[8];
        mbstate_t st = {0};
        size_t n = r == OK ? wcrtomb(mb, (wchar_t)wc, &st) : 0;
        if (n == (size_t)-1)
            continue;
        if (len + n + 1 > cap && !(buf = realloc(buf, cap *= 2)))
            break;
        memcpy(buf + len, mb, n);
        len += n;
    }
    free(a->paste);
    a->paste = buf;
    if (buf)
        buf[len] = '\0';
    return buf ? APP_KEY_PASTE : ERR;
}

/* The next key, or KEY_RESIZE, or ERR after a tick without either. curses notices a resize
 * through a flag its SIGWINCH handler sets, checked before a read: a SIGWINCH arriving between
 * that check and a blocking read would wait for the next tick. So SIGWINCH stays blocked here
 * except inside pselect, and curses only ever reads without waiting. */
static int next_char(wint_t *wc)
{
    sigset_t winch, waiting;
    sigemptyset(&winch);
    sigaddset(&winch, SIGWINCH);
    sigprocmask(SIG_BLOCK, &winch, &waiting);
    timeout(0);
    int r = get_wch(wc);
    if (r == ERR) {
        sigset_t during = waiting;
        sigdelset(&during, SIGWINCH);
        fd_set in;
        FD_ZERO(&in);
        FD_SET(STDIN_FILENO, &in);
        struct timespec tick = {0, TICK_MS * 1000000L};
        pselect(STDIN_FILENO + 1, &in, NULL, NULL, &tick, &during);
        r = get_wch(wc);
    }
    sigprocmask(SIG_SETMASK, &waiting, NULL);
    return r;
}

/* A character or key already waiting, never waiting for one: the rest of an escape sequence. */
static int more_terminal(void *unused)
{
    (void)unused;
    wint_t wc;
    timeout(0);
    int r = get_wch(&wc);
    if (r == ERR)
        return -1;
    if (r == KEY_CODE_YES)
        return (int)wc;
    return wc >= KEY_MIN ? (int)(wc | KEYS_CHAR_FLAG) : (int)wc;
}

static int read_terminal(app *a)
{
    wint_t wc;
    int r = next_char(&wc);
    if (r == ERR)
        return ERR;
    if (r == KEY_CODE_YES)
        return (int)wc == KEY_PASTE_BEGIN ? read_paste(a) : (int)wc;
    if (wc == KEYS_ESC)
        return keys_decode(KEYS_ESC, more_terminal, NULL);
    return wc >= KEY_MIN ? (int)(wc | KEYS_CHAR_FLAG) : (int)wc;
}

static int more_script(void *s)
{
    return script_more(s);
}

static int read_script(app *a)
{
    char *paste = NULL;
    int k = script_next(a->script, &paste);
    if (k == APP_KEY_PASTE) {
        free(a->paste);
        a->paste = paste;
    }
    if (k == SCRIPT_END)
        return APP_KEY_END;
    if (k == SCRIPT_SIGNAL)
        return APP_KEY_EXIT;
    if (k == KEYS_ESC)
        return keys_decode(KEYS_ESC, more_script, a->script);
    return k == SCRIPT_NOTHING ? ERR : k;
}

void app_no_effect(app *a, int key)
{
    char name[32];
    keys_name(key, name, sizeof name);
    app_say(a, TERM_DIM, "%s sans effet ici : F1 pour l'aide.", name);
}

/* Autosave a few seconds after the last change, from the loop. */
static void tick(app *a)
{
    if (!a->doc || a->doc->read_only)
        return;
    diag_list d;
    diag_init(&d);
    bool failed;
    if (session_tick(a->doc, app_now_ms(a), &failed, &d)) {
        a->autosave_failed = false;
        app_clock_hhmm(a->autosaved_at, sizeof a->autosaved_at);
    } else if (failed && !a->autosave_failed) {
        a->autosave_failed = true;
        app_say(a, TERM_BAD, "%s Sauvegarde automatique impossible : %s", term_symbol(TERM_SYM_BAD),
                d.count ? d.items[0].message : "erreur");
    }
    diag_free(&d);
}

/* Tells a waiting test harness that a complete frame is on the screen. */
static void settled(app *a)
{
    if (a->settle_fd < 0)
        return;
    ssize_t n;
    do
        n = write(a->settle_fd, "s", 1);
    while (n < 0 && errno == EINTR);
}

int app_next_key(app *a)
{
    bool fresh_frame = true; /* a key was handled since the last settle */
    for (;;) {
        if (store_signal_pending())
            return APP_KEY_EXIT;
        tick(a);
        draw(a);
        if (fresh_frame)
            settled(a);
        fresh_frame = false;
        int key = a->script ? read_script(a) : read_terminal(a);
        if (key == ERR)
            continue;
        fresh_frame = true;
        if (key == KEY_RESIZE)
            continue;
        /* a screen too small takes only the keys that leave; an ended script leaves too */
        if (too_small() && key != KEY_F(10) && key != CTRL_KEY('c') && key != APP_KEY_EXIT &&
            key != APP_KEY_END)
            continue;
        if (key == CTRL_KEY('l')) {
            clearok(curscr, TRUE);
            continue;
        }
        if (key == KEYS_UNKNOWN) { /* never typed as text: its bytes are dropped together */
            app_say(a, TERM_WARN, "%s Touche non reconnue, ignorée.", term_symbol(TERM_SYM_WARN));
            continue;
        }
        return key;
    }
}
