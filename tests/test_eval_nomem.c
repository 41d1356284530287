/* The evaluation when memory runs out: every allocation of a judgement made to fail in turn (the
 * allocator is wrapped at link time, -Wl,--wrap); a judgement that could not be completed is never
 * a clean one: it says so (eval.incomplete), counts it as blocking, and cannot be transmitted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fsdecl/eval.h"
#include "fsdecl/session.h"

#define EXAMPLES FSDECL_SOURCE_DIR "/data/examples/"

/* The allocation numbered fail_at (from 1) after arming fails; 0: none fails. */
static long fail_at, calls;
static bool fired;

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);

static bool should_fail(void)
{
    if (!fail_at || ++calls != fail_at)
        return false;
    fired = true;
    return true;
}

void *__wrap_malloc(size_t n)
{
    return should_fail() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return should_fail() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
    return should_fail() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
    return should_fail() ? NULL : __real_strdup(s);
}

static void test_never_clean(void **state)
{
    (void)state;
    session_config cfg = {
        .rules_dir = FSDECL_SOURCE_DIR "/rules", .has_today = true, .today = {2025, 12, 20}};
    session *s = session_new(&cfg);
    assert_non_null(s);
    diag_list dg;
    diag_init(&dg);
    decl_t *d = decl_load(EXAMPLES "gp-complete.cfg", &dg);
    assert_non_null(d);
    d->attestation.accuracy = d->attestation.keep_proofs = true;
    const rules_campaign *c = session_campaign(s, d->campaign, &dg);
    assert_non_null(c);

    eval_result *clean = eval_declaration(c, d, session_today(s));
    assert_non_null(clean);
    assert_int_equal(clean->nblocking, 0); /* judged in full, nothing blocks */
    assert_false(clean->incomplete);
    assert_true(clean->transmittable);
    size_t nmessages = clean->nmessages;
    eval_free(clean);

    long incomplete = 0;
    for (long at = 1;; at++) {
        fail_at = at, calls = 0, fired = false;
        eval_result *r = eval_declaration(c, d, session_today(s));
        fail_at = 0;
        if (!fired) { /* every allocation of the judgement has been made to fail */
            assert_non_null(r);
            assert_false(r->incomplete);
            assert_int_equal(r->nblocking, 0);
            eval_free(r);
            break;
        }
        if (r) { /* NULL: the caller says memory ran out */
            if (!r->incomplete)
                fail_msg("allocation %ld failed, and the judgement looks complete", at);
            assert_true(r->nblocking > 0);
            assert_false(r->transmittable);
            assert_true(eval_has_message(r, EVAL_MSG_EVAL_INCOMPLETE, NULL));
            incomplete++;
        }
        eval_free(r);
    }
    assert_true(incomplete > (long)nmessages / 2); /* a message's failures were among them */
    decl_free(d);
    diag_free(&dg);
    session_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_never_clean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
