#include "fsdecl/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_BLOCK = 16 * 1024, ARENA_ALIGN = 16 };

typedef struct block {
    struct block *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
} block;

struct arena {
    block *head;
};

arena_t *arena_new(void)
{
    return calloc(1, sizeof(arena_t));
}

void *arena_alloc(arena_t *a, size_t size)
{
    if (!a || size > SIZE_MAX / 2)
        return NULL;
    size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (size == 0)
        size = ARENA_ALIGN;
    block *b = a->head;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > ARENA_BLOCK ? size : ARENA_BLOCK;
        b = malloc(sizeof(block) + cap);
        if (!b)
            return NULL;
        b->cap = cap;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

void *arena_calloc(arena_t *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / 4 / size)
        return NULL;
    return arena_alloc(a, count * size);
}

char *arena_strdup(arena_t *a, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = arena_alloc(a, n);
    if (p)
        memcpy(p, s, n);
    return p;
}

void arena_free(arena_t *a)
{
    if (!a)
        return;
    block *b = a->head;
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

void *arena_new_owner(size_t size, arena_t **out)
{
    arena_t *a = arena_new();
    void *p = a ? arena_alloc(a, size) : NULL;
    if (!p) {
        arena_free(a);
        return NULL;
    }
    *out = a;
    return p;
}
