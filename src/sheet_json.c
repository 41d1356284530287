/* sheet_json: the « à reporter sur Amelipro » sheet as JSON (docs/recap-format.md), opening
 * like the recap's document. */
#include <jansson.h>

#include "fsdecl/sheet.h"
#include "recap_internal.h"

static json_t *entry_json(const sheet_entry *e)
{
    json_t *o = json_object(), *fields = json_array();
    json_object_set_new(o, "kind", json_string(vocab_id(&sheet_kind_vocab, e->kind)));
    json_object_set_new(o, "volet", recap_json_str(e->volet ? e->volet->id : NULL));
    json_object_set_new(o, "indicator", recap_json_str(e->ind ? e->ind->id : NULL));
    json_object_set_new(o, "document", recap_json_str(e->doc ? e->doc->id : NULL));
    json_object_set_new(o, "text", recap_json_str(e->text));
    json_object_set_new(o, "note", recap_json_str(e->note));
    for (size_t i = 0; i < e->nfields; i++) {
        json_t *f = json_object();
        json_object_set_new(f, "label", recap_json_str(e->fields[i].label));
        json_object_set_new(f, "value", recap_json_str(e->fields[i].value));
        json_array_append_new(fields, f);
    }
    json_object_set_new(o, "fields", fields);
    return o;
}

char *sheet_render_json(const sheet *s)
{
    json_t *o = recap_json_head(s->recap), *entries = json_array();
    if (!o || !entries) {
        json_decref(o);
        json_decref(entries);
        return NULL;
    }
    json_object_set_new(o, "sheet", json_string("amelipro"));
    json_object_set_new(o, "order_presumed", json_boolean(s->order_presumed));
    json_object_set_new(o, "unanswered", json_integer((json_int_t)s->nunanswered));
    json_object_set_new(o, "proofs_to_send", json_integer((json_int_t)s->nproofs));
    for (size_t i = 0; i < s->n; i++)
        json_array_append_new(entries, entry_json(&s->entries[i]));
    json_object_set_new(o, "entries", entries);
    return recap_json_take(o);
}
