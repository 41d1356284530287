/* Unit tests of the wizard's field engine: every kind, every editing action and refusal, wide
 * and combining characters, dates typed with their slashes supplied, paste, scrolling, and
 * values going from the core to a field and back. Runs under C.UTF-8 for wcwidth. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "widgets/field.h"

static char text_buf[FIELD_MAX_CHARS * 4 + 1];

static const char *text_of(const field_t *f)
{
    assert_true(field_get_text(f, text_buf, sizeof text_buf));
    return text_buf;
}

/* Types every character of s, each one accepted. */
static void type(field_t *f, const wchar_t *s)
{
    for (; *s; s++) {
        field_result r = field_insert(f, *s);
        assert_true(r != FIELD_REFUSED && r != FIELD_FULL);
    }
}

static void act_n(field_t *f, field_action act, int n)
{
    while (n-- > 0)
        field_act(f, act);
}

static const char *check_msg(const field_t *f)
{
    static char msg[256];
    assert_false(field_validate(f, msg, sizeof msg));
    return msg;
}

static void assert_valid(const field_t *f)
{
    char msg[256] = "x";
    assert_true(field_validate(f, msg, sizeof msg));
    assert_string_equal(msg, "");
}

static const field_option specialties[] = {
    {"anesthesie", "Anesthésie-réanimation"},
    {"cardiologie", "Cardiologie"},
    {"dermatologie", "Dermatologie et vénéréologie"},
    {"gynecologie_medicale", "Gynécologie médicale"},
    {"medecine_generale", "Médecine générale"},
    {"medecine_interne", "Médecine interne"},
    {"medecine_vasculaire", "Médecine vasculaire"},
    {"pediatrie", "Pédiatrie"},
    {"psychiatrie", "Psychiatrie"},
};
enum { NSPEC = sizeof specialties / sizeof specialties[0] };

static const field_option equipment[] = {
    {"ordonnance", "Ordonnance numérique"},
    {"dmp", "Alimentation du DMP"},
    {"messagerie", "Messagerie sécurisée de santé"},
    {"teleconsultation", "Téléconsultation"},
};

/* ---------------------------------------------------------------------------------------- */
/* Accent folding                                                                            */

static void test_fold_french_letters(void **state)
{
    (void)state;
    char out[128];
    assert_int_equal(field_fold("àâäéèêëîïôöùûüçœæÿ", out, sizeof out), 20);
    assert_string_equal(out, "aaaeeeeiioouuucoeaey");
    field_fold("ÀÂÄÉÈÊËÎÏÔÖÙÛÜÇŒÆŸ", out, sizeof out);
    assert_string_equal(out, "aaaeeeeiioouuucoeaey");
    field_fold("Médecine Générale", out, sizeof out);
    assert_string_equal(out, "medecine generale");
    field_fold("IJKLMNOPQRSTUVWXYZ[`{~", out, sizeof out);
    assert_string_equal(out, "ijklmnopqrstuvwxyz[`{~");
    field_fold("ÁÃÅÌÍÒÓÕØÚÝÑÐÞßáãåìíòóõøúýñðþ", out, sizeof out);
    assert_string_equal(out, "aaaiioooouyndthssaaaiioooouyndth");
}

static void test_fold_other_characters(void **state)
{
    (void)state;
    char out[128];
    field_fold("e\u0301le\u0300ve", out, sizeof out); /* decomposed accents */
    assert_string_equal(out, "eleve");
    field_fold("l’été\u00a0à 10\u202fh", out, sizeof out);
    assert_string_equal(out, "l'ete a 10 h");
    field_fold("2×3÷日本 Ωμ", out, sizeof out); /* copied as they are */
    assert_string_equal(out, "2×3÷日本 Ωμ");
    field_fold("a\xffz\xc3", out, sizeof out); /* invalid bytes */
    assert_string_equal(out, "a?z?");
    assert_int_equal(field_fold(NULL, out, sizeof out), 0);
    assert_string_equal(out, "");
}

static void test_fold_truncation(void **state)
{
    (void)state;
    char out[8];
    assert_int_equal(field_fold("éééééé", out, 5), 6);
    assert_string_equal(out, "eeee");
    assert_int_equal(field_fold("a日", out, 3), 4); /* never cut inside a character */
    assert_string_equal(out, "a");
    assert_int_equal(field_fold("abc", NULL, 0), 3);
    const char *s = "ŒÆßÞ’\u202fé\u0301";
    assert_true(field_fold(s, NULL, 0) <= strlen(s));
}

/* ---------------------------------------------------------------------------------------- */
/* Text                                                                                      */

static void test_text_insert_and_refusals(void **state)
{
    (void)state;
    field_t f;
    field_init_text(&f, 0, 0);
    assert_int_equal(field_insert(&f, L'a'), FIELD_CHANGED);
    assert_int_equal(field_insert(&f, L'é'), FIELD_CHANGED);
    /* the core refuses the bidirectional controls in a text: the field never takes them */
    const wchar_t bad[] = {L'\n',  L'\r',  L'\t',  0x01,   0x1B,   0x7F,   0x85,     0x9B, 0x2028,
                           0x2029, 0x202A, 0x202E, 0x2066, 0x2069, 0xD800, 0x110000, -1,   0};
    for (size_t i = 0; bad[i]; i++)
        assert_int_equal(field_insert(&f, bad[i]), FIELD_REFUSED);
    assert_int_equal(field_insert(&f, 0), FIELD_REFUSED);
    assert_string_equal(text_of(&f), "aé");
    assert_int_equal(f.nbytes, 3);
    assert_int_equal(f.ncols, 2);
    assert_string_equal(field_refusal(&f, FIELD_REFUSED), "caractère non accepté dans ce champ");
    assert_string_equal(field_refusal(&f, FIELD_CHANGED), "");
}

/* An identifier field takes only its characters: a name typed in the RPPS field is refused at
 * once, a lower-case Corsican letter becomes upper case, and a paste keeps what fits. */
static void test_text_restricted(void **state)
{
    (void)state;
    field_t f;
    field_init_text(&f, 9, 9);
    field_restrict(&f, "0123456789AB");
    assert_int_equal(field_insert(&f, L'D'), FIELD_REFUSED);
    assert_int_equal(field_insert(&f, L'é'), FIELD_REFUSED);
    assert_int_equal(field_insert(&f, L' '), FIELD_REFUSED);
    assert_int_equal(field_insert(&f, L'2'), FIELD_CHANGED);
    assert_int_equal(field_insert(&f, L'a'), FIELD_CHANGED);
    assert_string_equal(text_of(&f), "2A");
    size_t refused;
    field_paste(&f, "1 23-45", &refused);
    assert_string_equal(text_of(&f), "2A12345");
    assert_int_equal(refused, 2);
    field_init_text(&f, 11, 11);
    field_restrict(&f, "0123456789");
    for (const wchar_t *c = L"Dupont"; *c; c++)
        assert_int_equal(field_insert(&f, *c), FIELD_REFUSED);
    assert_string_equal(text_of(&f), "");
}

static void test_text_byte_limit(void **state)
{
    (void)state;
    field_t f;
    field_init_text(&f, 5, 0);
    type(&f, L"abé");                                     /* 4 bytes */
    assert_int_equal(field_insert(&f, L'é'), FIELD_FULL); /* would be 6 */
    assert_int_equal(field_insert(&f, L'c'), FIELD_CHANGED);
    assert_int_equal(field_insert(&f, L'd'), FIELD_FULL);
    assert_string_equal(text_of(&f), "abéc");
    assert_string_equal(field_refusal(&f, FIELD_FULL), "longueur maximale atteinte");
    assert_valid(&f);
}

static void test_text_column_limit(void **state)
{
    (void)state;
    field_t f;
    field_init_text(&f, 0, 4);
    type(&f, L"日本");
    assert_int_equal(f.ncols, 4);
    assert_int_equal(field_insert(&f, L'a'), FIELD_FULL);
    assert_int_equal(field_insert(&f, 0x0301), FIELD_CHANGED); /* a mark takes no column */
    field_act(&f, FIELD_ACT_BACKSPACE);
    assert_string_equal(text_of(&f), "日");
    assert_int_equal(field_insert(&f, L'a'), FIELD_CHANGED);
    assert_int_equal(field_insert(&f, L'語'), FIELD_FULL); /* 2 columns, 1 left */
    assert_int_equal(field_insert(&f, L'b'), FIELD_CHANGED);
}

static void test_text_capacity(void **state)
{
    (void)state;
    field_t f;
    field_init_text(&f, 0, 0);
    for (int i = 0; i < FIELD_MAX_CHARS; i++)
        assert_int_equal(field_insert(&f, L'x'), FIELD_CHANGED);
    assert_int_equal(field_insert(&f, L'x'), FIELD_FULL);
    assert_int_equal(f.len, FIELD_MAX_CHARS);
    char small[8];
    assert_false(field_get_text(&f, small, sizeof small));
    assert_string_equal(small, "");
}

static void test_text_combining(void **state)
{
    (void)state;
    field_t f;
    field_init_text(&f, 0, 0);
    assert_int_equal(field_insert(&f, 0x0301), FIELD_REFUSED); /* nothing to combine with */
    type(&f, L"e\u0301a");
    assert_int_equal(f.len, 3);
    assert_int_equal(f.ncols, 2);
    assert_int_equal(f.nbytes, 4);
    assert_int_equal(field_cursor(&f).col, 2);
    assert_int_equal(field_act(&f, FIELD_ACT_LEFT), FIELD_MOVED);
    assert_int_equal(f.cur, 2);
    assert_int_equal(field_act(&f, FIELD_ACT_LEFT), FIELD_MOVED);
    assert_int_equal(f.cur, 0); /* stepped over the mark with its letter */
    assert_int_equal(field_act(&f, FIELD_ACT_RIGHT), FIELD_MOVED);
    assert_int_equal(f.cur, 2);
    assert_int_equal(field_act(&f, FIELD_ACT_BACKSPACE), FIELD_CHANGED);
    assert_string_equal(text_of(&f), "a"); /* letter and mark gone together */
    field_set_text(&f, "e\u0301\u0327b");
    field_act(&f, FIELD_ACT_HOME);
    assert_int_equal(field_act(&f, FIELD_ACT_DELETE), FIELD_CHANGED);
    assert_string_equal(text_of(&f), "b");
    /* a mark typed in the middle joins the letter before the cursor */
    field_set_text(&f, "eb");
    field_act(&f, FIELD_ACT_LEFT);
    type(&f, L"\u0300");
    assert_string_equal(text_of(&f), "e\u0300b");
    assert_int_equal(f.cur, 2);
}

static void test_text_wide(void **state)
{
    (void)state;
    field_t f;
    field_init_text(&f, 0, 0);
    type(&f, L"é日a");
    field_pos p = field_cursor(&f);
    assert_int_equal(p.chr, 3);
    assert_int_equal(p.byte, 6);
    assert_int_equal(p.col, 4);
    field_act(&f, FIELD_ACT_LEFT);
    p = field_cursor(&f);
    assert_int_equal(p.chr, 2);
    assert_int_equal(p.byte, 5);
    assert_int_equal(p.col, 3);
    field_act(&f, FIELD_ACT_LEFT);
    assert_int_equal(field_cursor(&f).col, 1);
}

static void test_text_moves(void **state)
{
    (void)state;
    field_t f;
    field_init_text(&f, 0, 0);
    assert_int_equal(field_act(&f, FIELD_ACT_LEFT), FIELD_NOOP);
    assert_int_equal(field_act(&f, FIELD_ACT_RIGHT), FIELD_NOOP);
    type(&f, L"abc");
    assert_int_equal(field_act(&f, FIELD_ACT_RIGHT), FIELD_NOOP);
    assert_int_equal(field_act(&f, FIELD_ACT_END), FIELD_NOOP);
    assert_int_equal(field_act(&f, FIELD_ACT_HOME), FIELD_MOVED);
    assert_int_equal(f.cur, 0);
    assert_int_equal(field_act(&f, FIELD_ACT_HOME), FIELD_NOOP);
    assert_int_equal(field_act(&f, FIELD_ACT_LEFT), FIELD_NOOP);
    assert_int_equal(field_act(&f, FIELD_ACT_RIGHT), FIELD_MOVED);
    type(&f, L"X");
    assert_string_equal(text_of(&f), "aXbc");
    assert_int_equal(field_act(&f, FIELD_ACT_END), FIELD_MOVED);
    assert_int_equal(f.cur, 4);
    /* keys that mean nothing to a line of text go back to the caller */
    assert_int_equal(field_act(&f, FIELD_ACT_UP), FIELD_REFUSED);
    assert_int_equal(field_act(&f, FIELD_ACT_DOWN), FIELD_REFUSED);
    assert_int_equal(field_act(&f, FIELD_ACT_TOGGLE), FIELD_REFUSED);
    assert_string_equal(text_of(&f), "aXbc");
}

static void test_text_words(void **state)
{
    (void)state;
    field_t f;
    field_init_text(&f, 0, 0);
    field_set_text(&f, "Élise  Müller-Dupré, 3e");
    /*                  0     6 8      15    21 */
    assert_int_equal(field_act(&f, FIELD_ACT_WORD_LEFT), FIELD_MOVED);
    assert_int_equal(f.cur, 21);
    field_act(&f, FIELD_ACT_WORD_LEFT);
    assert_int_equal(f.cur, 14);
    field_act(&f, FIELD_ACT_WORD_LEFT);
    assert_int_equal(f.cur, 7);
    field_act(&f, FIELD_ACT_WORD_LEFT);
    assert_int_equal(f.cur, 0);
    assert_int_equal(field_act(&f, FIELD_ACT_WORD_LEFT), FIELD_NOOP);
    field_act(&f, FIELD_ACT_WORD_RIGHT);
    assert_int_equal(f.cur, 5);
    field_act(&f, FIELD_ACT_WORD_RIGHT);
    assert_int_equal(f.cur, 13);
    field_act(&f, FIELD_ACT_WORD_RIGHT);
    assert_int_equal(f.cur, 19);
    field_act(&f, FIELD_ACT_WORD_RIGHT);
    assert_int_equal(f.cur, 23);
    assert_int_equal(field_act(&f, FIELD_ACT_WORD_RIGHT), FIELD_NOOP);
    /* combining marks belong to their word */
    field_set_text(&f, "cafe\u0301 noir");
    field_act(&f, FIELD_ACT_HOME);
    field_act(&f, FIELD_ACT_WORD_RIGHT);
    assert_int_equal(f.cur, 5);
    field_act(&f, FIELD_ACT_WORD_LEFT);
    assert_int_equal(f.cur, 0);
}

static void test_text_kill(void **state)
{
    (void)state;
    field_t f;
    field_init_text(&f, 0, 0);
    field_set_text(&f, "Jean Dupont");
    act_n(&f, FIELD_ACT_LEFT, 6);
    assert_int_equal(field_act(&f, FIELD_ACT_KILL_END), FIELD_CHANGED);
    assert_string_equal(text_of(&f), "Jean ");
    assert_int_equal(field_act(&f, FIELD_ACT_KILL_END), FIELD_NOOP);
    field_set_text(&f, "Jean Dupont");
    act_n(&f, FIELD_ACT_LEFT, 6);
    assert_int_equal(field_act(&f, FIELD_ACT_KILL_START), FIELD_CHANGED);
    assert_string_equal(text_of(&f), "Dupont");
    assert_int_equal(f.cur, 0);
    assert_int_equal(field_act(&f, FIELD_ACT_KILL_START), FIELD_NOOP);
    assert_int_equal(field_act(&f, FIELD_ACT_CLEAR), FIELD_CHANGED);
    assert_true(field_is_empty(&f));
    assert_int_equal(f.nbytes, 0);
    assert_int_equal(f.ncols, 0);
    assert_int_equal(field_act(&f, FIELD_ACT_CLEAR), FIELD_NOOP);
    assert_int_equal(field_act(&f, FIELD_ACT_BACKSPACE), FIELD_NOOP);
    assert_int_equal(field_act(&f, FIELD_ACT_DELETE), FIELD_NOOP);
}

static void test_text_set_get(void **state)
{
    (void)state;
    field_t f;
    field_init_text(&f, 0, 3);
    const char *v = "Médecin 日本 e\u0301";
    assert_int_equal(field_set_text(&f, v), FIELD_CHANGED);
    assert_string_equal(text_of(&f), v);
    assert_int_equal(f.cur, f.len);
    /* a core value longer than the field allows is shown, and explained */
    assert_string_equal(check_msg(&f), "trop long : au plus 3 caractères");
    assert_int_equal(field_set_text(&f, "a\xff"), FIELD_REFUSED);
    assert_int_equal(field_set_text(&f, "a\nb"), FIELD_REFUSED);
    assert_int_equal(field_set_text(&f, NULL), FIELD_REFUSED);
    assert_string_equal(text_of(&f), v); /* unchanged */
    field_init_text(&f, 4, 0);
    field_set_text(&f, "ééé");
    assert_string_equal(check_msg(&f), "trop long : au plus 4 octets");
    char big[FIELD_MAX_CHARS + 2];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(field_set_text(&f, big), FIELD_FULL);
    assert_string_equal(text_of(&f), "ééé");
    field_t d;
    field_init_date(&d);
    assert_int_equal(field_set_text(&d, "x"), FIELD_REFUSED);
}

static void test_text_required(void **state)
{
    (void)state;
    field_t f;
    field_init_text(&f, 0, 0);
    assert_valid(&f);
    f.required = true;
    assert_string_equal(check_msg(&f), "à remplir");
    type(&f, L"x");
    assert_valid(&f);
    assert_false(field_validate(&(field_t){.kind = FIELD_TEXT, .required = true}, NULL, 0));
}

/* ---------------------------------------------------------------------------------------- */
/* Dates                                                                                     */

static void test_date_typing(void **state)
{
    (void)state;
    static const char *const steps[] = {"2",       "25/",      "25/1",      "25/12/",
                                        "25/12/2", "25/12/20", "25/12/202", "25/12/2025"};
    field_t f;
    field_init_date(&f);
    const wchar_t *digits = L"25122025";
    for (int i = 0; i < 8; i++) {
        assert_int_equal(field_insert(&f, digits[i]), FIELD_CHANGED);
        assert_string_equal(text_of(&f), steps[i]);
        assert_int_equal(f.cur, f.len);
    }
    date_t d;
    assert_true(field_get_date(&f, &d));
    assert_int_equal(d.year, 2025);
    assert_int_equal(d.month, 12);
    assert_int_equal(d.day, 25);
    assert_valid(&f);
}

static void test_date_backspace(void **state)
{
    (void)state;
    field_t f;
    field_init_date(&f);
    type(&f, L"251");
    assert_string_equal(text_of(&f), "25/1");
    assert_int_equal(field_act(&f, FIELD_ACT_BACKSPACE), FIELD_CHANGED);
    assert_string_equal(text_of(&f), "25/");
    assert_int_equal(f.cur, 3);
    assert_int_equal(field_act(&f, FIELD_ACT_BACKSPACE), FIELD_CHANGED);
    assert_string_equal(text_of(&f), "25"); /* the slash goes like any character */
    assert_int_equal(f.cur, 2);
    type(&f, L"3");
    assert_string_equal(text_of(&f), "25/3"); /* and comes back when needed */
    type(&f, L"1");
    assert_string_equal(text_of(&f), "25/31/");
    field_act(&f, FIELD_ACT_BACKSPACE);
    assert_string_equal(text_of(&f), "25/31");
    act_n(&f, FIELD_ACT_BACKSPACE, 5);
    assert_string_equal(text_of(&f), "");
    assert_int_equal(field_act(&f, FIELD_ACT_BACKSPACE), FIELD_NOOP);
}

static void test_date_edit_inside(void **state)
{
    (void)state;
    field_t f;
    field_init_date(&f);
    type(&f, L"25122025");
    field_act(&f, FIELD_ACT_HOME);
    assert_int_equal(field_insert(&f, L'1'), FIELD_FULL);
    act_n(&f, FIELD_ACT_RIGHT, 3); /* 25/|12/2025 */
    assert_int_equal(field_act(&f, FIELD_ACT_BACKSPACE), FIELD_CHANGED);
    assert_string_equal(text_of(&f), "21/22/025"); /* the 5 before the slash went */
    assert_int_equal(f.cur, 1);
    type(&f, L"5");
    assert_string_equal(text_of(&f), "25/12/2025");
    assert_int_equal(f.cur, 2);
    assert_int_equal(field_act(&f, FIELD_ACT_DELETE), FIELD_CHANGED); /* 25|/12 */
    assert_string_equal(text_of(&f), "25/22/025");                    /* the 1 after it */
    assert_int_equal(f.cur, 2);
    field_set_date(&f, (date_t){2025, 12, 25});
    act_n(&f, FIELD_ACT_LEFT, 7); /* 25/|12/2025 */
    field_act(&f, FIELD_ACT_KILL_END);
    assert_string_equal(text_of(&f), "25/");
    assert_int_equal(f.cur, 3);
    type(&f, L"3");
    field_act(&f, FIELD_ACT_LEFT);
    type(&f, L"0");
    assert_string_equal(text_of(&f), "25/03");
    assert_int_equal(f.cur, 4);
}

static void test_date_delete_and_kill(void **state)
{
    (void)state;
    field_t f;
    field_init_date(&f);
    type(&f, L"25");
    assert_string_equal(text_of(&f), "25/");
    assert_int_equal(field_act(&f, FIELD_ACT_DELETE), FIELD_NOOP);
    field_act(&f, FIELD_ACT_LEFT);
    assert_int_equal(field_act(&f, FIELD_ACT_DELETE), FIELD_CHANGED); /* trailing slash */
    assert_string_equal(text_of(&f), "25");
    field_set_date(&f, (date_t){2025, 12, 25});
    act_n(&f, FIELD_ACT_LEFT, 4); /* 25/12/|2025 */
    assert_int_equal(field_act(&f, FIELD_ACT_KILL_END), FIELD_CHANGED);
    assert_string_equal(text_of(&f), "25/12/");
    assert_int_equal(f.cur, 6);
    field_set_date(&f, (date_t){2025, 12, 25});
    act_n(&f, FIELD_ACT_LEFT, 4);
    assert_int_equal(field_act(&f, FIELD_ACT_KILL_START), FIELD_CHANGED);
    assert_string_equal(text_of(&f), "20/25"); /* the digits close up */
    assert_int_equal(f.cur, 0);
    assert_int_equal(field_act(&f, FIELD_ACT_CLEAR), FIELD_CHANGED);
    assert_true(field_is_empty(&f));
    assert_int_equal(field_act(&f, FIELD_ACT_CLEAR), FIELD_NOOP);
    assert_int_equal(field_act(&f, FIELD_ACT_UP), FIELD_REFUSED);
    assert_int_equal(field_act(&f, FIELD_ACT_TOGGLE), FIELD_REFUSED);
}

static void test_date_slash_typed(void **state)
{
    (void)state;
    field_t f;
    field_init_date(&f);
    assert_int_equal(field_insert(&f, L'/'), FIELD_REFUSED);
    type(&f, L"5/");
    assert_string_equal(text_of(&f), "05/");
    assert_int_equal(field_insert(&f, L'/'), FIELD_NOOP); /* already there */
    type(&f, L"3/");
    assert_string_equal(text_of(&f), "05/03/");
    type(&f, L"2");
    assert_int_equal(field_insert(&f, L'/'), FIELD_REFUSED); /* in the year */
    field_clear(&f);
    type(&f, L"25");
    field_act(&f, FIELD_ACT_BACKSPACE);
    assert_string_equal(text_of(&f), "25");
    assert_int_equal(field_insert(&f, L'/'), FIELD_CHANGED);
    assert_string_equal(text_of(&f), "25/");
    type(&f, L"12");
    act_n(&f, FIELD_ACT_LEFT, 4); /* 25|/12/ */
    assert_int_equal(field_insert(&f, L'/'), FIELD_MOVED);
    assert_int_equal(f.cur, 3);
    assert_int_equal(field_insert(&f, L'/'), FIELD_REFUSED); /* before a digit */
}

static void test_date_refusals(void **state)
{
    (void)state;
    field_t f;
    field_init_date(&f);
    const wchar_t bad[] = {L'a', L'-', L' ', L'.', L'\n', L'٣', 0};
    for (size_t i = 0; bad[i]; i++)
        assert_int_equal(field_insert(&f, bad[i]), FIELD_REFUSED);
    assert_true(field_is_empty(&f));
    type(&f, L"01012025");
    assert_int_equal(field_insert(&f, L'1'), FIELD_FULL);
    assert_string_equal(text_of(&f), "01/01/2025");
    assert_string_equal(field_refusal(&f, FIELD_REFUSED), "chiffres seulement : JJ/MM/AAAA");
    assert_string_equal(field_refusal(&f, FIELD_FULL), "la date est complète");
}

static void test_date_validate(void **state)
{
    (void)state;
    field_t f;
    field_init_date(&f);
    date_t d;
    assert_valid(&f);
    type(&f, L"30022025");
    assert_string_equal(check_msg(&f), "date impossible : 30/02/2025");
    assert_false(field_get_date(&f, &d));
    field_clear(&f);
    type(&f, L"29022024");
    assert_valid(&f);
    field_clear(&f);
    type(&f, L"31042025");
    assert_string_equal(check_msg(&f), "date impossible : 31/04/2025");
    field_clear(&f);
    type(&f, L"00012025");
    assert_string_equal(check_msg(&f), "date impossible : 00/01/2025");
    field_clear(&f);
    type(&f, L"01131999");
    assert_string_equal(check_msg(&f), "date impossible : 01/13/1999");
    field_clear(&f);
    type(&f, L"01011800");
    assert_string_equal(check_msg(&f), "année hors limites (1900 à 2199) : 01/01/1800");
    field_clear(&f);
    type(&f, L"2512");
    assert_string_equal(check_msg(&f), "date incomplète : JJ/MM/AAAA attendu");
    assert_false(field_get_date(&f, &d));
    field_clear(&f);
    f.required = true;
    assert_string_equal(check_msg(&f), "à remplir");
}

static void test_date_round_trip(void **state)
{
    (void)state;
    field_t f;
    field_init_date(&f);
    const date_t days[] = {{2024, 2, 4}, {2025, 12, 31}, {1900, 1, 1}, {2199, 12, 31}};
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
        date_t back;
        assert_int_equal(field_set_date(&f, days[i]), FIELD_CHANGED);
        assert_int_equal(f.cur, 10);
        assert_true(field_get_date(&f, &back));
        assert_int_equal(date_cmp(back, days[i]), 0);
    }
    field_set_date(&f, (date_t){2024, 2, 4});
    assert_string_equal(text_of(&f), "04/02/2024");
    assert_int_equal(field_set_date(&f, (date_t){10000, 1, 1}), FIELD_REFUSED);
    assert_int_equal(field_set_date(&f, (date_t){2025, -1, 1}), FIELD_REFUSED);
    assert_string_equal(text_of(&f), "04/02/2024");
    field_t n;
    field_init_int(&n, 0, 10);
    assert_int_equal(field_set_date(&n, (date_t){2024, 2, 4}), FIELD_REFUSED);
    date_t d;
    assert_false(field_get_date(&n, &d));
}

static void test_date_paste(void **state)
{
    (void)state;
    field_t f;
    field_init_date(&f);
    size_t refused = 99;
    assert_int_equal(field_paste(&f, "25/12/2025", &refused), FIELD_CHANGED);
    assert_int_equal(refused, 0);
    assert_string_equal(text_of(&f), "25/12/2025");
    field_clear(&f);
    assert_int_equal(field_paste(&f, "2025-12-24\n", &refused), FIELD_CHANGED);
    assert_string_equal(text_of(&f), "24/12/2025");
    assert_int_equal(refused, 0);
    field_clear(&f);
    assert_int_equal(field_paste(&f, "25 12 2025", &refused), FIELD_CHANGED);
    assert_int_equal(refused, 2);
    assert_string_equal(text_of(&f), "25/12/2025");
    field_clear(&f);
    assert_int_equal(field_paste(&f, "abc", &refused), FIELD_REFUSED);
    assert_int_equal(refused, 3);
    assert_true(field_is_empty(&f));
}

/* ---------------------------------------------------------------------------------------- */
/* Whole numbers                                                                             */

static void test_int_typing(void **state)
{
    (void)state;
    field_t f;
    field_init_int(&f, 0, 2147483647);
    const wchar_t bad[] = {L'a', L'-', L'+', L' ', L',', L'.', L'e', L'１', 0};
    for (size_t i = 0; bad[i]; i++)
        assert_int_equal(field_insert(&f, bad[i]), FIELD_REFUSED);
    assert_string_equal(field_refusal(&f, FIELD_REFUSED), "chiffres seulement");
    type(&f, L"9999999999");
    assert_int_equal(field_insert(&f, L'9'), FIELD_FULL);
    assert_string_equal(field_refusal(&f, FIELD_FULL), "trop de chiffres");
    assert_string_equal(check_msg(&f), "au plus 2147483647");
    int64_t v;
    assert_false(field_get_int(&f, &v));
    field_act(&f, FIELD_ACT_KILL_START);
    type(&f, L"2147483647");
    assert_true(field_get_int(&f, &v));
    assert_int_equal(v, 2147483647);
    field_act(&f, FIELD_ACT_CLEAR);
    type(&f, L"007");
    assert_true(field_get_int(&f, &v));
    assert_int_equal(v, 7);
}

static void test_int_sign(void **state)
{
    (void)state;
    field_t f;
    field_init_int(&f, 100, -100); /* bounds given backwards */
    assert_int_equal(f.min, -100);
    assert_int_equal(f.max, 100);
    assert_int_equal(field_insert(&f, L'-'), FIELD_CHANGED);
    assert_int_equal(field_insert(&f, L'-'), FIELD_REFUSED);
    assert_string_equal(check_msg(&f), "nombre entier attendu");
    type(&f, L"101");
    assert_int_equal(field_insert(&f, L'1'), FIELD_FULL);
    assert_string_equal(check_msg(&f), "au moins -100");
    field_act(&f, FIELD_ACT_HOME);
    assert_int_equal(field_insert(&f, L'5'), FIELD_REFUSED); /* not before the sign */
    field_act(&f, FIELD_ACT_DELETE);
    assert_string_equal(text_of(&f), "101");
    assert_string_equal(check_msg(&f), "au plus 100");
    field_act(&f, FIELD_ACT_END);
    assert_int_equal(field_insert(&f, L'-'), FIELD_REFUSED); /* only in front */
    assert_string_equal(field_refusal(&f, FIELD_REFUSED), "chiffres seulement, signe - en tête");
    field_act(&f, FIELD_ACT_HOME);
    type(&f, L"-");
    field_act(&f, FIELD_ACT_END);
    field_act(&f, FIELD_ACT_BACKSPACE);
    int64_t v;
    assert_true(field_get_int(&f, &v));
    assert_int_equal(v, -10);
    f.required = true;
    field_clear(&f);
    assert_string_equal(check_msg(&f), "à remplir");
    assert_int_equal(field_act(&f, FIELD_ACT_DOWN), FIELD_REFUSED);
}

static void test_int_round_trip(void **state)
{
    (void)state;
    field_t f;
    int64_t v;
    field_init_int(&f, INT64_MIN, INT64_MAX);
    const int64_t values[] = {0, 1, -1, 42, -2147483648LL, INT64_MAX, INT64_MIN};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        assert_int_equal(field_set_int(&f, values[i]), FIELD_CHANGED);
        assert_true(field_get_int(&f, &v));
        assert_true(v == values[i]);
        assert_valid(&f);
    }
    assert_string_equal(text_of(&f), "-9223372036854775808");
    field_init_int(&f, 0, 100);
    assert_int_equal(field_set_int(&f, 5000), FIELD_CHANGED); /* shown, then explained */
    assert_string_equal(text_of(&f), "5000");
    assert_string_equal(check_msg(&f), "au plus 100");
    field_set_int(&f, -3);
    assert_string_equal(check_msg(&f), "au moins 0");
    field_init_int(&f, -5, 5);
    field_set_int(&f, INT64_MIN);
    assert_string_equal(check_msg(&f), "au moins -5");
}

static void test_int_paste(void **state)
{
    (void)state;
    field_t f;
    field_init_int(&f, 0, 1000000);
    size_t refused;
    assert_int_equal(field_paste(&f, "1 234\n", &refused), FIELD_CHANGED);
    assert_int_equal(refused, 1);
    assert_string_equal(text_of(&f), "1234");
    field_clear(&f);
    assert_int_equal(field_paste(&f, "12\n34\r\n", &refused), FIELD_CHANGED);
    assert_int_equal(refused, 1); /* the newline inside; the one at the end is dropped */
    assert_string_equal(text_of(&f), "1234");
    field_clear(&f);
    assert_int_equal(field_paste(&f, "123456789", &refused), FIELD_CHANGED);
    assert_int_equal(refused, 2); /* 7 digits at most */
    assert_string_equal(text_of(&f), "1234567");
}

/* ---------------------------------------------------------------------------------------- */
/* Fractions                                                                                 */

static void test_fraction_typing(void **state)
{
    (void)state;
    field_t f;
    field_init_fraction(&f);
    type(&f, L"12/34");
    assert_int_equal(field_insert(&f, L'/'), FIELD_REFUSED);
    const wchar_t bad[] = {L'a', L'-', L' ', L'%', L',', 0};
    for (size_t i = 0; bad[i]; i++)
        assert_int_equal(field_insert(&f, bad[i]), FIELD_REFUSED);
    assert_string_equal(text_of(&f), "12/34");
    assert_string_equal(field_refusal(&f, FIELD_REFUSED), "chiffres et une barre seulement : N/D");
    field_clear(&f);
    type(&f, L"1234567890");
    assert_int_equal(field_insert(&f, L'1'), FIELD_FULL);
    type(&f, L"/1234567890");
    assert_int_equal(field_insert(&f, L'1'), FIELD_FULL);
    field_act(&f, FIELD_ACT_HOME);
    assert_int_equal(field_insert(&f, L'1'), FIELD_FULL); /* numerator full too */
    field_act(&f, FIELD_ACT_DELETE);
    assert_int_equal(field_insert(&f, L'9'), FIELD_CHANGED);
    assert_string_equal(text_of(&f), "9234567890/1234567890");
    assert_int_equal(field_act(&f, FIELD_ACT_UP), FIELD_REFUSED);
}

static void test_fraction_validate(void **state)
{
    (void)state;
    static const struct {
        const wchar_t *typed;
        const char *msg;
    } cases[] = {
        {L"3/2", "le numérateur dépasse le dénominateur"},
        {L"1/0", "le dénominateur doit être supérieur à 0"},
        {L"0/0", "le dénominateur doit être supérieur à 0"},
        {L"12", "dénominateur manquant : N/D attendu"},
        {L"12/", "dénominateur manquant : N/D attendu"},
        {L"/5", "numérateur manquant : N/D attendu"},
        {L"2147483648/2147483648", "numérateur : au plus 2147483647"},
        {L"1/2147483648", "dénominateur : au plus 2147483647"},
        {L"1/9999999999", "dénominateur : au plus 2147483647"},
    };
    field_t f;
    field_init_fraction(&f);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        field_clear(&f);
        type(&f, cases[i].typed);
        assert_string_equal(check_msg(&f), cases[i].msg);
        int64_t n, d;
        assert_false(field_get_fraction(&f, &n, &d));
    }
    static const wchar_t *const good[] = {L"0/1", L"2/3", L"7/7", L"2147483647/2147483647"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        field_clear(&f);
        type(&f, good[i]);
        assert_valid(&f);
    }
    field_clear(&f);
    f.required = true;
    assert_string_equal(check_msg(&f), "à remplir");
}

static void test_fraction_round_trip(void **state)
{
    (void)state;
    field_t f;
    int64_t n, d;
    field_init_fraction(&f);
    const int64_t pairs[][2] = {{2, 3}, {0, 1}, {90, 100}, {2147483647, 2147483647}};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        assert_int_equal(field_set_fraction(&f, pairs[i][0], pairs[i][1]), FIELD_CHANGED);
        assert_true(field_get_fraction(&f, &n, &d));
        assert_true(n == pairs[i][0] && d == pairs[i][1]);
    }
    assert_string_equal(text_of(&f), "2147483647/2147483647");
    assert_int_equal(field_set_fraction(&f, -1, 2), FIELD_REFUSED);
    assert_int_equal(field_set_fraction(&f, 1, -2), FIELD_REFUSED);
    field_set_fraction(&f, 5, 3);
    assert_string_equal(check_msg(&f), "le numérateur dépasse le dénominateur");
    field_set_fraction(&f, INT64_MAX, INT64_MAX);
    assert_string_equal(check_msg(&f), "numérateur : au plus 2147483647");
    field_set_fraction(&f, 1, 0);
    assert_false(field_get_fraction(&f, &n, &d));
}

/* ---------------------------------------------------------------------------------------- */
/* Choice                                                                                    */

static size_t count_matches(const field_t *f)
{
    size_t n = 0;
    for (size_t i = 0; i < f->noptions; i++)
        n += field_option_matches(f, i);
    return n;
}

static void test_choice_typeahead(void **state)
{
    (void)state;
    field_t f;
    assert_true(field_init_choice(&f, specialties, NSPEC));
    assert_null(field_get_choice(&f));
    assert_int_equal(count_matches(&f), NSPEC);
    assert_int_equal(field_insert(&f, L'm'), FIELD_CHANGED);
    assert_string_equal(field_get_choice(&f), "medecine_generale"); /* starts with m */
    type(&f, L"edecine");
    assert_int_equal(count_matches(&f), 3);
    type(&f, L" g");
    assert_string_equal(field_get_choice(&f), "medecine_generale");
    assert_int_equal(count_matches(&f), 1);
    assert_true(field_option_matches(&f, 4));
    assert_false(field_option_matches(&f, 5));
    assert_int_equal(field_insert(&f, L'x'), FIELD_REFUSED); /* nothing would match */
    assert_string_equal(field_refusal(&f, FIELD_REFUSED),
                        "aucune entrée de la liste ne correspond");
    assert_string_equal(text_of(&f), "medecine g");
    field_act(&f, FIELD_ACT_CLEAR);
    type(&f, L"MÉDECINE V");
    assert_string_equal(field_get_choice(&f), "medecine_vasculaire");
    field_act(&f, FIELD_ACT_KILL_START);
    type(&f, L"vénéréo");
    assert_string_equal(field_get_choice(&f), "dermatologie"); /* inside the label */
    field_act(&f, FIELD_ACT_KILL_START);
    type(&f, L"Medicale");
    assert_string_equal(field_get_choice(&f), "gynecologie_medicale");
    assert_int_equal(field_insert(&f, L'\n'), FIELD_REFUSED);
    assert_false(field_option_matches(&f, NSPEC));
}

/* Labels as the specialty list has them, in its order (sorted by folded label). */
static const field_option words_list[] = {
    {"anatomo", "Anatomo-cyto-pathologie"},
    {"biologie", "Biologie médicale"},
    {"chirurgie_generale", "Chirurgie générale"},
    {"medecine_bucco", "Médecine bucco-dentaire"},
    {"medecine_urgence", "Médecine d'urgence"},
    {"medecine_generale", "Médecine générale"},
    {"radiodiagnostic", "Radiodiagnostic et imagerie médicale"},
};
enum { NWORDS = sizeof words_list / sizeof words_list[0] };

static void test_choice_word_prefix(void **state)
{
    (void)state;
    field_t f;
    field_init_choice(&f, words_list, NWORDS);
    type(&f, L"med gen"); /* each word starts a word of the label, in order */
    assert_string_equal(text_of(&f), "med gen");
    assert_string_equal(field_get_choice(&f), "medecine_generale");
    assert_int_equal(count_matches(&f), 1);
    assert_int_equal(field_match_count(&f), 1);
    field_act(&f, FIELD_ACT_CLEAR);
    assert_int_equal(field_match_count(&f), 0); /* no filter */
    type(&f, L"gen"); /* two labels have a word starting with it: both match */
    assert_int_equal(count_matches(&f), 2);
    assert_int_equal(field_match_count(&f), 2);
    assert_string_equal(field_get_choice(&f), "chirurgie_generale"); /* a proposal only */
    assert_true(field_option_matches(&f, 2) && field_option_matches(&f, 5));
    field_act(&f, FIELD_ACT_CLEAR);
    type(&f, L"générale");
    assert_int_equal(count_matches(&f), 2);
    assert_false(field_option_matches(&f, 0));
    field_act(&f, FIELD_ACT_CLEAR);
    type(&f, L"gen ");
    assert_int_equal(field_insert(&f, L'm'), FIELD_REFUSED); /* words out of order */
    assert_string_equal(text_of(&f), "gen ");
    field_act(&f, FIELD_ACT_CLEAR);
    type(&f, L"d urg"); /* the apostrophe separates words */
    assert_string_equal(field_get_choice(&f), "medecine_urgence");
    field_act(&f, FIELD_ACT_CLEAR);
    type(&f, L"med"); /* labels starting with it come first */
    assert_string_equal(field_get_choice(&f), "medecine_bucco");
    assert_int_equal(count_matches(&f), 5);
    field_act(&f, FIELD_ACT_CLEAR);
    type(&f, L"ologie"); /* no word starts with it: inside a word, as a last resort */
    assert_string_equal(field_get_choice(&f), "anatomo");
    assert_int_equal(count_matches(&f), 2);
    assert_int_equal(field_match_count(&f), 2);
    field_act(&f, FIELD_ACT_CLEAR);
    assert_int_equal(field_insert(&f, L' '), FIELD_REFUSED); /* no word yet */
}

/* Several matches: the first is only proposed, until Up or Down chooses, or a whole label is
 * typed; one match is a choice. */
static void test_choice_proposal(void **state)
{
    (void)state;
    field_t f;
    field_init_choice(&f, words_list, NWORDS);
    assert_false(field_is_proposal(&f));
    type(&f, L"générale");
    assert_string_equal(field_get_choice(&f), "chirurgie_generale");
    assert_true(field_is_proposal(&f));
    assert_int_equal(field_act(&f, FIELD_ACT_DOWN), FIELD_CHANGED);
    assert_string_equal(field_get_choice(&f), "medecine_generale");
    assert_false(field_is_proposal(&f)); /* chosen */
    assert_int_equal(field_act(&f, FIELD_ACT_UP), FIELD_CHANGED);
    assert_string_equal(field_get_choice(&f), "chirurgie_generale");
    assert_false(field_is_proposal(&f));
    field_act(&f, FIELD_ACT_CLEAR);
    type(&f, L"med gen");
    assert_false(field_is_proposal(&f)); /* the only match */
    field_act(&f, FIELD_ACT_BACKSPACE);
    field_act(&f, FIELD_ACT_BACKSPACE);
    field_act(&f, FIELD_ACT_BACKSPACE);
    field_act(&f, FIELD_ACT_BACKSPACE); /* "med": five match again */
    assert_true(field_is_proposal(&f));
    field_act(&f, FIELD_ACT_CLEAR);
    assert_false(field_is_proposal(&f));
    static const field_option two[] = {{"neonat", "Pédiatrie néonatale"}, {"ped", "Pédiatrie"}};
    field_init_choice(&f, two, 2);
    type(&f, L"pediatri");
    assert_true(field_is_proposal(&f));
    type(&f, L"e"); /* a whole label, though another one starts with it */
    assert_int_equal(field_match_count(&f), 2);
    assert_string_equal(field_get_choice(&f), "ped");
    assert_false(field_is_proposal(&f));
    field_set_choice(&f, "cardiologie");
    assert_false(field_is_proposal(&f));
}

static void test_choice_up_down(void **state)
{
    (void)state;
    field_t f;
    field_init_choice(&f, specialties, NSPEC);
    assert_int_equal(field_act(&f, FIELD_ACT_UP), FIELD_CHANGED);
    assert_string_equal(field_get_choice(&f), "psychiatrie"); /* from none, up: the last */
    field_clear(&f);
    assert_int_equal(field_act(&f, FIELD_ACT_DOWN), FIELD_CHANGED);
    assert_string_equal(field_get_choice(&f), "anesthesie");
    assert_int_equal(field_act(&f, FIELD_ACT_UP), FIELD_NOOP);
    type(&f, L"médecine");
    assert_string_equal(field_get_choice(&f), "medecine_generale");
    assert_int_equal(field_act(&f, FIELD_ACT_DOWN), FIELD_CHANGED);
    assert_string_equal(field_get_choice(&f), "medecine_interne");
    field_act(&f, FIELD_ACT_DOWN);
    assert_string_equal(field_get_choice(&f), "medecine_vasculaire");
    assert_int_equal(field_act(&f, FIELD_ACT_DOWN), FIELD_NOOP); /* pédiatrie does not match */
    field_act(&f, FIELD_ACT_UP);
    assert_string_equal(field_get_choice(&f), "medecine_interne");
    field_clear(&f);
    type(&f, L"ie");
    assert_string_equal(field_get_choice(&f), "anesthesie");
    field_act(&f, FIELD_ACT_DOWN);
    assert_string_equal(field_get_choice(&f), "cardiologie");
    assert_int_equal(field_act(&f, FIELD_ACT_TOGGLE), FIELD_REFUSED);
}

static void test_choice_filter_edit(void **state)
{
    (void)state;
    field_t f;
    field_init_choice(&f, specialties, NSPEC);
    assert_int_equal(field_act(&f, FIELD_ACT_BACKSPACE), FIELD_NOOP);
    type(&f, L"psy");
    assert_string_equal(field_get_choice(&f), "psychiatrie");
    assert_int_equal(field_act(&f, FIELD_ACT_LEFT), FIELD_MOVED);
    assert_int_equal(field_act(&f, FIELD_ACT_HOME), FIELD_MOVED);
    field_act(&f, FIELD_ACT_END);
    field_act(&f, FIELD_ACT_BACKSPACE);
    field_act(&f, FIELD_ACT_BACKSPACE);
    assert_string_equal(text_of(&f), "p");
    assert_string_equal(field_get_choice(&f), "pediatrie"); /* the filter widened */
    assert_int_equal(field_act(&f, FIELD_ACT_BACKSPACE), FIELD_MOVED);
    assert_string_equal(field_get_choice(&f), "pediatrie"); /* empty filter keeps the choice */
    assert_int_equal(count_matches(&f), NSPEC);
    type(&f, L"cardio");
    field_act(&f, FIELD_ACT_HOME);
    field_act(&f, FIELD_ACT_RIGHT);
    field_act(&f, FIELD_ACT_DELETE); /* "crdio" matches nothing: the choice stays */
    assert_int_equal(count_matches(&f), 0);
    assert_string_equal(field_get_choice(&f), "cardiologie");
    assert_int_equal(field_act(&f, FIELD_ACT_CLEAR), FIELD_CHANGED);
    assert_null(field_get_choice(&f));
    assert_string_equal(text_of(&f), "");
    assert_int_equal(field_act(&f, FIELD_ACT_CLEAR), FIELD_NOOP);
    for (int i = 0; i < FIELD_MAX_FILTER; i++)
        field_insert(&f, L'e');
    assert_int_equal(field_insert(&f, L'e'), FIELD_REFUSED);
}

static void test_choice_set_get(void **state)
{
    (void)state;
    field_t f;
    field_init_choice(&f, specialties, NSPEC);
    f.required = true;
    assert_string_equal(check_msg(&f), "à choisir dans la liste");
    assert_int_equal(field_set_choice(&f, "psychiatrie"), FIELD_CHANGED);
    assert_string_equal(field_get_choice(&f), "psychiatrie");
    assert_int_equal(field_selected(&f), 8);
    assert_valid(&f);
    assert_int_equal(field_set_choice(&f, "inconnue"), FIELD_REFUSED);
    assert_string_equal(field_get_choice(&f), "psychiatrie");
    assert_int_equal(field_set_choice(&f, NULL), FIELD_CHANGED);
    assert_null(field_get_choice(&f));
    assert_true(field_is_empty(&f));
    field_t empty;
    assert_false(field_init_choice(&empty, NULL, 3));
    assert_int_equal(empty.noptions, 0);
    assert_int_equal(field_insert(&empty, L'a'), FIELD_REFUSED);
    assert_int_equal(field_act(&empty, FIELD_ACT_DOWN), FIELD_NOOP);
    field_t m;
    field_init_multi(&m, equipment, 4);
    assert_null(field_get_choice(&m));
    assert_int_equal(field_set_choice(&m, "dmp"), FIELD_REFUSED);
}

static void test_choice_paste(void **state)
{
    (void)state;
    field_t f;
    field_init_choice(&f, specialties, NSPEC);
    size_t refused;
    assert_int_equal(field_paste(&f, "Médecine générale\n", &refused), FIELD_CHANGED);
    assert_int_equal(refused, 0);
    assert_string_equal(field_get_choice(&f), "medecine_generale");
}

/* ---------------------------------------------------------------------------------------- */
/* Multiple choice                                                                           */

static void test_multi(void **state)
{
    (void)state;
    field_t f;
    const char *ids[4];
    assert_true(field_init_multi(&f, equipment, 4));
    assert_int_equal(field_selected(&f), 0);
    assert_true(field_is_empty(&f));
    assert_int_equal(field_act(&f, FIELD_ACT_TOGGLE), FIELD_CHANGED);
    assert_true(field_option_checked(&f, 0));
    assert_int_equal(field_act(&f, FIELD_ACT_DOWN), FIELD_MOVED);
    assert_int_equal(field_act(&f, FIELD_ACT_DOWN), FIELD_MOVED);
    field_act(&f, FIELD_ACT_TOGGLE);
    assert_int_equal(field_get_multi(&f, ids, 4), 2);
    assert_string_equal(ids[0], "ordonnance");
    assert_string_equal(ids[1], "messagerie");
    assert_int_equal(field_get_multi(&f, ids, 1), 2);      /* counts all, writes one */
    assert_int_equal(field_insert(&f, L't'), FIELD_MOVED); /* the highlight follows */
    assert_int_equal(field_selected(&f), 3);
    assert_int_equal(field_insert(&f, L'z'), FIELD_REFUSED);
    field_act(&f, FIELD_ACT_TOGGLE);
    assert_true(field_option_checked(&f, 3));
    assert_int_equal(field_act(&f, FIELD_ACT_TOGGLE), FIELD_CHANGED);
    assert_false(field_option_checked(&f, 3));
    assert_int_equal(field_act(&f, FIELD_ACT_BACKSPACE), FIELD_MOVED);
    assert_int_equal(field_act(&f, FIELD_ACT_UP), FIELD_MOVED);
    assert_int_equal(field_selected(&f), 2);
    assert_false(field_option_checked(&f, 9));
}

static void test_multi_set_get(void **state)
{
    (void)state;
    field_t f;
    const char *ids[4];
    field_init_multi(&f, equipment, 4);
    f.required = true;
    assert_string_equal(check_msg(&f), "cocher au moins une case");
    const char *const want[] = {"teleconsultation", "dmp"};
    assert_int_equal(field_set_multi(&f, want, 2), FIELD_CHANGED);
    assert_int_equal(field_get_multi(&f, ids, 4), 2);
    assert_string_equal(ids[0], "dmp"); /* list order */
    assert_string_equal(ids[1], "teleconsultation");
    assert_valid(&f);
    const char *const unknown[] = {"dmp", "fax"};
    assert_int_equal(field_set_multi(&f, unknown, 2), FIELD_REFUSED);
    assert_int_equal(field_get_multi(&f, NULL, 0), 2); /* unchanged */
    assert_int_equal(field_act(&f, FIELD_ACT_CLEAR), FIELD_CHANGED);
    assert_true(field_is_empty(&f));
    assert_int_equal(field_set_multi(&f, NULL, 0), FIELD_CHANGED);
    assert_int_equal(field_set_multi(&f, NULL, 1), FIELD_REFUSED);
    field_option many[FIELD_MAX_OPTIONS + 1];
    for (size_t i = 0; i < FIELD_MAX_OPTIONS + 1; i++)
        many[i] = (field_option){"id", "x"};
    assert_false(field_init_multi(&f, many, FIELD_MAX_OPTIONS + 1));
    assert_int_equal(f.noptions, 0);
    assert_int_equal(field_act(&f, FIELD_ACT_TOGGLE), FIELD_REFUSED);
    assert_true(field_init_multi(&f, many, FIELD_MAX_OPTIONS));
}

/* ---------------------------------------------------------------------------------------- */
/* Yes / no                                                                                  */

static void test_yesno(void **state)
{
    (void)state;
    field_t f;
    field_init_yesno(&f);
    assert_int_equal(field_get_yesno(&f), DECL_UNSET);
    const struct {
        wchar_t key;
        decl_yesno want;
    } keys[] = {{L'o', DECL_YES}, {L'n', DECL_NO}, {L'O', DECL_YES}, {L'N', DECL_NO},
                {L'y', DECL_YES}, {L'n', DECL_NO}, {L'Y', DECL_YES}};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        assert_int_equal(field_insert(&f, keys[i].key), FIELD_CHANGED);
        assert_int_equal(field_get_yesno(&f), keys[i].want);
    }
    assert_int_equal(field_insert(&f, L'o'), FIELD_NOOP);
    assert_int_equal(field_insert(&f, L' '), FIELD_CHANGED);
    assert_int_equal(field_get_yesno(&f), DECL_NO);
    assert_int_equal(field_act(&f, FIELD_ACT_TOGGLE), FIELD_CHANGED);
    assert_int_equal(field_get_yesno(&f), DECL_YES);
    assert_int_equal(field_act(&f, FIELD_ACT_BACKSPACE), FIELD_CHANGED);
    assert_int_equal(field_get_yesno(&f), DECL_UNSET);
    assert_int_equal(field_act(&f, FIELD_ACT_DELETE), FIELD_NOOP);
    assert_int_equal(field_insert(&f, L' '), FIELD_CHANGED); /* unset: yes */
    assert_int_equal(field_get_yesno(&f), DECL_YES);
    const wchar_t bad[] = {L'x', L'1', L'\n', L'q', L'é', 0};
    for (size_t i = 0; bad[i]; i++)
        assert_int_equal(field_insert(&f, bad[i]), FIELD_REFUSED);
    assert_int_equal(field_act(&f, FIELD_ACT_LEFT), FIELD_REFUSED);
    assert_int_equal(field_act(&f, FIELD_ACT_DOWN), FIELD_REFUSED);
    assert_int_equal(field_get_yesno(&f), DECL_YES);
    assert_string_equal(field_refusal(&f, FIELD_REFUSED),
                        "o ou y pour oui, n pour non, Espace pour changer");
}

static void test_yesno_set_get(void **state)
{
    (void)state;
    field_t f;
    field_init_yesno(&f);
    f.required = true;
    assert_string_equal(check_msg(&f), "répondre oui ou non");
    const decl_yesno values[] = {DECL_YES, DECL_NO, DECL_UNSET};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(field_set_yesno(&f, values[i]), FIELD_CHANGED);
        assert_int_equal(field_get_yesno(&f), values[i]);
    }
    assert_int_equal(field_set_yesno(&f, (decl_yesno)7), FIELD_REFUSED);
    field_set_yesno(&f, DECL_NO);
    assert_valid(&f);
    assert_int_equal(field_act(&f, FIELD_ACT_CLEAR), FIELD_CHANGED);
    assert_true(field_is_empty(&f));
    field_t t;
    field_init_text(&t, 0, 0);
    assert_int_equal(field_set_yesno(&t, DECL_YES), FIELD_REFUSED);
    assert_int_equal(field_get_yesno(&t), DECL_UNSET);
}

/* ---------------------------------------------------------------------------------------- */
/* Paste into text                                                                           */

static void test_paste_text(void **state)
{
    (void)state;
    field_t f;
    size_t refused = 99;
    field_init_text(&f, 0, 0);
    assert_int_equal(field_paste(&f, "Dr\nJean\r\n\tDupont\n", &refused), FIELD_CHANGED);
    assert_int_equal(refused, 0);
    assert_string_equal(text_of(&f), "Dr Jean Dupont");
    field_clear(&f);
    assert_int_equal(field_paste(&f, "\n\nabc", NULL), FIELD_CHANGED);
    assert_string_equal(text_of(&f), "abc"); /* nothing in front of the field */
    assert_int_equal(field_paste(&f, "\ndef", NULL), FIELD_CHANGED);
    assert_string_equal(text_of(&f), "abc def");
    field_act(&f, FIELD_ACT_HOME);
    assert_int_equal(field_paste(&f, "x\x01y\xffz\x1b[201~", &refused), FIELD_CHANGED);
    assert_int_equal(refused, 3);
    assert_string_equal(text_of(&f), "xyz[201~abc def");
    assert_int_equal(f.cur, 8); /* the cursor after what went in */
    assert_int_equal(field_paste(&f, "", &refused), FIELD_NOOP);
    assert_int_equal(field_paste(&f, NULL, &refused), FIELD_NOOP);
    assert_int_equal(field_paste(&f, "\x01\x02", &refused), FIELD_REFUSED);
    assert_int_equal(refused, 2);
    field_init_text(&f, 0, 5);
    assert_int_equal(field_paste(&f, "日本語", &refused), FIELD_CHANGED);
    assert_int_equal(refused, 1);
    assert_string_equal(text_of(&f), "日本");
}

/* ---------------------------------------------------------------------------------------- */
/* Scrolling and view                                                                        */

static const char *view(const field_t *f, size_t width)
{
    static char out[256];
    assert_true(field_view(f, width, out, sizeof out));
    return out;
}

static void test_scroll_ascii(void **state)
{
    (void)state;
    field_t f;
    field_init_text(&f, 0, 0);
    field_set_text(&f, "abcdefghij");
    assert_int_equal(field_scroll(&f, 5), 4); /* the cursor's cell in the last column */
    assert_int_equal(field_scroll_offset(&f), 6);
    assert_string_equal(view(&f, 5), "ghij");
    field_act(&f, FIELD_ACT_HOME);
    assert_int_equal(field_scroll(&f, 5), 0);
    assert_int_equal(field_scroll_offset(&f), 0);
    assert_string_equal(view(&f, 5), "abcde");
    act_n(&f, FIELD_ACT_RIGHT, 6);
    assert_int_equal(field_scroll(&f, 5), 4);
    assert_string_equal(view(&f, 5), "cdefg");
    act_n(&f, FIELD_ACT_LEFT, 2); /* inside the window: no scrolling */
    assert_int_equal(field_scroll(&f, 5), 2);
    assert_int_equal(field_scroll_offset(&f), 2);
    field_act(&f, FIELD_ACT_END);
    field_scroll(&f, 5);
    act_n(&f, FIELD_ACT_BACKSPACE, 7);
    assert_int_equal(field_scroll(&f, 5), 3); /* "abc": pulled back, all visible */
    assert_int_equal(field_scroll_offset(&f), 0);
    assert_string_equal(view(&f, 5), "abc");
    assert_int_equal(field_scroll(&f, 0), 0);
    char tiny[3];
    assert_false(field_view(&f, 5, tiny, sizeof tiny));
    assert_string_equal(tiny, "ab");
}

/* « 95 % » in a count: the '%' is refused with why, a count and not a rate; the next refusal of
 * another kind says its own reason. */
static void test_percent_refused(void **state)
{
    (void)state;
    field_t f;
    field_init_int(&f, 0, 2147483647);
    type(&f, L"95");
    assert_int_equal(field_insert(&f, L'%'), FIELD_REFUSED);
    assert_string_equal(field_refusal(&f, FIELD_REFUSED),
                        "un nombre est attendu, pas un pourcentage");
    assert_int_equal(field_insert(&f, L'x'), FIELD_REFUSED);
    assert_string_equal(field_refusal(&f, FIELD_REFUSED), "chiffres seulement");
    field_init_fraction(&f);
    type(&f, L"95");
    assert_int_equal(field_insert(&f, L'%'), FIELD_REFUSED);
    assert_string_equal(field_refusal(&f, FIELD_REFUSED),
                        "pas de pourcentage : les deux nombres, N/D (95 % de 200 : 190/200)");
    assert_string_equal(text_of(&f), "95");
}

/* A field not focused shows its start, whatever its scroll, ended by « … » when cut. */
static void test_view_start(void **state)
{
    (void)state;
    field_t f;
    char out[64];
    field_init_text(&f, 0, 0);
    field_set_text(&f, "12 rue des Tilleuls");
    field_scroll(&f, 8); /* the cursor at the end: the end in view */
    assert_true(field_view_start(&f, 8, "…", 1, out, sizeof out));
    assert_string_equal(out, "12 rue …");
    assert_true(field_view_start(&f, 19, "…", 1, out, sizeof out));
    assert_string_equal(out, "12 rue des Tilleuls"); /* fits whole */
    field_set_text(&f, "日本語");
    assert_true(field_view_start(&f, 4, "...", 3, out, sizeof out));
    assert_string_equal(out, "..."); /* no room for 日 beside the mark */
    assert_true(field_view_start(&f, 5, "…", 1, out, sizeof out));
    assert_string_equal(out, "日本…");
    char tiny[4];
    assert_false(field_view_start(&f, 5, "…", 1, tiny, sizeof tiny));
}

static void test_scroll_wide(void **state)
{
    (void)state;
    field_t f;
    field_init_text(&f, 0, 0);
    field_set_text(&f, "日本語日本語");
    assert_int_equal(field_scroll(&f, 5), 4);
    assert_int_equal(field_scroll_offset(&f), 8);
    assert_string_equal(view(&f, 5), "本語");
    act_n(&f, FIELD_ACT_LEFT, 3);
    assert_int_equal(field_scroll(&f, 5), 0);
    assert_int_equal(field_scroll_offset(&f), 6);
    assert_string_equal(view(&f, 5), "日本"); /* the third would need columns 5 and 6 */
    field_act(&f, FIELD_ACT_HOME);
    assert_int_equal(field_scroll(&f, 1), 0); /* too narrow for the character: still sane */
    assert_int_equal(field_scroll_offset(&f), 0);
    assert_string_equal(view(&f, 1), "");
    field_set_text(&f, "a日");
    field_scroll(&f, 10);
    assert_string_equal(view(&f, 2), "a");
}

static void test_scroll_combining(void **state)
{
    (void)state;
    field_t f;
    field_init_text(&f, 0, 0);
    field_set_text(&f, "e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301");
    assert_int_equal(f.ncols, 6);
    assert_int_equal(field_scroll(&f, 4), 3);
    assert_int_equal(f.first, 6); /* a letter, not its mark */
    assert_string_equal(view(&f, 4), "e\u0301e\u0301e\u0301");
    /* a mark typed where the window starts stays with its letter */
    field_set_text(&f, "abcdef");
    field_scroll(&f, 3);
    assert_int_equal(f.first, 4);
    field_act(&f, FIELD_ACT_LEFT);
    field_act(&f, FIELD_ACT_LEFT);
    type(&f, L"\u0301");
    field_scroll(&f, 3);
    assert_true(f.first <= f.cur);
    assert_int_not_equal(f.cells[f.first].cols, 0);
}

/* ---------------------------------------------------------------------------------------- */
/* Round trips: core value -> field -> core value                                            */

static void test_round_trip_all_kinds(void **state)
{
    (void)state;
    field_t f;
    char buf[64];
    field_init_text(&f, 80, 40);
    field_set_text(&f, "Clinique de l’Étoile");
    assert_true(field_get_text(&f, buf, sizeof buf));
    assert_string_equal(buf, "Clinique de l’Étoile");

    date_t d = {2025, 3, 1}, d2;
    field_init_date(&f);
    field_set_date(&f, d);
    assert_true(field_get_date(&f, &d2));
    assert_int_equal(date_cmp(d, d2), 0);

    int64_t v;
    field_init_int(&f, 0, 2147483647);
    field_set_int(&f, 1115);
    assert_true(field_get_int(&f, &v));
    assert_int_equal(v, 1115);

    int64_t n, den;
    field_init_fraction(&f);
    field_set_fraction(&f, 45, 60);
    assert_true(field_get_fraction(&f, &n, &den));
    assert_true(n == 45 && den == 60);

    field_init_choice(&f, specialties, NSPEC);
    field_set_choice(&f, "medecine_generale");
    assert_string_equal(field_get_choice(&f), "medecine_generale");

    const char *in[] = {"ordonnance", "teleconsultation"}, *out[4];
    field_init_multi(&f, equipment, 4);
    field_set_multi(&f, in, 2);
    assert_int_equal(field_get_multi(&f, out, 4), 2);
    assert_string_equal(out[0], in[0]);
    assert_string_equal(out[1], in[1]);

    field_init_yesno(&f);
    field_set_yesno(&f, DECL_NO);
    assert_int_equal(field_get_yesno(&f), DECL_NO);
}

/* Every kind explains its refusals; results that are not refusals have no message. */
static void test_refusal_messages(void **state)
{
    (void)state;
    field_t f[7];
    field_init_text(&f[0], 0, 0);
    field_init_date(&f[1]);
    field_init_int(&f[2], 0, 9);
    field_init_fraction(&f[3]);
    field_init_choice(&f[4], specialties, NSPEC);
    field_init_multi(&f[5], equipment, 4);
    field_init_yesno(&f[6]);
    for (int i = 0; i < 7; i++) {
        assert_true(strlen(field_refusal(&f[i], FIELD_REFUSED)) > 0);
        assert_true(strlen(field_refusal(&f[i], FIELD_FULL)) > 0);
        assert_string_equal(field_refusal(&f[i], FIELD_MOVED), "");
        assert_string_equal(field_refusal(&f[i], FIELD_NOOP), "");
    }
}

int main(void)
{
    if (!setlocale(LC_ALL, "C.UTF-8")) {
        fprintf(stderr, "test_field: the C.UTF-8 locale is missing\n");
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold_french_letters),
        cmocka_unit_test(test_fold_other_characters),
        cmocka_unit_test(test_fold_truncation),
        cmocka_unit_test(test_text_insert_and_refusals),
        cmocka_unit_test(test_text_restricted),
        cmocka_unit_test(test_text_byte_limit),
        cmocka_unit_test(test_text_column_limit),
        cmocka_unit_test(test_text_capacity),
        cmocka_unit_test(test_text_combining),
        cmocka_unit_test(test_text_wide),
        cmocka_unit_test(test_text_moves),
        cmocka_unit_test(test_text_words),
        cmocka_unit_test(test_text_kill),
        cmocka_unit_test(test_text_set_get),
        cmocka_unit_test(test_text_required),
        cmocka_unit_test(test_date_typing),
        cmocka_unit_test(test_date_backspace),
        cmocka_unit_test(test_date_edit_inside),
        cmocka_unit_test(test_date_delete_and_kill),
        cmocka_unit_test(test_date_slash_typed),
        cmocka_unit_test(test_date_refusals),
        cmocka_unit_test(test_date_validate),
        cmocka_unit_test(test_date_round_trip),
        cmocka_unit_test(test_date_paste),
        cmocka_unit_test(test_int_typing),
        cmocka_unit_test(test_int_sign),
        cmocka_unit_test(test_int_round_trip),
        cmocka_unit_test(test_int_paste),
        cmocka_unit_test(test_fraction_typing),
        cmocka_unit_test(test_fraction_validate),
        cmocka_unit_test(test_fraction_round_trip),
        cmocka_unit_test(test_choice_typeahead),
        cmocka_unit_test(test_choice_word_prefix),
        cmocka_unit_test(test_choice_proposal),
        cmocka_unit_test(test_choice_up_down),
        cmocka_unit_test(test_choice_filter_edit),
        cmocka_unit_test(test_choice_set_get),
        cmocka_unit_test(test_choice_paste),
        cmocka_unit_test(test_multi),
        cmocka_unit_test(test_multi_set_get),
        cmocka_unit_test(test_yesno),
        cmocka_unit_test(test_yesno_set_get),
        cmocka_unit_test(test_paste_text),
        cmocka_unit_test(test_scroll_ascii),
        cmocka_unit_test(test_scroll_wide),
        cmocka_unit_test(test_view_start),
        cmocka_unit_test(test_percent_refused),
        cmocka_unit_test(test_scroll_combining),
        cmocka_unit_test(test_round_trip_all_kinds),
        cmocka_unit_test(test_refusal_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
