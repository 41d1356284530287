/* recap_internal: what the recap's files share (private to the core). */
#ifndef FSDECL_RECAP_INTERNAL_H
#define FSDECL_RECAP_INTERNAL_H

#include "fsdecl/recap.h"

/* The answer to ind as given, in French words, copied into a ("sans réponse" when none). NULL
 * when memory runs out. */
const char *recap_answer_text(arena_t *a, const rules_campaign *c, const rules_indicator *ind,
                              const decl_answer *ans);

#endif
