/* sheet_pdf: the « à reporter sur Amelipro » sheet as a PDF to follow on paper, a box « fait »
 * beside each line. The layout is pdf_layout.c's, with the recap's fonts and rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsdecl/sheet.h"
#include "pdf_layout.h"
#include "recap_internal.h"
#include "strbuf.h"

#define SHEET_DONE "□ fait"

static const float WIDTHS[] = {190, 245, 60};
static const char *const HEADING[] = {"Sur Amelipro", "À cocher, choisir ou saisir", "Suivi"};

/* The second column of an entry: its fields, one a line, then its note. */
static char *what_to_do(const sheet_entry *e)
{
    strbuf b = {0};
    for (size_t i = 0; i < e->nfields; i++)
        strbuf_put(&b, "%s%s : %s", i ? "\n" : "", e->fields[i].label, e->fields[i].value);
    if (e->note)
        strbuf_put(&b, "%s%s", e->nfields ? "\n" : "", e->note);
    return strbuf_take(&b, NULL);
}

static void row(pdf_doc *p, const sheet_entry *e)
{
    char first[1200];
    switch (e->kind) {
    case SHEET_PROOF: snprintf(first, sizeof first, "Justificatif : %s", e->text); break;
    case SHEET_ATTESTATION: snprintf(first, sizeof first, "Cochez : « %s »", e->text); break;
    default: snprintf(first, sizeof first, "%s", e->text); break;
    }
    char *second = what_to_do(e);
    const char *cells[] = {first, second ? second : "", SHEET_DONE};
    pdf_row(p, cells);
    free(second);
}

static void heading(pdf_doc *p, const sheet *s)
{
    const recap *r = s->recap;
    const decl_t *d = r->decl;
    const char *rpps = decl_identity(d, DECL_ID_RPPS);
    char line[600];
    snprintf(line, sizeof line, "À reporter sur Amelipro — %s", r->campaign->title);
    pdf_text(p, 0, PDF_TITLE, line);
    pdf_space(p, 4);
    snprintf(line, sizeof line, "Praticien : %s %s ; N° RPPS : %s",
             d->identity.last_name ? d->identity.last_name : "?",
             d->identity.first_name ? d->identity.first_name : "", rpps ? rpps : "non renseigné");
    pdf_text(p, 0, 0, line);
    strbuf b = {0};
    recap_put_campaign(&b, r);
    char *t = strbuf_take(&b, NULL);
    pdf_text(p, 0, PDF_SMALL, t ? t : "");
    free(t);
    pdf_text(p, 0, PDF_SMALL,
             "Sur Amelipro : « Ma convention » (Activités › Convention – ROSP – OPTAM), puis "
             "« Déclarer mes indicateurs » : un onglet par volet, les deux à renseigner.");
    if (s->order_presumed) {
        snprintf(line, sizeof line, "%s.", SHEET_ORDER_WORDS);
        pdf_text(p, 0, PDF_SMALL, line);
    }
}

static void render(pdf_doc *p, const sheet *s)
{
    heading(p, s);
    bool open = false;
    for (size_t i = 0; i < s->n; i++) {
        const sheet_entry *e = &s->entries[i];
        bool starts = e->kind == SHEET_TAB || (!e->volet && (i == 0 || s->entries[i - 1].volet));
        if (starts) {
            char title[400];
            if (open)
                pdf_table_end(p);
            if (e->kind == SHEET_TAB)
                snprintf(title, sizeof title, "Onglet « %s »", e->text);
            else
                snprintf(title, sizeof title, "Pour finir");
            pdf_space(p, 6);
            pdf_keep(p, PDF_BOLD, 3);
            pdf_text(p, 0, PDF_BOLD, title);
            pdf_table(p, WIDTHS, 3, HEADING);
            open = true;
        }
        if (e->kind != SHEET_TAB)
            row(p, e);
    }
    if (open)
        pdf_table_end(p);
}

bool sheet_render_pdf(const sheet *s, const char *font, const char *bold, char **out, size_t *len,
                      diag_list *d)
{
    const decl_t *dc = s->recap->decl;
    char header[400];
    snprintf(header, sizeof header, "fsdecl — à reporter sur Amelipro — %s%s%s%s%s",
             s->recap->campaign->title, dc->identity.last_name ? " — " : "",
             dc->identity.last_name ? dc->identity.last_name : "",
             dc->identity.first_name ? " " : "",
             dc->identity.first_name ? dc->identity.first_name : "");
    pdf_doc *p = pdf_new(font, bold, header, d);
    if (!p)
        return false;
    render(p, s);
    return pdf_finish(p, out, len, d);
}
