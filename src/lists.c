#include "fsdecl/lists.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cfgread.h"
#include "rules_sources.h"

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* "coordination-v1.cfg" -> "coordination-v1" into the arena. */
static char *name_from_path(const char *path, arena_t *a)
{
    const char *b = base_name(path);
    size_t n = strlen(b);
    if (n > 4 && strcmp(b + n - 4, ".cfg") == 0)
        n -= 4;
    char *r = arena_alloc(a, n + 1);
    if (r)
        memcpy(r, b, n);
    return r;
}

static bool read_entries(cfg_doc *doc, const config_setting_t *list, lists_table *l)
{
    static const char *const keys[] = {"id",         "label", "valid", "reason",
                                       "lap_exempt", "note",  NULL};
    const config_setting_t *es = cfg_get_list(doc, list, "entries", CFG_REQUIRED);
    if (!es)
        return false;
    size_t n = (size_t)config_setting_length(es);
    l->entries = arena_calloc(doc->arena, n, sizeof *l->entries);
    if (!l->entries)
        return false;
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(es, (unsigned)i);
        lists_entry *le = &l->entries[i];
        le->valid = true;
        le->line = cfg_line(e);
        cfg_check_keys(doc, e, keys);
        ok &= cfg_get_id(doc, e, "id", CFG_REQUIRED, &le->id);
        ok &= cfg_get_string(doc, e, "label", CFG_REQUIRED, &le->label);
        cfg_get_bool(doc, e, "valid", CFG_OPTIONAL, &le->valid);
        cfg_get_bool(doc, e, "lap_exempt", CFG_OPTIONAL, &le->lap_exempt);
        cfg_get_string(doc, e, "note", CFG_OPTIONAL | CFG_MULTILINE, &le->note);
        if (!le->valid)
            ok &= cfg_get_string(doc, e, "reason", CFG_REQUIRED, &le->reason);
        else if (config_setting_get_member(e, "reason"))
            cfg_error(doc, e, "« reason » ne s'emploie qu'avec valid = false");
        for (size_t j = 0; le->id && j < i; j++)
            if (l->entries[j].id && strcmp(l->entries[j].id, le->id) == 0)
                cfg_error(doc, e, "identifiant « %s » en double (déjà défini ligne %d)", le->id,
                          l->entries[j].line);
    }
    l->count = n;
    return ok;
}

lists_table *lists_load_file(const char *path, arena_t *a, diag_list *d)
{
    static const char *const top[] = {"format", "list", NULL};
    static const char *const keys[] = {"id", "version", "label", "sources", "entries", NULL};
    size_t before = d->count + d->dropped;
    cfg_doc doc;
    lists_table *l = NULL;
    if (!cfg_open(&doc, path, path, d, a))
        goto out;
    const config_setting_t *root = cfg_root(&doc);
    int64_t format = 0, version = 0;
    cfg_check_keys(&doc, root, top);
    cfg_get_int(&doc, root, "format", CFG_REQUIRED, 1, 1, &format);
    const config_setting_t *g = cfg_get_group(&doc, root, "list", CFG_REQUIRED);
    if (!g)
        goto out;
    l = arena_calloc(a, 1, sizeof *l);
    if (!l)
        goto out;
    l->name = name_from_path(path, a);
    cfg_check_keys(&doc, g, keys);
    cfg_get_id(&doc, g, "id", CFG_REQUIRED, &l->id);
    cfg_get_int(&doc, g, "version", CFG_REQUIRED, 1, 999, &version);
    l->version = (int)version;
    cfg_get_string(&doc, g, "label", CFG_REQUIRED, &l->label);
    rules_read_sources(&doc, g, "sources", CFG_REQUIRED, &l->sources);
    read_entries(&doc, g, l);
    if (l->id && l->name && version) {
        char expect[128];
        snprintf(expect, sizeof expect, "%s-v%d", l->id, l->version);
        for (char *p = expect; *p; p++)
            if (*p == '_')
                *p = '-'; /* file names use hyphens where ids use underscores */
        if (strcmp(expect, l->name) != 0)
            cfg_error(&doc, g, "la liste « %s » version %d doit s'appeler %s.cfg", l->id,
                      l->version, expect);
    }
out:
    cfg_close(&doc);
    return d->count + d->dropped == before ? l : NULL;
}

lists_table *lists_load(const char *name, const char *const *dirs, size_t ndirs, arena_t *a,
                        diag_list *d)
{
    char path[PATH_MAX];
    for (size_t i = 0; i < ndirs; i++) {
        if (!dirs[i])
            continue;
        int n = snprintf(path, sizeof path, "%s/%s.cfg", dirs[i], name);
        if (n > 0 && (size_t)n < sizeof path && access(path, F_OK) == 0)
            return lists_load_file(path, a, d);
    }
    return NULL;
}

const lists_entry *lists_find(const lists_table *l, const char *id)
{
    if (!l || !id)
        return NULL;
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(l->entries[i].id, id) == 0)
            return &l->entries[i];
    return NULL;
}
