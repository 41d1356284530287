/* home: the first screen: the campaign of the day, the declarations in the store, and the choices
 * to continue one, open it read-only, or start a new one; a recovery offered as vim offers a swap
 * file. */
#include "home.h"

#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "actions.h"
#include "dialog.h"
#include "declaration.h"
#include "fsdecl/ident.h"
#include "fsdecl/text.h"
#include "typing.h"

/* The home screen's state, on home_run's stack (home_open_arg's, for fsdecl edit). */
struct home_state {
    session_home home; /* the campaign of the day and the drafts */
    int chosen;
};

static void reload(app *a)
{
    home_state *H = a->home;
    session_home_free(&H->home);
    session_home_read(a->s, &H->home);
    if (H->chosen >= (int)H->home.n)
        H->chosen = H->home.n ? (int)H->home.n - 1 : 0;
}

/* "Campagne 2025 : saisie ouverte jusqu'au 31/01/2026, encore 42 jours". */
static void campaign_line(app *a, char *buf, size_t size)
{
    const session_home *c = &a->home->home;
    if (!c->year) {
        snprintf(buf, size, "Aucune campagne trouvée : fsdecl rules dit où il les cherche.");
        return;
    }
    date_t today = session_today(a->s);
    char o[16], cl[16];
    date_format_fr(c->opens, o, sizeof o);
    if (c->has_closes)
        date_format_fr(c->closes, cl, sizeof cl);
    long left = c->has_closes ? date_to_days(c->closes) - date_to_days(today) : 0;
    if (date_cmp(today, c->opens) < 0)
        snprintf(buf, size, "Campagne %d : la saisie ouvre %sle %s", c->year,
                 c->opens_approximate ? "vers " : "", o);
    else if (!c->has_closes)
        snprintf(buf, size, "Campagne %d : saisie ouverte depuis le %s, clôture non annoncée",
                 c->year, o);
    else if (left >= 0 && c->closes_inferred) /* no count of days left against a guess */
        snprintf(buf, size, "Campagne %d : saisie ouverte, clôture probable le %s (non publiée)",
                 c->year, cl);
    else if (left >= 0)
        snprintf(buf, size, "Campagne %d : saisie ouverte jusqu'au %s à minuit, encore %ld jour%s",
                 c->year, cl, left + 1, left + 1 > 1 ? "s" : "");
    else
        snprintf(buf, size, "Campagne %d : saisie close depuis le %s%s", c->year, cl,
                 c->closes_inferred ? " (date probable, non publiée)" : "");
}

/* Appends text to buf padded with spaces to width columns (text_width), then two spaces. */
static void column(char *buf, size_t size, const char *text, int width, bool right)
{
    size_t n = strlen(buf);
    int pad = width - (int)text_width(text);
    pad = pad > 0 ? pad : 0;
    if (right)
        snprintf(buf + n, size - n, "%*s%s  ", pad, "", text);
    else
        snprintf(buf + n, size - n, "%s%*s  ", text, pad, "");
}

/* Cuts buf (sanitised text) to width columns, its end shown as « … » when it was longer. */
static void cut_to_width(char *buf, size_t size, int width)
{
    if ((int)text_width(buf) <= width)
        return;
    size_t at = 0;
    int used = 0;
    for (;;) {
        uint32_t cp;
        size_t len = text_utf8_decode(buf + at, &cp);
        int w = text_cp_width(cp);
        if (!buf[at] || !len || used + w > width - 1)
            break;
        used += w;
        at += len;
    }
    snprintf(buf + at, size - at, "…");
}

/* One draft a line; the points and the full date only when the screen is wide enough. */
static void draft_row(const session_summary *s, char *buf, size_t size)
{
    bool wide = COLS >= 110;
    char pts[64] = "", eur[64] = "-", lo[32], hi[32], when[32], year[8], who[64];
    if (s->state == SESSION_DRAFT_JUDGED || s->state == SESSION_DRAFT_CLOSED) {
        text_points(s->min_tenths, lo, sizeof lo);
        text_points(s->max_tenths, hi, sizeof hi);
        snprintf(pts, sizeof pts, s->min_tenths == s->max_tenths ? "%s pts" : "%s-%s pts", lo, hi);
        text_money(s->max_cents, eur, sizeof eur);
    }
    struct tm tm;
    localtime_r(&s->entry.saved, &tm);
    strftime(when, sizeof when, wide ? "%d/%m/%Y %H:%M" : "%d/%m", &tm);
    const char *state = s->entry.has_recovery                  ? "à récupérer"
                        : s->state == SESSION_DRAFT_UNREADABLE ? "illisible"
                        : s->state == SESSION_DRAFT_NO_RULES   ? "sans règles"
                        : s->state == SESSION_DRAFT_CLOSED     ? "close"
                        : s->nblocking                         ? "à compléter"
                                                               : "complète";
    text_sanitize(s->who[0] && s->who[0] != ' ' ? s->who : "(sans nom)", false, who, sizeof who);
    cut_to_width(who, sizeof who, wide ? 18 : 14);
    snprintf(year, sizeof year, "%d", s->entry.year);
    buf[0] = '\0';
    column(buf, size, year, 4, false);
    column(buf, size, who, wide ? 18 : 14, false); /* at 80 columns, « v1 modifiée » still fits */
    column(buf, size, s->entry.rpps, 11, false);
    column(buf, size, state, 11, false);
    if (wide)
        column(buf, size, pts, 13, true);
    column(buf, size, eur, 10, true);
    column(buf, size, when, wide ? 16 : 5, false);
    size_t n = strlen(buf);
    if (s->entry.versions) /* the last version finalised, and whether the draft changed since */
        snprintf(buf + n, size - n, "v%d%s", s->entry.versions, s->changed ? " modifiée" : "");
}

static void home_draw(app *a)
{
    char line[512];
    snprintf(line, sizeof line, " fsdecl %s %s", term_symbol(TERM_SYM_SEP),
             a->home->home.year ? a->home->home.title : "déclaration annuelle");
    term_fill(0, 0, COLS, TERM_TITLE);
    term_text(0, 0, COLS, TERM_TITLE, line);
    campaign_line(a, line, sizeof line);
    term_text(2, 1, COLS - 2, TERM_HEADING, line);
    snprintf(line, sizeof line, "Vos déclarations (%zu)", a->home->home.n);
    term_text(4, 1, COLS - 2, TERM_HEADING, line);
    if (a->home->home.problem[0])
        term_text(5, 1, COLS - 2, TERM_BAD, a->home->home.problem);
    if (!a->home->home.n)
        term_text(6, 3, COLS - 4, TERM_DIM,
                  "Aucune déclaration pour l'instant : n pour en créer une.");
    int rows = LINES - 9, first = a->home->chosen >= rows ? a->home->chosen - rows + 1 : 0;
    for (int i = first; i < (int)a->home->home.n && i - first < rows; i++) {
        draft_row(&a->home->home.drafts[i], line, sizeof line);
        term_text(6 + i - first, 1, COLS - 2, i == a->home->chosen ? TERM_FOCUS : TERM_NORMAL,
                  line);
    }
    static const wiz_action shown[] = {ACT_HELP, ACT_QUIT, ACT_NEXT,
                                       ACT_OPEN, ACT_NEW,  ACT_READ_ONLY};
    char foot[512];
    keymap_footer(KEYS_ON_HOME, shown, sizeof shown / sizeof shown[0], COLS - 1, foot, sizeof foot);
    term_text(LINES - 1, 0, COLS, TERM_KEY, foot);
    if (a->message[0])
        term_text_cut(LINES - 2, 0, COLS, a->message_style, a->message);
    if (a->home->home.n && !a->overlay)
        term_cursor_at(6 + a->home->chosen - first, 1);
    else if (!a->overlay)
        term_cursor_hide();
}

/* ---- opening --------------------------------------------------------------------------------- */

static void run_doc(app *a, session_doc *doc, const session_report *r)
{
    a->doc = doc;
    a->saved_at[0] = '\0';
    a->recommit_said = 0;
    form_reset(&a->form);
    a->form.focus = -1;
    if (doc->read_only && r->outcome == SESSION_READ_ONLY) { /* the user's own choice */
        app_say(a, TERM_WARN, "%s Lecture seule, comme demandé : rien n'y sera modifié.",
                term_symbol(TERM_SYM_WARN));
    } else if (doc->read_only) {
        char *why = session_explain(r);
        app_say(a, TERM_WARN, "%s Lecture seule : %s.", term_symbol(TERM_SYM_WARN), why ? why : "");
        free(why);
    } else {
        a->message[0] = '\0';
    }
    declaration_run(a);
    a->draw = home_draw;
    typing_forget(a);
    form_free(&a->form);
    a->message[0] = '\0'; /* what was said was about the declaration left */
    session_close(doc);
    a->doc = NULL;
}

/* The recovery question; the flags to open with, or -1 to stay on the home screen. */
static int ask_recovery(app *a, const char *name, const store_recovery *rec)
{
    static const char *const buttons[] = {"Récupérer", "Ouvrir la dernière version enregistrée",
                                          "Supprimer", "Annuler", NULL};
    char text[800];
    snprintf(text, sizeof text,
             "Du travail non enregistré a été laissé sur %s par le processus %ld sur %s "
             "(sauvegarde automatique du %s). Récupérer le reprend ; Ouvrir montre la dernière "
             "version enregistrée en lecture seule, sans rien perdre ; Supprimer l'abandonne.",
             name, rec->pid, rec->host[0] ? rec->host : "une machine inconnue",
             rec->saved[0] ? rec->saved : "?");
    int c = dialog_ask(a, "Récupération", text, buttons, 0);
    if (c == 0)
        return SESSION_OPEN_RECOVERY;
    if (c == 1)
        return SESSION_OPEN_READ_ONLY;
    if (c != 2)
        return -1;
    session_report r;
    diag_list d;
    diag_init(&d);
    session_recover(a->s, name, true, &r, &d);
    diag_free(&d);
    return 0;
}

/* Adds to why (when there is one: fsdecl edit) the reasons d gives from index from on, else the
 * sentence said. */
static void pass_on(diag_list *why, const diag_list *d, size_t from, const char *name,
                    const char *said)
{
    if (!why)
        return;
    for (size_t i = from; i < d->count; i++)
        diag_add(why, d->items[i].file, d->items[i].line, "%s", d->items[i].message);
    if (d->count <= from)
        diag_add(why, name, 0, "%s", said);
}

/* A declaration just opened whose campaign's rules cannot be read: not shown (every screen is
 * drawn from its rules); the core's reasons are. */
static bool refuse_without_rules(app *a, session_doc *doc, diag_list *d, diag_list *why)
{
    session_report r;
    size_t before = d->count;
    if (session_need_rules(doc, &r, d) == SESSION_OK)
        return false;
    char *explained = session_explain(&r), text[1600], reason[1200] = "";
    if (d->count > before) {
        char raw[1200];
        snprintf(raw, sizeof raw, "%s : %s", d->items[before].file, d->items[before].message);
        text_sanitize(raw, false, reason, sizeof reason);
    }
    snprintf(text, sizeof text, "La déclaration %s n'est pas ouverte : %s.\n%s", doc->name,
             explained ? explained : "", reason);
    if (why)
        diag_add(why, doc->name, 0, "la déclaration n'est pas ouverte : %s",
                 explained ? explained : "mémoire insuffisante");
    pass_on(why, d, before, doc->name, "");
    free(explained);
    static const char *const ok[] = {"OK", NULL};
    dialog_ask(a, "Ouverture impossible", text, ok, 0);
    session_close(doc);
    return true;
}

/* Runs a declaration just opened, or says why it could not be (in why too, when there is one). */
static bool run_opened(app *a, session_doc *doc, session_report *r, diag_list *d, diag_list *why)
{
    if (doc && refuse_without_rules(a, doc, d, why))
        return false;
    if (doc) {
        run_doc(a, doc, r);
        return true;
    }
    char *explained = d->count ? NULL : session_explain(r);
    app_say(a, TERM_BAD, "%s %s", term_symbol(TERM_SYM_BAD),
            d->count    ? d->items[0].message
            : explained ? explained
                        : "ouverture impossible");
    pass_on(why, d, 0, r->name[0] ? r->name : "fsdecl",
            explained ? explained : "ouverture impossible");
    free(explained);
    return false;
}

/* false when the draft could not be opened (not when the user chose not to). */
static bool open_name(app *a, const char *name, unsigned flags, diag_list *why)
{
    diag_list d;
    diag_init(&d);
    const store_t *st = session_store(a->s, &d);
    store_recovery rec = st ? store_recovery_status(st, name) : (store_recovery){0};
    if (rec.exists && rec.newer_than_draft && !rec.owner_alive &&
        !(flags & SESSION_OPEN_READ_ONLY)) {
        int f = ask_recovery(a, name, &rec);
        if (f < 0) {
            diag_free(&d);
            return true;
        }
        flags |= (unsigned)f;
    }
    session_report r;
    bool opened = run_opened(a, session_open(a->s, name, flags, &r, &d), &r, &d, why);
    diag_free(&d);
    return opened;
}

bool home_open_arg(app *a, const char *arg, diag_list *why)
{
    home_state empty = {0}; /* drawn under a refusal: no draft listed */
    a->home = &empty;
    a->draw = home_draw;
    bool opened;
    if (store_name_valid(arg)) {
        opened = open_name(a, arg, 0, why);
    } else {
        diag_list d;
        diag_init(&d);
        session_report r;
        opened = run_opened(a, session_import(a->s, arg, &r, &d), &r, &d, why);
        diag_free(&d);
    }
    a->home = NULL;
    return opened;
}

/* ---- a new declaration ----------------------------------------------------------------------- */

static void show_carry_report(app *a, const carry_report *rep, int year)
{
    size_t cap = 8192, n = 0;
    char *text = malloc(cap);
    if (!text)
        return;
    n += (size_t)snprintf(text, cap, "Repris de la déclaration %d :", year - 1);
    for (size_t i = 0; i < rep->ncarried && n < cap - 600; i++)
        n += (size_t)snprintf(text + n, cap - n, "\n- %s", rep->carried[i]);
    n += (size_t)snprintf(text + n, cap - n, "\n\nÀ vérifier :");
    for (size_t i = 0; i < rep->ncheck && n < cap - 600; i++)
        n += (size_t)snprintf(text + n, cap - n, "\n- %s", rep->check[i]);
    dialog_text(a, "Déclaration reprise", text);
    free(text);
}

/* An RPPS the store can name a draft after: its check digit right, or at least 11 digits. */
static bool rpps_typed(app *a, const field_t *fl, char *why, size_t size)
{
    (void)a;
    char value[32];
    field_get_text(fl, value, sizeof value);
    if (ident_check_rpps(value) == IDENT_OK ||
        (strlen(value) == 11 && strspn(value, "0123456789") == 11))
        return true;
    snprintf(why, size, "%s", ident_message(ident_check_rpps(value), "RPPS"));
    return false;
}

/* Creates the declaration of rpps (carried from the year before if the user wants) and runs it;
 * false with the reason in why when the session refuses it. */
static bool create(app *a, int year, const char *rpps, const char *title, char *why, size_t size)
{
    bool carry = false;
    if (session_draft_exists(a->s, year - 1, rpps)) {
        static const char *const b[] = {"Reprendre", "Partir de zéro", NULL};
        carry = dialog_ask(a, title,
                           "Une déclaration de l'année précédente existe : la "
                           "reprendre (identité, logiciel, réponses déclaratives) ?",
                           b, 0) == 0;
    }
    carry_report rep;
    session_report r;
    diag_list d;
    diag_init(&d);
    session_doc *doc = session_create(a->s, year, rpps, !carry, &rep, &r, &d);
    if (!doc) {
        char *explained = session_explain(&r);
        snprintf(why, size, "%s%s%s", explained ? explained : "création impossible",
                 d.count ? " : " : "", d.count ? d.items[0].message : "");
        free(explained);
    } else {
        if (rep.ncarried)
            show_carry_report(a, &rep, year);
        run_doc(a, doc, &r);
    }
    carry_report_free(&rep);
    diag_free(&d);
    return doc != NULL;
}

/* The RPPS a new declaration starts with: the one every draft of the store has, when it is one
 * doctor's and its key is right; otherwise none (a caisse's store holds many doctors: another's
 * number is never offered). */
static void rpps_offered(const app *a, field_t *rpps)
{
    const session_home *h = &a->home->home;
    for (size_t i = 1; i < h->n; i++)
        if (strcmp(h->drafts[i].entry.rpps, h->drafts[0].entry.rpps) != 0)
            return;
    if (h->n && ident_check_rpps(h->drafts[0].entry.rpps) == IDENT_OK)
        field_set_text(rpps, h->drafts[0].entry.rpps);
}

/* An RPPS of 11 digits whose key is wrong is most likely mistyped, and it names the declaration
 * for good: kept only when the user says it is right. */
static bool rpps_confirmed(app *a, const char *title, const char *value)
{
    if (ident_check_rpps(value) != IDENT_BAD_KEY)
        return true;
    static const char *const b[] = {"Corriger", "Il est juste : le garder", NULL};
    char text[400];
    snprintf(text, sizeof text,
             "La clé du numéro RPPS %s est incorrecte : il est sans doute mal tapé. Il nommera "
             "la déclaration, et ne pourra plus être changé ensuite.",
             value);
    return dialog_ask(a, title, text, b, 0) == 1;
}

static void new_declaration(app *a)
{
    int year = session_current_year(a->s);
    field_t rpps;
    const char *chars;
    size_t length;
    if (!ident_shape("RPPS", &chars, &length))
        return;
    field_init_text(&rpps, length, length);
    field_restrict(&rpps, chars);
    rpps_offered(a, &rpps);
    char title[64];
    snprintf(title, sizeof title, "Nouvelle déclaration %d", year);
    char value[32], refused[512] = "";
    for (;;) {
        if (!dialog_input(a, title, "N° RPPS du praticien (11 chiffres) :", &rpps, rpps_typed,
                          refused))
            return;
        field_get_text(&rpps, value, sizeof value);
        refused[0] = '\0';
        if (!rpps_confirmed(a, title, value))
            continue;
        if (create(a, year, value, title, refused, sizeof refused))
            return;
        /* refused: the dialog again, with the reason, so that no key reaches the list below */
    }
}

/* ---- the loop -------------------------------------------------------------------------------- */

static void help(app *a)
{
    char lines[96][160], *text = malloc(16384);
    if (!text)
        return;
    size_t k = keymap_help_lines(lines, 96), n = 0;
    n += (size_t)snprintf(text, 16384, "Touches :");
    for (size_t i = 0; i < k && n < 16000; i++)
        n += (size_t)snprintf(text + n, 16384 - n, "\n%s", lines[i]);
    dialog_text(a, "Aide", text);
    free(text);
}

void home_run(app *a)
{
    home_state state = {0};
    a->home = &state;
    a->draw = home_draw;
    reload(a);
    if (!a->home->home.n && !a->home->home.problem[0]) {
        new_declaration(a);
        reload(a);
    }
    while (!a->quit) {
        int key = app_next_key(a);
        wiz_action act = keymap_resolve(KEYS_ON_HOME, key);
        if (key == APP_KEY_EXIT || key == APP_KEY_END)
            break;
        if (act == ACT_NONE)
            app_no_effect(a, key);
        else if (act == ACT_NEXT && a->home->chosen + 1 < (int)a->home->home.n)
            a->home->chosen++;
        else if (act == ACT_PREV && a->home->chosen > 0)
            a->home->chosen--;
        else if ((act == ACT_OPEN || act == ACT_READ_ONLY) && a->home->home.n)
            open_name(a, a->home->home.drafts[a->home->chosen].entry.name,
                      act == ACT_READ_ONLY ? SESSION_OPEN_READ_ONLY : 0, NULL);
        else if (act == ACT_NEW)
            new_declaration(a);
        else if (act == ACT_HELP)
            help(a);
        else if (act == ACT_QUIT || act == ACT_INTERRUPT)
            break;
        if (act == ACT_OPEN || act == ACT_READ_ONLY || act == ACT_NEW)
            reload(a);
    }
    session_home_free(&state.home);
    a->home = NULL;
}
