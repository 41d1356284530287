/* paths: where the program finds its rules and reference lists. */
#ifndef FSDECL_PATHS_H
#define FSDECL_PATHS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

enum { PATHS_MAX_LIST_DIRS = 3, PATHS_MAX_CAMPAIGNS = 64 };

typedef struct {
    char rules_dir[PATH_MAX];
    const char *rules_origin; /* "--rules-dir", "FSDECL_RULES_DIR", "sources", "installation" */
    char list_dirs[PATHS_MAX_LIST_DIRS][PATH_MAX];
    size_t nlist_dirs;
} paths_t;

/* rules_dir_opt: the --rules-dir value, or NULL. */
void paths_resolve(const char *rules_dir_opt, paths_t *out);
/* The list folders as an array for rules_load. */
size_t paths_list_dirs(const paths_t *p, const char **out);
/* Years of the campaign files (YYYY.cfg) in dir, ascending; returns how many (at most max), 0 when
 * dir cannot be listed to the end (some years unseen: none is answered rather than the wrong ones).
 */
size_t paths_campaign_years(const char *dir, int *years, size_t max);
/* "dir/YYYY.cfg" */
void paths_campaign_file(const paths_t *p, int year, char *buf, size_t size);

#endif
