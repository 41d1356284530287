/* The names under which the wizard keeps what was typed and not given yet: each binding's name
 * reads back as the same binding, and a name that is not one of them reads as nothing; a student's
 * fields follow it when an earlier student is removed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "bind.h"
#include "form.h"
#include "fsdecl/rules.h"

static rules_campaign *campaign(void)
{
    static const char *const lists[] = {FSDECL_SOURCE_DIR "/data/lists"};
    diag_list d;
    diag_init(&d);
    rules_campaign *c = rules_load(FSDECL_SOURCE_DIR "/rules/2025.cfg", lists, 1, &d);
    assert_non_null(c);
    diag_free(&d);
    return c;
}

static void test_names_read_back(void **state)
{
    (void)state;
    rules_campaign *c = campaign();
    const rules_indicator *sw = rules_find_indicator(c, "v1_software");
    const rules_indicator *in = rules_find_indicator(c, "v2_internship");
    assert_non_null(sw);
    assert_non_null(in);
    const struct {
        binding b;
        const char *name;
    } cases[] = {
        {{BIND_IDENTITY, NULL, 0}, "identity:0"},
        {{BIND_ACQUIRED, sw, 0}, "acquired:v1_software:0"},
        {{BIND_PROOF_DATE, sw, 1}, "proof_date:v1_software:1"},
        {{BIND_STUDENT_FROM, in, 3}, "student_from:v2_internship:3"},
        {{BIND_COMMENT, in, -1}, "comment:v2_internship:-1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[DECL_TYPING_FIELD_MAX + 1];
        binding back;
        assert_true(binding_name(cases[i].b, name, sizeof name));
        assert_string_equal(name, cases[i].name);
        assert_true(binding_parse(name, c, &back));
        assert_true(binding_equal(back, cases[i].b));
    }
    char small[8];
    assert_false(binding_name(cases[1].b, small, sizeof small));
    rules_free(c);
}

static void test_other_names_read_as_nothing(void **state)
{
    (void)state;
    rules_campaign *c = campaign();
    const char *bad[] = {"",
                         "identity",
                         "identity:",
                         "identity:x",
                         "identity: 1",
                         "identity:+1",
                         "identity:1x",
                         "identity:-2",
                         "identity:100001",
                         "nothing:1",
                         "acquired:v9_unknown:0",
                         "acquired:v1_software:0:1",
                         ":v1_software:0",
                         "acquired::0",
                         "identity:01", /* names as binding_name writes them, and no other */
                         "identity:-0",
                         "identity:00",
                         "proof_date:v1_software:007"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        binding b;
        if (binding_parse(bad[i], c, &b))
            fail_msg("« %s » was read as a binding", bad[i]);
    }
    binding b;
    assert_false(binding_parse("acquired:v1_software:0", NULL, &b)); /* no rules: no indicator */
    rules_free(c);
}

/* A student removed: the fields of the students after it move up one place, those of the student
 * removed go, and nothing else moves. */
static void test_fields_follow_a_removed_student(void **state)
{
    (void)state;
    rules_campaign *c = campaign();
    const rules_indicator *in = rules_find_indicator(c, "v2_internship");
    const rules_indicator *sw = rules_find_indicator(c, "v1_software");
    const binding removed = {BIND_STUDENT_REMOVE, in, 1};
    const struct {
        binding b;
        bool kept;
        int sub; /* after */
    } cases[] = {
        {{BIND_STUDENT_NAME, in, 0}, true, 0}, {{BIND_STUDENT_LEVEL, in, 1}, false, 1},
        {{BIND_STUDENT_FROM, in, 2}, true, 1}, {{BIND_STUDENT_TO, in, 5}, true, 4},
        {{BIND_STUDENT_NAME, sw, 2}, true, 2}, {{BIND_PROOF_DATE, in, 2}, true, 2},
        {{BIND_STUDENT_ADD, in, 0}, true, 0},  {{BIND_IDENTITY, NULL, 1}, true, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        binding b = cases[i].b;
        bool kept = bind_follow_removed(&b, removed);
        if (kept != cases[i].kept || b.sub != cases[i].sub || b.kind != cases[i].b.kind ||
            b.ind != cases[i].b.ind)
            fail_msg("case %zu: kept %d, sub %d", i, kept, b.sub);
    }
    rules_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_read_back),
        cmocka_unit_test(test_other_names_read_as_nothing),
        cmocka_unit_test(test_fields_follow_a_removed_student),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
