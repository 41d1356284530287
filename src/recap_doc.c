/* recap_doc: the recap a doctor keeps with the proofs, as text: who, which campaign, draft or
 * version, each volet's indicators with the answer given, totals and the gate, the proofs, the
 * commitments. */
#include <stdio.h>
#include <stdlib.h>

#include "fsdecl/ident.h"
#include "fsdecl/recap.h"
#include "fsdecl/store_declared.h"
#include "fsdecl/text.h"
#include "recap_internal.h"
#include "strbuf.h"

/* « (à vérifier : ...) » after an RPPS or N° AM whose form or key is wrong, or "", in said. */
static const char *identifier_doubt(decl_identity_field f, const char *v, char *said, size_t size)
{
    said[0] = '\0';
    ident_status st = f == DECL_ID_RPPS        ? ident_check_rpps(v)
                      : f == DECL_ID_AM_NUMBER ? ident_check_am(v)
                                               : IDENT_OK;
    if (st == IDENT_OK)
        return "";
    snprintf(said, size, " (à vérifier : %s)",
             ident_message(st, f == DECL_ID_RPPS ? "RPPS" : "N° AM"));
    return said;
}

void recap_put_identity(strbuf *b, const recap *r)
{
    const decl_t *d = r->decl;
    const char *v;
    strbuf_put(b, "Praticien : %s %s\n", d->identity.last_name ? d->identity.last_name : "?",
               d->identity.first_name ? d->identity.first_name : "");
    static const decl_identity_field shown[] = {DECL_ID_RPPS, DECL_ID_AM_NUMBER, DECL_ID_ADDRESS,
                                                DECL_ID_CAISSE};
    strbuf_put(b, "Spécialité : %s\n", r->specialty ? r->specialty : "non renseignée");
    for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
        char doubt[160] = "";
        v = decl_identity(d, shown[i]);
        strbuf_put(b, "%s : %s%s\n", decl_identity_fr(shown[i]), v ? v : "non renseigné",
                   v ? identifier_doubt(shown[i], v, doubt, sizeof doubt) : "");
    }
    if (r->hospital_dpi)
        for (int f = DECL_ID_ESTABLISHMENT; f <= DECL_ID_FINESS; f++)
            strbuf_put(b, "%s : %s\n", decl_identity_fr((decl_identity_field)f),
                       (v = decl_identity(d, (decl_identity_field)f)) ? v : "à indiquer");
}

void recap_put_campaign(strbuf *b, const recap *r)
{
    const rules_campaign *c = r->campaign;
    char o[16], cl[64];
    date_format_fr(c->window.opens, o, sizeof o);
    rules_closing_fr(c->window.has_closes, c->window.closes, c->window.closes_inferred, cl,
                     sizeof cl);
    strbuf_put(b, "Campagne : %s ; saisie ouverte le %s%s, clôture %s\n", c->title, o,
               c->window.opens_approximate ? " (prévisionnel)" : "", cl);
    if (r->origin.transmitted) {
        char when[64];
        date_stamp_fr(r->origin.date, when, sizeof when);
        strbuf_put(b, "Version %d finalisée le %s\n%s : %s\n", r->origin.version, when,
                   RECAP_FINGERPRINT_FR, r->origin.sha256);
    } else if (r->origin.last_version) {
        char when[64];
        date_stamp_fr(r->origin.last_date, when, sizeof when);
        strbuf_put(b,
                   r->origin.unchanged
                       ? "Brouillon identique à la version %d, finalisée le %s\n"
                       : "Brouillon modifié depuis la version %d, finalisée le %s : "
                         "ces changements ne sont dans aucune version finalisée\n",
                   r->origin.last_version, when);
    } else {
        strbuf_puts(b, "Brouillon : aucune version finalisée\n");
    }
    if (r->origin.declared) {
        char day[16];
        date_format_fr(r->origin.declared_date, day, sizeof day);
        strbuf_put(b, "Déclaration notée : v%d %s le %s\n", r->origin.declared_version,
                   vocab_fr(&store_route_vocab, r->origin.declared_route), day);
    }
    char how[600];
    recap_declare_words(c, how, sizeof how);
    strbuf_put(b, "%s\n", how);
}

void recap_closing_words(const rules_campaign *c, char *buf, size_t size)
{
    char d[16];
    date_format_fr(c->window.closes, d, sizeof d);
    if (!c->window.has_closes)
        snprintf(buf, size, "avant la clôture de la campagne (date non connue)");
    else if (c->window.closes_inferred)
        snprintf(buf, size, "avant la clôture (probablement le %s, date non publiée)", d);
    else
        snprintf(buf, size, "avant la clôture du %s", d);
}

void recap_declare_words(const rules_campaign *c, char *buf, size_t size)
{
    char by[96];
    recap_closing_words(c, by, sizeof by);
    snprintf(buf, size,
             "fsdecl n'envoie rien à l'Assurance Maladie : pour déclarer, %s, reportez ces "
             "réponses sur Amelipro (« Ma convention »), ou envoyez à votre caisse le formulaire "
             "papier prérempli, signé et revêtu de votre cachet, avec les justificatifs.",
             by);
}

const char *recap_gate_words(const recap_volet *rv)
{
    switch (rv->gate) {
    case RECAP_GATE_OPEN: return "atteint : ce volet est payé selon ses indicateurs";
    case RECAP_GATE_UNKNOWN: return "dépend des indicateurs calculés par l'Assurance Maladie";
    case RECAP_GATE_CLOSED: return "non atteint : ce volet n'est pas payé";
    default: return "";
    }
}

void recap_put_volet_total(strbuf *b, const recap *r, const recap_volet *rv)
{
    int64_t value = r->campaign->point_value_cents;
    recap_put_range(b, rv->eval->min_tenths, rv->eval->max_tenths, false);
    strbuf_puts(b, " = ");
    recap_put_range(b, rv->eval->min_tenths * value / 10, rv->eval->max_tenths * value / 10, true);
}

const char *recap_kind_words(const recap *r, const rules_indicator *ind)
{
    const decl_answer *a = decl_find_answer(r->decl, ind->id);
    return rules_kind_fr(ind, a && a->prefilled);
}

static void put_volet(strbuf *b, const recap *r, const recap_volet *rv)
{
    char all[32];
    text_points(rv->volet->points_tenths, all, sizeof all);
    strbuf_put(b, "\n%s (%s pts, %s)\n", rv->volet->label, all,
               vocab_fr(&rules_award_vocab, rv->volet->award));
    if (rv->requires)
        strbuf_put(b, "  %s %s\n", rv->requires->label, recap_gate_words(rv));
    for (size_t i = 0; i < rv->nitems; i++) {
        const recap_item *it = &rv->items[i];
        const eval_indicator *ev = it->eval;
        strbuf_put(b, "  - %s\n    Réponse : %s%s\n    %s ; %s", ev->ind->label, it->answer,
                   it->estimate ? " (estimation)" : "", recap_kind_words(r, ev->ind),
                   vocab_fr(&eval_status_vocab, ev->status));
        strbuf_puts(b, " ; ");
        if (rv->volet->award == RULES_PER_INDICATOR)
            recap_put_range(b, ev->min_tenths, ev->max_tenths, false);
        else
            strbuf_puts(b, RECAP_REQUIRED_WORDS);
        strbuf_puts(b, "\n");
    }
    strbuf_puts(b, "  Total du volet : ");
    recap_put_volet_total(b, r, rv);
    strbuf_puts(b, "\n");
}

static void put_proofs(strbuf *b, const char *title, const recap_proof *const *p, size_t n)
{
    if (!n)
        return;
    strbuf_put(b, "\n%s :\n", title);
    for (size_t i = 0; i < n; i++) {
        const eval_proof *o = p[i]->owed;
        char date[16] = "";
        if (o->given && o->given->has_date)
            date_format_fr(o->given->date, date, sizeof date);
        strbuf_put(b, "  - %s (%s) : %s%s%s\n", o->doc->label, p[i]->accepted, o->ind->label,
                   date[0] ? ", le " : "", date);
        if (o->doc->must_show)
            strbuf_put(b, "    Il doit montrer : %s\n", o->doc->must_show);
    }
}

static void put_commitments(strbuf *b, const decl_t *d)
{
    char date[16] = "";
    if (d->attestation.has_date)
        date_format_fr(d->attestation.date, date, sizeof date);
    strbuf_puts(b, "\nAttestation sur l'honneur");
    if (date[0])
        strbuf_put(b, " du %s", date);
    strbuf_put(b, " :\n  [%s] %s\n  [%s] %s\n", d->attestation.accuracy ? "x" : " ",
               DECL_COMMITMENT_ACCURACY, d->attestation.keep_proofs ? "x" : " ",
               DECL_COMMITMENT_KEEP_PROOFS);
}

char *recap_render_text(const recap *r)
{
    strbuf b = {0};
    strbuf_put(&b, "Récapitulatif de la déclaration — %s\n\n", r->campaign->title);
    recap_put_identity(&b, r);
    recap_put_campaign(&b, r);
    for (size_t v = 0; v < r->nvolets; v++)
        put_volet(&b, r, &r->volets[v]);
    strbuf_puts(&b, "\nTotal : ");
    recap_put_range(&b, r->eval->min_tenths, r->eval->max_tenths, false);
    strbuf_puts(&b, " = ");
    recap_put_range(&b, r->eval->min_cents, r->eval->max_cents, true);
    strbuf_put(&b, "%s\n", recap_total_note(r));
    put_proofs(&b, "Justificatifs à envoyer à la caisse", r->to_send, r->nto_send);
    put_proofs(&b, "Justificatifs envoyés", r->sent, r->nsent);
    put_proofs(&b, "Justificatifs validés par la CPAM", r->validated, r->nvalidated);
    if (r->nkeep)
        strbuf_puts(&b, "\nÀ garder pour un contrôle :\n");
    for (size_t i = 0; i < r->nkeep; i++)
        strbuf_put(&b, "  - %s : %s\n", r->keep[i].ind->label, r->keep[i].text);
    put_commitments(&b, r->decl);
    strbuf_puts(&b, "\nÀ conserver avec les justificatifs pour un contrôle a posteriori.\n");
    return strbuf_take(&b, NULL);
}
