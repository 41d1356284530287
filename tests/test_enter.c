/* What a person's entry means (decl_enter_*): one test per rule, each failing when the rule is
 * taken out of the core, and refusals that change nothing. */
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

static const date_t TODAY = {2026, 3, 14};

/* An empty declaration and its answer to indicator. */
static decl_t *with_answer(const char *indicator, decl_answer **a)
{
    decl_t *d = decl_new();
    assert_non_null(d);
    *a = decl_answer_get(d, indicator, NULL);
    assert_non_null(*a);
    return d;
}

static void assert_date(date_t got, date_t want)
{
    assert_int_equal(got.year, want.year);
    assert_int_equal(got.month, want.month);
    assert_int_equal(got.day, want.day);
}

/* Choosing one answer of an exclusive choice unticks the others; a multiple choice keeps them. */
static void test_exclusive_choice(void **state)
{
    (void)state;
    decl_answer *a;
    decl_t *d = with_answer("v1_scheme", &a);
    assert_true(decl_enter_choice(d, a, "ald", true, true, NULL));
    assert_true(decl_enter_choice(d, a, "pds", true, true, NULL));
    assert_int_equal(a->nchoices, 1);
    assert_string_equal(a->choices[0], "pds");
    assert_true(decl_enter_choice(d, a, "pds", true, true, NULL)); /* again: still the one */
    assert_int_equal(a->nchoices, 1);

    assert_true(decl_enter_choice(d, a, "ald", true, false, NULL));
    assert_int_equal(a->nchoices, 2);
    assert_true(decl_enter_choice(d, a, "pds", false, false, NULL));
    assert_int_equal(a->nchoices, 1);
    assert_string_equal(a->choices[0], "ald");
    decl_free(d);
}

/* Ticking an entry answers yes; unticking it leaves the answer as it was. */
static void test_choice_answers_yes(void **state)
{
    (void)state;
    decl_answer *a;
    decl_t *d = with_answer("v1_scheme", &a);
    assert_true(decl_enter_choice(d, a, "ald", true, false, NULL));
    assert_int_equal(a->value, DECL_YES);
    assert_true(decl_enter_choice(d, a, "ald", false, false, NULL));
    assert_int_equal(a->value, DECL_YES);
    assert_int_equal(a->nchoices, 0);
    decl_set_value(d, a, DECL_NO);
    assert_true(decl_enter_choice(d, a, "pds", true, true, NULL));
    assert_int_equal(a->value, DECL_YES);
    decl_free(d);
}

/* A refused entry changes nothing: the entries ticked before stay, the answer too. */
static void test_choice_refused(void **state)
{
    (void)state;
    decl_answer *a;
    decl_t *d = with_answer("v1_scheme", &a);
    diag_list e;
    diag_init(&e);
    assert_true(decl_enter_choice(d, a, "ald", true, true, &e));
    decl_set_value(d, a, DECL_NO);
    uint64_t before = d->changes;
    assert_false(decl_enter_choice(d, a, "Not an id", true, true, &e));
    assert_int_equal(e.count, 1);
    assert_int_equal(a->nchoices, 1);
    assert_string_equal(a->choices[0], "ald");
    assert_int_equal(a->value, DECL_NO);
    assert_int_equal(d->changes, before);
    diag_free(&e);
    decl_free(d);
}

/* Text in « autre » answers yes when nothing was answered; a « non » stays; clearing the text
 * leaves the answer. */
static void test_other_answers_yes(void **state)
{
    (void)state;
    decl_answer *a;
    decl_t *d = with_answer("v1_scheme", &a);
    assert_true(decl_enter_other(d, a, "", false, NULL));
    assert_int_equal(a->value, DECL_UNSET);
    assert_true(decl_enter_other(d, a, "Réseau de soins palliatifs", false, NULL));
    assert_int_equal(a->value, DECL_YES);
    assert_string_equal(a->other, "Réseau de soins palliatifs");
    assert_true(decl_enter_other(d, a, NULL, false, NULL));
    assert_null(a->other);
    assert_int_equal(a->value, DECL_YES);

    decl_set_value(d, a, DECL_NO);
    assert_true(decl_enter_other(d, a, "Autre chose", false, NULL));
    assert_int_equal(a->value, DECL_NO);
    decl_free(d);
}

/* In an exclusive choice, « autre » is one answer among the entries: typing it unticks them, and
 * ticking an entry clears it; a multiple choice keeps both. */
static void test_other_exclusive(void **state)
{
    (void)state;
    decl_answer *a;
    decl_t *d = with_answer("v1_scheme", &a);
    assert_true(decl_enter_choice(d, a, "ald", true, true, NULL));
    assert_true(decl_enter_other(d, a, "Réseau de soins palliatifs", true, NULL));
    assert_int_equal(a->nchoices, 0);
    assert_string_equal(a->other, "Réseau de soins palliatifs");
    assert_true(decl_enter_choice(d, a, "pds", true, true, NULL));
    assert_null(a->other);
    assert_int_equal(a->nchoices, 1);
    assert_true(decl_enter_other(d, a, "", true, NULL)); /* nothing typed: the entry stays */
    assert_int_equal(a->nchoices, 1);

    assert_true(decl_enter_other(d, a, "Autre réseau", false, NULL));
    assert_true(decl_enter_choice(d, a, "ald", true, false, NULL));
    assert_int_equal(a->nchoices, 2);
    assert_string_equal(a->other, "Autre réseau");
    decl_free(d);
}

/* Text refused in « autre » answers nothing: the answer stays unset. */
static void test_other_refused(void **state)
{
    (void)state;
    decl_answer *a;
    decl_t *d = with_answer("v1_scheme", &a);
    diag_list e;
    diag_init(&e);
    uint64_t before = d->changes;
    assert_false(decl_enter_other(d, a, "A\033[2J", false, &e));
    assert_int_equal(e.count, 1);
    assert_string_equal(e.items[0].message, "« other » contient un caractère de contrôle");
    assert_int_equal(a->value, DECL_UNSET);
    assert_null(a->other);
    assert_int_equal(d->changes, before);
    diag_free(&e);
    decl_free(d);
}

/* A date given to a proof means it was sent; a validated proof stays validated; no date means it
 * is still to send. */
static void test_proof_date_means_sent(void **state)
{
    (void)state;
    decl_answer *a;
    decl_t *d = with_answer("v1_software", &a);
    date_t sent = {2026, 2, 1}, validated = {2026, 2, 20};
    assert_true(decl_enter_proof_date(d, a, "segur", &sent, NULL));
    const decl_proof *p = decl_find_proof(a, "segur");
    assert_non_null(p);
    assert_int_equal(p->state, DECL_PROOF_SENT);
    assert_true(p->has_date);
    assert_date(p->date, sent);

    assert_true(decl_set_proof(d, a, "lap", DECL_PROOF_VALIDATED, &sent, NULL));
    assert_true(decl_enter_proof_date(d, a, "lap", &validated, NULL));
    p = decl_find_proof(a, "lap");
    assert_int_equal(p->state, DECL_PROOF_VALIDATED);
    assert_date(p->date, validated);

    assert_true(decl_enter_proof_date(d, a, "segur", NULL, NULL));
    p = decl_find_proof(a, "segur");
    assert_int_equal(p->state, DECL_PROOF_TO_SEND);
    assert_false(p->has_date);
    decl_free(d);
}

/* A proof sent or validated is dated today unless it had a date; to send, it has none. */
static void test_proof_state_dated_today(void **state)
{
    (void)state;
    decl_answer *a;
    decl_t *d = with_answer("v1_software", &a);
    assert_true(decl_enter_proof_state(d, a, "segur", DECL_PROOF_SENT, TODAY, NULL));
    const decl_proof *p = decl_find_proof(a, "segur");
    assert_int_equal(p->state, DECL_PROOF_SENT);
    assert_true(p->has_date);
    assert_date(p->date, TODAY);

    date_t earlier = {2026, 1, 5};
    assert_true(decl_set_proof(d, a, "segur", DECL_PROOF_VALIDATED, &earlier, NULL));
    assert_true(decl_enter_proof_state(d, a, "segur", DECL_PROOF_VALIDATED, TODAY, NULL));
    p = decl_find_proof(a, "segur");
    assert_int_equal(p->state, DECL_PROOF_VALIDATED);
    assert_date(p->date, earlier);

    assert_true(decl_enter_proof_state(d, a, "segur", DECL_PROOF_TO_SEND, TODAY, NULL));
    p = decl_find_proof(a, "segur");
    assert_int_equal(p->state, DECL_PROOF_TO_SEND);
    assert_false(p->has_date);
    decl_free(d);
}

/* Only the caisse validates a proof: the doctor's entry cannot say so, and a proof a draft says is
 * validated keeps that state offered, so that it is shown as it is. */
static void test_proof_validated_is_the_caisse_s(void **state)
{
    (void)state;
    decl_answer *a;
    decl_t *d = with_answer("v1_software", &a);
    diag_list e;
    diag_init(&e);
    assert_true(decl_enter_proof_state_offered(NULL, DECL_PROOF_SENT));
    assert_false(decl_enter_proof_state_offered(NULL, DECL_PROOF_VALIDATED));
    date_t earlier = {2026, 1, 5};
    assert_true(decl_enter_proof_state(d, a, "segur", DECL_PROOF_SENT, TODAY, NULL));
    assert_false(decl_enter_proof_state(d, a, "segur", DECL_PROOF_VALIDATED, TODAY, &e));
    assert_int_equal(e.count, 1);
    const decl_proof *p = decl_find_proof(a, "segur");
    assert_int_equal(p->state, DECL_PROOF_SENT);
    assert_false(decl_enter_proof_state_offered(p, DECL_PROOF_VALIDATED));
    assert_true(decl_set_proof(d, a, "segur", DECL_PROOF_VALIDATED, &earlier, NULL));
    assert_true(decl_enter_proof_state_offered(p, DECL_PROOF_VALIDATED));
    assert_true(decl_enter_proof_state_offered(p, DECL_PROOF_TO_SEND));
    diag_free(&e);
    decl_free(d);
}

/* A ticked commitment dates the attestation today; none ticked leaves it undated. */
static void test_commitments_dated_today(void **state)
{
    (void)state;
    decl_t *d = decl_new();
    assert_true(decl_enter_commitments(d, true, false, TODAY, NULL));
    assert_true(d->attestation.accuracy);
    assert_false(d->attestation.keep_proofs);
    assert_true(d->attestation.has_date);
    assert_date(d->attestation.date, TODAY);
    date_t later = {2026, 3, 20};
    assert_true(decl_enter_commitments(d, true, true, later, NULL));
    assert_date(d->attestation.date, later);
    assert_true(decl_enter_commitments(d, false, false, later, NULL));
    assert_false(d->attestation.has_date);
    decl_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exclusive_choice),
        cmocka_unit_test(test_choice_answers_yes),
        cmocka_unit_test(test_choice_refused),
        cmocka_unit_test(test_other_answers_yes),
        cmocka_unit_test(test_other_refused),
        cmocka_unit_test(test_other_exclusive),
        cmocka_unit_test(test_proof_date_means_sent),
        cmocka_unit_test(test_proof_state_dated_today),
        cmocka_unit_test(test_proof_validated_is_the_caisse_s),
        cmocka_unit_test(test_commitments_dated_today),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
