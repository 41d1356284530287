/* The declaration (draft) reader and writer: every field survives a round trip, errors name the
 * file and line, a newer format is refused. */
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

#include "fsdecl/decl.h"
#include "decl_internal.h"

/* The fixture is in the writer's canonical form with every field set: reading and writing it
 * again must give it back byte for byte. */
static void test_every_field_round_trip(void **state)
{
    (void)state;
    const char *path = FSDECL_TEST_DIR "/fixtures/drafts/every-field.cfg";
    size_t n, m;
    char *want = test_slurp(path, &n);
    diag_list dg;
    diag_init(&dg);
    decl_t *d = decl_load(path, &dg);
    assert_non_null(d);
    char *got = decl_write(d, "fsdecl 0.1.0", &m);
    assert_non_null(got);
    assert_int_equal(m, n);
    assert_string_equal(got, want);
    const decl_answer *a = decl_find_answer(d, "v1_software");
    assert_non_null(a);
    assert_true(a->software.hospital_dpi);
    assert_true(a->lap.provisional);
    assert_int_equal(a->lap.process_started.day, 31);
    assert_int_equal(a->nproofs, 3);
    assert_int_equal(decl_find_proof(a, "dpi")->state, DECL_PROOF_VALIDATED);
    assert_string_equal(d->identity.last_name, "DUPONT-\"Éléonore\"");
    assert_string_equal(d->identity.address, "Hôpital Nord\n13015 Marseille");
    assert_int_equal(decl_find_answer(d, "v2_dmp")->denominator, 2147483647);
    assert_int_equal(decl_find_part(decl_find_answer(d, "v2_sas"), "sas_agenda"), DECL_NO);
    assert_int_equal(decl_find_part(decl_find_answer(d, "v2_sas"), "nothing"), DECL_UNSET);
    free(got);
    free(want);
    decl_free(d);
    diag_free(&dg);
}

/* Every example reaches a fixed point after one write. */
static void test_examples_round_trip(void **state)
{
    (void)state;
    DIR *dir = opendir(FSDECL_SOURCE_DIR "/data/examples");
    assert_non_null(dir);
    struct dirent *e;
    size_t count = 0;
    while ((e = readdir(dir))) {
        if (!strstr(e->d_name, ".cfg"))
            continue;
        char path[512];
        snprintf(path, sizeof path, FSDECL_SOURCE_DIR "/data/examples/%s", e->d_name);
        diag_list dg;
        diag_init(&dg);
        decl_t *d = decl_load(path, &dg);
        if (!d) {
            char *m = diag_format(&dg.items[0]);
            fail_msg("%s", m);
        }
        size_t n1, n2;
        char *t1 = decl_write(d, "w", &n1);
        decl_t *d2 = decl_parse(t1, n1, "rewritten", &dg);
        assert_non_null(d2);
        char *t2 = decl_write(d2, "w", &n2);
        assert_string_equal(t1, t2);
        free(t1);
        free(t2);
        decl_free(d);
        decl_free(d2);
        diag_free(&dg);
        count++;
    }
    closedir(dir);
    assert_true(count >= 1);
}

static void expect_error(const char *text, const char *want)
{
    diag_list dg;
    diag_init(&dg);
    decl_t *d = decl_parse(text, strlen(text), "brouillon.cfg", &dg);
    assert_null(d);
    assert_true(dg.count > 0);
    char *got = diag_format(&dg.items[0]);
    assert_string_equal(got, want);
    free(got);
    diag_free(&dg);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("format = 2;\ncampaign = 2025;\n",
                 "brouillon.cfg:1: brouillon au format 2, écrit par une version plus récente de "
                 "fsdecl (ce programme lit le format 1) : mettez fsdecl à jour");
    expect_error("campaign = 2025;\n", "brouillon.cfg: clé obligatoire « format » absente");
    expect_error("format = 1;\ncampaign = 2025;\nanswers = { v2_dmp = { numerateur = 3; }; };\n",
                 "brouillon.cfg:3: clé inconnue « numerateur »");
    expect_error("format = 1;\ncampaign = 2025;\nanswers = { v2_dmp = { numerator = 3; }; };\n",
                 "brouillon.cfg:3: « numerator » et « denominator » vont ensemble");
    expect_error("format = 1;\ncampaign = 2025;\nanswers = {\n v1_software = { proofs = { segur "
                 "= { state = \"sent\"; }; }; };\n};\n",
                 "brouillon.cfg:4: justificatif « segur » : la date d'envoi ou de validation "
                 "manque");
    expect_error(
        "format = 1;\ncampaign = 2025;\nanswers = { v2_coding = { value = \"oui\"; }; };\n",
        "brouillon.cfg:3: valeur « oui » inconnue pour « value » : attendu yes, no");
    expect_error("format = 1;\ncampaign = 2025;\nattestation = { date = \"2025-02-30\"; };\n",
                 "brouillon.cfg:3: date impossible « 2025-02-30 » pour « date »");
    expect_error("format = 1;\ncampaign = 2025;\nidentity = { last_name = \"A\\tB\"; };\n",
                 "brouillon.cfg:3: « last_name » contient un caractère de contrôle");
    expect_error("format = 1;\ncampaign = 2025;\nanswers = { v2_dmp = { count = -1; }; };\n",
                 "brouillon.cfg:3: « count » vaut -1 : hors des bornes 0 à 2147483647");
    expect_error("format = 1;\ncampaign = 2025;\ntyping = (\n { field = \"id:rpps\"; }\n);\n",
                 "brouillon.cfg:4: clé obligatoire « text » absente dans « typing »");
    expect_error("format = 1;\ncampaign = 2025;\ntyping = ( { field = \"Nom\"; text = \"\"; } );\n",
                 "brouillon.cfg:3: champ de saisie « Nom » invalide : lettres minuscules ASCII, "
                 "chiffres, _ : / -, 96 caractères au plus");
    expect_error("format = 1;\ncampaign = 2025;\ntyping = (\n { field = \"a\"; text = \"1\"; },\n"
                 " { field = \"a\"; text = \"2\"; }\n);\n",
                 "brouillon.cfg:5: deux saisies pour le champ « a »");
    expect_error(
        "format = 1;\ncampaign = 2025;\ntyping = ( { field = \"a\"; text = \"x\\ny\"; } );\n",
        "brouillon.cfg:3: « text » contient un caractère de contrôle");
    expect_error("format = 1;\ncampaign = 2025;\ntyping = ( { field = \"a\"; texte = \"\"; } );\n",
                 "brouillon.cfg:3: clé inconnue « texte »");
}

/* A group read over a declaration replaces what it names and keeps the rest. */
static void test_overlay(void **state)
{
    (void)state;
    const char *base = "format = 1;\ncampaign = 2025;\nidentity = { last_name = \"A\"; rpps = "
                       "\"1\"; };\nanswers = { v2_dmp = { numerator = 1; denominator = 2; }; "
                       "v2_coding = { value = \"yes\"; }; };\n";
    diag_list dg;
    diag_init(&dg);
    decl_t *d = decl_parse(base, strlen(base), "base", &dg);
    assert_non_null(d);
    const char *over = "identity = { last_name = \"B\"; };\nanswers = { v2_dmp = { }; };\n";
    arena_t *a = arena_new();
    cfg_doc doc;
    assert_true(cfg_open_text(&doc, over, strlen(over), "over", &dg, d->arena));
    assert_true(decl_read_group(&doc, cfg_root(&doc), d, false));
    cfg_close(&doc);
    assert_string_equal(d->identity.last_name, "B");
    assert_string_equal(d->identity.rpps, "1");
    assert_false(decl_find_answer(d, "v2_dmp")->has_ratio);
    assert_int_equal(decl_find_answer(d, "v2_coding")->value, DECL_YES);
    assert_int_equal(d->nanswers, 2);
    arena_free(a);
    decl_free(d);
    diag_free(&dg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_field_round_trip),
        cmocka_unit_test(test_examples_round_trip),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_overlay),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
