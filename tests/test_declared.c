/* The records that versions were declared: written and read back, every malformed line named with
 * its number, and the words a draft's state shows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "fsdecl/session.h"
#include "fsdecl/store_declared.h"

#define NAME "2025-10001234565"

typedef struct {
    char dir[64];
    store_t st;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/fsdecl-declared-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    diag_list d;
    diag_init(&d);
    assert_true(store_open(&f->st, f->dir, &d));
    diag_free(&d);
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", f->st.history, NAME);
    assert_int_equal(mkdir(path, 0700), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

static void put(const fixture *f, const char *text)
{
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s/declared.txt", f->st.history, NAME);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static void test_round_trip(void **state)
{
    fixture *f = *state;
    store_declared v[2] = {{1, STORE_ROUTE_AMELIPRO, {2025, 12, 22}, "2025-12-22 10:00:00"},
                           {2, STORE_ROUTE_PAPER, {2026, 2, 9}, "2026-02-09 11:30:05"}};
    diag_list d;
    diag_init(&d);
    store_declared *got;
    size_t n;
    assert_true(store_declared_list(&f->st, NAME, &got, &n, &d)); /* no file: none */
    assert_int_equal(n, 0);
    assert_true(store_declared_write(&f->st, NAME, v, 2, &d));
    assert_true(store_declared_list(&f->st, NAME, &got, &n, &d));
    assert_int_equal(n, 2);
    assert_memory_equal(got, v, sizeof v);
    free(got);
    assert_true(store_declared_write(&f->st, NAME, v, 0, &d)); /* none left: no file */
    assert_true(store_declared_list(&f->st, NAME, &got, &n, &d));
    assert_int_equal(n, 0);
    assert_int_equal(d.count, 0);
    diag_free(&d);
}

/* Each malformed line refused with its number and what is wrong. */
static void test_malformed(void **state)
{
    fixture *f = *state;
    static const struct {
        const char *text;
        int line;
        const char *message;
    } cases[] = {
        {"v1 amelipro 2025-12-22\n", 1, "quatre champs attendus"},
        {"v1 amelipro 2025-12-22 2025-12-22 10:00:00\nv0 paper 2025-12-22 2025-12-22 10:00:00\n", 2,
         "numéro de version attendu (v1 à v9999)"},
        {"2 paper 2025-12-22 2025-12-22 10:00:00\n", 1, "numéro de version attendu"},
        {"v1 fax 2025-12-22 2025-12-22 10:00:00\n", 1, "voie inconnue (amelipro ou paper)"},
        {"v1 paper 2025-02-30 2025-12-22 10:00:00\n", 1, "date de la déclaration invalide"},
        {"v1 paper 2025-12-22 2025-12-22 25:00:00\n", 1, "heure d'enregistrement invalide"},
        {"v1 paper 2025-12-22 2025-12-22 10:00:00", 1, "ligne sans fin"},
        {"\n", 1, "quatre champs attendus"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        put(f, cases[i].text);
        diag_list d;
        diag_init(&d);
        store_declared *got;
        size_t n;
        assert_false(store_declared_list(&f->st, NAME, &got, &n, &d));
        assert_int_equal(n, 0);
        assert_null(got);
        assert_int_equal(d.count, 1);
        assert_int_equal(d.items[0].line, cases[i].line);
        if (!strstr(d.items[0].message, cases[i].message))
            fail_msg("case %zu: %s", i, d.items[0].message);
        assert_non_null(strstr(d.items[0].file, "declared.txt"));
        diag_free(&d);
    }
}

/* The state words of a draft, the same wherever a draft is listed. */
static void test_words(void **state)
{
    (void)state;
    char buf[160];
    session_summary s = {.state = SESSION_DRAFT_JUDGED, .nblocking = 2};
    assert_string_equal(session_state_words(&s, buf, sizeof buf), "à compléter");
    s.entry.versions = 2;
    s.declared = true;
    s.last_declared = (store_declared){2, STORE_ROUTE_AMELIPRO, {2027, 1, 12}, ""};
    assert_string_equal(session_state_words(&s, buf, sizeof buf),
                        "v2 déclarée sur Amelipro le 12/01/2027");
    s.last_declared.route = STORE_ROUTE_PAPER;
    assert_string_equal(session_state_words(&s, buf, sizeof buf),
                        "v2 formulaire envoyé à la caisse le 12/01/2027");
    s.changed = true;
    assert_string_equal(session_state_words(&s, buf, sizeof buf),
                        "v2 déclarée, brouillon modifié depuis");
    s.changed = false;
    s.entry.versions = 3; /* a later version, not declared */
    assert_string_equal(session_state_words(&s, buf, sizeof buf),
                        "v2 déclarée, brouillon modifié depuis");
    s.state = SESSION_DRAFT_UNREADABLE;
    assert_string_equal(session_state_words(&s, buf, sizeof buf), "illisible");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_malformed, setup, teardown),
        cmocka_unit_test(test_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
