/* tab_recap: the Récapitulatif tab, the core's recap model shown as text, scrolled. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsdecl/recap.h"
#include "fsdecl/text.h"
#include "tabs_internal.h"

void tab_recap_title(const app *a, int index, char *buf, size_t size)
{
    (void)a, (void)index;
    snprintf(buf, size, "Récapitulatif");
}

tab_state tab_recap_state(app *a, int index)
{
    (void)a, (void)index;
    return TAB_NONE;
}

static void header_rows(const recap *r, form_t *f)
{
    const decl_t *d = r->decl;
    char line[512], o[16], c[64];
    snprintf(line, sizeof line, "%s — %s %s, RPPS %s", r->campaign->title,
             d->identity.last_name ? d->identity.last_name : "?",
             d->identity.first_name ? d->identity.first_name : "",
             d->identity.rpps ? d->identity.rpps : "?");
    form_text(f, 0, TERM_HEADING, line, NULL, f->width);
    date_format_fr(r->campaign->window.opens, o, sizeof o);
    rules_closing_fr(r->campaign->window.has_closes, r->campaign->window.closes,
                     r->campaign->window.closes_inferred, c, sizeof c);
    snprintf(line, sizeof line, "Saisie ouverte le %s, clôture %s — %s", o, c,
             r->origin.transmitted ? "version finalisée" : "brouillon");
    form_text(f, 2, TERM_DIM, line, NULL, f->width);
    char when[64];
    if (r->origin.transmitted) {
        date_stamp_fr(r->origin.date, when, sizeof when);
        snprintf(line, sizeof line, "Version %d finalisée le %s", r->origin.version, when);
        form_text(f, 2, TERM_DIM, line, NULL, f->width);
        snprintf(line, sizeof line, "%s : %.16s…", RECAP_FINGERPRINT_FR, r->origin.sha256);
        form_text(f, 2, TERM_DIM, line, NULL, f->width);
    } else if (r->origin.last_version) {
        date_stamp_fr(r->origin.last_date, when, sizeof when);
        snprintf(line, sizeof line,
                 r->origin.unchanged
                     ? "Identique à la version %d, finalisée le %s"
                     : "Modifié depuis la version %d, finalisée le %s : ces changements ne sont "
                       "dans aucune version finalisée",
                 r->origin.last_version, when);
        form_text(f, 2, r->origin.unchanged ? TERM_DIM : TERM_WARN, line, NULL, f->width);
    }
}

static void item_rows(const recap *r, const recap_volet *rv, const recap_item *it, form_t *f)
{
    char right[96], pts[32];
    const char *st = vocab_fr(&eval_status_vocab, it->eval->status);
    if (rv->volet->award == RULES_PER_INDICATOR) {
        text_points(it->eval->max_tenths, pts, sizeof pts);
        snprintf(right, sizeof right, "%s %s %s pts", st, term_symbol(TERM_SYM_SEP), pts);
    } else {
        snprintf(right, sizeof right, "%s", st);
    }
    form_text(f, 2, TERM_NORMAL, it->eval->ind->label, right, f->width);
    char answer[1200];
    snprintf(answer, sizeof answer, "%s%s", it->answer, it->estimate ? " (estimation)" : "");
    form_text(f, 6, TERM_DIM, answer, NULL, f->width);
    (void)r;
}

static void volet_rows(const recap *r, form_t *f)
{
    for (size_t v = 0; v < r->nvolets; v++) {
        const recap_volet *rv = &r->volets[v];
        char right[160], lo[32], hi[32], all[32];
        text_points(rv->eval->min_tenths, lo, sizeof lo);
        text_points(rv->eval->max_tenths, hi, sizeof hi);
        text_points(rv->volet->points_tenths, all, sizeof all);
        if (rv->eval->min_tenths == rv->eval->max_tenths)
            snprintf(right, sizeof right, "%s pts sur %s", lo, all);
        else
            snprintf(right, sizeof right, "%s à %s pts sur %s", lo, hi, all);
        form_blank(f);
        form_text(f, 0, TERM_HEADING, rv->volet->label, right, f->width);
        if (rv->gate == RECAP_GATE_CLOSED)
            form_text(f, 2, TERM_BAD, "Non payé : le volet dont il dépend n'est pas atteint.", NULL,
                      f->width);
        for (size_t i = 0; i < rv->nitems; i++)
            item_rows(r, rv, &rv->items[i], f);
    }
}

static void proof_list(form_t *f, const char *title, const recap_proof *const *p, size_t n)
{
    if (!n)
        return;
    form_blank(f);
    form_text(f, 0, TERM_HEADING, title, NULL, f->width);
    for (size_t i = 0; i < n; i++) {
        char line[800], date[16] = "";
        if (p[i]->owed->given && p[i]->owed->given->has_date)
            date_format_fr(p[i]->owed->given->date, date, sizeof date);
        snprintf(line, sizeof line, "%s — %s%s%s", p[i]->owed->ind->label, p[i]->owed->doc->label,
                 date[0] ? ", le " : "", date);
        form_text(f, 2, TERM_NORMAL, line, NULL, f->width);
    }
}

static void total_rows(const recap *r, form_t *f)
{
    const eval_result *e = r->eval;
    char lo[48], hi[48], plo[32], phi[32], line[256];
    text_money(e->min_cents, lo, sizeof lo);
    text_money(e->max_cents, hi, sizeof hi);
    text_points(e->min_tenths, plo, sizeof plo);
    text_points(e->max_tenths, phi, sizeof phi);
    if (r->range) /* what the range rests on, as the text and PDF recaps say it */
        snprintf(line, sizeof line, "Total : %s à %s pts = %s à %s%s", plo, phi, lo, hi,
                 recap_total_note(r));
    else
        snprintf(line, sizeof line, "Total : %s pts = %s%s", plo, lo, recap_total_note(r));
    form_blank(f);
    form_text(f, 0, TERM_HEADING, line, NULL, f->width);
}

static void commitment_rows(const recap *r, form_t *f)
{
    const decl_t *d = r->decl;
    char line[400];
    form_blank(f);
    form_text(f, 0, TERM_HEADING, "Attestation sur l'honneur", NULL, f->width);
    snprintf(line, sizeof line, "%s %s",
             term_symbol(d->attestation.accuracy ? TERM_SYM_CHECKED : TERM_SYM_UNCHECKED),
             DECL_COMMITMENT_ACCURACY);
    form_text(f, 2, TERM_NORMAL, line, NULL, f->width);
    snprintf(line, sizeof line, "%s %s",
             term_symbol(d->attestation.keep_proofs ? TERM_SYM_CHECKED : TERM_SYM_UNCHECKED),
             DECL_COMMITMENT_KEEP_PROOFS);
    form_text(f, 2, TERM_NORMAL, line, NULL, f->width);
}

void tab_recap_build_rows(app *a, int index, form_t *f)
{
    (void)index;
    const eval_result *e = session_judge(a->doc);
    recap_origin origin;
    diag_list d;
    diag_init(&d);
    char unread[600] = ""; /* a history not read: said, never shown as no version */
    if (!session_doc_origin(a->doc, &origin, &d)) {
        snprintf(unread, sizeof unread,
                 "Historique illisible : %s ; la dernière version finalisée n'est pas connue.",
                 d.count ? d.items[0].message : "raison inconnue");
        memset(&origin, 0, sizeof origin);
    }
    diag_free(&d);
    recap *r = e ? recap_build(a->doc->rules, a->doc->decl, e, &origin) : NULL;
    if (!r) {
        form_text(f, 0, TERM_BAD, "Récapitulatif impossible : règles introuvables.", NULL,
                  f->width);
        return;
    }
    header_rows(r, f);
    if (*unread)
        form_text(f, 0, TERM_BAD, unread, NULL, f->width);
    total_rows(r, f);
    volet_rows(r, f);
    proof_list(f, "Justificatifs à envoyer à la caisse", r->to_send, r->nto_send);
    proof_list(f, "Justificatifs envoyés", r->sent, r->nsent);
    proof_list(f, "Justificatifs validés par la CPAM", r->validated, r->nvalidated);
    for (size_t i = 0; i < r->nkeep; i++) {
        char line[800];
        snprintf(line, sizeof line, "À garder pour un contrôle (%s) : %s", r->keep[i].ind->label,
                 r->keep[i].text);
        form_blank(f);
        form_text(f, 0, TERM_NORMAL, line, NULL, f->width);
    }
    commitment_rows(r, f);
    recap_free(r);
}
