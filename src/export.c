/* export: a campaign's drafts as CSV or JSON Lines, streamed one draft at a time
 * (docs/export-format.md). One function walks the columns of a row (row_draft), the same for the
 * header and for every draft, so that names and values can never drift apart; the writer decides
 * what a column becomes in each format. */
#include "fsdecl/export.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fsdecl/eval.h"
#include "fsdecl/store.h"
#include "fsdecl/store_declared.h"
#include "fsdecl/text.h"

VOCAB_DEFINE(export_format_vocab, EXPORT_FORMATS, EXPORT_FORMAT_COUNT)

enum { NAME_MAX_LEN = 256 };

/* Where a row goes: the CSV header, a CSV row, or a JSON object. */
typedef struct {
    export_format fmt;
    FILE *f;
    bool header;  /* CSV: write the names, not the values */
    size_t ncols; /* written so far in this row */
    json_t *obj;  /* JSON Lines: the row being built */
    bool failed;
} writer;

/* ---- cells ---------------------------------------------------------------------------------- */

static void csv_sep(writer *w)
{
    if (w->ncols++)
        fputc(',', w->f);
}

/* A CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180), quotes
 * doubled. */
static void csv_field(writer *w, const char *s)
{
    csv_sep(w);
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, w->f);
        return;
    }
    fputc('"', w->f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', w->f);
        fputc(*s, w->f);
    }
    fputc('"', w->f);
}

static char *sanitised(const char *s)
{
    size_t n = strlen(s) + 1;
    char *safe = malloc(n);
    if (safe)
        text_sanitize(s, true, safe, n);
    return safe;
}

static void json_set(writer *w, const char *name, json_t *v)
{
    if (!v || json_object_set_new(w->obj, name, v))
        w->failed = true;
}

/* Text from a draft or the store; NULL or "" is empty in CSV (NULL for PostgreSQL), null in JSON.
 */
static void put_text(writer *w, const char *name, const char *s)
{
    if (w->header) {
        csv_field(w, name);
        return;
    }
    bool none = !s || !*s;
    char *safe = none ? NULL : sanitised(s);
    if (!none && !safe)
        w->failed = true;
    if (w->fmt == EXPORT_CSV)
        csv_field(w, safe ? safe : "");
    else
        json_set(w, name, safe ? json_string(safe) : json_null());
    free(safe);
}

static void put_int(writer *w, const char *name, bool has, int64_t v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%" PRId64, v);
    if (w->header || w->fmt == EXPORT_CSV)
        csv_field(w, w->header ? name : has ? buf : "");
    else
        json_set(w, name, has ? json_integer(v) : json_null());
}

static void put_bool(writer *w, const char *name, bool v)
{
    if (w->header || w->fmt == EXPORT_CSV)
        csv_field(w, w->header ? name : v ? "true" : "false");
    else
        json_set(w, name, json_boolean(v));
}

static void put_date(writer *w, const char *name, bool has, date_t d)
{
    char iso[16] = "";
    if (has)
        date_format_iso(d, iso, sizeof iso);
    put_text(w, name, iso);
}

/* A decimal with a dot: 1234 tenths "123.4" (scale 10), 780500 cents "7805.00" (scale 100). */
static void decimal(int64_t v, int scale, char *buf, size_t size)
{
    const char *sign = v < 0 ? "-" : "";
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    snprintf(buf, size, scale == 10 ? "%s%" PRIu64 ".%01" PRIu64 : "%s%" PRIu64 ".%02" PRIu64, sign,
             a / (uint64_t)scale, a % (uint64_t)scale);
}

/* An exact amount: in CSV one decimal column BASE_UNIT ("min_euros": 7805.00); in JSON the
 * integer BASE_INTEGER ("min_cents": 780500) and the same decimal as a string. */
static void put_amount(writer *w, const char *base, const char *unit, const char *integer,
                       int scale, bool has, int64_t v)
{
    char name[NAME_MAX_LEN], iname[NAME_MAX_LEN], buf[48];
    snprintf(name, sizeof name, "%s_%s", base, unit);
    snprintf(iname, sizeof iname, "%s_%s", base, integer);
    decimal(v, scale, buf, sizeof buf);
    if (w->header || w->fmt == EXPORT_CSV) {
        csv_field(w, w->header ? name : has ? buf : "");
        return;
    }
    json_set(w, iname, has ? json_integer(v) : json_null());
    json_set(w, name, has ? json_string(buf) : json_null());
}

static void put_points(writer *w, const char *base, bool has, int64_t tenths)
{
    put_amount(w, base, "points", "tenths", 10, has, tenths);
}

static void put_euros(writer *w, const char *base, bool has, int64_t cents)
{
    put_amount(w, base, "euros", "cents", 100, has, cents);
}

/* ---- one row --------------------------------------------------------------------------------- */

/* What a row is made of; in the header, only the rules. */
typedef struct {
    const rules_campaign *rules;
    const store_entry *entry;
    session_draft_state state;
    const char *error;
    const decl_t *decl;
    const eval_result *eval;
    const store_version *last; /* the last finalised version, or NULL */
    bool changed;              /* the draft is no longer that version's text */
    const store_declared *declared;
} row;

static const char *name2(char *buf, const char *a, const char *b)
{
    snprintf(buf, NAME_MAX_LEN, "%s.%s", a, b);
    return buf;
}

static const char *name3(char *buf, const char *a, const char *b, const char *c)
{
    snprintf(buf, NAME_MAX_LEN, "%s.%s.%s", a, b, c);
    return buf;
}

static void row_identity(writer *w, const row *r)
{
    char saved[32] = "";
    if (r->entry) {
        struct tm tm;
        localtime_r(&r->entry->saved, &tm);
        strftime(saved, sizeof saved, "%Y-%m-%d %H:%M:%S", &tm);
    }
    put_int(w, "campaign", true, r->rules->year);
    put_text(w, "draft", r->entry ? r->entry->name : NULL);
    put_text(w, "state", r->entry ? vocab_id(&session_draft_state_vocab, r->state) : NULL);
    put_text(w, "error", r->error);
    put_text(w, "saved", saved);
    for (int f = 0; f < DECL_ID_COUNT; f++)
        put_text(w, decl_identity_key(f), r->decl ? decl_identity(r->decl, f) : NULL);
    put_bool(w, "first_year", r->decl && r->decl->first_year);
}

static void row_totals(writer *w, const row *r)
{
    const eval_result *e = r->eval;
    put_text(w, "verdict", !e ? NULL : e->nblocking ? "problems" : "complete");
    put_int(w, "blocking", e, e ? (int64_t)e->nblocking : 0);
    put_bool(w, "transmittable", e && e->transmittable);
    put_points(w, "min", e, e ? e->min_tenths : 0);
    put_points(w, "max", e, e ? e->max_tenths : 0);
    put_euros(w, "min", e, e ? e->min_cents : 0);
    put_euros(w, "max", e, e ? e->max_cents : 0);
    const decl_t *d = r->decl;
    put_bool(w, "attestation_accuracy", d && d->attestation.accuracy);
    put_bool(w, "attestation_keep_proofs", d && d->attestation.keep_proofs);
    put_date(w, "attestation_date", d && d->attestation.has_date,
             d ? d->attestation.date : (date_t){0, 0, 0});
}

static void row_versions(writer *w, const row *r)
{
    const store_version *v = r->last;
    const store_declared *dc = r->declared;
    put_int(w, "versions", r->entry && r->entry->versions >= 0, r->entry ? r->entry->versions : 0);
    put_int(w, "last_version", v, v ? v->number : 0);
    put_text(w, "last_version_date", v ? v->date : NULL);
    put_text(w, "last_version_sha256", v ? v->sha256 : NULL);
    put_bool(w, "last_version_intact", v && v->intact);
    put_bool(w, "changed_since_version", r->changed);
    put_int(w, "declared_version", dc, dc ? dc->version : 0);
    put_text(w, "declared_route", dc ? vocab_id(&store_route_vocab, dc->route) : NULL);
    put_date(w, "declared_date", dc, dc ? dc->date : (date_t){0, 0, 0});
    put_text(w, "declared_recorded", dc ? dc->recorded : NULL);
}

static void row_volets(writer *w, const row *r)
{
    char n[NAME_MAX_LEN];
    for (size_t v = 0; v < r->rules->nvolets; v++) {
        const eval_volet *ev = r->eval ? &r->eval->volets[v] : NULL;
        put_points(w, name2(n, r->rules->volets[v].id, "min"), ev, ev ? ev->min_tenths : 0);
        put_points(w, name2(n, r->rules->volets[v].id, "max"), ev, ev ? ev->max_tenths : 0);
    }
}

/* The columns of a criterion's answer: counts, choices, software, parts. */
static void row_criterion(writer *w, const rules_indicator *ind, const decl_answer *a)
{
    const rules_criterion *c = &ind->criterion;
    char n[NAME_MAX_LEN];
    const char *id = ind->id;
    switch (c->type) {
    case RULES_CRIT_RATIO:
        put_int(w, name2(n, id, "numerator"), a && a->has_ratio, a ? a->numerator : 0);
        put_int(w, name2(n, id, "denominator"), a && a->has_ratio, a ? a->denominator : 0);
        break;
    case RULES_CRIT_COUNT_AT_LEAST:
        put_int(w, name2(n, id, "count"), a && a->has_count, a ? a->count : 0);
        break;
    case RULES_CRIT_AVERAGE_RATIO:
        for (size_t k = 0; k < c->ncomponents; k++) {
            const decl_component *dc = a ? decl_find_component(a, c->components[k].id) : NULL;
            put_int(w, name3(n, id, c->components[k].id, "numerator"), dc, dc ? dc->numerator : 0);
            put_int(w, name3(n, id, c->components[k].id, "denominator"), dc,
                    dc ? dc->denominator : 0);
        }
        break;
    case RULES_CRIT_CHOICE: {
        /* the list entry ids, separated by '|' */
        size_t len = 1;
        for (size_t k = 0; a && k < a->nchoices; k++)
            len += strlen(a->choices[k]) + 1;
        char *joined = calloc(1, len);
        for (size_t k = 0; joined && a && k < a->nchoices; k++) {
            if (k)
                strcat(joined, "|");
            strcat(joined, a->choices[k]);
        }
        if (!joined)
            w->failed = true;
        put_text(w, name2(n, id, "choices"), joined);
        free(joined);
        if (c->allow_other)
            put_text(w, name2(n, id, "other"), a ? a->other : NULL);
        break;
    }
    case RULES_CRIT_SOFTWARE:
        for (int f = 0; f < DECL_SW_COUNT; f++) {
            char key[64];
            snprintf(key, sizeof key, "software_%s", decl_software_key(f));
            put_text(w, name2(n, id, key), a ? decl_software(a, f) : NULL);
        }
        put_date(w, name2(n, id, "software_acquired"), a && a->software.has_acquired,
                 a ? a->software.acquired : (date_t){0, 0, 0});
        put_bool(w, name2(n, id, "hospital_dpi"), a && a->software.hospital_dpi);
        put_text(w, name2(n, id, "lap_name"), a ? a->lap.name : NULL);
        put_date(w, name2(n, id, "lap_certified"), a && a->lap.has_certified,
                 a ? a->lap.certified : (date_t){0, 0, 0});
        put_bool(w, name2(n, id, "lap_provisional"), a && a->lap.provisional);
        put_date(w, name2(n, id, "lap_process_started"), a && a->lap.has_process_started,
                 a ? a->lap.process_started : (date_t){0, 0, 0});
        break;
    case RULES_CRIT_ALL_OF:
        for (size_t k = 0; k < c->nparts; k++) {
            decl_yesno v = a ? decl_find_part(a, c->parts[k].id) : DECL_UNSET;
            put_text(w, name2(n, id, c->parts[k].id),
                     v == DECL_UNSET ? NULL : vocab_id(&decl_yesno_vocab, v));
        }
        break;
    case RULES_CRIT_YES_NO: break;
    }
}

static void row_indicator(writer *w, const row *r, const rules_indicator *ind)
{
    char n[NAME_MAX_LEN];
    const decl_answer *a = r->decl ? decl_find_answer(r->decl, ind->id) : NULL;
    const eval_indicator *ev = r->eval ? eval_find(r->eval, ind->id) : NULL;
    put_text(w, name2(n, ind->id, "answer"),
             a && a->value != DECL_UNSET ? vocab_id(&decl_yesno_vocab, a->value) : NULL);
    put_bool(w, name2(n, ind->id, "prefilled"), a && a->prefilled);
    put_text(w, name2(n, ind->id, "status"), ev ? vocab_id(&eval_status_vocab, ev->status) : NULL);
    put_points(w, name2(n, ind->id, "min"), ev, ev ? ev->min_tenths : 0);
    put_points(w, name2(n, ind->id, "max"), ev, ev ? ev->max_tenths : 0);
    row_criterion(w, ind, a);
    for (size_t k = 0; k < ind->ndocuments; k++) {
        const rules_document *doc = &ind->documents[k];
        const decl_proof *p = a ? decl_find_proof(a, doc->id) : NULL;
        put_text(w, name3(n, ind->id, doc->id, "proof"),
                 p ? vocab_id(&decl_proof_state_vocab, p->state) : NULL);
        put_date(w, name3(n, ind->id, doc->id, "proof_date"), p && p->has_date,
                 p ? p->date : (date_t){0, 0, 0});
    }
}

/* Every column of a row, in the documented order. */
static void row_draft(writer *w, const row *r)
{
    row_identity(w, r);
    row_totals(w, r);
    row_versions(w, r);
    row_volets(w, r);
    for (size_t i = 0; i < r->rules->nindicators; i++)
        row_indicator(w, r, &r->rules->indicators[i]);
}

/* Writes one row (or the CSV header); false when f refuses it or memory runs out. */
static bool write_row(export_format fmt, FILE *f, bool header, const row *r)
{
    writer w = {.fmt = fmt, .f = f, .header = header};
    if (fmt == EXPORT_JSONL) {
        if (!(w.obj = json_object()) || json_object_set_new(w.obj, "format", json_integer(1)))
            w.failed = true;
    }
    if (!w.failed)
        row_draft(&w, r);
    if (fmt == EXPORT_JSONL) {
        if (!w.failed && json_dumpf(w.obj, f, JSON_COMPACT) != 0)
            w.failed = true;
        json_decref(w.obj);
        fputc('\n', f);
    } else {
        fputs("\r\n", f);
    }
    return !w.failed && !ferror(f);
}

/* ---- the campaign ---------------------------------------------------------------------------- */

/* The first diagnostic as "file:line: message", into buf. */
static void first_error(const diag_list *d, char *buf, size_t size)
{
    char *line = d->count ? diag_format(&d->items[0]) : NULL;
    snprintf(buf, size, "%s", line ? line : "");
    free(line);
}

/* Reads, judges, writes and frees one draft. */
static bool export_one(session *s, const store_t *st, const rules_campaign *rules,
                       const store_entry *e, export_format fmt, FILE *f, export_stats *stats,
                       diag_list *d)
{
    diag_list dl;
    diag_init(&dl);
    row r = {.rules = rules, .entry = e, .state = SESSION_DRAFT_JUDGED};
    decl_t *decl = store_load(st, e->name, &dl);
    eval_result *ev = decl ? eval_declaration(rules, decl, session_today(s)) : NULL;
    if (decl && !ev)
        diag_add(&dl, e->name, 0, "mémoire insuffisante");
    store_version *v = NULL;
    size_t nv = 0;
    store_declared *dc = NULL;
    size_t ndc = 0;
    if (ev && e->versions > 0 && store_history(st, e->name, &v, &nv, &dl) && nv) {
        store_version last;
        bool same;
        r.last = &v[nv - 1];
        r.changed = store_draft_since(st, e->name, &last, &same, &dl) && last.intact && !same;
        if (store_declared_list(st, e->name, &dc, &ndc, &dl) && ndc)
            r.declared = &dc[ndc - 1];
    }
    char error[1024] = "";
    if (!ev) {
        r.state = SESSION_DRAFT_UNREADABLE;
        stats->unreadable++;
    } else if (ev->window == EVAL_WINDOW_CLOSED) {
        r.state = SESSION_DRAFT_CLOSED;
    }
    if (dl.count) {
        first_error(&dl, error, sizeof error);
        r.error = error;
    }
    if (ev) {
        r.decl = decl;
        r.eval = ev;
    }
    for (size_t i = 0; i < dl.count; i++)
        diag_add(d, dl.items[i].file, dl.items[i].line, "%s", dl.items[i].message);
    bool ok = write_row(fmt, f, false, &r);
    stats->rows++;
    free(dc);
    free(v);
    eval_free(ev);
    decl_free(decl);
    diag_free(&dl);
    return ok;
}

bool export_campaign(session *s, int year, export_format fmt, FILE *f, export_stats *stats,
                     diag_list *d)
{
    memset(stats, 0, sizeof *stats);
    const rules_campaign *rules = session_campaign(s, year, d);
    const store_t *st = rules ? session_store_located(s, d) : NULL;
    if (!st)
        return false;
    store_entry *v;
    size_t n;
    bool complete = store_list(st, &v, &n, d);
    bool ok = fmt != EXPORT_CSV || write_row(fmt, f, true, &(row){.rules = rules});
    for (size_t i = 0; ok && i < n; i++)
        if (v[i].year == year)
            ok = export_one(s, st, rules, &v[i], fmt, f, stats, d);
    free(v);
    if (!ok)
        diag_add(d, "fsdecl", 0, "écriture de l'export impossible");
    return ok && complete;
}

/* ---- the store's drafts (fsdecl drafts --json) ----------------------------------------------- */

static json_t *jtext(const char *s)
{
    char *safe = s && *s ? sanitised(s) : NULL;
    json_t *j = safe ? json_string(safe) : json_null();
    free(safe);
    return j;
}

static json_t *amount(int64_t v, int scale)
{
    char buf[48];
    decimal(v, scale, buf, sizeof buf);
    return json_string(buf);
}

static json_t *versions_array(const store_version *versions, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "number", json_integer(versions[i].number));
        json_object_set_new(o, "date", jtext(versions[i].date));
        json_object_set_new(o, "sha256", jtext(versions[i].sha256));
        json_object_set_new(o, "intact", json_boolean(versions[i].intact));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *declared_object(const session_summary *sum)
{
    if (!sum->declared)
        return json_null();
    char day[16];
    date_format_iso(sum->last_declared.date, day, sizeof day);
    json_t *o = json_object();
    json_object_set_new(o, "version", json_integer(sum->last_declared.version));
    json_object_set_new(o, "route",
                        json_string(vocab_id(&store_route_vocab, sum->last_declared.route)));
    json_object_set_new(o, "date", json_string(day));
    json_object_set_new(o, "recorded", jtext(sum->last_declared.recorded));
    return o;
}

bool export_summary_line(FILE *f, const session_summary *sum, const store_version *versions,
                         size_t n)
{
    bool judged = sum->state == SESSION_DRAFT_JUDGED || sum->state == SESSION_DRAFT_CLOSED;
    char words[160], saved[32];
    struct tm tm;
    localtime_r(&sum->entry.saved, &tm);
    strftime(saved, sizeof saved, "%Y-%m-%d %H:%M:%S", &tm);
    json_t *o = json_object();
    if (!o)
        return false;
    json_object_set_new(o, "format", json_integer(1));
    json_object_set_new(o, "name", jtext(sum->entry.name));
    json_object_set_new(o, "campaign", json_integer(sum->entry.year));
    json_object_set_new(o, "rpps", jtext(sum->entry.rpps));
    json_object_set_new(
        o, "who", judged || sum->state == SESSION_DRAFT_NO_RULES ? jtext(sum->who) : json_null());
    json_object_set_new(o, "state", json_string(vocab_id(&session_draft_state_vocab, sum->state)));
    json_object_set_new(o, "state_words", jtext(session_state_words(sum, words, sizeof words)));
    json_object_set_new(o, "blocking",
                        judged ? json_integer((json_int_t)sum->nblocking) : json_null());
    json_object_set_new(o, "min_tenths", judged ? json_integer(sum->min_tenths) : json_null());
    json_object_set_new(o, "max_tenths", judged ? json_integer(sum->max_tenths) : json_null());
    json_object_set_new(o, "min_points", judged ? amount(sum->min_tenths, 10) : json_null());
    json_object_set_new(o, "max_points", judged ? amount(sum->max_tenths, 10) : json_null());
    json_object_set_new(o, "min_cents", judged ? json_integer(sum->min_cents) : json_null());
    json_object_set_new(o, "max_cents", judged ? json_integer(sum->max_cents) : json_null());
    json_object_set_new(o, "min_euros", judged ? amount(sum->min_cents, 100) : json_null());
    json_object_set_new(o, "max_euros", judged ? amount(sum->max_cents, 100) : json_null());
    json_object_set_new(o, "saved", json_string(saved));
    json_object_set_new(o, "recovery", json_boolean(sum->entry.has_recovery));
    json_object_set_new(o, "versions_count",
                        sum->entry.versions >= 0 ? json_integer(sum->entry.versions) : json_null());
    json_object_set_new(o, "changed_since_version", json_boolean(sum->changed));
    json_object_set_new(o, "versions", versions_array(versions, n));
    json_object_set_new(o, "declared", declared_object(sum));
    bool ok = json_dumpf(o, f, JSON_COMPACT) == 0 && fputc('\n', f) != EOF;
    json_decref(o);
    return ok;
}

/* ---- the output file ------------------------------------------------------------------------- */

FILE *export_output_open(const char *path, char *tmp, diag_list *d)
{
    int n = snprintf(tmp, PATH_MAX, "%s.XXXXXX", path);
    int fd = n > 0 && n < PATH_MAX ? mkstemp(tmp) : -1;
    if (fd < 0) {
        diag_add(d, path, 0, "création impossible : %s",
                 strerror(n < PATH_MAX ? errno : ENAMETOOLONG));
        return NULL;
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        diag_add(d, path, 0, "création impossible : %s", strerror(errno));
        close(fd);
        unlink(tmp);
    }
    return f;
}

bool export_output_commit(FILE *f, const char *tmp, const char *path, bool ok, diag_list *d)
{
    errno = 0;
    if (ok && (fflush(f) != 0 || fsync(fileno(f)) != 0)) {
        diag_add(d, path, 0, "écriture impossible : %s", strerror(errno ? errno : EIO));
        ok = false;
    }
    if (fclose(f) != 0 && ok) {
        diag_add(d, path, 0, "écriture impossible : %s", strerror(errno ? errno : EIO));
        ok = false;
    }
    if (ok && rename(tmp, path) != 0) {
        diag_add(d, path, 0, "écriture impossible : %s", strerror(errno));
        ok = false;
    }
    if (!ok)
        unlink(tmp);
    return ok;
}
