/* fsdecl check: judge declarations, in text or JSON. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "fsdecl/decl.h"
#include "fsdecl/eval.h"
#include "fsdecl/recap.h"
#include "fsdecl/rules.h"
#include "fsdecl/text.h"

/* The rules a declaration is judged with; when they cannot be found, why, added to dg. */
static const rules_campaign *rules_for(cli_ctx *c, const char *file, const decl_t *d, diag_list *dg)
{
    diag_list why;
    diag_init(&why);
    const rules_campaign *rules = session_campaign(c->session, d->campaign, &why);
    if (!rules)
        diag_add(dg, file, 0, "règles de la campagne %d introuvables ou illisibles", d->campaign);
    for (size_t k = 0; k < why.count; k++) {
        char *line = diag_format(&why.items[k]);
        diag_add(dg, file, 0, "%s", line ? line : "");
        free(line);
    }
    diag_free(&why);
    return rules;
}

/* Judges one file: its text on stdout, or its object added to doc. Returns its exit code. */
static int check_one(cli_ctx *c, const char *file, date_t today, recap_json *doc, bool more)
{
    diag_list dg;
    diag_init(&dg);
    decl_t *d = decl_load(file, &dg);
    const rules_campaign *rules = d ? rules_for(c, file, d, &dg) : NULL;
    eval_result *e = rules ? eval_declaration(rules, d, today) : NULL;
    recap *r = e ? recap_build(rules, d, e, NULL) : NULL;
    int rc = CLI_EXIT_OK;
    if (!r) {
        if (rules)
            diag_add(&dg, file, 0, "mémoire insuffisante");
        rc = CLI_EXIT_ERROR;
        if (doc)
            recap_json_add_unreadable(doc, file, &dg);
        else
            cli_print_diags(stderr, &dg);
    } else {
        rc = e->nblocking ? CLI_EXIT_PROBLEMS : CLI_EXIT_OK;
        if (doc) {
            recap_json_add(doc, r, file);
        } else {
            char *text = recap_render_check_text(r, file);
            cli_put(stdout, text ? text : "fsdecl check : mémoire insuffisante\n");
            if (more)
                fputs("\n", stdout);
            free(text);
        }
    }
    recap_free(r);
    eval_free(e);
    decl_free(d);
    diag_free(&dg);
    return rc;
}

int cli_check(cli_ctx *c, const cli_args *a)
{
    date_t today = session_today(c->session);
    recap_json *doc = a->given[CLI_OPT_JSON] ? recap_json_new(today) : NULL;
    if (a->given[CLI_OPT_JSON] && !doc) {
        fputs("fsdecl check : mémoire insuffisante\n", stderr);
        return CLI_EXIT_ERROR;
    }
    int rc = CLI_EXIT_OK;
    for (int i = 0; i < a->npos; i++) {
        int one = check_one(c, a->pos[i], today, doc, i + 1 < a->npos);
        if (one > rc)
            rc = one;
    }
    if (doc) {
        char *text = recap_json_render(doc);
        if (text)
            fputs(text, stdout);
        else
            rc = CLI_EXIT_ERROR;
        free(text);
        recap_json_free(doc);
    }
    return rc;
}
