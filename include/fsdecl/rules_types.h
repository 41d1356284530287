/* rules_types: small types shared by the rules and lists modules. */
#ifndef FSDECL_RULES_TYPES_H
#define FSDECL_RULES_TYPES_H

#include <stdbool.h>
#include <stddef.h>

#include "fsdecl/vocab.h"

/* How sure a citation is: stated by the source, or inferred (then it warns, never blocks). */
#define RULES_CERTAINTIES(X)                                                                       \
    X(RULES_STATED, "stated", "énoncé par la source")                                              \
    X(RULES_INFERRED, "inferred", "déduit")
typedef enum { RULES_CERTAINTIES(VOCAB_ENUM) } rules_certainty;
enum { RULES_CERTAINTY_COUNT = 0 RULES_CERTAINTIES(VOCAB_COUNT) };
extern const vocab_t rules_certainty_vocab;

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
