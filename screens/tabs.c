/* tabs: the declaration's tabs, from the rules: Identité, one per volet, Attestation,
 * Récapitulatif. Each builds its rows from the declaration and its judgement. The indicator
 * blocks of the volet tabs are in indicator.c; the recap tab in tab_recap.c. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tabs.h"

#include "bind.h"
#include "fsdecl/recap.h"
#include "fsdecl/text.h"
#include "tabs_internal.h"

void tabs_short_label(const char *label, char *buf, size_t size)
{
    size_t n = strlen(label);
    const char *cut[] = {" – ", " - ", " : ", " ("};
    for (size_t i = 0; i < sizeof cut / sizeof cut[0]; i++) {
        const char *p = strstr(label, cut[i]);
        if (p && (size_t)(p - label) < n)
            n = (size_t)(p - label);
    }
    snprintf(buf, size, "%.*s", (int)n, label);
}

/* ---- Identité -------------------------------------------------------------------------------- */

static void identity_title(const app *a, int index, char *buf, size_t size)
{
    (void)a, (void)index;
    snprintf(buf, size, "Identité");
}

static bool uses_dpi(const decl_t *d)
{
    for (size_t i = 0; i < d->nanswers; i++)
        if (d->answers[i]->software.hospital_dpi)
            return true;
    return false;
}

static bool identity_message(const eval_message *m)
{
    return m->code == EVAL_MSG_IDENTITY_MISSING || m->code == EVAL_MSG_IDENTITY_RPPS ||
           m->code == EVAL_MSG_IDENTITY_AM_NUMBER || m->code == EVAL_MSG_IDENTITY_FINESS ||
           m->code == EVAL_MSG_IDENTITY_SPECIALTY || m->code == EVAL_MSG_IDENTITY_ESTABLISHMENT ||
           m->code == EVAL_MSG_CAMPAIGN_MISMATCH;
}

static void identity_build(app *a, int index, form_t *f)
{
    (void)index;
    session_doc *doc = a->doc;
    const decl_t *d = doc->decl;
    char line[256];
    form_text(f, 0, TERM_HEADING, "Identité du praticien", NULL, f->width);
    snprintf(line, sizeof line, "N° RPPS : %s (il identifie ce brouillon)",
             d->identity.rpps ? d->identity.rpps : "?");
    form_text(f, 2, TERM_DIM, line, NULL, f->width);
    static const decl_identity_field shown[] = {DECL_ID_LAST_NAME, DECL_ID_FIRST_NAME,
                                                DECL_ID_SPECIALTY, DECL_ID_AM_NUMBER,
                                                DECL_ID_ADDRESS,   DECL_ID_CAISSE};
    for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
        binding b = {shown[i] == DECL_ID_SPECIALTY ? BIND_SPECIALTY : BIND_IDENTITY, NULL,
                     (int)shown[i]};
        bind_row(doc, f, 2, decl_identity_fr(shown[i]), b, NULL);
    }
    bind_row(doc, f, 2, "Première année de déclaration", (binding){BIND_FIRST_YEAR, NULL, 0}, NULL);
    if (uses_dpi(d)) {
        form_blank(f);
        form_text(f, 2, TERM_DIM,
                  "Vous utilisez le dossier patient (DPI) d'un établissement : indiquez-le.", NULL,
                  f->width);
        bind_row(doc, f, 2, decl_identity_fr(DECL_ID_ESTABLISHMENT),
                 (binding){BIND_IDENTITY, NULL, DECL_ID_ESTABLISHMENT}, NULL);
        bind_row(doc, f, 2, decl_identity_fr(DECL_ID_FINESS),
                 (binding){BIND_IDENTITY, NULL, DECL_ID_FINESS}, NULL);
    }
    const eval_result *e = session_judge(doc);
    bool first = true;
    for (size_t i = 0; e && i < e->nmessages; i++)
        if (identity_message(&e->messages[i])) {
            if (first)
                form_blank(f);
            first = false;
            indicator_message_row(f, 2, &e->messages[i], NULL);
        }
}

static tab_state identity_state(app *a, int index)
{
    (void)index;
    const eval_result *e = session_judge(a->doc);
    for (size_t i = 0; e && i < e->nmessages; i++)
        if (identity_message(&e->messages[i]) && e->messages[i].severity == EVAL_BLOCKING)
            return TAB_PROBLEMS;
    const decl_t *d = a->doc->decl;
    if (!d->identity.last_name && !d->identity.first_name && !d->identity.specialty)
        return TAB_UNTOUCHED;
    return TAB_COMPLETE;
}

/* ---- the volets ------------------------------------------------------------------------------ */

static void volet_title(const app *a, int index, char *buf, size_t size)
{
    tabs_short_label(a->doc->rules->volets[index].label, buf, size);
}

static void volet_build(app *a, int index, form_t *f)
{
    const rules_campaign *c = a->doc->rules;
    const rules_volet *v = &c->volets[index];
    char pts[32], money[48], right[96];
    text_points(v->points_tenths, pts, sizeof pts);
    text_money(v->points_tenths * c->point_value_cents / 10, money, sizeof money);
    snprintf(right, sizeof right, "%s pts %s %s", pts, term_symbol(TERM_SYM_SEP), money);
    form_text(f, 0, TERM_HEADING, v->label, right, f->width);
    form_text(f, 2, TERM_DIM,
              v->award == RULES_ALL_OR_NOTHING
                  ? "Tout ou rien : chaque indicateur doit être atteint pour que le volet paie."
                  : "Chaque indicateur est payé pour lui-même.",
              NULL, f->width);
    if (v->requires >= 0) {
        char line[256], need[64];
        tabs_short_label(c->volets[v->requires].label, need, sizeof need);
        snprintf(line, sizeof line, "Payé seulement si le %s est atteint.", need);
        form_text(f, 2, TERM_DIM, line, NULL, f->width);
    }
    int group = -1;
    for (size_t i = 0; i < c->nindicators; i++) {
        const rules_indicator *ind = &c->indicators[i];
        if (ind->volet != index)
            continue;
        if (ind->group != group && ind->group >= 0) {
            form_blank(f);
            form_text(f, 0, TERM_HEADING, c->groups[ind->group].label, NULL, f->width);
        }
        group = ind->group;
        form_blank(f);
        indicator_build(a, ind, f);
    }
}

/* A volet tab's state:
 * - à corriger (TAB_PROBLEMS): a blocking message about one of its indicators (an unanswered
 *   declarative question is one);
 * - complet (TAB_COMPLETE): every declarative indicator of the volet is answered; a volet with
 *   none, whose indicators the Assurance Maladie computes (the DONUM's « Optionnel »), is complete
 *   once each of them has an answer (own counts, or what the user estimates);
 * - à faire (TAB_UNTOUCHED): otherwise. */
static tab_state volet_state(app *a, int index)
{
    const eval_result *e = session_judge(a->doc);
    if (!e)
        return TAB_PROBLEMS;
    for (size_t i = 0; i < e->nmessages; i++) {
        const rules_indicator *ind = rules_find_indicator(a->doc->rules, e->messages[i].indicator);
        if (ind && ind->volet == index && e->messages[i].severity == EVAL_BLOCKING)
            return TAB_PROBLEMS;
    }
    size_t declarative = 0, declarative_answered = 0, computed = 0, computed_answered = 0;
    for (size_t i = 0; i < e->nitems; i++) {
        const rules_indicator *ind = e->items[i].ind;
        if (ind->volet != index)
            continue;
        bool answered = decl_find_answer(a->doc->decl, ind->id) != NULL;
        if (ind->kind == RULES_COMPUTED)
            computed++, computed_answered += answered;
        else
            declarative++, declarative_answered += answered;
    }
    if (declarative ? declarative_answered == declarative
                    : computed && computed_answered == computed)
        return TAB_COMPLETE;
    return TAB_UNTOUCHED;
}

/* ---- Attestation ----------------------------------------------------------------------------- */

void tabs_recommit_words(int version, bool brief, char *buf, size_t size)
{
    snprintf(buf, size,
             brief ? "Modifiée depuis la version %d : cochez de nouveau l'attestation (version %d)."
                   : "Déclaration modifiée depuis la version %d : cochez de nouveau l'attestation "
                     "pour la version %d.",
             version, version + 1);
}

static void attestation_title(const app *a, int index, char *buf, size_t size)
{
    (void)a, (void)index;
    snprintf(buf, size, "Attestation");
}

static void history_rows(app *a, form_t *f)
{
    store_version *v;
    diag_list d;
    diag_init(&d);
    size_t n;
    bool listed = session_history(a->s, a->doc->name, &v, &n, &d);
    if (!listed) { /* never shown as no version at all */
        char line[1024];
        snprintf(line, sizeof line, "Historique illisible : %s",
                 d.count ? d.items[0].message : "raison inconnue");
        form_blank(f);
        form_text(f, 0, TERM_HEADING, "Versions finalisées", NULL, f->width);
        form_text(f, 2, TERM_BAD, line, NULL, f->width);
    }
    diag_free(&d);
    if (!n)
        return;
    form_blank(f);
    form_text(f, 0, TERM_HEADING, "Versions finalisées", NULL, f->width);
    for (size_t i = 0; i < n; i++) {
        char line[512], when[64];
        date_stamp_fr(v[i].date, when, sizeof when);
        snprintf(line, sizeof line, "Version %d du %s — %s : %.16s…%s%s", v[i].number, when,
                 RECAP_FINGERPRINT_FR, v[i].sha256,
                 v[i].unreadable[0] ? " — illisible : "
                 : v[i].intact      ? ""
                                    : " — ALTÉRÉE",
                 v[i].unreadable);
        form_text(f, 2, v[i].intact ? TERM_NORMAL : TERM_BAD, line, NULL, f->width);
    }
    free(v);
}

/* What the rules say of the campaign itself: where and how to declare, who is eligible, when the
 * money is computed, what to keep. */
static void campaign_notes(const rules_campaign *c, form_t *f)
{
    if (!c || (!c->window.note && !c->note))
        return;
    form_blank(f);
    form_text(f, 0, TERM_HEADING, "À savoir sur la campagne", NULL, f->width);
    if (c->window.note)
        form_text(f, 2, TERM_NORMAL, c->window.note, NULL, f->width);
    if (c->note)
        form_text(f, 2, TERM_NORMAL, c->note, NULL, f->width);
}

static void attestation_build(app *a, int index, form_t *f)
{
    (void)index;
    session_doc *doc = a->doc;
    const eval_result *e = session_judge(doc);
    form_text(f, 0, TERM_HEADING, "Attestation sur l'honneur", NULL, f->width);
    form_text(f, 2, TERM_DIM,
              "Cochez les deux engagements pour pouvoir finaliser une version ; vous pourrez "
              "modifier la déclaration et en finaliser une nouvelle jusqu'à la clôture.",
              NULL, f->width);
    if (doc->decl->recommit) {
        char why[256];
        tabs_recommit_words(doc->decl->recommit, false, why, sizeof why);
        form_text(f, 2, TERM_WARN, why, NULL, f->width);
    }
    bind_row(doc, f, 2, DECL_COMMITMENT_ACCURACY, (binding){BIND_ACCURACY, NULL, 0}, NULL);
    bind_row(doc, f, 2, DECL_COMMITMENT_KEEP_PROOFS, (binding){BIND_KEEP_PROOFS, NULL, 0}, NULL);
    form_blank(f);
    form_text(f, 0, TERM_HEADING, "Ce qui bloque encore", NULL, f->width);
    size_t blocking = 0;
    for (size_t i = 0; e && i < e->nmessages; i++)
        if (e->messages[i].severity == EVAL_BLOCKING) {
            indicator_message_row(f, 2, &e->messages[i], NULL);
            blocking++;
        }
    if (!blocking)
        form_text(f, 2, TERM_OK, "Rien : la déclaration est complète et recevable.", NULL,
                  f->width);
    form_blank(f);
    if (doc->read_only) {
        char *why = session_explain(&doc->why_read_only);
        form_text(f, 2, TERM_WARN, why ? why : "Lecture seule.", NULL, f->width);
        free(why);
    } else {
        form_button(f, 2, "Finaliser une version", (binding){BIND_TRANSMIT, NULL, 0}, NULL);
    }
    history_rows(a, f);
    campaign_notes(doc->rules, f);
}

static tab_state attestation_state(app *a, int index)
{
    (void)index;
    const decl_t *d = a->doc->decl;
    if (d->attestation.accuracy && d->attestation.keep_proofs)
        return TAB_COMPLETE;
    return d->attestation.accuracy || d->attestation.keep_proofs ? TAB_PROBLEMS : TAB_UNTOUCHED;
}

/* ---- the table of tabs ----------------------------------------------------------------------- */

static const tab_ops IDENTITY = {identity_title, identity_build, identity_state};
static const tab_ops VOLET = {volet_title, volet_build, volet_state};
static const tab_ops ATTESTATION = {attestation_title, attestation_build, attestation_state};
static const tab_ops RECAP = {tab_recap_title, tab_recap_build_rows, tab_recap_state};

void tabs_setup(app *a)
{
    a->ntabs = 0;
    a->tabs[a->ntabs++] = &IDENTITY;
    for (size_t v = 0; a->doc->rules && v < a->doc->rules->nvolets && a->ntabs < APP_MAX_TABS - 2;
         v++) {
        a->tab_index[a->ntabs] = (int)v;
        a->tabs[a->ntabs++] = &VOLET;
    }
    a->tabs[a->ntabs++] = &ATTESTATION;
    a->tabs[a->ntabs++] = &RECAP;
    a->tab = 0;
}

void tabs_build(app *a)
{
    form_t *f = &a->form;
    form_clear_rows(f);
    f->width = COLS - 2;
    a->tabs[a->tab]->build(a, a->tab_index[a->tab], f);
    form_restore_focus(f);
}
