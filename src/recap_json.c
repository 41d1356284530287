/* recap_json: the document of `fsdecl check --json` (docs/check-json.md), written with jansson.
 * Every string is sanitised first: no invalid UTF-8 and no control character but '\n' reaches the
 * output, whatever a file name holds. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "fsdecl/recap.h"
#include "fsdecl/store_declared.h"
#include "fsdecl/text.h"
#include "recap_internal.h"

struct recap_json {
    json_t *doc, *declarations;
};

/* A JSON string of s (sanitised), or null for NULL. */
static json_t *str(const char *s)
{
    if (!s)
        return json_null();
    size_t n = strlen(s) + 1;
    char *safe = malloc(n);
    if (!safe)
        return NULL;
    text_sanitize(s, true, safe, n);
    json_t *j = json_string(safe);
    free(safe);
    return j;
}

static json_t *identity(const decl_t *d)
{
    static const decl_identity_field shown[] = {DECL_ID_LAST_NAME, DECL_ID_FIRST_NAME, DECL_ID_RPPS,
                                                DECL_ID_AM_NUMBER, DECL_ID_SPECIALTY};
    json_t *o = json_object();
    for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++)
        json_object_set_new(o, decl_identity_key(shown[i]), str(decl_identity(d, shown[i])));
    return o;
}

static json_t *totals(const eval_result *e)
{
    json_t *o = json_object();
    json_object_set_new(o, "min_tenths", json_integer(e->min_tenths));
    json_object_set_new(o, "max_tenths", json_integer(e->max_tenths));
    json_object_set_new(o, "min_cents", json_integer(e->min_cents));
    json_object_set_new(o, "max_cents", json_integer(e->max_cents));
    return o;
}

static json_t *volets(const recap *r)
{
    json_t *a = json_array();
    for (size_t v = 0; v < r->nvolets; v++) {
        json_t *o = json_object();
        json_object_set_new(o, "id", str(r->volets[v].volet->id));
        json_object_set_new(o, "min_tenths", json_integer(r->volets[v].eval->min_tenths));
        json_object_set_new(o, "max_tenths", json_integer(r->volets[v].eval->max_tenths));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *indicators(const recap *r)
{
    json_t *a = json_array();
    for (size_t v = 0; v < r->nvolets; v++)
        for (size_t i = 0; i < r->volets[v].nitems; i++) {
            const eval_indicator *ev = r->volets[v].items[i].eval;
            json_t *o = json_object();
            json_object_set_new(o, "id", str(ev->ind->id));
            json_object_set_new(o, "volet", str(r->volets[v].volet->id));
            json_object_set_new(o, "label", str(ev->ind->label));
            json_object_set_new(o, "status", str(vocab_id(&eval_status_vocab, ev->status)));
            json_object_set_new(o, "min_tenths", json_integer(ev->min_tenths));
            json_object_set_new(o, "max_tenths", json_integer(ev->max_tenths));
            json_array_append_new(a, o);
        }
    return a;
}

static json_t *missing(const eval_result *e)
{
    json_t *a = json_array();
    for (size_t i = 0; i < e->nmissing; i++) {
        json_t *o = json_object();
        const eval_missing *m = &e->missing[i];
        json_object_set_new(o, "kind", str(eval_missing_kind_vocab.entries[m->kind].id));
        json_object_set_new(o, "indicator", m->ind ? str(m->ind->id) : json_null());
        if (m->doc)
            json_object_set_new(o, "document", str(m->doc->id));
        json_object_set_new(o, "gain_cents", json_integer(e->missing[i].gain_cents));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *messages(const eval_result *e)
{
    json_t *a = json_array();
    for (size_t i = 0; i < e->nmessages; i++) {
        const eval_message *m = &e->messages[i];
        json_t *o = json_object();
        json_object_set_new(o, "id", str(m->id));
        json_object_set_new(o, "severity", str(vocab_id(&eval_severity_vocab, m->severity)));
        json_object_set_new(o, "indicator", str(m->indicator));
        json_object_set_new(o, "text", str(m->text));
        json_array_append_new(a, o);
    }
    return a;
}

recap_json *recap_json_new(date_t today)
{
    recap_json *j = calloc(1, sizeof *j);
    if (!j)
        return NULL;
    char iso[16];
    date_format_iso(today, iso, sizeof iso);
    j->doc = json_object();
    j->declarations = json_array();
    if (!j->doc || !j->declarations || json_object_set_new(j->doc, "format", json_integer(1)) ||
        json_object_set_new(j->doc, "today", json_string(iso)) ||
        json_object_set(j->doc, "declarations", j->declarations)) {
        recap_json_free(j);
        return NULL;
    }
    return j;
}

/* The fields of one judged declaration, added to o (docs/check-json.md). */
static void fill_declaration(json_t *o, const recap *r, const char *file)
{
    const eval_result *e = r->eval;
    json_object_set_new(o, "file", str(file));
    json_object_set_new(o, "campaign", json_integer(r->campaign->year));
    json_object_set_new(o, "identity", identity(r->decl));
    json_object_set_new(o, "verdict", str(e->nblocking ? "problems" : "complete"));
    json_object_set_new(o, "transmittable", json_boolean(e->transmittable));
    json_object_set_new(o, "total", totals(e));
    json_object_set_new(o, "volets", volets(r));
    json_object_set_new(o, "indicators", indicators(r));
    json_object_set_new(o, "missing", missing(e));
    json_object_set_new(o, "messages", messages(e));
}

/* The fields of a file that could not be judged, added to o. */
static void fill_unreadable(json_t *o, const char *file, const diag_list *errors)
{
    json_t *a = json_array();
    json_object_set_new(o, "file", str(file));
    json_object_set_new(o, "verdict", str("unreadable"));
    for (size_t i = 0; i < errors->count; i++) {
        char *line = diag_format(&errors->items[i]);
        json_array_append_new(a, str(line ? line : ""));
        free(line);
    }
    json_object_set_new(o, "errors", a);
}

bool recap_json_add(recap_json *j, const recap *r, const char *file)
{
    json_t *o = json_object();
    if (!o)
        return false;
    fill_declaration(o, r, file);
    return json_array_append_new(j->declarations, o) == 0;
}

bool recap_json_add_unreadable(recap_json *j, const char *file, const diag_list *errors)
{
    json_t *o = json_object();
    if (!o)
        return false;
    fill_unreadable(o, file, errors);
    return json_array_append_new(j->declarations, o) == 0;
}

/* ---- JSON Lines: one object a line, written and freed at once -------------------------------- */

/* An object that starts with the format and the day of judgement. */
static json_t *line_head(date_t today)
{
    char iso[16];
    date_format_iso(today, iso, sizeof iso);
    json_t *o = json_object();
    if (o && (json_object_set_new(o, "format", json_integer(1)) ||
              json_object_set_new(o, "today", json_string(iso)))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Writes o on one line of f and frees it. */
static bool write_line(FILE *f, json_t *o)
{
    bool ok = o && json_dumpf(o, f, JSON_COMPACT) == 0 && fputc('\n', f) != EOF;
    json_decref(o);
    return ok;
}

bool recap_json_write_line(FILE *f, const recap *r, const char *file, date_t today)
{
    json_t *o = line_head(today);
    if (o)
        fill_declaration(o, r, file);
    return write_line(f, o);
}

bool recap_json_write_unreadable_line(FILE *f, const char *file, const diag_list *errors,
                                      date_t today)
{
    json_t *o = line_head(today);
    if (o)
        fill_unreadable(o, file, errors);
    return write_line(f, o);
}

/* A JSON value as compact text ending with a newline, malloc'ed. */
static char *dump_line(const json_t *j)
{
    char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
    if (!text)
        return NULL;
    size_t n = strlen(text);
    char *out = malloc(n + 2);
    if (out) {
        memcpy(out, text, n);
        memcpy(out + n, "\n", 2);
    }
    free(text);
    return out;
}

char *recap_json_render(const recap_json *j)
{
    return dump_line(j->doc);
}

void recap_json_free(recap_json *j)
{
    if (!j)
        return;
    json_decref(j->declarations);
    json_decref(j->doc);
    free(j);
}

/* ---- the recap document (docs/recap-format.md) ---------------------------------------------- */

static json_t *date_or_null(bool has, date_t d)
{
    char iso[16];
    if (!has)
        return json_null();
    date_format_iso(d, iso, sizeof iso);
    return json_string(iso);
}

static json_t *campaign_json(const rules_campaign *c)
{
    json_t *o = json_object(), *w = json_object();
    json_object_set_new(o, "year", json_integer(c->year));
    json_object_set_new(o, "title", str(c->title));
    json_object_set_new(o, "point_value_cents", json_integer(c->point_value_cents));
    json_object_set_new(w, "opens", date_or_null(true, c->window.opens));
    json_object_set_new(w, "opens_approximate", json_boolean(c->window.opens_approximate));
    json_object_set_new(w, "closes", date_or_null(c->window.has_closes, c->window.closes));
    json_object_set_new(w, "closes_inferred", json_boolean(c->window.closes_inferred));
    json_object_set_new(o, "window", w);
    return o;
}

static json_t *practitioner_json(const recap *r)
{
    json_t *o = json_object();
    for (int f = 0; f < DECL_ID_COUNT; f++)
        json_object_set_new(o, decl_identity_key((decl_identity_field)f),
                            str(decl_identity(r->decl, (decl_identity_field)f)));
    json_object_set_new(o, "specialty_label", str(r->specialty));
    json_object_set_new(o, "hospital_dpi", json_boolean(r->hospital_dpi));
    return o;
}

static json_t *origin_json(const recap_origin *g)
{
    json_t *o = json_object();
    json_object_set_new(o, "transmitted", json_boolean(g->transmitted));
    json_object_set_new(o, "version", g->transmitted ? json_integer(g->version) : json_null());
    json_object_set_new(o, "date", g->transmitted ? str(g->date) : json_null());
    json_object_set_new(o, "sha256", g->transmitted ? str(g->sha256) : json_null());
    bool since = !g->transmitted && g->last_version;
    json_object_set_new(o, "last_version", since ? json_integer(g->last_version) : json_null());
    json_object_set_new(o, "last_date", since ? str(g->last_date) : json_null());
    json_object_set_new(o, "unchanged", since ? json_boolean(g->unchanged) : json_null());
    json_t *changes = json_null();
    if (since && !g->unchanged) {
        changes = json_array();
        for (size_t i = 0; i < g->changes.count && i < RECAP_MAX_CHANGES; i++)
            json_array_append_new(changes, str(g->changes.names[i]));
    }
    json_object_set_new(o, "changes", changes);
    json_object_set_new(o, "changes_count",
                        since && !g->unchanged ? json_integer((json_int_t)g->changes.count)
                                               : json_null());
    json_t *declared = json_null();
    if (g->declared) {
        declared = json_object();
        json_object_set_new(declared, "route",
                            str(vocab_id(&store_route_vocab, g->declared_route)));
        json_object_set_new(declared, "date", date_or_null(true, g->declared_date));
        json_object_set_new(declared, "version", json_integer(g->declared_version));
    }
    json_object_set_new(o, "declared", declared);
    return o;
}

static json_t *proof_json(const recap_proof *p)
{
    const eval_proof *o = p->owed;
    json_t *j = json_object();
    json_object_set_new(j, "indicator", str(o->ind->id));
    json_object_set_new(j, "document", str(o->doc->id));
    json_object_set_new(j, "label", str(o->doc->label));
    json_object_set_new(j, "accepted", str(p->accepted));
    json_object_set_new(j, "state", str(vocab_id(&decl_proof_state_vocab, p->state)));
    json_object_set_new(j, "date",
                        o->given ? date_or_null(o->given->has_date, o->given->date) : json_null());
    json_object_set_new(j, "counts_once_sent", json_boolean(o->blocking));
    json_object_set_new(j, "must_show", str(o->doc->must_show));
    return j;
}

static json_t *item_json(const recap_item *it)
{
    const eval_indicator *ev = it->eval;
    json_t *o = json_object(), *proofs = json_array();
    json_object_set_new(o, "id", str(ev->ind->id));
    json_object_set_new(o, "label", str(ev->ind->label));
    json_object_set_new(o, "kind", str(vocab_id(&rules_kind_vocab, ev->ind->kind)));
    json_object_set_new(o, "answer", str(it->answer));
    json_object_set_new(o, "estimate", json_boolean(it->estimate));
    json_object_set_new(o, "status", str(vocab_id(&eval_status_vocab, ev->status)));
    json_object_set_new(o, "min_tenths", json_integer(ev->min_tenths));
    json_object_set_new(o, "max_tenths", json_integer(ev->max_tenths));
    for (size_t k = 0; k < it->nproofs; k++)
        json_array_append_new(proofs, proof_json(&it->proofs[k]));
    json_object_set_new(o, "proofs", proofs);
    return o;
}

static json_t *volet_json(const recap_volet *rv)
{
    static const char *const gates[] = {"none", "open", "unknown", "closed"};
    json_t *o = json_object(), *items = json_array();
    json_object_set_new(o, "id", str(rv->volet->id));
    json_object_set_new(o, "label", str(rv->volet->label));
    json_object_set_new(o, "award", str(vocab_id(&rules_award_vocab, rv->volet->award)));
    json_object_set_new(o, "points_tenths", json_integer(rv->volet->points_tenths));
    json_object_set_new(o, "requires", rv->requires ? str(rv->requires->id) : json_null());
    json_object_set_new(o, "gate", str(gates[rv->gate]));
    json_object_set_new(o, "min_tenths", json_integer(rv->eval->min_tenths));
    json_object_set_new(o, "max_tenths", json_integer(rv->eval->max_tenths));
    for (size_t i = 0; i < rv->nitems; i++)
        json_array_append_new(items, item_json(&rv->items[i]));
    json_object_set_new(o, "indicators", items);
    return o;
}

static json_t *proof_refs(const recap_proof *const *p, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "indicator", str(p[i]->owed->ind->id));
        json_object_set_new(o, "document", str(p[i]->owed->doc->id));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *commitments_json(const decl_t *d)
{
    json_t *o = json_object(), *acc = json_object(), *keep = json_object();
    json_object_set_new(acc, "text", str(DECL_COMMITMENT_ACCURACY));
    json_object_set_new(acc, "given", json_boolean(d->attestation.accuracy));
    json_object_set_new(keep, "text", str(DECL_COMMITMENT_KEEP_PROOFS));
    json_object_set_new(keep, "given", json_boolean(d->attestation.keep_proofs));
    json_object_set_new(o, "accuracy", acc);
    json_object_set_new(o, "keep_proofs", keep);
    json_object_set_new(o, "date", date_or_null(d->attestation.has_date, d->attestation.date));
    return o;
}

static json_t *recap_object(const recap *r)
{
    json_t *o = json_object(), *volets = json_array(), *proofs = json_object(),
           *keep = json_array();
    json_object_set_new(o, "format", json_integer(1));
    json_object_set_new(o, "campaign", campaign_json(r->campaign));
    json_object_set_new(o, "practitioner", practitioner_json(r));
    json_object_set_new(o, "origin", origin_json(&r->origin));
    for (size_t v = 0; v < r->nvolets; v++)
        json_array_append_new(volets, volet_json(&r->volets[v]));
    json_object_set_new(o, "volets", volets);
    json_t *total = totals(r->eval);
    json_object_set_new(total, "range", json_boolean(r->range));
    json_object_set_new(total, "estimates", json_boolean(r->any_estimate));
    json_object_set_new(o, "total", total);
    json_object_set_new(proofs, "to_send", proof_refs(r->to_send, r->nto_send));
    json_object_set_new(proofs, "sent", proof_refs(r->sent, r->nsent));
    json_object_set_new(proofs, "validated", proof_refs(r->validated, r->nvalidated));
    json_object_set_new(o, "proofs", proofs);
    for (size_t i = 0; i < r->nkeep; i++) {
        json_t *k = json_object();
        json_object_set_new(k, "indicator", str(r->keep[i].ind->id));
        json_object_set_new(k, "text", str(r->keep[i].text));
        json_array_append_new(keep, k);
    }
    json_object_set_new(o, "keep", keep);
    json_object_set_new(o, "commitments", commitments_json(r->decl));
    return o;
}

char *recap_render_json(const recap *r)
{
    json_t *o = recap_object(r);
    char *text = dump_line(o);
    json_decref(o);
    return text;
}

/* ---- shared with the sheet's JSON (recap_internal.h) ---------------------------------------- */

json_t *recap_json_str(const char *s)
{
    return str(s);
}

json_t *recap_json_head(const recap *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "format", json_integer(1));
    json_object_set_new(o, "campaign", campaign_json(r->campaign));
    json_object_set_new(o, "practitioner", practitioner_json(r));
    json_object_set_new(o, "origin", origin_json(&r->origin));
    return o;
}

char *recap_json_take(json_t *o)
{
    char *text = dump_line(o);
    json_decref(o);
    return text;
}
