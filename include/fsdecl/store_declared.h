/* store_declared: the record that a finalised version was declared — entered on Amelipro, or sent
 * to the caisse as the paper form —, which fsdecl never does itself. Kept in the store beside the
 * versions, history/YEAR-RPPS/declared.txt, one record a line, oldest first, each naming its
 * version, so that later versions leave it as it is:
 *   v2 amelipro 2027-01-12 2027-01-12 14:32:05
 * (version, route, the day declared, when it was recorded). Written whole through the store's
 * atomic writer (temporary file, fsync, rename, fsync of the folder) under the draft's lock. */
#ifndef FSDECL_STORE_DECLARED_H
#define FSDECL_STORE_DECLARED_H

#include <stdbool.h>
#include <stddef.h>

#include "fsdecl/date.h"
#include "fsdecl/diag.h"
#include "fsdecl/store.h"
#include "fsdecl/vocab.h"

/* How a version was declared: X(CONSTANT, "id in the file", "French, after « v2 »"). */
#define STORE_ROUTES(X)                                                                            \
    X(STORE_ROUTE_AMELIPRO, "amelipro", "déclarée sur Amelipro")                                   \
    X(STORE_ROUTE_PAPER, "paper", "formulaire envoyé à la caisse")
typedef enum { STORE_ROUTES(VOCAB_ENUM) } store_route;
enum { STORE_ROUTE_COUNT = 0 STORE_ROUTES(VOCAB_COUNT) };
extern const vocab_t store_route_vocab;

enum { STORE_DECLARED_MAX = 9999 };

typedef struct {
    int version;
    store_route route;
    date_t date;       /* declared on Amelipro, or sent to the caisse, on */
    char recorded[32]; /* when it was recorded, "2027-01-12 14:32:05" */
} store_declared;

/* The records of draft name, oldest first: *n of them in *out (malloc'ed; none when the file does
 * not exist). False (diagnosed, naming the file and the line) when it cannot be read or a line is
 * malformed: then *n is 0. */
bool store_declared_list(const store_t *s, const char *name, store_declared **out, size_t *n,
                         diag_list *d);
/* Replaces the records of draft name with these n (0: the file is removed); the caller holds the
 * draft's lock. False (diagnosed) with the earlier file left whole. */
bool store_declared_write(const store_t *s, const char *name, const store_declared *v, size_t n,
                          diag_list *d);
/* The time now as the store writes it, "2027-01-12 14:32:05". */
void store_declared_now(char *buf, size_t size);

#endif
