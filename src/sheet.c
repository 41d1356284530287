/* sheet: the « à reporter sur Amelipro » sheet built from a recap: one entry per thing to do on
 * Amelipro, in the order its screens are presumed to ask for it. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsdecl/sheet.h"
#include "fsdecl/text.h"
#include "recap_internal.h"

VOCAB_DEFINE(sheet_kind_vocab, SHEET_KINDS, SHEET_KIND_COUNT)

typedef struct {
    sheet *s;
    size_t cap;
    bool failed;
    sheet_field *fields; /* the entry being built */
    size_t nfields, capfields;
} builder;

static const char *dup(builder *b, const char *s)
{
    char *r = s ? arena_strdup(b->s->arena, s) : NULL;
    if (s && !r)
        b->failed = true;
    return r;
}

static sheet_entry *add(builder *b, sheet_kind kind, const rules_volet *v,
                        const rules_indicator *ind, const char *text, const char *note)
{
    sheet *s = b->s;
    if (b->failed)
        return NULL;
    if (s->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        sheet_entry *e = realloc(s->entries, cap * sizeof *e);
        if (!e) {
            b->failed = true;
            return NULL;
        }
        s->entries = e;
        b->cap = cap;
    }
    sheet_entry *e = &s->entries[s->n++];
    *e = (sheet_entry){.kind = kind, .volet = v, .ind = ind, .text = text, .note = note};
    return e;
}

/* One field of the entry being built; value is copied (NULL or "" adds nothing). */
static void field(builder *b, const char *label, const char *value)
{
    if (b->failed || !value || !*value)
        return;
    if (b->nfields == b->capfields) {
        size_t cap = b->capfields ? b->capfields * 2 : 8;
        sheet_field *f = arena_calloc(b->s->arena, cap, sizeof *f);
        if (!f) {
            b->failed = true;
            return;
        }
        if (b->nfields)
            memcpy(f, b->fields, b->nfields * sizeof *f);
        b->fields = f;
        b->capfields = cap;
    }
    b->fields[b->nfields++] = (sheet_field){label, dup(b, value)};
}

static void date_field(builder *b, const char *label, bool has, date_t d)
{
    char buf[16];
    if (!has)
        return;
    date_format_fr(d, buf, sizeof buf);
    field(b, label, buf);
}

/* "6 120 sur 6 480", the figures as the recap writes them. */
static void counts_field(builder *b, const char *label, int64_t num, int64_t den)
{
    char n[32], d[32], both[80];
    text_points(num * 10, n, sizeof n);
    text_points(den * 10, d, sizeof d);
    snprintf(both, sizeof both, "%s sur %s", n, d);
    field(b, label, both);
}

static const char *yesno(decl_yesno v)
{
    return v == DECL_YES ? "Oui" : v == DECL_NO ? "Non" : NULL;
}

static void software_fields(builder *b, const decl_answer *a)
{
    if (a->value != DECL_YES)
        return;
    for (int f = 0; f < DECL_SW_COUNT; f++)
        field(b, decl_software_fr((decl_software_field)f),
              decl_software(a, (decl_software_field)f));
    date_field(b, "Date d'acquisition", a->software.has_acquired, a->software.acquired);
    if (a->software.hospital_dpi)
        field(b, "DPI de l'établissement", "Oui");
    field(b, "LAP", a->lap.name);
    date_field(b, "Date de certification du LAP", a->lap.has_certified, a->lap.certified);
    if (a->lap.provisional)
        field(b, "Certification provisoire", "Oui");
    date_field(b, "Démarche de certification engagée le", a->lap.has_process_started,
               a->lap.process_started);
}

static void choice_fields(builder *b, const rules_criterion *cr, const decl_answer *a)
{
    const char *verb = cr->multiple ? "Cochez" : "Choisissez";
    for (size_t i = 0; i < a->nchoices; i++) {
        const lists_entry *e = lists_find(cr->list, a->choices[i]);
        field(b, verb, e ? e->label : a->choices[i]);
    }
    if (a->other && *a->other)
        field(b, "Autre (précisez)", a->other);
}

static void student_fields(builder *b, const decl_answer *a)
{
    for (size_t i = 0; i < a->nstudents; i++) {
        const decl_student *st = &a->students[i];
        char line[600], from[16] = "", to[16] = "";
        if (st->has_from)
            date_format_fr(st->from, from, sizeof from);
        if (st->has_to)
            date_format_fr(st->to, to, sizeof to);
        snprintf(line, sizeof line, "%s%s%s%s%s%s%s", st->name ? st->name : "sans nom",
                 st->level ? ", " : "", st->level ? st->level : "", from[0] ? ", du " : "", from,
                 to[0] ? (from[0] ? " au " : ", jusqu'au ") : "", to);
        field(b, "Étudiant", line);
    }
}

static void part_fields(builder *b, const rules_criterion *cr, const decl_answer *a)
{
    for (size_t i = 0; i < cr->nparts; i++) {
        const decl_component *co = decl_find_component(a, cr->parts[i].id);
        if (co)
            counts_field(b, cr->parts[i].label, co->numerator, co->denominator);
        else
            field(b, cr->parts[i].label, yesno(decl_find_part(a, cr->parts[i].id)));
    }
    for (size_t i = 0; i < cr->ncomponents; i++) {
        const decl_component *co = decl_find_component(a, cr->components[i].id);
        if (co)
            counts_field(b, cr->components[i].label, co->numerator, co->denominator);
    }
}

/* What to tick, choose or type for an answer, in the order Amelipro's form is presumed to ask. */
static void answer_fields(builder *b, const rules_indicator *ind, const decl_answer *a)
{
    const rules_criterion *cr = &ind->criterion;
    field(b, "Réponse", yesno(a->value));
    if (cr->type == RULES_CRIT_SOFTWARE)
        software_fields(b, a);
    if (cr->type == RULES_CRIT_CHOICE)
        choice_fields(b, cr, a);
    student_fields(b, a);
    part_fields(b, cr, a);
    if (a->has_count) {
        char n[32];
        text_points(a->count * 10, n, sizeof n);
        field(b, "Nombre", n);
    }
    if (a->has_ratio)
        counts_field(b, "Valeur", a->numerator, a->denominator);
}

/* Whether the doctor gave anything to enter for the indicator. */
static bool answered(const decl_answer *a)
{
    if (!a)
        return false;
    bool parts = false;
    for (size_t i = 0; i < a->nparts; i++)
        parts = parts || a->parts[i].value != DECL_UNSET;
    return a->value != DECL_UNSET || a->nchoices || (a->other && *a->other) || a->nstudents ||
           parts || a->ncomponents || a->has_count || a->has_ratio;
}

static void proofs(builder *b, const rules_volet *v, const recap_item *it)
{
    for (size_t k = 0; k < it->nproofs; k++) {
        const recap_proof *p = &it->proofs[k];
        if (!p->owed->to_send)
            continue;
        char note[600];
        snprintf(note, sizeof note, "envoyez-le par l'icône « enveloppe » de l'indicateur (%s)%s%s",
                 p->accepted, p->owed->doc->must_show ? " ; il doit montrer : " : "",
                 p->owed->doc->must_show ? p->owed->doc->must_show : "");
        sheet_entry *e = add(b, SHEET_PROOF, v, it->eval->ind, p->owed->doc->label, dup(b, note));
        if (e) {
            e->doc = p->owed->doc;
            b->s->nproofs++;
        }
    }
}

static void item(builder *b, const recap *r, const rules_volet *v, const recap_item *it)
{
    const rules_indicator *ind = it->eval->ind;
    const decl_answer *a = decl_find_answer(r->decl, ind->id);
    if (ind->kind == RULES_COMPUTED) {
        add(b, SHEET_COMPUTED, v, ind, ind->label,
            "calculé par l'Assurance Maladie : rien à saisir");
        return;
    }
    if (!answered(a)) {
        if (add(b, SHEET_UNANSWERED, v, ind, ind->label, SHEET_UNANSWERED_WORDS))
            b->s->nunanswered++;
        proofs(b, v, it);
        return;
    }
    b->fields = NULL;
    b->nfields = b->capfields = 0;
    answer_fields(b, ind, a);
    const char *note = NULL;
    if (a->prefilled)
        note = "prérempli par l'Assurance Maladie : vérifiez-le ; s'il est faux, corrigez-le";
    else if (ind->kind == RULES_DECLARATIVE_PREFILLED)
        note = "s'il n'est pas prérempli sur Amelipro, choisissez-le dans ses listes déroulantes";
    if (it->eval->status == EVAL_INCOMPLETE)
        note = "incomplet : à compléter avant de transmettre sur Amelipro";
    sheet_entry *e = add(b, a->prefilled ? SHEET_CHECK : SHEET_ENTER, v, ind, ind->label, note);
    if (e) {
        e->fields = b->fields;
        e->nfields = b->nfields;
    }
    proofs(b, v, it);
}

static void finish(builder *b, const recap *r)
{
    add(b, SHEET_ATTESTATION, NULL, NULL, DECL_COMMITMENT_ACCURACY,
        "case « Attestation sur l'honneur » : confirme l'exactitude des éléments renseignés");
    add(b, SHEET_ATTESTATION, NULL, NULL, DECL_COMMITMENT_KEEP_PROOFS, NULL);
    char by[96], text[200];
    recap_closing_words(r->campaign, by, sizeof by);
    snprintf(text, sizeof text, "Cliquez sur « Transmettre » sur Amelipro %s", by);
    add(b, SHEET_SUBMIT, NULL, NULL, dup(b, text),
        "la déclaration reste modifiable sur Amelipro jusqu'à la clôture ; gardez le récapitulatif "
        "PDF qu'Amelipro propose ensuite avec vos justificatifs");
}

sheet *sheet_build(const recap *r)
{
    arena_t *arena;
    sheet *s = arena_new_owner(sizeof *s, &arena);
    if (!s)
        return NULL;
    memset(s, 0, sizeof *s);
    s->arena = arena;
    s->recap = r;
    /* No rules file says in which order Amelipro's screens ask: the rules' order stands in. */
    s->order_presumed = true;
    builder b = {.s = s};
    for (size_t v = 0; v < r->nvolets && !b.failed; v++) {
        const recap_volet *rv = &r->volets[v];
        add(&b, SHEET_TAB, rv->volet, NULL, rv->volet->label, NULL);
        for (size_t i = 0; i < rv->nitems; i++)
            item(&b, r, rv->volet, &rv->items[i]);
    }
    finish(&b, r);
    if (b.failed) {
        sheet_free(s);
        return NULL;
    }
    return s;
}

void sheet_free(sheet *s)
{
    if (!s)
        return;
    free(s->entries);
    arena_free(s->arena);
}
