/* dialog: boxes over the frame, each a screen on the app's stack; each answers its opener. */
#include "dialog.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "fsdecl/text.h"

/* A box of at most width columns centred on the screen; its rows go to *y, *x, *w, *h. */
static void frame(const char *title, int want_w, int want_h, int *y, int *x, int *w, int *h)
{
    *w = want_w < COLS - 4 ? want_w : COLS - 4;
    *h = want_h < LINES - 2 ? want_h : LINES - 2;
    *y = (LINES - *h) / 2;
    *x = (COLS - *w) / 2;
    term_box(*y, *x, *h, *w);
    char t[160];
    snprintf(t, sizeof t, " %s ", title);
    term_text(*y, *x + 2, *w - 4, TERM_DIALOG, t);
}

/* The keys a dialog that takes a value answers to, on its bottom border. */
static void confirm_hint(int y, int x, int w, int h)
{
    static const wiz_action acts[] = {ACT_ENTER, ACT_CANCEL};
    char hint[128];
    keymap_hint(KEYS_ON_DIALOG, acts, 2, hint, sizeof hint);
    term_text(y + h - 1, x + 2, w - 4, TERM_DIALOG, hint);
}

/* Where the continuation of a line goes: under its text after a key column (« ··F1···Aide »:
 * after the run of spaces following the key), under a bullet's text (« - »), else flush. */
static int hanging_indent(const char *line, int w)
{
    const char *p = line;
    while (*p == ' ')
        p++;
    if (p[0] == '-' && p[1] == ' ')
        return (int)(p - line) + 2;
    if (p == line)
        return 0;
    const char *gap = strstr(p, "  ");
    const char *end = strchr(p, '\n');
    if (!gap || (end && gap > end))
        return (int)(p - line) + 2;
    while (*gap == ' ')
        gap++;
    char head[256];
    snprintf(head, sizeof head, "%.*s", (int)(gap - line), line);
    int col = (int)text_width(head);
    return col < w / 2 ? col : (int)(p - line) + 2;
}

/* Word-wraps text with hanging indents: each line's start, length and indent; returns how many
 * (the lines term_wrap gives, the continuations indented). */
static size_t wrap_hanging(const char *text, int w, const char **starts, size_t *lens, int *indents,
                           size_t max)
{
    size_t n = 0;
    const char *p = text ? text : "";
    while (*p && n < max) {
        const char *end = strchr(p, '\n');
        if (!end)
            end = p + strlen(p);
        int indent = hanging_indent(p, w), in = 0;
        if (p == end)
            starts[n] = p, lens[n] = 0, indents[n++] = 0;
        while (p < end && n < max && term_wrap(p, w - in, &starts[n], &lens[n], 1)) {
            indents[n] = in;
            p = starts[n] + lens[n];
            n++;
            in = indent;
            while (p < end && *p == ' ')
                p++;
        }
        p = *end ? end + 1 : end;
    }
    return n;
}

/* Text wrapped inside a box, from row y; returns the rows used. */
static int box_text(int y, int x, int w, int max_rows, const char *text, int skip)
{
    const char *starts[256];
    size_t lens[256];
    int indents[256];
    size_t n = wrap_hanging(text, w, starts, lens, indents, 256);
    int r = 0;
    for (size_t i = (size_t)skip; i < n && r < max_rows; i++, r++) {
        char line[1024];
        snprintf(line, sizeof line, "%.*s", (int)lens[i], starts[i]);
        term_text(y + r, x + indents[i], w - indents[i], TERM_DIALOG, line);
    }
    return r;
}

static int wrapped_rows(const char *text, int w)
{
    const char *starts[256];
    size_t lens[256];
    int indents[256];
    return (int)wrap_hanging(text, w, starts, lens, indents, 256);
}

/* Whether a key or action closes a dialog without an answer: Esc, F10, Ctrl-C, a signal, the
 * end of a script. */
static bool closes(int key, wiz_action act)
{
    return act == ACT_CANCEL || act == ACT_QUIT || act == ACT_INTERRUPT || key == APP_KEY_EXIT ||
           key == APP_KEY_END;
}

/* ---- a question ------------------------------------------------------------------------------ */

typedef struct {
    screen base;
    char *title, *text;         /* owned */
    const char *const *buttons; /* borrowed: the opener's, static */
    int chosen, n;
} ask_state;

/* The buttons' width on one line. */
static int buttons_width(const char *const *buttons)
{
    int w = 0;
    for (int i = 0; buttons[i]; i++)
        w += (int)text_width(buttons[i]) + 6;
    return w;
}

static void draw_ask(app *a, screen *sc)
{
    (void)a;
    ask_state *s = (ask_state *)sc;
    int n = s->n;
    int want_w = 66, rows = wrapped_rows(s->text, want_w - 6);
    bool stacked = buttons_width(s->buttons) > want_w - 4; /* one button a line */
    int y, x, w, h;
    frame(s->title, want_w, rows + 4 + (stacked ? n : 1), &y, &x, &w, &h);
    box_text(y + 1, x + 2, w - 4, rows, s->text, 0);
    int bx = x + 2, by = y + rows + 2, cy = by, cx = bx + 2;
    for (int i = 0; s->buttons[i]; i++) {
        char b[96];
        snprintf(b, sizeof b, "[ %s ]", s->buttons[i]);
        if (i == s->chosen)
            cy = by, cx = bx + 2;
        int used = term_text(by, bx, x + w - 2 - bx, i == s->chosen ? TERM_FOCUS : TERM_DIALOG, b);
        if (stacked)
            by++;
        else
            bx += used + 2;
    }
    term_cursor_at(cy, cx);
}

static keymap_stack keys_ask(app *a, screen *s)
{
    (void)a, (void)s;
    return KEYS_ON_ASK;
}

/* Closes the screen s with answer. */
static unsigned answer(screen *s, int answer, const void *value)
{
    s->answer = answer;
    s->value = value;
    return SCREEN_HANDLED | SCREEN_CLOSE;
}

static unsigned key_ask(app *a, screen *sc, int key, wiz_action act)
{
    (void)a;
    ask_state *s = (ask_state *)sc;
    int ch = keys_char(key), n = s->n;
    if (act == ACT_BUTTON_PREV || act == ACT_UP)
        s->chosen = (s->chosen + n - 1) % n;
    else if (act == ACT_BUTTON_NEXT || act == ACT_DOWN)
        s->chosen = (s->chosen + 1) % n;
    else if (act == ACT_ENTER)
        return answer(sc, s->chosen, NULL);
    else if (closes(key, act))
        return answer(sc, -1, NULL);
    for (int i = 0; i < n && act == ACT_BUTTON_LETTER; i++) /* the first letter of a button */
        if (text_width(s->buttons[i]) && (ch | 0x20) == (s->buttons[i][0] | 0x20))
            return answer(sc, i, NULL);
    return SCREEN_HANDLED; /* a question ignores the other keys */
}

static void release_ask(app *a, screen *sc)
{
    (void)a;
    ask_state *s = (ask_state *)sc;
    free(s->title);
    free(s->text);
}

static const screen_ops ask_ops = {
    .overlay = true,
    .draw = draw_ask,
    .keys = keys_ask,
    .key = key_ask,
    .release = release_ask,
};

void dialog_ask(app *a, const char *title, const char *text, const char *const *buttons,
                int default_button, screen_answer on_answer, void *ctx)
{
    ask_state *s = calloc(1, sizeof *s);
    char *t = strdup(title), *x = strdup(text);
    if (!s || !t || !x) {
        free(s), free(t), free(x);
        if (on_answer)
            on_answer(a, ctx, -1, NULL);
        return;
    }
    *s = (ask_state){
        .base.ops = &ask_ops, .title = t, .text = x, .buttons = buttons, .chosen = default_button};
    while (buttons[s->n])
        s->n++;
    app_push(a, &s->base, on_answer, ctx, NULL);
}

/* ---- a text to read -------------------------------------------------------------------------- */

typedef struct {
    screen base;
    char *title, *text; /* owned */
    int skip;
} read_state;

static void draw_read(app *a, screen *sc)
{
    (void)a;
    read_state *s = (read_state *)sc;
    int y, x, w, h;
    frame(s->title, 90, LINES - 2, &y, &x, &w, &h);
    box_text(y + 1, x + 2, w - 4, h - 3, s->text, s->skip);
    term_text(y + h - 1, x + 2, w - 4, TERM_DIALOG, " ↑↓ défiler · Échap fermer ");
    term_cursor_hide();
}

static keymap_stack keys_dialog(app *a, screen *s)
{
    (void)a, (void)s;
    return KEYS_ON_DIALOG;
}

static unsigned key_read(app *a, screen *sc, int key, wiz_action act)
{
    (void)a;
    read_state *s = (read_state *)sc;
    int rows = wrapped_rows(s->text, (COLS - 4 < 90 ? COLS - 4 : 90) - 4);
    if (act == ACT_DOWN && s->skip + 1 < rows)
        s->skip++;
    else if (act == ACT_UP && s->skip > 0)
        s->skip--;
    else if (act == ACT_ENTER || act == ACT_HELP || closes(key, act))
        return answer(sc, 0, NULL);
    return SCREEN_HANDLED;
}

static void release_read(app *a, screen *sc)
{
    (void)a;
    read_state *s = (read_state *)sc;
    free(s->title);
    free(s->text);
}

static const screen_ops read_ops = {
    .overlay = true,
    .draw = draw_read,
    .keys = keys_dialog,
    .key = key_read,
    .release = release_read,
};

void dialog_text(app *a, const char *title, const char *text, screen_answer on_answer, void *ctx)
{
    read_state *s = calloc(1, sizeof *s);
    char *t = strdup(title), *x = strdup(text);
    if (!s || !t || !x) {
        free(s), free(t), free(x);
        if (on_answer)
            on_answer(a, ctx, 0, NULL);
        return;
    }
    *s = (read_state){.base.ops = &read_ops, .title = t, .text = x};
    app_push(a, &s->base, on_answer, ctx, NULL);
}

void dialog_help(app *a, screen *of)
{
    char title[64];
    char *text = of->ops->help ? of->ops->help(a, of, title, sizeof title) : NULL;
    if (!text)
        return;
    dialog_text(a, title, text, NULL, NULL);
    free(text);
}

/* ---- a list to pick from --------------------------------------------------------------------- */

typedef struct {
    screen base;
    char *title; /* owned */
    field_t f;   /* a copy of the opener's: given back only when chosen */
} pick_state;

static void draw_pick(app *a, screen *sc)
{
    (void)a;
    pick_state *s = (pick_state *)sc;
    int y, x, w, h;
    frame(s->title, 70, LINES - 4, &y, &x, &w, &h);
    char filter[256], line[320];
    field_get_text(&s->f, filter, sizeof filter);
    snprintf(line, sizeof line, "Tapez pour chercher : %s", filter);
    term_text(y + 1, x + 2, w - 4, TERM_DIALOG, line);
    size_t sel = field_selected(&s->f);
    int rows = h - 4, first = 0, shown = 0, r = 0;
    for (size_t i = 0; sel != FIELD_NONE && i < s->f.noptions && i < sel; i++)
        first += field_option_matches(&s->f, i);
    first = first >= rows ? first - rows + 1 : 0;
    for (size_t i = 0; i < s->f.noptions && r < rows; i++) {
        if (!field_option_matches(&s->f, i) || shown++ < first)
            continue;
        term_text_cut(y + 3 + r, x + 2, w - 4, i == sel ? TERM_FOCUS : TERM_DIALOG,
                      s->f.options[i].label);
        r++;
    }
    confirm_hint(y, x, w, h);
    term_cursor_at(y + 1, x + 2 + 22 + (int)text_width(filter));
}

static keymap_stack keys_pick(app *a, screen *s)
{
    (void)a, (void)s;
    return KEYS_ON_PICK;
}

static unsigned key_pick(app *a, screen *sc, int key, wiz_action act)
{
    pick_state *s = (pick_state *)sc;
    size_t left_out;
    if (action_edits(act)) {
        field_result r = action_apply(&s->f, act, key, a->paste, &left_out);
        if (r == FIELD_REFUSED || r == FIELD_FULL) {
            app_say(a, TERM_WARN, "%s %s", term_symbol(TERM_SYM_WARN), field_refusal(&s->f, r));
            beep();
        }
        return SCREEN_HANDLED;
    }
    if (act == ACT_ENTER)
        return field_get_choice(&s->f) ? answer(sc, 1, &s->f) : answer(sc, 0, NULL);
    if (closes(key, act))
        return answer(sc, 0, NULL);
    return SCREEN_UNHANDLED;
}

static void release_title(app *a, screen *sc)
{
    (void)a;
    free(((pick_state *)sc)->title);
}

static const screen_ops pick_ops = {
    .overlay = true,
    .draw = draw_pick,
    .keys = keys_pick,
    .key = key_pick,
    .release = release_title,
};

void dialog_pick(app *a, const char *title, const field_t *choice, screen_answer on_answer,
                 void *ctx)
{
    pick_state *s = calloc(1, sizeof *s);
    char *t = strdup(title);
    if (!s || !t) {
        free(s), free(t);
        if (on_answer)
            on_answer(a, ctx, 0, NULL);
        return;
    }
    *s = (pick_state){.base.ops = &pick_ops, .title = t, .f = *choice};
    size_t sel = field_selected(&s->f);
    if (sel == FIELD_NONE || !field_option_matches(&s->f, sel))
        field_act(&s->f, FIELD_ACT_DOWN); /* open on the first entry found, highlighted */
    app_push(a, &s->base, on_answer, ctx, NULL);
}

/* ---- a field to fill ------------------------------------------------------------------------- */

typedef struct {
    screen base;
    char *title, *label; /* owned */
    field_t f;           /* a copy of the opener's, given back with the answer */
    dialog_check check;
    void *check_ctx; /* borrowed: the opener's */
    char error[512];
} input_state;

static void draw_input(app *a, screen *sc)
{
    (void)a;
    input_state *s = (input_state *)sc;
    int y, x, w, h, rows = s->error[0] ? wrapped_rows(s->error, 62) : 1;
    frame(s->title, 66, 6 + rows, &y, &x, &w, &h);
    int lw = term_text(y + 2, x + 2, w - 4, TERM_DIALOG, s->label) + 1;
    char view[512];
    size_t col = field_scroll(&s->f, 24);
    field_view(&s->f, 24, view, sizeof view);
    term_fill(y + 2, x + 3 + lw, 24, TERM_FOCUS);
    term_text(y + 2, x + 3 + lw, 24, TERM_FOCUS, view);
    const char *starts[8];
    size_t lens[8];
    size_t n = s->error[0] ? term_wrap(s->error, w - 4, starts, lens, 8) : 0;
    for (size_t i = 0; i < n && y + 4 + (int)i < y + h - 1; i++) {
        char line[512];
        snprintf(line, sizeof line, "%.*s", (int)lens[i], starts[i]);
        term_text(y + 4 + (int)i, x + 2, w - 4, TERM_BAD, line);
    }
    confirm_hint(y, x, w, h);
    term_cursor_at(y + 2, x + 3 + lw + (int)col);
}

static keymap_stack keys_input(app *a, screen *s)
{
    (void)a, (void)s;
    return KEYS_ON_INPUT;
}

static unsigned key_input(app *a, screen *sc, int key, wiz_action act)
{
    input_state *s = (input_state *)sc;
    field_t *fl = &s->f;
    field_result r = FIELD_NOOP;
    size_t left_out = 0;
    if (act == ACT_ENTER) {
        if (!field_validate(fl, s->error, sizeof s->error))
            return SCREEN_HANDLED;
        if (field_is_empty(fl))
            snprintf(s->error, sizeof s->error, "%s à remplir", s->label);
        else if (!s->check || s->check(a, s->check_ctx, fl, s->error, sizeof s->error))
            return answer(sc, 1, fl); /* else the dialog stays, its reason shown */
        return SCREEN_HANDLED;
    }
    if (closes(key, act))
        return answer(sc, 0, fl);
    if (!action_edits(act))
        return SCREEN_UNHANDLED;
    r = action_apply(fl, act, key, a->paste, &left_out);
    if (r == FIELD_REFUSED || r == FIELD_FULL)
        snprintf(s->error, sizeof s->error, "%s", field_refusal(fl, r));
    else if (r == FIELD_CHANGED)
        s->error[0] = '\0';
    return SCREEN_HANDLED;
}

static void release_input(app *a, screen *sc)
{
    (void)a;
    input_state *s = (input_state *)sc;
    free(s->title);
    free(s->label);
}

static const screen_ops input_ops = {
    .overlay = true,
    .draw = draw_input,
    .keys = keys_input,
    .key = key_input,
    .release = release_input,
};

void dialog_input(app *a, const char *title, const char *label, const field_t *fl,
                  dialog_check check, void *check_ctx, const char *error, screen_answer on_answer,
                  void *ctx)
{
    input_state *s = calloc(1, sizeof *s);
    char *t = strdup(title), *l = strdup(label);
    if (!s || !t || !l) {
        free(s), free(t), free(l);
        if (on_answer)
            on_answer(a, ctx, 0, fl);
        return;
    }
    *s = (input_state){.base.ops = &input_ops,
                       .title = t,
                       .label = l,
                       .f = *fl,
                       .check = check,
                       .check_ctx = check_ctx};
    if (error)
        text_sanitize(error, false, s->error, sizeof s->error);
    app_push(a, &s->base, on_answer, ctx, NULL);
}

/* ---- Ce qui manque --------------------------------------------------------------------------- */

typedef struct {
    screen base;
    const eval_result *e; /* borrowed: the session's judgement, read again at every key */
    int chosen;
    eval_missing out; /* the answer */
} missing_state;

static void draw_missing(app *a, screen *sc)
{
    (void)a;
    missing_state *s = (missing_state *)sc;
    int y, x, w, h;
    frame("Ce qui manque, par valeur", 80, (int)s->e->nmissing + 5, &y, &x, &w, &h);
    if (!s->e->nmissing)
        term_text(y + 2, x + 2, w - 4, TERM_DIALOG, "Rien : tout ce qui peut être déclaré l'est.");
    for (size_t i = 0; i < s->e->nmissing && (int)i < h - 4; i++) {
        char m[48], what[700], line[800];
        text_money(s->e->missing[i].gain_cents, m, sizeof m);
        snprintf(line, sizeof line, "%14s  %s", m,
                 eval_missing_label(&s->e->missing[i], what, sizeof what));
        term_text_cut(y + 2 + (int)i, x + 2, w - 4, (int)i == s->chosen ? TERM_FOCUS : TERM_DIALOG,
                      line);
    }
    term_text(y + h - 1, x + 2, w - 4, TERM_DIALOG, " Entrée : aller au champ · Échap : fermer ");
    term_cursor_at(y + 2 + s->chosen, x + 2);
}

static unsigned key_missing(app *a, screen *sc, int key, wiz_action act)
{
    missing_state *s = (missing_state *)sc;
    const eval_result *e = s->e = session_judge(a->doc);
    int n = (int)e->nmissing;
    if (act == ACT_DOWN && s->chosen + 1 < n)
        s->chosen++;
    else if (act == ACT_UP && s->chosen > 0)
        s->chosen--;
    else if (act == ACT_ENTER && n) {
        s->out = e->missing[s->chosen]; /* its pointers are the rules', they outlive e */
        return answer(sc, 1, &s->out);
    } else if (closes(key, act))
        return answer(sc, 0, NULL);
    return SCREEN_HANDLED;
}

static const screen_ops missing_ops = {
    .overlay = true,
    .draw = draw_missing,
    .keys = keys_dialog,
    .key = key_missing,
};

void dialog_missing(app *a, screen_answer on_answer, void *ctx)
{
    const eval_result *e = session_judge(a->doc);
    missing_state *s = e ? calloc(1, sizeof *s) : NULL;
    if (!s) {
        if (on_answer)
            on_answer(a, ctx, 0, NULL);
        return;
    }
    *s = (missing_state){.base.ops = &missing_ops, .e = e};
    app_push(a, &s->base, on_answer, ctx, NULL);
}
