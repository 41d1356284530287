/* strbuf: text built piece by piece (private to the core). A failed allocation is remembered and
 * every later call does nothing, so the caller checks once, at the end. */
#ifndef FSDECL_STRBUF_H
#define FSDECL_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *buf; /* always NUL-terminated once anything was put */
    size_t len, cap;
    bool failed;
} strbuf;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void strbuf_put(strbuf *b, const char *fmt, ...);
void strbuf_puts(strbuf *b, const char *s);
/* The text, handed over to the caller (malloc'ed), or NULL when an allocation failed; the buffer
 * is empty again. */
char *strbuf_take(strbuf *b, size_t *len);
void strbuf_free(strbuf *b);

#endif
