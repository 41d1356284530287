/* rules_sources: reading the citations of a rules or list file (private to the core). */
#ifndef FSDECL_RULES_SOURCES_H
#define FSDECL_RULES_SOURCES_H

#include "cfgread.h"
#include "fsdecl/rules_types.h"

/* Reads `key`, a list of citations { file; section; certainty; about; note; }. */
bool rules_read_sources(cfg_doc *doc, const config_setting_t *g, const char *key, unsigned flags,
                        rules_sources *out);

#endif
