/* Unit tests of the small core modules: dates, text, arena, diagnostics. */
#include <limits.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "fsdecl/arena.h"
#include "fsdecl/date.h"
#include "fsdecl/diag.h"
#include "fsdecl/fileio.h"
#include "fsdecl/text.h"

static void test_date_parse(void **state)
{
    (void)state;
    date_t d;
    assert_int_equal(date_parse("2024-02-29", &d), DATE_OK);
    assert_int_equal(d.year, 2024);
    assert_int_equal(d.month, 2);
    assert_int_equal(d.day, 29);
    assert_int_equal(date_parse("2025-02-29", &d), DATE_IMPOSSIBLE);
    assert_int_equal(date_parse("2100-02-29", &d), DATE_IMPOSSIBLE);
    assert_int_equal(date_parse("2000-02-29", &d), DATE_OK);
    assert_int_equal(date_parse("2025-04-31", &d), DATE_IMPOSSIBLE);
    assert_int_equal(date_parse("2025-13-01", &d), DATE_IMPOSSIBLE);
    assert_int_equal(date_parse("2025-00-10", &d), DATE_IMPOSSIBLE);
    assert_int_equal(date_parse("2025-12-31", &d), DATE_OK);
    assert_int_equal(date_parse("2025-1-01", &d), DATE_MALFORMED);
    assert_int_equal(date_parse("31/12/2025", &d), DATE_MALFORMED);
    assert_int_equal(date_parse("2025-12-3a", &d), DATE_MALFORMED);
    assert_int_equal(date_parse("", &d), DATE_MALFORMED);
    assert_int_equal(date_parse(NULL, &d), DATE_MALFORMED);
}

static void test_date_compare_and_format(void **state)
{
    (void)state;
    date_t a = {2024, 2, 4}, b = {2024, 2, 5}, c = {2023, 12, 31};
    assert_true(date_cmp(a, b) < 0);
    assert_true(date_cmp(b, a) > 0);
    assert_true(date_cmp(c, a) < 0);
    assert_int_equal(date_cmp(a, a), 0);
    char buf[16];
    date_format_fr(a, buf, sizeof buf);
    assert_string_equal(buf, "04/02/2024");
    date_format_iso(a, buf, sizeof buf);
    assert_string_equal(buf, "2024-02-04");
    char stamp[32];
    date_stamp_fr("2025-12-20 09:05:41", stamp, sizeof stamp);
    assert_string_equal(stamp, "20/12/2025 à 09:05");
    date_stamp_fr("hier", stamp, sizeof stamp); /* not a stamp: as it is */
    assert_string_equal(stamp, "hier");
    assert_int_equal(date_to_days((date_t){1970, 1, 1}), 0);
    assert_int_equal(date_to_days((date_t){2024, 3, 1}) - date_to_days((date_t){2024, 2, 28}), 2);
}

static void test_utf8(void **state)
{
    (void)state;
    assert_true(text_utf8_valid("Arrêt de travail, « ÉTÉ » €"));
    assert_false(text_utf8_valid("Arr\xe9t"));
    assert_false(text_utf8_valid("\xc0\xaf"));         /* overlong '/' */
    assert_false(text_utf8_valid("\xed\xa0\x80"));     /* surrogate */
    assert_false(text_utf8_valid("\xf4\x90\x80\x80")); /* above U+10FFFF */
    assert_true(text_has_control("a\tb", false));
    assert_true(text_has_control("a\nb", false));
    assert_false(text_has_control("a\nb", true));
    assert_true(text_has_control("a\x1b[31mb", true));
    assert_true(text_has_control("a\xc2\x9b"
                                 "31m",
                                 true)); /* C1 CSI */
    assert_false(text_has_control("Médecine générale", false));
}

static void test_sanitize(void **state)
{
    (void)state;
    char buf[64];
    text_sanitize("ok \x1b[2J é\xe9\n", false, buf, sizeof buf);
    assert_string_equal(buf, "ok ?[2J é??");
    text_sanitize("a\nb", true, buf, sizeof buf);
    assert_string_equal(buf, "a\nb");
    text_sanitize("éééé", false, buf, 6); /* never cuts a character in two */
    assert_string_equal(buf, "éé");
    const char *worst = "\x1b\xc2\x9b\xff\xe9t\té"; /* controls, C1, invalid bytes */
    char exact[16];
    text_sanitize(worst, false, exact, strlen(worst) + 1); /* its own length is room enough */
    assert_string_equal(exact, "????t?é");
    /* bidirectional overrides and isolates would reorder what the terminal shows */
    text_sanitize("MARTIN\u202eCBA\u202c \u2066x\u2069", false, buf, sizeof buf);
    assert_string_equal(buf, "MARTIN?CBA? ?x?");
    assert_true(text_has_control("\u202e", true));
    assert_false(text_has_control("« Médecine » — ‘x’ €", false));
}

static void test_numbers(void **state)
{
    (void)state;
    char buf[64];
    text_points(11150, buf, sizeof buf);
    assert_string_equal(buf, "1 115");
    text_points(225, buf, sizeof buf);
    assert_string_equal(buf, "22,5");
    text_points(0, buf, sizeof buf);
    assert_string_equal(buf, "0");
    text_points(-305, buf, sizeof buf);
    assert_string_equal(buf, "-30,5");
    text_money(780500, buf, sizeof buf);
    assert_string_equal(buf, "7 805,00 €");
    text_money(15750, buf, sizeof buf);
    assert_string_equal(buf, "157,50 €");
    text_money(5, buf, sizeof buf);
    assert_string_equal(buf, "0,05 €");
    text_money(INT64_MIN, buf, sizeof buf);
    assert_string_equal(buf, "-92 233 720 368 547 758,08 €");
    text_fraction(90, 100, buf, sizeof buf);
    assert_string_equal(buf, "90 %");
    text_fraction(2, 3, buf, sizeof buf);
    assert_string_equal(buf, "2/3");
    text_fraction(1, 2, buf, sizeof buf);
    assert_string_equal(buf, "50 %");
}

/* Columns, not bytes nor characters: under a UTF-8 locale and under the C locale alike. */
static void check_widths(void)
{
    assert_int_equal(text_width(""), 0);
    assert_int_equal(text_width("abc"), 3);
    assert_int_equal(text_width("Médecine générale"), 17); /* precomposed accents */
    assert_int_equal(text_width("Me\xcc\x81"
                                "decine"),
                     8);                                         /* e + combining acute */
    assert_int_equal(text_width("\xe5\x8c\xbb\xe7\x94\x9f"), 4); /* two wide CJK characters */
    assert_int_equal(text_width("« 7 805,00 € »"), 14);
    assert_int_equal(text_width("a\xff"), 2);   /* an invalid byte shows as '?' */
    assert_int_equal(text_width("\x1b[2J"), 4); /* ESC shows as '?' */
    assert_int_equal(text_cp_width(0x301), 0);
    assert_int_equal(text_cp_width(0x1F600), 2);
}

static void test_width(void **state)
{
    (void)state;
    char *saved = strdup(setlocale(LC_CTYPE, NULL));
    assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
    check_widths();
    assert_non_null(setlocale(LC_CTYPE, "C"));
    check_widths();
    setlocale(LC_CTYPE, saved);
    free(saved);
    uint32_t cp;
    assert_int_equal(text_utf8_decode("é", &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(text_utf8_decode("\xc3", &cp), 0);
}

static void test_arena(void **state)
{
    (void)state;
    arena_t *a = arena_new();
    assert_non_null(a);
    char *s = arena_strdup(a, "forfait");
    assert_string_equal(s, "forfait");
    for (int i = 0; i < 1000; i++) {
        unsigned char *p = arena_alloc(a, (size_t)i * 37 + 1);
        assert_non_null(p);
        assert_int_equal(((uintptr_t)p) % 16, 0);
        assert_int_equal(p[0], 0);
        memset(p, 0xAB, (size_t)i * 37 + 1);
    }
    assert_non_null(arena_alloc(a, 1 << 20));
    assert_null(arena_calloc(a, SIZE_MAX / 2, 8));
    assert_string_equal(s, "forfait");
    arena_free(a);
    arena_free(NULL);
}

static void test_diag(void **state)
{
    (void)state;
    diag_list d;
    diag_init(&d);
    diag_add(&d, "r.cfg", 12, "clé inconnue « %s »", "x");
    diag_add(&d, "r.cfg", 0, "fichier trop volumineux");
    char *a = diag_format(&d.items[0]), *b = diag_format(&d.items[1]);
    assert_string_equal(a, "r.cfg:12: clé inconnue « x »");
    assert_string_equal(b, "r.cfg: fichier trop volumineux");
    free(a);
    free(b);
    for (int i = 0; i < DIAG_MAX + 10; i++)
        diag_add(&d, "r.cfg", i, "m");
    assert_int_equal(d.count, DIAG_MAX);
    assert_int_equal(d.dropped, 12);
    diag_free(&d);
}

static void test_fileio(void **state)
{
    (void)state;
    char dir[] = "/tmp/fsdecl-fileio-XXXXXX", path[64], link[64], fifo[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/f", dir);
    snprintf(link, sizeof link, "%s/l", dir);
    snprintf(fifo, sizeof fifo, "%s/p", dir);
    FILE *f = fopen(path, "w");
    fputs("forfait", f);
    fclose(f);
    size_t len;
    int err = 0;
    char *t = fileio_read(path, 7, true, &len, &err);
    assert_non_null(t);
    assert_int_equal(len, 7);
    assert_string_equal(t, "forfait");
    free(t);
    assert_null(fileio_read(path, 6, true, &len, &err)); /* one byte over the limit */
    assert_int_equal(err, EFBIG);
    assert_int_equal(len, 7);
    assert_int_equal(symlink(path, link), 0);
    assert_null(fileio_read(link, 100, true, &len, &err));
    assert_int_equal(err, ELOOP);
    t = fileio_read(link, 100, false, &len, &err);
    assert_non_null(t);
    free(t);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_null(fileio_read(fifo, 100, false, &len, &err)); /* returns at once, no writer needed */
    assert_int_equal(err, EINVAL);
    assert_null(fileio_read(dir, 100, false, &len, &err));
    assert_int_equal(err, EINVAL);
    assert_null(fileio_read("/nonexistent/x", 100, false, &len, &err));
    assert_int_equal(err, ENOENT);
    unlink(fifo);
    unlink(link);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_parse), cmocka_unit_test(test_date_compare_and_format),
        cmocka_unit_test(test_utf8),       cmocka_unit_test(test_sanitize),
        cmocka_unit_test(test_numbers),    cmocka_unit_test(test_arena),
        cmocka_unit_test(test_diag),       cmocka_unit_test(test_fileio),
        cmocka_unit_test(test_width),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
