/* recap_pdf: the recap a doctor keeps and the paper form, as PDF, from the recap model. The layout
 * is pdf_layout.c's; everything said comes from the model and the rules, nothing year-specific. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsdecl/recap.h"
#include "fsdecl/text.h"
#include "pdf_layout.h"
#include "recap_internal.h"

const char *recap_pdf_font(bool bold)
{
    const char *env = getenv(bold ? "FSDECL_FONT_BOLD" : "FSDECL_FONT");
    if (env && *env)
        return env;
    return bold ? "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
                : "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
}

static void header_of(const recap *r, const char *what, char *buf, size_t size)
{
    const decl_t *d = r->decl;
    snprintf(buf, size, "fsdecl — %s — %s%s%s%s%s", what, r->campaign->title,
             d->identity.last_name ? " — " : "", d->identity.last_name ? d->identity.last_name : "",
             d->identity.first_name ? " " : "",
             d->identity.first_name ? d->identity.first_name : "");
}

/* Text built by a strbuf function, as a paragraph. */
static void paragraph(pdf_doc *p, void (*put)(strbuf *, const recap *), const recap *r)
{
    strbuf b = {0};
    put(&b, r);
    char *t = strbuf_take(&b, NULL);
    pdf_text(p, 0, 0, t ? t : "");
    free(t);
}

static char *range(int64_t lo, int64_t hi, bool money)
{
    strbuf b = {0};
    recap_put_range(&b, lo, hi, money);
    return strbuf_take(&b, NULL);
}

/* ---- the recap ---------------------------------------------------------------------------- */

static void recap_volet_table(pdf_doc *p, const recap *r, const recap_volet *rv)
{
    static const float widths[] = {175, 165, 95, 60};
    static const char *const heading[] = {"Indicateur", "Réponse", "Type, état", "Points"};
    char title[400], all[32];
    text_points(rv->volet->points_tenths, all, sizeof all);
    snprintf(title, sizeof title, "%s (%s pts, %s)", rv->volet->label, all,
             vocab_fr(&rules_award_vocab, rv->volet->award));
    pdf_space(p, 8);
    pdf_keep(p, PDF_BOLD, 5); /* the title, the gate, the heading and a first row together */
    pdf_text(p, 0, PDF_BOLD, title);
    if (rv->requires) {
        snprintf(title, sizeof title, "%s %s", rv->requires->label, recap_gate_words(rv));
        pdf_text(p, 0, PDF_SMALL, title);
    }
    pdf_table(p, widths, 4, heading);
    for (size_t i = 0; i < rv->nitems; i++) {
        const recap_item *it = &rv->items[i];
        const eval_indicator *ev = it->eval;
        char answer[2048], kind[200];
        snprintf(answer, sizeof answer, "%s%s", it->answer, it->estimate ? " (estimation)" : "");
        snprintf(kind, sizeof kind, "%s\n%s", recap_kind_words(r, ev->ind),
                 vocab_fr(&eval_status_vocab, ev->status));
        char *pts = rv->volet->award == RULES_PER_INDICATOR
                        ? range(ev->min_tenths, ev->max_tenths, false)
                        : NULL;
        const char *cells[] = {ev->ind->label, answer, kind, pts ? pts : RECAP_REQUIRED_WORDS};
        pdf_row(p, cells);
        free(pts);
    }
    pdf_table_end(p);
    strbuf b = {0};
    strbuf_puts(&b, "Total du volet : ");
    recap_put_volet_total(&b, r, rv);
    char *t = strbuf_take(&b, NULL);
    pdf_text(p, 0, PDF_BOLD, t ? t : "");
    free(t);
}

static void recap_proofs(pdf_doc *p, const char *title, const recap_proof *const *list, size_t n)
{
    if (!n)
        return;
    pdf_space(p, 8);
    pdf_keep(p, PDF_BOLD, 2);
    pdf_text(p, 0, PDF_BOLD, title);
    for (size_t i = 0; i < n; i++) {
        const eval_proof *o = list[i]->owed;
        char line[1200], date[16] = "";
        if (o->given && o->given->has_date)
            date_format_fr(o->given->date, date, sizeof date);
        snprintf(line, sizeof line, "• %s (%s) : %s%s%s", o->doc->label, list[i]->accepted,
                 o->ind->label, date[0] ? ", le " : "", date);
        pdf_text(p, 8, 0, line);
        if (o->doc->must_show) {
            snprintf(line, sizeof line, "Il doit montrer : %s", o->doc->must_show);
            pdf_text(p, 18, PDF_SMALL, line);
        }
    }
}

static void commitments(pdf_doc *p, const decl_t *d, bool blank)
{
    char title[64] = "Attestation sur l'honneur", date[16];
    if (!blank && d->attestation.has_date) {
        date_format_fr(d->attestation.date, date, sizeof date);
        snprintf(title, sizeof title, "Attestation sur l'honneur du %s", date);
    }
    pdf_space(p, 8);
    pdf_keep(p, PDF_BOLD, 3);
    pdf_text(p, 0, PDF_BOLD, title);
    pdf_check(p, 8, !blank && d->attestation.accuracy, DECL_COMMITMENT_ACCURACY);
    pdf_check(p, 8, !blank && d->attestation.keep_proofs, DECL_COMMITMENT_KEEP_PROOFS);
}

static void render_recap(pdf_doc *p, const recap *r)
{
    char line[600];
    snprintf(line, sizeof line, "Récapitulatif de la déclaration — %s", r->campaign->title);
    pdf_text(p, 0, PDF_TITLE, line);
    pdf_space(p, 6);
    paragraph(p, recap_put_identity, r);
    paragraph(p, recap_put_campaign, r);
    for (size_t v = 0; v < r->nvolets; v++)
        recap_volet_table(p, r, &r->volets[v]);
    char *pts = range(r->eval->min_tenths, r->eval->max_tenths, false);
    char *eur = range(r->eval->min_cents, r->eval->max_cents, true);
    snprintf(line, sizeof line, "Total : %s = %s%s", pts ? pts : "", eur ? eur : "",
             recap_total_note(r));
    free(pts);
    free(eur);
    pdf_space(p, 8);
    pdf_text(p, 0, PDF_TITLE, line);
    recap_proofs(p, "Justificatifs à envoyer à la caisse", r->to_send, r->nto_send);
    recap_proofs(p, "Justificatifs envoyés", r->sent, r->nsent);
    recap_proofs(p, "Justificatifs validés par la CPAM", r->validated, r->nvalidated);
    if (r->nkeep) {
        pdf_space(p, 8);
        pdf_keep(p, PDF_BOLD, 2);
        pdf_text(p, 0, PDF_BOLD, "À garder pour un contrôle");
    }
    for (size_t i = 0; i < r->nkeep; i++) {
        snprintf(line, sizeof line, "• %s : %s", r->keep[i].ind->label, r->keep[i].text);
        pdf_text(p, 8, 0, line);
    }
    commitments(p, r->decl, false);
    pdf_space(p, 8);
    pdf_text(p, 0, PDF_SMALL, "À conserver avec les justificatifs pour un contrôle a posteriori.");
}

/* ---- the paper form ----------------------------------------------------------------------- */

static void form_identity(pdf_doc *p, const recap *r, bool blank)
{
    static const decl_identity_field fields[] = {
        DECL_ID_LAST_NAME, DECL_ID_FIRST_NAME,    DECL_ID_RPPS,
        DECL_ID_AM_NUMBER, DECL_ID_SPECIALTY,     DECL_ID_ADDRESS,
        DECL_ID_CAISSE,    DECL_ID_ESTABLISHMENT, DECL_ID_FINESS};
    pdf_space(p, 6);
    pdf_text(p, 0, PDF_BOLD, "Identité du praticien");
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const char *v = blank ? NULL : decl_identity(r->decl, fields[i]);
        if (!blank && fields[i] == DECL_ID_SPECIALTY && r->specialty)
            v = r->specialty;
        if (fields[i] >= DECL_ID_ESTABLISHMENT && !blank && !r->hospital_dpi)
            continue;
        pdf_field(p, decl_identity_fr(fields[i]), v);
    }
}

static void form_item(pdf_doc *p, const recap *r, const recap_item *it, bool blank)
{
    const rules_indicator *ind = it->eval->ind;
    pdf_space(p, 4);
    pdf_keep(p, PDF_BOLD, 4); /* the question and its boxes with it */
    pdf_text(p, 0, PDF_BOLD, ind->label);
    if (ind->kind == RULES_COMPUTED) {
        pdf_text(p, 8, PDF_SMALL, "Calculé par l'Assurance Maladie : rien à déclarer.");
        return;
    }
    pdf_text(p, 8, PDF_SMALL, ind->question);
    const decl_answer *a = blank ? NULL : decl_find_answer(r->decl, ind->id);
    bool yes = a && (a->value == DECL_YES || (a->value != DECL_NO && (a->nchoices || a->other)));
    bool no = a && a->value == DECL_NO;
    pdf_check(p, 8, yes, "Oui");
    pdf_check(p, 8, no, "Non");
    if (blank)
        pdf_field(p, "Précisions (logiciel, dispositifs, étudiants…)", NULL);
    else if (yes && strcmp(it->answer, "Oui") != 0)
        pdf_text(p, 22, PDF_SMALL, it->answer);
}

static void form_proofs(pdf_doc *p, const recap *r, bool blank)
{
    pdf_space(p, 8);
    pdf_keep(p, PDF_BOLD, 2);
    pdf_text(p, 0, PDF_BOLD, "Justificatifs joints à ce formulaire");
    size_t n = 0;
    for (size_t v = 0; v < r->nvolets; v++)
        for (size_t i = 0; i < r->volets[v].nitems; i++) {
            const rules_indicator *ind = r->volets[v].items[i].eval->ind;
            for (size_t k = 0; blank && k < ind->ndocuments; k++, n++)
                pdf_check(p, 8, false, ind->documents[k].label);
        }
    for (size_t i = 0; !blank && i < r->nto_send; i++, n++)
        pdf_check(p, 8, false, r->to_send[i]->owed->doc->label);
    if (!n)
        pdf_text(p, 8, PDF_SMALL, "Aucun justificatif à joindre.");
}

static void render_form(pdf_doc *p, const recap *r, bool blank)
{
    const rules_campaign *c = r->campaign;
    char line[600], closes[64] = "";
    if (c->window.has_closes)
        date_format_fr(c->window.closes, closes, sizeof closes);
    if (c->window.closes_inferred) /* never a guess given as the caisse's date */
        snprintf(closes + strlen(closes), sizeof closes - strlen(closes),
                 " (clôture probable, non publiée)");
    snprintf(line, sizeof line, "Déclaration — %s — formulaire papier", c->title);
    pdf_text(p, 0, PDF_TITLE, line);
    snprintf(line, sizeof line,
             "À renvoyer complété, signé et revêtu de votre cachet à votre caisse de rattachement "
             "(%s) %s%s, avec vos justificatifs.",
             !blank && r->decl->identity.caisse ? r->decl->identity.caisse : "CPAM",
             closes[0] ? "avant le " : "avant la clôture de la saisie", closes);
    pdf_text(p, 0, 0, line);
    form_identity(p, r, blank);
    for (size_t v = 0; v < r->nvolets; v++) {
        pdf_space(p, 10);
        pdf_keep(p, PDF_TITLE, 6);
        pdf_text(p, 0, PDF_TITLE, r->volets[v].volet->label);
        for (size_t i = 0; i < r->volets[v].nitems; i++)
            form_item(p, r, &r->volets[v].items[i], blank);
    }
    form_proofs(p, r, blank);
    commitments(p, r->decl, blank);
    pdf_field(p, "Fait à", NULL);
    pdf_field(p, "Le", NULL);
    pdf_box(p, "Signature du praticien", 70, false);
    pdf_box(p, "Cachet du praticien", 70, true);
}

bool recap_render_pdf(const recap *r, recap_pdf_kind kind, const char *font, const char *bold,
                      char **out, size_t *len, diag_list *d)
{
    char header[400];
    header_of(r, kind == RECAP_PDF_RECAP ? "récapitulatif" : "formulaire papier", header,
              sizeof header);
    if (kind == RECAP_PDF_BLANK_FORM)
        snprintf(header, sizeof header, "fsdecl — formulaire papier — %s", r->campaign->title);
    pdf_doc *p = pdf_new(font, bold, header, d);
    if (!p)
        return false;
    if (kind == RECAP_PDF_RECAP)
        render_recap(p, r);
    else
        render_form(p, r, kind == RECAP_PDF_BLANK_FORM);
    return pdf_finish(p, out, len, d);
}
