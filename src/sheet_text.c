/* sheet_text: the « à reporter sur Amelipro » sheet as text to follow on screen. */
#include <stdlib.h>

#include "fsdecl/sheet.h"
#include "recap_internal.h"
#include "strbuf.h"

/* Where on Amelipro the declaration is made [seed 000, 001 §III]. */
#define SHEET_WHERE                                                                                         \
    "Sur Amelipro : « Ma convention » (Activités › Convention – ROSP – OPTAM), puis « Déclarer " \
    "mes indicateurs » : un onglet par volet, les deux à renseigner."

static void put_heading(strbuf *b, const sheet *s)
{
    const recap *r = s->recap;
    const decl_t *d = r->decl;
    const char *rpps = decl_identity(d, DECL_ID_RPPS);
    strbuf_put(b, "Praticien : %s %s ; N° RPPS : %s\n",
               d->identity.last_name ? d->identity.last_name : "?",
               d->identity.first_name ? d->identity.first_name : "", rpps ? rpps : "non renseigné");
    recap_put_campaign(b, r);
}

static void put_entry(strbuf *b, const sheet_entry *e)
{
    switch (e->kind) {
    case SHEET_TAB: strbuf_put(b, "\nOnglet « %s »\n", e->text); return;
    case SHEET_PROOF: strbuf_put(b, "  - Justificatif : %s\n", e->text); break;
    case SHEET_ATTESTATION: strbuf_put(b, "  - Cochez : « %s »\n", e->text); break;
    case SHEET_SUBMIT: strbuf_put(b, "  - %s\n", e->text); break;
    default: strbuf_put(b, "  - %s\n", e->text); break;
    }
    for (size_t i = 0; i < e->nfields; i++)
        strbuf_put(b, "      %s : %s\n", e->fields[i].label, e->fields[i].value);
    if (e->note)
        strbuf_put(b, "      %s\n", e->note);
}

char *sheet_render_text(const sheet *s)
{
    strbuf b = {0};
    strbuf_put(&b, "À reporter sur Amelipro — %s\n\n", s->recap->campaign->title);
    put_heading(&b, s);
    strbuf_put(&b, "%s\n", SHEET_WHERE);
    if (s->order_presumed)
        strbuf_put(&b, "%s.\n", SHEET_ORDER_WORDS);
    if (s->nunanswered)
        strbuf_put(&b,
                   "%zu indicateur%s non renseigné%s : à compléter avant de transmettre sur "
                   "Amelipro.\n",
                   s->nunanswered, s->nunanswered > 1 ? "s" : "", s->nunanswered > 1 ? "s" : "");
    bool last_tab = true;
    for (size_t i = 0; i < s->n; i++) {
        const sheet_entry *e = &s->entries[i];
        if (!e->volet && last_tab) {
            strbuf_puts(&b, "\nPour finir\n");
            last_tab = false;
        }
        put_entry(&b, e);
    }
    return strbuf_take(&b, NULL);
}
