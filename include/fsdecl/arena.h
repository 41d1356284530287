/* arena: one allocation pool freed at once, for everything a loaded file owns. */
#ifndef FSDECL_ARENA_H
#define FSDECL_ARENA_H

#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);
/* Zeroed memory, aligned for any type; NULL when memory is exhausted. */
void *arena_alloc(arena *a, size_t size);
void *arena_calloc(arena *a, size_t count, size_t size);
char *arena_strdup(arena *a, const char *s);
void arena_free(arena *a);

#endif
