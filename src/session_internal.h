/* session_internal: what the session's files share (private to the core). */
#ifndef FSDECL_SESSION_INTERNAL_H
#define FSDECL_SESSION_INTERNAL_H

#include "fsdecl/session.h"

/* Sets r's outcome (and its draft name, when name is not NULL); returns the outcome. */
session_outcome session_report_set(session_report *r, session_outcome o, const char *name);

/* Narrows days (date_to_days) to those on which the campaign of the day is the same. */
void session_current_days(session *s, long days[2]);
/* Why the latest campaign the session tried to read could not be loaded: "Règles de la campagne
 * 2025 illisibles : MESSAGE (FILE, ligne N)" (the first reason, naming the damaged rules or list
 * file); false when every campaign it read was loaded. */
bool session_rules_problem(const session *s, char *buf, size_t size);
/* A fingerprint of every file a campaign can be read from (session_home.c). */
uint64_t session_rules_print(const paths_t *p);
/* session_list, each draft's fingerprint (session_summary.print) taken too when printed. */
bool session_list_drafts(session *s, session_summary **out, size_t *n, bool printed, diag_list *d);
/* A fingerprint of a draft file's bytes; 1 when it cannot be read (session_home.c). */
uint64_t session_draft_print(const store_t *st, const char *name);

#endif
