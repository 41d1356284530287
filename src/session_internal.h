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

#endif
