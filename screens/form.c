/* form: rows, focus, pending edits, and drawing. What a field means for the declaration is in
 * bind.c; what keys do, in edit.c. */

#include "form.h"

#include <curses.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsdecl/text.h"

bool binding_equal(binding a, binding b)
{
    return a.kind == b.kind && a.ind == b.ind && a.sub == b.sub;
}

#define FORM_BIND_NAME(constant, name) name,
static const char *const BIND_NAMES[] = {FORM_BINDS(FORM_BIND_NAME)};
#undef FORM_BIND_NAME

bool binding_name(binding b, char *buf, size_t size)
{
    if ((size_t)b.kind >= sizeof BIND_NAMES / sizeof BIND_NAMES[0])
        return false;
    int n = b.ind ? snprintf(buf, size, "%s:%s:%d", BIND_NAMES[b.kind], b.ind->id, b.sub)
                  : snprintf(buf, size, "%s:%d", BIND_NAMES[b.kind], b.sub);
    return n > 0 && (size_t)n < size;
}

/* "kind:sub" or "kind:indicator:sub", exactly as binding_name writes it ("identity:01" is not
 * "identity:1": it would be renamed, a change nobody made). */
bool binding_parse(const char *name, const rules_campaign *rules, binding *out)
{
    char buf[128];
    if (strlen(name) >= sizeof buf)
        return false;
    strcpy(buf, name);
    char *ind = strchr(buf, ':'), *sub, *end;
    if (!ind)
        return false;
    *ind++ = '\0';
    if ((sub = strchr(ind, ':')))
        *sub++ = '\0';
    else
        sub = ind, ind = NULL;
    long v = strtol(sub, &end, 10);
    if (!(*sub == '-' || (*sub >= '0' && *sub <= '9')) || *end || v < -1 || v > 100000)
        return false;
    size_t k = 0, nkinds = sizeof BIND_NAMES / sizeof BIND_NAMES[0];
    while (k < nkinds && strcmp(BIND_NAMES[k], buf) != 0)
        k++;
    if (k == nkinds)
        return false;
    *out = (binding){(bind_kind)k, NULL, (int)v};
    if (ind && !(rules && (out->ind = rules_find_indicator(rules, ind))))
        return false;
    char again[128];
    return binding_name(*out, again, sizeof again) && strcmp(again, name) == 0;
}

static form_row *new_row(form_t *f)
{
    if (f->nrows == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 64;
        form_row *r = realloc(f->rows, cap * sizeof *r);
        if (!r)
            return NULL;
        f->rows = r;
        f->cap = cap;
    }
    form_row *r = &f->rows[f->nrows++];
    memset(r, 0, sizeof *r);
    r->field = -1;
    return r;
}

static char *dup(const char *s)
{
    return s ? strdup(s) : NULL;
}

void form_clear_rows(form_t *f)
{
    for (size_t i = 0; i < f->nrows; i++) {
        free(f->rows[i].text);
        free(f->rows[i].right);
    }
    f->nrows = 0;
    f->nfields = 0;
}

void form_free(form_t *f)
{
    for (size_t i = 0; i < f->npending; i++)
        form_pending_free(&f->pending[i]);
    form_clear_rows(f);
    free(f->rows);
    free(f->fields);
    form_reset(f);
}

void form_reset(form_t *f)
{
    memset(f, 0, offsetof(form_t, pending));
}

void form_text(form_t *f, int indent, term_style st, const char *text, const char *right, int width)
{
    const char *starts[64];
    size_t lens[64];
    int room = width - indent - (right ? (int)text_width(right) + 2 : 0);
    size_t n = term_wrap(text, room > 10 ? room : 10, starts, lens, 64);
    for (size_t i = 0; i < (n ? n : 1); i++) {
        form_row *r = new_row(f);
        if (!r)
            return;
        r->kind = ROW_TEXT;
        r->indent = indent;
        r->style = st;
        r->text = n ? strndup(starts[i], lens[i]) : strdup("");
        r->right = i == 0 ? dup(right) : NULL;
    }
}

void form_blank(form_t *f)
{
    form_text(f, 0, TERM_NORMAL, "", NULL, 80);
}

void form_pending_free(form_pending *p)
{
    free(p->restored);
    free(p->restored_as);
    p->restored = p->restored_as = NULL;
}

bool form_pending_untouched(const form_pending *p)
{
    char now[FIELD_MAX_CHARS * 4 + 1];
    return p->restored && p->restored_as && field_get_text(&p->field, now, sizeof now) &&
           strcmp(now, p->restored_as) == 0;
}

form_pending *form_pending_for(form_t *f, binding b)
{
    for (size_t i = 0; i < f->npending; i++)
        if (binding_equal(f->pending[i].bind, b))
            return &f->pending[i];
    return NULL;
}

void form_pending_drop(form_t *f, binding b)
{
    for (size_t i = 0; i < f->npending; i++)
        if (binding_equal(f->pending[i].bind, b)) {
            form_pending_free(&f->pending[i]);
            f->pending[i] = f->pending[--f->npending];
            return;
        }
}

static field_t *new_field(form_t *f, int *index)
{
    if (f->nfields == f->capfields) {
        size_t cap = f->capfields ? f->capfields * 2 : 32;
        field_t *v = realloc(f->fields, cap * sizeof *v);
        if (!v)
            return NULL;
        f->fields = v;
        f->capfields = cap;
    }
    *index = (int)f->nfields;
    return &f->fields[f->nfields++];
}

/* A box's label longer than the row: its first line on the row, the rest below it. */
static const char *checkbox_rest(form_t *f, int indent, const char *label, char **first)
{
    const char *starts[16];
    size_t lens[16];
    size_t n = term_wrap(label, f->width - indent - 4, starts, lens, 16);
    *first = n > 1 ? strndup(starts[0], lens[0]) : dup(label);
    return n > 1 ? starts[1] : NULL;
}

/* Why the value typed was not accepted, under its field. */
static void error_row(form_t *f, int indent, const form_pending *p)
{
    if (!p->error[0])
        return;
    char line[320];
    snprintf(line, sizeof line, "%s %s", term_symbol(TERM_SYM_BAD), p->error);
    form_text(f, indent + 2, TERM_BAD, line, NULL, f->width);
}

field_t *form_field(form_t *f, int indent, const char *label, binding bind, widget_kind w,
                    const char *anchor, bool *fresh)
{
    int index;
    field_t *fl = new_field(f, &index);
    form_row *r = fl ? new_row(f) : NULL;
    if (!r)
        return NULL;
    r->kind = ROW_FIELD;
    r->indent = indent;
    const char *rest = NULL;
    if (w == WIDGET_CHECKBOX && f->width > 0)
        rest = checkbox_rest(f, indent, label, &r->text);
    else if (indent + (int)text_width(label) + 3 > form_label_cap(f)) {
        /* a label too long for the column goes on its own rows, the value under it */
        f->nrows--; /* the field row goes after the label's rows */
        form_text(f, indent, TERM_NORMAL, label, NULL, f->width);
        r = new_row(f);
        if (!r)
            return NULL;
        r->kind = ROW_FIELD;
        r->indent = indent;
        r->text = strdup("");
    } else
        r->text = dup(label);
    if (rest) {
        size_t ri = (size_t)(r - f->rows);
        form_text(f, indent + 4, TERM_NORMAL, rest, NULL, f->width);
        r = &f->rows[ri]; /* the rows may have moved */
    }
    r->bind = bind;
    r->widget = w;
    r->field = index;
    r->anchor = anchor;
    form_pending *p = form_pending_for(f, bind);
    *fresh = p == NULL || (p->restored && !p->restored_as); /* to be set up, then restored */
    if (*fresh)
        return fl;
    *fl = p->field;
    error_row(f, indent, p);
    return fl;
}

void form_field_restore(form_t *f, int indent, binding bind, field_t *fl)
{
    form_pending *p = form_pending_for(f, bind);
    if (!p || !p->restored || p->restored_as)
        return;
    p->before = p->field = *fl; /* typed again into the field as it is now */
    field_clear(&p->field);
    field_paste(&p->field, p->restored, NULL);
    char now[FIELD_MAX_CHARS * 4 + 1];
    field_get_text(&p->field, now, sizeof now);
    if (!(p->restored_as = strdup(now))) {
        free(p->restored); /* the field's text is kept instead */
        p->restored = NULL;
    }
    p->editing = true; /* given when the field is left */
    snprintf(p->error, sizeof p->error,
             "saisie retrouvée, pas encore validée : elle le sera en quittant ce champ ; Échap "
             "l'efface");
    *fl = p->field;
    error_row(f, indent, p);
}

void form_button(form_t *f, int indent, const char *label, binding bind, const char *anchor)
{
    form_row *r = new_row(f);
    if (!r)
        return;
    r->kind = ROW_FIELD;
    r->indent = indent;
    r->text = dup(label);
    r->bind = bind;
    r->widget = WIDGET_BUTTON;
    r->anchor = anchor;
}

field_t *form_row_field(form_t *f, const form_row *r)
{
    return r && r->field >= 0 ? &f->fields[r->field] : NULL;
}

/* ---- focus ----------------------------------------------------------------------------------- */

int form_next_focusable(const form_t *f, int from, int step)
{
    for (int i = from + step; i >= 0 && i < (int)f->nrows; i += step)
        if (f->rows[i].kind == ROW_FIELD)
            return i;
    return -1;
}

void form_focus_row(form_t *f, int row)
{
    f->focus = row;
    f->focus_bind = row >= 0 ? f->rows[row].bind : (binding){BIND_NONE, NULL, 0};
    f->focus_anchor = row >= 0 ? f->rows[row].anchor : NULL;
}

void form_restore_focus(form_t *f)
{
    if (f->focus_bind.kind != BIND_NONE)
        for (size_t i = 0; i < f->nrows; i++)
            if (f->rows[i].kind == ROW_FIELD && binding_equal(f->rows[i].bind, f->focus_bind)) {
                form_focus_row(f, (int)i);
                return;
            }
    if (f->focus_anchor && form_focus_anchor(f, f->focus_anchor))
        return;
    int start = f->focus < (int)f->nrows ? f->focus : (int)f->nrows - 1;
    int row =
        start >= 0 && f->rows[start].kind == ROW_FIELD ? start : form_next_focusable(f, start, 1);
    if (row < 0)
        row = form_next_focusable(f, start < 0 ? (int)f->nrows : start, -1);
    form_focus_row(f, row);
}

bool form_focus_anchor(form_t *f, const char *id)
{
    for (size_t i = 0; id && i < f->nrows; i++)
        if (f->rows[i].kind == ROW_FIELD && f->rows[i].anchor &&
            strcmp(f->rows[i].anchor, id) == 0) {
            form_focus_row(f, (int)i);
            return true;
        }
    return false;
}

bool form_focus_binding(form_t *f, binding b)
{
    for (size_t i = 0; i < f->nrows; i++)
        if (f->rows[i].kind == ROW_FIELD && binding_equal(f->rows[i].bind, b)) {
            form_focus_row(f, (int)i);
            return true;
        }
    return false;
}

void form_show_block(form_t *f)
{
    int top = f->focus; /* up to the blank row before the block, or six rows */
    while (top > 0 && f->focus - top < 6 &&
           !(f->rows[top - 1].kind == ROW_TEXT && !f->rows[top - 1].text[0]))
        top--;
    f->scroll = top;
}

form_row *form_focused(form_t *f)
{
    return f->focus >= 0 && f->focus < (int)f->nrows ? &f->rows[f->focus] : NULL;
}

/* ---- drawing --------------------------------------------------------------------------------- */

static int value_width(const field_t *fl, int room)
{
    /* one column more than the longest value, for the cursor after it */
    int w = fl->kind == FIELD_DATE       ? 11
            : fl->kind == FIELD_INT      ? 12
            : fl->kind == FIELD_FRACTION ? 24
                                         : 48;
    return w < room ? w : room;
}

/* "( ) Oui  (•) Non", or the options of a short list on one line. */
static void draw_options(int y, int x, int width, const field_t *fl, bool focus)
{
    const char *on = term_ascii() ? "(*)" : "(•)";
    int used = 0;
    size_t n = fl->kind == FIELD_YESNO ? 2 : fl->noptions;
    for (size_t i = 0; i < n && used < width; i++) {
        bool sel = fl->kind == FIELD_YESNO ? field_get_yesno(fl) == (i == 0 ? DECL_YES : DECL_NO)
                                           : field_selected(fl) == i;
        const char *label =
            fl->kind == FIELD_YESNO ? (i == 0 ? "Oui" : "Non") : fl->options[i].label;
        char item[160];
        snprintf(item, sizeof item, "%s %s", sel ? on : "( )", label);
        term_style st = sel && focus ? TERM_FOCUS : sel ? TERM_FIELD : TERM_NORMAL;
        used += term_text(y, x + used, width - used, st, item);
        used += term_text(y, x + used, width - used, TERM_NORMAL, "  ");
    }
}

/* A long list: the selection, or the type-ahead filter and what it selects. */
static void draw_list(int y, int x, int width, field_t *fl, bool focus, int *cursor_x)
{
    char filter[256], shown[512];
    field_get_text(fl, filter, sizeof filter);
    const char *sel = field_get_choice(fl);
    const char *label = "(choisir : Entrée)";
    for (size_t i = 0; sel && i < fl->noptions; i++)
        if (strcmp(fl->options[i].id, sel) == 0)
            label = fl->options[i].label;
    size_t found = field_match_count(fl);
    char more[96] = "";
    if (found > 1) /* the selection is only the first of them: never a silent pick */
        snprintf(more, sizeof more, " (%zu choix : Entrée)", found);
    if (field_is_proposal(fl) && !focus) /* kept as typed: the row below says why */
        snprintf(shown, sizeof shown, "%s", filter[0] ? filter : "(choisir : Entrée)");
    else if (focus && filter[0])
        snprintf(shown, sizeof shown, "%s %s %s%s", filter, term_symbol(TERM_SYM_ARROW), label,
                 more);
    else
        snprintf(shown, sizeof shown, "%s %s", label, term_ascii() ? "v" : "▾");
    term_style st = focus ? TERM_FOCUS : TERM_FIELD;
    int w = term_text(y, x, width, st, shown);
    if (focus)
        *cursor_x = x + (filter[0] ? (int)text_width(filter) : w);
}

static void draw_text_value(int y, int x, int width, field_t *fl, bool focus, int *cursor_x)
{
    char view[1024];
    int w = value_width(fl, width);
    size_t col = field_scroll(fl, (size_t)w);
    if (focus)
        field_view(fl, (size_t)w, view, sizeof view);
    else /* its beginning, the end cut off with « … » */
        field_view_start(fl, (size_t)w, term_ascii() ? "..." : "…", term_ascii() ? 3 : 1, view,
                         sizeof view);
    term_fill(y, x, w, focus ? TERM_FOCUS : TERM_FIELD);
    term_text(y, x, w, focus ? TERM_FOCUS : TERM_FIELD, view);
    if (focus)
        *cursor_x = x + (int)col;
}

static void draw_field_row(form_t *f, const form_row *r, int y, int x, int width, bool focus,
                           int *cursor_x)
{
    field_t *fl = form_row_field(f, r);
    int lx = x + r->indent;
    if (r->widget == WIDGET_BUTTON) {
        char b[256];
        snprintf(b, sizeof b, "[ %s ]", r->text);
        term_text(y, lx, width - r->indent, focus ? TERM_FOCUS : TERM_HEADING, b);
        *cursor_x = focus ? lx + 2 : *cursor_x;
        return;
    }
    if (r->widget == WIDGET_CHECKBOX) {
        bool on = fl && field_get_yesno(fl) == DECL_YES;
        int w = term_text(y, lx, width - r->indent, focus ? TERM_FOCUS : TERM_NORMAL,
                          term_symbol(on ? TERM_SYM_CHECKED : TERM_SYM_UNCHECKED));
        term_text(y, lx + w + 1, width - r->indent - w - 1, TERM_NORMAL, r->text);
        *cursor_x = focus ? lx + 1 : *cursor_x;
        return;
    }
    int vx = x + f->label_col;
    term_text(y, lx, vx - lx - 2, TERM_NORMAL, r->text);
    if (r->text[0])
        term_text(y, vx - 2, 2, TERM_NORMAL, ":");
    int room = x + width - vx;
    if (r->widget == WIDGET_YESNO || r->widget == WIDGET_RADIO) {
        draw_options(y, vx, room, fl, focus);
        *cursor_x = focus ? vx + 1 : *cursor_x;
    } else if (r->widget == WIDGET_LIST)
        draw_list(y, vx, room, fl, focus, cursor_x);
    else
        draw_text_value(y, vx, room, fl, focus, cursor_x);
}

int form_label_cap(const form_t *f)
{
    return f->width / 2 < 34 ? f->width / 2 : 34;
}

static void compute_label_col(form_t *f, int width)
{
    int col = 0;
    for (size_t i = 0; i < f->nrows; i++) {
        const form_row *r = &f->rows[i];
        if (r->kind != ROW_FIELD || r->widget == WIDGET_BUTTON || r->widget == WIDGET_CHECKBOX)
            continue;
        int c = r->indent + (int)text_width(r->text) + 3;
        col = c > col ? c : col;
    }
    (void)width;
    int cap = form_label_cap(f);
    f->label_col = col > cap ? cap : col;
}

static void keep_focus_visible(form_t *f, int height)
{
    if (f->focus < 0) {
        int max = (int)f->nrows - height;
        f->scroll = f->scroll > max ? (max > 0 ? max : 0) : f->scroll;
        return;
    }
    /* the focused row, and the heading of its block above it when it fits */
    if (f->focus < f->scroll)
        f->scroll = f->focus;
    if (f->focus >= f->scroll + height)
        f->scroll = f->focus - height + 1;
}

void form_draw(form_t *f, int y, int x, int height, int width)
{
    compute_label_col(f, width);
    keep_focus_visible(f, height);
    int cursor_y = -1, cursor_x = -1;
    for (int i = 0; i < height; i++) {
        int ri = f->scroll + i;
        if (ri >= (int)f->nrows)
            break;
        const form_row *r = &f->rows[ri];
        if (r->kind == ROW_TEXT) {
            int w = r->right ? (int)text_width(r->right) : 0;
            term_text(y + i, x + r->indent, width - r->indent - w - 1, r->style, r->text);
            if (r->right)
                term_text_right(y + i, x, width, r->right_style ? r->right_style : r->style,
                                r->right);
            continue;
        }
        int cx = -1;
        draw_field_row(f, r, y + i, x, width, ri == f->focus, &cx);
        if (ri == f->focus)
            cursor_y = y + i, cursor_x = cx;
    }
    if (f->scroll > 0) /* in the margin right of the rows */
        term_text(y, x + width, 1, TERM_DIM, term_ascii() ? "^" : "▲");
    if (f->scroll + height < (int)f->nrows)
        term_text(y + height - 1, x + width, 1, TERM_DIM, term_ascii() ? "v" : "▼");
    f->cursor_y = cursor_x >= 0 ? cursor_y : -1;
    f->cursor_x = cursor_x;
}
