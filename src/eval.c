#include "fsdecl/eval.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fsdecl/ident.h"
#include "fsdecl/text.h"

typedef enum { T_YES, T_NO, T_MISSING } tri;

typedef struct {
    eval_result *r;
    const rules_campaign *c;
    const decl_t *d;
    date_t today;
    const lists_entry *specialty; /* NULL when not given or unknown */
    bool quiet;                   /* judging a second reading: its messages are not given */
} ctx;

/* date_cmp(today, other): every comparison with today goes through here. */
static int cmp_today(ctx *x, date_t other)
{
    return date_cmp(x->today, other);
}

/* ---- messages ---------------------------------------------------------------------------- */

typedef struct {
    const char *id;
    eval_severity severity;
    const char *fr;
} msg_info;

#define MSG_INFO(constant, id, severity, fr) {id, severity, fr},
static const msg_info MESSAGES[] = {EVAL_MESSAGES(MSG_INFO)};
#undef MSG_INFO
_Static_assert(sizeof MESSAGES / sizeof MESSAGES[0] == EVAL_MSG_COUNT, "message table");

VOCAB_DEFINE(eval_status_vocab, EVAL_STATUSES, EVAL_STATUS_COUNT)
VOCAB_DEFINE(eval_severity_vocab, EVAL_SEVERITIES, EVAL_SEVERITY_COUNT)
VOCAB_DEFINE(eval_missing_kind_vocab, EVAL_MISSING_KINDS, EVAL_MISSING_KIND_COUNT)

const char *eval_msg_id(eval_msg m)
{
    return MESSAGES[m].id;
}

eval_severity eval_msg_severity(eval_msg m)
{
    return MESSAGES[m].severity;
}

const char *eval_msg_fr(eval_msg m)
{
    return MESSAGES[m].fr;
}

bool eval_msg_parse(const char *id, eval_msg *out)
{
    for (int m = 0; m < EVAL_MSG_COUNT; m++)
        if (strcmp(MESSAGES[m].id, id) == 0) {
            *out = (eval_msg)m;
            return true;
        }
    return false;
}

static const char INCOMPLETE_TEXT[] =
    "Mémoire épuisée : cette déclaration n'a pas pu être jugée en entier, ce jugement ne vaut "
    "rien. Relancez fsdecl, ou libérez de la mémoire, avant de finaliser une version.";

/* Memory ran out: what is missing from the judgement cannot be known, so it is never clean. */
static void fail(ctx *x)
{
    x->r->incomplete = true;
}

static void add_message(ctx *x, eval_msg code, eval_severity sev, const char *indicator,
                        const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 0)))
#endif
    ;
static void add_message(ctx *x, eval_msg code, eval_severity sev, const char *indicator,
                        const char *fmt, va_list ap)
{
    eval_result *r = x->r;
    if (x->quiet)
        return;
    /* the last slot is kept for eval.incomplete */
    if (r->nmessages + 1 >= r->capmessages) {
        size_t cap = r->capmessages * 2;
        eval_message *m = realloc(r->messages, cap * sizeof *m);
        if (!m) {
            fail(x);
            return;
        }
        r->messages = m;
        r->capmessages = cap;
    }
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    char *text = strdup(buf);
    if (!text) {
        fail(x);
        return;
    }
    r->messages[r->nmessages++] = (eval_message){code, MESSAGES[code].id, sev, indicator, text};
    if (sev == EVAL_BLOCKING)
        r->nblocking++;
}

/* A message at its usual severity. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void
msg(ctx *x, eval_msg code, const char *indicator, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_message(x, code, MESSAGES[code].severity, indicator, fmt, ap);
    va_end(ap);
}

/* A message at another severity than its usual one (an inferred figure only warns ...). */
#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static void
msg_as(ctx *x, eval_msg code, eval_severity sev, const char *indicator, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_message(x, code, sev, indicator, fmt, ap);
    va_end(ap);
}

static const char *fr_date(date_t d, char *buf)
{
    date_format_fr(d, buf, 16);
    return buf;
}

/* True when every citation of a figure is an inference: then it warns, never blocks. */
static bool sources_inferred(const rules_sources *s)
{
    for (size_t i = 0; i < s->count; i++)
        if (!s->items[i].inferred)
            return false;
    return s->count > 0;
}

/* The date an indicator's equipment is judged at: the evaluation date, or a later deadline that
 * postponed it for this indicator (2023: « du 31/12/2023 au 31/01/2024 »), then set in *by. */
static date_t held_by(const rules_campaign *c, const rules_indicator *ind,
                      const rules_deadline **by)
{
    date_t d = c->evaluation_date;
    *by = NULL;
    for (size_t i = 0; i < c->ndeadlines; i++) {
        const rules_deadline *dl = &c->deadlines[i];
        if (!dl->has_replaces || date_cmp(dl->replaces, c->evaluation_date) != 0 ||
            date_cmp(dl->date, d) <= 0)
            continue;
        for (size_t k = 0; k < dl->nindicators; k++)
            if (strcmp(dl->indicators[k], ind->id) == 0)
                d = dl->date, *by = dl;
    }
    return d;
}

/* Equipment dated after the evaluation date, counted only through a postponement that some
 * citation ties to the indicator by an inferred reading: said, since the caisse may not apply it.
 */
static void warn_inferred_postponement(ctx *x, const rules_indicator *ind, const rules_deadline *by,
                                       bool has, date_t when)
{
    bool inferred = false;
    for (size_t i = 0; by && i < by->sources.count; i++)
        inferred |= by->sources.items[i].inferred;
    if (!inferred || !has || date_cmp(when, x->c->evaluation_date) <= 0 ||
        date_cmp(when, by->date) > 0)
        return;
    char b1[16], b2[16], b3[16];
    msg(x, EVAL_MSG_POSTPONEMENT_INFERRED, ind->id,
        "« %s » : équipement daté du %s, compté grâce au report du %s au %s ; que ce report "
        "concerne cet indicateur est déduit : votre caisse peut retenir le %s.",
        ind->label, fr_date(when, b1), fr_date(by->replaces, b2), fr_date(by->date, b3),
        fr_date(by->replaces, b2));
}

/* ---- criteria ------------------------------------------------------------------------------ */

static bool frac_reaches(int64_t num, int64_t den, rules_fraction t, bool strict)
{
    if (den <= 0)
        return false;
    /* num/den >= t.num/t.den, exactly, in 64 bits: every factor is below 2^31 */
    int64_t lhs = num * t.den, rhs = den * t.num;
    return strict ? lhs > rhs : lhs >= rhs;
}

/* Unsigned integers of up to 384 bits, enough for the exact comparison of an average of up to
 * eight ratios of 31-bit counts against a 31-bit fraction. */
enum { BIG_LIMBS = 12 };
typedef struct {
    uint32_t w[BIG_LIMBS]; /* least significant first */
} big;

static big big_of(uint64_t v)
{
    big b = {{0}};
    b.w[0] = (uint32_t)v;
    b.w[1] = (uint32_t)(v >> 32);
    return b;
}

static void big_mul(big *b, uint32_t m)
{
    uint64_t carry = 0;
    for (int i = 0; i < BIG_LIMBS; i++) {
        uint64_t p = (uint64_t)b->w[i] * m + carry;
        b->w[i] = (uint32_t)p;
        carry = p >> 32;
    }
}

static void big_add(big *a, const big *b)
{
    uint64_t carry = 0;
    for (int i = 0; i < BIG_LIMBS; i++) {
        uint64_t s = (uint64_t)a->w[i] + b->w[i] + carry;
        a->w[i] = (uint32_t)s;
        carry = s >> 32;
    }
}

static int big_cmp(const big *a, const big *b)
{
    for (int i = BIG_LIMBS - 1; i >= 0; i--)
        if (a->w[i] != b->w[i])
            return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}

/* The average of k fractions against a threshold, exactly, for any counts a draft holds
 * (0 <= n_i <= d_i <= 2^31 - 1, k <= 8): t.den * sum(n_i * prod_{j!=i} d_j) against
 * k * t.num * prod(d_j). */
static bool average_reaches(const int64_t *num, const int64_t *den, size_t k, rules_fraction t,
                            bool strict)
{
    big lhs = big_of(0), rhs = big_of(k * (uint64_t)t.num);
    for (size_t i = 0; i < k; i++) {
        if (den[i] <= 0)
            return false;
        big term = big_of((uint64_t)num[i] * (uint64_t)t.den);
        for (size_t j = 0; j < k; j++)
            if (j != i)
                big_mul(&term, (uint32_t)den[j]);
        big_add(&lhs, &term);
        big_mul(&rhs, (uint32_t)den[i]);
    }
    int c = big_cmp(&lhs, &rhs);
    return strict ? c > 0 : c >= 0;
}

static const decl_component *find_component(const decl_answer *a, const char *id)
{
    for (size_t i = 0; a && i < a->ncomponents; i++)
        if (strcmp(a->components[i].id, id) == 0)
            return &a->components[i];
    return NULL;
}

static bool chosen_for(const decl_t *d, const char *indicator, const char *value)
{
    const decl_answer *a = decl_find_answer(d, indicator);
    for (size_t i = 0; a && i < a->nchoices; i++)
        if (strcmp(a->choices[i], value) == 0)
            return true;
    return false;
}

static tri eval_choice(ctx *x, const rules_indicator *ind, const rules_criterion *cr,
                       const decl_answer *a)
{
    if (!a || (a->nchoices == 0 && !(a->other && *a->other)))
        return a && a->value == DECL_NO ? T_NO : T_MISSING;
    size_t valid = 0;
    if (!cr->multiple && a->nchoices + (a->other && *a->other ? 1 : 0) > 1)
        msg(x, EVAL_MSG_CHOICE_SINGLE, ind->id,
            "« %s » : une seule réponse est attendue, %zu ont été données.", ind->label,
            a->nchoices + (a->other && *a->other ? 1 : 0));
    for (size_t i = 0; i < a->nchoices; i++) {
        const lists_entry *e = lists_find(cr->list, a->choices[i]);
        if (!e) {
            msg(x, EVAL_MSG_CHOICE_UNKNOWN, ind->id,
                "« %s » : la réponse « %s » n'est pas dans la liste « %s ».", ind->label,
                a->choices[i], cr->list ? cr->list->label : cr->list_role);
            continue;
        }
        if (!e->valid) {
            msg(x, EVAL_MSG_CHOICE_REFUSED, ind->id, "« %s » : « %s » ne compte pas. %s",
                ind->label, e->label, e->reason);
            continue;
        }
        bool excluded = false;
        for (size_t k = 0; k < cr->nexclusive; k++) {
            const rules_exclusion *ex = &cr->exclusive[k];
            if (strcmp(ex->value, e->id) == 0 && chosen_for(x->d, ex->indicator, e->id)) {
                const rules_indicator *other = rules_find_indicator(x->c, ex->indicator);
                msg(x, EVAL_MSG_CHOICE_EXCLUDED, ind->id,
                    "« %s » : « %s » est déjà déclaré pour « %s » et ne peut pas compter une "
                    "seconde fois ici.",
                    ind->label, e->label, other ? other->label : ex->indicator);
                excluded = true;
            }
        }
        if (!excluded)
            valid++;
    }
    if (a->other && *a->other) {
        const lists_entry *refused = NULL;
        for (size_t i = 0; cr->list && i < cr->list->count; i++) {
            const lists_entry *e = &cr->list->entries[i];
            if (!e->valid &&
                (strcasecmp(e->label, a->other) == 0 || strcasecmp(e->id, a->other) == 0))
                refused = e;
        }
        if (!cr->allow_other)
            msg(x, EVAL_MSG_CHOICE_OTHER_NOT_ALLOWED, ind->id,
                "« %s » : choisissez dans la liste ; une autre réponse n'est pas acceptée.",
                ind->label);
        else if (refused)
            msg(x, EVAL_MSG_CHOICE_REFUSED, ind->id, "« %s » : « %s » ne compte pas. %s",
                ind->label, refused->label, refused->reason);
        else
            valid++;
    }
    return valid > 0 ? T_YES : T_NO;
}

static bool lap_required(ctx *x, const rules_criterion *cr)
{
    return cr->lap_required && !(cr->lap_exemption && x->specialty && x->specialty->lap_exempt);
}

static tri eval_software(ctx *x, const rules_indicator *ind, const rules_criterion *cr,
                         const decl_answer *a)
{
    char b1[16], b2[16];
    if (!a || a->value == DECL_UNSET)
        return T_MISSING;
    if (a->value == DECL_NO)
        return T_NO;
    tri t = T_YES;
    if (!a->prefilled &&
        (!a->software.name || !*a->software.name || !a->software.editor || !*a->software.editor)) {
        msg(x, EVAL_MSG_SOFTWARE_DETAILS, ind->id,
            "« %s » : indiquez l'éditeur et le nom du logiciel référencé Ségur%s.", ind->label,
            a->software.hospital_dpi ? " (le DPI de l'établissement)" : "");
        t = T_MISSING;
    }
    const rules_deadline *by;
    date_t held = held_by(x->c, ind, &by);
    warn_inferred_postponement(x, ind, by, a->software.has_acquired, a->software.acquired);
    warn_inferred_postponement(x, ind, by, a->lap.has_certified && !a->lap.provisional,
                               a->lap.certified);
    if (a->software.has_acquired && date_cmp(a->software.acquired, held) > 0) {
        msg(x, EVAL_MSG_SOFTWARE_ACQUIRED_AFTER, ind->id,
            "« %s » : le logiciel doit être détenu au %s ; la date d'acquisition indiquée est le "
            "%s.",
            ind->label, fr_date(held, b1), fr_date(a->software.acquired, b2));
        return T_NO;
    }
    if (cr->lap_required && !lap_required(x, cr)) {
        msg(x, EVAL_MSG_LAP_EXEMPT, ind->id,
            "Votre spécialité (%s) est exonérée du LAP : seul le logiciel référencé Ségur est "
            "exigé.",
            x->specialty->label);
    } else if (cr->lap_required) {
        if (!a->lap.name || !*a->lap.name || (!a->lap.has_certified && !a->lap.provisional)) {
            msg(x, EVAL_MSG_LAP_DETAILS, ind->id,
                "« %s » : indiquez le nom du logiciel d'aide à la prescription (LAP) et sa date de "
                "certification par la HAS (ou qu'elle est provisoire).",
                ind->label);
            if (t == T_YES)
                t = T_MISSING;
        } else if (a->lap.has_certified && date_cmp(a->lap.certified, held) > 0 &&
                   !a->lap.provisional) {
            msg(x, EVAL_MSG_LAP_CERTIFIED_AFTER, ind->id,
                "« %s » : le LAP doit être certifié au %s ; la date de certification indiquée est "
                "le %s.",
                ind->label, fr_date(held, b1), fr_date(a->lap.certified, b2));
            return T_NO;
        }
    }
    return t;
}

static tri eval_criterion(ctx *x, const rules_indicator *ind, const rules_criterion *cr,
                          const decl_answer *a, bool part);

/* A plain yes or no where counts were expected: the doctor's own estimate. */
static tri yes_no_of(const decl_answer *a)
{
    return !a || a->value == DECL_UNSET ? T_MISSING : a->value == DECL_YES ? T_YES : T_NO;
}

static tri eval_all_of(ctx *x, const rules_indicator *ind, const rules_criterion *cr,
                       const decl_answer *a)
{
    tri t = T_YES;
    for (size_t i = 0; i < cr->nparts; i++) {
        tri p = eval_criterion(x, ind, &cr->parts[i], a, true);
        if (p == T_NO) {
            msg(x, EVAL_MSG_CONDITION_NOT_MET, ind->id, "« %s » : condition non remplie : %s.",
                ind->label, cr->parts[i].label);
            t = T_NO;
        } else if (p == T_MISSING && t == T_YES) {
            t = T_MISSING;
        }
    }
    return t;
}

static tri eval_criterion(ctx *x, const rules_indicator *ind, const rules_criterion *cr,
                          const decl_answer *a, bool part)
{
    switch (cr->type) {
    case RULES_CRIT_YES_NO: {
        decl_yesno v = part ? decl_find_part(a, cr->id) : a ? a->value : DECL_UNSET;
        return v == DECL_YES ? T_YES : v == DECL_NO ? T_NO : T_MISSING;
    }
    case RULES_CRIT_RATIO: {
        int64_t n, d;
        if (part) {
            const decl_component *co = find_component(a, cr->id);
            if (!co)
                return T_MISSING;
            n = co->numerator, d = co->denominator;
        } else {
            if (!a || !a->has_ratio)
                return yes_no_of(a);
            n = a->numerator, d = a->denominator;
        }
        if (n > d) {
            msg(x, EVAL_MSG_COUNTS_INCONSISTENT, ind->id,
                "« %s » : le numérateur (%lld) dépasse le dénominateur (%lld) : vérifiez vos "
                "chiffres.",
                ind->label, (long long)n, (long long)d);
            return T_MISSING;
        }
        if (d == 0) {
            msg(x, EVAL_MSG_COUNTS_ZERO, ind->id,
                "« %s » : aucun acte au dénominateur ; le taux ne peut pas être atteint.",
                ind->label);
            return T_NO;
        }
        return frac_reaches(n, d, cr->threshold, cr->strict) ? T_YES : T_NO;
    }
    case RULES_CRIT_COUNT_AT_LEAST:
        if (part) {
            decl_yesno v = decl_find_part(a, cr->id);
            return v == DECL_YES ? T_YES : v == DECL_NO ? T_NO : T_MISSING;
        }
        if (!a || !a->has_count)
            return yes_no_of(a);
        return a->count >= cr->min ? T_YES : T_NO;
    case RULES_CRIT_AVERAGE_RATIO: {
        int64_t num[8], den[8];
        size_t k = cr->ncomponents < 8 ? cr->ncomponents : 8;
        for (size_t i = 0; i < k; i++) {
            const decl_component *co = find_component(a, cr->components[i].id);
            if (!co)
                return T_MISSING;
            num[i] = co->numerator;
            den[i] = co->denominator;
        }
        return average_reaches(num, den, k, cr->threshold, cr->strict) ? T_YES : T_NO;
    }
    case RULES_CRIT_CHOICE: return eval_choice(x, ind, cr, a);
    case RULES_CRIT_SOFTWARE: return eval_software(x, ind, cr, a);
    case RULES_CRIT_ALL_OF: return eval_all_of(x, ind, cr, a);
    }
    return T_MISSING;
}

/* ---- proofs ---------------------------------------------------------------------------------- */

/* Records a proof the declaration owes; NULL when memory ran out. */
static eval_proof *owe(ctx *x, const rules_indicator *ind, const rules_document *doc,
                       const decl_proof *given)
{
    eval_result *r = x->r;
    if (r->nproofs == r->capproofs) {
        size_t cap = r->capproofs ? r->capproofs * 2 : 8;
        eval_proof *v = realloc(r->proofs, cap * sizeof *v);
        if (!v) {
            fail(x);
            return NULL;
        }
        r->proofs = v;
        r->capproofs = cap;
    }
    r->proofs[r->nproofs] = (eval_proof){ind, doc, given, ind->counts_once_sent, false, false};
    return &r->proofs[r->nproofs++];
}

/* The conditions a document's requirement is judged against (RULES_WHEN_*). */
static unsigned document_flags(ctx *x, const rules_indicator *ind, const decl_answer *a)
{
    const rules_criterion *cr = &ind->criterion;
    bool software = cr->type == RULES_CRIT_SOFTWARE, lap = software && lap_required(x, cr);
    date_t year_start = {x->c->year, 1, 1};
    unsigned flags = RULES_WHEN_ALWAYS;
    if (x->d->first_year)
        flags |= RULES_WHEN_FIRST_YEAR;
    if (!a->prefilled)
        flags |= RULES_WHEN_NOT_PREFILLED;
    if (lap)
        flags |= RULES_WHEN_LAP_REQUIRED;
    if (lap && a->lap.provisional)
        flags |= RULES_WHEN_LAP_PROVISIONAL;
    if (a->software.hospital_dpi)
        flags |= RULES_WHEN_HOSPITAL_DPI;
    if (software && a->software.has_acquired && date_cmp(a->software.acquired, year_start) >= 0)
        flags |= RULES_WHEN_SOFTWARE_CHANGED; /* bought during the reference year */
    if (lap && a->lap.has_certified && date_cmp(a->lap.certified, year_start) >= 0)
        flags |= RULES_WHEN_LAP_CHANGED;
    return flags;
}

static bool document_due(const rules_document *doc, unsigned flags)
{
    return (doc->when & flags) && !(doc->unless & flags) && (doc->only_if & flags) == doc->only_if;
}

/* Required only by an inferred reading: every source inferred, or due through inferred
 * conditions alone. Such a requirement warns, never blocks. */
static bool requirement_inferred(const rules_document *doc, unsigned flags)
{
    return sources_inferred(&doc->sources) || !(doc->when & ~doc->inferred_when & flags);
}

/* Validated by the caisse before this campaign's window opened: in an earlier campaign. */
static bool validated_earlier(ctx *x, const decl_proof *p)
{
    return p && p->state == DECL_PROOF_VALIDATED && p->has_date &&
           date_cmp(p->date, x->c->window.opens) < 0;
}

/* A proof the caisse validated in an earlier campaign, the equipment unchanged since: it stands
 * (« pièce justificative validée par la CPAM »), nothing is to be sent again. */
static bool validated_before(ctx *x, const rules_document *doc, const decl_proof *p, unsigned flags)
{
    return validated_earlier(x, p) && !(flags & doc->renewed_when);
}

/* The message of a proof still to send; returns whether it holds the indicator back. */
static bool ask_for_proof(ctx *x, const rules_indicator *ind, const rules_document *doc,
                          const decl_proof *p, unsigned flags)
{
    char acc[256], when[64] = "";
    /* A proof validated earlier and asked again because the equipment changed (renewed_when):
     * that it no longer stands is a reading of the guide's « pièce validée », never stated. */
    bool inferred = requirement_inferred(doc, flags) || validated_earlier(x, p),
         blocks = ind->counts_once_sent && !inferred;
    if (validated_earlier(x, p))
        snprintf(when, sizeof when, " ; celui validé le %s concernait l'équipement d'avant",
                 fr_date(p->date, (char[16]){0}));
    vocab_list_flags_fr(&rules_doc_kind_vocab, doc->accepted, acc, sizeof acc);
    msg_as(x, EVAL_MSG_PROOF_REQUIRED, blocks ? EVAL_BLOCKING : EVAL_WARNING, ind->id,
           "« %s » : envoyez à votre caisse le justificatif « %s » (%s)%s%s", ind->label,
           doc->label, acc, when,
           blocks     ? " ; l'indicateur ne compte qu'une fois le justificatif envoyé."
           : inferred ? " ; cette exigence est déduite des textes de la campagne : elle ne retient "
                        "pas l'indicateur, mais votre caisse peut vous le demander."
                      : ".");
    return blocks;
}

/* A document with a deadline (the LAP certification process): its date given, and in time. */
static eval_status check_deadline(ctx *x, const rules_indicator *ind, const rules_document *doc,
                                  const decl_answer *a, eval_status st)
{
    char b1[16], b2[16];
    /* a document or deadline no text states for this campaign: asked, never holding back */
    bool inferred = sources_inferred(&doc->sources) || sources_inferred(&doc->deadline->sources);
    if (!a->lap.has_process_started) {
        msg_as(x, EVAL_MSG_LAP_PROCESS_DATE, inferred ? EVAL_WARNING : EVAL_BLOCKING, ind->id,
               "« %s » : LAP en certification provisoire : indiquez la date à laquelle l'éditeur a "
               "engagé la démarche de certification (au plus tard le %s)%s",
               ind->label, fr_date(doc->deadline->date, b1),
               inferred ? " ; cette exigence est déduite pour cette campagne : elle ne retient "
                          "pas l'indicateur."
                        : ".");
        return st == EVAL_MET && !inferred ? EVAL_INCOMPLETE : st;
    }
    if (date_cmp(a->lap.process_started, doc->deadline->date) <= 0)
        return st;
    msg_as(x, EVAL_MSG_LAP_PROCESS_LATE, inferred ? EVAL_WARNING : EVAL_BLOCKING, ind->id,
           "« %s » : la démarche de certification du LAP devait être engagée au plus tard le %s "
           "(date indiquée : %s)%s",
           ind->label, fr_date(doc->deadline->date, b1), fr_date(a->lap.process_started, b2),
           inferred ? " ; cette date est déduite, non publiée pour cette campagne : vérifiez "
                      "auprès de votre caisse."
                    : ".");
    return inferred ? st : EVAL_NOT_MET;
}

/* Checks the documents an answered-yes indicator needs; returns the status it keeps. */
static eval_status check_documents(ctx *x, const rules_indicator *ind, const decl_answer *a,
                                   eval_status st)
{
    unsigned flags = document_flags(x, ind, a);
    char b1[16], b2[16];
    for (size_t i = 0; i < ind->ndocuments; i++) {
        const rules_document *doc = &ind->documents[i];
        if (!document_due(doc, flags))
            continue;
        if (doc->deadline)
            st = check_deadline(x, ind, doc, a, st);
        const decl_proof *p = decl_find_proof(a, doc->id);
        eval_proof *owed = owe(x, ind, doc, p);
        if (validated_before(x, doc, p, flags)) {
            msg(x, EVAL_MSG_PROOF_VALIDATED_BEFORE, ind->id,
                "« %s » : pièce justificative « %s » validée par la CPAM le %s, pour le même "
                "équipement : rien à renvoyer.",
                ind->label, doc->label, fr_date(p->date, b1));
        } else if (!p || p->state == DECL_PROOF_TO_SEND || validated_earlier(x, p)) {
            bool holds = ask_for_proof(x, ind, doc, p, flags);
            if (owed)
                owed->to_send = true, owed->holds = holds;
            if (holds && st == EVAL_MET)
                st = EVAL_WAITING_PROOF;
        } else if (p->has_date && cmp_today(x, p->date) < 0) {
            msg(x, EVAL_MSG_DATE_FUTURE, ind->id,
                "« %s » : le justificatif « %s » est daté du %s, après aujourd'hui (%s).",
                ind->label, doc->label, fr_date(p->date, b1), fr_date(x->today, b2));
        }
    }
    return st;
}

/* ---- one indicator ------------------------------------------------------------------------ */

static bool neutralised_for(ctx *x, const rules_indicator *ind)
{
    if (!ind->has_neutralised || !x->specialty)
        return false;
    for (size_t i = 0; i < ind->neutralised.nspecialties; i++)
        if (strcmp(ind->neutralised.specialties[i], x->specialty->id) == 0)
            return true;
    return false;
}

static void check_students(ctx *x, const rules_indicator *ind, const decl_answer *a)
{
    char b1[16], b2[16];
    /* what the rules say to keep for checks, while the answer lists nothing of it */
    if (ind->keep && a->nstudents == 0)
        msg(x, EVAL_MSG_KEEP_REMINDER, ind->id, "« %s » : à garder pour un contrôle : %s",
            ind->label, ind->keep);
    for (size_t i = 0; i < a->nstudents; i++) {
        const decl_student *s = &a->students[i];
        if (s->has_from && s->has_to && date_cmp(s->to, s->from) < 0)
            msg(x, EVAL_MSG_STUDENTS_DATES, ind->id,
                "« %s » : le stage de %s finit (%s) avant de commencer (%s).", ind->label,
                s->name ? s->name : "l'étudiant", fr_date(s->to, b1), fr_date(s->from, b2));
        else if (s->has_from && s->from.year > x->c->year)
            msg(x, EVAL_MSG_STUDENTS_DATES, ind->id,
                "« %s » : le stage de %s commence le %s, après l'année %d.", ind->label,
                s->name ? s->name : "l'étudiant", fr_date(s->from, b1), x->c->year);
        else if (s->has_to && s->to.year < x->c->year)
            msg(x, EVAL_MSG_STUDENTS_DATES, ind->id,
                "« %s » : le stage de %s s'est terminé le %s, avant l'année %d.", ind->label,
                s->name ? s->name : "l'étudiant", fr_date(s->to, b1), x->c->year);
    }
}

/* The results of a criterion from the worst to the best: not met, unknown, met. */
static int rank(tri t)
{
    return t == T_NO ? 0 : t == T_MISSING ? 1 : 2;
}

/* An ambiguous criterion: its looser reading judged on the same answer, quietly (its messages
 * would repeat the strict reading's). Returns the result when both readings agree, T_MISSING
 * when one cannot be judged; sets *differ when one is met and the other not. */
static tri judge_readings(ctx *x, const rules_indicator *ind, const decl_answer *a, tri strict,
                          bool *differ)
{
    const rules_readings *rd = ind->criterion.readings;
    *differ = false;
    if (!rd)
        return strict;
    x->quiet = true;
    tri loose = eval_criterion(x, ind, &rd->loose, a, false);
    x->quiet = false;
    if (loose == strict)
        return strict;
    if (rank(loose) == 1 || rank(strict) == 1)
        return T_MISSING;
    *differ = true;
    msg(x, EVAL_MSG_CRITERION_AMBIGUOUS, ind->id,
        "« %s » : %s Selon la lecture « %s », l'indicateur %s atteint ; selon la lecture « %s », "
        "il %s atteint. Ces deux lectures sont déduites des textes : les points sont une "
        "fourchette.",
        ind->label, rd->about, rd->strict_label, strict == T_YES ? "est" : "n'est pas",
        rd->loose_label, loose == T_YES ? "est" : "n'est pas");
    return T_MISSING;
}

static eval_status eval_one(ctx *x, const rules_indicator *ind)
{
    const decl_answer *a = decl_find_answer(x->d, ind->id);
    if (neutralised_for(x, ind)) {
        msg(x, EVAL_MSG_INDICATOR_NEUTRALISED, ind->id, "« %s » : %s", ind->label,
            ind->neutralised.note);
        return EVAL_EXEMPT;
    }
    bool differ;
    tri t = eval_criterion(x, ind, &ind->criterion, a, false);
    t = judge_readings(x, ind, a, t, &differ);
    if (differ) /* paid by one reading only: counted in the maximum, not in the minimum */
        return ind->proof == RULES_PROOF_DOCUMENTS && a ? check_documents(x, ind, a, EVAL_AMBIGUOUS)
                                                        : EVAL_AMBIGUOUS;
    if (ind->kind == RULES_COMPUTED)
        return t == T_YES ? EVAL_ESTIMATED_MET : t == T_NO ? EVAL_ESTIMATED_NOT_MET : EVAL_UNKNOWN;
    if (t == T_MISSING) {
        if (!a || (a->value == DECL_UNSET && a->nchoices == 0 && !(a->other && *a->other)))
            msg(x, EVAL_MSG_ANSWER_MISSING, ind->id, "« %s » : répondez à la question : %s",
                ind->label, ind->question);
        return EVAL_INCOMPLETE;
    }
    if (t == T_NO)
        return EVAL_NOT_MET;
    if (ind->criterion.type == RULES_CRIT_YES_NO && a)
        check_students(x, ind, a);
    return ind->proof == RULES_PROOF_DOCUMENTS ? check_documents(x, ind, a, EVAL_MET) : EVAL_MET;
}

/* ---- totals ---------------------------------------------------------------------------------- */

static bool pays(eval_status s)
{
    return s == EVAL_MET || s == EVAL_EXEMPT || s == EVAL_ESTIMATED_MET;
}

/* Unknown, or met by one reading of the texts only: the indicator may pay. */
static bool undecided(eval_status s)
{
    return s == EVAL_UNKNOWN || s == EVAL_AMBIGUOUS;
}

static bool fails(eval_status s)
{
    return !pays(s) && !undecided(s);
}

/* Volet and overall totals from the statuses in r->items. */
static void totals(const rules_campaign *c, eval_result *r)
{
    for (size_t v = 0; v < c->nvolets; v++) {
        const rules_volet *vo = &c->volets[v];
        eval_volet *ev = &r->volets[v];
        ev->min_tenths = ev->max_tenths = 0;
        bool fail = false, unknown = false;
        for (size_t i = 0; i < r->nitems; i++) {
            eval_indicator *it = &r->items[i];
            if (it->ind->volet != (int)v)
                continue;
            if (vo->award == RULES_ALL_OR_NOTHING) {
                fail |= fails(it->status);
                unknown |= undecided(it->status);
                it->min_tenths = it->max_tenths = 0;
            } else {
                it->min_tenths = pays(it->status) ? it->ind->points_tenths : 0;
                it->max_tenths = fails(it->status) ? 0 : it->ind->points_tenths;
                ev->min_tenths += it->min_tenths;
                ev->max_tenths += it->max_tenths;
            }
        }
        if (vo->award == RULES_ALL_OR_NOTHING) {
            ev->max_tenths = fail ? 0 : vo->points_tenths;
            ev->min_tenths = fail || unknown ? 0 : vo->points_tenths;
        }
    }
    r->min_tenths = r->max_tenths = 0;
    for (size_t v = 0; v < c->nvolets; v++) {
        eval_volet *ev = &r->volets[v];
        int req = c->volets[v].requires;
        if (req >= 0) {
            bool shut = r->volets[req].max_tenths == 0, maybe = r->volets[req].min_tenths == 0;
            if (shut)
                ev->max_tenths = 0;
            if (maybe)
                ev->min_tenths = 0;
            for (size_t i = 0; i < r->nitems; i++)
                if (r->items[i].ind->volet == (int)v) {
                    if (shut)
                        r->items[i].max_tenths = 0;
                    if (maybe)
                        r->items[i].min_tenths = 0;
                }
        }
        r->min_tenths += ev->min_tenths;
        r->max_tenths += ev->max_tenths;
    }
    r->min_cents = r->min_tenths * c->point_value_cents / 10;
    r->max_cents = r->max_tenths * c->point_value_cents / 10;
}

static int cmp_missing(const void *a, const void *b)
{
    const eval_missing *x = a, *y = b;
    if (x->gain_cents != y->gain_cents)
        return x->gain_cents > y->gain_cents ? -1 : 1;
    /* a tie: the attestation, then indicators, then proofs (the order of the kinds' table) */
    int kx = x->kind == EVAL_MISSING_ATTESTATION ? 0
             : x->kind == EVAL_MISSING_INDICATOR ? 1
                                                 : 2,
        ky = y->kind == EVAL_MISSING_ATTESTATION ? 0
             : y->kind == EVAL_MISSING_INDICATOR ? 1
                                                 : 2;
    if (kx != ky)
        return kx < ky ? -1 : 1;
    if (!x->ind || !y->ind)
        return 0;
    int c = strcmp(x->ind->id, y->ind->id);
    if (c || !x->doc || !y->doc)
        return c;
    return strcmp(x->doc->id, y->doc->id);
}

/* An indicator that waits for a proof is fixed by sending the proof: its entry becomes one per
 * proof still to send that holds it back, each worth what the indicator gains. Every other proof
 * still to send follows, worth nothing more (its indicator counts without it). */
static void missing_proofs(eval_result *r, size_t nindicators)
{
    for (size_t p = 0; p < r->nproofs; p++)
        if (r->proofs[p].to_send) {
            const eval_proof *pr = &r->proofs[p];
            int64_t gain = 0;
            for (size_t i = 0; i < nindicators; i++)
                if (r->missing[i].kind == EVAL_MISSING_INDICATOR && r->missing[i].ind == pr->ind &&
                    pr->holds)
                    gain = r->missing[i].gain_cents;
            r->missing[r->nmissing++] = (eval_missing){EVAL_MISSING_PROOF, pr->ind, pr->doc, gain};
        }
    /* the indicators now represented by their proofs leave the list */
    size_t kept = 0;
    for (size_t i = 0; i < r->nmissing; i++) {
        bool replaced = false;
        if (i < nindicators)
            for (size_t k = 0; k < r->nitems; k++)
                if (r->items[k].ind == r->missing[i].ind &&
                    r->items[k].status == EVAL_WAITING_PROOF)
                    for (size_t p = nindicators; p < r->nmissing; p++)
                        replaced |=
                            r->missing[p].ind == r->missing[i].ind && r->missing[p].gain_cents > 0;
        if (!replaced)
            r->missing[kept++] = r->missing[i];
    }
    r->nmissing = kept;
}

/* What each failing indicator is worth: in a per-indicator volet its own points; in an
 * all-or-nothing volet, what the maximum would gain once the whole volet is met (the block and
 * everything it unlocks). Then the proofs still to send, and the attestation when unticked. */
static void missing(const rules_campaign *c, const decl_t *d, eval_result *r)
{
    size_t cap = r->nitems + r->nproofs + 1;
    r->missing = calloc(cap, sizeof *r->missing);
    eval_status *saved = malloc((r->nitems ? r->nitems : 1) * sizeof *saved);
    if (!r->missing || !saved) {
        r->incomplete = true;
        free(saved);
        return;
    }
    for (size_t i = 0; i < r->nitems; i++)
        saved[i] = r->items[i].status;
    int64_t base_max = r->max_cents;
    for (size_t v = 0; v < c->nvolets; v++) {
        if (c->volets[v].award != RULES_ALL_OR_NOTHING)
            continue;
        bool any = false;
        for (size_t i = 0; i < r->nitems; i++)
            if (r->items[i].ind->volet == (int)v && fails(saved[i])) {
                r->items[i].status = EVAL_MET;
                any = true;
            }
        if (!any)
            continue;
        totals(c, r);
        int64_t gain = r->max_cents - base_max;
        for (size_t i = 0; i < r->nitems; i++) {
            r->items[i].status = saved[i];
            if (r->items[i].ind->volet == (int)v && fails(saved[i]))
                r->missing[r->nmissing++] =
                    (eval_missing){EVAL_MISSING_INDICATOR, r->items[i].ind, NULL, gain};
        }
        totals(c, r);
    }
    for (size_t i = 0; i < r->nitems; i++) {
        const rules_indicator *ind = r->items[i].ind;
        int req = c->volets[ind->volet].requires;
        bool gate_open = req < 0 || r->volets[req].max_tenths > 0;
        if (c->volets[ind->volet].award == RULES_PER_INDICATOR && fails(saved[i]) &&
            ind->points_tenths > 0 && gate_open)
            r->missing[r->nmissing++] = (eval_missing){
                EVAL_MISSING_INDICATOR, ind, NULL, ind->points_tenths * c->point_value_cents / 10};
    }
    free(saved);
    missing_proofs(r, r->nmissing);
    if (!d->attestation.accuracy || !d->attestation.keep_proofs)
        r->missing[r->nmissing++] =
            (eval_missing){EVAL_MISSING_ATTESTATION, NULL, NULL, r->max_cents};
    qsort(r->missing, r->nmissing, sizeof *r->missing, cmp_missing);
}

const char *eval_missing_label(const eval_missing *m, char *buf, size_t size)
{
    switch (m->kind) {
    case EVAL_MISSING_INDICATOR: snprintf(buf, size, "%s", m->ind->label); break;
    case EVAL_MISSING_PROOF:
        snprintf(buf, size, "À envoyer : %s (%s)", m->doc->label, m->ind->label);
        break;
    case EVAL_MISSING_ATTESTATION:
        snprintf(buf, size, "Attestation sur l'honneur : cochez ses deux engagements");
        break;
    }
    return buf;
}

/* ---- the declaration as a whole -------------------------------------------------------------- */

static void check_identity(ctx *x)
{
    const decl_t *d = x->d;
    struct {
        const char *value, *label;
    } required[] = {
        {d->identity.last_name, "le nom"},        {d->identity.first_name, "le prénom"},
        {d->identity.rpps, "le numéro RPPS"},     {d->identity.am_number, "le N° AM du cabinet"},
        {d->identity.specialty, "la spécialité"},
    };
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (!required[i].value || !*required[i].value)
            msg(x, EVAL_MSG_IDENTITY_MISSING, NULL, "Identité : indiquez %s.", required[i].label);
    ident_status st;
    /* a wrong key blocks a version until the number is corrected or confirmed as it is */
    st = d->identity.rpps && *d->identity.rpps ? ident_check_rpps(d->identity.rpps) : IDENT_OK;
    if (st == IDENT_BAD_KEY && d->rpps_confirmed)
        msg_as(x, EVAL_MSG_IDENTITY_RPPS, EVAL_INFO, NULL,
               "Identité : la clé du numéro RPPS est inhabituelle, mais le numéro a été confirmé.");
    else if (st == IDENT_BAD_KEY)
        msg(x, EVAL_MSG_IDENTITY_RPPS, NULL,
            "Identité : la clé du numéro RPPS est incorrecte : corrigez le numéro, ou "
            "confirmez-le s'il est juste, pour pouvoir finaliser une version.");
    else if (st != IDENT_OK)
        msg(x, EVAL_MSG_IDENTITY_RPPS, NULL, "Identité : %s.", ident_message(st, "RPPS"));
    if (d->identity.am_number && *d->identity.am_number &&
        (st = ident_check_am(d->identity.am_number)) != IDENT_OK)
        msg(x, EVAL_MSG_IDENTITY_AM_NUMBER, NULL, "Identité : %s.", ident_message(st, "N° AM"));
    if (d->identity.finess && *d->identity.finess &&
        (st = ident_check_finess(d->identity.finess)) != IDENT_OK)
        msg(x, EVAL_MSG_IDENTITY_FINESS, NULL, "Identité : %s.", ident_message(st, "FINESS"));
    if (d->identity.specialty && *d->identity.specialty) {
        const lists_table *sp = rules_find_list(x->c, "specialties");
        x->specialty = lists_find(sp, d->identity.specialty);
        if (!x->specialty)
            msg(x, EVAL_MSG_IDENTITY_SPECIALTY, NULL,
                "Identité : la spécialité « %s » n'est pas dans la liste des spécialités.",
                d->identity.specialty);
    }
}

static void check_dpi_identity(ctx *x)
{
    for (size_t i = 0; i < x->d->nanswers; i++) {
        const decl_answer *a = x->d->answers[i];
        if (a->software.hospital_dpi &&
            (!x->d->identity.establishment || !*x->d->identity.establishment ||
             !x->d->identity.finess || !*x->d->identity.finess))
            msg(x, EVAL_MSG_IDENTITY_ESTABLISHMENT, a->indicator,
                "Identité : vous utilisez le DPI d'un établissement ; indiquez son nom et son "
                "numéro FINESS.");
    }
}

static void check_unknown_answers(ctx *x)
{
    for (size_t i = 0; i < x->d->nanswers; i++)
        if (!rules_find_indicator(x->c, x->d->answers[i]->indicator))
            msg(x, EVAL_MSG_ANSWER_UNKNOWN_INDICATOR, NULL,
                "La réponse à « %s » ne correspond à aucun indicateur de la campagne %d ; elle "
                "est ignorée.",
                x->d->answers[i]->indicator, x->c->year);
}

/* A deadline that belongs to a document (the LAP certification process) concerns only the
 * doctors who need that document. */
static bool document_deadline_irrelevant(ctx *x, const rules_indicator *ind,
                                         const rules_deadline *dl)
{
    const decl_answer *a = decl_find_answer(x->d, ind->id);
    for (size_t i = 0; i < ind->ndocuments; i++)
        if (ind->documents[i].deadline == dl)
            return !(a && a->lap.provisional && ind->criterion.type == RULES_CRIT_SOFTWARE &&
                     lap_required(x, &ind->criterion));
    return false;
}

static void check_deadlines(ctx *x)
{
    const rules_campaign *c = x->c;
    eval_result *r = x->r;
    char b1[16], b2[16];
    for (size_t i = 0; i < c->ndeadlines; i++) {
        const rules_deadline *dl = &c->deadlines[i];
        bool open_item = false;
        for (size_t k = 0; k < dl->nindicators; k++) {
            const eval_indicator *it = eval_find(r, dl->indicators[k]);
            if (it && document_deadline_irrelevant(x, it->ind, dl))
                continue;
            open_item |= it && fails(it->status);
        }
        if (!open_item)
            continue;
        if (cmp_today(x, dl->date) <= 0)
            msg(x, EVAL_MSG_DEADLINE_UPCOMING, dl->indicators[0],
                "Vous avez jusqu'au %s inclus pour : %s.", fr_date(dl->date, b1), dl->label);
        else
            msg(x, EVAL_MSG_DEADLINE_PASSED, dl->indicators[0],
                "L'échéance du %s est passée (aujourd'hui : %s) : %s.", fr_date(dl->date, b1),
                fr_date(x->today, b2), dl->label);
    }
}

static eval_window check_window(ctx *x)
{
    const rules_campaign *c = x->c;
    char b1[16], b2[16];
    if (cmp_today(x, c->window.opens) < 0) {
        bool approx = c->window.opens_approximate;
        msg_as(x, EVAL_MSG_WINDOW_NOT_OPEN, approx ? EVAL_INFO : EVAL_WARNING, NULL,
               "La saisie des indicateurs %s le %s%s : la déclaration pourra être faite sur "
               "Amelipro ou envoyée à la caisse à partir de cette date.",
               approx ? "doit ouvrir vers" : "ouvre", fr_date(c->window.opens, b1),
               approx ? " (date prévisionnelle)" : "");
        return approx ? EVAL_WINDOW_NOT_OPEN_APPROX : EVAL_WINDOW_NOT_OPEN;
    }
    if (c->window.has_closes && cmp_today(x, c->window.closes) > 0) {
        msg(x, EVAL_MSG_WINDOW_CLOSED, NULL,
            "La saisie de la campagne %d est close depuis le %s à minuit%s (aujourd'hui : %s) : la "
            "déclaration ne peut plus être faite ni modifiée.",
            c->year, fr_date(c->window.closes, b1),
            c->window.closes_inferred ? " (date probable, non publiée : votre caisse peut la "
                                        "confirmer)"
                                      : "",
            fr_date(x->today, b2));
        return EVAL_WINDOW_CLOSED;
    }
    if (!c->window.has_closes)
        msg(x, EVAL_MSG_WINDOW_CLOSE_UNKNOWN, NULL,
            "La date de clôture de la campagne %d n'est pas encore connue.", c->year);
    else if (c->window.closes_inferred)
        msg(x, EVAL_MSG_WINDOW_CLOSE_INFERRED, NULL,
            "La date de clôture de la campagne %d n'est pas publiée : le %s est une date probable, "
            "déduite des campagnes précédentes.",
            c->year, fr_date(c->window.closes, b1));
    return EVAL_WINDOW_OPEN;
}

/* What the rules say of an indicator that fails while another of its volet pays (2023: the MSS
 * points « reportés sur les autres indicateurs »), as information, never as points. */
static void notes_when_not_met(ctx *x)
{
    const eval_result *r = x->r;
    for (size_t i = 0; i < r->nitems; i++) {
        const rules_indicator *ind = r->items[i].ind;
        if (!ind->info_when_not_met || !fails(r->items[i].status))
            continue;
        bool other_pays = false;
        for (size_t k = 0; k < r->nitems; k++)
            other_pays |=
                k != i && r->items[k].ind->volet == ind->volet && pays(r->items[k].status);
        if (other_pays)
            msg(x, EVAL_MSG_INDICATOR_NOTE, ind->id, "« %s » : %s", ind->label,
                ind->info_when_not_met);
    }
}

eval_result *eval_declaration(const rules_campaign *c, const decl_t *d, date_t today)
{
    eval_result *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->campaign = c;
    r->items = calloc(c->nindicators ? c->nindicators : 1, sizeof *r->items);
    r->volets = calloc(c->nvolets ? c->nvolets : 1, sizeof *r->volets);
    /* what says the judgement is incomplete is allocated first: it cannot be missing then */
    r->capmessages = 16;
    r->messages = malloc(r->capmessages * sizeof *r->messages);
    char *incomplete = strdup(INCOMPLETE_TEXT);
    if (!r->items || !r->volets || !r->messages || !incomplete) {
        free(incomplete);
        eval_free(r);
        return NULL;
    }
    ctx x = {.r = r, .c = c, .d = d, .today = today};
    char b1[16];
    if (d->campaign != c->year)
        msg(&x, EVAL_MSG_CAMPAIGN_MISMATCH, NULL,
            "Cette déclaration est pour la campagne %d, jugée ici avec les règles %d.", d->campaign,
            c->year);
    check_identity(&x);
    check_dpi_identity(&x);
    check_unknown_answers(&x);
    size_t unknown = 0;
    for (size_t i = 0; i < c->nindicators; i++) {
        r->items[i].ind = &c->indicators[i];
        r->items[i].status = eval_one(&x, &c->indicators[i]);
        unknown += r->items[i].status == EVAL_UNKNOWN;
    }
    r->nitems = c->nindicators;
    totals(c, r);
    missing(c, d, r);
    notes_when_not_met(&x);
    for (size_t v = 0; v < c->nvolets; v++) {
        int req = c->volets[v].requires;
        if (req >= 0 && r->volets[req].max_tenths == 0)
            msg(&x, EVAL_MSG_VOLET_GATED, NULL,
                "%s n'est pas atteint : %s ne sera pas payé, quels que soient ses indicateurs.",
                c->volets[req].label, c->volets[v].label);
    }
    if (unknown)
        msg(&x, EVAL_MSG_ESTIMATE_UNKNOWN, NULL,
            "%zu indicateur%s calculé%s par la CNAM sans vos propres chiffres : le total est une "
            "fourchette.",
            unknown, unknown > 1 ? "s" : "", unknown > 1 ? "s" : "");
    check_deadlines(&x);
    r->window = check_window(&x);
    r->committed = d->attestation.accuracy && d->attestation.keep_proofs;
    if (!r->committed)
        msg(&x, EVAL_MSG_ATTESTATION_MISSING, NULL,
            "Attestation sur l'honneur : cochez « %s » et « %s » pour pouvoir finaliser une "
            "version.",
            DECL_COMMITMENT_ACCURACY, DECL_COMMITMENT_KEEP_PROOFS);
    if (d->attestation.has_date && cmp_today(&x, d->attestation.date) < 0)
        msg(&x, EVAL_MSG_DATE_FUTURE, NULL, "L'attestation est datée du %s, après aujourd'hui.",
            fr_date(d->attestation.date, b1));
    bool unconfirmed = d->identity.rpps && ident_check_rpps(d->identity.rpps) == IDENT_BAD_KEY &&
                       !d->rpps_confirmed; /* a wrong key blocks a version until confirmed */
    r->transmittable = r->committed && !unconfirmed &&
                       (r->window == EVAL_WINDOW_OPEN || r->window == EVAL_WINDOW_NOT_OPEN_APPROX);
    if (r->incomplete) {
        r->messages[r->nmessages++] =
            (eval_message){EVAL_MSG_EVAL_INCOMPLETE, MESSAGES[EVAL_MSG_EVAL_INCOMPLETE].id,
                           EVAL_BLOCKING, NULL, incomplete};
        r->nblocking++;
        r->transmittable = false;
    } else {
        free(incomplete);
    }
    return r;
}

void eval_free(eval_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nmessages; i++)
        free(r->messages[i].text);
    free(r->messages);
    free(r->items);
    free(r->volets);
    free(r->missing);
    free(r->proofs);
    free(r);
}

const eval_indicator *eval_find(const eval_result *r, const char *indicator)
{
    for (size_t i = 0; indicator && i < r->nitems; i++)
        if (strcmp(r->items[i].ind->id, indicator) == 0)
            return &r->items[i];
    return NULL;
}

bool eval_has_message(const eval_result *r, eval_msg m, const char *indicator)
{
    for (size_t i = 0; i < r->nmessages; i++)
        if (r->messages[i].code == m &&
            (!indicator ||
             (r->messages[i].indicator && strcmp(r->messages[i].indicator, indicator) == 0)))
            return true;
    return false;
}
