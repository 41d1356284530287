/* frame: the declaration's frame: title, tabs, the current tab's form, status, message line,
 * footer. */
#include "frame.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "actions.h"
#include "fsdecl/text.h"
#include "tabs.h"
#include "typing.h"

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

/* « · modifiée depuis la version 2 » when the declaration, saved or not, is no longer the text of
 * its last finalised version; "" when it is, or when it has none. */
static void since_text(app *a, bool brief, char *buf, size_t size)
{
    const session_doc *doc = a->doc;
    buf[0] = '\0';
    if (!doc->since_read || doc->since.number <= 0 || (doc->since_same && !session_unsaved(doc)))
        return;
    snprintf(buf, size, brief ? " %s modifiée depuis v%d" : " %s modifiée depuis la version %d",
             term_symbol(TERM_SYM_SEP), doc->since.number);
}

static void draw_status(app *a, int y)
{
    const eval_result *e = session_judge(a->doc);
    char pts[96], eur[96], state[200], line[512];
    term_fill(y, 0, COLS, TERM_STATUS);
    term_fill(y + 1, 0, COLS, TERM_STATUS);
    if (!e) {
        term_text(y, 1, COLS - 1, TERM_STATUS, "Règles de la campagne introuvables");
        return;
    }
    range_text(e->min_tenths, e->max_tenths, false, pts, sizeof pts);
    range_text(e->min_cents, e->max_cents, true, eur, sizeof eur);
    snprintf(line, sizeof line, " Total : %s pts = %s %s ", pts, eur, term_symbol(TERM_SYM_SEP));
    char since[96];
    draft_state(a, false, state, sizeof state);
    since_text(a, false, since, sizeof since);
    if ((int)(text_width(line) + text_width(state) + text_width(since)) >= COLS)
        draft_state(a, true, state, sizeof state);
    if ((int)(text_width(line) + text_width(state) + text_width(since)) >= COLS)
        since_text(a, true, since, sizeof since);
    bool declared; /* a version recorded as declared: said after the draft's state, or instead */
    char words[160], both[200];
    session_doc_state_words(a->doc, &declared, NULL, words, sizeof words);
    snprintf(both, sizeof both, "%.90s %s %.100s", state, term_symbol(TERM_SYM_SEP), words);
    if (declared) /* the words say a change since: « v1 déclarée, brouillon modifié depuis » */
        since[0] = '\0';
    if (declared && (int)(text_width(line) + text_width(both)) < COLS)
        snprintf(state, sizeof state, "%s", both);
    else if (declared && !session_unsaved(a->doc))
        snprintf(state, sizeof state, "%s", words);
    strncat(line, state, sizeof line - strlen(line) - 1);
    strncat(line, since, sizeof line - strlen(line) - 1);
    term_text_cut(y, 0, COLS, TERM_STATUS, line);
    gate_text(a, e, line, sizeof line);
    term_text(y + 1, 1, COLS - 1, TERM_STATUS, line);
}

static void draw_footer(app *a, int y)
{
    /* the tabs' keys before the sheet's: at 80 columns the footer keeps how to move */
    static const wiz_action shown[] = {ACT_HELP,     ACT_SAVE,     ACT_MISSING,
                                       ACT_QUIT,     ACT_GOTO_TAB, ACT_SHEET,
                                       ACT_DECLARED, ACT_NEXT_TAB, ACT_NEXT};
    char foot[512];
    keymap_footer(KEYS_ON_FORM, shown, sizeof shown / sizeof shown[0], COLS - 1, foot, sizeof foot);
    term_text(y, 0, COLS, TERM_KEY, foot);
    if (a->message[0])
        term_text_cut(y - 1, 0, COLS, a->message_style, a->message);
}

/* What the strip's symbols mean, in words, at the right of the line under it. */
static void draw_legend(void)
{
    char legend[160];
    snprintf(legend, sizeof legend, " %s complet  %s à corriger  %s à faire ",
             term_symbol(TERM_SYM_OK), term_symbol(TERM_SYM_BAD), term_symbol(TERM_SYM_TODO));
    term_text_right(2, 0, COLS - 1, TERM_DIM, legend);
}

void frame_draw(app *a)
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
    draw_footer(a, LINES - 1);
    if (f->cursor_y >= 0 && !app_covered(a))
        term_cursor_at(f->cursor_y, f->cursor_x);
    else if (!app_covered(a))
        term_cursor_hide();
}
