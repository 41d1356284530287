/* bind: rows made from bindings, values read from and given to the declaration. One table says,
 * for every kind of binding, its widget, how its field is loaded from the declaration and how the
 * field's value is given back through the editing API (what a value means is the core's:
 * decl_enter_*). */
#include "bind.h"

#include "fsdecl/ident.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- options of lists, built once a document ------------------------------------------------
 * The wizard's state for the open document (session_doc.front): the options of the reference
 * lists it shows, made when first shown and freed with the document, for a field borrows them. */

typedef struct {
    field_option *specialties; /* NULL when the campaign has no such list */
    size_t nspecialties;
} bind_front;

static void free_front(void *front)
{
    bind_front *f = front;
    if (f)
        free(f->specialties);
    free(f);
}

static int by_folded_label(const void *a, const void *b)
{
    char x[256], y[256];
    field_fold(((const field_option *)a)->label, x, sizeof x);
    field_fold(((const field_option *)b)->label, y, sizeof y);
    return strcmp(x, y);
}

/* The options of a reference list, in alphabetical order (accents aside), so that the list reads
 * as expected and type-ahead finds "Médecine générale" before "Médecine génétique". NULL when
 * memory runs out. */
static field_option *sorted_options(const lists_table *l)
{
    field_option *o = calloc(l->count ? l->count : 1, sizeof *o);
    if (!o)
        return NULL;
    for (size_t i = 0; i < l->count; i++)
        o[i] = (field_option){l->entries[i].id, l->entries[i].label};
    qsort(o, l->count, sizeof *o, by_folded_label);
    return o;
}

/* The document's options, built on first use; NULL when memory runs out (tried again next time). */
static const bind_front *front(session_doc *doc)
{
    if (doc->front)
        return doc->front;
    const lists_table *l = rules_find_list(doc->rules, "specialties");
    bind_front *f = calloc(1, sizeof *f);
    if (f && l && !(f->specialties = sorted_options(l))) {
        free(f);
        return NULL;
    }
    if (!f)
        return NULL;
    f->nspecialties = l ? l->count : 0;
    doc->front = f;
    doc->front_free = free_front;
    return f;
}

/* The proof states, from their vocabulary; the one the caisse gives is last. */
#define PROOF_OPTION(constant, id, fr) {id, fr},
static const field_option PROOF_OPTIONS[] = {DECL_PROOF_STATES(PROOF_OPTION)};
#undef PROOF_OPTION
_Static_assert(DECL_PROOF_VALIDATED == DECL_PROOF_STATE_COUNT - 1, "the caisse's state last");

/* ---- what a binding reads ------------------------------------------------------------------- */

static const decl_answer *answer(const session_doc *doc, binding b)
{
    return b.ind ? decl_find_answer(doc->decl, b.ind->id) : NULL;
}

static const decl_student *student(const session_doc *doc, binding b)
{
    const decl_answer *a = answer(doc, b);
    return a && (size_t)b.sub < a->nstudents ? &a->students[b.sub] : NULL;
}

static const char *document_id(binding b)
{
    return b.ind->documents[b.sub].id;
}

static const decl_proof *proof(const session_doc *doc, binding b)
{
    return decl_find_proof(answer(doc, b), document_id(b));
}

/* The id a component or a ratio part is kept under. */
static const char *component_id(binding b)
{
    return b.kind == BIND_PART_RATIO ? b.ind->criterion.parts[b.sub].id
                                     : b.ind->criterion.components[b.sub].id;
}

static const char *entry_id(binding b)
{
    return b.ind->criterion.list->entries[b.sub].id;
}

/* ---- loaders: a field set up with what the declaration holds --------------------------------- */

static void load_date(field_t *fl, bool has, date_t d)
{
    field_init_date(fl);
    if (has)
        field_set_date(fl, d);
}

static void load_checkbox(field_t *fl, bool on)
{
    field_init_yesno(fl);
    field_set_yesno(fl, on ? DECL_YES : DECL_UNSET);
}

static void load_yesno(field_t *fl, decl_yesno v)
{
    field_init_yesno(fl);
    field_set_yesno(fl, v);
}

static void load_text(field_t *fl, const char *v)
{
    field_init_text(fl, 0, 0);
    if (v)
        field_set_text(fl, v);
}

static void load_fraction(field_t *fl, bool has, int64_t numerator, int64_t denominator)
{
    field_init_fraction(fl);
    if (has)
        field_set_fraction(fl, numerator, denominator);
}

/* An identity field; an identifier (RPPS, N° AM, FINESS) takes only its characters, up to its
 * length, so that a name typed in the wrong field is refused at once. */
static void load_identity(session_doc *doc, binding b, field_t *fl)
{
    decl_identity_field f = (decl_identity_field)b.sub;
    const char *chars;
    size_t length;
    load_text(fl, decl_identity(doc->decl, f));
    if (ident_shape(decl_identity_ident(f), &chars, &length)) {
        field_restrict(fl, chars);
        fl->max_cols = fl->max_bytes = length;
    }
}

static void load_specialty(session_doc *doc, binding b, field_t *fl)
{
    (void)b;
    const bind_front *f = front(doc);
    field_init_choice(fl, f ? f->specialties : NULL, f ? f->nspecialties : 0);
    field_set_choice(fl, doc->decl->identity.specialty);
}

static void load_first_year(session_doc *doc, binding b, field_t *fl)
{
    (void)b;
    load_checkbox(fl, doc->decl->first_year);
}

static void load_accuracy(session_doc *doc, binding b, field_t *fl)
{
    (void)b;
    load_checkbox(fl, doc->decl->attestation.accuracy);
}

static void load_keep_proofs(session_doc *doc, binding b, field_t *fl)
{
    (void)b;
    load_checkbox(fl, doc->decl->attestation.keep_proofs);
}

static void load_value(session_doc *doc, binding b, field_t *fl)
{
    const decl_answer *a = answer(doc, b);
    load_yesno(fl, a ? a->value : DECL_UNSET);
}

static void load_prefilled(session_doc *doc, binding b, field_t *fl)
{
    const decl_answer *a = answer(doc, b);
    load_checkbox(fl, a && a->prefilled);
}

static void load_software(session_doc *doc, binding b, field_t *fl)
{
    const decl_answer *a = answer(doc, b);
    load_text(fl, a ? decl_software(a, (decl_software_field)b.sub) : NULL);
}

static void load_acquired(session_doc *doc, binding b, field_t *fl)
{
    const decl_answer *a = answer(doc, b);
    load_date(fl, a && a->software.has_acquired, a ? a->software.acquired : (date_t){0, 0, 0});
}

static void load_dpi(session_doc *doc, binding b, field_t *fl)
{
    const decl_answer *a = answer(doc, b);
    load_checkbox(fl, a && a->software.hospital_dpi);
}

static void load_lap_name(session_doc *doc, binding b, field_t *fl)
{
    const decl_answer *a = answer(doc, b);
    load_text(fl, a ? a->lap.name : NULL);
}

static void load_lap_certified(session_doc *doc, binding b, field_t *fl)
{
    const decl_answer *a = answer(doc, b);
    load_date(fl, a && a->lap.has_certified, a ? a->lap.certified : (date_t){0, 0, 0});
}

static void load_lap_provisional(session_doc *doc, binding b, field_t *fl)
{
    const decl_answer *a = answer(doc, b);
    load_checkbox(fl, a && a->lap.provisional);
}

static void load_lap_process(session_doc *doc, binding b, field_t *fl)
{
    const decl_answer *a = answer(doc, b);
    load_date(fl, a && a->lap.has_process_started, a ? a->lap.process_started : (date_t){0, 0, 0});
}

static void load_choice(session_doc *doc, binding b, field_t *fl)
{
    load_checkbox(fl, decl_has_choice(answer(doc, b), entry_id(b)));
}

static void load_other(session_doc *doc, binding b, field_t *fl)
{
    const decl_answer *a = answer(doc, b);
    load_text(fl, a ? a->other : NULL);
}

static void load_comment(session_doc *doc, binding b, field_t *fl)
{
    const decl_answer *a = answer(doc, b);
    load_text(fl, a ? a->comment : NULL);
}

static void load_ratio(session_doc *doc, binding b, field_t *fl)
{
    const decl_answer *a = answer(doc, b);
    load_fraction(fl, a && a->has_ratio, a ? a->numerator : 0, a ? a->denominator : 0);
}

static void load_count(session_doc *doc, binding b, field_t *fl)
{
    const decl_answer *a = answer(doc, b);
    field_init_int(fl, 0, 2147483647);
    if (a && a->has_count)
        field_set_int(fl, a->count);
}

static void load_part(session_doc *doc, binding b, field_t *fl)
{
    load_yesno(fl, decl_find_part(answer(doc, b), b.ind->criterion.parts[b.sub].id));
}

static void load_component(session_doc *doc, binding b, field_t *fl)
{
    const decl_component *c = decl_find_component(answer(doc, b), component_id(b));
    load_fraction(fl, c != NULL, c ? c->numerator : 0, c ? c->denominator : 0);
}

static void load_proof_state(session_doc *doc, binding b, field_t *fl)
{
    const decl_proof *p = proof(doc, b);
    size_t n = 0; /* the states offered come first in the vocabulary */
    while (n < DECL_PROOF_STATE_COUNT && decl_enter_proof_state_offered(p, (decl_proof_state)n))
        n++;
    field_init_choice(fl, PROOF_OPTIONS, n);
    field_set_choice(fl, vocab_id(&decl_proof_state_vocab, p ? p->state : DECL_PROOF_TO_SEND));
}

static void load_proof_date(session_doc *doc, binding b, field_t *fl)
{
    const decl_proof *p = proof(doc, b);
    load_date(fl, p && p->has_date, p ? p->date : (date_t){0, 0, 0});
}

static void load_student_name(session_doc *doc, binding b, field_t *fl)
{
    const decl_student *s = student(doc, b);
    load_text(fl, s ? s->name : NULL);
}

static void load_student_level(session_doc *doc, binding b, field_t *fl)
{
    const decl_student *s = student(doc, b);
    load_text(fl, s ? s->level : NULL);
}

static void load_student_from(session_doc *doc, binding b, field_t *fl)
{
    const decl_student *s = student(doc, b);
    load_date(fl, s && s->has_from, s ? s->from : (date_t){0, 0, 0});
}

static void load_student_to(session_doc *doc, binding b, field_t *fl)
{
    const decl_student *s = student(doc, b);
    load_date(fl, s && s->has_to, s ? s->to : (date_t){0, 0, 0});
}

/* ---- what a field holds -------------------------------------------------------------------- */

/* The field's date: *has false when empty; false (err) when incomplete or impossible. */
static bool date_of(const field_t *fl, date_t *out, bool *has, char *err, size_t size)
{
    *has = !field_is_empty(fl);
    if (!*has)
        return true;
    if (field_get_date(fl, out))
        return true;
    if (field_validate(fl, err, size) || !err[0])
        snprintf(err, size, "date incomplète : JJ/MM/AAAA");
    return false;
}

/* The field's numerator and denominator (or whole number): *has false when empty; false (err)
 * when incomplete. */
static bool counts_of(const field_t *fl, bool whole, int64_t *n, int64_t *m, bool *has, char *err,
                      size_t size)
{
    *has = !field_is_empty(fl);
    *n = *m = 0;
    if (!*has || (whole ? field_get_int(fl, n) : field_get_fraction(fl, n, m)))
        return true;
    if (field_validate(fl, err, size) || !err[0])
        snprintf(err, size, "%s", whole ? "nombre incomplet" : "écrivez deux nombres : N/D");
    return false;
}

/* ---- setters: a field's value given to the declaration ---------------------------------------
 * Each reads its field first, so that a value the field refuses changes nothing, not even by
 * making the answer it goes to. */

typedef struct {
    session_doc *doc;
    binding b;
    const field_t *fl;
    char *err; /* what the field refuses */
    size_t size;
    diag_list *d; /* what the editing API refuses */
} give;

/* The answer a binding edits, created when there is none yet. */
static decl_answer *answer_to_edit(const give *g)
{
    return decl_answer_get(g->doc->decl, g->b.ind->id, g->d);
}

static bool ticked(const give *g)
{
    return field_get_yesno(g->fl) == DECL_YES;
}

static bool set_identity(const give *g)
{
    char v[4096];
    field_get_text(g->fl, v, sizeof v);
    return decl_set_identity(g->doc->decl, (decl_identity_field)g->b.sub, v, g->d);
}

static bool set_specialty(const give *g)
{
    if (field_is_proposal(g->fl)) { /* several match what was typed: nobody chose one */
        char typed[256];
        field_get_text(g->fl, typed, sizeof typed);
        size_t n = field_match_count(g->fl);
        if (n > 1)
            snprintf(g->err, g->size, "« %s » : %zu spécialités possibles, Entrée pour choisir",
                     typed, n);
        else
            snprintf(g->err, g->size, "spécialité à choisir dans la liste : Entrée");
        return false;
    }
    return decl_set_identity(g->doc->decl, DECL_ID_SPECIALTY, field_get_choice(g->fl), g->d);
}

static bool set_first_year(const give *g)
{
    decl_set_first_year(g->doc->decl, ticked(g));
    return true;
}

static bool set_accuracy(const give *g)
{
    decl_t *dl = g->doc->decl;
    return decl_enter_commitments(dl, ticked(g), dl->attestation.keep_proofs,
                                  session_today(g->doc->session), g->d);
}

static bool set_keep_proofs(const give *g)
{
    decl_t *dl = g->doc->decl;
    return decl_enter_commitments(dl, dl->attestation.accuracy, ticked(g),
                                  session_today(g->doc->session), g->d);
}

static bool set_value(const give *g)
{
    decl_answer *a = answer_to_edit(g);
    if (a)
        decl_set_value(g->doc->decl, a, field_get_yesno(g->fl));
    return a != NULL;
}

/* A box of an answer, given by its setter. */
static bool set_answer_box(const give *g, void (*set)(decl_t *, decl_answer *, bool))
{
    decl_answer *a = answer_to_edit(g);
    if (a)
        set(g->doc->decl, a, ticked(g));
    return a != NULL;
}

static bool set_prefilled(const give *g)
{
    return set_answer_box(g, decl_set_prefilled);
}

static bool set_dpi(const give *g)
{
    return set_answer_box(g, decl_set_hospital_dpi);
}

static bool set_lap_provisional(const give *g)
{
    return set_answer_box(g, decl_set_lap_provisional);
}

static bool set_choice(const give *g)
{
    decl_answer *a = answer_to_edit(g);
    return a && decl_enter_choice(g->doc->decl, a, entry_id(g->b), ticked(g),
                                  !g->b.ind->criterion.multiple, g->d);
}

static bool set_part(const give *g)
{
    decl_answer *a = answer_to_edit(g);
    return a && decl_set_part(g->doc->decl, a, g->b.ind->criterion.parts[g->b.sub].id,
                              field_get_yesno(g->fl), g->d);
}

static bool set_proof_state(const give *g)
{
    int st = vocab_find(&decl_proof_state_vocab, field_get_choice(g->fl));
    decl_answer *a = answer_to_edit(g);
    return a && decl_enter_proof_state(g->doc->decl, a, document_id(g->b),
                                       st < 0 ? DECL_PROOF_TO_SEND : (decl_proof_state)st,
                                       session_today(g->doc->session), g->d);
}

/* A text of an answer, given by its setter. */
static bool set_answer_text(const give *g,
                            bool (*set)(decl_t *, decl_answer *, const char *, diag_list *))
{
    char v[4096];
    field_get_text(g->fl, v, sizeof v);
    decl_answer *a = answer_to_edit(g);
    return a && set(g->doc->decl, a, v, g->d);
}

static bool set_software(const give *g)
{
    char v[4096];
    field_get_text(g->fl, v, sizeof v);
    decl_answer *a = answer_to_edit(g);
    return a && decl_set_software(g->doc->decl, a, (decl_software_field)g->b.sub, v, g->d);
}

static bool set_lap_name(const give *g)
{
    return set_answer_text(g, decl_set_lap_name);
}

static bool set_other(const give *g)
{
    char v[4096];
    field_get_text(g->fl, v, sizeof v);
    decl_answer *a = answer_to_edit(g);
    return a && decl_enter_other(g->doc->decl, a, v, !g->b.ind->criterion.multiple, g->d);
}

static bool set_comment(const give *g)
{
    return set_answer_text(g, decl_set_comment);
}

/* A date of an answer, given by its setter (NULL: no date). */
static bool set_answer_date(const give *g,
                            bool (*set)(decl_t *, decl_answer *, const date_t *, diag_list *))
{
    date_t v;
    bool has;
    if (!date_of(g->fl, &v, &has, g->err, g->size))
        return false;
    decl_answer *a = answer_to_edit(g);
    return a && set(g->doc->decl, a, has ? &v : NULL, g->d);
}

static bool set_acquired(const give *g)
{
    return set_answer_date(g, decl_set_software_acquired);
}

static bool set_lap_certified(const give *g)
{
    return set_answer_date(g, decl_set_lap_certified);
}

static bool set_lap_process(const give *g)
{
    return set_answer_date(g, decl_set_lap_process_started);
}

static bool set_proof_date(const give *g)
{
    date_t v;
    bool has;
    if (!date_of(g->fl, &v, &has, g->err, g->size))
        return false;
    decl_answer *a = answer_to_edit(g);
    return a && decl_enter_proof_date(g->doc->decl, a, document_id(g->b), has ? &v : NULL, g->d);
}

static bool set_ratio(const give *g)
{
    int64_t n, m;
    bool has;
    if (!counts_of(g->fl, false, &n, &m, &has, g->err, g->size))
        return false;
    decl_answer *a = answer_to_edit(g);
    return a && decl_set_ratio(g->doc->decl, a, has, n, m, g->d);
}

static bool set_count(const give *g)
{
    int64_t n, m;
    bool has;
    if (!counts_of(g->fl, true, &n, &m, &has, g->err, g->size))
        return false;
    decl_answer *a = answer_to_edit(g);
    return a && decl_set_count(g->doc->decl, a, has, n, g->d);
}

static bool set_component(const give *g)
{
    int64_t n, m;
    bool has;
    if (!counts_of(g->fl, false, &n, &m, &has, g->err, g->size))
        return false;
    decl_answer *a = answer_to_edit(g);
    return a && decl_set_component(g->doc->decl, a, component_id(g->b), has, n, m, g->d);
}

/* A student changed in one of its fields: the others stay as they are. */
static bool set_student(const give *g)
{
    bind_kind k = g->b.kind;
    const decl_student *old = student(g->doc, g->b);
    if (!old)
        return false;
    decl_student s = *old;
    char v[1024];
    date_t date;
    bool has;
    if (k == BIND_STUDENT_NAME || k == BIND_STUDENT_LEVEL) {
        field_get_text(g->fl, v, sizeof v);
        *(k == BIND_STUDENT_NAME ? &s.name : &s.level) = *v ? v : NULL;
    } else if (!date_of(g->fl, &date, &has, g->err, g->size)) {
        return false;
    } else if (k == BIND_STUDENT_FROM) {
        s.has_from = has, s.from = date;
    } else {
        s.has_to = has, s.to = date;
    }
    decl_answer *a = answer_to_edit(g);
    return a && decl_set_student(g->doc->decl, a, (size_t)g->b.sub, &s, g->d);
}

/* ---- buttons --------------------------------------------------------------------------------- */

static bool add_student(const give *g, decl_answer *a)
{
    decl_student s = {.name = NULL};
    return decl_add_student(g->doc->decl, a, &s, g->d);
}

static bool remove_student(const give *g, decl_answer *a)
{
    return decl_remove_student(g->doc->decl, a, (size_t)g->b.sub);
}

/* ---- the table ------------------------------------------------------------------------------- */

typedef struct {
    widget_kind widget;
    void (*load)(session_doc *doc, binding b, field_t *fl); /* NULL: a button, or nothing */
    bool (*set)(const give *g);                             /* NULL: nothing to give */
    bool (*press)(const give *g, decl_answer *a);           /* a button's action, or NULL */
    bool per_student;                                       /* sub: the student */
} bind_ops;

/* One row per kind, in the order of FORM_BINDS. The transmit button is the loop's (a dialog), not
 * the declaration's. */
static const bind_ops OPS[] = {
    [BIND_NONE] = {WIDGET_TEXT, NULL, NULL, NULL, false},
    [BIND_IDENTITY] = {WIDGET_TEXT, load_identity, set_identity, NULL, false},
    [BIND_SPECIALTY] = {WIDGET_LIST, load_specialty, set_specialty, NULL, false},
    [BIND_FIRST_YEAR] = {WIDGET_CHECKBOX, load_first_year, set_first_year, NULL, false},
    [BIND_VALUE] = {WIDGET_YESNO, load_value, set_value, NULL, false},
    [BIND_PREFILLED] = {WIDGET_CHECKBOX, load_prefilled, set_prefilled, NULL, false},
    [BIND_SOFTWARE] = {WIDGET_TEXT, load_software, set_software, NULL, false},
    [BIND_ACQUIRED] = {WIDGET_TEXT, load_acquired, set_acquired, NULL, false},
    [BIND_DPI] = {WIDGET_CHECKBOX, load_dpi, set_dpi, NULL, false},
    [BIND_LAP_NAME] = {WIDGET_TEXT, load_lap_name, set_lap_name, NULL, false},
    [BIND_LAP_CERTIFIED] = {WIDGET_TEXT, load_lap_certified, set_lap_certified, NULL, false},
    [BIND_LAP_PROVISIONAL] = {WIDGET_CHECKBOX, load_lap_provisional, set_lap_provisional, NULL,
                              false},
    [BIND_LAP_PROCESS] = {WIDGET_TEXT, load_lap_process, set_lap_process, NULL, false},
    [BIND_CHOICE] = {WIDGET_CHECKBOX, load_choice, set_choice, NULL, false},
    [BIND_OTHER] = {WIDGET_TEXT, load_other, set_other, NULL, false},
    [BIND_RATIO] = {WIDGET_TEXT, load_ratio, set_ratio, NULL, false},
    [BIND_COUNT] = {WIDGET_TEXT, load_count, set_count, NULL, false},
    [BIND_PART] = {WIDGET_YESNO, load_part, set_part, NULL, false},
    [BIND_COMPONENT] = {WIDGET_TEXT, load_component, set_component, NULL, false},
    [BIND_PART_RATIO] = {WIDGET_TEXT, load_component, set_component, NULL, false},
    [BIND_PROOF_STATE] = {WIDGET_RADIO, load_proof_state, set_proof_state, NULL, false},
    [BIND_PROOF_DATE] = {WIDGET_TEXT, load_proof_date, set_proof_date, NULL, false},
    [BIND_STUDENT_NAME] = {WIDGET_TEXT, load_student_name, set_student, NULL, true},
    [BIND_STUDENT_LEVEL] = {WIDGET_TEXT, load_student_level, set_student, NULL, true},
    [BIND_STUDENT_FROM] = {WIDGET_TEXT, load_student_from, set_student, NULL, true},
    [BIND_STUDENT_TO] = {WIDGET_TEXT, load_student_to, set_student, NULL, true},
    [BIND_STUDENT_ADD] = {WIDGET_BUTTON, NULL, NULL, add_student, false},
    [BIND_STUDENT_REMOVE] = {WIDGET_BUTTON, NULL, NULL, remove_student, false},
    [BIND_COMMENT] = {WIDGET_TEXT, load_comment, set_comment, NULL, false},
    [BIND_ACCURACY] = {WIDGET_CHECKBOX, load_accuracy, set_accuracy, NULL, false},
    [BIND_KEEP_PROOFS] = {WIDGET_CHECKBOX, load_keep_proofs, set_keep_proofs, NULL, false},
    [BIND_TRANSMIT] = {WIDGET_BUTTON, NULL, NULL, NULL, false},
};
#define OPS_ONE(constant, name) +1
_Static_assert(sizeof OPS / sizeof OPS[0] == 0 FORM_BINDS(OPS_ONE), "one row per binding kind");
#undef OPS_ONE

static const bind_ops *ops(bind_kind k)
{
    return (size_t)k < sizeof OPS / sizeof OPS[0] ? &OPS[k] : &OPS[BIND_NONE];
}

/* ---- the interface --------------------------------------------------------------------------- */

void bind_row(session_doc *doc, form_t *f, int indent, const char *label, binding b,
              const char *anchor)
{
    const bind_ops *o = ops(b.kind);
    if (o->widget == WIDGET_BUTTON) {
        form_button(f, indent, label, b, anchor);
        return;
    }
    bool fresh;
    field_t *fl = form_field(f, indent, label, b, o->widget, anchor, &fresh);
    if (fl && fresh) {
        if (o->load)
            o->load(doc, b, fl);
        form_field_restore(f, indent, b, fl);
    }
}

bool bind_typed(bind_kind k)
{
    return ops(k)->widget == WIDGET_TEXT;
}

bool bind_commits_at_once(widget_kind w)
{
    return w != WIDGET_TEXT;
}

static bool refused(diag_list *d, char *err, size_t size)
{
    snprintf(err, size, "%s", d->count ? d->items[0].message : "valeur refusée");
    diag_free(d);
    return false;
}

bool bind_commit(session_doc *doc, binding b, const field_t *fl, char *err, size_t size)
{
    diag_list d;
    diag_init(&d);
    err[0] = '\0';
    const give g = {doc, b, fl, err, size, &d};
    bool (*set)(const give *) = ops(b.kind)->set;
    bool ok = set && set(&g);
    if (!ok && !err[0])
        return refused(&d, err, size);
    diag_free(&d);
    return ok;
}

const char *bind_help(binding b)
{
    if (b.kind == BIND_IDENTITY && b.sub >= 0 && b.sub < DECL_ID_COUNT)
        return decl_identity_help((decl_identity_field)b.sub);
    return b.kind == BIND_SPECIALTY ? decl_identity_help(DECL_ID_SPECIALTY) : NULL;
}

bool bind_follow_removed(binding *b, binding removed)
{
    if (!ops(b->kind)->per_student || b->ind != removed.ind || b->sub < removed.sub)
        return true;
    if (b->sub == removed.sub)
        return false;
    b->sub--;
    return true;
}

bool bind_press(session_doc *doc, binding b, char *err, size_t size)
{
    diag_list d;
    diag_init(&d);
    const give g = {doc, b, NULL, err, size, &d};
    bool (*press)(const give *, decl_answer *) = ops(b.kind)->press;
    decl_answer *a = press ? answer_to_edit(&g) : NULL;
    if (!a || !press(&g, a))
        return refused(&d, err, size);
    diag_free(&d);
    return true;
}
