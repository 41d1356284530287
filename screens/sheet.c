/* sheet: the « à reporter sur Amelipro » sheet as a screen, and recording the declaration. */
#include "sheet.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "dialog.h"
#include "fsdecl/text.h"

/* ---- writing the PDFs ------------------------------------------------------------------------ */

/* Says « what : path » of a PDF written (the home folder as « ~ »), or why it could not be. */
static void say_written(app *a, const char *what, bool ok, const char *path, const diag_list *d)
{
    const char *home = getenv("HOME");
    size_t hl = home ? strlen(home) : 0;
    bool in_home = hl && strncmp(path, home, hl) == 0 && path[hl] == '/';
    if (ok)
        app_say(a, TERM_OK, "%s %s : %s%s", term_symbol(TERM_SYM_OK), what, in_home ? "~" : "",
                in_home ? path + hl : path);
    else
        app_say(a, TERM_BAD, "%s PDF impossible : %s : %s", term_symbol(TERM_SYM_BAD),
                d->count ? d->items[0].file : path, d->count ? d->items[0].message : "erreur");
}

/* The sheet's PDF beside the recap's. A step. */
static void write_sheet_pdf(app *a, void *unused)
{
    (void)unused;
    char path[4200] = "";
    diag_list d;
    diag_init(&d);
    bool ok = session_write_sheet_pdf(a->doc, path, sizeof path, &d);
    say_written(a, "Fiche écrite", ok, path, &d);
    diag_free(&d);
}

/* The pre-filled paper form. A step. */
static void write_form_pdf(app *a, void *unused)
{
    (void)unused;
    char path[4200] = "";
    diag_list d;
    diag_init(&d);
    bool ok = session_write_pdf(a->doc, RECAP_PDF_FORM, path, sizeof path, &d);
    say_written(a, "Formulaire papier écrit", ok, path, &d);
    diag_free(&d);
}

void sheet_print_form(app *a)
{
    app_defer(a, write_form_pdf, NULL);
}

/* ---- recording the declaration --------------------------------------------------------------- */

/* One record asked at a time: the route chosen and the date as typed, kept while the date is
 * asked again after a refusal. */
static struct {
    store_route route;
    field_t date;
} flow;

static const char *const close_button[] = {"Fermer", NULL};

static void date_answered(app *a, void *ctx, int answer, const void *value);

static void ask_date(app *a, const char *error)
{
    char title[96];
    snprintf(title, sizeof title, "%s",
             flow.route == STORE_ROUTE_AMELIPRO ? "Déclarée sur Amelipro"
                                                : "Formulaire papier envoyé à la caisse");
    dialog_input(a, title, "Date (JJ/MM/AAAA) :", &flow.date, NULL, NULL, error, date_answered,
                 NULL);
}

/* The record written, or the date asked again with the session's reason. A step. */
static void record_step(app *a, void *unused)
{
    (void)unused;
    date_t on;
    if (!field_get_date(&flow.date, &on)) {
        ask_date(a, "date invalide : JJ/MM/AAAA");
        return;
    }
    store_declared rec;
    session_report r;
    diag_list warnings, d;
    diag_init(&warnings);
    diag_init(&d);
    session_outcome o = session_record_declared(a->doc, flow.route, &on, &rec, &warnings, &r, &d);
    if (o == SESSION_OK) {
        char words[160];
        session_declared_words(&rec, false, words, sizeof words);
        if (warnings.count)
            app_say(a, TERM_WARN, "%s Noté : %s ; %s", term_symbol(TERM_SYM_WARN), words,
                    warnings.items[0].message);
        else
            app_say(a, TERM_OK, "%s Noté : %s.", term_symbol(TERM_SYM_OK), words);
    } else {
        char why[1024];
        char *explained = session_explain(&r);
        snprintf(why, sizeof why, "%s%s%s", explained ? explained : "erreur", d.count ? " : " : "",
                 d.count ? d.items[0].message : "");
        free(explained);
        ask_date(a, why);
    }
    diag_free(&warnings);
    diag_free(&d);
}

static void date_answered(app *a, void *ctx, int answer, const void *value)
{
    (void)ctx;
    if (answer != 1 || !value)
        return;
    flow.date = *(const field_t *)value;
    app_defer(a, record_step, NULL);
}

/* The last record removed. A step. */
static void undo_step(app *a, void *unused)
{
    (void)unused;
    store_declared removed;
    session_report r;
    diag_list d;
    diag_init(&d);
    session_outcome o = session_undo_declared(a->doc, &removed, &r, &d);
    if (o == SESSION_OK) {
        char words[160];
        session_declared_words(&removed, false, words, sizeof words);
        app_say(a, TERM_OK, "%s Mention effacée : %s.", term_symbol(TERM_SYM_OK), words);
    } else {
        char text[1024];
        char *why = session_explain(&r);
        snprintf(text, sizeof text, "Mention non effacée : %s%s%s.", why ? why : "erreur",
                 d.count ? " : " : "", d.count ? d.items[0].message : "");
        free(why);
        dialog_ask(a, "Déclaration", text, close_button, 0, NULL, NULL);
    }
    diag_free(&d);
}

static void undo_answered(app *a, void *ctx, int answer, const void *value)
{
    (void)ctx, (void)value;
    if (answer == 0)
        app_defer(a, undo_step, NULL);
}

static void route_answered(app *a, void *ctx, int answer, const void *value)
{
    (void)value;
    bool declared = ctx != NULL;
    if (answer == 0 || answer == 1) {
        flow.route = answer == 0 ? STORE_ROUTE_AMELIPRO : STORE_ROUTE_PAPER;
        field_init_date(&flow.date);
        field_set_date(&flow.date, session_today(a->s));
        ask_date(a, NULL);
    } else if (answer == 2 && declared) {
        static const char *const buttons[] = {"Effacer la mention", "Annuler", NULL};
        char words[160], text[400];
        store_declared last;
        bool any;
        session_doc_state_words(a->doc, &any, &last, words, sizeof words);
        if (!any)
            return;
        session_declared_words(&last, false, words, sizeof words);
        snprintf(text, sizeof text,
                 "Effacer la mention « %s » ? Elle est fausse si cette version n'a pas été "
                 "déclarée ce jour-là par ce moyen.",
                 words);
        dialog_ask(a, "Effacer la mention", text, buttons, 1, undo_answered, NULL);
    }
}

void sheet_record(app *a)
{
    int version = a->doc->since_read ? a->doc->since.number : 0;
    if (version == 0) {
        dialog_ask(a, "Noter la déclaration",
                   "Aucune version n'est finalisée : finalisez d'abord une version (onglet "
                   "Attestation), puis déclarez-la sur Amelipro ou par le formulaire papier, et "
                   "notez-le ici.",
                   close_button, 0, NULL, NULL);
        return;
    }
    static const char *const routes[] = {"Sur Amelipro", "Formulaire papier envoyé", "Annuler",
                                         NULL};
    static const char *const routes_undo[] = {"Sur Amelipro", "Formulaire papier envoyé",
                                              "Effacer la mention", "Annuler", NULL};
    char words[160], text[800], when[64];
    bool declared;
    session_doc_state_words(a->doc, &declared, NULL, words, sizeof words);
    date_stamp_fr(a->doc->since.date, when, sizeof when);
    snprintf(text, sizeof text,
             "Version %d finalisée le %s. fsdecl n'envoie rien : notez ici comment vous l'avez "
             "déclarée, sur Amelipro ou par le formulaire papier envoyé à votre caisse.%s%s%s",
             version, when, declared ? " Déjà noté : « " : "", declared ? words : "",
             declared ? " »." : "");
    dialog_ask(a, "Noter la déclaration", text, declared ? routes_undo : routes, 0, route_answered,
               declared ? (void *)a : NULL);
}

/* ---- the sheet's screen ---------------------------------------------------------------------- */

typedef struct {
    const char *start;
    size_t len;
    int indent;
} sheet_line;

typedef struct {
    screen base;
    char *text; /* owned: the core's sheet as text, or why there is none */
    sheet_line *lines;
    size_t nlines;
    int width; /* the width the lines were wrapped to */
    int top;   /* the first line shown */
} sheet_state;

static const screen_ops sheet_ops;

/* The text wrapped to width columns, each line's indent kept on its continuation lines. */
static void wrap(sheet_state *s, int width)
{
    free(s->lines);
    s->nlines = 0;
    s->width = width;
    size_t cap = strlen(s->text) + 2;
    s->lines = malloc(cap * sizeof *s->lines);
    const char **starts = malloc(cap * sizeof *starts);
    size_t *lens = malloc(cap * sizeof *lens);
    if (!s->lines || !starts || !lens) {
        free(starts), free(lens);
        return;
    }
    char *copy = NULL;
    for (const char *p = s->text; *p;) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        int indent = (int)strspn(p, " ");
        int hang = strncmp(p + indent, "- ", 2) == 0 ? 2 : 0; /* an item's lines under its text */
        indent = indent + hang > width / 2 ? 0 : indent;
        hang = indent ? hang : 0;
        free(copy);
        copy = strndup(p + indent, len - (size_t)indent);
        size_t n = copy ? term_wrap(copy, width - indent - hang, starts, lens, cap - s->nlines) : 0;
        if (!n && s->nlines < cap) /* an empty line */
            s->lines[s->nlines++] = (sheet_line){p, 0, 0};
        for (size_t i = 0; i < n && s->nlines < cap; i++)
            s->lines[s->nlines++] = (sheet_line){p + indent + (size_t)(starts[i] - copy), lens[i],
                                                 indent + (i ? hang : 0)};
        p += len + (eol ? 1 : 0);
    }
    free(copy);
    free(starts);
    free(lens);
}

/* The sheet read again from the declaration (a record may have changed what it says). */
static void reload(app *a, sheet_state *s)
{
    diag_list d;
    diag_init(&d);
    char *text = session_sheet_text(a->doc, &d);
    if (!text) {
        char why[600];
        snprintf(why, sizeof why, "Fiche impossible : %s",
                 d.count ? d.items[0].message : "raison inconnue");
        text = strdup(why);
    }
    diag_free(&d);
    if (text) {
        free(s->text);
        s->text = text;
        s->width = 0; /* wrapped again when drawn */
    }
}

static int body_rows(void)
{
    return LINES - 4;
}

static void draw_sheet(app *a, screen *sc)
{
    sheet_state *s = (sheet_state *)sc;
    int width = COLS - 2;
    if (s->width != width)
        wrap(s, width);
    int rows = body_rows();
    int last = (int)s->nlines - rows;
    s->top = s->top > last ? last : s->top;
    s->top = s->top < 0 ? 0 : s->top;
    char t[512];
    snprintf(t, sizeof t, " fsdecl %s À reporter sur Amelipro %s %s", term_symbol(TERM_SYM_SEP),
             term_symbol(TERM_SYM_SEP), a->doc->name);
    term_fill(0, 0, COLS, TERM_TITLE);
    term_text_cut(0, 0, COLS, TERM_TITLE, t);
    for (int r = 0; r < rows && (size_t)(s->top + r) < s->nlines; r++) {
        const sheet_line *l = &s->lines[s->top + r];
        char line[1024];
        snprintf(line, sizeof line, "%.*s", (int)l->len, l->start);
        term_text(1 + r, 1 + l->indent, width - l->indent, TERM_NORMAL, line);
    }
    term_hline(LINES - 3, 0, COLS);
    char where[64];
    snprintf(where, sizeof where, " lignes %d à %d sur %zu ", s->nlines ? s->top + 1 : 0,
             s->top + rows < (int)s->nlines ? s->top + rows : (int)s->nlines, s->nlines);
    term_text_right(LINES - 3, 0, COLS - 1, TERM_DIM, where);
    if (a->message[0])
        term_text_cut(LINES - 2, 0, COLS, a->message_style, a->message);
    static const wiz_action shown[] = {ACT_HELP,  ACT_SHEET_PDF, ACT_DECLARED,
                                       ACT_CLOSE, ACT_PAGE_DOWN, ACT_PAGE_UP};
    char foot[512];
    keymap_footer(KEYS_ON_SHEET, shown, sizeof shown / sizeof shown[0], COLS - 1, foot,
                  sizeof foot);
    term_text(LINES - 1, 0, COLS, TERM_KEY, foot);
    if (!app_covered(a))
        term_cursor_hide();
}

static keymap_stack keys_sheet(app *a, screen *sc)
{
    (void)a, (void)sc;
    return KEYS_ON_SHEET;
}

static unsigned key_sheet(app *a, screen *sc, int key, wiz_action act)
{
    sheet_state *s = (sheet_state *)sc;
    int page = body_rows() > 2 ? body_rows() - 1 : 1;
    if (key == APP_KEY_EXIT || key == APP_KEY_END)
        return SCREEN_CLOSE; /* the declaration below then saves, or leaves */
    switch (act) {
    case ACT_UP: s->top--; break;
    case ACT_DOWN: s->top++; break;
    case ACT_PAGE_UP: s->top -= page; break;
    case ACT_PAGE_DOWN: s->top += page; break;
    case ACT_SHEET_PDF: app_defer(a, write_sheet_pdf, NULL); break;
    case ACT_DECLARED: sheet_record(a); break;
    case ACT_HELP: dialog_help(a, sc); break;
    case ACT_CLOSE:
    case ACT_QUIT:
    case ACT_INTERRUPT: return SCREEN_CLOSE;
    default: return SCREEN_UNHANDLED;
    }
    s->top = s->top < 0 ? 0 : s->top; /* the end is kept in view when drawn */
    return SCREEN_HANDLED;
}

/* A record changes what the sheet says of the version. */
static void resume_sheet(app *a, screen *sc)
{
    reload(a, (sheet_state *)sc);
}

static char *help_sheet(app *a, screen *sc, char *title, size_t size)
{
    (void)a, (void)sc;
    enum { CAP = 16384 };
    char *text = malloc(CAP);
    if (!text)
        return NULL;
    size_t n = (size_t)snprintf(
        text, CAP,
        "Ce qu'il faut reporter sur Amelipro (« Ma convention » › « Déclarer mes indicateurs »), "
        "écran par écran : fsdecl n'envoie rien à l'Assurance Maladie. Une fois la version "
        "déclarée, notez-le (F8).\n\nTouches :");
    char lines[96][160];
    size_t k = keymap_help_lines(lines, 96);
    for (size_t i = 0; i < k && n < CAP - 200; i++)
        n += (size_t)snprintf(text + n, CAP - n, "\n%s", lines[i]);
    snprintf(title, size, "Aide de la fiche Amelipro");
    return text;
}

static void release_sheet(app *a, screen *sc)
{
    (void)a;
    sheet_state *s = (sheet_state *)sc;
    free(s->text);
    free(s->lines);
}

static const screen_ops sheet_ops = {
    .draw = draw_sheet,
    .keys = keys_sheet,
    .key = key_sheet,
    .resume = resume_sheet,
    .help = help_sheet,
    .release = release_sheet,
};

void sheet_open(app *a)
{
    sheet_state *s = calloc(1, sizeof *s);
    if (!s) {
        app_say(a, TERM_BAD, "%s Mémoire insuffisante.", term_symbol(TERM_SYM_BAD));
        return;
    }
    s->base.ops = &sheet_ops;
    reload(a, s);
    if (!s->text) {
        free(s);
        app_say(a, TERM_BAD, "%s Mémoire insuffisante.", term_symbol(TERM_SYM_BAD));
        return;
    }
    app_push(a, &s->base, NULL, NULL, NULL);
}
