/* recap_changes: what a draft changed since a finalised version, named as the recap names it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsdecl/recap.h"
#include "recap_internal.h"

static bool same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

static bool same_proofs(const decl_answer *a, const decl_answer *b)
{
    size_t na = a ? a->nproofs : 0, nb = b ? b->nproofs : 0;
    if (na != nb)
        return false;
    for (size_t i = 0; i < na; i++) {
        const decl_proof *p = &a->proofs[i], *q = decl_find_proof(b, p->id);
        if (!q || p->state != q->state || p->has_date != q->has_date ||
            (p->has_date && date_cmp(p->date, q->date) != 0))
            return false;
    }
    return true;
}

static bool same_answer(arena_t *arena, const rules_campaign *c, const rules_indicator *ind,
                        const decl_answer *a, const decl_answer *b)
{
    return same_text(recap_answer_text(arena, c, ind, a), recap_answer_text(arena, c, ind, b)) &&
           same_proofs(a, b);
}

static void add(recap_changes_t *ch, const char *name)
{
    if (ch->count < RECAP_MAX_CHANGES)
        ch->names[ch->count] = name;
    ch->count++;
}

bool recap_changes(const rules_campaign *c, const decl_t *was, const decl_t *now,
                   recap_changes_t *ch)
{
    memset(ch, 0, sizeof *ch);
    arena_t *arena = arena_new();
    if (!arena)
        return false;
    for (int f = 0; f < DECL_ID_COUNT; f++)
        if (!same_text(decl_identity(was, (decl_identity_field)f),
                       decl_identity(now, (decl_identity_field)f)))
            add(ch, decl_identity_fr((decl_identity_field)f));
    if (was->first_year != now->first_year)
        add(ch, "Première année de déclaration");
    for (size_t i = 0; i < c->nindicators; i++) {
        const rules_indicator *ind = &c->indicators[i];
        if (!same_answer(arena, c, ind, decl_find_answer(was, ind->id),
                         decl_find_answer(now, ind->id)))
            add(ch, ind->label);
    }
    arena_free(arena);
    return true;
}

void recap_changes_words(const recap_changes_t *ch, char *buf, size_t size)
{
    strbuf b = {0};
    size_t shown = ch->count < RECAP_MAX_CHANGES ? ch->count : RECAP_MAX_CHANGES;
    for (size_t i = 0; i < shown; i++)
        strbuf_put(&b, "%s%s", i ? " ; " : "Changé depuis cette version : ", ch->names[i]);
    if (ch->count > shown)
        strbuf_put(&b, " ; et %zu autre%s", ch->count - shown, ch->count - shown > 1 ? "s" : "");
    char *text = strbuf_take(&b, NULL);
    snprintf(buf, size, "%s", text ? text : "");
    free(text);
}

void recap_put_changes(strbuf *b, const recap_changes_t *ch)
{
    char words[4096];
    recap_changes_words(ch, words, sizeof words);
    if (*words)
        strbuf_put(b, "%s\n", words);
}
