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

/* ---- command ------------------------------------------------------------------------------- */

/* The rules a declaration is judged with; when they cannot be found, why, added to dg. */
static const rules_campaign *rules_for(cli_options *o, const char *file, const decl_t *d,
                                       diag_list *dg)
{
    diag_list why;
    diag_init(&why);
    const rules_campaign *rules = cli_campaign(o, d->campaign, &why);
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
static int check_one(cli_options *o, const char *file, date_t today, recap_json *doc, bool more)
{
    diag_list dg;
    diag_init(&dg);
    decl_t *d = decl_load(file, &dg);
    const rules_campaign *rules = d ? rules_for(o, file, d, &dg) : NULL;
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

static bool today_from_clock(date_t *out)
{
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm))
        return false;
    *out = (date_t){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    return true;
}

int cli_check(cli_options *o, int argc, char **argv)
{
    bool json = false;
    date_t today;
    bool have_today = false;
    int first = 0;
    for (; first < argc && argv[first][0] == '-'; first++) {
        const char *a = argv[first];
        if (strcmp(a, "--json") == 0) {
            json = true;
        } else if (strcmp(a, "--today") == 0 && first + 1 < argc) {
            if (date_parse(argv[++first], &today) != DATE_OK) {
                fputs("fsdecl check : --today attend une date AAAA-MM-JJ\n", stderr);
                return CLI_EXIT_ERROR;
            }
            have_today = true;
        } else if (strcmp(a, "--") == 0) {
            first++;
            break;
        } else {
            fputs("fsdecl check : option inconnue : ", stderr);
            cli_put(stderr, a);
            fputs("\nUsage : fsdecl check [--json] [--today AAAA-MM-JJ] FICHIER...\n", stderr);
            return CLI_EXIT_ERROR;
        }
    }
    if (first >= argc) {
        fputs("Usage : fsdecl check [--json] [--today AAAA-MM-JJ] FICHIER...\n", stderr);
        return CLI_EXIT_ERROR;
    }
    if (!have_today && !today_from_clock(&today)) {
        fputs("fsdecl check : date du jour illisible ; utilisez --today\n", stderr);
        return CLI_EXIT_ERROR;
    }
    int rc = CLI_EXIT_OK;
    recap_json *doc = json ? recap_json_new(today) : NULL;
    if (json && !doc) {
        fputs("fsdecl check : mémoire insuffisante\n", stderr);
        return CLI_EXIT_ERROR;
    }
    for (int i = first; i < argc; i++) {
        int one = check_one(o, argv[i], today, doc, i + 1 < argc);
        if (one > rc)
            rc = one;
    }
    if (json) {
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
