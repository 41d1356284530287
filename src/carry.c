#include "fsdecl/carry.h"
#include "fsdecl/date.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void
note(char ***lines, size_t *n, const char *fmt, ...)
{
    char buf[4096]; /* the longest: every answer a new campaign no longer asks for */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char **nl = realloc(*lines, (*n + 1) * sizeof *nl);
    if (!nl)
        return;
    *lines = nl;
    if ((nl[*n] = strdup(buf)))
        (*n)++;
}

/* The answer to a declarative indicator as given last year: the value, the software and LAP, the
 * choices, the free answer and the proofs the caisse validated (never counts, proofs only sent or
 * to send, students or the attestation). */
static bool carry_answer(decl_t *d, const decl_answer *pa)
{
    decl_answer *a = decl_answer_get(d, pa->indicator, NULL);
    if (!a)
        return false;
    decl_set_value(d, a, pa->value);
    for (int f = 0; f < DECL_SW_COUNT; f++)
        decl_set_software(d, a, (decl_software_field)f, decl_software(pa, (decl_software_field)f),
                          NULL);
    decl_set_software_acquired(d, a, pa->software.has_acquired ? &pa->software.acquired : NULL,
                               NULL);
    decl_set_hospital_dpi(d, a, pa->software.hospital_dpi);
    decl_set_lap_name(d, a, pa->lap.name, NULL);
    decl_set_lap_certified(d, a, pa->lap.has_certified ? &pa->lap.certified : NULL, NULL);
    decl_set_lap_provisional(d, a, pa->lap.provisional);
    for (size_t k = 0; k < pa->nchoices; k++)
        decl_add_choice(d, a, pa->choices[k], NULL);
    decl_set_other(d, a, pa->other, NULL);
    for (size_t k = 0; k < pa->nproofs; k++) {
        const decl_proof *p = &pa->proofs[k];
        if (p->state == DECL_PROOF_VALIDATED && p->has_date &&
            !decl_set_proof(d, a, p->id, p->state, &p->date, NULL))
            return false;
    }
    return true;
}

/* The proofs the caisse validated, carried with their date: they stand while the equipment is
 * unchanged (the rules say when one is owed again). */
static void note_validated_proofs(carry_report *r, const rules_indicator *ind,
                                  const decl_answer *pa)
{
    for (size_t k = 0; k < pa->nproofs; k++) {
        const decl_proof *p = &pa->proofs[k];
        const rules_document *doc = rules_find_document(ind, p->id);
        if (p->state != DECL_PROOF_VALIDATED || !p->has_date)
            continue;
        char b[16];
        date_format_fr(p->date, b, sizeof b);
        note(&r->carried, &r->ncarried,
             "%s : « %s » validé par la CPAM le %s (vaut tant que l'équipement ne change pas)",
             ind->label, doc ? doc->label : p->id, b);
    }
}

/* A specialty exempt from the LAP in the annexe list, in a campaign that exempts no one. */
static bool exemption_lost(const rules_campaign *next, const rules_indicator *ind,
                           const decl_t *prev)
{
    const lists_entry *sp =
        lists_find(rules_find_list(next, "specialties"), prev->identity.specialty);
    return ind->criterion.lap_required && !ind->criterion.lap_exemption && sp && sp->lap_exempt;
}

static void note_what_to_check(carry_report *r, const rules_campaign *next,
                               const rules_indicator *ind, const decl_answer *pa,
                               const decl_t *prev)
{
    if (ind->criterion.type == RULES_CRIT_SOFTWARE && exemption_lost(next, ind, prev))
        note(&r->check, &r->ncheck,
             "%s : votre spécialité était exonérée du LAP ; elle ne l'est plus pour la campagne "
             "%d : indiquez votre LAP et sa certification par la HAS",
             ind->label, next->year);
    if (ind->criterion.type == RULES_CRIT_SOFTWARE) {
        note(
            &r->check, &r->ncheck,
            "%s : vérifiez que le logiciel et le LAP sont toujours ceux utilisés au %02d/%02d/%d ; "
            "seuls les justificatifs validés par la CPAM sont repris",
            ind->label, next->evaluation_date.day, next->evaluation_date.month,
            next->evaluation_date.year);
        if (pa->lap.provisional)
            note(&r->check, &r->ncheck,
                 "%s : LAP en certification provisoire : indiquez la date de la démarche de "
                 "certification pour cette campagne",
                 ind->label);
    } else if (pa->nstudents) {
        note(&r->check, &r->ncheck, "%s : notez les étudiants accueillis cette année", ind->label);
    } else {
        note(&r->check, &r->ncheck, "%s : confirmez que c'est toujours le cas cette année",
             ind->label);
    }
}

/* The answers last year's campaign asked for and this one no longer does, in one line, by the
 * names the doctor read last year (their ids only if last year's rules cannot be read). */
static bool note_dropped(carry_report *r, const decl_t *prev, const rules_campaign *prev_rules,
                         const rules_campaign *next, size_t dropped)
{
    strbuf b = {0};
    strbuf_put(&b, "%zu réponse%s de %d %s plus demandée%s en %d, donc non reprise%s : ", dropped,
               dropped > 1 ? "s" : "", prev->campaign, dropped > 1 ? "ne sont" : "n'est",
               dropped > 1 ? "s" : "", next->year, dropped > 1 ? "s" : "");
    size_t k = 0;
    for (size_t i = 0; i < prev->nanswers; i++) {
        const char *id = prev->answers[i]->indicator;
        if (rules_find_indicator(next, id))
            continue;
        const rules_indicator *was = prev_rules ? rules_find_indicator(prev_rules, id) : NULL;
        strbuf_put(&b, "%s%s", k++ ? " ; " : "", was ? was->label : id);
    }
    char *line = strbuf_take(&b, NULL);
    if (line)
        note(&r->check, &r->ncheck, "%s", line);
    free(line);
    return line != NULL;
}

decl_t *carry_over(const decl_t *prev, const rules_campaign *prev_rules, const rules_campaign *next,
                   carry_report *r)
{
    memset(r, 0, sizeof *r);
    decl_t *d = decl_new();
    if (!d || !decl_set_campaign(d, next->year, NULL)) {
        decl_free(d);
        return NULL;
    }
    for (int f = 0; f < DECL_ID_COUNT; f++)
        decl_set_identity(d, (decl_identity_field)f, decl_identity(prev, (decl_identity_field)f),
                          NULL);
    note(&r->carried, &r->ncarried, "Identité (nom, RPPS, N° AM, spécialité, adresse, caisse)");
    size_t dropped = 0;
    for (size_t i = 0; i < prev->nanswers; i++) {
        const decl_answer *pa = prev->answers[i];
        const rules_indicator *ind = rules_find_indicator(next, pa->indicator);
        if (!ind) {
            dropped++;
        } else if (ind->kind == RULES_COMPUTED) {
            note(&r->check, &r->ncheck, "%s : vos chiffres de l'an dernier ne sont pas repris",
                 ind->label);
        } else if (carry_answer(d, pa)) {
            note(&r->carried, &r->ncarried, "%s", ind->label);
            note_validated_proofs(r, ind, pa);
            note_what_to_check(r, next, ind, pa, prev);
        } else {
            decl_free(d);
            carry_report_free(r);
            return NULL;
        }
    }
    if (dropped && !note_dropped(r, prev, prev_rules, next, dropped)) {
        decl_free(d);
        carry_report_free(r);
        return NULL;
    }
    note(&r->check, &r->ncheck,
         "Attestation sur l'honneur : à cocher de nouveau pour la campagne %d", next->year);
    d->changes = 0;
    return d;
}

void carry_report_free(carry_report *r)
{
    for (size_t i = 0; i < r->ncarried; i++)
        free(r->carried[i]);
    for (size_t i = 0; i < r->ncheck; i++)
        free(r->check[i]);
    free(r->carried);
    free(r->check);
    memset(r, 0, sizeof *r);
}
