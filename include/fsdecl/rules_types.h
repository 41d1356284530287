/* rules_types: small types shared by the rules and lists modules. */
#ifndef FSDECL_RULES_TYPES_H
#define FSDECL_RULES_TYPES_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    const char *file;
    const char *section;
    bool inferred; /* certainty = "inferred" */
    const char *about;
    const char *note;
} rules_source;

typedef struct {
    rules_source *items;
    size_t count;
} rules_sources;

#endif
