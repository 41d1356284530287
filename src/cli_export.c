/* fsdecl export, and fsdecl drafts --json: the store's drafts handed over in bulk
 * (docs/export-format.md), streamed by the core's export module. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fsdecl/export.h"

static int done(diag_list *d, int rc)
{
    cli_print_diags(stderr, d);
    diag_free(d);
    return rc;
}

int cli_export(cli_ctx *c, const cli_args *a)
{
    int fmt = vocab_find(&export_format_vocab, a->value[CLI_OPT_FORMAT]);
    if (fmt < 0) {
        fputs("fsdecl export : --format attend csv ou jsonl\n", stderr);
        cli_print_usage(stderr, c->cmd);
        return CLI_EXIT_ERROR;
    }
    diag_list d;
    diag_init(&d);
    const char *path = a->given[CLI_OPT_OUTPUT] ? a->value[CLI_OPT_OUTPUT] : NULL;
    char tmp[PATH_MAX];
    FILE *f = path ? export_output_open(path, tmp, &d) : stdout;
    if (!f)
        return done(&d, CLI_EXIT_ERROR);
    export_stats st;
    bool ok =
        export_campaign(c->session, a->year[CLI_OPT_CAMPAIGN], (export_format)fmt, f, &st, &d);
    if (path) {
        /* a file is kept only when the export is whole: a store listed to the end */
        bool written = export_output_commit(f, tmp, path, ok, &d);
        ok = ok && written;
    } else if (fflush(stdout) != 0) {
        fprintf(stderr, "fsdecl export : écriture impossible sur la sortie standard : %s\n",
                strerror(errno));
        ok = false;
    }
    cli_print_diags(stderr, &d);
    if (ok)
        fprintf(stderr, "fsdecl export : %zu brouillon%s de la campagne %d exporté%s%s\n", st.rows,
                st.rows > 1 ? "s" : "", a->year[CLI_OPT_CAMPAIGN], st.rows > 1 ? "s" : "",
                st.unreadable ? " (dont des illisibles : voir les erreurs)" : "");
    int rc = !ok || st.unreadable || d.count ? CLI_EXIT_ERROR : CLI_EXIT_OK;
    diag_free(&d);
    return rc;
}

int cli_drafts_json(cli_ctx *c)
{
    diag_list d;
    diag_init(&d);
    session_summary *v;
    size_t n;
    bool complete = session_list(c->session, &v, &n, &d);
    const store_t *st = session_store_located(c->session, NULL);
    bool written = true;
    for (size_t i = 0; i < n && written; i++) {
        store_version *versions = NULL;
        size_t nv = 0;
        if (st && v[i].entry.versions > 0)
            store_history(st, v[i].entry.name, &versions, &nv, &d);
        written = export_summary_line(stdout, &v[i], versions, nv);
        free(versions);
    }
    free(v);
    if (!written || fflush(stdout) != 0) {
        fprintf(stderr, "fsdecl drafts : écriture impossible sur la sortie standard : %s\n",
                strerror(errno ? errno : EIO));
        return done(&d, CLI_EXIT_ERROR);
    }
    return done(&d, complete && !d.count ? CLI_EXIT_OK : CLI_EXIT_ERROR);
}
