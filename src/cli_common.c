/* The command line's shared pieces: safe output of text from files, diagnostics, reports. */
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
            /* one line per message: a file name holding a line break cannot split it */
            size_t n = strlen(line) + 1;
            char *safe = malloc(n);
            if (safe) {
                text_sanitize(line, false, safe, n);
                fputs(safe, f);
                fputc('\n', f);
            }
            free(safe);
        }
        free(line);
    }
    if (d->dropped)
        fprintf(f, "(%zu autres erreurs non affichées)\n", d->dropped);
}

void cli_say_report(const cli_ctx *c, const session_report *r)
{
    char *text = session_explain(r);
    fprintf(stderr, "fsdecl %s : ", c->command);
    cli_put(stderr, text ? text : "mémoire insuffisante");
    fputs(".\n", stderr);
    free(text);
}
