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

#endif
