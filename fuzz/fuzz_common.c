/* What the fuzzers share (see fuzz_common.h). */
#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>

enum { FIRST_YEAR = 2023, LAST_YEAR = 2026 };

const rules_campaign *fuzz_campaign(int year)
{
    static rules_campaign *campaigns[LAST_YEAR - FIRST_YEAR + 1];
    static bool loaded;
    if (!loaded) {
        for (int y = FIRST_YEAR; y <= LAST_YEAR; y++) {
            char path[512];
            snprintf(path, sizeof path, "%s/rules/%d.cfg", FSDECL_SOURCE_DIR, y);
            const char *dirs[] = {FSDECL_SOURCE_DIR "/data/lists"};
            diag_list d;
            diag_init(&d);
            campaigns[y - FIRST_YEAR] = rules_load(path, dirs, 1, &d);
            diag_free(&d);
            if (!campaigns[y - FIRST_YEAR])
                fuzz_fail("the real campaign does not load", path);
        }
        loaded = true;
    }
    return year >= FIRST_YEAR && year <= LAST_YEAR ? campaigns[year - FIRST_YEAR] : NULL;
}

/* The code point at s (n bytes left) and its length; 0 when the bytes are not UTF-8. */
static size_t decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    size_t len = s[0] < 0x80                    ? 1
                 : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
                 : (s[0] & 0xF0) == 0xE0        ? 3
                 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4
                                                : 0;
    if (!len || len > n)
        return 0;
    uint32_t c = len == 1 ? s[0] : s[0] & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = c << 6 | (s[i] & 0x3F);
    }
    static const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < least[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

bool fuzz_clean_text(const char *s, size_t n, bool newline)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        size_t len = decode(u + i, n - i, &c);
        if (!len)
            return false;
        if ((c == '\n' && !newline) || (c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F) ||
            (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
            return false;
        i += len;
    }
    return true;
}

void fuzz_fail(const char *what, const char *text)
{
    fprintf(stderr, "fuzz: %s\n", what);
    if (text)
        fprintf(stderr, "--- text ---\n%s\n--- end ---\n", text);
    abort();
}
