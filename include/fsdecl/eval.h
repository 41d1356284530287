/* eval: judges a declaration against its campaign's rules: each indicator's status, the points
 * and euros (a range while computed indicators are unknown), what is missing and what it is
 * worth, and messages that say what to do. Pure computation: no I/O. */
#ifndef FSDECL_EVAL_H
#define FSDECL_EVAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fsdecl/date.h"
#include "fsdecl/decl.h"
#include "fsdecl/rules.h"

typedef enum {
    EVAL_MET,
    EVAL_NOT_MET,
    EVAL_INCOMPLETE,      /* unanswered, or details missing */
    EVAL_WAITING_PROOF,   /* answered, but a required proof has not been sent */
    EVAL_EXEMPT,          /* paid whatever the answer (neutralised for this specialty) */
    EVAL_ESTIMATED_MET,   /* computed by the CNAM; the doctor's own counts say met */
    EVAL_ESTIMATED_NOT_MET,
    EVAL_UNKNOWN,         /* computed by the CNAM, no count given */
} eval_status;

typedef enum { EVAL_BLOCKING, EVAL_WARNING, EVAL_INFO } eval_severity;

typedef struct {
    const char *id;        /* stable: "proof.required", "lap.exempt" ... */
    eval_severity severity;
    const char *indicator; /* NULL for the whole declaration */
    char *text;            /* French, says what to do */
} eval_message;

typedef struct {
    const rules_indicator *ind;
    eval_status status;
    int64_t min_tenths, max_tenths; /* what it pays in its volet (volet 2: its points) */
} eval_indicator;

typedef struct {
    int64_t min_tenths, max_tenths; /* after the all-or-nothing rule and the gate */
} eval_volet;

typedef struct {
    const rules_indicator *ind;
    int64_t gain_cents; /* how much more the maximum would be if this indicator were met */
} eval_missing;

typedef struct {
    const rules_campaign *campaign;
    eval_indicator *items; /* in the campaign's order */
    size_t nitems;
    eval_volet *volets;
    int64_t min_tenths, max_tenths, min_cents, max_cents;
    eval_message *messages;
    size_t nmessages, capmessages;
    eval_missing *missing; /* largest gain first */
    size_t nmissing;
    size_t nblocking;
    bool transmittable; /* commitments ticked, window open: a (possibly partial) transmission */
} eval_result;

/* today: the date deadlines are judged against. Never NULL but when memory runs out. */
eval_result *eval_declaration(const rules_campaign *c, const decl_t *d, date_t today);
void eval_free(eval_result *r);

const eval_indicator *eval_find(const eval_result *r, const char *indicator);
bool eval_has_message(const eval_result *r, const char *id, const char *indicator);

const char *eval_status_id(eval_status s); /* "met", "not_met" ... (JSON, test cases) */
const char *eval_status_fr(eval_status s);
const char *eval_severity_id(eval_severity s);
const char *eval_severity_fr(eval_severity s);
/* Parses a status id; false when unknown. */
bool eval_status_parse(const char *id, eval_status *out);

#endif
