/* recap_answer: an answer as given, in French words, for the recap. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "fsdecl/text.h"
#include "recap_internal.h"
#include "strbuf.h"

static void sep(strbuf *b)
{
    if (b->len)
        strbuf_puts(b, " ; ");
}

static void put_date(strbuf *b, const char *before, date_t d)
{
    char buf[16];
    date_format_fr(d, buf, sizeof buf);
    strbuf_put(b, "%s%s", before, buf);
}

/* "6 120 sur 6 480 (94,4 %)": the doctor's own counts, the rate to a tenth of a percent. */
static void put_counts(strbuf *b, int64_t num, int64_t den)
{
    char n[32], d[32];
    text_points(num * 10, n, sizeof n);
    text_points(den * 10, d, sizeof d);
    strbuf_put(b, "%s sur %s", n, d);
    if (den > 0 && num >= 0 && num <= den) {
        int64_t permille = (num * 1000 + den / 2) / den;
        strbuf_put(b, " (%" PRId64 ",%" PRId64 " %%)", permille / 10, permille % 10);
    }
}

static void put_software(strbuf *b, const decl_answer *a)
{
    sep(b);
    strbuf_puts(b, a->software.name ? a->software.name : "logiciel non nommé");
    if (a->software.version)
        strbuf_put(b, " %s", a->software.version);
    if (a->software.editor)
        strbuf_put(b, " (%s)", a->software.editor);
    if (a->software.has_acquired)
        put_date(b, ", acquis le ", a->software.acquired);
    if (a->software.hospital_dpi)
        strbuf_puts(b, ", DPI de l'établissement");
    if (a->prefilled)
        strbuf_puts(b, ", pré-rempli par l'Assurance Maladie");
    if (a->lap.name) {
        strbuf_put(b, " ; LAP %s", a->lap.name);
        if (a->lap.has_certified)
            put_date(b, ", certifié le ", a->lap.certified);
        if (a->lap.provisional)
            strbuf_puts(b, ", certification provisoire");
        if (a->lap.has_process_started)
            put_date(b, ", démarche engagée le ", a->lap.process_started);
    }
}

static void put_choices(strbuf *b, const rules_criterion *cr, const decl_answer *a)
{
    for (size_t i = 0; i < a->nchoices; i++) {
        const lists_entry *e = lists_find(cr->list, a->choices[i]);
        strbuf_put(b, "%s%s", i ? ", " : "", e ? e->label : a->choices[i]);
    }
    if (a->other && *a->other)
        strbuf_put(b, "%sautre : %s", a->nchoices ? ", " : "", a->other);
}

static void put_students(strbuf *b, const decl_answer *a)
{
    sep(b);
    strbuf_put(b, "%zu étudiant%s", a->nstudents, a->nstudents > 1 ? "s" : "");
    for (size_t i = 0; i < a->nstudents; i++) {
        const decl_student *s = &a->students[i];
        strbuf_put(b, "%s%s", i ? ", " : " : ", s->name ? s->name : "sans nom");
        if (s->level || s->has_from || s->has_to) {
            strbuf_put(b, " (%s", s->level ? s->level : "");
            if (s->has_from)
                put_date(b, s->level ? ", du " : "du ", s->from);
            if (s->has_to)
                put_date(b, " au ", s->to);
            strbuf_puts(b, ")");
        }
    }
}

static void put_parts(strbuf *b, const rules_criterion *cr, const decl_answer *a)
{
    for (size_t i = 0; i < cr->nparts; i++) {
        const rules_criterion *p = &cr->parts[i];
        decl_yesno v = decl_find_part(a, p->id);
        if (v == DECL_UNSET && !decl_find_component(a, p->id))
            continue;
        sep(b);
        const decl_component *co = decl_find_component(a, p->id);
        strbuf_put(b, "%s : ", p->label);
        if (co)
            put_counts(b, co->numerator, co->denominator);
        else
            strbuf_puts(b, vocab_fr(&decl_yesno_vocab, v));
    }
}

static void put_components(strbuf *b, const rules_criterion *cr, const decl_answer *a)
{
    for (size_t i = 0; i < cr->ncomponents; i++) {
        const decl_component *co = decl_find_component(a, cr->components[i].id);
        if (!co)
            continue;
        sep(b);
        strbuf_put(b, "%s : ", cr->components[i].label);
        put_counts(b, co->numerator, co->denominator);
    }
}

static void put_value(strbuf *b, const decl_answer *a)
{
    if (a->value == DECL_YES)
        strbuf_puts(b, "Oui");
    else if (a->value == DECL_NO)
        strbuf_puts(b, "Non");
}

static void put_answer(strbuf *b, const rules_indicator *ind, const decl_answer *a)
{
    const rules_criterion *cr = &ind->criterion;
    put_value(b, a);
    if (a->has_ratio) {
        sep(b);
        put_counts(b, a->numerator, a->denominator);
    }
    if (a->has_count) {
        sep(b);
        strbuf_put(b, "%" PRId64, a->count);
    }
    if (cr->type == RULES_CRIT_SOFTWARE && a->value == DECL_YES)
        put_software(b, a);
    if (cr->type == RULES_CRIT_CHOICE) {
        if (b->len && (a->nchoices || (a->other && *a->other)))
            strbuf_puts(b, " : ");
        put_choices(b, cr, a);
    }
    if (a->nstudents)
        put_students(b, a);
    if (cr->type == RULES_CRIT_ALL_OF)
        put_parts(b, cr, a);
    if (cr->type == RULES_CRIT_AVERAGE_RATIO)
        put_components(b, cr, a);
}

const char *recap_answer_text(arena_t *arena, const rules_campaign *c, const rules_indicator *ind,
                              const decl_answer *ans)
{
    (void)c;
    strbuf b = {0};
    if (ans)
        put_answer(&b, ind, ans);
    if (!b.failed && b.len == 0)
        strbuf_puts(&b, ind->kind == RULES_COMPUTED ? "calculé par l'Assurance Maladie"
                                                    : "sans réponse");
    char *text = strbuf_take(&b, NULL);
    const char *r = text ? arena_strdup(arena, text) : NULL;
    free(text);
    return r;
}

void recap_put_range(strbuf *b, int64_t lo, int64_t hi, bool money)
{
    char x[48], y[48];
    (money ? text_money : text_points)(lo, x, sizeof x);
    (money ? text_money : text_points)(hi, y, sizeof y);
    if (lo == hi)
        strbuf_put(b, "%s%s", x, money ? "" : " pts");
    else
        strbuf_put(b, "%s à %s%s", x, y, money ? "" : " pts");
}
