/* actions: the key maps and what is generated from them. */
#include "actions.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "fsdecl/text.h"

#define ACT_LABEL(constant, label, help, claims) label,
static const char *const LABELS[] = {WIZ_ACTIONS(ACT_LABEL)};
#undef ACT_LABEL
#define ACT_HELP_TEXT(constant, label, help, claims) help,
static const char *const HELPS[] = {WIZ_ACTIONS(ACT_HELP_TEXT)};
#undef ACT_HELP_TEXT
#define ACT_CLAIMS(constant, label, help, claims) claims,
static const unsigned CLAIMS[] = {WIZ_ACTIONS(ACT_CLAIMS)};
#undef ACT_CLAIMS
_Static_assert(sizeof LABELS / sizeof LABELS[0] == ACT_NONE, "action table");

#define K(...)                                                                                     \
    {                                                                                              \
        __VA_ARGS__                                                                                \
    }
#define ALT_DIGITS                                                                                 \
    KEYS_ALT('1'), KEYS_ALT('2'), KEYS_ALT('3'), KEYS_ALT('4'), KEYS_ALT('5'), KEYS_ALT('6'),      \
        KEYS_ALT('7'), KEYS_ALT('8'), KEYS_ALT('9')

static const keymap_entry GLOBAL[] = {
    {ACT_HELP, "F1", K(KEY_F(1)), false},
    {ACT_QUIT, "F10", K(KEY_F(10)), false},
    {ACT_INTERRUPT, "^C", K(CTRL_KEY('c')), false},
    {ACT_REDRAW, "^L", K(CTRL_KEY('l')), false},
};

static const keymap_entry FORM[] = {
    {ACT_SAVE, "F2 ^S", K(KEY_F(2), CTRL_KEY('s')), false},
    {ACT_MISSING, "F3", K(KEY_F(3)), false},
    {ACT_SHEET, "F4", K(KEY_F(4)), false},
    {ACT_PDF, "F6 ^P", K(KEY_F(6), CTRL_KEY('p')), false},
    {ACT_DECLARED, "F8", K(KEY_F(8)), false},
    {ACT_NEXT, "Tab ↓", K('\t', KEY_DOWN), false},
    {ACT_PREV, "Maj+Tab ↑", K(KEY_BTAB, KEY_UP), false},
    {ACT_GOTO_TAB, "Alt+1-9", K(ALT_DIGITS), false},
    {ACT_NEXT_TAB, "PgDn", K(KEY_NPAGE), false},
    {ACT_PREV_TAB, "PgUp", K(KEY_PPAGE), false},
    {ACT_ENTER, "Entrée", K('\r', '\n', KEY_ENTER), false},
    {ACT_CANCEL, "Échap", K(KEYS_ESC), false},
};

/* Shared by the declaration's text fields and the dialogs' (the RPPS of a new declaration). */
static const keymap_entry TEXT[] = {
    {ACT_TYPE, "caractères", K(0), true},
    {ACT_PASTE, "coller", K(KEYS_PASTE), false},
    {ACT_LEFT, "←", K(KEY_LEFT), false},
    {ACT_RIGHT, "→", K(KEY_RIGHT), false},
    {ACT_WORD_LEFT, "Maj+←", K(KEY_SLEFT), false},
    {ACT_WORD_RIGHT, "Maj+→", K(KEY_SRIGHT), false},
    {ACT_LINE_START, "Début ^A", K(KEY_HOME, CTRL_KEY('a')), false},
    {ACT_LINE_END, "Fin ^E", K(KEY_END, CTRL_KEY('e')), false},
    {ACT_BACKSPACE, "Retour ^H", K(KEY_BACKSPACE, 0x7f, CTRL_KEY('h')), false},
    {ACT_DELETE, "Suppr", K(KEY_DC), false},
    {ACT_KILL_END, "^K", K(CTRL_KEY('k')), false},
    {ACT_KILL_START, "^U", K(CTRL_KEY('u')), false},
};

static const keymap_entry CHOICE[] = {
    {ACT_FILTER, "caractères", K(0), true},
    {ACT_PASTE, "coller", K(KEYS_PASTE), false},
    {ACT_BACKSPACE, "Retour ^H", K(KEY_BACKSPACE, 0x7f, CTRL_KEY('h')), false},
};

static const keymap_entry CHECK[] = {
    {ACT_TOGGLE, "Espace", K(' '), false},
    {ACT_YES, "o y", K('o', 'O', 'y', 'Y'), false},
    {ACT_NO, "n", K('n', 'N'), false},
    {ACT_UNSET, "Retour Suppr", K(KEY_BACKSPACE, 0x7f, CTRL_KEY('h'), KEY_DC), false},
    {ACT_CHOICE_PREV, "←", K(KEY_LEFT), false},
    {ACT_CHOICE_NEXT, "→", K(KEY_RIGHT), false},
};

static const keymap_entry LIST[] = {
    {ACT_HELP, "?", K('?'), false},
    {ACT_QUIT, "q", K('q'), false},
    {ACT_NEXT, "Tab ↓", K('\t', KEY_DOWN), false},
    {ACT_PREV, "Maj+Tab ↑", K(KEY_BTAB, KEY_UP), false},
    {ACT_OPEN, "Entrée", K('\r', '\n', KEY_ENTER), false},
    {ACT_NEW, "n F5", K('n', KEY_F(5)), false},
    {ACT_READ_ONLY, "l F7", K('l', KEY_F(7)), false},
    {ACT_CAMPAIGN, "c", K('c'), false},
    {ACT_RENAME, "r", K('r'), false},
    {ACT_DELETE_DRAFT, "d Suppr", K('d', KEY_DC), false},
    {ACT_TRASH, "t", K('t'), false},
};

static const keymap_entry DIALOG[] = {
    {ACT_ENTER, "Entrée", K('\r', '\n', KEY_ENTER), false},
    {ACT_CANCEL, "Échap", K(KEYS_ESC), false},
    {ACT_UP, "↑", K(KEY_UP), false},
    {ACT_DOWN, "↓", K(KEY_DOWN), false},
};

static const keymap_entry BUTTONS[] = {
    {ACT_BUTTON_LETTER, "initiale", K(0), true},
    {ACT_BUTTON_PREV, "← Maj+Tab", K(KEY_LEFT, KEY_BTAB), false},
    {ACT_BUTTON_NEXT, "→ Tab", K(KEY_RIGHT, '\t'), false},
};

/* The « à reporter sur Amelipro » sheet: F6 prints it as F6 prints the recap in the declaration. */
static const keymap_entry SHEET[] = {
    {ACT_SHEET_PDF, "F6 ^P", K(KEY_F(6), CTRL_KEY('p')), false},
    {ACT_DECLARED, "F8", K(KEY_F(8)), false},
    {ACT_UP, "↑", K(KEY_UP), false},
    {ACT_DOWN, "↓", K(KEY_DOWN), false},
    {ACT_PAGE_UP, "PgUp", K(KEY_PPAGE), false},
    {ACT_PAGE_DOWN, "PgDn Espace", K(KEY_NPAGE, ' '), false},
    {ACT_CLOSE, "Échap q", K(KEYS_ESC, 'q', 'Q'), false},
};

#define KEYMAP_ROW(constant, title, entries)                                                       \
    [constant] = {title, entries, sizeof entries / sizeof entries[0]},
static const keymap MAPS[KEYMAP_COUNT] = {KEYMAPS(KEYMAP_ROW)};
#undef KEYMAP_ROW

#define KEYMAP_STACK_INFO(constant, family, ...)                                                   \
    {family, {__VA_ARGS__}, sizeof((keymap_id[]){__VA_ARGS__}) / sizeof(keymap_id)},
static const keymap_stack_info STACKS[] = {KEYMAP_STACKS(KEYMAP_STACK_INFO)};
#undef KEYMAP_STACK_INFO
_Static_assert(sizeof STACKS / sizeof STACKS[0] == KEYS_ON_COUNT, "key map stacks");

const char *action_label(wiz_action a)
{
    return a < ACT_NONE ? LABELS[a] : "";
}

const char *action_help(wiz_action a)
{
    return a < ACT_NONE ? HELPS[a] : "";
}

unsigned action_claims(wiz_action a)
{
    return a < ACT_NONE ? CLAIMS[a] : 0;
}

const keymap *keymap_get(keymap_id id)
{
    return id < KEYMAP_COUNT ? &MAPS[id] : NULL;
}

const keymap_stack_info *keymap_stack_get(keymap_stack s)
{
    return s < KEYS_ON_COUNT ? &STACKS[s] : NULL;
}

static bool entry_has(const keymap_entry *e, int key)
{
    for (size_t k = 0; k < KEYMAP_MAX_KEYS && e->keys[k]; k++)
        if (e->keys[k] == key)
            return true;
    return false;
}

/* The action of key in one map: its keys first, then a class of characters. */
static wiz_action map_resolve(keymap_id id, int key)
{
    const keymap *m = keymap_get(id);
    for (size_t i = 0; i < m->n; i++)
        if (entry_has(&m->entries[i], key))
            return m->entries[i].act;
    for (size_t i = 0; i < m->n; i++)
        if (m->entries[i].chars && keys_char(key) >= 0)
            return m->entries[i].act;
    return ACT_NONE;
}

wiz_action keymap_resolve(keymap_stack s, int key)
{
    const keymap_stack_info *st = keymap_stack_get(s);
    for (size_t i = 0; st && i < st->n; i++) {
        wiz_action a = map_resolve(st->maps[i], key);
        if (a != ACT_NONE)
            return a;
    }
    return ACT_NONE;
}

/* The keys that reach act in the stack as shown, the global map's first ("F1 ?"); false when
 * none do. */
static bool shown_of(keymap_stack s, wiz_action act, char *buf, size_t size)
{
    const keymap_stack_info *st = keymap_stack_get(s);
    buf[0] = '\0';
    for (size_t i = st ? st->n : 0; i-- > 0;) {
        const keymap *m = keymap_get(st->maps[i]);
        for (size_t j = 0; j < m->n; j++)
            if (m->entries[j].act == act) {
                size_t n = strlen(buf);
                snprintf(buf + n, size - n, "%s%s", n ? " " : "", m->entries[j].shown);
            }
    }
    return buf[0] != '\0';
}

void keymap_footer(keymap_stack s, const wiz_action *acts, size_t n, int width, char *buf,
                   size_t size)
{
    buf[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        char shown[64], item[128];
        if (!shown_of(s, acts[i], shown, sizeof shown))
            continue;
        snprintf(item, sizeof item, "%s%s %s", buf[0] ? "  " : "", shown, LABELS[acts[i]]);
        size_t w = text_width(item);
        if ((int)(used + w) > width || strlen(buf) + strlen(item) + 1 > size)
            break;
        strcat(buf, item);
        used += w;
    }
}

void keymap_hint(keymap_stack s, const wiz_action *acts, size_t n, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++) {
        char shown[64];
        if (!shown_of(s, acts[i], shown, sizeof shown))
            continue;
        int k = snprintf(buf + used, size - used, "%s%s %s", used ? " · " : " ", shown,
                         LABELS[acts[i]]);
        used += k > 0 ? (size_t)k : 0;
    }
    if (used + 1 < size)
        strcat(buf, " ");
}

/* The field engine's action for an editing action, or -1. */
static int field_action_of(wiz_action act)
{
    switch (act) {
    case ACT_LEFT: return FIELD_ACT_LEFT;
    case ACT_RIGHT: return FIELD_ACT_RIGHT;
    case ACT_WORD_LEFT: return FIELD_ACT_WORD_LEFT;
    case ACT_WORD_RIGHT: return FIELD_ACT_WORD_RIGHT;
    case ACT_LINE_START: return FIELD_ACT_HOME;
    case ACT_LINE_END: return FIELD_ACT_END;
    case ACT_BACKSPACE: return FIELD_ACT_BACKSPACE;
    case ACT_DELETE: return FIELD_ACT_DELETE;
    case ACT_KILL_END: return FIELD_ACT_KILL_END;
    case ACT_KILL_START: return FIELD_ACT_KILL_START;
    case ACT_UP: return FIELD_ACT_UP;
    case ACT_DOWN: return FIELD_ACT_DOWN;
    default: return -1;
    }
}

bool action_edits(wiz_action act)
{
    return act == ACT_TYPE || act == ACT_FILTER || act == ACT_PASTE || field_action_of(act) >= 0;
}

field_result action_apply(field_t *fl, wiz_action act, int key, const char *paste, size_t *left_out)
{
    *left_out = 0;
    if (act == ACT_TYPE || act == ACT_FILTER)
        return keys_char(key) >= 0 ? field_insert(fl, (wchar_t)keys_char(key)) : FIELD_REFUSED;
    if (act == ACT_PASTE)
        return paste ? field_paste(fl, paste, left_out) : FIELD_NOOP;
    int fa = field_action_of(act);
    return fa >= 0 ? field_act(fl, (field_action)fa) : FIELD_REFUSED;
}

size_t keymap_help_lines(char lines[][160], size_t max)
{
    size_t n = 0;
    for (int id = 0; id < KEYMAP_COUNT && n < max; id++) {
        const keymap *m = keymap_get((keymap_id)id);
        snprintf(lines[n++], 160, "%s%s :", id ? "\n" : "", m->title);
        for (size_t i = 0; i < m->n && n < max; i++) {
            const keymap_entry *e = &m->entries[i];
            if (e->act == ACT_PASTE)
                continue; /* not a key */
            int pad = 12 - (int)text_width(e->shown);
            snprintf(lines[n++], 160, "  %s%*s %s : %s", e->shown, pad > 0 ? pad : 0, "",
                     LABELS[e->act], HELPS[e->act]);
        }
    }
    return n;
}
