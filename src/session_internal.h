/* session_internal: what the session's files share (private to the core). */
#ifndef FSDECL_SESSION_INTERNAL_H
#define FSDECL_SESSION_INTERNAL_H

#include "fsdecl/session.h"

/* Sets r's outcome (and its draft name, when name is not NULL); returns the outcome. */
session_outcome session_report_set(session_report *r, session_outcome o, const char *name);

#endif
