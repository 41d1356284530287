/* pdf_layout: a small page layout on libharu for the recap and the paper form: A4 pages with a
 * running header and « Page N / M », wrapped text, table rows that move whole to the next page,
 * boxes to tick. Coordinates are PDF points (1/72 inch); they are layout only, never amounts. */
#ifndef FSDECL_PDF_LAYOUT_H
#define FSDECL_PDF_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "fsdecl/diag.h"

typedef struct pdf_doc pdf_doc;

/* A document whose pages carry header (top) and « Page N / M » (bottom); the fonts are TrueType
 * files embedded whole. NULL with a French message in d when a font cannot be read. */
pdf_doc *pdf_new(const char *font, const char *bold, const char *header, diag_list *d);
/* Writes the document to memory (*out malloc'ed); frees it either way. */
bool pdf_finish(pdf_doc *p, char **out, size_t *len, diag_list *d);

enum { PDF_BOLD = 1 << 0, PDF_SMALL = 1 << 1, PDF_TITLE = 1 << 2 };

/* A paragraph across the width, from the left margin plus indent, wrapped at spaces. */
void pdf_text(pdf_doc *p, float indent, unsigned style, const char *text);
/* Vertical space. */
void pdf_space(pdf_doc *p, float points);
/* A heading in style kept with the lines of body text after it: a new page now unless the
 * heading and that many lines fit on this one. */
void pdf_keep(pdf_doc *p, unsigned style, int lines);

/* A table: the widths of its columns (summing to the text width at most) and its heading row,
 * repeated at the top of every page it continues on. */
void pdf_table(pdf_doc *p, const float *widths, size_t ncols, const char *const *heading);
/* One row, kept whole on a page; cells may be NULL. */
void pdf_row(pdf_doc *p, const char *const *cells);
void pdf_table_end(pdf_doc *p);

/* A line with a box to tick before it (checked or not) and its text, wrapped. */
void pdf_check(pdf_doc *p, float indent, bool checked, const char *text);
/* A labelled line to write on by hand: « label : value » or « label : ________ ». */
void pdf_field(pdf_doc *p, const char *label, const char *value);
/* An empty framed box of the given height, titled (signature, stamp), beside the previous one
 * when side is true. */
void pdf_box(pdf_doc *p, const char *title, float height, bool side);

/* Where the layout puts things, for the tests and fuzzers that check it keeps to the page: every
 * piece of text (its box from the baseline: x, y, width, font size) and every framed box, with the
 * page's number from 1. The running header and « Page N / M » are PDF_PLACED_RUNNING: they sit in
 * the top and bottom margins on purpose. */
typedef enum { PDF_PLACED_TEXT, PDF_PLACED_RUNNING, PDF_PLACED_BOX } pdf_placed_kind;
typedef void pdf_watch_fn(void *user, pdf_placed_kind kind, size_t page, float x, float y,
                          float width, float height, const char *text);
/* Calls fn for what every document made from now on places; NULL to stop. */
void pdf_watch(pdf_watch_fn *fn, void *user);
/* The page and its margins, in points. */
#define PDF_PAGE_W 595.276f /* A4 */
#define PDF_PAGE_H 841.89f
#define PDF_MARGIN 50.0f /* left and right */
#define PDF_TOP 70.0f    /* above the first line, under the running header */
#define PDF_BOTTOM 60.0f /* under the last line, above « Page N / M » */

#endif
