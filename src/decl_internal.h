/* decl_internal: what the declaration's reading, writing and editing files share, private to the
 * core and its tests (campaign cases build declarations from groups of a cases file). */
#ifndef FSDECL_DECL_INTERNAL_H
#define FSDECL_DECL_INTERNAL_H

#include "cfgread.h"
#include "fsdecl/decl.h"

/* Reads the keys of group g into d, over what d already holds: a key present replaces the old
 * value, an answer replaces the whole answer to that indicator. Used for files and test cases.
 * False when something was wrong (reported in doc's diag list). */
bool decl_read_group(cfg_doc *doc, const config_setting_t *g, decl_t *d, bool require_header);

/* Where an identity field or a software text field is stored. */
const char **decl_identity_slot(decl_t *d, decl_identity_field f);
const char **decl_software_slot(decl_answer *a, decl_software_field f);
/* Whether an identity field may hold line breaks. */
bool decl_identity_multiline(decl_identity_field f);

/* The answer to indicator (an arena copy of the id is made), created when absent, emptied when
 * present; it never moves. NULL when memory runs out. */
decl_answer *decl_answer_reset(decl_t *d, const char *indicator);

#endif
