/* lists: reference lists shared by campaigns (specialties, equipment, schemes...). */
#ifndef FSDECL_LISTS_H
#define FSDECL_LISTS_H

#include <stdbool.h>
#include <stddef.h>

#include "fsdecl/arena.h"
#include "fsdecl/diag.h"
#include "fsdecl/rules_types.h"

typedef struct {
    const char *id;
    const char *label;
    bool valid;         /* false: an answer the guide refuses */
    const char *reason; /* why, when !valid */
    bool lap_exempt;    /* specialties: no LAP needed */
    const char *note;
    int line;
} lists_entry;

typedef struct {
    const char *name; /* file name without .cfg: "coordination-v1" */
    const char *id;
    int version;
    const char *label;
    rules_sources sources;
    lists_entry *entries;
    size_t count;
} lists_table;

/* Loads data/lists/<name>.cfg (found in dirs, in order) into a. NULL with diagnostics. */
lists_table *lists_load(const char *name, const char *const *dirs, size_t ndirs, arena_t *a,
                        diag_list *d);
/* Loads one list file by path (the name is taken from the file name). */
lists_table *lists_load_file(const char *path, arena_t *a, diag_list *d);
const lists_entry *lists_find(const lists_table *l, const char *id);

#endif
