/* store_internal: what the store's files share (private to the core). */
#ifndef FSDECL_STORE_INTERNAL_H
#define FSDECL_STORE_INTERNAL_H

#include "fsdecl/store.h"

/* Takes the draft's lock as store_lock_take does, without finishing an interrupted move. */
bool store_lock_plain(const store_t *s, const char *name, store_lock *l, diag_list *d);
/* Finishes the moves a kill interrupted (store_move.c): those naming the draft mine, whose lock
 * the caller holds (false, diagnosed, when one cannot be finished), or, mine NULL, every one whose
 * locks can all be had. */
bool store_moves_finish(const store_t *s, const char *mine, diag_list *d);

#endif
