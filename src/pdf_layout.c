/* pdf_layout: pages, wrapped text, tables and boxes on libharu (see pdf_layout.h). libharu is
 * loaded when the first document is made, not at every start: with the libraries it pulls in, it
 * would cost each start of fsdecl about a millisecond, for a PDF that most runs never write. */
#include "pdf_layout.h"

#include <dlfcn.h>
#include <hpdf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsdecl/text.h"
#include "strbuf.h"

enum { MAX_PAGES = 400, MAX_COLS = 6, MAX_LINES = 60 };

#define PAGE_W PDF_PAGE_W
#define PAGE_H PDF_PAGE_H
#define MARGIN PDF_MARGIN
#define TOP PDF_TOP
#define BOTTOM PDF_BOTTOM
#define TEXT_W (PAGE_W - 2 * MARGIN)

/* The libharu functions used, found in the library on first use. */
/* clang-format off */
#define HPDF_FUNCTIONS(X)                                                                          \
    X(New) X(Free) X(UseUTFEncodings) X(SetCompressionMode) X(LoadTTFontFromFile) X(GetFont)      \
    X(AddPage) X(Page_SetSize) X(Page_SetLineWidth) X(Page_SetGrayStroke) X(Page_MoveTo)          \
    X(Page_LineTo) X(Page_Rectangle) X(Page_Stroke) X(Page_BeginText) X(Page_SetFontAndSize)      \
    X(Page_TextOut) X(Page_EndText) X(Font_TextWidth) X(SaveToStream) X(GetStreamSize)            \
    X(ResetStream) X(ReadFromStream)
/* clang-format on */

static struct {
#define HPDF_FIELD(name) __typeof__(HPDF_##name) *name;
    HPDF_FUNCTIONS(HPDF_FIELD)
#undef HPDF_FIELD
} H;

/* Loads libharu once; false, with the reason in why, when it cannot be. */
static bool load_hpdf(char *why, size_t size)
{
    static void *lib;
    if (lib)
        return true;
    void *l = dlopen(FSDECL_HPDF_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!l) {
        snprintf(why, size, "bibliothèque PDF introuvable (paquet %s) : %s", FSDECL_HPDF_PACKAGE,
                 dlerror());
        return false;
    }
#define HPDF_LOAD(name)                                                                            \
    if (!(*(void **)&H.name = dlsym(l, "HPDF_" #name))) {                                          \
        snprintf(why, size, "bibliothèque PDF %s incomplète : HPDF_%s absente",                    \
                 FSDECL_HPDF_SONAME, #name);                                                       \
        dlclose(l);                                                                                \
        return false;                                                                              \
    }
    HPDF_FUNCTIONS(HPDF_LOAD)
#undef HPDF_LOAD
    lib = l;
    return true;
}

struct pdf_doc {
    HPDF_Doc doc;
    HPDF_Font font, bold;
    HPDF_Page pages[MAX_PAGES];
    size_t npages;
    HPDF_Page page;
    size_t pageno; /* page's number, from 1 */
    float y;       /* the baseline of the next line, from the bottom of the page */
    char header[256];
    bool failed;
    float widths[MAX_COLS];
    size_t ncols;
    const char *heading[MAX_COLS];
    bool in_table;
    float box_x, box_y; /* where the last box was drawn, for one beside it */
    uint8_t used[32];   /* the high bytes of the characters drawn: bit n of byte n / 8 */
};

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
    (void)error, (void)detail;
    ((pdf_doc *)user)->failed = true;
}

static float size_of(unsigned style)
{
    return style & PDF_TITLE ? 14.0f : style & PDF_SMALL ? 8.5f : 10.0f;
}

static float line_of(unsigned style)
{
    return size_of(style) * 1.35f;
}

static HPDF_Font font_of(pdf_doc *p, unsigned style)
{
    return style & (PDF_BOLD | PDF_TITLE) ? p->bold : p->font;
}

/* Notes the blocks of 256 code points that text uses, for the ToUnicode map. */
static void note_used(pdf_doc *p, const char *text)
{
    uint32_t cp;
    for (size_t n; *text; text += n ? n : 1)
        if ((n = text_utf8_decode(text, &cp)) && cp <= 0xFFFF)
            p->used[cp >> 11] |= (uint8_t)(1u << (cp >> 8 & 7));
}

static struct {
    pdf_watch_fn *fn;
    void *user;
} watch;

void pdf_watch(pdf_watch_fn *fn, void *user)
{
    watch.fn = fn, watch.user = user;
}

static float width_of(pdf_doc *p, unsigned style, const char *s, size_t n);

static void put_as(pdf_doc *p, pdf_placed_kind kind, float x, float y, unsigned style,
                   const char *text)
{
    note_used(p, text);
    if (watch.fn)
        watch.fn(watch.user, kind, p->pageno, x, y, width_of(p, style, text, strlen(text)),
                 size_of(style), text);
    H.Page_BeginText(p->page);
    H.Page_SetFontAndSize(p->page, font_of(p, style), size_of(style));
    H.Page_TextOut(p->page, x, y, text);
    H.Page_EndText(p->page);
}

static void put(pdf_doc *p, float x, float y, unsigned style, const char *text)
{
    put_as(p, PDF_PLACED_TEXT, x, y, style, text);
}

static void rectangle(pdf_doc *p, float x, float y, float w, float h)
{
    if (watch.fn)
        watch.fn(watch.user, PDF_PLACED_BOX, p->pageno, x, y, w, h, "");
    H.Page_Rectangle(p->page, x, y, w, h);
}

static void new_page(pdf_doc *p)
{
    if (p->npages == MAX_PAGES) {
        p->failed = true;
        return;
    }
    p->page = p->pages[p->npages++] = H.AddPage(p->doc);
    p->pageno = p->npages;
    H.Page_SetSize(p->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    put_as(p, PDF_PLACED_RUNNING, MARGIN, PAGE_H - 35, PDF_SMALL, p->header);
    H.Page_SetLineWidth(p->page, 0.5f);
    H.Page_MoveTo(p->page, MARGIN, PAGE_H - 42);
    H.Page_LineTo(p->page, PAGE_W - MARGIN, PAGE_H - 42);
    H.Page_Stroke(p->page);
    p->y = PAGE_H - TOP;
}

/* Room for height points on this page, or a new page. Returns whether a page was begun. */
static bool ensure(pdf_doc *p, float height)
{
    if (p->y - height >= BOTTOM)
        return false;
    new_page(p);
    return true;
}

static float width_of(pdf_doc *p, unsigned style, const char *s, size_t n)
{
    char buf[1024];
    n = n < sizeof buf - 1 ? n : sizeof buf - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return (float)H.Font_TextWidth(font_of(p, style), (const HPDF_BYTE *)buf, (HPDF_UINT)n).width *
           size_of(style) / 1000.0f;
}

/* Whether a line may break at the space s[at]: French typography keeps a number's digit groups
 * (« 2 520,00 »), a number and its unit (« 95,0 % », « 60 € »), a word and the punctuation after
 * it (« : », « ; », « ! », « ? », « » ») and « « » with what follows on one line. */
static bool can_break(const char *s, size_t at, size_t end)
{
    static const char *const glued_after[] = {"%", "€", ":", ";", "!", "?", "»", ")"};
    const char *next = s + at + 1;
    if (at + 1 >= end)
        return true;
    for (size_t i = 0; i < sizeof glued_after / sizeof glued_after[0]; i++)
        if (strncmp(next, glued_after[i], strlen(glued_after[i])) == 0)
            return false;
    bool digit_before = at > 0 && s[at - 1] >= '0' && s[at - 1] <= '9';
    if (digit_before && *next >= '0' && *next <= '9')
        return false;
    return !(at >= 2 && strncmp(s + at - 2, "«", 2) == 0);
}

/* The start of the character whose byte is at i (UTF-8: back over continuation bytes). */
static size_t char_start(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/* Splits text into lines of at most width points, at spaces where a line may break (and at
 * '\n'); returns the count. */
static size_t wrap(pdf_doc *p, unsigned style, float width, const char *text, char lines[][512],
                   size_t max)
{
    size_t n = 0;
    const char *s = text ? text : "";
    while (*s && n < max) {
        size_t end = strcspn(s, "\n"), take = 0, i = 0;
        while (i <= end) { /* the longest run of whole words that fits */
            size_t w = i;
            while (w < end && !(s[w] == ' ' && can_break(s, w, end)))
                w++;
            if (width_of(p, style, s, w) > width)
                break;
            take = w;
            i = w + 1;
        }
        if (!take && end) {   /* a first word wider than the column: cut it where it fits */
            size_t first = 1; /* never less than one character a line */
            while (first < end && ((unsigned char)s[first] & 0xC0) == 0x80)
                first++;
            for (take = end; take > first && width_of(p, style, s, take) > width;)
                take = char_start(s, take - 1);
            take = take > first ? take : first;
        }
        if (take > 511) /* a line holds 511 bytes: cut before the character that does not fit */
            take = char_start(s, 511);
        memcpy(lines[n], s, take);
        lines[n++][take] = '\0';
        s += take;
        while (*s == ' ')
            s++;
        if (*s == '\n')
            s++;
    }
    return n;
}

/* The running header, cut between characters with « … » where it would run into the right
 * margin (a long name) or out of its buffer. */
static void set_header(pdf_doc *p, const char *header)
{
    size_t n = strlen(header);
    if (n >= sizeof p->header)
        n = char_start(header, sizeof p->header - 1);
    memcpy(p->header, header, n);
    p->header[n] = '\0';
    if (width_of(p, PDF_SMALL, p->header, n) <= TEXT_W)
        return;
    char cut[sizeof p->header];
    for (;;) {
        n = char_start(p->header, n - 1);
        if (n + sizeof "…" > sizeof cut) /* « … » and the terminator must fit too */
            continue;
        memcpy(cut, p->header, n);
        memcpy(cut + n, "…", sizeof "…");
        if (n == 0 || width_of(p, PDF_SMALL, cut, strlen(cut)) <= TEXT_W)
            break;
    }
    memcpy(p->header, cut, n + sizeof "…");
}

pdf_doc *pdf_new(const char *font, const char *bold, const char *header, diag_list *d)
{
    char why[512];
    if (!load_hpdf(why, sizeof why)) {
        diag_add(d, "pdf", 0, "%s", why);
        return NULL;
    }
    pdf_doc *p = calloc(1, sizeof *p);
    if (!p || !(p->doc = H.New(on_error, p))) {
        diag_add(d, "pdf", 0, "mémoire insuffisante");
        free(p);
        return NULL;
    }
    H.UseUTFEncodings(p->doc);
    H.SetCompressionMode(p->doc, HPDF_COMP_ALL);
    const char *files[2] = {font, bold};
    HPDF_Font *fonts[2] = {&p->font, &p->bold};
    for (int i = 0; i < 2; i++) {
        FILE *f = fopen(files[i], "rb");
        const char *name = f ? H.LoadTTFontFromFile(p->doc, files[i], HPDF_TRUE) : NULL;
        if (f)
            fclose(f);
        if (!name || p->failed || !(*fonts[i] = H.GetFont(p->doc, name, "UTF-8"))) {
            diag_add(d, files[i], 0,
                     "police illisible : le PDF ne peut pas être fait "
                     "(paquet fonts-dejavu-core, ou FSDECL_FONT et "
                     "FSDECL_FONT_BOLD)");
            H.Free(p->doc);
            free(p);
            return NULL;
        }
    }
    set_header(p, header);
    new_page(p);
    return p;
}

/* ---- the ToUnicode maps ------------------------------------------------------------------- */

/* libharu 2.3 gives each UTF-8 font, as its ToUnicode map, the CMap that turns codes into CIDs
 * (begincidrange): readers reject it (« Invalid 'begincidrange' operator in ToUnicode CMap ») and
 * guess, so text copied out of the PDF could come out wrong. Its codes are the characters' own code
 * points, so the right map is the identity over the blocks of 256 the document uses. It is appended
 * as an incremental update (PDF 1.7, 7.5.6) that replaces those objects: nothing libharu wrote
 * moves, and the old maps are superseded. */

/* The first n bytes of hay holding needle from, or NULL. */
static const char *find_bytes(const char *hay, size_t n, const char *needle, size_t from)
{
    size_t k = strlen(needle);
    for (size_t i = from; i + k <= n; i++)
        if (memcmp(hay + i, needle, k) == 0)
            return hay + i;
    return NULL;
}

/* The number after key in text (« /Root 1 0 R » gives 1), or -1. */
static long number_after(const char *text, size_t n, const char *key)
{
    const char *at = find_bytes(text, n, key, 0);
    if (!at)
        return -1;
    char digits[24] = "";
    size_t i = (size_t)(at - text) + strlen(key), k = 0;
    while (i < n && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r'))
        i++;
    while (i < n && k + 1 < sizeof digits && text[i] >= '0' && text[i] <= '9')
        digits[k++] = text[i++];
    return k ? strtol(digits, NULL, 10) : -1;
}

static void put_tounicode(strbuf *b, const uint8_t *used, long object)
{
    strbuf map = {0};
    size_t blocks = 0;
    for (unsigned hi = 0; hi < 256; hi++)
        blocks += used[hi >> 3] >> (hi & 7) & 1 && (hi < 0xD8 || hi > 0xDF);
    strbuf_put(&map, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                     "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                     "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                     "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    for (unsigned hi = 0, in_group = 0; hi < 256; hi++) {
        if (!(used[hi >> 3] >> (hi & 7) & 1) || (hi >= 0xD8 && hi <= 0xDF)) /* no surrogates */
            continue;
        if (in_group == 0)
            strbuf_put(&map, "%zu beginbfrange\n", blocks < 100 ? blocks : 100);
        strbuf_put(&map, "<%02X00> <%02XFF> <%02X00>\n", hi, hi, hi);
        blocks--;
        if (++in_group == 100 || blocks == 0) {
            strbuf_puts(&map, "endbfrange\n");
            in_group = 0;
        }
    }
    strbuf_puts(&map, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    size_t n = 0;
    char *text = strbuf_take(&map, &n);
    strbuf_put(b, "%ld 0 obj\n<<\n/Length %zu\n>>\nstream\n%s\nendstream\nendobj\n", object, n,
               text ? text : "");
    if (!text)
        b->failed = true;
    free(text);
}

/* Appends the identity ToUnicode maps to the PDF in *pdf (*len bytes, malloc'ed). */
static bool fix_tounicode(const uint8_t *used, char **pdf, size_t *len)
{
    const char *buf = *pdf;
    size_t n = *len;
    const char *sx = n > 64 ? find_bytes(buf, n, "startxref", n - 64) : NULL;
    const char *tr = NULL;
    for (const char *t = find_bytes(buf, n, "\ntrailer", 0); t && t < sx;
         t = find_bytes(buf, n, "\ntrailer", (size_t)(t - buf) + 1))
        tr = t;
    if (!sx || !tr)
        return false;
    size_t trailer_len = (size_t)(sx - tr);
    long size = number_after(tr, trailer_len, "/Size"),
         root = number_after(tr, trailer_len, "/Root");
    long info = number_after(tr, trailer_len, "/Info"),
         prev = number_after(sx, n - (size_t)(sx - buf), "startxref");
    if (size < 1 || root < 1 || prev < 0)
        return false;
    long objects[8];
    size_t nobjects = 0;
    for (const char *m = find_bytes(buf, n, "\n/ToUnicode ", 0); m && nobjects < 8;
         m = find_bytes(buf, n, "\n/ToUnicode ", (size_t)(m - buf) + 1)) {
        long o = number_after(m, n - (size_t)(m - buf), "/ToUnicode");
        if (o > 0 && o < size)
            objects[nobjects++] = o;
    }
    strbuf b = {0};
    size_t at[8];
    for (size_t i = 0; i < nobjects; i++) {
        at[i] = n + b.len;
        put_tounicode(&b, used, objects[i]);
    }
    size_t xref = n + b.len;
    strbuf_puts(&b, "xref\n");
    for (size_t i = 0; i < nobjects; i++)
        strbuf_put(&b, "%ld 1\n%010zu 00000 n\r\n", objects[i], at[i]);
    strbuf_put(&b, "trailer\n<<\n/Size %ld\n/Root %ld 0 R\n", size, root);
    if (info > 0)
        strbuf_put(&b, "/Info %ld 0 R\n", info);
    strbuf_put(&b, "/Prev %ld\n>>\nstartxref\n%zu\n%%%%EOF\n", prev, xref);
    size_t add = 0;
    char *tail = strbuf_take(&b, &add);
    char *grown = tail ? realloc(*pdf, n + add) : NULL;
    if (!grown) {
        free(tail);
        return false;
    }
    memcpy(grown + n, tail, add);
    free(tail);
    *pdf = grown, *len = n + add;
    return true;
}

bool pdf_finish(pdf_doc *p, char **out, size_t *len, diag_list *d)
{
    *out = NULL, *len = 0;
    for (size_t i = 0; i < p->npages; i++) {
        char num[48];
        snprintf(num, sizeof num, "Page %zu / %zu", i + 1, p->npages);
        p->page = p->pages[i];
        p->pageno = i + 1;
        put_as(p, PDF_PLACED_RUNNING, PAGE_W - MARGIN - width_of(p, PDF_SMALL, num, strlen(num)),
               30, PDF_SMALL, num);
    }
    bool ok = !p->failed && H.SaveToStream(p->doc) == HPDF_OK;
    HPDF_UINT32 size = ok ? H.GetStreamSize(p->doc) : 0;
    char *buf = ok ? malloc(size ? size : 1) : NULL;
    size_t got = 0;
    if (buf) {
        H.ResetStream(p->doc);
        HPDF_UINT32 read = size;
        ok = H.ReadFromStream(p->doc, (HPDF_BYTE *)buf, &read) == HPDF_OK || read == size;
        got = read;
    }
    if (ok && buf && fix_tounicode(p->used, &buf, &got)) {
        *out = buf, *len = got;
    } else {
        free(buf);
        diag_add(d, "pdf", 0, "le PDF n'a pas pu être fait (mémoire ou police)");
        ok = false;
    }
    H.Free(p->doc);
    free(p);
    return ok;
}

void pdf_space(pdf_doc *p, float points)
{
    p->y -= points;
}

void pdf_keep(pdf_doc *p, unsigned style, int lines)
{
    ensure(p, line_of(style) + (float)lines * line_of(0));
}

void pdf_text(pdf_doc *p, float indent, unsigned style, const char *text)
{
    static char lines[MAX_LINES][512];
    size_t n = wrap(p, style, TEXT_W - indent, text, lines, MAX_LINES);
    for (size_t i = 0; i < n; i++) {
        ensure(p, line_of(style));
        p->y -= line_of(style);
        put(p, MARGIN + indent, p->y, style, lines[i]);
    }
}

static void rule(pdf_doc *p, float gray)
{
    H.Page_SetGrayStroke(p->page, gray);
    H.Page_SetLineWidth(p->page, 0.4f);
    H.Page_MoveTo(p->page, MARGIN, p->y - 3);
    H.Page_LineTo(p->page, PAGE_W - MARGIN, p->y - 3);
    H.Page_Stroke(p->page);
    H.Page_SetGrayStroke(p->page, 0);
}

/* The wrapped lines of each cell of a row, and how many the tallest has. */
static size_t wrap_row(pdf_doc *p, const char *const *cells, unsigned style,
                       char lines[][MAX_LINES][512], size_t *n)
{
    size_t most = 1;
    for (size_t c = 0; c < p->ncols; c++) {
        n[c] = cells[c] ? wrap(p, style, p->widths[c] - 6, cells[c], lines[c], MAX_LINES) : 0;
        most = n[c] > most ? n[c] : most;
    }
    return most;
}

/* A row of cells in style, kept whole: on a new page, the table's heading comes first. */
static void draw_row(pdf_doc *p, const char *const *cells, unsigned style)
{
    static char lines[MAX_COLS][MAX_LINES][512];
    size_t n[MAX_COLS];
    float h = (float)wrap_row(p, cells, style, lines, n) * line_of(style) + 4;
    if (ensure(p, h) && !(style & PDF_BOLD)) {
        draw_row(p, p->heading, PDF_BOLD);   /* the heading again on the new page */
        wrap_row(p, cells, style, lines, n); /* the heading used the same lines */
    }
    float x = MARGIN;
    for (size_t c = 0; c < p->ncols; c++) {
        for (size_t i = 0; i < n[c]; i++)
            put(p, x, p->y - (float)(i + 1) * line_of(style), style, lines[c][i]);
        x += p->widths[c];
    }
    p->y -= h;
    rule(p, style & PDF_BOLD ? 0.0f : 0.6f);
}

void pdf_table(pdf_doc *p, const float *widths, size_t ncols, const char *const *heading)
{
    p->ncols = ncols < MAX_COLS ? ncols : MAX_COLS;
    for (size_t c = 0; c < p->ncols; c++)
        p->widths[c] = widths[c], p->heading[c] = heading[c];
    p->in_table = true;
    draw_row(p, p->heading, PDF_BOLD);
}

void pdf_row(pdf_doc *p, const char *const *cells)
{
    draw_row(p, cells, PDF_SMALL);
}

void pdf_table_end(pdf_doc *p)
{
    p->in_table = false;
    p->y -= 4;
}

static void tick_box(pdf_doc *p, float x, float y, bool checked)
{
    H.Page_SetLineWidth(p->page, 0.8f);
    rectangle(p, x, y, 8, 8);
    H.Page_Stroke(p->page);
    if (checked) {
        H.Page_MoveTo(p->page, x + 1.5f, y + 1.5f);
        H.Page_LineTo(p->page, x + 6.5f, y + 6.5f);
        H.Page_MoveTo(p->page, x + 1.5f, y + 6.5f);
        H.Page_LineTo(p->page, x + 6.5f, y + 1.5f);
        H.Page_Stroke(p->page);
    }
}

void pdf_check(pdf_doc *p, float indent, bool checked, const char *text)
{
    static char lines[MAX_LINES][512];
    size_t n = wrap(p, 0, TEXT_W - indent - 14, text, lines, MAX_LINES);
    ensure(p, (float)n * line_of(0));
    for (size_t i = 0; i < n; i++) {
        p->y -= line_of(0);
        if (i == 0)
            tick_box(p, MARGIN + indent, p->y - 0.5f, checked);
        put(p, MARGIN + indent + 14, p->y, 0, lines[i]);
    }
}

void pdf_field(pdf_doc *p, const char *label, const char *value)
{
    char text[1024];
    snprintf(text, sizeof text, "%s : %s", label, value && *value ? value : "");
    if (value && *value) {
        pdf_text(p, 0, 0, text);
        return;
    }
    ensure(p, line_of(0) * 1.6f);
    p->y -= line_of(0) * 1.6f;
    put(p, MARGIN, p->y, 0, text);
    float x = MARGIN + width_of(p, 0, text, strlen(text)) + 4;
    H.Page_SetLineWidth(p->page, 0.4f);
    H.Page_MoveTo(p->page, x, p->y - 2);
    H.Page_LineTo(p->page, PAGE_W - MARGIN, p->y - 2);
    H.Page_Stroke(p->page);
}

void pdf_box(pdf_doc *p, const char *title, float height, bool side)
{
    float w = TEXT_W / 2 - 10, x = MARGIN;
    if (side) {
        x = p->box_x + w + 20;
        p->y = p->box_y;
    } else {
        ensure(p, height + 10);
        p->y -= height + 10;
    }
    p->box_x = x, p->box_y = p->y;
    H.Page_SetLineWidth(p->page, 0.8f);
    rectangle(p, x, p->y, w, height);
    H.Page_Stroke(p->page);
    put(p, x + 5, p->y + height - 12, PDF_SMALL, title);
}
