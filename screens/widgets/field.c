#include "widgets/field.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wctype.h>

#include "fsdecl/text.h"

#if !defined(__STDC_ISO_10646__)
#error "the field engine needs wchar_t to hold Unicode code points"
#endif

enum { DATE_DIGITS = 8, LABEL_FOLD = 512 };

/* ------------------------------------------------------------------------------------------ */
/* Characters                                                                                  */

static bool is_digit(wchar_t wc)
{
    return wc >= L'0' && wc <= L'9';
}

/* What the core refuses in a text (so that what is typed can always be kept), and the line and
 * paragraph separators. */
static bool is_control(uint32_t cp)
{
    return text_cp_control(cp) || cp == 0x2028 || cp == 0x2029;
}

/* Line breaks and tabs: what a paste turns into a space in a text field. */
static bool is_break(uint32_t cp)
{
    return cp == '\n' || cp == '\r' || cp == '\t' || cp == '\v' || cp == '\f' || cp == 0x2028 ||
           cp == 0x2029;
}

/* A character that can be typed into a line of text. */
static bool is_printable(wchar_t wc)
{
    if (wc < 0x20 || wc > 0x10FFFF || (wc >= 0xD800 && wc <= 0xDFFF))
        return false;
    return !is_control((uint32_t)wc) && wcwidth(wc) >= 0;
}

static unsigned char utf8_len(uint32_t cp)
{
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

static size_t utf8_put(uint32_t cp, char *out)
{
    static const unsigned char lead[5] = {0, 0, 0xC0, 0xE0, 0xF0};
    size_t n = utf8_len(cp);
    if (n == 1) {
        out[0] = (char)cp;
        return 1;
    }
    for (size_t i = n - 1; i > 0; i--) {
        out[i] = (char)(0x80 | (cp & 0x3F));
        cp >>= 6;
    }
    out[0] = (char)(lead[n] | cp);
    return n;
}

static field_cell make_cell(wchar_t wc)
{
    int w = wcwidth(wc);
    field_cell c = {wc, utf8_len((uint32_t)wc), (unsigned char)(w < 0 ? 1 : w)};
    return c;
}

/* ------------------------------------------------------------------------------------------ */
/* The buffer: every change goes through these, which keep bytes and columns in step          */

static void buffer_reset(field_t *f)
{
    f->len = f->cur = f->first = f->nbytes = f->ncols = 0;
}

static bool cells_insert(field_t *f, size_t at, wchar_t wc)
{
    if (f->len >= FIELD_MAX_CHARS)
        return false;
    memmove(f->cells + at + 1, f->cells + at, (f->len - at) * sizeof *f->cells);
    f->cells[at] = make_cell(wc);
    f->len++;
    f->nbytes += f->cells[at].bytes;
    f->ncols += f->cells[at].cols;
    return true;
}

static void insert_at_cursor(field_t *f, wchar_t wc)
{
    if (cells_insert(f, f->cur, wc))
        f->cur++;
}

static size_t after_remove(size_t pos, size_t from, size_t to)
{
    return pos >= to ? pos - (to - from) : pos > from ? from : pos;
}

static void cells_remove(field_t *f, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        f->nbytes -= f->cells[i].bytes;
        f->ncols -= f->cells[i].cols;
    }
    memmove(f->cells + from, f->cells + to, (f->len - to) * sizeof *f->cells);
    f->len -= to - from;
    f->cur = after_remove(f->cur, from, to);
    f->first = after_remove(f->first, from, to);
}

/* Loads UTF-8 text (no control characters) as the whole buffer, cursor at the end. */
static field_result buffer_load(field_t *f, const char *s)
{
    uint32_t cp;
    size_t n, count = 0;
    for (const char *p = s; *p; p += n, count++) {
        n = text_utf8_decode(p, &cp);
        if (!n || is_control(cp))
            return FIELD_REFUSED;
    }
    if (count > FIELD_MAX_CHARS)
        return FIELD_FULL;
    buffer_reset(f);
    for (const char *p = s; *p; p += n) {
        n = text_utf8_decode(p, &cp);
        insert_at_cursor(f, (wchar_t)cp);
    }
    return FIELD_CHANGED;
}

/* Writes cells [from, to) as UTF-8 at buf + *o; false when they do not fit (NUL included). */
static bool put_cells(const field_t *f, size_t from, size_t to, char *buf, size_t size, size_t *o)
{
    for (size_t i = from; i < to; i++) {
        if (*o + f->cells[i].bytes >= size)
            return false;
        *o += utf8_put((uint32_t)f->cells[i].ch, buf + *o);
    }
    return true;
}

static size_t cols_between(const field_t *f, size_t from, size_t to)
{
    size_t w = 0;
    for (size_t i = from; i < to; i++)
        w += f->cells[i].cols;
    return w;
}

static size_t count_digits(const field_t *f, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++)
        n += is_digit(f->cells[i].ch);
    return n;
}

/* ------------------------------------------------------------------------------------------ */
/* Moves: the cursor stops only at the start of a character with its combining marks           */

static size_t next_stop(const field_t *f, size_t i)
{
    if (i < f->len)
        i++;
    while (i < f->len && f->cells[i].cols == 0)
        i++;
    return i;
}

static size_t prev_stop(const field_t *f, size_t i)
{
    if (i > 0)
        i--;
    while (i > 0 && f->cells[i].cols == 0)
        i--;
    return i;
}

static bool is_word(const field_t *f, size_t i)
{
    return iswalnum((wint_t)f->cells[i].ch) != 0;
}

static size_t word_right(const field_t *f, size_t i)
{
    while (i < f->len && !is_word(f, i))
        i = next_stop(f, i);
    while (i < f->len && is_word(f, i))
        i = next_stop(f, i);
    return i;
}

static size_t word_left(const field_t *f, size_t i)
{
    while (i > 0 && !is_word(f, prev_stop(f, i)))
        i = prev_stop(f, i);
    while (i > 0 && is_word(f, prev_stop(f, i)))
        i = prev_stop(f, i);
    return i;
}

/* Where a move action takes the cursor; false when act is not a move. */
static bool move_target(const field_t *f, field_action act, size_t *pos)
{
    switch (act) {
    case FIELD_ACT_LEFT: *pos = prev_stop(f, f->cur); return true;
    case FIELD_ACT_RIGHT: *pos = next_stop(f, f->cur); return true;
    case FIELD_ACT_HOME: *pos = 0; return true;
    case FIELD_ACT_END: *pos = f->len; return true;
    case FIELD_ACT_WORD_LEFT: *pos = word_left(f, f->cur); return true;
    case FIELD_ACT_WORD_RIGHT: *pos = word_right(f, f->cur); return true;
    default: return false;
    }
}

/* What a deleting action removes; false when act is not one. */
static bool edit_span(const field_t *f, field_action act, size_t *from, size_t *to)
{
    switch (act) {
    case FIELD_ACT_BACKSPACE: *from = prev_stop(f, f->cur), *to = f->cur; return true;
    case FIELD_ACT_DELETE: *from = f->cur, *to = next_stop(f, f->cur); return true;
    case FIELD_ACT_KILL_END: *from = f->cur, *to = f->len; return true;
    case FIELD_ACT_KILL_START: *from = 0, *to = f->cur; return true;
    case FIELD_ACT_CLEAR: *from = 0, *to = f->len; return true;
    default: return false;
    }
}

static field_result move_to(field_t *f, size_t pos)
{
    if (pos == f->cur)
        return FIELD_NOOP;
    f->cur = pos;
    return FIELD_MOVED;
}

static field_result remove_span(field_t *f, size_t from, size_t to)
{
    if (from == to)
        return FIELD_NOOP;
    cells_remove(f, from, to);
    return FIELD_CHANGED;
}

/* Text, whole numbers, fractions: moves, then plain deletions. */
static field_result line_act(field_t *f, field_action act)
{
    size_t a, b;
    if (move_target(f, act, &a))
        return move_to(f, a);
    if (edit_span(f, act, &a, &b))
        return remove_span(f, a, b);
    return FIELD_REFUSED;
}

/* ------------------------------------------------------------------------------------------ */
/* Text                                                                                        */

static bool over(size_t limit, size_t value)
{
    return limit && value > limit;
}

/* The character a restricted field takes for wc, or 0 when it takes none. */
static wchar_t allowed_char(const field_t *f, wchar_t wc)
{
    if (!f->chars)
        return wc;
    if (wc >= L'a' && wc <= L'z' && !strchr(f->chars, (int)wc))
        wc = wc - L'a' + L'A';
    return wc > 0 && wc < 128 && strchr(f->chars, (int)wc) ? wc : 0;
}

static field_result text_insert(field_t *f, wchar_t wc)
{
    if (!is_printable(wc) || !(wc = allowed_char(f, wc)))
        return FIELD_REFUSED;
    field_cell c = make_cell(wc);
    if (c.cols == 0 && f->cur == 0)
        return FIELD_REFUSED; /* a combining mark with nothing to combine with */
    if (f->len >= FIELD_MAX_CHARS || over(f->max_bytes, f->nbytes + c.bytes) ||
        over(f->max_cols, f->ncols + c.cols))
        return FIELD_FULL;
    insert_at_cursor(f, wc);
    return FIELD_CHANGED;
}

/* ------------------------------------------------------------------------------------------ */
/* Dates: the buffer always holds a prefix of JJ/MM/AAAA                                       */

/* Rewrites the buffer in its canonical form: its digits (at most 8) grouped as JJ/MM/AAAA, with
 * a slash after a complete day or month at the end when the text ended with one or add_slash
 * asks for it. The cursor stays after the same digit, and after a slash when it was after one. */
static void date_normalise(field_t *f, bool add_slash)
{
    wchar_t d[DATE_DIGITS];
    size_t n = 0, k = 0;
    for (size_t i = 0; i < f->len && n < DATE_DIGITS; i++) {
        if (is_digit(f->cells[i].ch)) {
            k += i < f->cur;
            d[n++] = f->cells[i].ch;
        }
    }
    bool ended = f->len > 0 && f->cells[f->len - 1].ch == L'/';
    bool after = add_slash || (f->cur > 0 && f->cells[f->cur - 1].ch == L'/');
    buffer_reset(f);
    for (size_t i = 0; i < n; i++) {
        if (i == 2 || i == 4)
            cells_insert(f, f->len, L'/');
        cells_insert(f, f->len, d[i]);
    }
    if ((n == 2 || n == 4) && (ended || add_slash))
        cells_insert(f, f->len, L'/');
    f->cur = k + (k > 2) + (k > 4);
    if (after && f->cur < f->len && f->cells[f->cur].ch == L'/')
        f->cur++;
}

/* '/' typed: steps over a slash, supplies a missing one, or pads a one-digit day or month. */
static field_result date_slash(field_t *f)
{
    if (f->cur < f->len)
        return f->cells[f->cur].ch == L'/' ? move_to(f, f->cur + 1) : FIELD_REFUSED;
    if (f->len > 0 && f->cells[f->len - 1].ch == L'/')
        return FIELD_NOOP; /* already supplied */
    size_t n = count_digits(f, 0, f->len);
    if (n == 1 || n == 3) {
        cells_insert(f, f->cur - 1, L'0');
        f->cur++;
    } else if (n != 2 && n != 4) {
        return FIELD_REFUSED;
    }
    date_normalise(f, true);
    return FIELD_CHANGED;
}

static field_result date_insert(field_t *f, wchar_t wc)
{
    if (wc == L'/')
        return date_slash(f);
    if (!is_digit(wc))
        return FIELD_REFUSED;
    if (count_digits(f, 0, f->len) >= DATE_DIGITS)
        return FIELD_FULL;
    insert_at_cursor(f, wc);
    date_normalise(f, f->cur == f->len);
    return FIELD_CHANGED;
}

/* Over a slash inside the date, Backspace and Delete take the digit beyond it. */
static void date_span(const field_t *f, field_action act, size_t *from, size_t *to)
{
    if (act == FIELD_ACT_BACKSPACE && f->cur >= 2 && f->cur < f->len &&
        f->cells[f->cur - 1].ch == L'/')
        *from = f->cur - 2, *to = f->cur - 1;
    else if (act == FIELD_ACT_DELETE && f->cur + 1 < f->len && f->cells[f->cur].ch == L'/')
        *from = f->cur + 1, *to = f->cur + 2;
}

static field_result date_act(field_t *f, field_action act)
{
    size_t a, b;
    if (move_target(f, act, &a))
        return move_to(f, a);
    if (!edit_span(f, act, &a, &b))
        return FIELD_REFUSED;
    if (a == b)
        return FIELD_NOOP;
    date_span(f, act, &a, &b);
    cells_remove(f, a, b);
    date_normalise(f, false);
    return FIELD_CHANGED;
}

/* ------------------------------------------------------------------------------------------ */
/* Whole numbers and fractions                                                                 */

static size_t digits_of(uint64_t v)
{
    size_t n = 1;
    while (v >= 10) {
        v /= 10;
        n++;
    }
    return n;
}

static uint64_t magnitude(int64_t v)
{
    return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

static field_result int_insert(field_t *f, wchar_t wc)
{
    bool has_sign = f->len > 0 && f->cells[0].ch == L'-';
    if (wc == L'-') {
        if (f->min >= 0 || f->cur != 0 || has_sign)
            return FIELD_REFUSED;
    } else if (!is_digit(wc) || (has_sign && f->cur == 0)) {
        return FIELD_REFUSED;
    } else if (count_digits(f, 0, f->len) >= f->max_digits) {
        return FIELD_FULL;
    }
    insert_at_cursor(f, wc);
    return FIELD_CHANGED;
}

static size_t find_slash(const field_t *f)
{
    size_t i = 0;
    while (i < f->len && f->cells[i].ch != L'/')
        i++;
    return i;
}

static field_result fraction_insert(field_t *f, wchar_t wc)
{
    size_t s = find_slash(f);
    if (wc == L'/') {
        if (s < f->len)
            return FIELD_REFUSED;
    } else if (!is_digit(wc)) {
        return FIELD_REFUSED;
    } else if (count_digits(f, f->cur > s ? s + 1 : 0, f->cur > s ? f->len : s) >=
               FIELD_NUM_DIGITS) {
        return FIELD_FULL;
    }
    insert_at_cursor(f, wc);
    return FIELD_CHANGED;
}

typedef enum { NUM_OK, NUM_EMPTY, NUM_BAD, NUM_BIG, NUM_SMALL } num_status;

/* Reads cells [from, to) as a decimal integer with an optional leading '-'. */
static num_status parse_num(const field_t *f, size_t from, size_t to, int64_t *out)
{
    bool neg = from < to && f->cells[from].ch == L'-';
    from += neg;
    if (from == to)
        return neg ? NUM_BAD : NUM_EMPTY;
    uint64_t v = 0, limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    bool big = false;
    for (size_t i = from; i < to; i++) {
        if (!is_digit(f->cells[i].ch))
            return NUM_BAD;
        uint64_t d = (uint64_t)(f->cells[i].ch - L'0');
        big = big || v > (limit - d) / 10;
        v = big ? v : v * 10 + d;
    }
    if (big)
        return neg ? NUM_SMALL : NUM_BIG;
    *out = !neg ? (int64_t)v : v > (uint64_t)INT64_MAX ? INT64_MIN : -(int64_t)v;
    return NUM_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Choice lists: type-ahead filter, selection, ticks                                           */

static void filter_folded(const field_t *f, char *out, size_t size)
{
    char raw[FIELD_MAX_FILTER * 4 + 1];
    size_t o = 0;
    put_cells(f, 0, f->len < FIELD_MAX_FILTER ? f->len : FIELD_MAX_FILTER, raw, sizeof raw, &o);
    raw[o] = '\0';
    field_fold(raw, out, size);
}

/* How well entry i's label answers the folded filter: the best first. */
typedef enum { RANK_START, RANK_WORDS, RANK_INSIDE, RANK_NONE } match_rank;

static bool word_byte(char c)
{
    unsigned char u = (unsigned char)c;
    return u >= 0x80 || (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z');
}

/* Moves *p to the start of its next word; false when there is none. */
static bool next_word(const char **p)
{
    while (**p && !word_byte(**p))
        (*p)++;
    return **p != '\0';
}

static size_t word_len(const char *p)
{
    size_t n = 0;
    while (word_byte(p[n]))
        n++;
    return n;
}

/* Each word of q starts a word of label, in order: RANK_START when the first one starts the
 * label's first word, RANK_WORDS otherwise, RANK_NONE when they do not (or q has no word). The
 * earliest word that fits is always the right one to take, so one pass is enough. */
static match_rank words_rank(const char *label, const char *q)
{
    const char *l = label;
    bool first = true, at_start = false;
    if (!next_word(&q))
        return RANK_NONE;
    while (next_word(&q)) {
        size_t n = word_len(q);
        bool found = false;
        while (!found && next_word(&l)) {
            found = strncmp(l, q, n) == 0 && word_len(l) >= n;
            at_start = at_start || (first && found && l == label);
            l += word_len(l);
        }
        if (!found)
            return RANK_NONE;
        first = false;
        q += n;
    }
    return at_start ? RANK_START : RANK_WORDS;
}

static match_rank label_rank(const field_t *f, size_t i, const char *q)
{
    char label[LABEL_FOLD];
    field_fold(f->options[i].label, label, sizeof label);
    const char *w = q;
    if (!next_word(&w))
        return RANK_NONE; /* separators alone find nothing */
    match_rank r = words_rank(label, q);
    return r != RANK_NONE ? r : strstr(label, q) ? RANK_INSIDE : RANK_NONE;
}

/* How many entries the filter q finds: those matching it by words when there is one, else those
 * containing it. */
static size_t count_found(const field_t *f, const char *q)
{
    size_t by_words = 0, inside = 0;
    for (size_t i = 0; i < f->noptions; i++) {
        match_rank r = label_rank(f, i, q);
        by_words += r <= RANK_WORDS;
        inside += r == RANK_INSIDE;
    }
    return by_words ? by_words : inside;
}

/* Whether entry i is among those the filter q finds. */
static bool option_found(const field_t *f, size_t i, const char *q)
{
    match_rank r = label_rank(f, i, q);
    if (r == RANK_NONE)
        return false;
    if (r != RANK_INSIDE)
        return true;
    for (size_t k = 0; k < f->noptions; k++)
        if (label_rank(f, k, q) <= RANK_WORDS)
            return false;
    return true;
}

/* The entry the filter points to: the first of the best rank among those it finds. */
static size_t best_match(const field_t *f)
{
    char q[FIELD_MAX_FILTER * 4 + 1];
    size_t best = FIELD_NONE;
    match_rank best_rank = RANK_NONE;
    filter_folded(f, q, sizeof q);
    bool words = false;
    for (size_t i = 0; i < f->noptions && !words; i++)
        words = label_rank(f, i, q) <= RANK_WORDS;
    for (size_t i = 0; i < f->noptions; i++) {
        match_rank r = label_rank(f, i, q);
        if (words && r == RANK_INSIDE)
            continue;
        if (r < best_rank)
            best = i, best_rank = r;
    }
    return best;
}

static size_t next_match(const field_t *f, bool down)
{
    size_t n = f->noptions, i = f->sel;
    if (down) {
        for (i = i == FIELD_NONE ? 0 : i + 1; i < n; i++)
            if (field_option_matches(f, i))
                return i;
    } else {
        for (i = i == FIELD_NONE ? n : i; i-- > 0;)
            if (field_option_matches(f, i))
                return i;
    }
    return FIELD_NONE;
}

/* Moves the selection (choice: the value) or the highlight (multiple choice) to entry i. */
static field_result list_select(field_t *f, size_t i)
{
    if (i == f->sel)
        return FIELD_MOVED;
    f->sel = i;
    return f->kind == FIELD_CHOICE ? FIELD_CHANGED : FIELD_MOVED;
}

/* Whether the folded filter is the whole label of entry i (accents and case aside). */
static bool exact_match(const field_t *f, size_t i)
{
    char q[FIELD_MAX_FILTER * 4 + 1], label[LABEL_FOLD];
    filter_folded(f, q, sizeof q);
    field_fold(f->options[i].label, label, sizeof label);
    return strcmp(q, label) == 0;
}

/* The selection the filter made, a proposal only when others match too and it is not the whole
 * label typed: nobody chose it yet. */
static field_result filter_select(field_t *f, size_t i)
{
    bool several = f->kind == FIELD_CHOICE && field_match_count(f) > 1;
    for (size_t k = 0; several && k < f->noptions; k++)
        if (exact_match(f, k))
            i = k, several = false;
    field_result r = list_select(f, i);
    bool was = f->proposal;
    f->proposal = several;
    return r == FIELD_MOVED && was != f->proposal && f->kind == FIELD_CHOICE ? FIELD_CHANGED : r;
}

static field_result list_insert(field_t *f, wchar_t wc)
{
    if (!is_printable(wc) || (make_cell(wc).cols == 0 && f->cur == 0))
        return FIELD_REFUSED;
    if (f->len >= FIELD_MAX_FILTER)
        return FIELD_FULL;
    insert_at_cursor(f, wc);
    size_t best = best_match(f);
    if (best == FIELD_NONE) {
        cells_remove(f, f->cur - 1, f->cur);
        return FIELD_REFUSED;
    }
    return filter_select(f, best);
}

/* Up and Down are a choice: the entry reached is no longer a proposal. */
static field_result list_step(field_t *f, bool down)
{
    size_t i = next_match(f, down);
    if (i == FIELD_NONE)
        return FIELD_NOOP;
    bool was = f->proposal;
    f->proposal = false;
    field_result r = list_select(f, i);
    return r == FIELD_MOVED && was && f->kind == FIELD_CHOICE ? FIELD_CHANGED : r;
}

static field_result multi_toggle(field_t *f)
{
    if (f->kind != FIELD_MULTI || f->sel == FIELD_NONE)
        return FIELD_REFUSED;
    f->checked[f->sel] = !f->checked[f->sel];
    return FIELD_CHANGED;
}

static field_result list_clear(field_t *f)
{
    bool had = !field_is_empty(f), typed = f->len > 0;
    field_clear(f);
    return had ? FIELD_CHANGED : typed ? FIELD_MOVED : FIELD_NOOP;
}

static field_result list_act(field_t *f, field_action act)
{
    size_t a, b;
    if (act == FIELD_ACT_UP || act == FIELD_ACT_DOWN)
        return list_step(f, act == FIELD_ACT_DOWN);
    if (act == FIELD_ACT_TOGGLE)
        return multi_toggle(f);
    if (act == FIELD_ACT_CLEAR)
        return list_clear(f);
    if (move_target(f, act, &a))
        return move_to(f, a);
    if (!edit_span(f, act, &a, &b))
        return FIELD_REFUSED;
    if (a == b)
        return FIELD_NOOP;
    cells_remove(f, a, b);
    size_t best = f->len ? best_match(f) : FIELD_NONE;
    return best == FIELD_NONE ? FIELD_MOVED : filter_select(f, best); /* a proposal stays one */
}

static size_t find_option(const field_t *f, const char *id)
{
    for (size_t i = 0; i < f->noptions; i++)
        if (f->options[i].id && strcmp(f->options[i].id, id) == 0)
            return i;
    return FIELD_NONE;
}

/* ------------------------------------------------------------------------------------------ */
/* Yes / no                                                                                    */

static field_result yesno_put(field_t *f, decl_yesno v)
{
    if (f->yesno == v)
        return FIELD_NOOP;
    f->yesno = v;
    return FIELD_CHANGED;
}

static field_result yesno_insert(field_t *f, wchar_t wc)
{
    switch (wc) {
    case L'o':
    case L'O':
    case L'y':
    case L'Y': return yesno_put(f, DECL_YES);
    case L'n':
    case L'N': return yesno_put(f, DECL_NO);
    case L' ': return yesno_put(f, f->yesno == DECL_YES ? DECL_NO : DECL_YES);
    default: return FIELD_REFUSED;
    }
}

static field_result yesno_act(field_t *f, field_action act)
{
    switch (act) {
    case FIELD_ACT_TOGGLE: return yesno_insert(f, L' ');
    case FIELD_ACT_BACKSPACE:
    case FIELD_ACT_DELETE:
    case FIELD_ACT_KILL_END:
    case FIELD_ACT_KILL_START:
    case FIELD_ACT_CLEAR: return yesno_put(f, DECL_UNSET);
    default: return FIELD_REFUSED;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Set-up and dispatch                                                                         */

static void init_kind(field_t *f, field_kind kind)
{
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->sel = FIELD_NONE;
    f->yesno = DECL_UNSET;
}

void field_init_text(field_t *f, size_t max_bytes, size_t max_cols)
{
    init_kind(f, FIELD_TEXT);
    f->max_bytes = max_bytes;
    f->max_cols = max_cols;
}

void field_restrict(field_t *f, const char *chars)
{
    f->chars = chars;
}

void field_init_date(field_t *f)
{
    init_kind(f, FIELD_DATE);
}

void field_init_int(field_t *f, int64_t min, int64_t max)
{
    init_kind(f, FIELD_INT);
    f->min = min < max ? min : max;
    f->max = min < max ? max : min;
    size_t a = digits_of(magnitude(f->min)), b = digits_of(magnitude(f->max));
    f->max_digits = a > b ? a : b;
}

void field_init_fraction(field_t *f)
{
    init_kind(f, FIELD_FRACTION);
}

bool field_init_choice(field_t *f, const field_option *options, size_t n)
{
    init_kind(f, FIELD_CHOICE);
    if (!options && n)
        return false;
    f->options = options;
    f->noptions = n;
    return true;
}

bool field_init_multi(field_t *f, const field_option *options, size_t n)
{
    init_kind(f, FIELD_MULTI);
    if ((!options && n) || n > FIELD_MAX_OPTIONS)
        return false;
    f->options = options;
    f->noptions = n;
    f->sel = n ? 0 : FIELD_NONE;
    return true;
}

void field_init_yesno(field_t *f)
{
    init_kind(f, FIELD_YESNO);
}

static field_result kind_insert(field_t *f, wchar_t wc)
{
    switch (f->kind) {
    case FIELD_TEXT: return text_insert(f, wc);
    case FIELD_DATE: return date_insert(f, wc);
    case FIELD_INT: return int_insert(f, wc);
    case FIELD_FRACTION: return fraction_insert(f, wc);
    case FIELD_CHOICE:
    case FIELD_MULTI: return list_insert(f, wc);
    case FIELD_YESNO: return yesno_insert(f, wc);
    }
    return FIELD_REFUSED;
}

field_result field_insert(field_t *f, wchar_t wc)
{
    field_result r = kind_insert(f, wc);
    f->refused = r == FIELD_REFUSED ? wc : 0;
    return r;
}

field_result field_act(field_t *f, field_action act)
{
    switch (f->kind) {
    case FIELD_DATE: return date_act(f, act);
    case FIELD_CHOICE:
    case FIELD_MULTI: return list_act(f, act);
    case FIELD_YESNO: return yesno_act(f, act);
    default: return line_act(f, act);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Paste                                                                                       */

static bool only_breaks(const char *p)
{
    while (*p && is_break((unsigned char)*p))
        p++;
    return *p == '\0';
}

/* A whole ISO date, possibly followed by line breaks. */
static bool paste_iso_date(const char *s, date_t *d)
{
    char iso[11];
    if (strlen(s) < 10 || !only_breaks(s + 10))
        return false;
    memcpy(iso, s, 10);
    iso[10] = '\0';
    return date_parse(iso, d) == DATE_OK;
}

typedef struct {
    bool changed, moved;
    size_t refused;
} paste_tally;

static void tally(paste_tally *t, field_result r)
{
    t->changed |= r == FIELD_CHANGED;
    t->moved |= r == FIELD_MOVED;
    t->refused += r == FIELD_REFUSED || r == FIELD_FULL;
}

field_result field_paste(field_t *f, const char *utf8, size_t *refused)
{
    paste_tally t = {false, false, 0};
    bool gap = false;
    date_t d;
    if (refused)
        *refused = 0;
    if (!utf8)
        return FIELD_NOOP;
    if (f->kind == FIELD_DATE && paste_iso_date(utf8, &d))
        return field_set_date(f, d);
    for (const char *p = utf8; *p;) {
        uint32_t cp;
        size_t n = text_utf8_decode(p, &cp);
        p += n ? n : 1;
        if (!n) {
            t.refused++;
        } else if (is_break(cp)) {
            if (only_breaks(p))
                break;
            gap = f->kind == FIELD_TEXT;
            t.refused += f->kind != FIELD_TEXT;
        } else {
            if (gap && f->cur > 0)
                tally(&t, field_insert(f, L' '));
            gap = false;
            tally(&t, field_insert(f, (wchar_t)cp));
        }
    }
    if (refused)
        *refused = t.refused;
    return t.changed   ? FIELD_CHANGED
           : t.moved   ? FIELD_MOVED
           : t.refused ? FIELD_REFUSED
                       : FIELD_NOOP;
}

/* ------------------------------------------------------------------------------------------ */
/* Values in and out                                                                           */

field_result field_set_text(field_t *f, const char *utf8)
{
    if (f->kind != FIELD_TEXT || !utf8)
        return FIELD_REFUSED;
    return buffer_load(f, utf8);
}

field_result field_set_date(field_t *f, date_t d)
{
    char buf[16];
    if (f->kind != FIELD_DATE || d.day < 0 || d.day > 99 || d.month < 0 || d.month > 99 ||
        d.year < 0 || d.year > 9999)
        return FIELD_REFUSED;
    date_format_fr(d, buf, sizeof buf);
    return buffer_load(f, buf);
}

field_result field_set_int(field_t *f, int64_t v)
{
    char buf[32];
    if (f->kind != FIELD_INT)
        return FIELD_REFUSED;
    snprintf(buf, sizeof buf, "%" PRId64, v);
    return buffer_load(f, buf);
}

field_result field_set_fraction(field_t *f, int64_t num, int64_t den)
{
    char buf[64];
    if (f->kind != FIELD_FRACTION || num < 0 || den < 0)
        return FIELD_REFUSED;
    snprintf(buf, sizeof buf, "%" PRId64 "/%" PRId64, num, den);
    return buffer_load(f, buf);
}

field_result field_set_choice(field_t *f, const char *id)
{
    size_t i = id ? find_option(f, id) : FIELD_NONE;
    if (f->kind != FIELD_CHOICE || (id && i == FIELD_NONE))
        return FIELD_REFUSED;
    buffer_reset(f);
    f->sel = i;
    f->proposal = false;
    return FIELD_CHANGED;
}

field_result field_set_multi(field_t *f, const char *const *ids, size_t n)
{
    if (f->kind != FIELD_MULTI || (n && !ids))
        return FIELD_REFUSED;
    for (size_t k = 0; k < n; k++)
        if (!ids[k] || find_option(f, ids[k]) == FIELD_NONE)
            return FIELD_REFUSED;
    field_clear(f);
    for (size_t k = 0; k < n; k++)
        f->checked[find_option(f, ids[k])] = true;
    return FIELD_CHANGED;
}

field_result field_set_yesno(field_t *f, decl_yesno v)
{
    if (f->kind != FIELD_YESNO || (v != DECL_UNSET && v != DECL_YES && v != DECL_NO))
        return FIELD_REFUSED;
    f->yesno = v;
    return FIELD_CHANGED;
}

void field_clear(field_t *f)
{
    buffer_reset(f);
    memset(f->checked, 0, sizeof f->checked);
    f->yesno = DECL_UNSET;
    f->sel = f->kind == FIELD_MULTI && f->noptions ? 0 : FIELD_NONE;
    f->proposal = false;
}

bool field_get_text(const field_t *f, char *buf, size_t size)
{
    size_t o = 0;
    if (size == 0)
        return false;
    bool ok = put_cells(f, 0, f->len, buf, size, &o);
    buf[ok ? o : 0] = '\0';
    return ok;
}

static size_t digits_value(const wchar_t *d, size_t n)
{
    size_t v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (size_t)(d[i] - L'0');
    return v;
}

static bool fail(char *msg, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool fail(char *msg, size_t size, const char *fmt, ...)
{
    if (msg && size) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, size, fmt, ap);
        va_end(ap);
    }
    return false;
}

static bool date_check(const field_t *f, date_t *out, char *msg, size_t size)
{
    wchar_t d[DATE_DIGITS];
    size_t n = 0;
    char text[32];
    for (size_t i = 0; i < f->len && n < DATE_DIGITS; i++)
        if (is_digit(f->cells[i].ch))
            d[n++] = f->cells[i].ch;
    if (n < DATE_DIGITS)
        return fail(msg, size, "date incomplète : JJ/MM/AAAA attendu");
    date_t v = {(int)digits_value(d + 4, 4), (int)digits_value(d + 2, 2), (int)digits_value(d, 2)};
    field_get_text(f, text, sizeof text);
    if (v.year < 1900 || v.year > 2199)
        return fail(msg, size, "année hors limites (1900 à 2199) : %s", text);
    if (!date_is_valid(v))
        return fail(msg, size, "date impossible : %s", text);
    *out = v;
    return true;
}

static bool int_check(const field_t *f, int64_t *out, char *msg, size_t size)
{
    int64_t v = 0;
    switch (parse_num(f, 0, f->len, &v)) {
    case NUM_OK: break;
    case NUM_BIG: return fail(msg, size, "au plus %" PRId64, f->max);
    case NUM_SMALL: return fail(msg, size, "au moins %" PRId64, f->min);
    default: return fail(msg, size, "nombre entier attendu");
    }
    if (v < f->min)
        return fail(msg, size, "au moins %" PRId64, f->min);
    if (v > f->max)
        return fail(msg, size, "au plus %" PRId64, f->max);
    *out = v;
    return true;
}

/* One number of a fraction, cells [from, to); name says which in messages. */
static bool part_check(const field_t *f, size_t from, size_t to, const char *name, int64_t *v,
                       char *msg, size_t size)
{
    switch (parse_num(f, from, to, v)) {
    case NUM_OK: break;
    case NUM_EMPTY: return fail(msg, size, "%s manquant : N/D attendu", name);
    case NUM_BIG: return fail(msg, size, "%s : au plus %" PRId64, name, FIELD_FRACTION_MAX);
    default: return fail(msg, size, "%s : nombre entier positif attendu", name);
    }
    if (*v < 0)
        return fail(msg, size, "%s : nombre entier positif attendu", name);
    if (*v > FIELD_FRACTION_MAX)
        return fail(msg, size, "%s : au plus %" PRId64, name, FIELD_FRACTION_MAX);
    return true;
}

static bool fraction_check(const field_t *f, int64_t *num, int64_t *den, char *msg, size_t size)
{
    size_t s = find_slash(f);
    int64_t n = 0, d = 0;
    if (!part_check(f, 0, s, "numérateur", &n, msg, size))
        return false;
    if (s == f->len)
        return fail(msg, size, "dénominateur manquant : N/D attendu");
    if (!part_check(f, s + 1, f->len, "dénominateur", &d, msg, size))
        return false;
    if (d == 0)
        return fail(msg, size, "le dénominateur doit être supérieur à 0");
    if (n > d)
        return fail(msg, size, "le numérateur dépasse le dénominateur");
    *num = n;
    *den = d;
    return true;
}

static bool text_check(const field_t *f, char *msg, size_t size)
{
    if (over(f->max_bytes, f->nbytes))
        return fail(msg, size, "trop long : au plus %zu octets", f->max_bytes);
    if (over(f->max_cols, f->ncols))
        return fail(msg, size, "trop long : au plus %zu caractères", f->max_cols);
    return true;
}

bool field_get_date(const field_t *f, date_t *out)
{
    return f->kind == FIELD_DATE && date_check(f, out, NULL, 0);
}

bool field_get_int(const field_t *f, int64_t *out)
{
    return f->kind == FIELD_INT && int_check(f, out, NULL, 0);
}

bool field_get_fraction(const field_t *f, int64_t *num, int64_t *den)
{
    return f->kind == FIELD_FRACTION && fraction_check(f, num, den, NULL, 0);
}

const char *field_get_choice(const field_t *f)
{
    return f->kind == FIELD_CHOICE && f->sel != FIELD_NONE ? f->options[f->sel].id : NULL;
}

size_t field_get_multi(const field_t *f, const char **ids, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; f->kind == FIELD_MULTI && i < f->noptions; i++) {
        if (!f->checked[i])
            continue;
        if (ids && n < cap)
            ids[n] = f->options[i].id;
        n++;
    }
    return n;
}

decl_yesno field_get_yesno(const field_t *f)
{
    return f->kind == FIELD_YESNO ? f->yesno : DECL_UNSET;
}

bool field_is_empty(const field_t *f)
{
    switch (f->kind) {
    case FIELD_CHOICE: return f->sel == FIELD_NONE;
    case FIELD_MULTI: return field_get_multi(f, NULL, 0) == 0;
    case FIELD_YESNO: return f->yesno == DECL_UNSET;
    default: return f->len == 0;
    }
}

static const char *empty_message(field_kind kind)
{
    switch (kind) {
    case FIELD_CHOICE: return "à choisir dans la liste";
    case FIELD_MULTI: return "cocher au moins une case";
    case FIELD_YESNO: return "répondre oui ou non";
    default: return "à remplir";
    }
}

bool field_validate(const field_t *f, char *msg, size_t size)
{
    date_t d;
    int64_t a, b;
    if (msg && size)
        msg[0] = '\0';
    if (field_is_empty(f))
        return !f->required || fail(msg, size, "%s", empty_message(f->kind));
    switch (f->kind) {
    case FIELD_TEXT: return text_check(f, msg, size);
    case FIELD_DATE: return date_check(f, &d, msg, size);
    case FIELD_INT: return int_check(f, &a, msg, size);
    case FIELD_FRACTION: return fraction_check(f, &a, &b, msg, size);
    default: return true;
    }
}

static const char *refused_message(const field_t *f)
{
    if (f->refused == L'%' && f->kind == FIELD_INT) /* « 95 % »: a rate where a count goes */
        return "un nombre est attendu, pas un pourcentage";
    if (f->refused == L'%' && f->kind == FIELD_FRACTION)
        return "pas de pourcentage : les deux nombres, N/D (95 % de 200 : 190/200)";
    switch (f->kind) {
    case FIELD_TEXT: return "caractère non accepté dans ce champ";
    case FIELD_DATE: return "chiffres seulement : JJ/MM/AAAA";
    case FIELD_INT:
        return f->min < 0 ? "chiffres seulement, signe - en tête" : "chiffres seulement";
    case FIELD_FRACTION: return "chiffres et une barre seulement : N/D";
    case FIELD_CHOICE:
    case FIELD_MULTI: return "aucune entrée de la liste ne correspond";
    case FIELD_YESNO: return "o ou y pour oui, n pour non, Espace pour changer";
    }
    return "";
}

static const char *full_message(const field_t *f)
{
    switch (f->kind) {
    case FIELD_TEXT: return "longueur maximale atteinte";
    case FIELD_DATE: return "la date est complète";
    case FIELD_INT:
    case FIELD_FRACTION: return "trop de chiffres";
    default: return "recherche trop longue";
    }
}

const char *field_refusal(const field_t *f, field_result r)
{
    return r == FIELD_REFUSED ? refused_message(f) : r == FIELD_FULL ? full_message(f) : "";
}

size_t field_selected(const field_t *f)
{
    return f->sel;
}

bool field_option_matches(const field_t *f, size_t i)
{
    char q[FIELD_MAX_FILTER * 4 + 1];
    if (i >= f->noptions)
        return false;
    if (f->len == 0)
        return true;
    filter_folded(f, q, sizeof q);
    return option_found(f, i, q);
}

bool field_is_proposal(const field_t *f)
{
    return f->kind == FIELD_CHOICE && f->sel != FIELD_NONE && f->proposal;
}

size_t field_match_count(const field_t *f)
{
    char q[FIELD_MAX_FILTER * 4 + 1];
    if ((f->kind != FIELD_CHOICE && f->kind != FIELD_MULTI) || f->len == 0)
        return 0;
    filter_folded(f, q, sizeof q);
    return count_found(f, q);
}

bool field_option_checked(const field_t *f, size_t i)
{
    return f->kind == FIELD_MULTI && i < f->noptions && f->checked[i];
}

/* ------------------------------------------------------------------------------------------ */
/* Cursor, scrolling, view                                                                     */

field_pos field_cursor(const field_t *f)
{
    field_pos p = {f->cur, 0, 0};
    for (size_t i = 0; i < f->cur; i++) {
        p.byte += f->cells[i].bytes;
        p.col += f->cells[i].cols;
    }
    return p;
}

/* Columns the cursor's cell takes: its character's, or one at the end. */
static size_t cursor_cols(const field_t *f)
{
    size_t w = cols_between(f, f->cur, next_stop(f, f->cur));
    return w ? w : 1;
}

size_t field_scroll(field_t *f, size_t width)
{
    if (f->first > f->cur)
        f->first = f->cur;
    while (f->first > 0 && f->first < f->len && f->cells[f->first].cols == 0)
        f->first--;
    if (width == 0)
        return 0;
    while (f->first < f->cur && cols_between(f, f->first, f->cur) + cursor_cols(f) > width)
        f->first = next_stop(f, f->first);
    while (f->first > 0 && cols_between(f, prev_stop(f, f->first), f->len) + 1 <= width)
        f->first = prev_stop(f, f->first);
    return cols_between(f, f->first, f->cur);
}

size_t field_scroll_offset(const field_t *f)
{
    return cols_between(f, 0, f->first < f->len ? f->first : f->len);
}

/* The cells from byte i that fit in room columns, into buf from *o (terminated); false when buf
 * is too small. */
static bool put_view(const field_t *f, size_t i, size_t room, char *buf, size_t size, size_t *o)
{
    size_t used = 0;
    bool ok = true;
    while (ok && i < f->len) {
        size_t j = next_stop(f, i), w = cols_between(f, i, j);
        if (used + w > room)
            break;
        ok = put_cells(f, i, j, buf, size, o);
        used += w;
        i = j;
    }
    buf[*o] = '\0';
    return ok;
}

bool field_view(const field_t *f, size_t width, char *buf, size_t size)
{
    size_t o = 0;
    return size && put_view(f, f->first < f->len ? f->first : f->len, width, buf, size, &o);
}

bool field_view_start(const field_t *f, size_t width, const char *more, size_t more_cols, char *buf,
                      size_t size)
{
    size_t o = 0;
    bool whole = f->ncols <= width;
    if (size == 0)
        return false;
    size_t room = whole ? width : width > more_cols ? width - more_cols : 0;
    bool ok = put_view(f, 0, room, buf, size, &o);
    if (ok && !whole && more_cols <= width) {
        size_t n = strlen(more);
        ok = o + n < size;
        if (ok)
            memcpy(buf + o, more, n + 1);
    }
    return ok;
}

/* ------------------------------------------------------------------------------------------ */
/* Accent folding                                                                              */

/* U+00C0 to U+00DE and U+00E0 to U+00FE share their plain letters; NULL for × and ÷. */
static const char *const latin1_fold[31] = {
    "a", "a", "a", "a", "a", "a", "ae", "c",  "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  NULL, "o", "u", "u", "u", "u", "y", "th",
};

/* The folded form of one code point, or NULL to copy it as it is. */
static const char *fold_cp(uint32_t cp, char ascii[2])
{
    if (cp < 0x80) {
        ascii[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp); /* not the locale's */
        ascii[1] = '\0';
        return ascii;
    }
    if (cp >= 0x300 && cp <= 0x36F)
        return ""; /* combining diacritical marks */
    if (cp == 0xDF)
        return "ss";
    if (cp == 0xFF || cp == 0x178)
        return "y";
    if (cp >= 0xC0 && cp <= 0xFE)
        return latin1_fold[(cp - 0xC0) & 0x1F];
    if (cp == 0x152 || cp == 0x153)
        return "oe";
    if (cp == 0xA0 || cp == 0x202F)
        return " ";
    if (cp == 0x2018 || cp == 0x2019)
        return "'";
    return NULL;
}

size_t field_fold(const char *utf8, char *out, size_t size)
{
    size_t total = 0, o = 0;
    bool room = size > 0;
    for (const char *p = utf8 ? utf8 : ""; *p;) {
        uint32_t cp;
        char ascii[2];
        size_t n = text_utf8_decode(p, &cp);
        const char *rep = n ? fold_cp(cp, ascii) : "?";
        size_t rlen = rep ? strlen(rep) : n;
        if (!rep)
            rep = p;
        room = room && o + rlen < size;
        if (room) {
            memcpy(out + o, rep, rlen);
            o += rlen;
        }
        total += rlen;
        p += n ? n : 1;
    }
    if (size)
        out[o] = '\0';
    return total;
}
