/* fsdecl declared: records that the last finalised version of a draft was declared on Amelipro or
 * sent to the caisse as the paper form (fsdecl sends nothing), or removes a wrong record. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

static int done(diag_list *d, int rc)
{
    cli_print_diags(stderr, d);
    diag_free(d);
    return rc;
}

static int exit_code(session_outcome o)
{
    return o == SESSION_OK ? CLI_EXIT_OK : o == SESSION_FAILED ? CLI_EXIT_ERROR : CLI_EXIT_PROBLEMS;
}

void cli_put_declared(int version, const store_declared *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].version == version) {
            char day[16];
            date_format_fr(v[i].date, day, sizeof day);
            printf("      %s le %s (noté le %s)\n", vocab_fr(&store_route_vocab, v[i].route), day,
                   v[i].recorded);
        }
}

static int usage(const cli_ctx *c)
{
    fputs("fsdecl declared : indiquez --amelipro ou --paper (avec --on AAAA-MM-JJ si ce n'était "
          "pas aujourd'hui), ou --undo seul\n",
          stderr);
    cli_print_usage(stderr, c->cmd);
    return CLI_EXIT_ERROR;
}

int cli_declared(cli_ctx *c, const cli_args *a)
{
    bool undo = a->given[CLI_OPT_UNDO];
    int routes = a->given[CLI_OPT_AMELIPRO] + a->given[CLI_OPT_PAPER];
    if (undo ? routes || a->given[CLI_OPT_ON] : routes != 1)
        return usage(c);
    diag_list d, warnings;
    diag_init(&d);
    char name[STORE_NAME_MAX];
    if (!session_resolve(c->session, a->pos[0], name, &d))
        return done(&d, CLI_EXIT_ERROR);
    session_report r;
    session_doc *doc = session_open(c->session, name, 0, &r, &d);
    if (!doc) {
        if (r.outcome != SESSION_FAILED && r.outcome != SESSION_OK)
            cli_say_report(c, &r);
        return done(&d, CLI_EXIT_ERROR);
    }
    diag_init(&warnings);
    store_declared rec;
    session_outcome o =
        undo ? session_undo_declared(doc, &rec, &r, &d)
             : session_record_declared(
                   doc, a->given[CLI_OPT_PAPER] ? STORE_ROUTE_PAPER : STORE_ROUTE_AMELIPRO,
                   a->given[CLI_OPT_ON] ? &a->date[CLI_OPT_ON] : NULL, &rec, &warnings, &r, &d);
    session_close(doc);
    cli_print_diags(stderr, &warnings);
    diag_free(&warnings);
    if (o != SESSION_OK) {
        if (o != SESSION_FAILED)
            cli_say_report(c, &r);
        fprintf(stderr, "fsdecl declared : rien n'a été %s.\n", undo ? "retiré" : "noté");
        return done(&d, exit_code(o));
    }
    char words[160];
    session_declared_words(&rec, false, words, sizeof words);
    printf("%s %s : %s.\n", undo ? "Retiré de" : "Noté pour", name, words);
    if (!undo && rec.route == STORE_ROUTE_AMELIPRO)
        printf("Gardez le récapitulatif PDF qu'Amelipro propose après « Transmettre » avec vos "
               "justificatifs.\n");
    return done(&d, CLI_EXIT_OK);
}
