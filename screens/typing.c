/* typing: pending edits kept with the declaration. */
#include "typing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Only what is typed as text is kept: a box, an answer or a choice is given at once. */
static bool typed_as_text(const field_t *f)
{
    return f->kind == FIELD_TEXT || f->kind == FIELD_DATE || f->kind == FIELD_INT ||
           f->kind == FIELD_FRACTION;
}

/* The text a pending edit keeps, or NULL when it holds nothing the declaration lacks. */
static const char *kept_text(const form_pending *p, char *buf, size_t size)
{
    if (p->restored)
        return p->restored;
    if (!typed_as_text(&p->field))
        return NULL;
    char before[FIELD_MAX_CHARS * 4 + 1];
    field_get_text(&p->field, buf, size);
    field_get_text(&p->before, before, sizeof before);
    return p->error[0] || strcmp(buf, before) != 0 ? buf : NULL;
}

void typing_sync(app *a)
{
    if (!a->doc || a->doc->read_only)
        return;
    static char texts[FORM_MAX_PENDING][FIELD_MAX_CHARS * 4 + 1];
    char names[FORM_MAX_PENDING][DECL_TYPING_FIELD_MAX + 1];
    decl_typing t[FORM_MAX_PENDING];
    size_t n = 0;
    for (size_t i = 0; i < a->form.npending; i++) {
        const form_pending *p = &a->form.pending[i];
        const char *text = kept_text(p, texts[n], sizeof texts[n]);
        if (text && binding_name(p->bind, names[n], sizeof names[n])) {
            t[n] = (decl_typing){names[n], text};
            n++;
        }
    }
    uint64_t before = a->doc->decl->typing_changes;
    diag_list d;
    diag_init(&d);
    decl_set_typing(a->doc->decl, t, n, &d); /* fields keep less than a typing may hold */
    diag_free(&d);
    if (a->doc->decl->typing_changes != before)
        session_changed(a->doc, app_now_ms(a));
}

void typing_restore(app *a)
{
    const decl_t *d = a->doc->decl;
    form_t *f = &a->form;
    size_t found = 0, lost = 0;
    const char *lost_text = NULL;
    for (size_t i = 0; i < d->ntyping; i++) {
        binding b;
        form_pending *p = NULL;
        if (binding_parse(d->typing[i].field, a->doc->rules, &b) && !form_pending_for(f, b) &&
            f->npending < FORM_MAX_PENDING) {
            p = &f->pending[f->npending];
            memset(p, 0, sizeof *p);
            p->bind = b;
            p->restored = strdup(d->typing[i].text);
        }
        if (p && p->restored) {
            f->npending++;
            found++;
        } else if (!lost++) {
            lost_text = d->typing[i].text;
        }
    }
    if (lost)
        app_say(a, TERM_BAD,
                "%s %zu saisie%s non validée%s sans champ dans cette campagne : « %s »%s",
                term_symbol(TERM_SYM_BAD), lost, lost > 1 ? "s" : "", lost > 1 ? "s" : "",
                lost_text, lost > 1 ? "…" : "");
    else if (found)
        app_say(a, TERM_WARN, "%s %zu saisie%s non validée%s retrouvée%s : %s dans %s champ.",
                term_symbol(TERM_SYM_WARN), found, found > 1 ? "s" : "", found > 1 ? "s" : "",
                found > 1 ? "s" : "", found > 1 ? "elles attendent" : "elle attend",
                found > 1 ? "leur" : "son");
}

void typing_drop_all(app *a)
{
    form_t *f = &a->form;
    for (size_t i = 0; i < f->npending; i++)
        free(f->pending[i].restored);
    f->npending = 0;
    typing_sync(a);
}

void typing_list_fr(const app *a, char *buf, size_t size)
{
    const decl_t *d = a->doc->decl;
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < d->ntyping && n < size; i++)
        n += (size_t)snprintf(buf + n, size - n, "%s« %s »", i ? ", " : "", d->typing[i].text);
}
