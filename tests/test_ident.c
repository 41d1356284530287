/* Unit tests of identifier checks: RPPS, N° AM, FINESS, Luhn, messages.
 *
 * The valid numbers below are constructed, their key computed by hand with the Luhn rule
 * (domain.md §8), except 750712184, a FINESS number that passes Luhn (checked here) and is, from
 * memory, that of the AP-HP: the test does not depend on that attribution. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fsdecl/decl.h"
#include "fsdecl/ident.h"

static void test_luhn(void **state)
{
    (void)state;
    assert_true(ident_luhn("79927398713")); /* the textbook example */
    assert_false(ident_luhn("79927398710"));
    assert_true(ident_luhn("0"));
    assert_true(ident_luhn("00"));
    assert_true(ident_luhn("18")); /* 1 doubled = 2, + 8 = 10 */
    assert_false(ident_luhn("81"));
    assert_true(ident_luhn("59")); /* 5 doubled = 10 -> 1, + 9 = 10 */
    assert_true(ident_luhn("10001234565"));
    assert_false(ident_luhn("10001234566"));
    assert_false(ident_luhn(NULL));
    assert_false(ident_luhn(""));
    assert_false(ident_luhn("7992 7398713"));
    assert_false(ident_luhn("2A0001238")); /* letters are a FINESS matter, not plain Luhn */
    assert_false(ident_luhn("é"));
}

static void test_rpps_ok(void **state)
{
    (void)state;
    assert_int_equal(ident_check_rpps("10001234565"), IDENT_OK);
    assert_int_equal(ident_check_rpps("10123456781"), IDENT_OK);
    assert_int_equal(ident_check_rpps("10000000009"), IDENT_OK);
    assert_int_equal(ident_check_rpps("79927398713"), IDENT_OK);
}

static void test_rpps_empty(void **state)
{
    (void)state;
    assert_int_equal(ident_check_rpps(NULL), IDENT_EMPTY);
    assert_int_equal(ident_check_rpps(""), IDENT_EMPTY);
}

static void test_rpps_length(void **state)
{
    (void)state;
    assert_int_equal(ident_check_rpps("1000123456"), IDENT_BAD_LENGTH);   /* 10 */
    assert_int_equal(ident_check_rpps("10001234565"), IDENT_OK);          /* 11 */
    assert_int_equal(ident_check_rpps("100012345650"), IDENT_BAD_LENGTH); /* 12 */
    assert_int_equal(ident_check_rpps("100012345656"), IDENT_BAD_LENGTH); /* 12, Luhn-valid */
    assert_true(ident_luhn("100012345656"));
    assert_int_equal(ident_check_rpps("1"), IDENT_BAD_LENGTH);
    assert_int_equal(ident_check_rpps("0"), IDENT_BAD_LENGTH); /* passes Luhn, still too short */
}

static void test_rpps_chars(void **state)
{
    (void)state;
    assert_int_equal(ident_check_rpps("1000 123 4565"), IDENT_BAD_CHARS); /* spaces refused */
    assert_int_equal(ident_check_rpps(" 10001234565"), IDENT_BAD_CHARS);
    assert_int_equal(ident_check_rpps("10001234565 "), IDENT_BAD_CHARS);
    assert_int_equal(ident_check_rpps("1000123456A"), IDENT_BAD_CHARS);
    assert_int_equal(ident_check_rpps("1000123456-"), IDENT_BAD_CHARS);
    assert_int_equal(ident_check_rpps("é"), IDENT_BAD_CHARS);
    /* 10 digits + "é": 11 characters, 12 bytes; the character is the problem, not the length */
    assert_int_equal(ident_check_rpps("1000123456é"), IDENT_BAD_CHARS);
    assert_int_equal(ident_check_rpps("1000123456\xff"), IDENT_BAD_CHARS); /* not UTF-8 */
    /* a bad character is reported before a wrong length */
    assert_int_equal(ident_check_rpps("12a"), IDENT_BAD_CHARS);
}

static void test_rpps_key(void **state)
{
    (void)state;
    assert_int_equal(ident_check_rpps("10001234566"), IDENT_BAD_KEY);
    assert_int_equal(ident_check_rpps("10001234560"), IDENT_BAD_KEY);
    /* two adjacent digits swapped: Luhn catches it */
    assert_int_equal(ident_check_rpps("10010234565"), IDENT_BAD_KEY);
    assert_int_equal(ident_check_rpps("00000000001"), IDENT_BAD_KEY);
}

static void test_am_ok(void **state)
{
    (void)state;
    assert_int_equal(ident_check_am("751234567"), IDENT_OK); /* Paris */
    assert_int_equal(ident_check_am("131000010"), IDENT_OK); /* Bouches-du-Rhône */
    assert_int_equal(ident_check_am("011999999"), IDENT_OK);
    /* the key is never checked: any last digit goes */
    for (char k = '0'; k <= '9'; k++) {
        char am[] = "69100421X";
        am[8] = k;
        assert_int_equal(ident_check_am(am), IDENT_OK);
    }
    /* overseas, accepted under the common layout (unverified) */
    assert_int_equal(ident_check_am("971234567"), IDENT_OK);
}

static void test_am_corsica(void **state)
{
    (void)state;
    assert_int_equal(ident_check_am("2A1000123"), IDENT_OK); /* Corse-du-Sud */
    assert_int_equal(ident_check_am("2B1543210"), IDENT_OK); /* Haute-Corse */
    assert_int_equal(ident_check_am("2A5000123"), IDENT_BAD_CATEGORY);
    assert_int_equal(ident_check_am("2a1000123"), IDENT_BAD_CHARS); /* caller upper-cases */
    assert_int_equal(ident_check_am("2C1000123"), IDENT_BAD_CHARS);
    assert_int_equal(ident_check_am("1A1000123"), IDENT_BAD_CHARS); /* A only after 2 */
    assert_int_equal(ident_check_am("A21000123"), IDENT_BAD_CHARS);
    assert_int_equal(ident_check_am("2AA000123"), IDENT_BAD_CHARS);
    assert_int_equal(ident_check_am("2A100012A"), IDENT_BAD_CHARS); /* key is a digit */
    assert_int_equal(ident_check_am("2A10A0123"), IDENT_BAD_CHARS);
    assert_int_equal(ident_check_am("2A100012"), IDENT_BAD_LENGTH);
    assert_int_equal(ident_check_am("2A10001234"), IDENT_BAD_LENGTH);
}

static void test_am_empty(void **state)
{
    (void)state;
    assert_int_equal(ident_check_am(NULL), IDENT_EMPTY);
    assert_int_equal(ident_check_am(""), IDENT_EMPTY);
}

static void test_am_length(void **state)
{
    (void)state;
    assert_int_equal(ident_check_am("75123456"), IDENT_BAD_LENGTH);    /* 8 */
    assert_int_equal(ident_check_am("751234567"), IDENT_OK);           /* 9 */
    assert_int_equal(ident_check_am("7512345678"), IDENT_BAD_LENGTH);  /* 10, the sample's */
    assert_int_equal(ident_check_am("75123456789"), IDENT_BAD_LENGTH); /* 11, an RPPS? */
    assert_int_equal(ident_check_am("7"), IDENT_BAD_LENGTH);
}

static void test_am_chars(void **state)
{
    (void)state;
    assert_int_equal(ident_check_am("75 1234567"), IDENT_BAD_CHARS);
    assert_int_equal(ident_check_am("75-1-23456-7"), IDENT_BAD_CHARS);
    assert_int_equal(ident_check_am("75123456X"), IDENT_BAD_CHARS);
    assert_int_equal(ident_check_am("é"), IDENT_BAD_CHARS);
    assert_int_equal(ident_check_am("7512345é"), IDENT_BAD_CHARS);  /* 9 bytes, 8 characters */
    assert_int_equal(ident_check_am("75A234567"), IDENT_BAD_CHARS); /* category not a digit */
    assert_int_equal(ident_check_am("75123B567"), IDENT_BAD_CHARS);
}

static void test_am_category(void **state)
{
    (void)state;
    static const char *const others[] = {
        "750234567",                           /* 0: no such category */
        "752234567", "753234567", "754234567", /* dentiste */
        "755234567",                           /* sage-femme */
        "756234567",                           /* infirmier */
        "757234567",                           /* kiné */
        "758234567",                           /* podologue */
        "759234567",                           /* orthophoniste / orthoptiste */
    };
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        assert_int_equal(ident_check_am(others[i]), IDENT_BAD_CATEGORY);
    /* a bad character elsewhere wins over the category */
    assert_int_equal(ident_check_am("75523456X"), IDENT_BAD_CHARS);
}

static void test_am_never_bad_key(void **state)
{
    (void)state;
    /* a 9-digit Luhn-invalid number with category 1 is fine: the key is not known */
    assert_false(ident_luhn("751234560"));
    assert_int_equal(ident_check_am("751234560"), IDENT_OK);
}

static void test_finess_ok(void **state)
{
    (void)state;
    assert_int_equal(ident_check_finess("750712184"), IDENT_OK);
    assert_int_equal(ident_check_finess("130003213"), IDENT_OK);
    assert_int_equal(ident_check_finess("690780184"), IDENT_OK);
    assert_int_equal(ident_check_finess("810000000"), IDENT_OK);
}

static void test_finess_corsica(void **state)
{
    (void)state;
    /* A and B count as 0 in the Luhn sum */
    assert_int_equal(ident_check_finess("2A0001238"), IDENT_OK);
    assert_true(ident_luhn("200001238"));
    assert_int_equal(ident_check_finess("2B0012342"), IDENT_OK);
    assert_true(ident_luhn("200012342"));
    assert_int_equal(ident_check_finess("2A0001239"), IDENT_BAD_KEY);
    assert_int_equal(ident_check_finess("2B0012341"), IDENT_BAD_KEY);
    assert_int_equal(ident_check_finess("2b0012342"), IDENT_BAD_CHARS);
    assert_int_equal(ident_check_finess("3A0001238"), IDENT_BAD_CHARS);
    assert_int_equal(ident_check_finess("A20001238"), IDENT_BAD_CHARS);
    assert_int_equal(ident_check_finess("2A000123A"), IDENT_BAD_CHARS);
    assert_int_equal(ident_check_finess("2AB001238"), IDENT_BAD_CHARS);
    assert_int_equal(ident_check_finess("2A000123"), IDENT_BAD_LENGTH);
}

static void test_finess_empty(void **state)
{
    (void)state;
    assert_int_equal(ident_check_finess(NULL), IDENT_EMPTY);
    assert_int_equal(ident_check_finess(""), IDENT_EMPTY);
}

static void test_finess_length(void **state)
{
    (void)state;
    assert_int_equal(ident_check_finess("75071218"), IDENT_BAD_LENGTH);    /* 8 */
    assert_int_equal(ident_check_finess("750712184"), IDENT_OK);           /* 9 */
    assert_int_equal(ident_check_finess("7507121840"), IDENT_BAD_LENGTH);  /* 10 */
    assert_int_equal(ident_check_finess("10001234565"), IDENT_BAD_LENGTH); /* an RPPS */
}

static void test_finess_chars(void **state)
{
    (void)state;
    assert_int_equal(ident_check_finess("750 712 184"), IDENT_BAD_CHARS);
    assert_int_equal(ident_check_finess("75071218X"), IDENT_BAD_CHARS);
    assert_int_equal(ident_check_finess("é"), IDENT_BAD_CHARS);
    assert_int_equal(ident_check_finess("7507121é"), IDENT_BAD_CHARS);
}

static void test_finess_key(void **state)
{
    (void)state;
    assert_int_equal(ident_check_finess("750712185"), IDENT_BAD_KEY);
    assert_int_equal(ident_check_finess("750712180"), IDENT_BAD_KEY);
    assert_int_equal(ident_check_finess("570712184"), IDENT_BAD_KEY); /* swapped */
}

static void test_no_category_outside_am(void **state)
{
    (void)state;
    /* the category rule is the N° AM's only: an RPPS or FINESS with '5' third is fine */
    assert_int_equal(ident_check_finess("135000214"), IDENT_OK);
    assert_int_equal(ident_check_rpps("10523456787"), IDENT_OK);
}

static void test_messages(void **state)
{
    (void)state;
    assert_string_equal(ident_message(IDENT_BAD_LENGTH, "RPPS"),
                        "le numéro RPPS doit compter 11 chiffres");
    assert_string_equal(ident_message(IDENT_BAD_LENGTH, "N° AM"),
                        "le N° AM doit compter 9 caractères");
    assert_string_equal(ident_message(IDENT_BAD_LENGTH, "FINESS"),
                        "le numéro FINESS doit compter 9 caractères");
    assert_string_equal(ident_message(IDENT_BAD_CATEGORY, "N° AM"),
                        "le 3e caractère du N° AM doit être 1 (médecin)");
    assert_string_equal(ident_message(IDENT_EMPTY, "FINESS"),
                        "le numéro FINESS n'est pas renseigné");
    assert_string_equal(ident_message(IDENT_BAD_KEY, "RPPS"),
                        "la clé du numéro RPPS est incorrecte : vérifiez la saisie");
    assert_non_null(strstr(ident_message(IDENT_BAD_CHARS, "N° AM"), "2A ou 2B"));
    assert_non_null(strstr(ident_message(IDENT_BAD_CHARS, "RPPS"), "chiffres"));
    assert_string_equal(ident_message(IDENT_BAD_CHARS, NULL),
                        "l'identifiant contient un caractère non autorisé");
    assert_string_equal(ident_message(IDENT_BAD_CHARS, "SIRET"),
                        "l'identifiant contient un caractère non autorisé");

    /* every status of every kind has a distinct, non-empty sentence naming the kind */
    static const char *const kinds[] = {"RPPS", "N° AM", "FINESS", "other", NULL};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        for (int a = IDENT_OK; a <= IDENT_BAD_CATEGORY; a++) {
            const char *ma = ident_message((ident_status)a, kinds[k]);
            assert_non_null(ma);
            assert_true(strlen(ma) > 0);
            if (k < 3)
                assert_non_null(strstr(ma, kinds[k]));
            for (int b = a + 1; b <= IDENT_BAD_CATEGORY; b++)
                assert_string_not_equal(ma, ident_message((ident_status)b, kinds[k]));
        }
    }
    /* an out-of-range status still gets a sentence */
    assert_non_null(ident_message((ident_status)42, "RPPS"));
    assert_non_null(ident_message((ident_status)-1, "RPPS"));
}

/* What a form may let type: every valid identifier is made of its shape's characters and has its
 * length; the identity fields name the kinds they are checked as. */
static void test_shapes(void **state)
{
    (void)state;
    static const struct {
        const char *kind, *valid;
    } cases[] = {{"RPPS", "10001234565"}, {"N° AM", "2A1234567"}, {"FINESS", "750000010"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *chars;
        size_t length;
        assert_true(ident_shape(cases[i].kind, &chars, &length));
        assert_int_equal(strlen(cases[i].valid), length);
        assert_int_equal(strspn(cases[i].valid, chars), length);
    }
    const char *chars;
    size_t length;
    assert_false(ident_shape("Nom", &chars, &length));
    assert_false(ident_shape(NULL, &chars, &length));
    assert_string_equal(decl_identity_ident(DECL_ID_RPPS), "RPPS");
    assert_string_equal(decl_identity_ident(DECL_ID_AM_NUMBER), "N° AM");
    assert_string_equal(decl_identity_ident(DECL_ID_FINESS), "FINESS");
    assert_null(decl_identity_ident(DECL_ID_LAST_NAME));
    assert_int_equal(ident_check_rpps(cases[0].valid), IDENT_OK);
    assert_int_equal(ident_check_am(cases[1].valid), IDENT_OK);
    assert_int_equal(ident_check_finess(cases[2].valid), IDENT_OK);
}

/* Each identifier's help says its format as its checks read it; every identity field has help,
 * an identifier's taken from ident.h. */
static void test_help(void **state)
{
    (void)state;
    assert_non_null(strstr(ident_help("RPPS"), "11 chiffres"));
    assert_non_null(strstr(ident_help("N° AM"), "9 caractères"));
    assert_non_null(strstr(ident_help("N° AM"), "1 pour un médecin"));
    assert_non_null(strstr(ident_help("FINESS"), "9 caractères"));
    assert_null(ident_help("SIRET"));
    assert_null(ident_help(NULL));
    for (int f = 0; f < DECL_ID_COUNT; f++)
        assert_true(decl_identity_help((decl_identity_field)f)[0] != '\0');
    assert_string_equal(decl_identity_help(DECL_ID_RPPS), ident_help("RPPS"));
    assert_string_equal(decl_identity_help(DECL_ID_FINESS), ident_help("FINESS"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_luhn),
        cmocka_unit_test(test_rpps_ok),
        cmocka_unit_test(test_rpps_empty),
        cmocka_unit_test(test_rpps_length),
        cmocka_unit_test(test_rpps_chars),
        cmocka_unit_test(test_rpps_key),
        cmocka_unit_test(test_am_ok),
        cmocka_unit_test(test_am_corsica),
        cmocka_unit_test(test_am_empty),
        cmocka_unit_test(test_am_length),
        cmocka_unit_test(test_am_chars),
        cmocka_unit_test(test_am_category),
        cmocka_unit_test(test_am_never_bad_key),
        cmocka_unit_test(test_finess_ok),
        cmocka_unit_test(test_finess_corsica),
        cmocka_unit_test(test_finess_empty),
        cmocka_unit_test(test_finess_length),
        cmocka_unit_test(test_finess_chars),
        cmocka_unit_test(test_finess_key),
        cmocka_unit_test(test_no_category_outside_am),
        cmocka_unit_test(test_messages),
        cmocka_unit_test(test_shapes),
        cmocka_unit_test(test_help),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
