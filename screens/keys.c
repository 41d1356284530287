/* keys: escape sequences read whole. */
#include "keys.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* The sequences of the usual terminals, after their introducer: CSI (Escape [) or SS3
 * (Escape O). A terminal whose description lists them has curses decode them first. */
static const struct {
    char intro; /* '[' or 'O' */
    const char *rest;
    int key;
} SEQUENCES[] = {
    {'[', "A", KEY_UP},       {'[', "B", KEY_DOWN},    {'[', "C", KEY_RIGHT},
    {'[', "D", KEY_LEFT},     {'[', "H", KEY_HOME},    {'[', "F", KEY_END},
    {'[', "Z", KEY_BTAB},     {'[', "1~", KEY_HOME},   {'[', "2~", KEY_IC},
    {'[', "3~", KEY_DC},      {'[', "4~", KEY_END},    {'[', "5~", KEY_PPAGE},
    {'[', "6~", KEY_NPAGE},   {'[', "7~", KEY_HOME},   {'[', "8~", KEY_END},
    {'[', "11~", KEY_F(1)},   {'[', "12~", KEY_F(2)},  {'[', "13~", KEY_F(3)},
    {'[', "14~", KEY_F(4)},   {'[', "15~", KEY_F(5)},  {'[', "17~", KEY_F(6)},
    {'[', "18~", KEY_F(7)},   {'[', "19~", KEY_F(8)},  {'[', "20~", KEY_F(9)},
    {'[', "21~", KEY_F(10)},  {'[', "23~", KEY_F(11)}, {'[', "24~", KEY_F(12)},
    {'[', "[A", KEY_F(1)},    {'[', "[B", KEY_F(2)},   {'[', "[C", KEY_F(3)},
    {'[', "[D", KEY_F(4)},    {'[', "[E", KEY_F(5)},   {'[', "1;2C", KEY_SRIGHT},
    {'[', "1;2D", KEY_SLEFT}, {'O', "A", KEY_UP},      {'O', "B", KEY_DOWN},
    {'O', "C", KEY_RIGHT},    {'O', "D", KEY_LEFT},    {'O', "H", KEY_HOME},
    {'O', "F", KEY_END},      {'O', "P", KEY_F(1)},    {'O', "Q", KEY_F(2)},
    {'O', "R", KEY_F(3)},     {'O', "S", KEY_F(4)},    {'O', "M", '\r'},
    {'O', "2C", KEY_SRIGHT},  {'O', "2D", KEY_SLEFT},
};

enum { MAX_SEQ = 16 };

static int lookup(char intro, const char *rest)
{
    for (size_t i = 0; i < sizeof SEQUENCES / sizeof SEQUENCES[0]; i++)
        if (SEQUENCES[i].intro == intro && strcmp(SEQUENCES[i].rest, rest) == 0)
            return SEQUENCES[i].key;
    return KEYS_UNKNOWN;
}

/* A control sequence's bytes after Escape [: parameters and intermediates, then one final byte
 * (ECMA-48); the Linux console's function keys add a '[' and one letter. */
static int csi(keys_more_fn more, void *ctx)
{
    char rest[MAX_SEQ + 1];
    size_t n = 0;
    int c = more(ctx);
    if (c == '[') { /* the Linux console: Escape [ [ A */
        rest[n++] = '[';
        c = more(ctx);
        if (c < 0x40 || c > 0x7e)
            return KEYS_UNKNOWN;
        rest[n++] = (char)c;
        rest[n] = '\0';
        return lookup('[', rest);
    }
    while (c >= 0x20 && c <= 0x3f) { /* parameters, intermediates */
        if (n < MAX_SEQ)
            rest[n++] = (char)c;
        c = more(ctx);
    }
    if (c < 0x40 || c > 0x7e || n == MAX_SEQ) /* cut short, or not a sequence */
        return KEYS_UNKNOWN;
    rest[n++] = (char)c;
    rest[n] = '\0';
    return lookup('[', rest);
}

/* Escape O, then an optional modifier digit, then one letter. */
static int ss3(keys_more_fn more, void *ctx)
{
    char rest[4] = "";
    int c = more(ctx);
    if (c >= '0' && c <= '9') {
        rest[0] = (char)c;
        c = more(ctx);
        if (c < 0x40 || c > 0x7e)
            return KEYS_UNKNOWN;
        rest[1] = (char)c;
    } else if (c >= 0x40 && c <= 0x7e) {
        rest[0] = (char)c;
    } else {
        return c < 0 ? KEYS_ALT('O') : KEYS_UNKNOWN;
    }
    return lookup('O', rest);
}

int keys_decode(int first, keys_more_fn more, void *ctx)
{
    if (first != KEYS_ESC)
        return first;
    int c = more(ctx);
    if (c < 0)
        return KEYS_ESC; /* Escape alone */
    if (c == '[')
        return csi(more, ctx);
    if (c == 'O')
        return ss3(more, ctx);
    if (c == KEYS_ESC)
        return KEYS_UNKNOWN;
    if (c & KEYS_CHAR_FLAG || (c > 0 && c < KEY_MIN))
        return KEYS_ALT(c & ~KEYS_CHAR_FLAG);
    return KEYS_UNKNOWN; /* Escape then a function key */
}

int keys_char(int key)
{
    if (key & KEYS_ALT_FLAG)
        return -1;
    if (key & KEYS_CHAR_FLAG)
        return key & ~KEYS_CHAR_FLAG;
    if (key >= 0x20 && key < KEY_MIN && key != 0x7f)
        return key;
    return -1;
}

void keys_name(int key, char *buf, int size)
{
    if (key & KEYS_ALT_FLAG) {
        int c = key & ~KEYS_ALT_FLAG;
        if (c >= 0x20 && c < 0x7f)
            snprintf(buf, (size_t)size, "Alt+%c", c);
        else
            snprintf(buf, (size_t)size, "Alt+touche");
    } else if (key >= KEY_F(1) && key <= KEY_F(24)) {
        snprintf(buf, (size_t)size, "F%d", key - KEY_F0);
    } else if (keys_char(key) >= 0) {
        char mb[8] = "";
        wchar_t wc = (wchar_t)keys_char(key);
        mbstate_t st = {0};
        size_t n = wcrtomb(mb, wc, &st);
        snprintf(buf, (size_t)size, "« %s »", n == (size_t)-1 ? "?" : (mb[n] = '\0', mb));
    } else {
        snprintf(buf, (size_t)size, "Cette touche");
    }
}
