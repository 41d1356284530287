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
#include "dialog.h"
#include "edit.h"
#include "fsdecl/text.h"
#include "script.h"
#include "typing.h"

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
        if (a->doc)
            app_draw_declaration(a);
        else
            home_draw(a);
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

static int read_terminal(app *a)
{
    wint_t wc;
    int r = next_char(&wc);
    if (r == ERR)
        return ERR;
    if (r == KEY_CODE_YES)
        return (int)wc == KEY_PASTE_BEGIN ? read_paste(a) : (int)wc;
    return wc >= KEY_MIN ? (int)(wc | APP_CHAR_FLAG) : (int)wc;
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
    return k == SCRIPT_NOTHING ? ERR : k;
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
        bool (*after)(app *) = a->after_frame;
        a->after_frame = NULL;
        if (after && after(a)) {
            fresh_frame = true;
            continue;
        }
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
        return key;
    }
}

/* ---- the declaration's frame ----------------------------------------------------------------- */

static void draw_title(app *a)
{
    const decl_t *d = a->doc->decl;
    char t[512];
    snprintf(t, sizeof t, " fsdecl %s %s %s %s %s", term_symbol(TERM_SYM_SEP),
             a->doc->rules ? a->doc->rules->title : "campagne inconnue", term_symbol(TERM_SYM_SEP),
             d->identity.last_name ? d->identity.last_name : "(nom à indiquer)",
             d->identity.first_name ? d->identity.first_name : "");
    /* short, so that the doctor's name keeps its room at 80 columns: « probable » says a date is
     * inferred; the home line, the recap and the messages say « non publiée » */
    const rules_campaign *c = a->doc->rules;
    char right[128], closes[16] = "non connue";
    if (c && c->window.has_closes)
        date_format_fr(c->window.closes, closes, sizeof closes);
    const char *what = c && c->window.closes_inferred ? "clôture probable" : "clôture";
    if (a->doc->read_only)
        snprintf(right, sizeof right, "LECTURE SEULE %s %s : %s ", term_symbol(TERM_SYM_SEP), what,
                 closes);
    else
        snprintf(right, sizeof right, "%s : %s ", what, closes);
    term_fill(0, 0, COLS, TERM_TITLE);
    int w = (int)text_width(right);
    term_text_cut(0, 0, COLS - w - 1, TERM_TITLE, t);
    term_text_right(0, 0, COLS, TERM_TITLE, right);
}

static const char *state_word(tab_state s, term_sym *sym)
{
    switch (s) {
    case TAB_COMPLETE: *sym = TERM_SYM_OK; return "complet";
    case TAB_PROBLEMS: *sym = TERM_SYM_BAD; return "à corriger";
    case TAB_UNTOUCHED: *sym = TERM_SYM_TODO; return "à faire";
    default: *sym = TERM_SYM_COUNT; return "";
    }
}

static int strip_item(app *a, int i, bool words, char *buf, size_t size)
{
    char title[96];
    a->tabs[i]->title(a, a->tab_index[i], title, sizeof title);
    term_sym sym;
    const char *word = state_word(a->tabs[i]->state(a, a->tab_index[i]), &sym);
    if (sym == TERM_SYM_COUNT)
        snprintf(buf, size, " %d %s ", i + 1, title);
    else
        snprintf(buf, size, " %d %s %s%s%s ", i + 1, title, term_symbol(sym), words ? " " : "",
                 words ? word : "");
    return (int)text_width(buf);
}

static void draw_tabs(app *a)
{
    char item[160];
    int total = 0;
    for (int i = 0; i < a->ntabs; i++)
        total += strip_item(a, i, true, item, sizeof item) + 1;
    bool words = total <= COLS;
    int x = 0;
    for (int i = 0; i < a->ntabs && x < COLS; i++) {
        strip_item(a, i, words, item, sizeof item);
        x += term_text(1, x, COLS - x, i == a->tab ? TERM_TAB_ON : TERM_TAB, item);
        x += x < COLS ? term_text(1, x, 1, TERM_DIM, term_ascii() ? "|" : "│") : 0;
    }
}

static void range_text(int64_t lo, int64_t hi, bool money, char *buf, size_t size)
{
    char a[48], b[48];
    (money ? text_money : text_points)(lo, a, sizeof a);
    (money ? text_money : text_points)(hi, b, sizeof b);
    snprintf(buf, size, lo == hi ? "%s" : "%s à %s", a, b);
}

/* The draft's state, in words; brief when the status line is narrow. */
static void draft_state(app *a, bool brief, char *buf, size_t size)
{
    const char *rec = a->doc->recovered ? " (récupéré)" : "";
    if (a->doc->read_only)
        snprintf(buf, size, "Lecture seule");
    else if (session_unsaved(a->doc) && a->autosaved_at[0])
        snprintf(buf, size, brief ? "Sauvegarde auto. %s" : "Modifié, sauvegarde automatique à %s",
                 a->autosaved_at);
    else if (session_unsaved(a->doc))
        snprintf(buf, size, "%s%s", brief ? "Non enregistré" : "Modifié, non enregistré", rec);
    else if (a->saved_at[0])
        snprintf(buf, size, brief ? "Enregistré à %s" : "Brouillon enregistré à %s", a->saved_at);
    else
        snprintf(buf, size, "Brouillon enregistré");
}

/* What a volet that may or may not be met depends on: computed indicators still unknown, two
 * readings of the texts that give different results, or both. */
static const char *undecided_by(const eval_result *e, int volet)
{
    bool unknown = false, ambiguous = false;
    for (size_t i = 0; i < e->nitems; i++)
        if (e->items[i].ind->volet == volet) {
            unknown |= e->items[i].status == EVAL_UNKNOWN;
            ambiguous |= e->items[i].status == EVAL_AMBIGUOUS;
        }
    if (!ambiguous)
        return "des indicateurs calculés par la CNAM";
    return unknown ? "des indicateurs calculés par la CNAM et de la lecture des textes"
                   : "de la lecture des textes";
}

/* "Volet 1 non atteint : Volet 2 ne paie rien tant qu'il ne l'est pas (5 845,00 € en jeu)". */
static void gate_text(app *a, const eval_result *e, char *buf, size_t size)
{
    const rules_campaign *c = a->doc->rules;
    buf[0] = '\0';
    for (size_t v = 0; v < c->nvolets; v++) {
        int req = c->volets[v].requires;
        if (req < 0)
            continue;
        char need[64], gated[64], money[48];
        tabs_short_label(c->volets[req].label, need, sizeof need);
        tabs_short_label(c->volets[v].label, gated, sizeof gated);
        text_money(c->volets[v].points_tenths * c->point_value_cents / 10, money, sizeof money);
        if (e->volets[req].max_tenths == 0)
            snprintf(buf, size, "%s %s non atteint : %s ne paie rien (%s en jeu)",
                     term_symbol(TERM_SYM_BAD), need, gated, money);
        else if (e->volets[req].min_tenths == 0)
            snprintf(buf, size, "%s %s : dépend %s ; %s aussi", term_symbol(TERM_SYM_WARN), need,
                     undecided_by(e, req), gated);
        else
            snprintf(buf, size, "%s %s atteint : %s est payé selon ses indicateurs",
                     term_symbol(TERM_SYM_OK), need, gated);
        return;
    }
}

static void draw_status(app *a, int y)
{
    const eval_result *e = session_judge(a->doc);
    char pts[96], eur[96], state[96], line[512];
    term_fill(y, 0, COLS, TERM_STATUS);
    term_fill(y + 1, 0, COLS, TERM_STATUS);
    if (!e) {
        term_text(y, 1, COLS - 1, TERM_STATUS, "Règles de la campagne introuvables");
        return;
    }
    range_text(e->min_tenths, e->max_tenths, false, pts, sizeof pts);
    range_text(e->min_cents, e->max_cents, true, eur, sizeof eur);
    snprintf(line, sizeof line, " Total : %s pts = %s %s ", pts, eur, term_symbol(TERM_SYM_SEP));
    draft_state(a, false, state, sizeof state);
    if ((int)(text_width(line) + text_width(state)) >= COLS)
        draft_state(a, true, state, sizeof state);
    strncat(line, state, sizeof line - strlen(line) - 1);
    term_text_cut(y, 0, COLS, TERM_STATUS, line);
    gate_text(a, e, line, sizeof line);
    term_text(y + 1, 1, COLS - 1, TERM_STATUS, line);
}

static void draw_footer(app *a, int y, unsigned where)
{
    char foot[512];
    action_footer(where, COLS - 1, foot, sizeof foot);
    term_text(y, 0, COLS, TERM_KEY, foot);
    if (a->message[0])
        term_text(y - 1, 0, COLS, a->message_style, a->message);
}

/* What the strip's symbols mean, in words, at the right of the line under it. */
static void draw_legend(void)
{
    char legend[160];
    snprintf(legend, sizeof legend, " %s complet  %s à corriger  %s à faire ",
             term_symbol(TERM_SYM_OK), term_symbol(TERM_SYM_BAD), term_symbol(TERM_SYM_TODO));
    term_text_right(2, 0, COLS - 1, TERM_DIM, legend);
}

void app_draw_declaration(app *a)
{
    draw_title(a);
    draw_tabs(a);
    term_hline(2, 0, COLS);
    draw_legend();
    form_t *f = &a->form;
    tabs_build(a);
    if (typing_place_waiting(a))
        tabs_build(a); /* typed into their fields */
    form_draw(f, 3, 1, LINES - 8, COLS - 2);
    term_hline(LINES - 5, 0, COLS);
    draw_status(a, LINES - 4);
    draw_footer(a, LINES - 1, CTX_FORM);
    if (f->cursor_y >= 0 && !a->overlay)
        term_cursor_at(f->cursor_y, f->cursor_x);
    else if (!a->overlay)
        term_cursor_hide();
}

/* ---- saving and leaving ---------------------------------------------------------------------- */

bool app_save(app *a)
{
    edit_leave(a);
    diag_list d;
    diag_init(&d);
    bool ok = session_save(a->doc, &d);
    if (ok) {
        app_clock_hhmm(a->saved_at, sizeof a->saved_at);
        a->autosaved_at[0] = '\0';
        app_say(a, TERM_OK, "%s Brouillon enregistré à %s.", term_symbol(TERM_SYM_OK), a->saved_at);
    } else {
        app_say(a, TERM_BAD, "%s Enregistrement impossible : %s", term_symbol(TERM_SYM_BAD),
                d.count ? d.items[0].message : "erreur");
    }
    diag_free(&d);
    return ok;
}

/* Nothing unsaved, but an autosave of this opening may hold typing undone since: it goes. */
static void drop_stale_autosave(app *a)
{
    diag_list d;
    diag_init(&d);
    session_abandon(a->doc, &d);
    diag_free(&d);
}

/* Typing past what the declaration keeps is lost by leaving it: never without asking. */
static bool confirm_typing_lost(app *a)
{
    static const char *const buttons[] = {"Quitter quand même", "Annuler", NULL};
    size_t n = a->typing_left_out;
    char text[256];
    snprintf(text, sizeof text,
             n > 1 ? "%zu saisies non validées au-delà de %d ne peuvent pas être gardées : elles "
                     "seront perdues en quittant."
                   : "%zu saisie non validée au-delà de %d ne peut pas être gardée : elle sera "
                     "perdue en quittant.",
             n, DECL_MAX_TYPING);
    return dialog_ask(a, "Quitter", text, buttons, 1) == 0;
}

bool app_confirm_leave(app *a)
{
    edit_leave_declaration(a);
    if (a->doc->read_only)
        return true;
    if (a->typing_left_out && !confirm_typing_lost(a))
        return false;
    if (!session_unsaved(a->doc)) {
        if (a->doc->autosaved) /* never a recovery this opening did not write */
            drop_stale_autosave(a);
        return true;
    }
    static const char *const buttons[] = {"Enregistrer", "Ne pas enregistrer", "Annuler", NULL};
    int choice = dialog_ask(a, "Quitter", "La déclaration a des modifications non enregistrées.",
                            buttons, 0);
    if (choice == 0)
        return app_save(a);
    if (choice == 1) {
        diag_list d;
        diag_init(&d);
        session_abandon(a->doc, &d);
        diag_free(&d);
        return true;
    }
    return false;
}
