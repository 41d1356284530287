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

/* Each text, its width, and its lines joined by '|'. */
static const struct {
    const char *text;
    int width;
    const char *lines;
} CASES[] = {
    {"un deux trois quatre", 9, "un deux|trois|quatre"},
    {"ligne\nsuivante", 40, "ligne|suivante"},
    /* « Empreinte SHA-256 : » would leave the colon alone on the next line */
    {"Empreinte SHA-256 : abc", 17, "Empreinte|SHA-256 : abc"},
    {"avez-vous participé ?", 19, "avez-vous|participé ?"},
    /* « horaires » stays whole: no break after « nor before » */
    {"saisir « horaires » ici", 12, "saisir|« horaires »|ici"},
};

static void test_wrap(void **state)
{
    (void)state;
    char out[512];
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        wrap(CASES[i].text, CASES[i].width, out, sizeof out);
        assert_string_equal(out, CASES[i].lines);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wrap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
