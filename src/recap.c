/* recap: the model of what a declaration amounts to, built from its evaluation. */
#include "fsdecl/recap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recap_internal.h"

static recap_gate gate_of(const rules_campaign *c, const eval_result *e, size_t v)
{
    int req = c->volets[v].requires;
    if (req < 0)
        return RECAP_GATE_NONE;
    if (e->volets[req].max_tenths == 0)
        return RECAP_GATE_CLOSED;
    return e->volets[req].min_tenths == 0 ? RECAP_GATE_UNKNOWN : RECAP_GATE_OPEN;
}

/* The proofs the evaluation says indicator ind owes. */
static bool build_proofs(recap *r, recap_item *it)
{
    const eval_result *e = r->eval;
    size_t n = 0;
    for (size_t i = 0; i < e->nproofs; i++)
        n += e->proofs[i].ind == it->eval->ind;
    if (!n)
        return true;
    it->proofs = arena_calloc(r->arena, n, sizeof *it->proofs);
    if (!it->proofs)
        return false;
    for (size_t i = 0; i < e->nproofs; i++) {
        const eval_proof *p = &e->proofs[i];
        if (p->ind != it->eval->ind)
            continue;
        char acc[512];
        vocab_list_flags_fr(&rules_doc_kind_vocab, p->doc->accepted, acc, sizeof acc);
        recap_proof *rp = &it->proofs[it->nproofs++];
        rp->owed = p;
        rp->state = p->given ? p->given->state : DECL_PROOF_TO_SEND;
        if (!(rp->accepted = arena_strdup(r->arena, acc)))
            return false;
    }
    return true;
}

static bool build_item(recap *r, const eval_indicator *ev, recap_item *it)
{
    const rules_indicator *ind = ev->ind;
    it->eval = ev;
    it->estimate = ind->kind == RULES_COMPUTED &&
                   (ev->status == EVAL_ESTIMATED_MET || ev->status == EVAL_ESTIMATED_NOT_MET ||
                    ev->status == EVAL_AMBIGUOUS);
    r->any_estimate |= it->estimate;
    r->ambiguous |= ev->status == EVAL_AMBIGUOUS;
    r->unknown |= ev->status == EVAL_UNKNOWN;
    it->answer = recap_answer_text(r->arena, r->campaign, ind, decl_find_answer(r->decl, ind->id));
    if (it->answer && ev->status == EVAL_ESTIMATED_NOT_MET) { /* the official recap's « NI » */
        size_t n = strlen(it->answer) + 64;
        char *a = arena_alloc(r->arena, n);
        if (a)
            snprintf(a, n, "valeur non atteinte — %s", it->answer);
        it->answer = a;
    }
    return it->answer && build_proofs(r, it);
}

static bool build_volets(recap *r)
{
    const rules_campaign *c = r->campaign;
    r->nvolets = c->nvolets;
    r->volets = arena_calloc(r->arena, c->nvolets ? c->nvolets : 1, sizeof *r->volets);
    if (!r->volets)
        return false;
    for (size_t v = 0; v < c->nvolets; v++) {
        recap_volet *rv = &r->volets[v];
        rv->volet = &c->volets[v];
        rv->eval = &r->eval->volets[v];
        rv->gate = gate_of(c, r->eval, v);
        rv->requires = rv->gate == RECAP_GATE_NONE ? NULL : &c->volets[c->volets[v].requires];
        for (size_t i = 0; i < r->eval->nitems; i++)
            rv->nitems += r->eval->items[i].ind->volet == (int)v;
        rv->items = arena_calloc(r->arena, rv->nitems ? rv->nitems : 1, sizeof *rv->items);
        if (!rv->items)
            return false;
        size_t k = 0;
        for (size_t i = 0; i < r->eval->nitems; i++)
            if (r->eval->items[i].ind->volet == (int)v &&
                !build_item(r, &r->eval->items[i], &rv->items[k++]))
                return false;
    }
    return true;
}

/* The proofs of every indicator, sorted by state into the three lists. */
static bool sort_proofs(recap *r)
{
    size_t n = r->eval->nproofs ? r->eval->nproofs : 1;
    r->to_send = arena_calloc(r->arena, n, sizeof *r->to_send);
    r->sent = arena_calloc(r->arena, n, sizeof *r->sent);
    r->validated = arena_calloc(r->arena, n, sizeof *r->validated);
    if (!r->to_send || !r->sent || !r->validated)
        return false;
    for (size_t v = 0; v < r->nvolets; v++)
        for (size_t i = 0; i < r->volets[v].nitems; i++)
            for (size_t k = 0; k < r->volets[v].items[i].nproofs; k++) {
                const recap_proof *p = &r->volets[v].items[i].proofs[k];
                if (p->state == DECL_PROOF_VALIDATED)
                    r->validated[r->nvalidated++] = p;
                else if (p->state == DECL_PROOF_SENT)
                    r->sent[r->nsent++] = p;
                else
                    r->to_send[r->nto_send++] = p;
            }
    return true;
}

/* What the rules say to keep for checks, for each indicator answered yes that has such a text. */
static bool collect_keep(recap *r)
{
    const rules_campaign *c = r->campaign;
    r->keep = arena_calloc(r->arena, c->nindicators ? c->nindicators : 1, sizeof *r->keep);
    if (!r->keep)
        return false;
    for (size_t i = 0; i < r->eval->nitems; i++) {
        const eval_indicator *ev = &r->eval->items[i];
        if (ev->ind->keep && ev->status == EVAL_MET)
            r->keep[r->nkeep++] = (recap_keep){ev->ind, ev->ind->keep};
    }
    return true;
}

recap *recap_build(const rules_campaign *c, const decl_t *d, const eval_result *e,
                   const recap_origin *origin)
{
    arena_t *a;
    recap *r = arena_new_owner(sizeof *r, &a);
    if (!r)
        return NULL;
    r->arena = a;
    r->campaign = c;
    r->decl = d;
    r->eval = e;
    if (origin)
        r->origin = *origin;
    r->range = e->min_tenths != e->max_tenths;
    const lists_entry *sp = lists_find(rules_find_list(c, "specialties"), d->identity.specialty);
    r->specialty = sp ? sp->label : d->identity.specialty;
    for (size_t i = 0; i < d->nanswers; i++)
        r->hospital_dpi |= d->answers[i]->software.hospital_dpi;
    if (!build_volets(r) || !sort_proofs(r) || !collect_keep(r)) {
        recap_free(r);
        return NULL;
    }
    return r;
}

const char *recap_total_note(const recap *r)
{
    if (!r->range)
        return r->any_estimate ? " (avec vos estimations)" : "";
    if (r->ambiguous && r->unknown)
        return " (selon les indicateurs calculés encore inconnus et la lecture des textes)";
    return r->ambiguous ? " (selon la lecture des textes)"
                        : " (selon les indicateurs calculés encore inconnus)";
}

void recap_free(recap *r)
{
    if (r)
        arena_free(r->arena);
}
