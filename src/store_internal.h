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

/* Does the steps of the journal at path (written whole by the caller, who holds its locks), then
 * removes it. False (diagnosed) when a step cannot be done: the journal stays, for the next
 * holder of the lock. */
bool store_journal_run(const store_t *s, const char *journal, diag_list *d);

#endif
