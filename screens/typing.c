/* typing: pending edits kept with the declaration. */
#include "typing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bind.h"
#include "fsdecl/text.h"

/* At most this many restored edits wait in the form, so that fields can still be typed into. */
enum { RESTORE_MAX = FORM_MAX_PENDING - 8 };

/* The text a pending edit keeps, or NULL when it holds nothing the declaration lacks. */
static const char *kept_text(const form_pending *p, char *buf, size_t size)
{
    if (p->restored)
        return p->restored;
    if (!bind_typed(p->bind.kind))
        return NULL;
    char before[FIELD_MAX_CHARS * 4 + 1];
    field_get_text(&p->field, buf, size);
    field_get_text(&p->before, before, sizeof before);
    return p->error[0] || strcmp(buf, before) != 0 ? buf : NULL;
}

/* Adds an entry the core keeps, unless its field has one already; false when the list is
 * full. */
static bool add(decl_typing *t, size_t *n, decl_typing e)
{
    if (*n == DECL_MAX_TYPING)
        return false;
    for (size_t i = 0; i < *n; i++)
        if (strcmp(t[i].field, e.field) == 0)
            return true;
    if (decl_typing_check(&e, NULL))
        t[(*n)++] = e;
    return true;
}

void typing_sync(app *a)
{
    if (!a->doc || a->doc->read_only)
        return;
    static char texts[FORM_MAX_PENDING][FIELD_MAX_CHARS * 4 + 1];
    char names[FORM_MAX_PENDING][DECL_TYPING_FIELD_MAX + 1];
    decl_typing t[DECL_MAX_TYPING];
    size_t n = 0;
    for (size_t i = 0; i < a->form.npending; i++) { /* what the fields hold first */
        const form_pending *p = &a->form.pending[i];
        const char *text = kept_text(p, texts[i], sizeof texts[i]);
        if (text && binding_name(p->bind, names[i], sizeof names[i]) &&
            !add(t, &n, (decl_typing){names[i], text}))
            break;
    }
    for (size_t i = 0; i < a->nunplaced && add(t, &n, a->unplaced[i]); i++)
        ;
    uint64_t before = a->doc->decl->typing_print;
    decl_set_typing(a->doc->decl, t, n, NULL); /* each entry was checked */
    if (a->doc->decl->typing_print != before)
        session_changed(a->doc, app_now_ms(a));
}

/* A pending edit waiting for its field, or NULL when none can take the entry. */
static form_pending *place(app *a, const decl_typing *e)
{
    form_t *f = &a->form;
    binding b;
    if (f->npending >= RESTORE_MAX || !binding_parse(e->field, a->doc->rules, &b) ||
        !bind_typed(b.kind) || form_pending_for(f, b))
        return NULL;
    form_pending *p = &f->pending[f->npending];
    memset(p, 0, sizeof *p);
    p->bind = b;
    p->restored = strdup(e->text);
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

void typing_restore(app *a)
{
    const decl_t *d = a->doc->decl;
    if (a->doc->read_only || !d->ntyping)
        return;
    size_t found = 0;
    for (size_t i = 0; i < d->ntyping; i++)
        if (place(a, &d->typing[i]))
            found++;
        else
            carry(a, &d->typing[i]);
    if (a->nunplaced) /* the field-less ones are said first: they wait nowhere in sight */
        app_say(a, TERM_WARN,
                "%s %zu saisie%s sans champ ici, gardée%s : la transmission propose "
                "de %s.",
                term_symbol(TERM_SYM_WARN), a->nunplaced, a->nunplaced > 1 ? "s" : "",
                a->nunplaced > 1 ? "s" : "", a->nunplaced > 1 ? "les effacer" : "l'effacer");
    else if (found)
        app_say(a, TERM_WARN, "%s %zu saisie%s non validée%s retrouvée%s : %s dans %s champ.",
                term_symbol(TERM_SYM_WARN), found, found > 1 ? "s" : "", found > 1 ? "s" : "",
                found > 1 ? "s" : "", found > 1 ? "elles attendent" : "elle attend",
                found > 1 ? "leur" : "son");
}

void typing_forget(app *a)
{
    for (size_t i = 0; i < a->nunplaced; i++) {
        free((char *)a->unplaced[i].field);
        free((char *)a->unplaced[i].text);
    }
    free(a->unplaced);
    a->unplaced = NULL;
    a->nunplaced = 0;
}

void typing_drop_all(app *a)
{
    form_t *f = &a->form;
    for (size_t i = 0; i < f->npending; i++)
        free(f->pending[i].restored);
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
