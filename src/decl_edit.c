/* decl_edit: the editing API. Every setter checks its value with the draft reader's own checks
 * (valid.h), copies what it keeps into the declaration's arena, and counts the change. Arrays grow
 * by a new arena copy; the answers themselves never move. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "decl_internal.h"
#include "valid.h"

static bool refuse(diag_list *err, const char *msg)
{
    if (err)
        diag_add(err, "déclaration", 0, "%s", msg);
    return false;
}

/* Counts a change. The first one to a finalised version's text unticks the commitments, which
 * certified that version and not the next (decl_set_commitments counts its own change apart). */
static bool kept(decl_t *d)
{
    d->changes++;
    if (d->certified) {
        if (d->attestation.accuracy || d->attestation.keep_proofs || d->attestation.has_date)
            d->recommit = d->certified;
        d->attestation.accuracy = d->attestation.keep_proofs = d->attestation.has_date = false;
        d->attestation.date = (date_t){0, 0, 0};
        d->certified = 0;
    }
    return true;
}

/* A copy of value in the arena, NULL for NULL or "". False (refused) when the text is bad. */
static bool copy_text(decl_t *d, const char *key, const char *value, bool multiline,
                      const char **out, diag_list *err)
{
    *out = NULL;
    if (!value || !*value)
        return true;
    char msg[VALID_MSG_MAX];
    if (!valid_text(key, value, multiline, msg, sizeof msg))
        return refuse(err, msg);
    if (!(*out = arena_strdup(d->arena, value)))
        return refuse(err, "mémoire insuffisante");
    return true;
}

static bool set_text(decl_t *d, const char **slot, const char *key, const char *value,
                     bool multiline, diag_list *err)
{
    const char *copy;
    if (!copy_text(d, key, value, multiline, &copy, err))
        return false;
    *slot = copy;
    return kept(d);
}

static bool set_date(decl_t *d, bool *has, date_t *slot, const char *key, const date_t *date,
                     diag_list *err)
{
    char msg[VALID_MSG_MAX];
    if (date && !valid_date(key, *date, msg, sizeof msg))
        return refuse(err, msg);
    *has = date != NULL;
    *slot = date ? *date : (date_t){0, 0, 0};
    return kept(d);
}

static bool check_id(const char *key, const char *id, diag_list *err)
{
    char msg[VALID_MSG_MAX];
    return valid_id(key, id ? id : "", msg, sizeof msg) || refuse(err, msg);
}

static bool check_count(const char *key, int64_t v, diag_list *err)
{
    char msg[VALID_MSG_MAX];
    return valid_int(key, v, 0, INT32_MAX, msg, sizeof msg) || refuse(err, msg);
}

/* A new arena array of n + 1 elements of size each, holding the n old ones. */
static void *grow(decl_t *d, const void *old, size_t n, size_t size)
{
    void *p = arena_calloc(d->arena, n + 1, size);
    if (p && n)
        memcpy(p, old, n * size);
    return p;
}

/* Removes element i of an array of n elements of size each, in place. */
static void drop(void *array, size_t *n, size_t i, size_t size)
{
    char *p = array;
    memmove(p + i * size, p + (i + 1) * size, (*n - i - 1) * size);
    (*n)--;
}

/* ---- the declaration as a whole ------------------------------------------------------------ */

bool decl_set_identity(decl_t *d, decl_identity_field f, const char *value, diag_list *err)
{
    const char *before = d->identity.rpps;
    if (!set_text(d, decl_identity_slot(d, f), decl_identity_key(f), value,
                  decl_identity_multiline(f), err))
        return false;
    if (f == DECL_ID_RPPS && (!before || !d->identity.rpps || strcmp(before, d->identity.rpps)))
        d->rpps_confirmed = false; /* it confirmed another number */
    return true;
}

void decl_set_rpps_confirmed(decl_t *d, bool confirmed)
{
    if (d->rpps_confirmed != confirmed)
        d->changes++;
    d->rpps_confirmed = confirmed;
}

bool decl_set_campaign(decl_t *d, int year, diag_list *err)
{
    char msg[VALID_MSG_MAX];
    if (!valid_int("campaign", year, 2000, 2100, msg, sizeof msg))
        return refuse(err, msg);
    d->campaign = year;
    return kept(d);
}

void decl_set_first_year(decl_t *d, bool first_year)
{
    d->first_year = first_year;
    kept(d);
}

/* The same entries, in any order (each field is named once). */
static bool same_typing(const decl_t *d, const decl_typing *t, size_t n)
{
    if (n != d->ntyping)
        return false;
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        while (j < n && strcmp(t[i].field, d->typing[j].field) != 0)
            j++;
        if (j == n || strcmp(t[i].text, d->typing[j].text) != 0)
            return false;
    }
    return true;
}

/* FNV-1a of the field, a separator and the text; summed over the entries, order drops out. */
static uint64_t entry_print(const decl_typing *t)
{
    uint64_t h = UINT64_C(14695981039346656037);
    for (const char *s = t->field; *s; s++)
        h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
    h = (h ^ 0xFFu) * UINT64_C(1099511628211); /* never in UTF-8 */
    for (const char *s = t->text; *s; s++)
        h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
    return h | 1; /* an entry never adds nothing */
}

bool decl_typing_check(const decl_typing *t, diag_list *err)
{
    char msg[VALID_MSG_MAX];
    return valid_typing(t->field, t->text, msg, sizeof msg) || refuse(err, msg);
}

bool decl_set_typing(decl_t *d, const decl_typing *t, size_t n, diag_list *err)
{
    if (n > DECL_MAX_TYPING)
        return refuse(err, "trop de saisies non validées");
    for (size_t i = 0; i < n; i++) {
        if (!decl_typing_check(&t[i], err))
            return false;
        for (size_t j = 0; j < i; j++)
            if (strcmp(t[i].field, t[j].field) == 0)
                return refuse(err, "deux saisies pour le même champ");
    }
    if (same_typing(d, t, n))
        return true;
    decl_typing *copy = n ? arena_calloc(d->arena, n, sizeof *copy) : NULL;
    if (n && !copy)
        return refuse(err, "mémoire insuffisante");
    for (size_t i = 0; i < n; i++) {
        copy[i].field = arena_strdup(d->arena, t[i].field);
        copy[i].text = arena_strdup(d->arena, t[i].text);
        if (!copy[i].field || !copy[i].text)
            return refuse(err, "mémoire insuffisante");
    }
    d->typing = copy;
    d->ntyping = n;
    d->typing_print = 0;
    for (size_t i = 0; i < n; i++)
        d->typing_print += entry_print(&copy[i]);
    return true;
}

bool decl_set_commitments(decl_t *d, bool accuracy, bool keep_proofs, const date_t *date,
                          diag_list *err)
{
    int certified = d->certified; /* ticking is no change to what the commitments certify */
    d->certified = 0;
    bool ok = set_date(d, &d->attestation.has_date, &d->attestation.date, "date", date, err);
    d->certified = certified;
    if (!ok)
        return false;
    d->attestation.accuracy = accuracy;
    d->attestation.keep_proofs = keep_proofs;
    if (accuracy && keep_proofs)
        d->recommit = 0; /* both ticked again: said no more */
    return true;
}

decl_answer *decl_answer_get(decl_t *d, const char *indicator, diag_list *err)
{
    if (!check_id("answers", indicator, err))
        return NULL;
    for (size_t i = 0; i < d->nanswers; i++)
        if (strcmp(d->answers[i]->indicator, indicator) == 0)
            return d->answers[i];
    decl_answer *a = decl_answer_reset(d, indicator);
    if (!a)
        refuse(err, "mémoire insuffisante");
    else
        kept(d);
    return a;
}

void decl_answer_clear(decl_t *d, decl_answer *a)
{
    decl_answer_reset(d, a->indicator);
    kept(d);
}

/* ---- one answer ---------------------------------------------------------------------------- */

void decl_set_value(decl_t *d, decl_answer *a, decl_yesno v)
{
    a->value = v;
    kept(d);
}

void decl_set_prefilled(decl_t *d, decl_answer *a, bool prefilled)
{
    a->prefilled = prefilled;
    kept(d);
}

bool decl_set_software(decl_t *d, decl_answer *a, decl_software_field f, const char *value,
                       diag_list *err)
{
    return set_text(d, decl_software_slot(a, f), decl_software_key(f), value, false, err);
}

bool decl_set_software_acquired(decl_t *d, decl_answer *a, const date_t *date, diag_list *err)
{
    return set_date(d, &a->software.has_acquired, &a->software.acquired, "acquired", date, err);
}

void decl_set_hospital_dpi(decl_t *d, decl_answer *a, bool dpi)
{
    a->software.hospital_dpi = dpi;
    kept(d);
}

bool decl_set_lap_name(decl_t *d, decl_answer *a, const char *value, diag_list *err)
{
    return set_text(d, &a->lap.name, "name", value, false, err);
}

bool decl_set_lap_certified(decl_t *d, decl_answer *a, const date_t *date, diag_list *err)
{
    return set_date(d, &a->lap.has_certified, &a->lap.certified, "certified", date, err);
}

void decl_set_lap_provisional(decl_t *d, decl_answer *a, bool provisional)
{
    a->lap.provisional = provisional;
    kept(d);
}

bool decl_set_lap_process_started(decl_t *d, decl_answer *a, const date_t *date, diag_list *err)
{
    return set_date(d, &a->lap.has_process_started, &a->lap.process_started, "process_started",
                    date, err);
}

bool decl_add_choice(decl_t *d, decl_answer *a, const char *id, diag_list *err)
{
    if (!check_id("choices", id, err))
        return false;
    if (decl_has_choice(a, id))
        return true;
    const char **v = grow(d, a->choices, a->nchoices, sizeof *v);
    const char *copy = arena_strdup(d->arena, id);
    if (!v || !copy)
        return refuse(err, "mémoire insuffisante");
    v[a->nchoices] = copy;
    a->choices = v;
    a->nchoices++;
    return kept(d);
}

bool decl_remove_choice(decl_t *d, decl_answer *a, const char *id)
{
    for (size_t i = 0; id && i < a->nchoices; i++)
        if (strcmp(a->choices[i], id) == 0) {
            drop(a->choices, &a->nchoices, i, sizeof *a->choices);
            return kept(d);
        }
    return true;
}

bool decl_set_other(decl_t *d, decl_answer *a, const char *value, diag_list *err)
{
    return set_text(d, &a->other, "other", value, false, err);
}

bool decl_set_comment(decl_t *d, decl_answer *a, const char *value, diag_list *err)
{
    return set_text(d, &a->comment, "comment", value, true, err);
}

bool decl_set_ratio(decl_t *d, decl_answer *a, bool has, int64_t numerator, int64_t denominator,
                    diag_list *err)
{
    if (has && (!check_count("numerator", numerator, err) ||
                !check_count("denominator", denominator, err)))
        return false;
    a->has_ratio = has;
    a->numerator = has ? numerator : 0;
    a->denominator = has ? denominator : 0;
    return kept(d);
}

bool decl_set_count(decl_t *d, decl_answer *a, bool has, int64_t count, diag_list *err)
{
    if (has && !check_count("count", count, err))
        return false;
    a->has_count = has;
    a->count = has ? count : 0;
    return kept(d);
}

bool decl_set_part(decl_t *d, decl_answer *a, const char *id, decl_yesno v, diag_list *err)
{
    if (!check_id("parts", id, err))
        return false;
    for (size_t i = 0; i < a->nparts; i++)
        if (strcmp(a->parts[i].id, id) == 0) {
            if (v == DECL_UNSET)
                drop(a->parts, &a->nparts, i, sizeof *a->parts);
            else
                a->parts[i].value = v;
            return kept(d);
        }
    if (v == DECL_UNSET)
        return true;
    decl_part *p = grow(d, a->parts, a->nparts, sizeof *p);
    const char *copy = arena_strdup(d->arena, id);
    if (!p || !copy)
        return refuse(err, "mémoire insuffisante");
    p[a->nparts] = (decl_part){copy, v};
    a->parts = p;
    a->nparts++;
    return kept(d);
}

bool decl_set_component(decl_t *d, decl_answer *a, const char *id, bool has, int64_t numerator,
                        int64_t denominator, diag_list *err)
{
    char msg[VALID_MSG_MAX];
    if (!check_id("components", id, err))
        return false;
    if (has && !valid_fraction(id, numerator, denominator, msg, sizeof msg))
        return refuse(err, msg);
    for (size_t i = 0; i < a->ncomponents; i++)
        if (strcmp(a->components[i].id, id) == 0) {
            if (!has)
                drop(a->components, &a->ncomponents, i, sizeof *a->components);
            else
                a->components[i] = (decl_component){a->components[i].id, numerator, denominator};
            return kept(d);
        }
    if (!has)
        return true;
    decl_component *c = grow(d, a->components, a->ncomponents, sizeof *c);
    const char *copy = arena_strdup(d->arena, id);
    if (!c || !copy)
        return refuse(err, "mémoire insuffisante");
    c[a->ncomponents] = (decl_component){copy, numerator, denominator};
    a->components = c;
    a->ncomponents++;
    return kept(d);
}

bool decl_set_proof(decl_t *d, decl_answer *a, const char *id, decl_proof_state state,
                    const date_t *date, diag_list *err)
{
    char msg[VALID_MSG_MAX];
    if (!check_id("proofs", id, err))
        return false;
    if (date && !valid_date("date", *date, msg, sizeof msg))
        return refuse(err, msg);
    if (state != DECL_PROOF_TO_SEND && !date) {
        snprintf(msg, sizeof msg, "justificatif « %s » : la date d'envoi ou de validation manque",
                 id);
        return refuse(err, msg);
    }
    decl_proof p = {NULL, state, date != NULL, date ? *date : (date_t){0, 0, 0}};
    for (size_t i = 0; i < a->nproofs; i++)
        if (strcmp(a->proofs[i].id, id) == 0) {
            p.id = a->proofs[i].id;
            a->proofs[i] = p;
            return kept(d);
        }
    decl_proof *v = grow(d, a->proofs, a->nproofs, sizeof *v);
    if (!v || !(p.id = arena_strdup(d->arena, id)))
        return refuse(err, "mémoire insuffisante");
    v[a->nproofs] = p;
    a->proofs = v;
    a->nproofs++;
    return kept(d);
}

bool decl_remove_proof(decl_t *d, decl_answer *a, const char *id)
{
    for (size_t i = 0; id && i < a->nproofs; i++)
        if (strcmp(a->proofs[i].id, id) == 0) {
            drop(a->proofs, &a->nproofs, i, sizeof *a->proofs);
            return kept(d);
        }
    return true;
}

/* A checked copy of s in the arena. */
static bool copy_student(decl_t *d, const decl_student *s, decl_student *out, diag_list *err)
{
    char msg[VALID_MSG_MAX];
    if ((s->has_from && !valid_date("from", s->from, msg, sizeof msg)) ||
        (s->has_to && !valid_date("to", s->to, msg, sizeof msg)))
        return refuse(err, msg);
    *out = *s;
    return copy_text(d, "name", s->name, false, &out->name, err) &&
           copy_text(d, "level", s->level, false, &out->level, err);
}

bool decl_add_student(decl_t *d, decl_answer *a, const decl_student *s, diag_list *err)
{
    decl_student copy;
    if (!copy_student(d, s, &copy, err))
        return false;
    decl_student *v = grow(d, a->students, a->nstudents, sizeof *v);
    if (!v)
        return refuse(err, "mémoire insuffisante");
    v[a->nstudents] = copy;
    a->students = v;
    a->nstudents++;
    return kept(d);
}

bool decl_set_student(decl_t *d, decl_answer *a, size_t i, const decl_student *s, diag_list *err)
{
    decl_student copy;
    if (i >= a->nstudents)
        return refuse(err, "étudiant inexistant");
    if (!copy_student(d, s, &copy, err))
        return false;
    a->students[i] = copy;
    return kept(d);
}

bool decl_remove_student(decl_t *d, decl_answer *a, size_t i)
{
    if (i >= a->nstudents)
        return false;
    drop(a->students, &a->nstudents, i, sizeof *a->students);
    return kept(d);
}
