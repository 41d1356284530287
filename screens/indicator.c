/* indicator: one indicator's block in a volet tab. What appears follows the rules' kind of
 * criterion and the answers given: details only when they apply. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bind.h"
#include "fsdecl/text.h"
#include "tabs_internal.h"

static term_sym status_symbol(eval_status s, term_style *st)
{
    switch (s) {
    case EVAL_MET:
    case EVAL_EXEMPT:
    case EVAL_ESTIMATED_MET: *st = TERM_OK; return TERM_SYM_OK;
    case EVAL_NOT_MET:
    case EVAL_ESTIMATED_NOT_MET: *st = TERM_BAD; return TERM_SYM_BAD;
    case EVAL_WAITING_PROOF:
    case EVAL_AMBIGUOUS: *st = TERM_WARN; return TERM_SYM_WARN;
    default: *st = TERM_DIM; return TERM_SYM_TODO;
    }
}

/* The text of a message without the « label » : it starts with, its first letter upper case. */
static const char *without_label(const char *text, const char *label, char *buf, size_t size)
{
    char prefix[400];
    snprintf(prefix, sizeof prefix, "« %s » : ", label ? label : "");
    size_t n = strlen(prefix);
    if (!label || strncmp(text, prefix, n) != 0 || !text[n])
        return text;
    snprintf(buf, size, "%s", text + n);
    if (buf[0] >= 'a' && buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 'a' + 'A');
    return buf;
}

void indicator_message_row(form_t *f, int indent, const eval_message *m, const char *label)
{
    term_sym sym = m->severity == EVAL_BLOCKING  ? TERM_SYM_BAD
                   : m->severity == EVAL_WARNING ? TERM_SYM_WARN
                                                 : TERM_SYM_INFO;
    term_style st = m->severity == EVAL_BLOCKING  ? TERM_BAD
                    : m->severity == EVAL_WARNING ? TERM_WARN
                                                  : TERM_INFO;
    char line[1200], text[1200];
    snprintf(line, sizeof line, "%s %s", term_symbol(sym),
             without_label(m->text, label, text, sizeof text));
    form_text(f, indent, st, line, NULL, f->width);
}

/* The heading: the label; under it the kind, points and euros, and the status on the right. */
static void heading(app *a, const rules_indicator *ind, const eval_indicator *ev, form_t *f)
{
    const rules_campaign *c = a->doc->rules;
    term_style st;
    term_sym sym = status_symbol(ev->status, &st);
    char left[200], right[96], pts[32], money[48];
    const decl_answer *ans = decl_find_answer(a->doc->decl, ind->id);
    const char *kind = rules_kind_fr(ind, ans && ans->prefilled);
    snprintf(right, sizeof right, "%s %s", term_symbol(sym),
             vocab_fr(&eval_status_vocab, ev->status));
    if (c->volets[ind->volet].award == RULES_PER_INDICATOR) {
        text_points(ind->points_tenths, pts, sizeof pts);
        text_money(ind->points_tenths * c->point_value_cents / 10, money, sizeof money);
        snprintf(left, sizeof left, "%s %s %s pts = %s", kind, term_symbol(TERM_SYM_SEP), pts,
                 money);
    } else {
        snprintf(left, sizeof left, "%s", kind);
    }
    form_text(f, 0, TERM_HEADING, ind->label, NULL, f->width);
    form_text(f, 2, TERM_DIM, left, NULL, f->width);
    form_row *r = &f->rows[f->nrows - 1];
    r->right = strdup(right);
    r->right_style = st;
}

static void messages(app *a, const rules_indicator *ind, form_t *f)
{
    const eval_result *e = session_judge(a->doc);
    for (size_t i = 0; e && i < e->nmessages; i++)
        if (e->messages[i].indicator && strcmp(e->messages[i].indicator, ind->id) == 0 &&
            e->messages[i].code != EVAL_MSG_ANSWER_MISSING) /* the question is shown above */
            indicator_message_row(f, 2, &e->messages[i], ind->label);
}

static binding B(bind_kind k, const rules_indicator *ind, int sub)
{
    return (binding){k, ind, sub};
}

static bool lap_exempt(app *a, const rules_indicator *ind)
{
    const eval_result *e = session_judge(a->doc);
    return e && eval_has_message(e, EVAL_MSG_LAP_EXEMPT, ind->id);
}

/* The software's details stay where they are whether the Assurance Maladie pre-filled the answer
 * or not: ticking the box above never moves a row under the cursor, and what was pre-filled is
 * there to check and correct. Only what is required changes, and a line says so. */
static void software_rows(app *a, const rules_indicator *ind, const decl_answer *ans, form_t *f)
{
    session_doc *doc = a->doc;
    if (ans->prefilled)
        form_text(f, 4, TERM_DIM, "Pré-rempli : détails facultatifs, à vérifier ou corriger", NULL,
                  f->width);
    for (int k = 0; k < DECL_SW_COUNT; k++)
        bind_row(doc, f, 4, decl_software_fr((decl_software_field)k), B(BIND_SOFTWARE, ind, k),
                 ind->id);
    bind_row(doc, f, 4, "Acquis le", B(BIND_ACQUIRED, ind, 0), ind->id);
    bind_row(doc, f, 4, "Dossier patient (DPI) d'un établissement", B(BIND_DPI, ind, 0), ind->id);
    if (!ind->criterion.lap_required || lap_exempt(a, ind))
        return;
    bind_row(doc, f, 4, "Nom du LAP", B(BIND_LAP_NAME, ind, 0), ind->id);
    bind_row(doc, f, 4, "LAP certifié HAS le", B(BIND_LAP_CERTIFIED, ind, 0), ind->id);
    bind_row(doc, f, 4, "Certification provisoire ou ancien référentiel",
             B(BIND_LAP_PROVISIONAL, ind, 0), ind->id);
    if (ans->lap.provisional)
        bind_row(doc, f, 4, "Démarche engagée le", B(BIND_LAP_PROCESS, ind, 0), ind->id);
}

static void choice_rows(app *a, const rules_indicator *ind, form_t *f)
{
    const rules_criterion *cr = &ind->criterion;
    for (size_t i = 0; cr->list && i < cr->list->count; i++) {
        const lists_entry *e = &cr->list->entries[i];
        char label[600];
        snprintf(label, sizeof label, "%s%s", e->label, e->valid ? "" : " (ne compte pas)");
        bind_row(a->doc, f, 4, label, B(BIND_CHOICE, ind, (int)i), ind->id);
    }
    if (cr->allow_other)
        bind_row(a->doc, f, 4, "Autre (précisez)", B(BIND_OTHER, ind, 0), ind->id);
}

static void student_rows(app *a, const rules_indicator *ind, const decl_answer *ans, form_t *f)
{
    session_doc *doc = a->doc;
    for (size_t i = 0; i < ans->nstudents; i++) {
        char title[64];
        snprintf(title, sizeof title, "Étudiant %zu", i + 1);
        form_text(f, 4, TERM_DIM, title, NULL, f->width);
        bind_row(doc, f, 6, "Nom", B(BIND_STUDENT_NAME, ind, (int)i), ind->id);
        bind_row(doc, f, 6, "Niveau", B(BIND_STUDENT_LEVEL, ind, (int)i), ind->id);
        bind_row(doc, f, 6, "Stage du", B(BIND_STUDENT_FROM, ind, (int)i), ind->id);
        bind_row(doc, f, 6, "au", B(BIND_STUDENT_TO, ind, (int)i), ind->id);
        bind_row(doc, f, 6, "Retirer cet étudiant", B(BIND_STUDENT_REMOVE, ind, (int)i), ind->id);
    }
    bind_row(doc, f, 4, "Ajouter un étudiant", B(BIND_STUDENT_ADD, ind, 0), ind->id);
}

/* A rate (of an average, or a part of an all_of): its name, what its two counts count when the
 * rules say, and the counts typed as N/D, the format said before any error. */
static void rate_rows(app *a, const char *label, const char *numerator, const char *denominator,
                      binding b, form_t *f)
{
    char line[900];
    form_text(f, 4, TERM_NORMAL, label, NULL, f->width);
    if (numerator && denominator) {
        snprintf(line, sizeof line, "N : %s ; D : %s", numerator, denominator);
        form_text(f, 6, TERM_DIM, line, NULL, f->width);
    }
    bind_row(a->doc, f, 6, "Vos chiffres (N/D)", b, b.ind->id);
}

/* The doctor's own counts for an indicator the CNAM computes: an estimate. */
static void count_rows(app *a, const rules_indicator *ind, form_t *f)
{
    const rules_criterion *cr = &ind->criterion;
    char line[600], thr[32];
    switch (cr->type) {
    case RULES_CRIT_RATIO:
        text_fraction(cr->threshold.num, cr->threshold.den, thr, sizeof thr);
        snprintf(line, sizeof line, "Objectif %s %s : %s / %s", cr->strict ? ">" : "≥", thr,
                 cr->numerator, cr->denominator);
        form_text(f, 4, TERM_DIM, line, NULL, f->width);
        bind_row(a->doc, f, 4, "Vos chiffres (N/D)", B(BIND_RATIO, ind, 0), ind->id);
        break;
    case RULES_CRIT_COUNT_AT_LEAST:
        snprintf(line, sizeof line, "Objectif : au moins %lld — %s", (long long)cr->min, cr->what);
        form_text(f, 4, TERM_DIM, line, NULL, f->width);
        bind_row(a->doc, f, 4, "Votre nombre", B(BIND_COUNT, ind, 0), ind->id);
        break;
    case RULES_CRIT_AVERAGE_RATIO:
        for (size_t i = 0; i < cr->ncomponents; i++)
            rate_rows(a, cr->components[i].label, cr->components[i].numerator,
                      cr->components[i].denominator, B(BIND_COMPONENT, ind, (int)i), f);
        break;
    default: bind_row(a->doc, f, 4, "Atteint, selon vous", B(BIND_VALUE, ind, 0), ind->id); break;
    }
}

static int document_index(const rules_indicator *ind, const rules_document *doc)
{
    for (size_t i = 0; i < ind->ndocuments; i++)
        if (&ind->documents[i] == doc)
            return (int)i;
    return 0;
}

static void proof_rows(app *a, const rules_indicator *ind, form_t *f)
{
    const eval_result *e = session_judge(a->doc);
    for (size_t i = 0; e && i < e->nproofs; i++) {
        const eval_proof *p = &e->proofs[i];
        if (p->ind != ind)
            continue;
        char line[700], acc[256];
        vocab_list_flags_fr(&rules_doc_kind_vocab, p->doc->accepted, acc, sizeof acc);
        snprintf(line, sizeof line, "Justificatif : %s (%s)%s", p->doc->label, acc,
                 p->blocking ? " — l'indicateur ne compte qu'une fois envoyé" : "");
        form_text(f, 4, TERM_NORMAL, line, NULL, f->width);
        int k = document_index(ind, p->doc);
        bind_row(a->doc, f, 6, "État", B(BIND_PROOF_STATE, ind, k), ind->id);
        if (p->given && p->given->state != DECL_PROOF_TO_SEND)
            bind_row(a->doc, f, 6,
                     p->given->state == DECL_PROOF_VALIDATED ? "Validé le" : "Envoyé le",
                     B(BIND_PROOF_DATE, ind, k), ind->id);
        if (p->doc->must_show) {
            snprintf(line, sizeof line, "Il doit montrer : %s", p->doc->must_show);
            form_text(f, 6, TERM_DIM, line, NULL, f->width);
        }
    }
}

static void answer_rows(app *a, const rules_indicator *ind, form_t *f)
{
    const decl_answer *ans = decl_find_answer(a->doc->decl, ind->id);
    const rules_criterion *cr = &ind->criterion;
    if (ind->kind == RULES_COMPUTED && cr->type != RULES_CRIT_ALL_OF) {
        count_rows(a, ind, f);
        return;
    }
    if (cr->type == RULES_CRIT_ALL_OF) {
        for (size_t i = 0; i < cr->nparts; i++) { /* a rate takes counts, a condition oui/non */
            const rules_criterion *p = &cr->parts[i];
            if (p->type == RULES_CRIT_RATIO)
                rate_rows(a, p->label, p->numerator, p->denominator,
                          B(BIND_PART_RATIO, ind, (int)i), f);
            else
                bind_row(a->doc, f, 4, p->label, B(BIND_PART, ind, (int)i), ind->id);
        }
        return;
    }
    if (cr->type == RULES_CRIT_SOFTWARE) /* it says where the answer comes from: first */
        bind_row(a->doc, f, 4, "Pré-rempli par l'Assurance Maladie (à vérifier)",
                 B(BIND_PREFILLED, ind, 0), ind->id);
    bind_row(a->doc, f, 4, "Réponse", B(BIND_VALUE, ind, 0), ind->id);
    decl_yesno v = ans ? ans->value : DECL_UNSET;
    if (cr->type == RULES_CRIT_SOFTWARE && v == DECL_YES)
        software_rows(a, ind, ans, f);
    else if (cr->type == RULES_CRIT_CHOICE && v != DECL_NO)
        choice_rows(a, ind, f);
    else if (cr->type == RULES_CRIT_YES_NO && v == DECL_YES && ind->keep)
        student_rows(a, ind, ans, f); /* what the rules say to keep: the students hosted */
}

void indicator_build(app *a, const rules_indicator *ind, form_t *f)
{
    const eval_result *e = session_judge(a->doc);
    const eval_indicator *ev = e ? eval_find(e, ind->id) : NULL;
    if (!ev)
        return;
    heading(a, ind, ev, f);
    if (ind->kind != RULES_COMPUTED)
        form_text(f, 2, TERM_NORMAL, ind->question, NULL, f->width);
    messages(a, ind, f);
    answer_rows(a, ind, f);
    proof_rows(a, ind, f);
}
