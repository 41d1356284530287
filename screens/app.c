/* app: the stack of screens and the one loop (keys, frames, autosave, resize, signals, steps). */

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

/* Under a dialog, the footer says the dialog's keys, not those of the screen below it (whose F10
 * « Quitter » would only close the dialog). */
static void draw_dialog_footer(app *a)
{
    screen *top = a->nscreens ? a->stack[a->nscreens - 1] : NULL;
    if (!top || !top->ops->overlay || !top->ops->keys)
        return;
    static const wiz_action shown[] = {ACT_ENTER, ACT_BUTTON_NEXT, ACT_CANCEL};
    char foot[512];
    keymap_footer(top->ops->keys(a, top), shown, sizeof shown / sizeof shown[0], COLS - 1, foot,
                  sizeof foot);
    int y, x; /* where the dialog left the cursor, its field's */
    getyx(stdscr, y, x);
    move(LINES - 1, 0);
    clrtoeol();
    term_text(LINES - 1, 0, COLS, TERM_KEY, foot);
    move(y, x);
}

/* The stack from the top screen that is not a dialog up: each over the one below. */
static void draw(app *a)
{
    if (too_small()) {
        draw_too_small();
    } else {
        erase();
        int from = a->nscreens - 1;
        while (from > 0 && a->stack[from]->ops->overlay)
            from--;
        for (int i = from < 0 ? 0 : from; i < a->nscreens; i++)
            a->stack[i]->ops->draw(a, a->stack[i]);
        draw_dialog_footer(a);
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

/* ---- the stack ------------------------------------------------------------------------------- */

bool app_push(app *a, screen *s, screen_answer on_answer, void *ctx, void (*ctx_free)(void *))
{
    s->on_answer = on_answer;
    s->ctx = ctx;
    s->ctx_free = ctx_free;
    s->closing = false;
    if (a->nscreens == APP_MAX_SCREENS) {
        if (s->ops->release)
            s->ops->release(a, s);
        free(s);
        if (ctx_free)
            ctx_free(ctx);
        return false;
    }
    a->stack[a->nscreens++] = s;
    a->uncovered = false;
    return true;
}

screen *app_top(const app *a)
{
    return a->nscreens ? a->stack[a->nscreens - 1] : NULL;
}

bool app_covered(const app *a)
{
    return a->nscreens > 1 && a->stack[a->nscreens - 1]->ops->overlay;
}

void app_defer(app *a, void (*run)(app *a, void *ctx), void *ctx)
{
    if (a->nsteps < APP_MAX_STEPS)
        a->steps[a->nsteps++] = (app_step){run, ctx};
}

/* Pops the top screen; answering, its answer goes to its opener, else its opener's context is
 * released. */
static void pop(app *a, bool answering)
{
    screen *s = a->stack[--a->nscreens];
    a->stack[a->nscreens] = NULL;
    a->uncovered = true;
    if (answering && s->on_answer)
        s->on_answer(a, s->ctx, s->answer, s->value);
    else if (s->ctx_free)
        s->ctx_free(s->ctx);
    if (s->ops->release)
        s->ops->release(a, s);
    free(s);
}

/* After a key: the steps it deferred, the screens it closed (whose answers may push, defer or
 * close more), then the screen left on top told it is uncovered. */
static void settle_stack(app *a)
{
    for (;;) {
        screen *top = app_top(a);
        if (a->nsteps) {
            app_step st = a->steps[0];
            memmove(a->steps, a->steps + 1, (size_t)--a->nsteps * sizeof a->steps[0]);
            st.run(a, st.ctx);
        } else if (top && top->closing) {
            pop(a, true);
        } else if (top && a->uncovered) {
            a->uncovered = false;
            if (top->ops->resume)
                top->ops->resume(a, top);
        } else {
            return;
        }
    }
}

/* The next key, or ERR after a tick without one; keys of the loop's own are taken here. */
static int next_key(app *a)
{
    int key = a->script ? read_script(a) : read_terminal(a);
    if (key == ERR)
        return ERR;
    if (key == KEY_RESIZE)
        return KEY_RESIZE;
    /* a screen too small takes only the keys that leave; an ended script leaves too */
    if (too_small() && key != KEY_F(10) && key != CTRL_KEY('c') && key != APP_KEY_EXIT &&
        key != APP_KEY_END)
        return KEY_RESIZE;
    if (key == CTRL_KEY('l')) {
        clearok(curscr, TRUE);
        return KEY_RESIZE;
    }
    if (key == KEYS_UNKNOWN) { /* never typed as text: its bytes are dropped together */
        app_say(a, TERM_WARN, "%s Touche non reconnue, ignorée.", term_symbol(TERM_SYM_WARN));
        return KEY_RESIZE;
    }
    return key;
}

void app_run(app *a)
{
    bool fresh_frame = true; /* a key was handled since the last settle */
    bool handled = true;     /* a key reached a screen since the last sync */
    settle_stack(a);
    while (a->nscreens && !a->quit) {
        screen *top = app_top(a);
        if (handled && top->ops->sync)
            top->ops->sync(a, top);
        handled = false;
        int key = APP_KEY_EXIT;
        if (!store_signal_pending()) {
            tick(a);
            draw(a);
            if (fresh_frame)
                settled(a);
            fresh_frame = false;
            key = next_key(a);
            if (key == ERR)
                continue;
            fresh_frame = true;
            if (key == KEY_RESIZE)
                continue;
        }
        fresh_frame = handled = true;
        top = app_top(a);
        wiz_action act = top->ops->keys ? keymap_resolve(top->ops->keys(a, top), key) : ACT_NONE;
        unsigned r = top->ops->key(a, top, key, act);
        if (r == SCREEN_UNHANDLED)
            app_no_effect(a, key);
        top->closing = top->closing || (r & SCREEN_CLOSE);
        a->quit = a->quit || (r & SCREEN_QUIT);
        settle_stack(a);
    }
    while (a->nscreens)
        pop(a, false);
}
