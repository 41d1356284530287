/* typing: pending edits kept with the declaration. */
#include "typing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bind.h"
#include "fsdecl/text.h"

/* ---- kept: the form's pending edits and the typing carried, into the declaration ------------- */

/* The text a pending edit keeps, or NULL when it holds nothing the declaration lacks. */
static const char *kept_text(const form_pending *p, char *buf, size_t size)
{
    if (p->restored && !p->restored_as)
        return p->restored; /* its field not built yet */
    if (!bind_typed(p->bind.kind))
        return NULL;
    if (form_pending_untouched(p))
        return p->restored; /* as it was typed back: as it was kept */
    field_get_text(&p->field, buf, size);
    char before[FIELD_MAX_CHARS * 4 + 1];
    field_get_text(&p->before, before, sizeof before);
    return p->error[0] || strcmp(buf, before) != 0 ? buf : NULL;
}

static bool named(const decl_typing *t, size_t n, const char *field)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i].field, field) == 0)
            return true;
    return false;
}

/* The texts and names of the pending edits, for one typing_sync: too large for the stack. */
typedef struct {
    char texts[FORM_MAX_PENDING][FIELD_MAX_CHARS * 4 + 1];
    char names[FORM_MAX_PENDING][DECL_TYPING_FIELD_MAX + 1];
} sync_buffers;

/* What the fields hold, then the typing carried for fields not in the form; the entries point
 * into b and into the typing carried. */
static size_t candidates(app *a, sync_buffers *b, decl_typing *all)
{
    char(*texts)[FIELD_MAX_CHARS * 4 + 1] = b->texts;
    char(*names)[DECL_TYPING_FIELD_MAX + 1] = b->names;
    size_t n = 0;
    for (size_t i = 0; i < a->form.npending; i++) {
        const form_pending *p = &a->form.pending[i];
        const char *text = kept_text(p, texts[i], sizeof texts[i]);
        if (text && binding_name(p->bind, names[i], sizeof names[i]) && !named(all, n, names[i]))
            all[n++] = (decl_typing){names[i], text};
    }
    size_t fields = n;
    for (size_t i = 0; i < a->nunplaced; i++)
        if (!named(all, fields, a->unplaced[i].field))
            all[n++] = a->unplaced[i];
    return n;
}

/* Into the declaration: first what it keeps already (with its text now), then the rest while
 * there is room. Typing is never dropped once kept; new typing past the limit is said, and
 * leaving the declaration asks first (the quit question of declaration.c). */
void typing_sync(app *a)
{
    if (!a->doc || a->doc->read_only)
        return;
    sync_buffers *b = malloc(sizeof *b);
    if (!b)
        return; /* kept in the form: the next key syncs it */
    decl_typing all[FORM_MAX_PENDING + DECL_MAX_TYPING], t[DECL_MAX_TYPING];
    size_t nall = candidates(a, b, all), n = 0;
    const decl_t *d = a->doc->decl;
    size_t left_out = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < nall; i++)
            if (named(d->typing, d->ntyping, all[i].field) == (pass == 0) &&
                decl_typing_check(&all[i], NULL)) {
                if (n < DECL_MAX_TYPING)
                    t[n++] = all[i];
                else
                    left_out++;
            }
    if (left_out > a->typing_left_out) /* said again whenever more is left out */
        app_say(a, TERM_WARN,
                "%s Plus de %d saisies en attente : les nouvelles ne survivraient pas à un arrêt.",
                term_symbol(TERM_SYM_WARN), DECL_MAX_TYPING);
    a->typing_left_out = left_out;
    uint64_t before = d->typing_print;
    decl_set_typing(a->doc->decl, t, n, NULL); /* each entry was checked */
    free(b);
    if (a->doc->decl->typing_print != before)
        session_changed(a->doc, app_now_ms(a));
}

/* ---- restored: the declaration's typing back into the fields --------------------------------- */

/* A pending edit waiting for the field of b, or NULL when there is no room. */
static form_pending *place(form_t *f, binding b, const char *text)
{
    if (f->npending >= FORM_MAX_PENDING)
        return NULL;
    form_pending *p = &f->pending[f->npending];
    memset(p, 0, sizeof *p);
    p->bind = b;
    p->restored = strdup(text);
    if (!p->restored)
        return NULL;
    f->npending++;
    return p;
}

static bool carry(app *a, const decl_typing *e)
{
    decl_typing *u = realloc(a->unplaced, (a->nunplaced + 1) * sizeof *u);
    if (!u)
        return false;
    a->unplaced = u;
    u[a->nunplaced].field = strdup(e->field);
    u[a->nunplaced].text = strdup(e->text);
    if (!u[a->nunplaced].field || !u[a->nunplaced].text) {
        free((char *)u[a->nunplaced].field);
        free((char *)u[a->nunplaced].text);
        return false;
    }
    a->nunplaced++;
    return true;
}

static void uncarry(app *a, size_t i)
{
    free((char *)a->unplaced[i].field);
    free((char *)a->unplaced[i].text);
    a->unplaced[i] = a->unplaced[--a->nunplaced];
}

/* The binding an entry names, when it is one of a field typed into. */
static bool typed_binding(const app *a, const char *name, binding *b)
{
    return binding_parse(name, a->doc->rules, b) && bind_typed(b->kind);
}

static bool has_field(const form_t *f, binding b)
{
    for (size_t r = 0; r < f->nrows; r++)
        if (f->rows[r].kind == ROW_FIELD && binding_equal(f->rows[r].bind, b))
            return true;
    return false;
}

/* Which entries a tab shows the field of: each tab built once, apart, as it is now. */
static void mark_shown(app *a, const binding *b, const bool *typed, bool *shown, size_t n)
{
    form_t *f = calloc(1, sizeof *f); /* the pending edits make it large */
    for (int t = 0; f && t < a->ntabs; t++) {
        form_clear_rows(f);
        f->width = APP_MIN_COLS - 2;
        a->tabs[t]->build(a, a->tab_index[t], f);
        for (size_t i = 0; i < n; i++)
            shown[i] = shown[i] || (typed[i] && has_field(f, b[i]));
    }
    if (f)
        form_free(f);
    free(f);
}

void typing_restore(app *a)
{
    const decl_t *d = a->doc->decl;
    if (a->doc->read_only || !d->ntyping)
        return;
    binding b[DECL_MAX_TYPING];
    bool typed[DECL_MAX_TYPING], shown[DECL_MAX_TYPING] = {false};
    for (size_t i = 0; i < d->ntyping; i++)
        typed[i] = typed_binding(a, d->typing[i].field, &b[i]);
    mark_shown(a, b, typed, shown, d->ntyping);
    size_t found = 0;
    for (size_t i = 0; i < d->ntyping; i++)
        if (shown[i] && !form_pending_for(&a->form, b[i]) &&
            place(&a->form, b[i], d->typing[i].text))
            found++;
        else
            carry(a, &d->typing[i]);
    if (a->nunplaced) /* the field-less ones are said first: they wait nowhere in sight */
        app_say(a, TERM_WARN, "%s %zu saisie%s gardée%s sans champ ici : à effacer en finalisant.",
                term_symbol(TERM_SYM_WARN), a->nunplaced, a->nunplaced > 1 ? "s" : "",
                a->nunplaced > 1 ? "s" : "");
    else if (found)
        app_say(a, TERM_WARN, "%s %zu saisie%s non validée%s retrouvée%s : %s dans %s champ.",
                term_symbol(TERM_SYM_WARN), found, found > 1 ? "s" : "", found > 1 ? "s" : "",
                found > 1 ? "s" : "", found > 1 ? "elles attendent" : "elle attend",
                found > 1 ? "leur" : "son");
}

bool typing_place_waiting(app *a)
{
    bool placed = false;
    for (size_t i = 0; a->doc && !a->doc->read_only && i < a->nunplaced;) {
        binding b;
        if (!typed_binding(a, a->unplaced[i].field, &b) || !has_field(&a->form, b)) {
            i++;
            continue;
        }
        if (!form_pending_for(&a->form, b)) { /* else what its field holds wins */
            if (!place(&a->form, b, a->unplaced[i].text)) {
                i++;
                continue;
            }
            placed = true;
        }
        uncarry(a, i);
    }
    return placed;
}

/* The name of an entry once the student of removed is gone, into buf (a name that is no
 * student's as it is); false when the entry goes with that student. */
static bool follow(const app *a, const char *name, binding removed, char *buf, size_t size)
{
    binding b;
    if (!typed_binding(a, name, &b))
        return (size_t)snprintf(buf, size, "%s", name) < size;
    return bind_follow_removed(&b, removed) && binding_name(b, buf, size);
}

/* The declaration's typing renamed too: what it kept is known as kept under its new name, and so
 * keeps its place before new typing when the declaration's typing is full (typing_sync). */
static void kept_follow(app *a, binding removed)
{
    const decl_t *d = a->doc->decl;
    char names[DECL_MAX_TYPING][DECL_TYPING_FIELD_MAX + 1];
    decl_typing t[DECL_MAX_TYPING];
    size_t n = 0;
    for (size_t i = 0; i < d->ntyping; i++)
        if (follow(a, d->typing[i].field, removed, names[n], sizeof names[n])) {
            t[n] = (decl_typing){names[n], d->typing[i].text};
            n++;
        }
    decl_set_typing(a->doc->decl, t, n, NULL); /* names as they were, or binding_name's */
}

void typing_student_removed(app *a, binding removed)
{
    char name[DECL_TYPING_FIELD_MAX + 1];
    for (size_t i = 0; i < a->nunplaced;) {
        char *renamed =
            follow(a, a->unplaced[i].field, removed, name, sizeof name) ? strdup(name) : NULL;
        if (!renamed) { /* the student removed, typing and all */
            uncarry(a, i);
            continue;
        }
        free((char *)a->unplaced[i].field);
        a->unplaced[i++].field = renamed;
    }
    kept_follow(a, removed);
}

void typing_forget(app *a)
{
    while (a->nunplaced)
        uncarry(a, 0);
    free(a->unplaced);
    a->unplaced = NULL;
    a->typing_left_out = 0;
}

void typing_drop_all(app *a)
{
    form_t *f = &a->form;
    for (size_t i = 0; i < f->npending; i++)
        form_pending_free(&f->pending[i]);
    f->npending = 0;
    typing_forget(a);
    typing_sync(a);
}

/* At most max columns of s, cut between characters, "…" when cut; the bytes written. */
static size_t cut(const char *s, int max, char *buf, size_t size)
{
    size_t n = 0;
    int used = 0;
    buf[0] = '\0';
    for (const char *p = s; *p;) {
        uint32_t cp;
        size_t k = text_utf8_decode(p, &cp);
        int w = k ? text_cp_width(cp) : 1;
        k = k ? k : 1;
        if (used + w > (p[k] ? max - 1 : max) || n + k + sizeof "…" > size)
            return n + (size_t)snprintf(buf + n, size - n, "…");
        memcpy(buf + n, p, k);
        n += k, used += w, p += k;
        buf[n] = '\0';
    }
    return n;
}

void typing_list_fr(const app *a, char *buf, size_t size)
{
    const decl_t *d = a->doc->decl;
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < d->ntyping && n + 64 < size; i++) {
        if (i == 4) {
            snprintf(buf + n, size - n, ", …");
            break;
        }
        n += (size_t)snprintf(buf + n, size - n, "%s« ", i ? ", " : "");
        n += cut(d->typing[i].text, 30, buf + n, size - n - 8);
        n += (size_t)snprintf(buf + n, size - n, " »");
    }
}
