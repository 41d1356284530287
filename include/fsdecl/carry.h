/* carry: start a campaign's declaration from the previous one. */
#ifndef FSDECL_CARRY_H
#define FSDECL_CARRY_H

#include "fsdecl/decl.h"
#include "fsdecl/diag.h"
#include "fsdecl/rules.h"

typedef struct {
    char **carried; /* French lines: what was carried over */
    size_t ncarried;
    char **check; /* French lines: what must be checked or filled in again */
    size_t ncheck;
} carry_report;

/* A new declaration for campaign next: identity, software, the declarative answers whose
 * indicator still exists (matched by id) and the proofs the caisse validated, with their date;
 * never counts, proofs only sent or to send, students or the attestation. Answers next no longer
 * asks for are named in one line, by prev_rules' labels (prev's campaign; NULL: by their ids).
 * NULL when memory runs out. */
decl_t *carry_over(const decl_t *prev, const rules_campaign *prev_rules, const rules_campaign *next,
                   carry_report *report);
void carry_report_free(carry_report *r);

#endif
