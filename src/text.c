#include "fsdecl/text.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* Length of the valid UTF-8 sequence at s, or 0 when it is not one. */
static size_t utf8_seq(const unsigned char *s, uint32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if ((c & 0xE0) == 0xC0) {
        n = 2, v = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3, v = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

size_t text_utf8_decode(const char *s, uint32_t *cp)
{
    return utf8_seq((const unsigned char *)s, cp);
}

bool text_cp_control(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

bool text_utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t cp;
    while (*p) {
        if (*p < 0x80) { /* ASCII, most of any text: no decoding */
            p++;
            continue;
        }
        size_t n = utf8_seq(p, &cp);
        if (!n)
            return false;
        p += n;
    }
    return true;
}

bool text_has_control(const char *s, bool allow_newline)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t cp;
    while (*p) {
        if (*p >= 0x20 && *p < 0x7F) { /* printable ASCII, most of any text */
            p++;
            continue;
        }
        size_t n = utf8_seq(p, &cp);
        if (!n) {
            p++;
            continue;
        }
        if (text_cp_control(cp) && !(allow_newline && cp == '\n'))
            return true;
        p += n;
    }
    return false;
}

void text_sanitize(const char *s, bool keep_newline, char *buf, size_t size)
{
    if (size == 0)
        return;
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t o = 0;
    uint32_t cp;
    while (*p) {
        size_t n = utf8_seq(p, &cp);
        bool mark = cp == 0x200E || cp == 0x200F || cp == 0x061C;
        if (!n || mark || (text_cp_control(cp) && !(keep_newline && cp == '\n'))) {
            if (o + 1 >= size)
                break;
            buf[o++] = '?';
            p += n ? n : 1;
            continue;
        }
        if (o + n >= size)
            break;
        memcpy(buf + o, p, n);
        o += n;
        p += n;
    }
    buf[o] = '\0';
}

/* Columns of a code point when the locale cannot tell (a C locale): combining marks take none,
 * East Asian wide characters two, the rest one. */
static int fallback_width(uint32_t cp)
{
    static const uint32_t zero[][2] = {{0x0300, 0x036F}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF},
                                       {0x200B, 0x200F}, {0x20D0, 0x20FF}, {0xFE20, 0xFE2F}};
    static const uint32_t wide[][2] = {{0x1100, 0x115F},  {0x2E80, 0xA4CF},   {0xAC00, 0xD7A3},
                                       {0xF900, 0xFAFF},  {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},
                                       {0xFFE0, 0xFFE6},  {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF},
                                       {0x20000, 0x3FFFD}};
    for (size_t i = 0; i < sizeof zero / sizeof zero[0]; i++)
        if (cp >= zero[i][0] && cp <= zero[i][1])
            return 0;
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
        if (cp >= wide[i][0] && cp <= wide[i][1])
            return 2;
    return 1;
}

int text_cp_width(uint32_t cp)
{
    if (cp >= 0x20 && cp < 0x7F) /* printable ASCII: one column, without asking the locale */
        return 1;
    int w = wcwidth((wchar_t)cp);
    if (w >= 0)
        return w;
    return text_cp_control(cp) ? 1 : fallback_width(cp); /* a control character is shown as '?' */
}

size_t text_width(const char *s)
{
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)s;
    uint32_t cp;
    while (*p) {
        size_t n = utf8_seq(p, &cp);
        w += n ? (size_t)text_cp_width(cp) : 1; /* an invalid byte is shown as '?' */
        p += n ? n : 1;
    }
    return w;
}

/* Groups the digits of v by three with spaces. */
static void group_digits(uint64_t v, char *buf, size_t size)
{
    char raw[32];
    snprintf(raw, sizeof raw, "%" PRIu64, v);
    size_t len = strlen(raw), o = 0;
    for (size_t i = 0; i < len && o + 2 < size; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[o++] = ' ';
        buf[o++] = raw[i];
    }
    buf[o] = '\0';
}

void text_points(int64_t tenths, char *buf, size_t size)
{
    uint64_t a = tenths < 0 ? (uint64_t)0 - (uint64_t)tenths : (uint64_t)tenths;
    char whole[40];
    group_digits(a / 10, whole, sizeof whole);
    if (a % 10)
        snprintf(buf, size, "%s%s,%u", tenths < 0 ? "-" : "", whole, (unsigned)(a % 10));
    else
        snprintf(buf, size, "%s%s", tenths < 0 ? "-" : "", whole);
}

void text_money(int64_t cents, char *buf, size_t size)
{
    uint64_t a = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
    char whole[40];
    group_digits(a / 100, whole, sizeof whole);
    snprintf(buf, size, "%s%s,%02u €", cents < 0 ? "-" : "", whole, (unsigned)(a % 100));
}

void text_fraction(int64_t num, int64_t den, char *buf, size_t size)
{
    if (den > 0 && (num * 100) % den == 0)
        snprintf(buf, size, "%" PRId64 " %%", num * 100 / den);
    else
        snprintf(buf, size, "%" PRId64 "/%" PRId64, num, den);
}
