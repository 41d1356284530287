/* bind: rows made from bindings, values read from and given to the declaration. */
#include "bind.h"

#include "fsdecl/ident.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- options of lists, built once ------------------------------------------------------------ */

typedef struct {
    const void *source;
    field_option *options;
    size_t n;
} option_set;

static option_set SETS[16];
static size_t NSETS;

static int by_folded_label(const void *a, const void *b)
{
    char x[256], y[256];
    field_fold(((const field_option *)a)->label, x, sizeof x);
    field_fold(((const field_option *)b)->label, y, sizeof y);
    return strcmp(x, y);
}

/* The options of a reference list, in alphabetical order (accents aside), so that the list reads
 * as expected and type-ahead finds "Médecine générale" before "Médecine génétique". */
static const option_set *list_options(const lists_table *l)
{
    for (size_t i = 0; i < NSETS; i++)
        if (SETS[i].source == l)
            return &SETS[i];
    if (NSETS == sizeof SETS / sizeof SETS[0])
        return NULL;
    field_option *o = calloc(l->count ? l->count : 1, sizeof *o);
    if (!o)
        return NULL;
    for (size_t i = 0; i < l->count; i++)
        o[i] = (field_option){l->entries[i].id, l->entries[i].label};
    qsort(o, l->count, sizeof *o, by_folded_label);
    SETS[NSETS] = (option_set){l, o, l->count};
    return &SETS[NSETS++];
}

/* The proof states, from their vocabulary. */
static const option_set *proof_options(void)
{
    static field_option o[DECL_PROOF_STATE_COUNT];
    static option_set set = {&decl_proof_state_vocab, o, DECL_PROOF_STATE_COUNT};
    for (int i = 0; i < DECL_PROOF_STATE_COUNT; i++)
        o[i] = (field_option){vocab_id(&decl_proof_state_vocab, i),
                              vocab_fr(&decl_proof_state_vocab, i)};
    return &set;
}

void bind_free(void)
{
    for (size_t i = 0; i < NSETS; i++)
        free(SETS[i].options);
    NSETS = 0;
}

/* ---- reading --------------------------------------------------------------------------------- */

static decl_answer *answer(session_doc *doc, const rules_indicator *ind)
{
    return ind ? (decl_answer *)decl_find_answer(doc->decl, ind->id) : NULL;
}

static const rules_criterion *part_of(const rules_indicator *ind, int sub)
{
    return &ind->criterion.parts[sub];
}

static const decl_student *student(session_doc *doc, binding b)
{
    decl_answer *a = answer(doc, b.ind);
    return a && (size_t)b.sub < a->nstudents ? &a->students[b.sub] : NULL;
}

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

static void load_text(field_t *fl, const char *v)
{
    field_init_text(fl, 0, 0);
    if (v)
        field_set_text(fl, v);
}

static void load_proof(session_doc *doc, binding b, field_t *fl)
{
    const decl_proof *p = decl_find_proof(answer(doc, b.ind), b.ind->documents[b.sub].id);
    if (b.kind == BIND_PROOF_DATE) {
        load_date(fl, p && p->has_date, p ? p->date : (date_t){0, 0, 0});
        return;
    }
    const option_set *o = proof_options();
    field_init_choice(fl, o->options, o->n);
    field_set_choice(fl, vocab_id(&decl_proof_state_vocab, p ? p->state : DECL_PROOF_TO_SEND));
}

static void load_student(session_doc *doc, binding b, field_t *fl)
{
    const decl_student *s = student(doc, b);
    if (b.kind == BIND_STUDENT_NAME || b.kind == BIND_STUDENT_LEVEL)
        load_text(fl, s ? (b.kind == BIND_STUDENT_NAME ? s->name : s->level) : NULL);
    else if (b.kind == BIND_STUDENT_FROM)
        load_date(fl, s && s->has_from, s ? s->from : (date_t){0, 0, 0});
    else
        load_date(fl, s && s->has_to, s ? s->to : (date_t){0, 0, 0});
}

/* The id a component or a ratio part is kept under. */
static const char *counts_id(binding b)
{
    return b.kind == BIND_PART_RATIO ? b.ind->criterion.parts[b.sub].id
                                     : b.ind->criterion.components[b.sub].id;
}

static void load_counts(const decl_answer *a, binding b, field_t *fl)
{
    if (b.kind == BIND_COUNT) {
        field_init_int(fl, 0, 2147483647);
        if (a && a->has_count)
            field_set_int(fl, a->count);
        return;
    }
    field_init_fraction(fl);
    if (b.kind == BIND_RATIO && a && a->has_ratio)
        field_set_fraction(fl, a->numerator, a->denominator);
    const decl_component *c = b.kind == BIND_RATIO ? NULL : decl_find_component(a, counts_id(b));
    if (c)
        field_set_fraction(fl, c->numerator, c->denominator);
}

static void load_answer(session_doc *doc, binding b, field_t *fl)
{
    const decl_answer *a = answer(doc, b.ind);
    switch (b.kind) {
    case BIND_VALUE:
        field_init_yesno(fl);
        field_set_yesno(fl, a ? a->value : DECL_UNSET);
        break;
    case BIND_PREFILLED: load_checkbox(fl, a && a->prefilled); break;
    case BIND_DPI: load_checkbox(fl, a && a->software.hospital_dpi); break;
    case BIND_LAP_PROVISIONAL: load_checkbox(fl, a && a->lap.provisional); break;
    case BIND_SOFTWARE:
        load_text(fl, a ? decl_software(a, (decl_software_field)b.sub) : NULL);
        break;
    case BIND_LAP_NAME: load_text(fl, a ? a->lap.name : NULL); break;
    case BIND_OTHER: load_text(fl, a ? a->other : NULL); break;
    case BIND_COMMENT: load_text(fl, a ? a->comment : NULL); break;
    case BIND_ACQUIRED:
        load_date(fl, a && a->software.has_acquired, a ? a->software.acquired : (date_t){0});
        break;
    case BIND_LAP_CERTIFIED:
        load_date(fl, a && a->lap.has_certified, a ? a->lap.certified : (date_t){0});
        break;
    case BIND_LAP_PROCESS:
        load_date(fl, a && a->lap.has_process_started, a ? a->lap.process_started : (date_t){0});
        break;
    case BIND_CHOICE:
        load_checkbox(fl, decl_has_choice(a, b.ind->criterion.list->entries[b.sub].id));
        break;
    case BIND_PART:
        field_init_yesno(fl);
        field_set_yesno(fl, decl_find_part(a, part_of(b.ind, b.sub)->id));
        break;
    default: load_counts(a, b, fl); break;
    }
}

/* An identity field; an identifier (RPPS, N° AM, FINESS) takes only its characters, up to its
 * length, so that a name typed in the wrong field is refused at once. */
static void load_identity(field_t *fl, const decl_t *d, decl_identity_field f)
{
    const char *chars;
    size_t length;
    load_text(fl, decl_identity(d, f));
    if (ident_shape(decl_identity_ident(f), &chars, &length)) {
        field_restrict(fl, chars);
        fl->max_cols = fl->max_bytes = length;
    }
}

static void load(session_doc *doc, binding b, field_t *fl)
{
    const decl_t *d = doc->decl;
    switch (b.kind) {
    case BIND_IDENTITY: load_identity(fl, d, (decl_identity_field)b.sub); break;
    case BIND_SPECIALTY: {
        const option_set *o = list_options(rules_find_list(doc->rules, "specialties"));
        field_init_choice(fl, o ? o->options : NULL, o ? o->n : 0);
        field_set_choice(fl, d->identity.specialty);
        break;
    }
    case BIND_FIRST_YEAR: load_checkbox(fl, d->first_year); break;
    case BIND_ACCURACY: load_checkbox(fl, d->attestation.accuracy); break;
    case BIND_KEEP_PROOFS: load_checkbox(fl, d->attestation.keep_proofs); break;
    case BIND_PROOF_STATE:
    case BIND_PROOF_DATE: load_proof(doc, b, fl); break;
    case BIND_STUDENT_NAME:
    case BIND_STUDENT_LEVEL:
    case BIND_STUDENT_FROM:
    case BIND_STUDENT_TO: load_student(doc, b, fl); break;
    default: load_answer(doc, b, fl); break;
    }
}

static widget_kind widget_of(bind_kind k)
{
    switch (k) {
    case BIND_FIRST_YEAR:
    case BIND_PREFILLED:
    case BIND_DPI:
    case BIND_LAP_PROVISIONAL:
    case BIND_CHOICE:
    case BIND_ACCURACY:
    case BIND_KEEP_PROOFS: return WIDGET_CHECKBOX;
    case BIND_VALUE:
    case BIND_PART: return WIDGET_YESNO;
    case BIND_PROOF_STATE: return WIDGET_RADIO;
    case BIND_SPECIALTY: return WIDGET_LIST;
    case BIND_STUDENT_ADD:
    case BIND_STUDENT_REMOVE:
    case BIND_TRANSMIT: return WIDGET_BUTTON;
    default: return WIDGET_TEXT;
    }
}

void bind_row(session_doc *doc, form_t *f, int indent, const char *label, binding b,
              const char *anchor)
{
    widget_kind w = widget_of(b.kind);
    if (w == WIDGET_BUTTON) {
        form_button(f, indent, label, b, anchor);
        return;
    }
    bool fresh;
    field_t *fl = form_field(f, indent, label, b, w, anchor, &fresh);
    if (fl && fresh) {
        load(doc, b, fl);
        form_field_restore(f, indent, b, fl);
    }
}

bool bind_typed(bind_kind k)
{
    return widget_of(k) == WIDGET_TEXT;
}

bool bind_commits_at_once(widget_kind w)
{
    return w != WIDGET_TEXT;
}

/* ---- giving values back ---------------------------------------------------------------------- */

static bool refused(diag_list *d, char *err, size_t size)
{
    snprintf(err, size, "%s", d->count ? d->items[0].message : "valeur refusée");
    diag_free(d);
    return false;
}

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

static bool text_of(const field_t *fl, char *buf, size_t n)
{
    return field_get_text(fl, buf, n);
}

static bool commit_text(session_doc *doc, binding b, const field_t *fl, diag_list *d)
{
    static char v[4096];
    text_of(fl, v, sizeof v);
    decl_t *dl = doc->decl;
    if (b.kind == BIND_IDENTITY)
        return decl_set_identity(dl, (decl_identity_field)b.sub, v, d);
    decl_answer *a = decl_answer_get(dl, b.ind->id, d);
    if (!a)
        return false;
    switch (b.kind) {
    case BIND_SOFTWARE: return decl_set_software(dl, a, (decl_software_field)b.sub, v, d);
    case BIND_LAP_NAME: return decl_set_lap_name(dl, a, v, d);
    case BIND_OTHER: return decl_enter_other(dl, a, v, d);
    default: return decl_set_comment(dl, a, v, d);
    }
}

static bool commit_date(session_doc *doc, binding b, const field_t *fl, char *err, size_t size,
                        diag_list *d)
{
    date_t v;
    bool has;
    if (!date_of(fl, &v, &has, err, size))
        return false;
    decl_t *dl = doc->decl;
    decl_answer *a = decl_answer_get(dl, b.ind->id, d);
    if (!a)
        return false;
    const date_t *p = has ? &v : NULL;
    switch (b.kind) {
    case BIND_ACQUIRED: return decl_set_software_acquired(dl, a, p, d);
    case BIND_LAP_CERTIFIED: return decl_set_lap_certified(dl, a, p, d);
    case BIND_LAP_PROCESS: return decl_set_lap_process_started(dl, a, p, d);
    default: return decl_enter_proof_date(dl, a, b.ind->documents[b.sub].id, p, d);
    }
}

static bool commit_counts(session_doc *doc, binding b, const field_t *fl, char *err, size_t size,
                          diag_list *d)
{
    bool empty = field_is_empty(fl);
    int64_t n = 0, m = 0;
    bool ok =
        empty || (b.kind == BIND_COUNT ? field_get_int(fl, &n) : field_get_fraction(fl, &n, &m));
    if (!ok) {
        if (field_validate(fl, err, size) || !err[0])
            snprintf(err, size, "%s",
                     b.kind == BIND_COUNT ? "nombre incomplet" : "écrivez deux nombres : N/D");
        return false;
    }
    decl_answer *a = decl_answer_get(doc->decl, b.ind->id, d);
    if (!a)
        return false;
    if (b.kind == BIND_COUNT)
        return decl_set_count(doc->decl, a, !empty, n, d);
    if (b.kind == BIND_RATIO)
        return decl_set_ratio(doc->decl, a, !empty, n, m, d);
    return decl_set_component(doc->decl, a, counts_id(b), !empty, n, m, d);
}

/* A student changed in one of its fields. */
static bool commit_student(session_doc *doc, binding b, const field_t *fl, char *err, size_t size,
                           diag_list *d)
{
    const decl_student *old = student(doc, b);
    decl_answer *a = answer(doc, b.ind);
    if (!old || !a)
        return false;
    decl_student s = *old;
    static char v[1024];
    date_t date;
    bool has;
    if (b.kind == BIND_STUDENT_NAME || b.kind == BIND_STUDENT_LEVEL) {
        text_of(fl, v, sizeof v);
        *(b.kind == BIND_STUDENT_NAME ? &s.name : &s.level) = *v ? v : NULL;
    } else if (!date_of(fl, &date, &has, err, size)) {
        return false;
    } else if (b.kind == BIND_STUDENT_FROM) {
        s.has_from = has, s.from = date;
    } else {
        s.has_to = has, s.to = date;
    }
    return decl_set_student(doc->decl, a, (size_t)b.sub, &s, d);
}

/* A box, an answer, a choice: given at once. */
static bool commit_choice(session_doc *doc, binding b, const field_t *fl, diag_list *d)
{
    decl_t *dl = doc->decl;
    bool on = field_get_yesno(fl) == DECL_YES;
    switch (b.kind) {
    case BIND_FIRST_YEAR: decl_set_first_year(dl, on); return true;
    case BIND_ACCURACY:
    case BIND_KEEP_PROOFS: {
        bool acc = b.kind == BIND_ACCURACY ? on : dl->attestation.accuracy;
        bool keep = b.kind == BIND_KEEP_PROOFS ? on : dl->attestation.keep_proofs;
        return decl_enter_commitments(dl, acc, keep, session_today(doc->session), d);
    }
    case BIND_SPECIALTY: return decl_set_identity(dl, DECL_ID_SPECIALTY, field_get_choice(fl), d);
    default: break;
    }
    decl_answer *a = decl_answer_get(dl, b.ind->id, d);
    if (!a)
        return false;
    switch (b.kind) {
    case BIND_VALUE: decl_set_value(dl, a, field_get_yesno(fl)); return true;
    case BIND_PREFILLED: decl_set_prefilled(dl, a, on); return true;
    case BIND_DPI: decl_set_hospital_dpi(dl, a, on); return true;
    case BIND_LAP_PROVISIONAL: decl_set_lap_provisional(dl, a, on); return true;
    case BIND_PART: return decl_set_part(dl, a, part_of(b.ind, b.sub)->id, field_get_yesno(fl), d);
    case BIND_CHOICE: {
        const rules_criterion *cr = &b.ind->criterion;
        return decl_enter_choice(dl, a, cr->list->entries[b.sub].id, on, !cr->multiple, d);
    }
    default: { /* BIND_PROOF_STATE */
        int st = vocab_find(&decl_proof_state_vocab, field_get_choice(fl));
        return decl_enter_proof_state(dl, a, b.ind->documents[b.sub].id,
                                      st < 0 ? DECL_PROOF_TO_SEND : (decl_proof_state)st,
                                      session_today(doc->session), d);
    }
    }
}

bool bind_commit(session_doc *doc, binding b, const field_t *fl, char *err, size_t size)
{
    diag_list d;
    diag_init(&d);
    err[0] = '\0';
    bool ok;
    switch (b.kind) {
    case BIND_IDENTITY:
    case BIND_SOFTWARE:
    case BIND_LAP_NAME:
    case BIND_OTHER:
    case BIND_COMMENT: ok = commit_text(doc, b, fl, &d); break;
    case BIND_ACQUIRED:
    case BIND_LAP_CERTIFIED:
    case BIND_LAP_PROCESS:
    case BIND_PROOF_DATE: ok = commit_date(doc, b, fl, err, size, &d); break;
    case BIND_RATIO:
    case BIND_COUNT:
    case BIND_COMPONENT:
    case BIND_PART_RATIO: ok = commit_counts(doc, b, fl, err, size, &d); break;
    case BIND_STUDENT_NAME:
    case BIND_STUDENT_LEVEL:
    case BIND_STUDENT_FROM:
    case BIND_STUDENT_TO: ok = commit_student(doc, b, fl, err, size, &d); break;
    default: ok = commit_choice(doc, b, fl, &d); break;
    }
    if (!ok && !err[0])
        return refused(&d, err, size);
    diag_free(&d);
    return ok;
}

bool bind_follow_removed(binding *b, binding removed)
{
    bool student = b->kind == BIND_STUDENT_NAME || b->kind == BIND_STUDENT_LEVEL ||
                   b->kind == BIND_STUDENT_FROM || b->kind == BIND_STUDENT_TO;
    if (!student || b->ind != removed.ind || b->sub < removed.sub)
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
    decl_answer *a = decl_answer_get(doc->decl, b.ind->id, &d);
    bool ok = a != NULL;
    if (ok && b.kind == BIND_STUDENT_ADD) {
        decl_student s = {.name = NULL};
        ok = decl_add_student(doc->decl, a, &s, &d);
    } else if (ok && b.kind == BIND_STUDENT_REMOVE) {
        ok = decl_remove_student(doc->decl, a, (size_t)b.sub);
    }
    if (!ok)
        return refused(&d, err, size);
    diag_free(&d);
    return true;
}
