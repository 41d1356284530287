/* libFuzzer target: the PDF layout of the recap and of the pre-filled paper form, on recaps built
 * from arbitrary drafts judged against the real campaign of their year (rules/). Every PDF that is
 * made must keep to its page: each piece of text and each box within the left and right margins,
 * the body's text between the top and bottom margins, the running header and « Page N / M » on
 * the page; and it must start as a PDF. A PDF refused with a diagnostic (too many pages) is
 * allowed; a refusal without one is not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsdecl/decl.h"
#include "fsdecl/eval.h"
#include "fsdecl/recap.h"
#include "fuzz_common.h"
#include "pdf_layout.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A rounding allowance, far below what a reader could see. */
#define SLACK 0.01f

typedef struct {
    char what[1200]; /* the first thing placed wrong, said */
} watcher;

static void placed(void *user, pdf_placed_kind kind, size_t page, float x, float y, float width,
                   float height, const char *text)
{
    watcher *w = user;
    if (w->what[0])
        return;
    float left = PDF_MARGIN - SLACK, right = PDF_PAGE_W - PDF_MARGIN + SLACK;
    float bottom = kind == PDF_PLACED_RUNNING ? 0 : PDF_BOTTOM - SLACK;
    float top = kind == PDF_PLACED_RUNNING ? PDF_PAGE_H : PDF_PAGE_H - PDF_TOP + SLACK;
    const char *where = x < left            ? "in the left margin"
                        : x + width > right ? "in the right margin"
                        : y < bottom        ? "under the bottom margin"
                        : y + height > top  ? "over the top margin"
                                            : NULL;
    if (where)
        snprintf(w->what, sizeof w->what,
                 "%s %s on page %zu: x %.2f y %.2f width %.2f height %.2f: « %.900s »",
                 kind == PDF_PLACED_BOX       ? "box"
                 : kind == PDF_PLACED_RUNNING ? "running header or footer"
                                              : "text",
                 where, page, (double)x, (double)y, (double)width, (double)height, text);
}

static void check_pdf(const recap *r, recap_pdf_kind kind)
{
    watcher w = {""};
    pdf_watch(placed, &w);
    diag_list d;
    diag_init(&d);
    char *out = NULL;
    size_t len = 0;
    bool ok =
        recap_render_pdf(r, kind, recap_pdf_font(false), recap_pdf_font(true), &out, &len, &d);
    pdf_watch(NULL, NULL);
    if (ok && w.what[0])
        fuzz_fail("PDF layout out of the page", w.what);
    if (ok && (len < 5 || memcmp(out, "%PDF-", 5) != 0))
        fuzz_fail("PDF made but not a PDF", NULL);
    if (!ok && d.count == 0)
        fuzz_fail("PDF refused without a diagnostic", NULL);
    free(out);
    diag_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_campaign(0);
    diag_list d;
    diag_init(&d);
    decl_t *decl = decl_parse((const char *)data, size, "fuzz", &d);
    diag_free(&d);
    const rules_campaign *c = decl ? fuzz_campaign(decl->campaign) : NULL;
    if (!c) {
        decl_free(decl);
        return 0;
    }
    eval_result *e = eval_declaration(c, decl, (date_t){c->year, 12, 20});
    recap *r = e ? recap_build(c, decl, e, NULL) : NULL;
    if (!r)
        fuzz_fail("no recap for a declaration that was read", NULL);
    check_pdf(r, size % 2 ? RECAP_PDF_FORM : RECAP_PDF_RECAP); /* one PDF an input: they are slow */
    recap_free(r);
    eval_free(e);
    decl_free(decl);
    return 0;
}
