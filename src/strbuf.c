#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool reserve(strbuf *b, size_t more)
{
    if (b->failed)
        return false;
    if (b->cap - b->len > more)
        return true;
    size_t cap = (b->cap + more + 1) * 2;
    char *nb = realloc(b->buf, cap);
    if (!nb) {
        b->failed = true;
        return false;
    }
    b->buf = nb;
    b->cap = cap;
    return true;
}

void strbuf_put(strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if (!reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->buf + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void strbuf_puts(strbuf *b, const char *s)
{
    size_t n = strlen(s);
    if (!reserve(b, n))
        return;
    memcpy(b->buf + b->len, s, n + 1);
    b->len += n;
}

char *strbuf_take(strbuf *b, size_t *len)
{
    if (!b->failed && !b->buf)
        reserve(b, 0);
    char *r = b->failed ? NULL : b->buf;
    if (r)
        r[b->len] = '\0';
    if (len)
        *len = r ? b->len : 0;
    if (!r)
        free(b->buf);
    *b = (strbuf){0};
    return r;
}

void strbuf_free(strbuf *b)
{
    free(b->buf);
    *b = (strbuf){0};
}
