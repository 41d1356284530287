/* fsdecl recap: the recap a doctor keeps, as text, JSON or PDF; the paper form. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "fsdecl/recap.h"
#include "fsdecl/sheet.h"

typedef enum { FORMAT_TEXT, FORMAT_JSON, FORMAT_PDF } recap_format;

static bool format_of(const cli_args *a, recap_format *f)
{
    const char *v = a->given[CLI_OPT_FORMAT] ? a->value[CLI_OPT_FORMAT] : "text";
    static const char *const names[] = {"text", "json", "pdf"};
    for (int i = 0; i < 3; i++)
        if (strcmp(v, names[i]) == 0) {
            *f = (recap_format)i;
            return true;
        }
    fputs("fsdecl recap : --format attend text, json ou pdf\n", stderr);
    return false;
}

/* Writes the bytes to -o FILE, through the store's atomic writer (mode 0600, the old file intact
 * on any failure), or to standard output (never a PDF to a terminal). */
static int emit(const cli_args *a, const char *bytes, size_t len, bool binary)
{
    const char *out = a->given[CLI_OPT_OUTPUT] ? a->value[CLI_OPT_OUTPUT] : NULL;
    if (!out && binary && isatty(STDOUT_FILENO)) {
        fputs("fsdecl recap : un PDF ne s'écrit pas dans un terminal : indiquez -o FICHIER\n",
              stderr);
        return CLI_EXIT_ERROR;
    }
    if (out) {
        diag_list d;
        diag_init(&d);
        bool ok = store_write_atomic(out, NULL, bytes, len, &d);
        cli_print_diags(stderr, &d);
        diag_free(&d);
        return ok ? CLI_EXIT_OK : CLI_EXIT_ERROR;
    }
    errno = 0;
    if (fwrite(bytes, 1, len, stdout) == len && fflush(stdout) == 0)
        return CLI_EXIT_OK;
    fprintf(stderr, "fsdecl recap : écriture impossible sur la sortie standard : %s\n",
            strerror(errno ? errno : EIO));
    return CLI_EXIT_ERROR;
}

static int render_pdf(const cli_args *a, const recap *r)
{
    recap_pdf_kind kind = a->given[CLI_OPT_BLANK]  ? RECAP_PDF_BLANK_FORM
                          : a->given[CLI_OPT_FORM] ? RECAP_PDF_FORM
                                                   : RECAP_PDF_RECAP;
    char *pdf;
    size_t len;
    diag_list d;
    diag_init(&d);
    int rc = CLI_EXIT_ERROR;
    if (recap_render_pdf(r, kind, recap_pdf_font(false), recap_pdf_font(true), &pdf, &len, &d)) {
        rc = emit(a, pdf, len, true);
        free(pdf);
    }
    cli_print_diags(stderr, &d);
    diag_free(&d);
    return rc;
}

/* The « à reporter sur Amelipro » sheet of r, in the format asked for. */
static int render_sheet(const cli_args *a, const recap *r, recap_format format)
{
    sheet *s = sheet_build(r);
    int rc = CLI_EXIT_ERROR;
    if (s && format == FORMAT_PDF) {
        char *pdf;
        size_t len;
        diag_list d;
        diag_init(&d);
        if (sheet_render_pdf(s, recap_pdf_font(false), recap_pdf_font(true), &pdf, &len, &d)) {
            rc = emit(a, pdf, len, true);
            free(pdf);
        }
        cli_print_diags(stderr, &d);
        diag_free(&d);
    } else if (s) {
        char *text = format == FORMAT_JSON ? sheet_render_json(s) : sheet_render_text(s);
        if (text)
            rc = emit(a, text, strlen(text), false);
        else
            fputs("fsdecl recap : mémoire insuffisante\n", stderr);
        free(text);
    } else {
        fputs("fsdecl recap : mémoire insuffisante\n", stderr);
    }
    sheet_free(s);
    return rc;
}

static int render(const cli_args *a, const recap *r, recap_format format)
{
    if (a->given[CLI_OPT_AMELIPRO])
        return render_sheet(a, r, format);
    if (format == FORMAT_PDF || a->given[CLI_OPT_FORM] || a->given[CLI_OPT_BLANK])
        return render_pdf(a, r);
    char *text = format == FORMAT_JSON ? recap_render_json(r) : recap_render_text(r);
    if (!text) {
        fputs("fsdecl recap : mémoire insuffisante\n", stderr);
        return CLI_EXIT_ERROR;
    }
    int rc = emit(a, text, strlen(text), false);
    free(text);
    return rc;
}

/* Judges decl (owned, freed here) against its campaign and renders its recap; with the reasons
 * on standard error when it cannot be judged. */
static int judge_and_render(cli_ctx *c, const cli_args *a, recap_format format, decl_t *decl,
                            const recap_origin *origin, diag_list *d)
{
    const rules_campaign *rules = decl ? session_campaign(c->session, decl->campaign, d) : NULL;
    eval_result *e = rules ? eval_declaration(rules, decl, session_today(c->session)) : NULL;
    recap *r = e ? recap_build(rules, decl, e, origin) : NULL;
    int rc = r ? render(a, r, format) : CLI_EXIT_ERROR;
    if (!r)
        cli_print_diags(stderr, d);
    recap_free(r);
    eval_free(e);
    decl_free(decl);
    diag_free(d);
    return rc;
}

/* The empty form of a campaign (--blank --campaign ANNÉE, else the campaign of the day). */
static int blank_form(cli_ctx *c, const cli_args *a, recap_format format)
{
    diag_list d;
    diag_init(&d);
    int year =
        a->given[CLI_OPT_CAMPAIGN] ? a->year[CLI_OPT_CAMPAIGN] : session_current_year(c->session);
    if (!year) {
        fputs("fsdecl recap : aucune campagne trouvée\n", stderr);
        return CLI_EXIT_ERROR;
    }
    decl_t *decl = decl_new();
    if (decl)
        decl->campaign = year;
    return judge_and_render(c, a, format, decl, NULL, &d);
}

int cli_recap(cli_ctx *c, const cli_args *a)
{
    recap_format format;
    if (!format_of(a, &format))
        return CLI_EXIT_ERROR;
    if (a->given[CLI_OPT_AMELIPRO] && (a->given[CLI_OPT_FORM] || a->given[CLI_OPT_BLANK])) {
        fputs("fsdecl recap : --amelipro ne va ni avec --form ni avec --blank\n", stderr);
        return CLI_EXIT_ERROR;
    }
    if (a->given[CLI_OPT_BLANK])
        return blank_form(c, a, format);
    if (a->npos != 1) {
        cli_print_usage(stderr, c->cmd);
        return CLI_EXIT_ERROR;
    }
    diag_list d;
    diag_init(&d);
    recap_origin origin;
    decl_t *decl = session_load_any(c->session, a->pos[0], &origin, &d);
    return judge_and_render(c, a, format, decl, &origin, &d);
}
