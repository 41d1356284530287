/* The rules loader: every bad fixture refused with its exact message, every good one accepted,
 * the model as loaded, and no crash or leak on damaged input. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "testutil.h"

#include "fsdecl/rules.h"
#include "cfgread.h"

#define FIXTURES FSDECL_TEST_DIR "/fixtures/rules"

static bool is_campaign_fixture(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".cfg") == 0 && !strstr(name, "-v1.cfg");
}

/* The expectation on a bad fixture's first line: "# expect: 12: message". */
static char *read_expectation(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char line[1024];
    assert_non_null(fgets(line, sizeof line, f));
    fclose(f);
    char *p = line;
    if (memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    const char *tag = "# expect: ";
    assert_memory_equal(p, tag, strlen(tag));
    p += strlen(tag);
    p[strcspn(p, "\n")] = '\0';
    return strdup(p);
}

static size_t for_each_fixture(const char *dir, void (*fn)(const char *path))
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!is_campaign_fixture(e->d_name))
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        fn(path);
        n++;
    }
    closedir(d);
    return n;
}

static void check_bad(const char *path)
{
    char *expect = read_expectation(path);
    char want[2048];
    if (expect[0] >= '0' && expect[0] <= '9')
        snprintf(want, sizeof want, "%s:%s", path, expect);
    else
        snprintf(want, sizeof want, "%s: %s", path, expect);
    diag_list d;
    diag_init(&d);
    rules_campaign *c = rules_load(path, NULL, 0, &d);
    if (c)
        fail_msg("%s was accepted", path);
    assert_true(d.count > 0);
    char *got = diag_format(&d.items[0]);
    if (strcmp(got, want) != 0)
        fail_msg("%s\n  expected: %s\n  got:      %s", path, want, got);
    free(got);
    free(expect);
    diag_free(&d);
}

static void check_good(const char *path)
{
    diag_list d;
    diag_init(&d);
    rules_campaign *c = rules_load(path, NULL, 0, &d);
    if (!c) {
        char *got = diag_format(&d.items[0]);
        fail_msg("%s refused: %s", path, got);
    }
    assert_int_equal(d.count, 0);
    rules_free(c);
    diag_free(&d);
}

static void test_bad_fixtures(void **state)
{
    (void)state;
    assert_true(for_each_fixture(FIXTURES "/bad", check_bad) >= 30);
}

static void test_good_fixtures(void **state)
{
    (void)state;
    assert_true(for_each_fixture(FIXTURES "/good", check_good) >= 30);
}

/* Every bad fixture has a good twin, so each rejection is shown to be precise. */
static void test_fixtures_paired(void **state)
{
    (void)state;
    DIR *d = opendir(FIXTURES "/bad");
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!is_campaign_fixture(e->d_name))
            continue;
        char twin[1024];
        snprintf(twin, sizeof twin, FIXTURES "/good/%s", e->d_name);
        if (access(twin, R_OK) != 0)
            fail_msg("no good twin for bad/%s", e->d_name);
    }
    closedir(d);
}

static char tmpdir[256];

static int make_tmpdir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/fsdecl-test-XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    /* the list the base fixture refers to, beside the files written here */
    size_t n;
    char *l = test_slurp(FIXTURES "/good/coordination-v1.cfg", &n);
    char path[512];
    snprintf(path, sizeof path, "%s/coordination-v1.cfg", tmpdir);
    FILE *f = fopen(path, "wb");
    fwrite(l, 1, n, f);
    fclose(f);
    free(l);
    return 0;
}

static int remove_tmpdir(void **state)
{
    (void)state;
    DIR *d = opendir(tmpdir);
    struct dirent *e;
    char path[512];
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.') {
            snprintf(path, sizeof path, "%s/%s", tmpdir, e->d_name);
            unlink(path);
        }
    if (d)
        closedir(d);
    rmdir(tmpdir);
    return 0;
}

static void write_file(const char *path, const char *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

/* A file of exactly 1 MiB loads; one byte more is refused, with no line. */
static void test_size_limit(void **state)
{
    (void)state;
    size_t n;
    char *base = test_slurp(FIXTURES "/good/syntax.cfg", &n);
    size_t limit = 1024 * 1024;
    char *big = malloc(limit + 2);
    assert_non_null(big);
    memcpy(big, base, n);
    big[n] = '#';
    memset(big + n + 1, 'x', limit - n - 2);
    big[limit - 1] = '\n';
    char path[512];
    snprintf(path, sizeof path, "%s/size.cfg", tmpdir);

    write_file(path, big, limit);
    diag_list d;
    diag_init(&d);
    rules_campaign *c = rules_load(path, NULL, 0, &d);
    assert_non_null(c);
    rules_free(c);

    big[limit] = '\n';
    write_file(path, big, limit + 1);
    c = rules_load(path, NULL, 0, &d);
    assert_null(c);
    char *got = diag_format(&d.items[0]);
    char want[600];
    snprintf(want, sizeof want, "%s: fichier trop volumineux (1048577 octets, au plus 1048576)",
             path);
    assert_string_equal(got, want);
    free(got);
    diag_free(&d);
    free(big);
    free(base);
}

/* A file of many keys (libconfig 1.5 is quadratic in them: 80 000 took 80 s) is refused before
 * parsing, naming the line of the first key too many; as many keys as allowed are parsed. */
static void test_settings_limit(void **state)
{
    (void)state;
    size_t cap = (CFG_MAX_SETTINGS + 1) * 16 + 1;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t n = 0;
    for (int i = 0; i < CFG_MAX_SETTINGS + 1; i++)
        n += (size_t)snprintf(text + n, cap - n, "k%d = 1;\n", i);
    diag_list d;
    diag_init(&d);
    arena_t *a = arena_new();
    cfg_doc doc;
    assert_false(cfg_open_text(&doc, text, n, "cles.cfg", &d, a));
    cfg_close(&doc);
    assert_int_equal(d.count, 1);
    char *got = diag_format(&d.items[0]);
    char want[200];
    snprintf(want, sizeof want, "cles.cfg:%d: trop de clés", CFG_MAX_SETTINGS + 1);
    assert_non_null(strstr(got, want));
    free(got);
    diag_free(&d);
    n = (size_t)(strrchr(text, 'k') - text); /* exactly CFG_MAX_SETTINGS keys */
    assert_true(cfg_open_text(&doc, text, n, "cles.cfg", &d, a));
    cfg_close(&doc);
    assert_int_equal(d.count, 0);
    arena_free(a);
    free(text);
}

static void test_missing_file(void **state)
{
    (void)state;
    diag_list d;
    diag_init(&d);
    assert_null(rules_load("/nonexistent/2025.cfg", NULL, 0, &d));
    assert_int_equal(d.count, 1);
    char *got = diag_format(&d.items[0]);
    assert_string_equal(got, "/nonexistent/2025.cfg: ouverture impossible : No such file or "
                             "directory");
    free(got);
    diag_free(&d);
}

/* The model as loaded from the base fixture. */
static void test_model(void **state)
{
    (void)state;
    diag_list d;
    diag_init(&d);
    rules_campaign *c = rules_load(FIXTURES "/good/ref-volet.cfg", NULL, 0, &d);
    assert_non_null(c);
    assert_int_equal(c->year, 2025);
    assert_int_equal(c->status, RULES_OFFICIAL);
    assert_int_equal(c->point_value_cents, 700);
    assert_true(c->window.has_closes);
    assert_int_equal(c->window.closes.day, 4);
    assert_int_equal(c->nvolets, 2);
    assert_int_equal(c->volets[0].award, RULES_ALL_OR_NOTHING);
    assert_int_equal(c->volets[1].requires, 0);
    assert_int_equal(c->volets[0].requires, -1);
    assert_int_equal(rules_max_tenths(c), 4300);
    assert_int_equal(c->nindicators, 3);
    assert_string_equal(c->indicators[0].id, "v1_hours");
    assert_int_equal(c->indicators[0].points_tenths, 0);
    const rules_indicator *aat = rules_find_indicator(c, "v2_aat");
    assert_non_null(aat);
    assert_int_equal(aat->group, 0);
    assert_int_equal(aat->criterion.type, RULES_CRIT_RATIO);
    assert_int_equal(aat->criterion.threshold.num, 70);
    assert_int_equal(aat->criterion.threshold.den, 100);
    assert_false(aat->criterion.strict);
    const rules_indicator *co = rules_find_indicator(c, "v2_coordination");
    assert_non_null(co);
    assert_non_null(co->criterion.list);
    assert_int_equal(co->criterion.list->count, 2);
    const lists_entry *gq = lists_find(co->criterion.list, "groupe_qualite");
    assert_non_null(gq);
    assert_false(gq->valid);
    assert_string_equal(gq->reason, "Ne valide pas.");
    assert_null(rules_find_indicator(c, "v2_nothing"));
    assert_int_equal(c->ndeadlines, 1);
    assert_string_equal(c->deadlines[0].indicators[0], "v1_hours");
    rules_free(c);
    diag_free(&d);
}

/* An ambiguous criterion as loaded: the criterion is the strict reading, `loose` the other one,
 * each with its label and its (inferred) sources. */
static void test_readings_model(void **state)
{
    (void)state;
    diag_list d;
    diag_init(&d);
    rules_campaign *c = rules_load(FIXTURES "/good/readings-unasked-count.cfg", NULL, 0, &d);
    assert_non_null(c);
    const rules_indicator *aat = rules_find_indicator(c, "v2_aat");
    assert_non_null(aat);
    const rules_readings *rd = aat->criterion.readings;
    assert_non_null(rd);
    assert_int_equal(aat->criterion.type, RULES_CRIT_ALL_OF);
    assert_string_equal(rd->about, "chaque taux ou leur moyenne.");
    assert_string_equal(rd->strict_label, "chaque taux");
    assert_string_equal(rd->loose_label, "leur moyenne");
    assert_int_equal(rd->strict_sources.count, 1);
    assert_true(rd->strict_sources.items[0].inferred);
    assert_true(rd->loose_sources.items[0].inferred);
    assert_int_equal(rd->loose.type, RULES_CRIT_AVERAGE_RATIO);
    assert_int_equal(rd->loose.ncomponents, 2);
    assert_string_equal(rd->loose.components[1].id, "cm");
    assert_true(rd->loose.strict);
    assert_null(rd->loose.readings);
    assert_null(rules_find_indicator(c, "v1_hours")->criterion.readings);
    rules_free(c);
    diag_free(&d);
}

/* Every truncation and many byte changes of a real campaign file: the loader answers either a
 * campaign with no diagnostic or NULL with at least one, never crashes (sanitizers watch). */
static void damage(const char *file, size_t steps)
{
    size_t n;
    char *orig = test_slurp(file, &n);
    char *buf = malloc(n);
    assert_non_null(buf);
    char path[512];
    snprintf(path, sizeof path, "%s/damaged.cfg", tmpdir);
    const char *dirs[] = {FSDECL_SOURCE_DIR "/data/lists"};
    uint32_t seed = 12345;
    size_t loaded = 0, refused = 0;
    for (size_t step = 0; step < steps; step++) {
        memcpy(buf, orig, n);
        size_t len = n;
        if (step < steps / 3) {
            len = n * step / (steps / 3);
        } else {
            for (int k = 0; k < 3; k++) {
                seed = seed * 1103515245u + 12345u;
                size_t at = (seed >> 8) % n;
                seed = seed * 1103515245u + 12345u;
                static const char repl[] = "\";{}()[],=0123456789-\\\n#\xc3\xa9\x1b\x00L.x";
                buf[at] = repl[(seed >> 16) % (sizeof repl - 1)];
            }
        }
        write_file(path, buf, len);
        diag_list d;
        diag_init(&d);
        rules_campaign *c = rules_load(path, dirs, 1, &d);
        if (c) {
            assert_int_equal(d.count, 0);
            loaded++;
        } else {
            assert_true(d.count > 0);
            refused++;
        }
        rules_free(c);
        diag_free(&d);
    }
    assert_true(refused > steps / 2);
    (void)loaded;
    free(buf);
    free(orig);
}

static void test_damaged_files(void **state)
{
    (void)state;
    damage(FSDECL_SOURCE_DIR "/rules/2025.cfg", 600);
    damage(FSDECL_SOURCE_DIR "/rules/2026.cfg", 300); /* its ambiguous criteria */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_fixtures),    cmocka_unit_test(test_good_fixtures),
        cmocka_unit_test(test_fixtures_paired), cmocka_unit_test(test_size_limit),
        cmocka_unit_test(test_settings_limit),  cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_model),           cmocka_unit_test(test_readings_model),
        cmocka_unit_test(test_damaged_files),
    };
    return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
