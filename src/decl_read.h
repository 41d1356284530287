/* decl_read: reading a declaration from a parsed libconfig group (private to the core and its
 * tests: campaign cases build declarations from groups of a cases file). */
#ifndef FSDECL_DECL_READ_H
#define FSDECL_DECL_READ_H

#include "cfgread.h"
#include "fsdecl/decl.h"

/* Reads the keys of group g into d, over what d already holds: a key present replaces the old
 * value, an answer replaces the whole answer to that indicator. Used for files and test cases.
 * False when something was wrong (reported in doc's diag list). */
bool decl_read_group(cfg_doc *doc, const config_setting_t *g, decl_t *d, bool require_header);

#endif
