/* fsdecl check: judge declarations, in text or JSON. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "fsdecl/decl.h"
#include "fsdecl/eval.h"
#include "fsdecl/fileio.h"
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

/* Where the results go: text on stdout, one JSON document, or JSON Lines written as they come. */
typedef struct {
    date_t today;
    recap_json *doc; /* --json */
    bool lines;      /* --jsonl */
    size_t texts;    /* judgements printed as text so far: a blank line goes between two */
    bool write_failed;
} check_out;

/* A file that could not be judged: its errors on stderr, in the document, or as one line. */
static void put_unreadable(check_out *o, const char *file, const diag_list *dg)
{
    if (o->doc)
        recap_json_add_unreadable(o->doc, file, dg);
    else if (o->lines)
        o->write_failed |= !recap_json_write_unreadable_line(stdout, file, dg, o->today);
    else
        cli_print_diags(stderr, dg);
}

static void put_judged(check_out *o, const recap *r, const char *file)
{
    if (o->doc) {
        recap_json_add(o->doc, r, file);
    } else if (o->lines) {
        o->write_failed |= !recap_json_write_line(stdout, r, file, o->today);
    } else {
        char *text = recap_render_check_text(r, file);
        if (o->texts++)
            fputs("\n", stdout);
        cli_put(stdout, text ? text : "fsdecl check : mémoire insuffisante\n");
        free(text);
    }
}

/* Judges one file, whose result is written (and freed) at once. Returns its exit code. */
static int check_one(cli_ctx *c, const char *file, check_out *o)
{
    diag_list dg;
    diag_init(&dg);
    decl_t *d = decl_load(file, &dg);
    const rules_campaign *rules = d ? rules_for(c, file, d, &dg) : NULL;
    eval_result *e = rules ? eval_declaration(rules, d, o->today) : NULL;
    recap *r = e ? recap_build(rules, d, e, NULL) : NULL;
    int rc = CLI_EXIT_OK;
    if (!r) {
        if (rules)
            diag_add(&dg, file, 0, "mémoire insuffisante");
        rc = CLI_EXIT_ERROR;
        put_unreadable(o, file, &dg);
    } else {
        rc = e->nblocking ? CLI_EXIT_PROBLEMS : CLI_EXIT_OK;
        put_judged(o, r, file);
    }
    recap_free(r);
    eval_free(e);
    decl_free(d);
    diag_free(&dg);
    return rc;
}

static int worst(int a, int b)
{
    return a > b ? a : b;
}

/* A folder: its *.cfg files (drafts; not the store's backups nor recovery files), sorted by
 * name. A folder that cannot be read is one unreadable entry. */
static int check_dir(cli_ctx *c, const char *dir, check_out *o)
{
    char **names;
    size_t n;
    int err;
    if (!fileio_list_suffix(dir, ".cfg", &names, &n, &err)) {
        diag_list dg;
        diag_init(&dg);
        diag_add(&dg, dir, 0, "lecture du dossier impossible : %s", strerror(err));
        put_unreadable(o, dir, &dg);
        diag_free(&dg);
        return CLI_EXIT_ERROR;
    }
    int rc = CLI_EXIT_OK;
    size_t len = strlen(dir);
    bool slash = len && dir[len - 1] == '/';
    for (size_t i = 0; i < n; i++) {
        char *path = malloc(len + strlen(names[i]) + 2);
        if (!path) {
            fputs("fsdecl check : mémoire insuffisante\n", stderr);
            rc = CLI_EXIT_ERROR;
            break;
        }
        sprintf(path, "%s%s%s", dir, slash ? "" : "/", names[i]);
        rc = worst(rc, check_one(c, path, o));
        free(path);
    }
    fileio_names_free(names, n);
    return rc;
}

static int check_path(cli_ctx *c, const char *path, check_out *o)
{
    return fileio_is_dir(path) ? check_dir(c, path, o) : check_one(c, path, o);
}

/* The paths on standard input, one a line (a final carriage return dropped, empty lines
 * skipped), each judged as soon as it is read. */
static int check_stdin(cli_ctx *c, check_out *o)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int rc = CLI_EXIT_OK;
    while ((len = getline(&line, &cap, stdin)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len)
            rc = worst(rc, check_path(c, line, o));
    }
    if (ferror(stdin)) {
        fprintf(stderr, "fsdecl check : lecture de l'entrée standard impossible : %s\n",
                strerror(errno));
        rc = CLI_EXIT_ERROR;
    }
    free(line);
    return rc;
}

int cli_check(cli_ctx *c, const cli_args *a)
{
    bool from_stdin = a->given[CLI_OPT_STDIN];
    for (int i = 0; i < a->npos; i++)
        from_stdin |= strcmp(a->pos[i], "-") == 0;
    if (!a->npos && !from_stdin) {
        fputs("fsdecl check : indiquez des fichiers, un dossier, ou - (ou --stdin) pour lire leurs "
              "chemins sur l'entrée standard\n",
              stderr);
        cli_print_usage(stderr, c->cmd);
        return CLI_EXIT_ERROR;
    }
    if (a->given[CLI_OPT_JSON] && a->given[CLI_OPT_JSONL]) {
        fputs("fsdecl check : --json et --jsonl s'excluent\n", stderr);
        return CLI_EXIT_ERROR;
    }
    check_out o = {.today = session_today(c->session), .lines = a->given[CLI_OPT_JSONL]};
    if (a->given[CLI_OPT_JSON] && !(o.doc = recap_json_new(o.today))) {
        fputs("fsdecl check : mémoire insuffisante\n", stderr);
        return CLI_EXIT_ERROR;
    }
    int rc = CLI_EXIT_OK;
    for (int i = 0; i < a->npos; i++)
        if (strcmp(a->pos[i], "-") != 0)
            rc = worst(rc, check_path(c, a->pos[i], &o));
        else if (from_stdin) { /* in its place among the files, once */
            rc = worst(rc, check_stdin(c, &o));
            from_stdin = false;
        }
    if (from_stdin)
        rc = worst(rc, check_stdin(c, &o));
    if (o.doc) {
        char *text = recap_json_render(o.doc);
        if (text)
            fputs(text, stdout);
        else
            rc = CLI_EXIT_ERROR;
        free(text);
        recap_json_free(o.doc);
    }
    if (fflush(stdout) != 0 || o.write_failed) {
        fprintf(stderr, "fsdecl check : écriture impossible sur la sortie standard : %s\n",
                strerror(errno));
        rc = CLI_EXIT_ERROR;
    }
    return rc;
}
