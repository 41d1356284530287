/* recap_text: the recap as the text of `fsdecl check`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsdecl/recap.h"
#include "fsdecl/text.h"
#include "recap_internal.h"
#include "strbuf.h"

/* Spaces up to column width after text already put (columns, not bytes). */
static void pad(strbuf *b, const char *text, size_t width)
{
    size_t w = text_width(text);
    strbuf_put(b, "%*s", (int)(w < width ? width - w : 0), "");
}

static void put_item(strbuf *b, const recap_volet *rv, const recap_item *it)
{
    const char *st = vocab_fr(&eval_status_vocab, it->eval->status);
    strbuf_put(b, "  %s", st);
    pad(b, st, 23);
    if (rv->volet->award == RULES_PER_INDICATOR) {
        char pts[64], lo[32], hi[32];
        text_points(it->eval->min_tenths, lo, sizeof lo);
        text_points(it->eval->max_tenths, hi, sizeof hi);
        if (it->eval->min_tenths == it->eval->max_tenths)
            strbuf_put(b, "%9s pts  ", lo);
        else {
            snprintf(pts, sizeof pts, "%s-%s", lo, hi);
            strbuf_put(b, "%9s pts  ", pts);
        }
    }
    strbuf_put(b, "%s\n", it->eval->ind->label);
}

static void put_volets(strbuf *b, const recap *r)
{
    for (size_t v = 0; v < r->nvolets; v++) {
        const recap_volet *rv = &r->volets[v];
        char all[32];
        text_points(rv->volet->points_tenths, all, sizeof all);
        strbuf_put(b, "\n%s : ", rv->volet->label);
        recap_put_range(b, rv->eval->min_tenths, rv->eval->max_tenths, false);
        strbuf_put(b, " sur %s\n", all);
        for (size_t i = 0; i < rv->nitems; i++)
            put_item(b, rv, &rv->items[i]);
    }
}

static void put_missing(strbuf *b, const eval_result *e)
{
    if (!e->nmissing)
        return;
    strbuf_puts(b, "\nCe qui manque, par valeur :\n");
    for (size_t i = 0; i < e->nmissing; i++) {
        char m[48], what[700];
        text_money(e->missing[i].gain_cents, m, sizeof m);
        strbuf_put(b, "  %14s  %s\n", m, eval_missing_label(&e->missing[i], what, sizeof what));
    }
}

static void put_messages(strbuf *b, const eval_result *e)
{
    if (!e->nmessages)
        return;
    strbuf_puts(b, "\nMessages :\n");
    for (int sev = 0; sev < EVAL_SEVERITY_COUNT; sev++)
        for (size_t i = 0; i < e->nmessages; i++) {
            const eval_message *m = &e->messages[i];
            if ((int)m->severity == sev)
                strbuf_put(b, "  [%s] %s (%s)\n", vocab_fr(&eval_severity_vocab, m->severity),
                           m->text, m->id);
        }
}

char *recap_render_check_text(const recap *r, const char *file)
{
    const decl_t *d = r->decl;
    const eval_result *e = r->eval;
    strbuf b = {0};
    /* a file name is the user's: no line break or mark of it reaches the header */
    size_t n = strlen(file) + 1;
    char *safe = malloc(n);
    if (!safe)
        return NULL;
    text_sanitize(file, false, safe, n);
    strbuf_put(&b, "== %s — %s %s — %s\n", safe,
               d->identity.last_name ? d->identity.last_name : "?",
               d->identity.first_name ? d->identity.first_name : "", r->campaign->title);
    free(safe);
    put_volets(&b, r);
    strbuf_puts(&b, "\nTotal : ");
    recap_put_range(&b, e->min_tenths, e->max_tenths, false);
    strbuf_puts(&b, " = ");
    recap_put_range(&b, e->min_cents, e->max_cents, true);
    strbuf_puts(&b, "\n");
    put_missing(&b, e);
    put_messages(&b, e);
    if (e->nblocking)
        strbuf_put(&b, "\nVerdict : %zu problème%s à régler.\n", e->nblocking,
                   e->nblocking > 1 ? "s" : "");
    else
        strbuf_puts(&b, "\nVerdict : déclaration complète et recevable.\n");
    return strbuf_take(&b, NULL);
}
