/* decl_enter: what a person's entry means beyond its own field (decl.h), written once for every
 * front end on top of the plain setters of decl_edit.c. */
#include <string.h>

#include "fsdecl/decl.h"
#include "fsdecl/diag.h"

bool decl_enter_choice(decl_t *d, decl_answer *a, const char *id, bool on, bool exclusive,
                       diag_list *err)
{
    if (!on)
        return decl_remove_choice(d, a, id);
    if (!decl_add_choice(d, a, id, err)) /* first: a refused entry leaves the others ticked */
        return false;
    for (size_t i = a->nchoices; exclusive && i-- > 0;)
        if (strcmp(a->choices[i], id) != 0)
            decl_remove_choice(d, a, a->choices[i]);
    if (exclusive)
        decl_set_other(d, a, NULL, NULL);
    decl_set_value(d, a, DECL_YES);
    return true;
}

bool decl_enter_other(decl_t *d, decl_answer *a, const char *value, bool exclusive, diag_list *err)
{
    if (!decl_set_other(d, a, value, err)) /* first: refused text answers nothing */
        return false;
    bool given = value && *value;
    for (size_t i = a->nchoices; given && exclusive && i-- > 0;)
        decl_remove_choice(d, a, a->choices[i]);
    if (given && a->value == DECL_UNSET)
        decl_set_value(d, a, DECL_YES);
    return true;
}

bool decl_enter_proof_state_offered(const decl_proof *p, decl_proof_state state)
{
    return state != DECL_PROOF_VALIDATED || (p && p->state == DECL_PROOF_VALIDATED);
}

bool decl_enter_proof_state(decl_t *d, decl_answer *a, const char *id, decl_proof_state state,
                            date_t today, diag_list *err)
{
    if (!decl_enter_proof_state_offered(decl_find_proof(a, id), state)) {
        if (err)
            diag_add(err, "déclaration", 0,
                     "seule la caisse valide un justificatif : « à envoyer » ou « envoyé »");
        return false;
    }
    if (state == DECL_PROOF_TO_SEND)
        return decl_set_proof(d, a, id, state, NULL, err);
    const decl_proof *p = decl_find_proof(a, id);
    date_t date = p && p->has_date ? p->date : today;
    return decl_set_proof(d, a, id, state, &date, err);
}

bool decl_enter_proof_date(decl_t *d, decl_answer *a, const char *id, const date_t *date,
                           diag_list *err)
{
    if (!date)
        return decl_set_proof(d, a, id, DECL_PROOF_TO_SEND, NULL, err);
    const decl_proof *p = decl_find_proof(a, id);
    decl_proof_state state = p ? p->state : DECL_PROOF_TO_SEND;
    return decl_set_proof(d, a, id, state == DECL_PROOF_TO_SEND ? DECL_PROOF_SENT : state, date,
                          err);
}

bool decl_enter_commitments(decl_t *d, bool accuracy, bool keep_proofs, date_t today,
                            diag_list *err)
{
    return decl_set_commitments(d, accuracy, keep_proofs, accuracy || keep_proofs ? &today : NULL,
                                err);
}
