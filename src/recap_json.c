/* recap_json: the document of `fsdecl check --json` (docs/check-json.md), written with jansson.
 * Every string is sanitised first: no invalid UTF-8 and no control character but '\n' reaches the
 * output, whatever a file name holds. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "fsdecl/recap.h"
#include "fsdecl/text.h"

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
    static const decl_identity_field shown[] = {DECL_ID_LAST_NAME, DECL_ID_FIRST_NAME,
                                                DECL_ID_RPPS, DECL_ID_AM_NUMBER,
                                                DECL_ID_SPECIALTY};
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
        json_object_set_new(o, "indicator", str(e->missing[i].ind->id));
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

bool recap_json_add(recap_json *j, const recap *r, const char *file)
{
    const eval_result *e = r->eval;
    json_t *o = json_object();
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
    return json_array_append_new(j->declarations, o) == 0;
}

bool recap_json_add_unreadable(recap_json *j, const char *file, const diag_list *errors)
{
    json_t *o = json_object(), *a = json_array();
    json_object_set_new(o, "file", str(file));
    json_object_set_new(o, "verdict", str("unreadable"));
    for (size_t i = 0; i < errors->count; i++) {
        char *line = diag_format(&errors->items[i]);
        json_array_append_new(a, str(line ? line : ""));
        free(line);
    }
    json_object_set_new(o, "errors", a);
    return json_array_append_new(j->declarations, o) == 0;
}

char *recap_json_render(const recap_json *j)
{
    char *text = json_dumps(j->doc, JSON_COMPACT);
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

void recap_json_free(recap_json *j)
{
    if (!j)
        return;
    json_decref(j->declarations);
    json_decref(j->doc);
    free(j);
}
