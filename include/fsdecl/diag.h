/* diag: diagnostics collected while reading a file, each "file:line: message". */
#ifndef FSDECL_DIAG_H
#define FSDECL_DIAG_H

#include <stddef.h>

typedef struct {
    char *file;    /* as given by the caller */
    int line;      /* 0 when the problem concerns the whole file */
    char *message; /* French, for the user */
} diag_entry;

typedef struct {
    diag_entry *items;
    size_t count, cap;
    size_t dropped; /* entries not kept once the limit was reached */
} diag_list;

enum { DIAG_MAX = 200 };

void diag_init(diag_list *d);
void diag_free(diag_list *d);
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
void diag_add(diag_list *d, const char *file, int line, const char *fmt, ...);
/* "file:line: message" (or "file: message" when line is 0), malloc'ed. */
char *diag_format(const diag_entry *e);

#endif
