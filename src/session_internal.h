/* session_internal: what the session's files share (private to the core). */
#ifndef FSDECL_SESSION_INTERNAL_H
#define FSDECL_SESSION_INTERNAL_H

#include "fsdecl/session.h"

/* Sets r's outcome (and its draft name, when name is not NULL); returns the outcome. */
session_outcome session_report_set(session_report *r, session_outcome o, const char *name);

/* Why the latest campaign the session tried to read could not be loaded: "Règles de la campagne
 * 2025 illisibles : MESSAGE (FILE, ligne N)" (the first reason, naming the damaged rules or list
 * file); false when every campaign it read was loaded. */
bool session_rules_problem(const session *s, char *buf, size_t size);

/* The last record that a version of the listed draft was declared, into sum (diagnosed in d when
 * the records cannot be read). */
void session_summary_declared(const store_t *st, session_summary *sum, diag_list *d);
/* The record that goes with origin: for a version, its own; for a draft, the last. False
 * (diagnosed, with the line) when the records cannot be read. */
bool session_origin_declared(const store_t *st, const char *name, recap_origin *o, diag_list *d);

/* What the draft now changed since the version origin names (o->changes), when it is not that
 * version's text and the version and rules c can be read; nothing named otherwise. */
void session_origin_changes(const store_t *st, const char *name, const rules_campaign *c,
                            const decl_t *now, recap_origin *o);

/* The last record that one of doc's versions was declared, into doc (read with since); false,
 * diagnosed, when the records cannot be read. */
bool session_doc_read_declared(session_doc *doc, const store_t *st, diag_list *d);

#endif
