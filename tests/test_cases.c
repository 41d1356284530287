/* Campaign cases as data: tests/cases/YEAR.cfg holds a base declaration and cases, each a change
 * to the base, a "today", and what eval must answer (statuses, points, euros, message ids). The
 * format is described in tests/cases/README.md. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testutil.h"

#include "cfgread.h"
#include "fsdecl/decl.h"
#include "decl_internal.h"
#include "fsdecl/eval.h"
#include "fsdecl/rules.h"

static int failures;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
fail_case(const char *name, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("  case « %s » : ", name);
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    failures++;
}

static void check_int(const char *name, const config_setting_t *expect, const char *key,
                      int64_t got)
{
    const config_setting_t *s = config_setting_get_member(expect, key);
    if (s && config_setting_get_int(s) != got)
        fail_case(name, "%s = %lld, attendu %d", key, (long long)got, config_setting_get_int(s));
}

static void check_messages(const char *name, const eval_result *r, const config_setting_t *expect,
                           const char *key, bool present)
{
    const config_setting_t *l = config_setting_get_member(expect, key);
    for (int i = 0; l && i < config_setting_length(l); i++) {
        const char *id = config_setting_get_string_elem(l, (unsigned)i);
        /* "id" or "id@indicator" */
        char buf[128];
        snprintf(buf, sizeof buf, "%s", id ? id : "");
        char *at = strchr(buf, '@');
        if (at)
            *at++ = '\0';
        eval_msg m;
        if (!eval_msg_parse(buf, &m))
            fail_case(name, "message %s inconnu", buf);
        else if (eval_has_message(r, m, at) != present)
            fail_case(name, "message %s %s", id, present ? "absent" : "présent à tort");
    }
}

/* The entry of « what is missing » of that kind, indicator and document is there, worth want. */
static void check_missing(const char *name, const eval_result *r, eval_missing_kind kind,
                          const char *ind, const char *doc, int64_t want)
{
    for (size_t k = 0; k < r->nmissing; k++) {
        const eval_missing *m = &r->missing[k];
        if (m->kind != kind || (ind && strcmp(m->ind->id, ind) != 0) ||
            (doc && strcmp(m->doc->id, doc) != 0))
            continue;
        if (m->gain_cents != want)
            fail_case(name, "manque %s %s %s : %lld centimes, attendu %lld",
                      eval_missing_kind_vocab.entries[kind].id, ind ? ind : "", doc ? doc : "",
                      (long long)m->gain_cents, (long long)want);
        return;
    }
    fail_case(name, "%s %s %s absent de la liste de ce qui manque",
              eval_missing_kind_vocab.entries[kind].id, ind ? ind : "", doc ? doc : "");
}

static void run_case(const rules_campaign *c, cfg_doc *doc, const config_setting_t *base,
                     const config_setting_t *cs)
{
    const char *name = "?";
    config_setting_lookup_string(cs, "name", &name);
    const char *today_s = NULL;
    date_t today;
    if (!config_setting_lookup_string(cs, "today", &today_s) ||
        date_parse(today_s, &today) != DATE_OK) {
        fail_case(name, "« today » manquant ou invalide");
        return;
    }
    decl_t *d = decl_new();
    assert_non_null(d);
    d->campaign = c->year;
    doc->arena = d->arena;
    bool ok = decl_read_group(doc, base, d, false);
    const config_setting_t *change = config_setting_get_member(cs, "declaration");
    if (change)
        ok &= decl_read_group(doc, change, d, false);
    if (!ok) {
        fail_case(name, "déclaration illisible");
        decl_free(d);
        return;
    }
    eval_result *r = eval_declaration(c, d, today);
    assert_non_null(r);
    const config_setting_t *expect = config_setting_get_member(cs, "expect");
    if (!expect) {
        fail_case(name, "pas de « expect »");
    } else {
        const config_setting_t *st = config_setting_get_member(expect, "statuses");
        for (int i = 0; st && i < config_setting_length(st); i++) {
            const config_setting_t *e = config_setting_get_elem(st, (unsigned)i);
            const char *ind = config_setting_name(e), *want = config_setting_get_string(e);
            const eval_indicator *it = eval_find(r, ind);
            if (!it)
                fail_case(name, "indicateur %s inconnu", ind);
            else if (!want || strcmp(vocab_id(&eval_status_vocab, it->status), want) != 0)
                fail_case(name, "%s : %s, attendu %s", ind,
                          vocab_id(&eval_status_vocab, it->status), want ? want : "?");
        }
        check_int(name, expect, "min_tenths", r->min_tenths);
        check_int(name, expect, "max_tenths", r->max_tenths);
        check_int(name, expect, "min_cents", r->min_cents);
        check_int(name, expect, "max_cents", r->max_cents);
        check_int(name, expect, "blocking", (int64_t)r->nblocking);
        for (size_t v = 0; v < c->nvolets; v++) {
            char key[64];
            snprintf(key, sizeof key, "%s_min_tenths", c->volets[v].id);
            check_int(name, expect, key, r->volets[v].min_tenths);
            snprintf(key, sizeof key, "%s_max_tenths", c->volets[v].id);
            check_int(name, expect, key, r->volets[v].max_tenths);
        }
        int tr;
        if (config_setting_lookup_bool(expect, "transmittable", &tr) &&
            (bool)tr != r->transmittable)
            fail_case(name, "transmittable = %d, attendu %d", r->transmittable, tr);
        check_messages(name, r, expect, "messages", true);
        check_messages(name, r, expect, "no_messages", false);
        const config_setting_t *ms = config_setting_get_member(expect, "missing");
        for (int i = 0; ms && i < config_setting_length(ms); i++) {
            const config_setting_t *e = config_setting_get_elem(ms, (unsigned)i);
            if (strcmp(config_setting_name(e), "proofs") == 0)
                for (int j = 0; j < config_setting_length(e); j++) {
                    const config_setting_t *pi = config_setting_get_elem(e, (unsigned)j);
                    for (int k = 0; k < config_setting_length(pi); k++) {
                        const config_setting_t *pd = config_setting_get_elem(pi, (unsigned)k);
                        check_missing(name, r, EVAL_MISSING_PROOF, config_setting_name(pi),
                                      config_setting_name(pd), config_setting_get_int64(pd));
                    }
                }
            else if (strcmp(config_setting_name(e), "attestation") == 0)
                check_missing(name, r, EVAL_MISSING_ATTESTATION, NULL, NULL,
                              config_setting_get_int64(e));
            else
                check_missing(name, r, EVAL_MISSING_INDICATOR, config_setting_name(e), NULL,
                              config_setting_get_int64(e));
        }
        long long count;
        if (config_setting_lookup_int64(expect, "missing_count", &count) &&
            (long long)r->nmissing != count)
            fail_case(name, "%zu entrées dans ce qui manque, attendu %lld", r->nmissing, count);
    }
    eval_free(r);
    decl_free(d);
}

static size_t run_file(const char *path)
{
    arena_t *a = arena_new();
    diag_list dg;
    diag_init(&dg);
    cfg_doc doc;
    size_t n = 0;
    if (!cfg_open(&doc, path, path, &dg, a)) {
        char *m = diag_format(&dg.items[0]);
        fail_msg("%s", m);
    }
    int year = 0;
    config_setting_lookup_int(cfg_root(&doc), "campaign", &year);
    char rules[512];
    snprintf(rules, sizeof rules, FSDECL_SOURCE_DIR "/rules/%d.cfg", year);
    const char *dirs[] = {FSDECL_SOURCE_DIR "/data/lists"};
    rules_campaign *c = rules_load(rules, dirs, 1, &dg);
    if (!c)
        fail_msg("%s: rules %d not loaded", path, year);
    const config_setting_t *base = config_setting_get_member(cfg_root(&doc), "base");
    const config_setting_t *cases = config_setting_get_member(cfg_root(&doc), "cases");
    assert_non_null(base);
    assert_non_null(cases);
    printf("%s\n", path);
    for (int i = 0; i < config_setting_length(cases); i++) {
        run_case(c, &doc, base, config_setting_get_elem(cases, (unsigned)i));
        n++;
    }
    if (dg.count) {
        for (size_t i = 0; i < dg.count; i++) {
            char *m = diag_format(&dg.items[i]);
            printf("  %s\n", m);
            free(m);
        }
        failures++;
    }
    cfg_close(&doc);
    rules_free(c);
    diag_free(&dg);
    arena_free(a);
    return n;
}

static void test_campaign_cases(void **state)
{
    (void)state;
    size_t total = 0, files = 0;
    for (int year = 2023; year <= 2026; year++) {
        char path[512];
        snprintf(path, sizeof path, FSDECL_TEST_DIR "/cases/%d.cfg", year);
        total += run_file(path);
        files++;
    }
    printf("%zu cases in %zu campaigns\n", total, files);
    assert_true(total >= 60);
    assert_int_equal(failures, 0);
}

/* Every message of the evaluator's table is expected by at least one campaign case, so no
 * validation rule goes untested; but eval.incomplete, which only memory running out gives
 * (tests/test_eval_nomem.c). */
static void test_every_message_has_a_case(void **state)
{
    (void)state;
    static const char *const unreachable[] = {"eval.incomplete", NULL};
    char *cases = NULL;
    size_t clen = 0;
    for (int year = 2023; year <= 2026; year++) {
        char path[512];
        snprintf(path, sizeof path, FSDECL_TEST_DIR "/cases/%d.cfg", year);
        char *c = test_slurp(path, NULL);
        size_t n = strlen(c);
        cases = realloc(cases, clen + n + 1);
        assert_non_null(cases);
        memcpy(cases + clen, c, n + 1);
        clen += n;
        free(c);
    }
    size_t missing = 0;
    for (int m = 0; m < EVAL_MSG_COUNT; m++) {
        const char *id = eval_msg_id((eval_msg)m);
        bool skip = false;
        for (int k = 0; unreachable[k]; k++)
            skip |= strcmp(unreachable[k], id) == 0;
        char quoted[80];
        snprintf(quoted, sizeof quoted, "\"%s", id);
        if (!skip && !strstr(cases, quoted)) {
            printf("  message %s is expected by no campaign case\n", id);
            missing++;
        }
    }
    free(cases);
    assert_true(EVAL_MSG_COUNT >= 30);
    assert_int_equal(missing, 0);
}

/* docs/check-json.md's table of messages names exactly the ids of the evaluator's table, each
 * with its usual severity. */
static void test_every_message_documented(void **state)
{
    (void)state;
    char *doc = test_slurp(FSDECL_SOURCE_DIR "/docs/check-json.md", NULL);
    size_t rows = 0, wrong = 0;
    for (const char *p = doc; (p = strstr(p, "\n| `")); p++) {
        char id[80];
        if (sscanf(p, "\n| `%79[a-z_.]` |", id) == 1 && strchr(id, '.'))
            rows++;
    }
    for (int m = 0; m < EVAL_MSG_COUNT; m++) {
        char row[160];
        snprintf(row, sizeof row, "\n| `%s` | %s", eval_msg_id((eval_msg)m),
                 eval_severity_vocab.entries[eval_msg_severity((eval_msg)m)].id);
        if (!strstr(doc, row)) {
            printf("  message %s: no row « %s » in docs/check-json.md\n", eval_msg_id((eval_msg)m),
                   row + 1);
            wrong++;
        }
    }
    free(doc);
    assert_int_equal(wrong, 0);
    assert_int_equal(rows, EVAL_MSG_COUNT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_campaign_cases),
                                       cmocka_unit_test(test_every_message_has_a_case),
                                       cmocka_unit_test(test_every_message_documented)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
