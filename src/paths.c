#include "fsdecl/paths.h"

#include "fsdecl/fileio.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void copy(char *dst, const char *src)
{
    snprintf(dst, PATH_MAX, "%s", src);
}

/* True when the running program is the one built in FSDECL_BUILD_DIR. */
static bool running_from_build_dir(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return false;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return false;
    *slash = '\0';
    char build[PATH_MAX];
    if (!realpath(FSDECL_BUILD_DIR, build))
        return false;
    size_t len = strlen(build);
    return strncmp(exe, build, len) == 0 && (exe[len] == '\0' || exe[len] == '/');
}

void paths_resolve(const char *rules_dir_opt, paths_t *out)
{
    memset(out, 0, sizeof *out);
    bool from_build = running_from_build_dir();
    const char *env = getenv("FSDECL_RULES_DIR");
    if (rules_dir_opt && *rules_dir_opt) {
        copy(out->rules_dir, rules_dir_opt);
        out->rules_origin = "--rules-dir";
    } else if (env && *env) {
        copy(out->rules_dir, env);
        out->rules_origin = "FSDECL_RULES_DIR";
    } else if (from_build) {
        snprintf(out->rules_dir, PATH_MAX, "%s/rules", FSDECL_SOURCE_DIR);
        out->rules_origin = "sources";
    } else {
        snprintf(out->rules_dir, PATH_MAX, "%s/rules", FSDECL_INSTALL_DATADIR);
        out->rules_origin = "installation";
    }
    const char *lenv = getenv("FSDECL_LISTS_DIR");
    if (lenv && *lenv)
        copy(out->list_dirs[out->nlist_dirs++], lenv);
    if (from_build)
        snprintf(out->list_dirs[out->nlist_dirs++], PATH_MAX, "%s/data/lists", FSDECL_SOURCE_DIR);
    snprintf(out->list_dirs[out->nlist_dirs++], PATH_MAX, "%s/lists", FSDECL_INSTALL_DATADIR);
}

size_t paths_list_dirs(const paths_t *p, const char **out)
{
    for (size_t i = 0; i < p->nlist_dirs; i++)
        out[i] = p->list_dirs[i];
    return p->nlist_dirs;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

size_t paths_campaign_years(const char *dir, int *years, size_t max)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t n = 0;
    int err = 0;
    struct dirent *e;
    while (n < max && (e = fileio_next_entry(d, &err))) {
        const char *s = e->d_name;
        if (strlen(s) == 8 && strcmp(s + 4, ".cfg") == 0 && s[0] >= '1' && s[0] <= '2' &&
            s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9')
            years[n++] = atoi(s);
    }
    closedir(d);
    if (err) /* some years unseen: the campaign of the day would be found among the wrong ones */
        return 0;
    qsort(years, n, sizeof *years, cmp_int);
    return n;
}

void paths_campaign_file(const paths_t *p, int year, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%d.cfg", p->rules_dir, year);
}
