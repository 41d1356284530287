#include <string.h>

#include "rules_sources.h"

VOCAB_DEFINE(rules_certainty_vocab, RULES_CERTAINTIES, RULES_CERTAINTY_COUNT)

bool rules_read_sources(cfg_doc *doc, const config_setting_t *g, const char *key, unsigned flags,
                        rules_sources *out)
{
    static const char *const keys[] = {"file", "section", "certainty", "about", "note", NULL};
    const config_setting_t *l = cfg_get_list(doc, g, key, flags);
    if (!l)
        return false;
    size_t n = (size_t)config_setting_length(l);
    out->items = arena_calloc(doc->arena, n ? n : 1, sizeof *out->items);
    out->count = 0;
    if (!out->items)
        return false;
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(l, (unsigned)i);
        rules_source *s = &out->items[out->count];
        int c = 0;
        cfg_check_keys(doc, e, keys);
        ok &= cfg_get_string(doc, e, "file", CFG_REQUIRED, &s->file);
        ok &= cfg_get_string(doc, e, "section", CFG_REQUIRED, &s->section);
        ok &= cfg_get_enum(doc, e, "certainty", CFG_REQUIRED, &rules_certainty_vocab, &c);
        cfg_get_string(doc, e, "about", CFG_OPTIONAL, &s->about);
        cfg_get_string(doc, e, "note", CFG_OPTIONAL | CFG_MULTILINE, &s->note);
        s->inferred = c == RULES_INFERRED;
        out->count++;
    }
    return ok;
}
