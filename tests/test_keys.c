/* The wizard's key maps: every action reachable wherever it claims to be, no key with two meanings
 * in one stack of maps, the same keys for an action on every field of a declaration; and escape
 * sequences read whole, never as typing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "actions.h"
#include "keys.h"

/* Characters tried against the classes of characters (typing, filtering, initials). */
static const int CHARS[] = {'a', 'q', 'n', 'o', '1', '9', ' ', '?', 0xe9 /* é */};

/* Every key some map names, then the sample characters; returns how many. */
static size_t all_keys(int *keys, size_t cap)
{
    size_t n = 0;
    for (int m = 0; m < KEYMAP_COUNT; m++) {
        const keymap *km = keymap_get((keymap_id)m);
        for (size_t i = 0; i < km->n; i++)
            for (size_t k = 0; k < KEYMAP_MAX_KEYS && km->entries[i].keys[k] && n < cap; k++)
                keys[n++] = km->entries[i].keys[k];
    }
    for (size_t i = 0; i < sizeof CHARS / sizeof CHARS[0] && n < cap; i++)
        keys[n++] = CHARS[i];
    return n;
}

/* The action key has in map m alone, or ACT_NONE. */
static wiz_action in_map(int m, int key)
{
    const keymap *km = keymap_get((keymap_id)m);
    for (size_t i = 0; i < km->n; i++)
        for (size_t k = 0; k < KEYMAP_MAX_KEYS && km->entries[i].keys[k]; k++)
            if (km->entries[i].keys[k] == key)
                return km->entries[i].act;
    for (size_t i = 0; i < km->n; i++)
        if (km->entries[i].chars && keys_char(key) >= 0)
            return km->entries[i].act;
    return ACT_NONE;
}

static void every_action_reachable_where_it_claims(void **state)
{
    (void)state;
    int keys[512];
    size_t n = all_keys(keys, 512);
    for (int a = 0; a < ACT_NONE; a++)
        for (int s = 0; s < KEYS_ON_COUNT; s++) {
            if (!(action_claims((wiz_action)a) & (1u << s)))
                continue;
            bool reached = false;
            for (size_t k = 0; k < n && !reached; k++)
                reached = keymap_resolve((keymap_stack)s, keys[k]) == (wiz_action)a;
            if (!reached)
                fail_msg("« %s » is claimed by stack %d and no key reaches it there",
                         action_label((wiz_action)a), s);
        }
}

static void no_key_with_two_actions_in_a_stack(void **state)
{
    (void)state;
    int keys[512];
    size_t n = all_keys(keys, 512);
    for (int s = 0; s < KEYS_ON_COUNT; s++) {
        const keymap_stack_info *st = keymap_stack_get((keymap_stack)s);
        for (size_t k = 0; k < n; k++) {
            wiz_action seen = ACT_NONE;
            for (size_t m = 0; m < st->n; m++) {
                wiz_action a = in_map(st->maps[m], keys[k]);
                if (a != ACT_NONE && seen != ACT_NONE && a != seen)
                    fail_msg("key %#x is « %s » and « %s » in stack %d", (unsigned)keys[k],
                             action_label(seen), action_label(a), s);
                seen = a != ACT_NONE ? a : seen;
            }
        }
    }
    /* and within one map: a key listed twice */
    for (int m = 0; m < KEYMAP_COUNT; m++) {
        const keymap *km = keymap_get((keymap_id)m);
        for (size_t i = 0; i < km->n; i++)
            for (size_t k = 0; k < KEYMAP_MAX_KEYS && km->entries[i].keys[k]; k++)
                for (size_t j = i + 1; j < km->n; j++)
                    for (size_t l = 0; l < KEYMAP_MAX_KEYS && km->entries[j].keys[l]; l++)
                        assert_int_not_equal(km->entries[i].keys[k], km->entries[j].keys[l]);
    }
}

/* Within a family (the fields of a declaration, the dialogs), an action shared by two stacks is
 * reached by the same keys in both: a key never changes meaning with the focused field. */
static void same_keys_on_every_field(void **state)
{
    (void)state;
    int keys[512];
    size_t n = all_keys(keys, 512);
    for (int s = 0; s < KEYS_ON_COUNT; s++)
        for (int t = s + 1; t < KEYS_ON_COUNT; t++) {
            if (keymap_stack_get((keymap_stack)s)->family !=
                keymap_stack_get((keymap_stack)t)->family)
                continue;
            for (size_t k = 0; k < n; k++) {
                wiz_action a = keymap_resolve((keymap_stack)s, keys[k]);
                wiz_action b = keymap_resolve((keymap_stack)t, keys[k]);
                unsigned both = (1u << s) | (1u << t);
                bool a_shared = a != ACT_NONE && (action_claims(a) & both) == both;
                bool b_shared = b != ACT_NONE && (action_claims(b) & both) == both;
                if ((a_shared || b_shared) && a != b)
                    fail_msg("key %#x is « %s » in stack %d and « %s » in stack %d",
                             (unsigned)keys[k], action_label(a), s, action_label(b), t);
            }
        }
}

/* Digits are never a navigation: on a box they do nothing, in a text field they are typed; tabs
 * change with Alt+digit on every field. */
static void digits_never_change_tab(void **state)
{
    (void)state;
    static const keymap_stack fields[] = {KEYS_ON_TEXT, KEYS_ON_CHOICE, KEYS_ON_CHECK,
                                          KEYS_ON_FORM};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        for (int d = '0'; d <= '9'; d++)
            assert_int_not_equal(keymap_resolve(fields[i], d), ACT_GOTO_TAB);
        assert_int_equal(keymap_resolve(fields[i], KEYS_ALT('2')), ACT_GOTO_TAB);
        assert_int_equal(keymap_resolve(fields[i], KEY_NPAGE), ACT_NEXT_TAB);
        assert_int_equal(keymap_resolve(fields[i], KEY_F(10)), ACT_QUIT);
        assert_int_equal(keymap_resolve(fields[i], 'q') == ACT_QUIT, false);
    }
    assert_int_equal(keymap_resolve(KEYS_ON_TEXT, '1'), ACT_TYPE);
    assert_int_equal(keymap_resolve(KEYS_ON_CHECK, '1'), ACT_NONE);
}

/* The text fields of forms and of dialogs (the RPPS) share one map. */
static void text_keys_shared_by_dialogs(void **state)
{
    (void)state;
    static const int keys[] = {KEY_HOME,      KEY_END,       KEY_DC,        CTRL_KEY('h'),
                               CTRL_KEY('k'), 0x7f,          KEY_BACKSPACE, KEY_LEFT,
                               CTRL_KEY('u'), CTRL_KEY('a'), 'x',           KEYS_PASTE};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        wiz_action a = keymap_resolve(KEYS_ON_TEXT, keys[i]);
        assert_int_not_equal(a, ACT_NONE);
        assert_int_equal(keymap_resolve(KEYS_ON_INPUT, keys[i]), a);
    }
}

/* ---- escape sequences ---------------------------------------------------------------------- */

typedef struct {
    const char *bytes;
} feed;

static int more(void *ctx)
{
    feed *f = ctx;
    return *f->bytes ? (unsigned char)*f->bytes++ : -1;
}

/* The key "\033..." decodes to, and whether every byte was taken. */
static int decode(const char *seq, bool *all)
{
    feed f = {seq + 1};
    int k = keys_decode((unsigned char)seq[0], more, &f);
    *all = *f.bytes == '\0';
    return k;
}

static void sequences_read_whole(void **state)
{
    (void)state;
    static const struct {
        const char *seq;
        int key;
    } cases[] = {
        {"\033[6~", KEY_NPAGE},      {"\033[5~", KEY_PPAGE},
        {"\033[21~", KEY_F(10)},     {"\033OP", KEY_F(1)},
        {"\033[[A", KEY_F(1)},       {"\033[[E", KEY_F(5)},
        {"\033[3~", KEY_DC},         {"\033OF", KEY_END},
        {"\033[H", KEY_HOME},        {"\033[Z", KEY_BTAB},
        {"\033", KEYS_ESC},          {"\033x", KEYS_ALT('x')},
        {"\0331", KEYS_ALT('1')},    {"\033[99~", KEYS_UNKNOWN},
        {"\033[1;5C", KEYS_UNKNOWN}, {"\033[", KEYS_UNKNOWN},
        {"\033[12", KEYS_UNKNOWN},   {"\033O", KEYS_ALT('O')},
        {"\033\033", KEYS_UNKNOWN},  {"a", 'a'},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bool all;
        int k = decode(cases[i].seq, &all);
        if (k != cases[i].key || !all)
            fail_msg("case %zu: %#x, expected %#x (all bytes taken: %d)", i, (unsigned)k,
                     (unsigned)cases[i].key, all);
        assert_true(keys_char(k) < 0 || cases[i].seq[0] != '\033');
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_action_reachable_where_it_claims),
        cmocka_unit_test(no_key_with_two_actions_in_a_stack),
        cmocka_unit_test(same_keys_on_every_field),
        cmocka_unit_test(digits_never_change_tab),
        cmocka_unit_test(text_keys_shared_by_dialogs),
        cmocka_unit_test(sequences_read_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
