/* vocab: closed vocabularies, each written once as an X-macro table.
 *
 * A table lists, for every member, the C constant, the id written in files and JSON, and the French
 * label users read: X(CONSTANT, "id", "libellé"). The enum, the ids a reader accepts, the labels a
 * front end shows and the help that lists them are all generated from it, so they cannot drift.
 *
 *   #define COLOURS(X) X(COLOUR_RED, "red", "rouge") X(COLOUR_BLUE, "blue", "bleu")
 *   typedef enum { COLOURS(VOCAB_ENUM) } colour;                        (in the header)
 *   enum { COLOUR_COUNT = 0 COLOURS(VOCAB_COUNT) };
 *   VOCAB_DEFINE(colour_vocab, COLOURS, COLOUR_COUNT)                   (in the .c file)
 *
 * A member whose id is NULL exists in the enum but is never read from a file (DECL_UNSET). */
#ifndef FSDECL_VOCAB_H
#define FSDECL_VOCAB_H

#include <stddef.h>

typedef struct {
    const char *id; /* in files and JSON; NULL: not accepted from a file */
    const char *fr; /* for users */
} vocab_entry;

typedef struct {
    const vocab_entry *entries;
    size_t count;
} vocab_t;

/* Generators for the tables' X parameter. */
#define VOCAB_ENUM(constant, id, fr) constant,
#define VOCAB_COUNT(constant, id, fr) +1
#define VOCAB_ENTRY(constant, id, fr) {id, fr},
#define VOCAB_INDEX(constant, id, fr) constant##_INDEX,
#define VOCAB_FLAG(constant, id, fr) constant = 1u << constant##_INDEX,

/* Defines `const vocab_t name` from TABLE, checking at compile time that it has count members. */
#define VOCAB_DEFINE(name, TABLE, count)                                                           \
    static const vocab_entry name##_entries[] = {TABLE(VOCAB_ENTRY)};                              \
    _Static_assert(sizeof name##_entries / sizeof name##_entries[0] == (count),                    \
                   #name ": the table and its enum disagree");                                     \
    const vocab_t name = {name##_entries, (count)};

/* The member whose id is id, or -1. */
int vocab_find(const vocab_t *v, const char *id);
/* The id and French label of member i; "?" when i is out of range. */
const char *vocab_id(const vocab_t *v, int i);
const char *vocab_fr(const vocab_t *v, int i);
/* Every id a file may hold, "a, b, c", into buf. */
void vocab_list_ids(const vocab_t *v, char *buf, size_t size);
/* The French labels of the members whose bit is set in flags, "a, b", into buf. */
void vocab_list_flags_fr(const vocab_t *v, unsigned flags, char *buf, size_t size);

#endif
