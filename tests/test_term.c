/* The screens' text wrapping: lines fit their width, and French keeps « » : ; ! ? with their
 * words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "fsdecl/text.h"
#include "term.h"

/* The wrapped lines of text at width, joined by '|'. */
static void wrap(const char *text, int width, char *out, size_t size)
{
    const char *starts[16];
    size_t lens[16], n = term_wrap(text, width, starts, lens, 16), o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && o + lens[i] + 2 < size; i++) {
        char line[256];
        snprintf(line, sizeof line, "%.*s", (int)lens[i], starts[i]);
        assert_true(text_width(line) <= (size_t)width);
        o += (size_t)snprintf(out + o, size - o, "%s%s", i ? "|" : "", line);
    }
}

static void test_wraps_at_spaces(void **state)
{
    (void)state;
    char out[512];
    wrap("un deux trois quatre", 9, out, sizeof out);
    assert_string_equal(out, "un deux|trois|quatre");
    wrap("ligne\nsuivante", 40, out, sizeof out);
    assert_string_equal(out, "ligne|suivante");
}

static void test_french_punctuation_stays(void **state)
{
    (void)state;
    char out[512];
    /* « Empreinte SHA-256 : » would leave the colon alone on the next line */
    wrap("Empreinte SHA-256 : abc", 17, out, sizeof out);
    assert_string_equal(out, "Empreinte|SHA-256 : abc");
    wrap("avez-vous participé ?", 19, out, sizeof out);
    assert_string_equal(out, "avez-vous|participé ?");
    /* « horaires » stays whole: no break after « nor before » */
    wrap("saisir « horaires » ici", 12, out, sizeof out);
    assert_string_equal(out, "saisir|« horaires »|ici");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wraps_at_spaces),
        cmocka_unit_test(test_french_punctuation_stays),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
