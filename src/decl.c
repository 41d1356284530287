/* decl: the declaration model, its vocabularies and lookups. Reading is in decl_read.c, writing
 * in decl_write.c, editing in decl_edit.c. */
#include "fsdecl/decl.h"
#include "fsdecl/ident.h"

#include "decl_internal.h"

#include <stddef.h>
#include <string.h>

VOCAB_DEFINE(decl_yesno_vocab, DECL_YESNOS, DECL_YESNO_COUNT)
VOCAB_DEFINE(decl_proof_state_vocab, DECL_PROOF_STATES, DECL_PROOF_STATE_COUNT)

typedef struct {
    const char *key, *fr;
    size_t offset;
    bool multiline;
    const char *ident; /* the identifier kind checked by ident.h, or NULL */
    const char *help;  /* NULL: ident_help's */
} field_info;

#define ID_INFO(constant, member, fr, multiline, ident, help)                                      \
    {#member, fr, offsetof(decl_t, identity.member), multiline, ident, help},
static const field_info IDENTITY[] = {DECL_IDENTITY_FIELDS(ID_INFO)};
#undef ID_INFO
_Static_assert(sizeof IDENTITY / sizeof IDENTITY[0] == DECL_ID_COUNT, "identity table");

#define SW_INFO(constant, member, fr)                                                              \
    {#member, fr, offsetof(decl_answer, software.member), false, NULL, NULL},
static const field_info SOFTWARE[] = {DECL_SOFTWARE_FIELDS(SW_INFO)};
#undef SW_INFO
_Static_assert(sizeof SOFTWARE / sizeof SOFTWARE[0] == DECL_SW_COUNT, "software table");

decl_t *decl_new(void)
{
    arena_t *a;
    decl_t *d = arena_new_owner(sizeof *d, &a);
    if (!d)
        return NULL;
    d->arena = a;
    d->format = DECL_FORMAT;
    return d;
}

void decl_free(decl_t *d)
{
    if (d)
        arena_free(d->arena);
}

const char *decl_identity(const decl_t *d, decl_identity_field f)
{
    return *(const char *const *)((const char *)d + IDENTITY[f].offset);
}

const char *decl_identity_key(decl_identity_field f)
{
    return IDENTITY[f].key;
}

const char *decl_identity_fr(decl_identity_field f)
{
    return IDENTITY[f].fr;
}

const char *decl_identity_ident(decl_identity_field f)
{
    return IDENTITY[f].ident;
}

const char *decl_identity_help(decl_identity_field f)
{
    const char *h = IDENTITY[f].help ? IDENTITY[f].help : ident_help(IDENTITY[f].ident);
    return h ? h : "";
}

bool decl_identity_multiline(decl_identity_field f)
{
    return IDENTITY[f].multiline;
}

const char **decl_identity_slot(decl_t *d, decl_identity_field f)
{
    return (const char **)((char *)d + IDENTITY[f].offset);
}

const char *decl_software(const decl_answer *a, decl_software_field f)
{
    return *(const char *const *)((const char *)a + SOFTWARE[f].offset);
}

const char **decl_software_slot(decl_answer *a, decl_software_field f)
{
    return (const char **)((char *)a + SOFTWARE[f].offset);
}

const char *decl_software_key(decl_software_field f)
{
    return SOFTWARE[f].key;
}

const char *decl_software_fr(decl_software_field f)
{
    return SOFTWARE[f].fr;
}

const decl_answer *decl_find_answer(const decl_t *d, const char *indicator)
{
    for (size_t i = 0; indicator && i < d->nanswers; i++)
        if (strcmp(d->answers[i]->indicator, indicator) == 0)
            return d->answers[i];
    return NULL;
}

const decl_proof *decl_find_proof(const decl_answer *a, const char *id)
{
    for (size_t i = 0; a && i < a->nproofs; i++)
        if (strcmp(a->proofs[i].id, id) == 0)
            return &a->proofs[i];
    return NULL;
}

decl_yesno decl_find_part(const decl_answer *a, const char *id)
{
    for (size_t i = 0; a && i < a->nparts; i++)
        if (strcmp(a->parts[i].id, id) == 0)
            return a->parts[i].value;
    return DECL_UNSET;
}

const decl_component *decl_find_component(const decl_answer *a, const char *id)
{
    for (size_t i = 0; a && i < a->ncomponents; i++)
        if (strcmp(a->components[i].id, id) == 0)
            return &a->components[i];
    return NULL;
}

decl_answer *decl_answer_reset(decl_t *d, const char *indicator)
{
    for (size_t i = 0; i < d->nanswers; i++)
        if (strcmp(d->answers[i]->indicator, indicator) == 0) {
            const char *id = d->answers[i]->indicator;
            memset(d->answers[i], 0, sizeof *d->answers[i]);
            d->answers[i]->indicator = id;
            return d->answers[i];
        }
    if (d->nanswers == d->capanswers) {
        size_t cap = d->capanswers ? d->capanswers * 2 : 32;
        decl_answer **n = arena_calloc(d->arena, cap, sizeof *n);
        if (!n)
            return NULL;
        if (d->nanswers)
            memcpy(n, d->answers, d->nanswers * sizeof *n);
        d->answers = n; /* the array of pointers moves; the answers never do */
        d->capanswers = cap;
    }
    decl_answer *a = arena_calloc(d->arena, 1, sizeof *a);
    if (!a || !(a->indicator = arena_strdup(d->arena, indicator)))
        return NULL;
    d->answers[d->nanswers++] = a;
    return a;
}

bool decl_has_choice(const decl_answer *a, const char *id)
{
    for (size_t i = 0; a && i < a->nchoices; i++)
        if (strcmp(a->choices[i], id) == 0)
            return true;
    return false;
}
