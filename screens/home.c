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
#include "home_drafts.h"
#include "typing.h"

enum { HOME_MAX_CAMPAIGNS = 64 };

/* The home screen: a screen on the app's stack, at its bottom. */
typedef struct {
    screen base;
    session_home home; /* owned: the campaign shown and the drafts of every campaign */
    /* the campaign chosen with c, whose drafts only are listed; 0: the campaign of the day, shown
     * with the drafts of every campaign (the year column says each one's) */
    int year;
    size_t *shown; /* owned: the indexes in home.drafts of the drafts listed */
    size_t nshown;
    int chosen; /* in shown */
    /* the campaigns offered by c: the pick list borrows them while it is open */
    field_option campaigns[HOME_MAX_CAMPAIGNS];
    char campaign_ids[HOME_MAX_CAMPAIGNS][8];
    char campaign_labels[HOME_MAX_CAMPAIGNS][320];
    char select[STORE_NAME_MAX]; /* a draft renamed or restored: chosen once the store is read */
    bool stale; /* a flow that may change the store is under way: read again when it is over */
    bool edit;  /* fsdecl edit: only the ground under one declaration, closed with it */
} home_state;

static void reload(app *a, home_state *H)
{
    session_home_free(&H->home);
    free(H->shown);
    H->nshown = 0;
    session_home_read_campaign(a->s, H->year, &H->home);
    H->shown = malloc((H->home.n ? H->home.n : 1) * sizeof *H->shown);
    for (size_t i = 0; H->shown && i < H->home.n; i++)
        if (!H->year || H->home.drafts[i].entry.year == H->year)
            H->shown[H->nshown++] = i;
    for (size_t i = 0; H->select[0] && i < H->nshown; i++)
        if (strcmp(H->home.drafts[H->shown[i]].entry.name, H->select) == 0)
            H->chosen = (int)i;
    H->select[0] = '\0';
    if (H->chosen >= (int)H->nshown)
        H->chosen = H->nshown ? (int)H->nshown - 1 : 0;
}

/* The draft on line i of the list. */
static const session_summary *shown(const home_state *H, int i)
{
    return &H->home.drafts[H->shown[i]];
}

/* "Campagne 2025 : saisie ouverte jusqu'au 31/01/2026 à minuit, encore 42 jours"; whether the
 * campaign is closed in *closed. */
static void campaign_line(app *a, const home_state *H, char *buf, size_t size, bool *closed)
{
    *closed = false;
    const rules_campaign *c = H->home.year ? session_campaign(a->s, H->home.year, NULL) : NULL;
    if (!c) {
        snprintf(buf, size, "Aucune campagne trouvée : fsdecl rules dit où il les cherche.");
        return;
    }
    char words[256];
    *closed = session_campaign_words(c, session_today(a->s), words, sizeof words) ==
              SESSION_CAMPAIGN_CLOSED;
    snprintf(buf, size, "Campagne %d : %s", c->year, words);
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

/* The draft's state: the session's words (those of fsdecl drafts), a recovery first; without a
 * version declared, the last version finalised and whether the draft changed since. */
static void full_state(const session_summary *s, char *buf, size_t size)
{
    if (s->entry.has_recovery) {
        snprintf(buf, size, "à récupérer");
        return;
    }
    session_state_words(s, buf, size);
    size_t n = strlen(buf);
    if (!s->declared && s->entry.versions > 0)
        snprintf(buf + n, size - n, ", v%d%s", s->entry.versions, s->changed ? " modifiée" : "");
}

/* One draft a line: its state last, cut to what is left of width columns (*cut says whether it
 * was); the points and the full date only when the screen is wide enough. */
static void draft_row(const session_summary *s, int width, char *buf, size_t size, bool *cut)
{
    bool wide = COLS >= 110;
    char pts[64] = "", eur[64] = "-", lo[32], hi[32], when[32], year[8], who[64], state[256];
    if (s->state == SESSION_DRAFT_JUDGED || s->state == SESSION_DRAFT_CLOSED) {
        text_points(s->min_tenths, lo, sizeof lo);
        text_points(s->max_tenths, hi, sizeof hi);
        snprintf(pts, sizeof pts, s->min_tenths == s->max_tenths ? "%s pts" : "%s-%s pts", lo, hi);
        text_money(s->max_cents, eur, sizeof eur);
    }
    struct tm tm;
    localtime_r(&s->entry.saved, &tm);
    strftime(when, sizeof when, wide ? "%d/%m/%Y %H:%M" : "%d/%m", &tm);
    full_state(s, state, sizeof state);
    text_sanitize(s->who[0] && s->who[0] != ' ' ? s->who : "(sans nom)", false, who, sizeof who);
    cut_to_width(who, sizeof who, wide ? 18 : 14);
    snprintf(year, sizeof year, "%d", s->entry.year);
    buf[0] = '\0';
    column(buf, size, year, 4, false);
    column(buf, size, who, wide ? 18 : 14, false);
    column(buf, size, s->entry.rpps, 11, false);
    if (wide)
        column(buf, size, pts, 13, true);
    column(buf, size, eur, 10, true);
    column(buf, size, when, wide ? 16 : 5, false);
    int left = width - (int)text_width(buf);
    *cut = (int)text_width(state) > left;
    cut_to_width(state, sizeof state, left);
    size_t n = strlen(buf);
    snprintf(buf + n, size - n, "%s", state);
}

static void home_draw(app *a, screen *sc)
{
    home_state *H = (home_state *)sc;
    char line[512];
    bool closed;
    snprintf(line, sizeof line, " fsdecl %s %s", term_symbol(TERM_SYM_SEP),
             H->home.year ? H->home.title : "déclaration annuelle");
    term_fill(0, 0, COLS, TERM_TITLE);
    term_text(0, 0, COLS, TERM_TITLE, line);
    campaign_line(a, H, line, sizeof line, &closed);
    term_text(2, 1, COLS - 2, TERM_HEADING, line);
    size_t others = H->home.n - H->nshown;
    int n = snprintf(line, sizeof line, "Vos déclarations (%zu)", H->nshown);
    if (others)
        snprintf(line + n, sizeof line - n,
                 others > 1 ? " ; %zu d'autres campagnes : c pour les voir"
                            : " ; %zu d'une autre campagne : c pour la voir",
                 others);
    term_text(4, 1, COLS - 2, TERM_HEADING, line);
    if (H->home.problem[0])
        term_text(5, 1, COLS - 2, TERM_BAD, H->home.problem);
    if (!H->nshown)
        term_text(6, 3, COLS - 4, TERM_DIM,
                  closed ? "Aucune déclaration de cette campagne."
                         : "Aucune déclaration pour l'instant : n pour en créer une.");
    int rows = LINES - 9, first = H->chosen >= rows ? H->chosen - rows + 1 : 0;
    for (int i = first; i < (int)H->nshown && i - first < rows; i++) {
        bool cut;
        draft_row(shown(H, i), COLS - 2, line, sizeof line, &cut);
        term_text(6 + i - first, 1, COLS - 2, i == H->chosen ? TERM_FOCUS : TERM_NORMAL, line);
        if (cut && i == H->chosen) { /* the whole state under the list */
            char state[256];
            full_state(shown(H, i), state, sizeof state);
            snprintf(line, sizeof line, "%s : %s", shown(H, i)->entry.name, state);
            term_text(LINES - 3, 1, COLS - 2, TERM_DIM, line);
        }
    }
    static const wiz_action keys_shown[] = {ACT_HELP,     ACT_QUIT, ACT_OPEN,     ACT_NEW,
                                            ACT_CAMPAIGN, ACT_NEXT, ACT_READ_ONLY};
    char foot[512];
    keymap_footer(KEYS_ON_HOME, keys_shown, sizeof keys_shown / sizeof keys_shown[0], COLS - 1,
                  foot, sizeof foot);
    term_text(LINES - 1, 0, COLS, TERM_KEY, foot);
    if (a->message[0])
        term_text_cut(LINES - 2, 0, COLS, a->message_style, a->message);
    if (H->nshown && !app_covered(a))
        term_cursor_at(6 + H->chosen - first, 1);
    else if (!app_covered(a))
        term_cursor_hide();
}

/* ---- opening --------------------------------------------------------------------------------- */

static const screen_ops home_ops;

/* A draft to open, carried through the recovery question. */
typedef struct {
    char *name; /* owned */
    unsigned flags;
    diag_list *why; /* borrowed: fsdecl edit's reasons, or NULL */
} open_flow;

static void open_flow_free(void *ctx)
{
    open_flow *o = ctx;
    if (o)
        free(o->name);
    free(o);
}

static open_flow *open_flow_new(const char *name, unsigned flags, diag_list *why)
{
    open_flow *o = calloc(1, sizeof *o);
    if (o && !(o->name = strdup(name))) {
        free(o);
        return NULL;
    }
    if (o)
        o->flags = flags, o->why = why;
    return o;
}

static void open_now(app *a, const char *name, unsigned flags, diag_list *why);

/* The recovery question answered: opened with the flags chosen, the recovery deleted first when
 * asked; Annuler (or Esc) stays on the home screen. */
static void recovery_answered(app *a, void *ctx, int c, const void *value)
{
    (void)value;
    open_flow *o = ctx;
    if (c == 2) {
        session_report r;
        diag_list d;
        diag_init(&d);
        session_recover(a->s, o->name, true, &r, &d);
        diag_free(&d);
    }
    if (c >= 0 && c <= 2)
        open_now(a, o->name,
                 o->flags | (c == 0   ? (unsigned)SESSION_OPEN_RECOVERY
                             : c == 1 ? (unsigned)SESSION_OPEN_READ_ONLY
                                      : 0u),
                 o->why);
    open_flow_free(o);
}

/* The recovery question, answered to recovery_answered. */
static void ask_recovery(app *a, open_flow *o, const store_recovery *rec)
{
    static const char *const buttons[] = {"Récupérer", "Ouvrir la dernière version enregistrée",
                                          "Supprimer", "Annuler", NULL};
    char text[800];
    snprintf(text, sizeof text,
             "Du travail non enregistré a été laissé sur %s par le processus %ld sur %s "
             "(sauvegarde automatique du %s). Récupérer le reprend ; Ouvrir montre la dernière "
             "version enregistrée en lecture seule, sans rien perdre ; Supprimer l'abandonne.",
             o->name, rec->pid, rec->host[0] ? rec->host : "une machine inconnue",
             rec->saved[0] ? rec->saved : "?");
    dialog_ask(a, "Récupération", text, buttons, 0, recovery_answered, o);
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
    dialog_ask(a, "Ouverture impossible", text, ok, 0, NULL, NULL);
    session_close(doc);
    return true;
}

/* Runs a declaration just opened, or says why it could not be (in why too, when there is one). */
static bool run_opened(app *a, session_doc *doc, session_report *r, diag_list *d, diag_list *why)
{
    if (doc && refuse_without_rules(a, doc, d, why))
        return false;
    if (doc) {
        declaration_open(a, doc, r);
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

/* Opens the draft name: after the recovery question when an autosave newer than the draft is
 * left by a process gone; the reasons it could not be opened said, and added to why. */
static void open_with(app *a, const char *name, unsigned flags, diag_list *d, diag_list *why)
{
    session_report r;
    run_opened(a, session_open(a->s, name, flags, &r, d), &r, d, why);
}

static void open_now(app *a, const char *name, unsigned flags, diag_list *why)
{
    diag_list d;
    diag_init(&d);
    open_with(a, name, flags, &d, why);
    diag_free(&d);
}

static void open_name(app *a, const char *name, unsigned flags, diag_list *why)
{
    diag_list d;
    diag_init(&d);
    const store_t *st = session_store(a->s, &d);
    store_recovery rec = st ? store_recovery_status(st, name) : (store_recovery){0};
    if (rec.exists && rec.newer_than_draft && !rec.owner_alive &&
        !(flags & SESSION_OPEN_READ_ONLY)) {
        open_flow *o = open_flow_new(name, flags, why);
        if (o)
            ask_recovery(a, o, &rec);
    } else {
        open_with(a, name, flags, &d, why);
    }
    diag_free(&d);
}

/* The step that opens the draft chosen on the home screen, once its key was handled. */
static void open_step(app *a, void *ctx)
{
    open_flow *o = ctx;
    open_name(a, o->name, o->flags, o->why);
    open_flow_free(o);
    screen *top = app_top(a);
    if (top && top->ops == &home_ops) /* nothing opened, nothing asked: over */
        top->ops->resume(a, top);
}

static home_state *home_push(app *a, bool edit)
{
    home_state *H = calloc(1, sizeof *H);
    if (!H)
        return NULL;
    H->base.ops = &home_ops;
    H->edit = edit;
    if (!app_push(a, &H->base, NULL, NULL, NULL))
        return NULL;
    return H;
}

void home_open_arg(app *a, const char *arg, diag_list *why)
{
    home_state *H = home_push(a, true); /* drawn under a refusal: no draft listed */
    if (!H) {
        diag_add(why, arg, 0, "mémoire insuffisante");
        return;
    }
    if (store_name_valid(arg)) {
        open_name(a, arg, 0, why);
    } else {
        diag_list d;
        diag_init(&d);
        session_report r;
        run_opened(a, session_import(a->s, arg, &r, &d), &r, &d, why);
        diag_free(&d);
    }
    if (app_top(a) == &H->base) /* nothing opened, nothing asked: over */
        H->base.closing = true;
}

/* ---- a new declaration ----------------------------------------------------------------------- */

/* A new declaration, step by step: the RPPS (again after a refusal, with its reason), its key
 * confirmed when wrong, the year before carried or not, what was carried, then the declaration. */
typedef struct {
    int year;
    char title[64];
    field_t rpps;      /* as typed: the box opens again on it */
    char value[32];    /* the RPPS given */
    char refused[512]; /* why the last one was refused, shown in the box */
    bool key_kept;     /* its key is wrong, and the user said the number is right */
    session_doc *doc;  /* owned until opened: created, shown after what was carried */
    session_report r;
} new_flow;

static void ask_rpps(app *a, new_flow *nf);

static void new_flow_free(void *ctx)
{
    new_flow *nf = ctx;
    if (nf && nf->doc)
        session_close(nf->doc);
    free(nf);
}

static void carry_read(app *a, void *ctx, int answer, const void *value)
{
    (void)answer, (void)value;
    new_flow *nf = ctx;
    session_doc *doc = nf->doc;
    nf->doc = NULL;
    declaration_open(a, doc, &nf->r);
    new_flow_free(nf);
}

/* What was carried from the year before, to read before the declaration opens. */
static bool show_carry_report(app *a, new_flow *nf, const carry_report *rep)
{
    size_t cap = 8192, n = 0;
    char *text = malloc(cap);
    if (!text)
        return false;
    n += (size_t)snprintf(text, cap, "Repris de la déclaration %d :", nf->year - 1);
    for (size_t i = 0; i < rep->ncarried && n < cap - 600; i++)
        n += (size_t)snprintf(text + n, cap - n, "\n- %s", rep->carried[i]);
    n += (size_t)snprintf(text + n, cap - n, "\n\nÀ vérifier :");
    for (size_t i = 0; i < rep->ncheck && n < cap - 600; i++)
        n += (size_t)snprintf(text + n, cap - n, "\n- %s", rep->check[i]);
    dialog_text(a, "Déclaration reprise", text, carry_read, nf);
    free(text);
    return true;
}

/* Creates the declaration (carried from the year before when carry) and opens it, after what was
 * carried; when the session refuses it, the RPPS box again with the reason, so that no key
 * reaches the list below. */
static void create(app *a, new_flow *nf, bool carry)
{
    carry_report rep;
    diag_list d;
    diag_init(&d);
    session_doc *doc = session_create(a->s, nf->year, nf->value, !carry, &rep, &nf->r, &d);
    if (!doc) {
        char *explained = session_explain(&nf->r);
        snprintf(nf->refused, sizeof nf->refused, "%s%s%s",
                 explained ? explained : "création impossible", d.count ? " : " : "",
                 d.count ? d.items[0].message : "");
        free(explained);
        ask_rpps(a, nf);
    } else {
        nf->doc = doc;
        if (nf->key_kept) { /* said once, in the box: the version will not ask it again */
            decl_set_rpps_confirmed(doc->decl, true);
            session_save(doc, &d);
        }
        if (!rep.ncarried || !show_carry_report(a, nf, &rep))
            carry_read(a, nf, 0, NULL);
        carry_report_free(&rep);
    }
    diag_free(&d);
}

static void carry_answered(app *a, void *ctx, int answer, const void *value)
{
    (void)value;
    create(a, ctx, answer == 0);
}

/* The declaration of the year before carried, if the user wants, then created. */
static void create_asking(app *a, new_flow *nf)
{
    /* a declaration of this campaign already there is said first (the session refuses it, the
     * box says why), before any question on last year's */
    if (session_draft_exists(a->s, nf->year, nf->value) ||
        !session_draft_exists(a->s, nf->year - 1, nf->value)) {
        create(a, nf, false);
        return;
    }
    static const char *const b[] = {"Reprendre", "Partir de zéro", NULL};
    dialog_ask(a, nf->title,
               "Une déclaration de l'année précédente existe : la "
               "reprendre (identité, logiciel, réponses déclaratives) ?",
               b, 0, carry_answered, nf);
}

/* The RPPS a new declaration starts with: the one every draft of the store has, when it is one
 * doctor's and its key is right; otherwise none (a caisse's store holds many doctors: another's
 * number is never offered). */
static void rpps_offered(const home_state *H, field_t *rpps)
{
    const session_home *h = &H->home;
    for (size_t i = 1; i < h->n; i++)
        if (strcmp(h->drafts[i].entry.rpps, h->drafts[0].entry.rpps) != 0)
            return;
    if (h->n && ident_check_rpps(h->drafts[0].entry.rpps) == IDENT_OK)
        field_set_text(rpps, h->drafts[0].entry.rpps);
}

/* « Il est juste » keeps an RPPS whose key is wrong; « Corriger » gives the box back. */
static void key_confirmed(app *a, void *ctx, int answer, const void *value)
{
    (void)value;
    new_flow *nf = ctx;
    nf->key_kept = answer == 1;
    if (answer == 1)
        create_asking(a, nf);
    else
        ask_rpps(a, nf);
}

static void rpps_answered(app *a, void *ctx, int answer, const void *value)
{
    new_flow *nf = ctx;
    if (value)
        nf->rpps = *(const field_t *)value;
    if (answer != 1) {
        new_flow_free(nf);
        return;
    }
    field_get_text(&nf->rpps, nf->value, sizeof nf->value);
    nf->refused[0] = '\0';
    /* an RPPS of 11 digits whose key is wrong is most likely mistyped, and it names the
     * declaration (it can be corrected later, r): kept only when the user says it is right */
    if (ident_check_rpps(nf->value) != IDENT_BAD_KEY) {
        create_asking(a, nf);
        return;
    }
    static const char *const b[] = {"Corriger", "Il est juste : le garder", NULL};
    char text[400];
    snprintf(text, sizeof text,
             "La clé du numéro RPPS %s est incorrecte : il est sans doute mal tapé. Il nommera "
             "la déclaration ; il pourra être corrigé ensuite (r sur l'accueil, ou fsdecl "
             "rename).",
             nf->value);
    dialog_ask(a, nf->title, text, b, 0, key_confirmed, nf);
}

static void ask_rpps(app *a, new_flow *nf)
{
    dialog_input(a, nf->title, "N° RPPS du praticien (11 chiffres) :", &nf->rpps, home_rpps_typed,
                 NULL, nf->refused, rpps_answered, nf);
}

/* A new declaration of the campaign shown; refused, with the reason, once its window is closed. */
static void new_declaration(app *a, home_state *H)
{
    const char *chars;
    size_t length;
    char line[512];
    bool closed;
    campaign_line(a, H, line, sizeof line, &closed);
    if (closed) {
        char cl[16];
        date_format_fr(H->home.closes, cl, sizeof cl);
        app_say(a, TERM_BAD, "%s Campagne %d close le %s : plus de nouvelle déclaration.",
                term_symbol(TERM_SYM_BAD), H->home.year, cl);
        return;
    }
    new_flow *nf = calloc(1, sizeof *nf);
    if (!nf || !ident_shape("RPPS", &chars, &length)) {
        free(nf);
        return;
    }
    nf->year = H->home.year ? H->home.year : session_current_year(a->s);
    field_init_text(&nf->rpps, length, length);
    field_restrict(&nf->rpps, chars);
    rpps_offered(H, &nf->rpps);
    snprintf(nf->title, sizeof nf->title, "Nouvelle déclaration %d", nf->year);
    ask_rpps(a, nf);
}

/* ---- the screen ------------------------------------------------------------------------------ */

static char *home_help(app *a, screen *s, char *title, size_t size)
{
    (void)a, (void)s;
    char lines[96][160], *text = malloc(16384);
    if (!text)
        return NULL;
    size_t k = keymap_help_lines(lines, 96), n = 0;
    n += (size_t)snprintf(text, 16384, "Touches :");
    for (size_t i = 0; i < k && n < 16000; i++)
        n += (size_t)snprintf(text + n, 16384 - n, "\n%s", lines[i]);
    snprintf(title, size, "Aide");
    return text;
}

/* ---- the campaign shown ---------------------------------------------------------------------- */

/* A campaign chosen in the list: its drafts shown, and n creates one of it. */
static void campaign_chosen(app *a, void *ctx, int answer, const void *value)
{
    home_state *H = ctx;
    const char *id = answer == 1 && value ? field_get_choice(value) : NULL;
    if (!id)
        return;
    H->year = atoi(id) == session_current_year(a->s) ? 0 : atoi(id);
    H->chosen = 0;
    reload(a, H);
}

/* The campaigns of the rules, the latest first, each with where its window stands. */
static void choose_campaign(app *a, home_state *H)
{
    int years[HOME_MAX_CAMPAIGNS];
    size_t n = session_campaign_years(a->s, years, HOME_MAX_CAMPAIGNS), sel = 0;
    for (size_t k = 0; k < n; k++) {
        int y = years[n - 1 - k];
        char words[256] = "règles illisibles : fsdecl rules dit pourquoi";
        const rules_campaign *c = session_campaign(a->s, y, NULL);
        if (c)
            session_campaign_words(c, session_today(a->s), words, sizeof words);
        snprintf(H->campaign_ids[k], sizeof H->campaign_ids[k], "%d", y);
        snprintf(H->campaign_labels[k], sizeof H->campaign_labels[k], "%d  %s%s%s", y, words,
                 c && c->status != RULES_OFFICIAL ? ", statut : " : "",
                 c && c->status != RULES_OFFICIAL ? vocab_fr(&rules_status_vocab, c->status) : "");
        H->campaigns[k] = (field_option){H->campaign_ids[k], H->campaign_labels[k]};
        if (y == H->home.year)
            sel = k;
    }
    if (!n) {
        app_say(a, TERM_BAD, "%s Aucune campagne trouvée : fsdecl rules dit où il les cherche.",
                term_symbol(TERM_SYM_BAD));
        return;
    }
    field_t f;
    field_init_choice(&f, H->campaigns, n);
    field_set_choice(&f, H->campaign_ids[sel]);
    dialog_pick(a, "Campagne", &f, campaign_chosen, H);
}

static keymap_stack home_keys(app *a, screen *s)
{
    (void)a, (void)s;
    return KEYS_ON_HOME;
}

static unsigned home_key(app *a, screen *sc, int key, wiz_action act)
{
    home_state *H = (home_state *)sc;
    if (key == APP_KEY_EXIT || key == APP_KEY_END || act == ACT_QUIT || act == ACT_INTERRUPT)
        return SCREEN_QUIT;
    if (act == ACT_NONE)
        return SCREEN_UNHANDLED;
    if (act == ACT_NEXT && H->chosen + 1 < (int)H->nshown) {
        H->chosen++;
    } else if (act == ACT_PREV && H->chosen > 0) {
        H->chosen--;
    } else if (act == ACT_HELP) {
        dialog_help(a, sc);
    } else if (act == ACT_CAMPAIGN) {
        choose_campaign(a, H);
    } else if (act == ACT_RENAME || act == ACT_DELETE_DRAFT || act == ACT_TRASH) {
        H->stale = true; /* read again once the box that may change the store is closed */
        if (act == ACT_TRASH)
            home_trash(a, H->select);
        else if (H->nshown && act == ACT_RENAME)
            home_rename(a, shown(H, H->chosen)->entry.name, H->select);
        else if (H->nshown)
            home_delete(a, shown(H, H->chosen)->entry.name, shown(H, H->chosen)->who);
        if (app_top(a) == sc)
            reload(a, H);
    } else if (act == ACT_OPEN || act == ACT_READ_ONLY || act == ACT_NEW) {
        H->stale = true; /* read again once what this key starts is over */
        if (act == ACT_NEW) {
            new_declaration(a, H);
        } else if (H->nshown) {
            open_flow *o =
                open_flow_new(shown(H, H->chosen)->entry.name,
                              act == ACT_READ_ONLY ? (unsigned)SESSION_OPEN_READ_ONLY : 0u, NULL);
            if (o)
                app_defer(a, open_step, o);
        }
        if (app_top(a) == sc && !a->nsteps) /* nothing started */
            reload(a, H);
    }
    return SCREEN_HANDLED;
}

/* Back on top: the store read again after a flow that may have changed it; under fsdecl edit, the
 * one declaration is over, and so is the program. */
static void home_resume(app *a, screen *sc)
{
    home_state *H = (home_state *)sc;
    if (H->edit) {
        sc->closing = true;
    } else if (H->stale) {
        H->stale = false;
        reload(a, H);
    }
}

static void home_release(app *a, screen *sc)
{
    (void)a;
    session_home_free(&((home_state *)sc)->home);
    free(((home_state *)sc)->shown);
}

static const screen_ops home_ops = {
    .draw = home_draw,
    .keys = home_keys,
    .key = home_key,
    .resume = home_resume,
    .help = home_help,
    .release = home_release,
};

void home_start(app *a)
{
    home_state *H = home_push(a, false);
    if (!H)
        return;
    reload(a, H);
    if (!H->home.n && !H->home.problem[0]) {
        H->stale = true;
        new_declaration(a, H);
    }
}
