/* arena: one allocation pool freed at once, for everything a loaded file owns. */
#ifndef FSDECL_ARENA_H
#define FSDECL_ARENA_H

#include <stddef.h>

typedef struct arena arena_t;

arena_t *arena_new(void);
/* Zeroed memory, aligned for any type; NULL when memory is exhausted. */
void *arena_alloc(arena_t *a, size_t size);
void *arena_calloc(arena_t *a, size_t count, size_t size);
char *arena_strdup(arena_t *a, const char *s);
void arena_free(arena_t *a);
/* A new arena holding one zeroed object of size bytes, its first allocation: the object owns the
 * arena (*out). NULL when memory is exhausted. */
void *arena_new_owner(size_t size, arena_t **out);

#endif
