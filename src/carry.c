#include "fsdecl/carry.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void note(char ***lines, size_t *n, const char *fmt, ...)
{
    char buf[512];
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

static const char *dup(decl_t *d, const char *s)
{
    return s ? arena_strdup(d->arena, s) : NULL;
}

decl_t *carry_over(const decl_t *prev, const rules_campaign *next, carry_report *r)
{
    memset(r, 0, sizeof *r);
    decl_t *d = decl_new();
    if (!d)
        return NULL;
    d->campaign = next->year;
    d->first_year = false;
    d->identity.last_name = dup(d, prev->identity.last_name);
    d->identity.first_name = dup(d, prev->identity.first_name);
    d->identity.rpps = dup(d, prev->identity.rpps);
    d->identity.am_number = dup(d, prev->identity.am_number);
    d->identity.specialty = dup(d, prev->identity.specialty);
    d->identity.address = dup(d, prev->identity.address);
    d->identity.caisse = dup(d, prev->identity.caisse);
    d->identity.establishment = dup(d, prev->identity.establishment);
    d->identity.finess = dup(d, prev->identity.finess);
    note(&r->carried, &r->ncarried, "Identité (nom, RPPS, N° AM, spécialité, adresse, caisse)");
    d->answers = arena_calloc(d->arena, prev->nanswers ? prev->nanswers : 1, sizeof *d->answers);
    if (!d->answers) {
        decl_free(d);
        return NULL;
    }
    d->capanswers = prev->nanswers ? prev->nanswers : 1;
    for (size_t i = 0; i < prev->nanswers; i++) {
        const decl_answer *pa = &prev->answers[i];
        const rules_indicator *ind = rules_find_indicator(next, pa->indicator);
        if (!ind) {
            note(&r->check, &r->ncheck,
                 "« %s » n'existe plus dans la campagne %d : réponse non reprise", pa->indicator,
                 next->year);
            continue;
        }
        if (ind->kind == RULES_COMPUTED) {
            note(&r->check, &r->ncheck, "%s : vos chiffres de l'an dernier ne sont pas repris",
                 ind->label);
            continue;
        }
        decl_answer *a = &d->answers[d->nanswers++];
        a->indicator = arena_strdup(d->arena, pa->indicator);
        a->value = pa->value;
        a->software.editor = dup(d, pa->software.editor);
        a->software.name = dup(d, pa->software.name);
        a->software.version = dup(d, pa->software.version);
        a->software.has_acquired = pa->software.has_acquired;
        a->software.acquired = pa->software.acquired;
        a->software.hospital_dpi = pa->software.hospital_dpi;
        a->lap.name = dup(d, pa->lap.name);
        a->lap.has_certified = pa->lap.has_certified;
        a->lap.certified = pa->lap.certified;
        a->lap.provisional = pa->lap.provisional;
        if (pa->nchoices) {
            a->choices = arena_calloc(d->arena, pa->nchoices, sizeof *a->choices);
            for (size_t k = 0; a->choices && k < pa->nchoices; k++)
                a->choices[k] = dup(d, pa->choices[k]);
            a->nchoices = a->choices ? pa->nchoices : 0;
        }
        a->other = dup(d, pa->other);
        note(&r->carried, &r->ncarried, "%s", ind->label);
        if (ind->criterion.type == RULES_CRIT_SOFTWARE) {
            note(&r->check, &r->ncheck,
                 "%s : vérifiez que le logiciel et le LAP sont toujours ceux utilisés au %02d/%02d/%d ; "
                 "les justificatifs de l'an dernier ne sont pas repris",
                 ind->label, next->evaluation_date.day, next->evaluation_date.month,
                 next->evaluation_date.year);
            if (pa->lap.provisional)
                note(&r->check, &r->ncheck,
                     "%s : LAP en certification provisoire : indiquez la date de la démarche de "
                     "certification pour cette campagne",
                     ind->label);
        } else if (pa->nstudents) {
            note(&r->check, &r->ncheck, "%s : notez les étudiants accueillis cette année",
                 ind->label);
        } else {
            note(&r->check, &r->ncheck, "%s : confirmez que c'est toujours le cas cette année",
                 ind->label);
        }
    }
    note(&r->check, &r->ncheck,
         "Attestation sur l'honneur : à cocher de nouveau pour la campagne %d", next->year);
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
