/* The command line's shared pieces: safe output, diagnostics, campaigns loaded once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fsdecl/text.h"

void cli_put(FILE *f, const char *s)
{
    /* sanitising never lengthens the text: its own length is room enough, nothing is cut */
    size_t n = strlen(s ? s : "") + 1;
    char *buf = malloc(n);
    if (!buf)
        return;
    text_sanitize(s, true, buf, n);
    fputs(buf, f);
    free(buf);
}

void cli_print_diags(FILE *f, const diag_list *d)
{
    for (size_t i = 0; i < d->count; i++) {
        char *line = diag_format(&d->items[i]);
        if (line) {
            cli_put(f, line);
            fputc('\n', f);
        }
        free(line);
    }
    if (d->dropped)
        fprintf(f, "(%zu autres erreurs non affichées)\n", d->dropped);
}

rules_campaign *cli_load_rules(const cli_options *o, const char *path, diag_list *d)
{
    const char *dirs[PATHS_MAX_LIST_DIRS];
    size_t n = paths_list_dirs(&o->paths, dirs);
    return rules_load(path, dirs, n, d);
}

const rules_campaign *cli_campaign(cli_options *o, int year, diag_list *d)
{
    cli_campaign_entry *e = NULL;
    for (size_t i = 0; i < o->ncampaigns && !e; i++)
        if (o->campaigns[i].year == year)
            e = &o->campaigns[i];
    if (!e && o->ncampaigns < PATHS_MAX_CAMPAIGNS) {
        e = &o->campaigns[o->ncampaigns++];
        e->year = year;
        diag_init(&e->why);
        char path[PATH_MAX + 16];
        paths_campaign_file(&o->paths, year, path, sizeof path);
        e->rules = cli_load_rules(o, path, &e->why);
    }
    if (e && e->rules)
        return e->rules;
    for (size_t i = 0; d && e && i < e->why.count; i++)
        diag_add(d, e->why.items[i].file, e->why.items[i].line, "%s", e->why.items[i].message);
    if (d && !e)
        diag_add(d, "fsdecl", 0, "trop de campagnes différentes");
    return NULL;
}

void cli_options_free(cli_options *o)
{
    for (size_t i = 0; i < o->ncampaigns; i++) {
        rules_free(o->campaigns[i].rules);
        diag_free(&o->campaigns[i].why);
    }
    o->ncampaigns = 0;
}
