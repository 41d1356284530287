#include "fsdecl/vocab.h"

#include <string.h>

int vocab_find(const vocab_t *v, const char *id)
{
    for (size_t i = 0; id && i < v->count; i++)
        if (v->entries[i].id && strcmp(v->entries[i].id, id) == 0)
            return (int)i;
    return -1;
}

const char *vocab_id(const vocab_t *v, int i)
{
    return i >= 0 && (size_t)i < v->count && v->entries[i].id ? v->entries[i].id : "?";
}

const char *vocab_fr(const vocab_t *v, int i)
{
    return i >= 0 && (size_t)i < v->count ? v->entries[i].fr : "?";
}

static void append(char *buf, size_t size, const char *s)
{
    size_t used = strlen(buf);
    if (used + 1 < size)
        strncat(buf, s, size - used - 1);
}

void vocab_list_ids(const vocab_t *v, char *buf, size_t size)
{
    if (size)
        buf[0] = '\0';
    for (size_t i = 0; i < v->count; i++) {
        if (!v->entries[i].id)
            continue;
        if (buf[0])
            append(buf, size, ", ");
        append(buf, size, v->entries[i].id);
    }
}

void vocab_list_flags_fr(const vocab_t *v, unsigned flags, char *buf, size_t size)
{
    if (size)
        buf[0] = '\0';
    for (size_t i = 0; i < v->count && i < 32; i++) {
        if (!(flags & (1u << i)))
            continue;
        if (buf[0])
            append(buf, size, ", ");
        append(buf, size, v->entries[i].fr);
    }
}
