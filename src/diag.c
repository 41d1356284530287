#include "fsdecl/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void diag_init(diag_list *d)
{
    memset(d, 0, sizeof *d);
}

void diag_free(diag_list *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].message);
    }
    free(d->items);
    diag_init(d);
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

void diag_add(diag_list *d, const char *file, int line, const char *fmt, ...)
{
    if (d->count >= DIAG_MAX) {
        d->dropped++;
        return;
    }
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 8;
        diag_entry *items = realloc(d->items, cap * sizeof *items);
        if (!items) {
            d->dropped++;
            return;
        }
        d->items = items;
        d->cap = cap;
    }
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    diag_entry *e = &d->items[d->count];
    e->file = dup_or_null(file ? file : "?");
    e->line = line;
    e->message = dup_or_null(buf);
    if (!e->file || !e->message) {
        free(e->file);
        free(e->message);
        d->dropped++;
        return;
    }
    d->count++;
}

char *diag_format(const diag_entry *e)
{
    size_t n = strlen(e->file) + strlen(e->message) + 32;
    char *s = malloc(n);
    if (!s)
        return NULL;
    if (e->line > 0)
        snprintf(s, n, "%s:%d: %s", e->file, e->line, e->message);
    else
        snprintf(s, n, "%s: %s", e->file, e->message);
    return s;
}
