/* The editing API: every setter, every refusal with the reader's own message, answers that never
 * move, the change counter, and edit -> write -> read giving the same declaration. */
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

/* The refusal err holds, as one message; the list is emptied. */
static void expect_refusal(diag_list *err, const char *message)
{
    assert_int_equal(err->count, 1);
    assert_string_equal(err->items[0].message, message);
    diag_free(err);
    diag_init(err);
}

/* Builds, setter by setter, the declaration of tests/fixtures/drafts/every-field.cfg. */
static decl_t *every_field(void)
{
    decl_t *d = decl_new();
    diag_list e;
    diag_init(&e);
    assert_true(decl_set_campaign(d, 2025, &e));
    decl_set_first_year(d, true);
    const char *identity[DECL_ID_COUNT] = {"DUPONT-\"Éléonore\"",
                                           "Jean\\Luc",
                                           "10001234565",
                                           "2A1123456",
                                           "medecine_generale",
                                           "Hôpital Nord\n13015 Marseille",
                                           "CPAM des Bouches-du-Rhône",
                                           "Hôpital Nord",
                                           "2A0001238"};
    for (int f = 0; f < DECL_ID_COUNT; f++)
        assert_true(decl_set_identity(d, (decl_identity_field)f, identity[f], &e));

    decl_answer *sw = decl_answer_get(d, "v1_software", &e);
    decl_set_value(d, sw, DECL_YES);
    decl_set_prefilled(d, sw, true);
    assert_true(decl_set_software(d, sw, DECL_SW_EDITOR, "Éditeur", &e));
    assert_true(decl_set_software(d, sw, DECL_SW_NAME, "DPI", &e));
    assert_true(decl_set_software(d, sw, DECL_SW_VERSION, "1.2", &e));
    assert_true(decl_set_software_acquired(d, sw, &(date_t){2024, 2, 29}, &e));
    decl_set_hospital_dpi(d, sw, true);
    assert_true(decl_set_lap_name(d, sw, "LAP", &e));
    assert_true(decl_set_lap_certified(d, sw, &(date_t){2025, 6, 1}, &e));
    decl_set_lap_provisional(d, sw, true);
    assert_true(decl_set_lap_process_started(d, sw, &(date_t){2026, 1, 31}, &e));
    assert_true(decl_set_proof(d, sw, "segur", DECL_PROOF_TO_SEND, NULL, &e));
    assert_true(decl_set_proof(d, sw, "lap", DECL_PROOF_SENT, &(date_t){2025, 12, 1}, &e));
    assert_true(decl_set_proof(d, sw, "dpi", DECL_PROOF_VALIDATED, &(date_t){2025, 12, 15}, &e));
    assert_true(decl_set_comment(d, sw, "Attestation\ndemandée", &e));

    decl_answer *co = decl_answer_get(d, "v2_coordination", &e);
    decl_set_value(d, co, DECL_NO);
    assert_true(decl_add_choice(d, co, "cpts", &e));
    assert_true(decl_add_choice(d, co, "asalee", &e));
    assert_true(decl_set_other(d, co, "Réseau « local »", &e));

    decl_answer *in = decl_answer_get(d, "v2_internship", &e);
    decl_student a = {"A", "externe", true, true, {2025, 1, 1}, {2025, 3, 31}}, b = {.name = "B"};
    assert_true(decl_add_student(d, in, &a, &e));
    assert_true(decl_add_student(d, in, &b, &e));

    assert_true(decl_set_ratio(d, decl_answer_get(d, "v2_dmp", &e), true, 0, 2147483647, &e));
    assert_true(decl_set_count(d, decl_answer_get(d, "v2_apcv", &e), true, 0, &e));
    decl_answer *sas = decl_answer_get(d, "v2_sas", &e);
    assert_true(decl_set_part(d, sas, "sas_department", DECL_YES, &e));
    assert_true(decl_set_part(d, sas, "sas_agenda", DECL_NO, &e));
    decl_answer *fut = decl_answer_get(d, "v9_future", &e);
    assert_true(decl_set_component(d, fut, "dcmt", true, 1, 2, &e));
    assert_true(decl_set_component(d, fut, "fse", true, 3, 3, &e));
    assert_true(decl_set_commitments(d, true, false, &(date_t){2025, 12, 20}, &e));
    decl_typing t[] = {{"proof_date:v1_software:1", "31/02/2\"02"}, {"identity:3", ""}};
    assert_true(decl_set_typing(d, t, 2, &e));
    assert_int_equal(e.count, 0);
    diag_free(&e);
    return d;
}

/* Edit -> decl_write gives the canonical fixture byte for byte, and reading it back gives the same
 * text again. */
static void test_edit_write_read(void **state)
{
    (void)state;
    const char *path = FSDECL_TEST_DIR "/fixtures/drafts/every-field.cfg";
    size_t n, m, k;
    char *want = test_slurp(path, &n);
    decl_t *d = every_field();
    char *got = decl_write(d, "fsdecl 0.1.0", &m);
    assert_string_equal(got, want);
    diag_list e;
    diag_init(&e);
    decl_t *back = decl_parse(got, m, "back", &e);
    assert_non_null(back);
    char *again = decl_write(back, "fsdecl 0.1.0", &k);
    assert_string_equal(again, want);
    free(want);
    free(got);
    free(again);
    decl_free(d);
    decl_free(back);
    diag_free(&e);
}

/* Each refusal gives the reader's message and changes nothing. */
static void test_refusals(void **state)
{
    (void)state;
    decl_t *d = decl_new();
    diag_list e;
    diag_init(&e);
    assert_true(decl_set_identity(d, DECL_ID_LAST_NAME, "MARTIN", &e));
    uint64_t before = d->changes;

    assert_false(decl_set_identity(d, DECL_ID_LAST_NAME, "A\033[2J", &e));
    expect_refusal(&e, "« last_name » contient un caractère de contrôle");
    assert_false(decl_set_identity(d, DECL_ID_FIRST_NAME, "\xC3\x28", &e));
    expect_refusal(&e, "« first_name » n'est pas de l'UTF-8 valide");
    assert_false(decl_set_identity(d, DECL_ID_LAST_NAME, "A\nB", &e));
    expect_refusal(&e, "« last_name » contient un caractère de contrôle");
    assert_string_equal(d->identity.last_name, "MARTIN");
    assert_false(decl_set_campaign(d, 1999, &e));
    expect_refusal(&e, "« campaign » vaut 1999 : hors des bornes 2000 à 2100");

    assert_null(decl_answer_get(d, "V1-software", &e));
    expect_refusal(&e, "identifiant « V1-software » invalide pour « answers » : lettres minuscules "
                       "ASCII, chiffres et _, 48 caractères au plus, commençant par une lettre");
    decl_answer *a = decl_answer_get(d, "v2_dmp", &e);
    before = d->changes;
    assert_false(decl_set_ratio(d, a, true, -1, 10, &e));
    expect_refusal(&e, "« numerator » vaut -1 : hors des bornes 0 à 2147483647");
    assert_false(decl_set_ratio(d, a, true, 1, 2147483648LL, &e));
    expect_refusal(&e, "« denominator » vaut 2147483648 : hors des bornes 0 à 2147483647");
    assert_false(decl_set_count(d, a, true, -3, &e));
    expect_refusal(&e, "« count » vaut -3 : hors des bornes 0 à 2147483647");
    assert_false(decl_set_component(d, a, "dcmt", true, 3, 2, &e));
    expect_refusal(&e, "« dcmt » vaut [3, 2] : il faut 0 <= numérateur <= dénominateur et un "
                       "dénominateur positif");
    assert_false(decl_set_component(d, a, "dcmt", true, 0, 0, &e));
    expect_refusal(&e, "« dcmt » vaut [0, 0] : il faut 0 <= numérateur <= dénominateur et un "
                       "dénominateur positif");
    assert_false(decl_set_proof(d, a, "lap", DECL_PROOF_SENT, NULL, &e));
    expect_refusal(&e, "justificatif « lap » : la date d'envoi ou de validation manque");
    assert_false(decl_set_proof(d, a, "lap", DECL_PROOF_SENT, &(date_t){2025, 2, 30}, &e));
    expect_refusal(&e, "date impossible « 2025-02-30 » pour « date »");
    assert_false(decl_set_software_acquired(d, a, &(date_t){2025, 13, 1}, &e));
    expect_refusal(&e, "date impossible « 2025-13-01 » pour « acquired »");
    assert_false(decl_add_choice(d, a, "Doctolib", &e));
    expect_refusal(&e, "identifiant « Doctolib » invalide pour « choices » : lettres minuscules "
                       "ASCII, chiffres et _, 48 caractères au plus, commençant par une lettre");
    assert_false(decl_set_part(d, a, "", DECL_YES, &e));
    expect_refusal(&e, "identifiant «  » invalide pour « parts » : lettres minuscules ASCII, "
                       "chiffres et _, 48 caractères au plus, commençant par une lettre");
    decl_student bad = {.name = "X\x7f"};
    assert_false(decl_add_student(d, a, &bad, &e));
    expect_refusal(&e, "« name » contient un caractère de contrôle");
    decl_student late = {"Y", NULL, true, false, {2025, 4, 31}, {0, 0, 0}};
    assert_false(decl_add_student(d, a, &late, &e));
    expect_refusal(&e, "date impossible « 2025-04-31 » pour « from »");
    assert_false(decl_set_student(d, a, 0, &late, &e));
    expect_refusal(&e, "étudiant inexistant");
    assert_false(decl_set_commitments(d, true, true, &(date_t){1899, 12, 31}, &e));
    expect_refusal(&e, "date impossible « 1899-12-31 » pour « date »");
    assert_false(d->attestation.accuracy);

    assert_int_equal(d->changes, before);
    assert_false(a->has_ratio);
    assert_int_equal(a->ncomponents + a->nproofs + a->nchoices + a->nparts + a->nstudents, 0);
    decl_free(d);
    diag_free(&e);
}

/* Clearing, removing, replacing; the counter counts each change kept. */
static void test_clear_and_remove(void **state)
{
    (void)state;
    decl_t *d = every_field();
    decl_answer *co = decl_answer_get(d, "v2_coordination", NULL);
    uint64_t c0 = d->changes;
    assert_true(decl_remove_choice(d, co, "cpts"));
    assert_int_equal(co->nchoices, 1);
    assert_string_equal(co->choices[0], "asalee");
    assert_true(decl_add_choice(d, co, "asalee", NULL)); /* already there: no change */
    assert_int_equal(co->nchoices, 1);
    assert_true(decl_remove_choice(d, co, "absent"));
    assert_int_equal(d->changes, c0 + 1);

    decl_answer *sw = decl_answer_get(d, "v1_software", NULL);
    assert_true(decl_remove_proof(d, sw, "lap"));
    assert_int_equal(sw->nproofs, 2);
    assert_null(decl_find_proof(sw, "lap"));
    assert_true(decl_set_proof(d, sw, "dpi", DECL_PROOF_TO_SEND, NULL, NULL));
    assert_false(decl_find_proof(sw, "dpi")->has_date);
    assert_true(decl_set_software(d, sw, DECL_SW_VERSION, "", NULL));
    assert_null(sw->software.version);
    assert_true(decl_set_software_acquired(d, sw, NULL, NULL));
    assert_false(sw->software.has_acquired);

    decl_answer *in = decl_answer_get(d, "v2_internship", NULL);
    assert_true(decl_remove_student(d, in, 0));
    assert_int_equal(in->nstudents, 1);
    assert_string_equal(in->students[0].name, "B");
    decl_student c = {.name = "C", .level = "interne niveau 1"};
    assert_true(decl_set_student(d, in, 0, &c, NULL));
    assert_string_equal(in->students[0].level, "interne niveau 1");
    assert_false(decl_remove_student(d, in, 5));

    decl_answer *sas = decl_answer_get(d, "v2_sas", NULL);
    assert_true(decl_set_part(d, sas, "sas_agenda", DECL_UNSET, NULL));
    assert_int_equal(sas->nparts, 1);
    decl_answer *fut = decl_answer_get(d, "v9_future", NULL);
    assert_true(decl_set_component(d, fut, "dcmt", false, 0, 0, NULL));
    assert_null(decl_find_component(fut, "dcmt"));
    assert_true(decl_set_component(d, fut, "fse", true, 1, 4, NULL));
    assert_int_equal(decl_find_component(fut, "fse")->numerator, 1);

    decl_answer *dmp = decl_answer_get(d, "v2_dmp", NULL);
    assert_true(decl_set_ratio(d, dmp, false, 0, 0, NULL));
    assert_false(dmp->has_ratio);
    decl_answer_clear(d, sw);
    assert_string_equal(sw->indicator, "v1_software");
    assert_int_equal(sw->value, DECL_UNSET);
    assert_ptr_equal(decl_find_answer(d, "v1_software"), sw);
    assert_true(d->changes > c0 + 10);
    decl_free(d);
}

/* A pointer to an answer taken first stays valid across a thousand edits that add answers, grow
 * every array and replace every string (AddressSanitizer watches the accesses). */
static void test_answers_never_move(void **state)
{
    (void)state;
    decl_t *d = decl_new();
    decl_answer *first = decl_answer_get(d, "v1_software", NULL);
    decl_student s = {.name = "Étudiant", .level = "externe"};
    for (int i = 0; i < 1000; i++) {
        char id[32], text[32];
        snprintf(id, sizeof id, "x%d", i);
        snprintf(text, sizeof text, "Logiciel %d", i);
        decl_answer *a = decl_answer_get(d, id, NULL);
        assert_non_null(a);
        assert_true(decl_add_choice(d, a, "cpts", NULL));
        assert_true(decl_add_choice(d, first, id, NULL));
        assert_true(decl_set_software(d, first, DECL_SW_NAME, text, NULL));
        assert_true(decl_add_student(d, first, &s, NULL));
        assert_true(decl_set_proof(d, first, id, DECL_PROOF_TO_SEND, NULL, NULL));
    }
    assert_ptr_equal(decl_find_answer(d, "v1_software"), first);
    assert_string_equal(first->indicator, "v1_software");
    assert_string_equal(first->software.name, "Logiciel 999");
    assert_int_equal(first->nchoices, 1000);
    assert_int_equal(first->nstudents, 1000);
    assert_int_equal(first->nproofs, 1000);
    assert_int_equal(d->nanswers, 1001);
    assert_string_equal(decl_find_answer(d, "x500")->choices[0], "cpts");
    decl_free(d);
}

/* Typing: kept whole or refused whole, never counted as a change of what is judged; its
 * fingerprint follows its content, whatever the order, and the same typing is not copied again. */
static void test_typing(void **state)
{
    (void)state;
    decl_t *d = decl_new();
    diag_list e;
    diag_init(&e);
    decl_typing t[] = {{"identity:2", "1000"}, {"value:v2_dmp:0", "é"}};
    assert_true(decl_set_typing(d, t, 2, &e));
    assert_int_equal(d->ntyping, 2);
    assert_string_equal(d->typing[1].text, "é");
    assert_int_equal(d->changes, 0);
    const uint64_t print = d->typing_print;
    const decl_typing *kept = d->typing;
    assert_true(print != 0);
    decl_typing same[] = {{"value:v2_dmp:0", "é"}, {"identity:2", "1000"}}; /* in any order */
    assert_true(decl_set_typing(d, same, 2, &e));
    assert_true(d->typing_print == print);
    assert_ptr_equal(d->typing, kept); /* not copied again */
    decl_typing other[] = {{"value:v2_dmp:0", "é"}, {"identity:2", "1001"}};
    assert_true(decl_set_typing(d, other, 2, &e));
    assert_true(d->typing_print != print);
    decl_typing swapped[] = {{"identity:2", "é"}, {"value:v2_dmp:0", "1001"}};
    decl_t *d2 = decl_new();
    assert_true(decl_set_typing(d2, swapped, 2, &e));
    assert_true(d2->typing_print != d->typing_print); /* the texts belong to their fields */
    decl_free(d2);
    assert_true(decl_set_typing(d, t, 2, &e));
    assert_true(d->typing_print == print);
    assert_true(decl_typing_check(&t[0], &e));
    assert_false(decl_typing_check(&(decl_typing){"a b", ""}, &e));
    expect_refusal(&e, "champ de saisie « a b » invalide : lettres minuscules ASCII, chiffres, _ "
                       ": / -, 96 caractères au plus");

    decl_typing bad_field[] = {{"identity:2", "1"}, {"Identité", "1"}};
    assert_false(decl_set_typing(d, bad_field, 2, &e));
    expect_refusal(&e, "champ de saisie « Identité » invalide : lettres minuscules ASCII, "
                       "chiffres, _ : / -, 96 caractères au plus");
    decl_typing twice[] = {{"a", "1"}, {"a", "2"}};
    assert_false(decl_set_typing(d, twice, 2, &e));
    expect_refusal(&e, "deux saisies pour le même champ");
    decl_typing control[] = {{"a", "x\ty"}};
    assert_false(decl_set_typing(d, control, 1, &e));
    expect_refusal(&e, "« text » contient un caractère de contrôle");
    char *long_text = malloc(DECL_TYPING_TEXT_MAX + 2);
    memset(long_text, 'x', DECL_TYPING_TEXT_MAX + 1);
    long_text[DECL_TYPING_TEXT_MAX + 1] = '\0';
    decl_typing too_long[] = {{"a", long_text}};
    assert_false(decl_set_typing(d, too_long, 1, &e));
    expect_refusal(&e, "saisie trop longue pour le champ « a » (4096 octets au plus)");
    long_text[DECL_TYPING_TEXT_MAX] = '\0';
    assert_true(decl_set_typing(d, too_long, 1, &e));
    free(long_text);
    const uint64_t long_print = d->typing_print;
    decl_typing many[DECL_MAX_TYPING + 1];
    for (size_t i = 0; i <= DECL_MAX_TYPING; i++)
        many[i] = (decl_typing){"a", ""};
    assert_false(decl_set_typing(d, many, DECL_MAX_TYPING + 1, &e));
    expect_refusal(&e, "trop de saisies non validées");
    assert_int_equal(d->ntyping, 1); /* the refusals changed nothing */
    assert_true(d->typing_print == long_print);

    assert_true(decl_set_typing(d, NULL, 0, &e));
    assert_int_equal(d->ntyping, 0);
    assert_int_equal(d->typing_print, 0);
    assert_int_equal(d->changes, 0);
    decl_free(d);
    diag_free(&e);
}

/* The vocabularies: ids unique, labels present, lookups both ways. */
static void test_vocabularies(void **state)
{
    (void)state;
    const vocab_t *all[] = {&decl_yesno_vocab, &decl_proof_state_vocab};
    for (size_t v = 0; v < sizeof all / sizeof all[0]; v++)
        for (size_t i = 0; i < all[v]->count; i++) {
            assert_true(all[v]->entries[i].fr[0] != '\0');
            if (all[v]->entries[i].id)
                assert_int_equal(vocab_find(all[v], all[v]->entries[i].id), (int)i);
        }
    assert_int_equal(vocab_find(&decl_yesno_vocab, "yes"), DECL_YES);
    assert_int_equal(vocab_find(&decl_yesno_vocab, NULL), -1);
    assert_string_equal(vocab_fr(&decl_proof_state_vocab, DECL_PROOF_VALIDATED),
                        "validé par la CPAM");
    assert_string_equal(vocab_id(&decl_proof_state_vocab, 7), "?");
    for (int f = 0; f < DECL_ID_COUNT; f++)
        assert_non_null(decl_identity_fr((decl_identity_field)f));
    assert_string_equal(decl_identity_key(DECL_ID_AM_NUMBER), "am_number");
    assert_string_equal(decl_software_fr(DECL_SW_EDITOR), "Éditeur");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edit_write_read),  cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_clear_and_remove), cmocka_unit_test(test_answers_never_move),
        cmocka_unit_test(test_vocabularies),     cmocka_unit_test(test_typing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
