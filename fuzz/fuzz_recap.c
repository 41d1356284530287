/* libFuzzer target: the recap's text and JSON renderers, on recaps built from arbitrary drafts
 * judged against the real campaign of their year (rules/). Properties:
 *   - the text of `fsdecl recap` and of `fsdecl check` is valid UTF-8 with no control character
 *     but the line break;
 *   - the JSON of `fsdecl recap --format json` and of `fsdecl check --json` parses with jansson,
 *     is clean UTF-8 on one line, and gives back every figure of the recap and the evaluation
 *     (totals, volets, indicators and their statuses, proofs by state).
 * A draft the reader refuses, or whose year has no rules, is left there (fuzz_draft covers it). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsdecl/decl.h"
#include "fsdecl/eval.h"
#include "fsdecl/recap.h"
#include "fsdecl/vocab.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_text(const char *what, char *text)
{
    if (!text)
        fuzz_fail(what, "(NULL: no text rendered)");
    if (!fuzz_clean_text(text, strlen(text), true))
        fuzz_fail(what, text);
    free(text);
}

static json_int_t field(const json_t *o, const char *key, const char *text)
{
    const json_t *v = json_object_get(o, key);
    if (!json_is_integer(v))
        fuzz_fail("JSON: a figure is missing or not an integer", text);
    return json_integer_value(v);
}

static void same(json_int_t got, int64_t want, const char *what, const char *text)
{
    if (got != want) {
        fprintf(stderr, "fuzz: %s: %lld in the JSON, %lld in the model\n", what, (long long)got,
                (long long)want);
        fuzz_fail("JSON figure differs", text);
    }
}

static void same_str(const json_t *v, const char *want, const char *what, const char *text)
{
    if (!json_is_string(v) || strcmp(json_string_value(v), want) != 0) {
        fprintf(stderr, "fuzz: %s: want \"%s\"\n", what, want);
        fuzz_fail("JSON string differs", text);
    }
}

/* Parses text, which must be one clean line of JSON ending with a newline. */
static json_t *parse(const char *what, const char *text)
{
    size_t n = text ? strlen(text) : 0;
    if (!text || n == 0 || text[n - 1] != '\n' || !fuzz_clean_text(text, n - 1, false))
        fuzz_fail(what, text ? text : "(NULL)");
    json_error_t err;
    json_t *doc = json_loads(text, JSON_REJECT_DUPLICATES, &err);
    if (!json_is_object(doc)) {
        fprintf(stderr, "fuzz: jansson: %s (line %d, column %d)\n", err.text, err.line, err.column);
        fuzz_fail(what, text);
    }
    same(field(doc, "format", text), 1, "format", text);
    return doc;
}

static void same_total(const json_t *t, const eval_result *e, const char *text)
{
    same(field(t, "min_tenths", text), e->min_tenths, "total min_tenths", text);
    same(field(t, "max_tenths", text), e->max_tenths, "total max_tenths", text);
    same(field(t, "min_cents", text), e->min_cents, "total min_cents", text);
    same(field(t, "max_cents", text), e->max_cents, "total max_cents", text);
}

static void check_recap_json(const recap *r)
{
    char *text = recap_render_json(r);
    json_t *doc = parse("recap JSON: not one clean line of JSON", text);
    same_total(json_object_get(doc, "total"), r->eval, text);
    const json_t *volets = json_object_get(doc, "volets");
    if (!json_is_array(volets) || json_array_size(volets) != r->nvolets)
        fuzz_fail("recap JSON: not one object per volet", text);
    for (size_t v = 0; v < r->nvolets; v++) {
        const recap_volet *rv = &r->volets[v];
        const json_t *jv = json_array_get(volets, v);
        same_str(json_object_get(jv, "id"), rv->volet->id, "volet id", text);
        same(field(jv, "points_tenths", text), rv->volet->points_tenths, "volet points", text);
        same(field(jv, "min_tenths", text), rv->eval->min_tenths, "volet min", text);
        same(field(jv, "max_tenths", text), rv->eval->max_tenths, "volet max", text);
        const json_t *items = json_object_get(jv, "indicators");
        if (!json_is_array(items) || json_array_size(items) != rv->nitems)
            fuzz_fail("recap JSON: not one object per indicator", text);
        for (size_t i = 0; i < rv->nitems; i++) {
            const eval_indicator *ev = rv->items[i].eval;
            const json_t *ji = json_array_get(items, i);
            same_str(json_object_get(ji, "id"), ev->ind->id, "indicator id", text);
            same_str(json_object_get(ji, "status"), vocab_id(&eval_status_vocab, ev->status),
                     "indicator status", text);
            same(field(ji, "min_tenths", text), ev->min_tenths, "indicator min", text);
            same(field(ji, "max_tenths", text), ev->max_tenths, "indicator max", text);
            const json_t *proofs = json_object_get(ji, "proofs");
            if (!json_is_array(proofs) || json_array_size(proofs) != rv->items[i].nproofs)
                fuzz_fail("recap JSON: not one object per proof", text);
        }
    }
    const json_t *proofs = json_object_get(doc, "proofs");
    same((json_int_t)json_array_size(json_object_get(proofs, "to_send")), (int64_t)r->nto_send,
         "proofs to send", text);
    same((json_int_t)json_array_size(json_object_get(proofs, "sent")), (int64_t)r->nsent,
         "proofs sent", text);
    same((json_int_t)json_array_size(json_object_get(proofs, "validated")), (int64_t)r->nvalidated,
         "proofs validated", text);
    same((json_int_t)json_array_size(json_object_get(doc, "keep")), (int64_t)r->nkeep, "keep",
         text);
    json_decref(doc);
    free(text);
}

static void check_check_json(const recap *r)
{
    recap_json *j = recap_json_new((date_t){2025, 12, 20});
    if (!j || !recap_json_add(j, r, "fuzz"))
        fuzz_fail("check JSON: not built", NULL);
    char *text = recap_json_render(j);
    recap_json_free(j);
    json_t *doc = parse("check JSON: not one clean line of JSON", text);
    const json_t *decls = json_object_get(doc, "declarations");
    if (!json_is_array(decls) || json_array_size(decls) != 1)
        fuzz_fail("check JSON: not one declaration", text);
    const json_t *o = json_array_get(decls, 0);
    const eval_result *e = r->eval;
    same(field(o, "campaign", text), r->campaign->year, "campaign", text);
    same_str(json_object_get(o, "verdict"), e->nblocking ? "problems" : "complete", "verdict",
             text);
    same_total(json_object_get(o, "total"), e, text);
    const json_t *items = json_object_get(o, "indicators");
    if (!json_is_array(items) || json_array_size(items) != e->nitems)
        fuzz_fail("check JSON: not one object per indicator", text);
    for (size_t i = 0; i < e->nitems; i++) {
        const json_t *ji = json_array_get(items, i);
        same_str(json_object_get(ji, "id"), e->items[i].ind->id, "indicator id", text);
        same_str(json_object_get(ji, "status"), vocab_id(&eval_status_vocab, e->items[i].status),
                 "indicator status", text);
        same(field(ji, "min_tenths", text), e->items[i].min_tenths, "indicator min", text);
        same(field(ji, "max_tenths", text), e->items[i].max_tenths, "indicator max", text);
    }
    const json_t *messages = json_object_get(o, "messages");
    if (!json_is_array(messages) || json_array_size(messages) != e->nmessages)
        fuzz_fail("check JSON: not one object per message", text);
    json_decref(doc);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_campaign(0); /* the real campaigns load, or the run stops at once */
    diag_list d;
    diag_init(&d);
    decl_t *decl = decl_parse((const char *)data, size, "fuzz", &d);
    diag_free(&d);
    const rules_campaign *c = decl ? fuzz_campaign(decl->campaign) : NULL;
    if (!c) {
        decl_free(decl);
        return 0;
    }
    eval_result *e = eval_declaration(c, decl, (date_t){c->year, 12, 20});
    /* a finalised version for inputs of odd size; for the others a draft, changed since its
     * version 2 when the size is a multiple of 4 */
    recap_origin sent = {.transmitted = true,
                         .version = 3,
                         .date = "2025-12-20 14:32:05",
                         .sha256 =
                             "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"};
    recap_origin draft = {.last_version = 2, .last_date = "2025-12-19 09:05:00"};
    recap *r = e ? recap_build(c, decl, e, size % 2 ? &sent : size % 4 ? NULL : &draft) : NULL;
    if (!r)
        fuzz_fail("no recap for a declaration that was read", NULL);
    check_text("recap text: invalid UTF-8 or a control character", recap_render_text(r));
    check_text("check text: invalid UTF-8 or a control character",
               recap_render_check_text(r, "fuzz"));
    check_recap_json(r);
    check_check_json(r);
    recap_free(r);
    eval_free(e);
    decl_free(decl);
    return 0;
}
