#include "fsdecl/rules.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfgread.h"
#include "rules_sources.h"
#include "fsdecl/text.h"

enum { MAX_POINTS_TENTHS = 100000, MAX_ITEMS = 500 };

VOCAB_DEFINE(rules_scheme_vocab, RULES_SCHEMES, RULES_SCHEME_COUNT)
VOCAB_DEFINE(rules_status_vocab, RULES_STATUSES, RULES_STATUS_COUNT)
VOCAB_DEFINE(rules_kind_vocab, RULES_KINDS, RULES_KIND_COUNT)
VOCAB_DEFINE(rules_award_vocab, RULES_AWARDS, RULES_AWARD_COUNT)
VOCAB_DEFINE(rules_proof_vocab, RULES_PROOFS, RULES_PROOF_COUNT)
VOCAB_DEFINE(rules_compare_vocab, RULES_COMPARES, RULES_COMPARE_COUNT)
VOCAB_DEFINE(rules_crit_vocab, RULES_CRIT_TYPES, RULES_CRIT_TYPE_COUNT)
VOCAB_DEFINE(rules_profession_vocab, RULES_PROFESSIONS, RULES_PROF_COUNT)
VOCAB_DEFINE(rules_doc_kind_vocab, RULES_DOC_KINDS, RULES_DOC_KIND_COUNT)
VOCAB_DEFINE(rules_when_vocab, RULES_WHENS, RULES_WHEN_COUNT)

typedef struct {
    cfg_doc doc;
    rules_campaign *c;
    const char *const *list_dirs;
    size_t nlist_dirs;
    const char *own_dir;
} loader;

#define ERR(at, ...) cfg_error(&L->doc, (at), __VA_ARGS__)

/* ---- small helpers ---------------------------------------------------------------------- */

/* An array of names from a fixed vocabulary, as bit flags. */
static bool read_flags(loader *L, const config_setting_t *g, const char *key, const vocab_t *vocab,
                       unsigned *out)
{
    const char **v = NULL;
    size_t n = 0;
    if (!cfg_get_strings(&L->doc, g, key, CFG_REQUIRED, false, &v, &n))
        return false;
    unsigned f = 0;
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        int k = vocab_find(vocab, v[i]);
        if (k < 0) {
            char safe[64];
            text_sanitize(v[i], false, safe, sizeof safe);
            ERR(config_setting_get_member(g, key), "valeur « %s » inconnue dans « %s »", safe, key);
            ok = false;
        } else {
            f |= 1u << k;
        }
    }
    *out = f;
    return ok;
}

static const config_setting_t *list_elems(loader *L, const config_setting_t *g, const char *key,
                                          unsigned flags, size_t *n)
{
    const config_setting_t *l = cfg_get_list(&L->doc, g, key, flags);
    *n = l ? (size_t)config_setting_length(l) : 0;
    if (*n > MAX_ITEMS) {
        ERR(l, "« %s » a %zu éléments : au plus %d", key, *n, MAX_ITEMS);
        *n = 0;
        return NULL;
    }
    return l;
}

static const char *dir_of(const char *path, arena_t *a)
{
    const char *s = strrchr(path, '/');
    if (!s)
        return ".";
    size_t n = (size_t)(s - path);
    if (n == 0)
        return "/";
    char *d = arena_alloc(a, n + 1);
    if (d)
        memcpy(d, path, n);
    return d;
}

/* ---- campaign ------------------------------------------------------------------------------ */

static void read_window(loader *L, const config_setting_t *cg)
{
    static const char *const keys[] = {"opens", "opens_approximate", "closes", "closes_inferred",
                                       "note",  "sources",           NULL};
    rules_campaign *c = L->c;
    const config_setting_t *w = cfg_get_group(&L->doc, cg, "window", CFG_REQUIRED);
    if (!w)
        return;
    cfg_check_keys(&L->doc, w, keys);
    bool opens = cfg_get_date(&L->doc, w, "opens", CFG_REQUIRED, &c->window.opens);
    cfg_get_bool(&L->doc, w, "opens_approximate", CFG_OPTIONAL, &c->window.opens_approximate);
    c->window.has_closes = cfg_get_date(&L->doc, w, "closes", CFG_OPTIONAL, &c->window.closes);
    cfg_get_bool(&L->doc, w, "closes_inferred", CFG_OPTIONAL, &c->window.closes_inferred);
    if (c->window.closes_inferred && !c->window.has_closes)
        ERR(config_setting_get_member(w, "closes_inferred"),
            "closes_inferred sans date de clôture (closes)");
    cfg_get_string(&L->doc, w, "note", CFG_OPTIONAL | CFG_MULTILINE, &c->window.note);
    rules_read_sources(&L->doc, w, "sources", CFG_REQUIRED, &c->window.sources);
    /* A campaign declares its own year: its window cannot open before that year begins, which
     * lets the campaign of a day be found without reading the later campaigns (session). */
    if (opens && c->year && c->window.opens.year < c->year) {
        char o[16];
        date_format_fr(c->window.opens, o, sizeof o);
        ERR(config_setting_get_member(w, "opens"),
            "l'ouverture (%s) précède l'année de la campagne (%d) : une campagne se déclare "
            "pendant ou après son année",
            o, c->year);
    }
    if (opens && c->window.has_closes && date_cmp(c->window.closes, c->window.opens) < 0) {
        char o[16], cl[16];
        date_format_fr(c->window.opens, o, sizeof o);
        date_format_fr(c->window.closes, cl, sizeof cl);
        ERR(config_setting_get_member(w, "closes"), "la clôture (%s) précède l'ouverture (%s)", cl,
            o);
    }
}

static void read_deadlines(loader *L, const config_setting_t *cg)
{
    static const char *const keys[] = {"id",         "date", "label",   "replaces",
                                       "indicators", "note", "sources", NULL};
    rules_campaign *c = L->c;
    size_t n;
    const config_setting_t *l = list_elems(L, cg, "deadlines", CFG_OPTIONAL, &n);
    c->deadlines = arena_calloc(c->arena, n ? n : 1, sizeof *c->deadlines);
    if (!l || !c->deadlines)
        return;
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(l, (unsigned)i);
        rules_deadline *dl = &c->deadlines[i];
        dl->line = cfg_line(e);
        cfg_check_keys(&L->doc, e, keys);
        cfg_get_id(&L->doc, e, "id", CFG_REQUIRED, &dl->id);
        cfg_get_date(&L->doc, e, "date", CFG_REQUIRED, &dl->date);
        cfg_get_string(&L->doc, e, "label", CFG_REQUIRED, &dl->label);
        dl->has_replaces = cfg_get_date(&L->doc, e, "replaces", CFG_OPTIONAL, &dl->replaces);
        cfg_get_strings(&L->doc, e, "indicators", CFG_OPTIONAL, true, &dl->indicators,
                        &dl->nindicators);
        cfg_get_string(&L->doc, e, "note", CFG_OPTIONAL | CFG_MULTILINE, &dl->note);
        rules_read_sources(&L->doc, e, "sources", CFG_REQUIRED, &dl->sources);
        for (size_t j = 0; dl->id && j < i; j++)
            if (c->deadlines[j].id && strcmp(c->deadlines[j].id, dl->id) == 0)
                ERR(e, "identifiant « %s » en double (déjà défini ligne %d)", dl->id,
                    c->deadlines[j].line);
    }
    c->ndeadlines = n;
}

static void read_campaign(loader *L, const config_setting_t *root)
{
    static const char *const keys[] = {"year",
                                       "scheme",
                                       "title",
                                       "status",
                                       "professions",
                                       "point_value_cents",
                                       "evaluation_date",
                                       "window",
                                       "deadlines",
                                       "note",
                                       "sources",
                                       NULL};
    rules_campaign *c = L->c;
    const config_setting_t *cg = cfg_get_group(&L->doc, root, "campaign", CFG_REQUIRED);
    if (!cg)
        return;
    cfg_check_keys(&L->doc, cg, keys);
    int64_t year = 0;
    int scheme = 0, status = 0;
    cfg_get_int(&L->doc, cg, "year", CFG_REQUIRED, 2000, 2100, &year);
    c->year = (int)year;
    cfg_get_enum(&L->doc, cg, "scheme", CFG_REQUIRED, &rules_scheme_vocab, &scheme);
    c->scheme = (rules_scheme)scheme;
    cfg_get_string(&L->doc, cg, "title", CFG_REQUIRED, &c->title);
    cfg_get_enum(&L->doc, cg, "status", CFG_REQUIRED, &rules_status_vocab, &status);
    c->status = (rules_status)status;
    if (cfg_get_strings(&L->doc, cg, "professions", CFG_OPTIONAL, true, &c->professions,
                        &c->nprofessions)) {
        for (size_t i = 0; i < c->nprofessions; i++)
            if (vocab_find(&rules_profession_vocab, c->professions[i]) < 0)
                ERR(config_setting_get_member(cg, "professions"), "profession « %s » inconnue",
                    c->professions[i]);
    } else {
        static const char *medecin[] = {"medecin", NULL};
        c->professions = medecin;
        c->nprofessions = 1;
    }
    cfg_get_int(&L->doc, cg, "point_value_cents", CFG_REQUIRED, 1, 100000, &c->point_value_cents);
    cfg_get_date(&L->doc, cg, "evaluation_date", CFG_REQUIRED, &c->evaluation_date);
    read_window(L, cg);
    read_deadlines(L, cg);
    cfg_get_string(&L->doc, cg, "note", CFG_OPTIONAL | CFG_MULTILINE, &c->note);
    rules_read_sources(&L->doc, cg, "sources", CFG_REQUIRED, &c->sources);
}

static void read_lists(loader *L, const config_setting_t *root)
{
    rules_campaign *c = L->c;
    const config_setting_t *g = cfg_get_group(&L->doc, root, "lists", CFG_OPTIONAL);
    size_t n = g ? (size_t)config_setting_length(g) : 0;
    c->lists = arena_calloc(c->arena, n ? n : 1, sizeof *c->lists);
    if (!c->lists)
        return;
    const char *dirs[16];
    size_t nd = 0;
    dirs[nd++] = L->own_dir;
    for (size_t i = 0; i < L->nlist_dirs && nd < 16; i++)
        dirs[nd++] = L->list_dirs[i];
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(g, (unsigned)i);
        const char *role = config_setting_name(e);
        const char *name = NULL;
        if (!cfg_get_string(&L->doc, g, role, CFG_REQUIRED, &name))
            continue;
        bool safe = name[0] != '\0' && name[0] != '.';
        for (const char *p = name; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
                safe = false;
        if (!safe) {
            ERR(e, "nom de liste « %s » invalide : minuscules, chiffres, - et _", role);
            continue;
        }
        size_t before = L->doc.diag->count;
        lists_table *rl = lists_load(name, dirs, nd, c->arena, L->doc.diag);
        if (!rl && L->doc.diag->count == before)
            ERR(e, "liste « %s » introuvable (fichier %s.cfg)", name, name);
        else if (!rl)
            ERR(e, "la liste « %s » n'a pas pu être chargée", name);
        c->lists[c->nlists].role = arena_strdup(c->arena, role);
        c->lists[c->nlists].list = rl;
        c->nlists++;
    }
}

/* ---- volets and groups ----------------------------------------------------------------- */

static int find_volet(const rules_campaign *c, const char *id)
{
    for (size_t i = 0; id && i < c->nvolets; i++)
        if (c->volets[i].id && strcmp(c->volets[i].id, id) == 0)
            return (int)i;
    return -1;
}

static int find_group(const rules_campaign *c, const char *id)
{
    for (size_t i = 0; id && i < c->ngroups; i++)
        if (c->groups[i].id && strcmp(c->groups[i].id, id) == 0)
            return (int)i;
    return -1;
}

static void read_volets(loader *L, const config_setting_t *root)
{
    static const char *const keys[] = {"id",    "number",   "label",   "points_tenths",
                                       "award", "requires", "sources", NULL};
    rules_campaign *c = L->c;
    size_t n;
    const config_setting_t *l = list_elems(L, root, "volets", CFG_REQUIRED, &n);
    c->volets = arena_calloc(c->arena, n ? n : 1, sizeof *c->volets);
    if (!l || !c->volets)
        return;
    const char **requires = calloc(n, sizeof *requires);
    if (!requires)
        return;
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(l, (unsigned)i);
        rules_volet *v = &c->volets[i];
        int64_t number = 0;
        int award = 0;
        v->line = cfg_line(e);
        v->requires = -1;
        cfg_check_keys(&L->doc, e, keys);
        cfg_get_id(&L->doc, e, "id", CFG_REQUIRED, &v->id);
        cfg_get_int(&L->doc, e, "number", CFG_REQUIRED, 1, 9, &number);
        v->number = (int)number;
        cfg_get_string(&L->doc, e, "label", CFG_REQUIRED, &v->label);
        cfg_get_int(&L->doc, e, "points_tenths", CFG_REQUIRED, 0, 10 * MAX_POINTS_TENTHS,
                    &v->points_tenths);
        cfg_get_enum(&L->doc, e, "award", CFG_REQUIRED, &rules_award_vocab, &award);
        v->award = (rules_award)award;
        cfg_get_id(&L->doc, e, "requires", CFG_OPTIONAL, &requires[i]);
        rules_read_sources(&L->doc, e, "sources", CFG_REQUIRED, &v->sources);
        for (size_t j = 0; j < i; j++) {
            if (v->id && c->volets[j].id && strcmp(c->volets[j].id, v->id) == 0)
                ERR(e, "identifiant « %s » en double (déjà défini ligne %d)", v->id,
                    c->volets[j].line);
            if (v->number && c->volets[j].number == v->number)
                ERR(e, "numéro de volet %d en double (déjà utilisé ligne %d)", v->number,
                    c->volets[j].line);
        }
    }
    c->nvolets = n;
    for (size_t i = 0; i < n; i++) {
        if (!requires[i])
            continue;
        const config_setting_t *e = config_setting_get_elem(l, (unsigned)i);
        int r = find_volet(c, requires[i]);
        if (r < 0)
            ERR(config_setting_get_member(e, "requires"), "le volet « %s » n'existe pas",
                requires[i]);
        else if ((size_t)r == i)
            ERR(config_setting_get_member(e, "requires"), "un volet ne peut pas se requérir "
                                                          "lui-même");
        else
        c->volets[i].requires = r;
    }
    free(requires);
}

static void read_groups(loader *L, const config_setting_t *root)
{
    static const char *const keys[] = {"id", "volet", "label", "points_tenths", "sources", NULL};
    rules_campaign *c = L->c;
    size_t n;
    const config_setting_t *l = list_elems(L, root, "groups", CFG_OPTIONAL, &n);
    c->groups = arena_calloc(c->arena, n ? n : 1, sizeof *c->groups);
    if (!l || !c->groups)
        return;
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(l, (unsigned)i);
        rules_group *g = &c->groups[i];
        const char *volet = NULL;
        g->line = cfg_line(e);
        g->points_tenths = -1;
        g->volet = -1;
        cfg_check_keys(&L->doc, e, keys);
        cfg_get_id(&L->doc, e, "id", CFG_REQUIRED, &g->id);
        if (cfg_get_id(&L->doc, e, "volet", CFG_REQUIRED, &volet)) {
            g->volet = find_volet(c, volet);
            if (g->volet < 0)
                ERR(config_setting_get_member(e, "volet"), "le volet « %s » n'existe pas", volet);
        }
        cfg_get_string(&L->doc, e, "label", CFG_REQUIRED, &g->label);
        cfg_get_int(&L->doc, e, "points_tenths", CFG_OPTIONAL, 0, 10 * MAX_POINTS_TENTHS,
                    &g->points_tenths);
        rules_read_sources(&L->doc, e, "sources", CFG_REQUIRED, &g->sources);
        for (size_t j = 0; g->id && j < i; j++)
            if (c->groups[j].id && strcmp(c->groups[j].id, g->id) == 0)
                ERR(e, "identifiant « %s » en double (déjà défini ligne %d)", g->id,
                    c->groups[j].line);
    }
    c->ngroups = n;
}

/* ---- criteria ---------------------------------------------------------------------------- */

static const char *const *crit_keys(rules_crit_type t, bool part)
{
    /* Every type's keys, with "id" and "label" first for parts of all_of. */
    static const char *const yes_no[] = {"id", "label", "type", "requirement", NULL};
    static const char *const ratio[] = {"id",
                                        "label",
                                        "type",
                                        "numerator",
                                        "denominator",
                                        "threshold",
                                        "compare",
                                        "original_threshold",
                                        "original_sources",
                                        NULL};
    static const char *const count[] = {"id", "label", "type", "what", "min", NULL};
    static const char *const average[] = {"id",      "label",      "type", "threshold",
                                          "compare", "components", NULL};
    static const char *const choice[] = {"id",       "label",       "type",      "list",
                                         "multiple", "allow_other", "exclusive", NULL};
    static const char *const software[] = {
        "id", "label", "type", "lap_required", "lap_exemption", "requirement", NULL};
    static const char *const all_of[] = {"id", "label", "type", "parts", NULL};
    const char *const *k;
    switch (t) {
    case RULES_CRIT_YES_NO: k = yes_no; break;
    case RULES_CRIT_RATIO: k = ratio; break;
    case RULES_CRIT_COUNT_AT_LEAST: k = count; break;
    case RULES_CRIT_AVERAGE_RATIO: k = average; break;
    case RULES_CRIT_CHOICE: k = choice; break;
    case RULES_CRIT_SOFTWARE: k = software; break;
    case RULES_CRIT_ALL_OF:
    default: k = all_of; break;
    }
    return part ? k : k + 2;
}

static void read_threshold(loader *L, const config_setting_t *g, rules_criterion *cr)
{
    int cmp = 0;
    cfg_get_fraction(&L->doc, g, "threshold", CFG_REQUIRED, &cr->threshold.num, &cr->threshold.den);
    cfg_get_enum(&L->doc, g, "compare", CFG_REQUIRED, &rules_compare_vocab, &cmp);
    cr->strict = cmp == RULES_MORE_THAN;
}

/* Where a criterion is read: an indicator's own, a part of all_of, the looser reading of an
 * ambiguous criterion. Only an indicator's own may carry `readings`. */
typedef enum { CRIT_TOP, CRIT_PART, CRIT_LOOSE } crit_at;

static void read_criterion(loader *L, const config_setting_t *g, rules_criterion *cr, crit_at at);

static void read_choice(loader *L, const config_setting_t *g, rules_criterion *cr)
{
    rules_campaign *c = L->c;
    if (cfg_get_id(&L->doc, g, "list", CFG_REQUIRED, &cr->list_role)) {
        cr->list = rules_find_list(c, cr->list_role);
        bool declared = false;
        for (size_t i = 0; i < c->nlists; i++)
            declared |= strcmp(c->lists[i].role, cr->list_role) == 0;
        if (!declared)
            ERR(config_setting_get_member(g, "list"),
                "la liste « %s » n'est pas déclarée dans « lists »", cr->list_role);
    }
    cfg_get_bool(&L->doc, g, "multiple", CFG_REQUIRED, &cr->multiple);
    cfg_get_bool(&L->doc, g, "allow_other", CFG_REQUIRED, &cr->allow_other);
    size_t n;
    const config_setting_t *l = list_elems(L, g, "exclusive", CFG_OPTIONAL, &n);
    cr->exclusive = arena_calloc(c->arena, n ? n : 1, sizeof *cr->exclusive);
    if (!l || !cr->exclusive)
        return;
    static const char *const keys[] = {"value", "indicator", NULL};
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(l, (unsigned)i);
        rules_exclusion *x = &cr->exclusive[i];
        cfg_check_keys(&L->doc, e, keys);
        cfg_get_id(&L->doc, e, "indicator", CFG_REQUIRED, &x->indicator);
        if (cfg_get_id(&L->doc, e, "value", CFG_REQUIRED, &x->value) && cr->list &&
            !lists_find(cr->list, x->value))
            ERR(config_setting_get_member(e, "value"), "« %s » n'est pas dans la liste « %s »",
                x->value, cr->list->name);
    }
    cr->nexclusive = n;
}

/* The keys a criterion of type t accepts where it is read. */
static void check_crit_keys(loader *L, const config_setting_t *g, rules_crit_type t, crit_at at)
{
    static const char *const loose[] = {"label", "sources", NULL};
    const char *keys[24];
    size_t n = 0;
    for (const char *const *k = crit_keys(t, at == CRIT_PART); *k && n < 20; k++)
        keys[n++] = *k;
    for (const char *const *k = at == CRIT_LOOSE ? loose : NULL; k && *k; k++)
        keys[n++] = *k;
    keys[n++] = "readings"; /* refused below where it does not belong, with its own message */
    keys[n] = NULL;
    cfg_check_keys(&L->doc, g, keys);
}

static void read_readings(loader *L, const config_setting_t *g, rules_criterion *cr);

static void read_criterion(loader *L, const config_setting_t *g, rules_criterion *cr, crit_at at)
{
    rules_campaign *c = L->c;
    int type = 0;
    bool part = at == CRIT_PART;
    cr->line = cfg_line(g);
    if (!cfg_get_enum(&L->doc, g, "type", CFG_REQUIRED, &rules_crit_vocab, &type))
        return;
    cr->type = (rules_crit_type)type;
    check_crit_keys(L, g, cr->type, at);
    if (part) {
        cfg_get_id(&L->doc, g, "id", CFG_REQUIRED, &cr->id);
        cfg_get_string(&L->doc, g, "label", CFG_REQUIRED, &cr->label);
    }
    switch (cr->type) {
    case RULES_CRIT_YES_NO:
        cfg_get_string(&L->doc, g, "requirement", CFG_REQUIRED | CFG_MULTILINE, &cr->requirement);
        break;
    case RULES_CRIT_RATIO:
        cfg_get_string(&L->doc, g, "numerator", CFG_REQUIRED, &cr->numerator);
        cfg_get_string(&L->doc, g, "denominator", CFG_REQUIRED, &cr->denominator);
        read_threshold(L, g, cr);
        cr->has_original = cfg_get_fraction(&L->doc, g, "original_threshold", CFG_OPTIONAL,
                                            &cr->original.num, &cr->original.den);
        rules_read_sources(&L->doc, g, "original_sources",
                           cr->has_original ? CFG_REQUIRED : CFG_OPTIONAL, &cr->original_sources);
        break;
    case RULES_CRIT_COUNT_AT_LEAST:
        cfg_get_string(&L->doc, g, "what", CFG_REQUIRED, &cr->what);
        cfg_get_int(&L->doc, g, "min", CFG_REQUIRED, 1, 1000000, &cr->min);
        break;
    case RULES_CRIT_AVERAGE_RATIO: {
        read_threshold(L, g, cr);
        size_t n;
        const config_setting_t *l = list_elems(L, g, "components", CFG_REQUIRED, &n);
        if (l && (n < 2 || n > 8))
            ERR(l, "« components » doit avoir de deux à huit éléments");
        cr->components = arena_calloc(c->arena, n ? n : 1, sizeof *cr->components);
        static const char *const keys[] = {"id", "label", "numerator", "denominator", NULL};
        for (size_t i = 0; l && cr->components && i < n; i++) {
            const config_setting_t *e = config_setting_get_elem(l, (unsigned)i);
            rules_component *k = &cr->components[i];
            cfg_check_keys(&L->doc, e, keys);
            cfg_get_id(&L->doc, e, "id", CFG_REQUIRED, &k->id);
            cfg_get_string(&L->doc, e, "label", CFG_REQUIRED, &k->label);
            cfg_get_string(&L->doc, e, "numerator", CFG_OPTIONAL, &k->numerator);
            cfg_get_string(&L->doc, e, "denominator", CFG_OPTIONAL, &k->denominator);
            if (!k->numerator != !k->denominator)
                ERR(e, "« numerator » et « denominator » vont ensemble");
            for (size_t j = 0; cr->components[i].id && j < i; j++)
                if (cr->components[j].id && strcmp(cr->components[j].id, cr->components[i].id) == 0)
                    ERR(e, "identifiant « %s » en double", cr->components[i].id);
        }
        cr->ncomponents = cr->components ? n : 0;
        break;
    }
    case RULES_CRIT_CHOICE: read_choice(L, g, cr); break;
    case RULES_CRIT_SOFTWARE:
        cfg_get_bool(&L->doc, g, "lap_required", CFG_REQUIRED, &cr->lap_required);
        cfg_get_bool(&L->doc, g, "lap_exemption", CFG_REQUIRED, &cr->lap_exemption);
        cfg_get_string(&L->doc, g, "requirement", CFG_REQUIRED | CFG_MULTILINE, &cr->requirement);
        if (cr->lap_exemption && !rules_find_list(c, "specialties"))
            ERR(g, "lap_exemption demande la liste « specialties » dans « lists »");
        break;
    case RULES_CRIT_ALL_OF: {
        if (part) {
            ERR(g, "un critère all_of ne peut pas en contenir un autre");
            break;
        }
        size_t n;
        const config_setting_t *l = list_elems(L, g, "parts", CFG_REQUIRED, &n);
        cr->parts = arena_calloc(c->arena, n ? n : 1, sizeof *cr->parts);
        for (size_t i = 0; l && cr->parts && i < n; i++) {
            const config_setting_t *e = config_setting_get_elem(l, (unsigned)i);
            read_criterion(L, e, &cr->parts[i], CRIT_PART);
            for (size_t j = 0; cr->parts[i].id && j < i; j++)
                if (cr->parts[j].id && strcmp(cr->parts[j].id, cr->parts[i].id) == 0)
                    ERR(e, "identifiant « %s » en double (déjà défini ligne %d)", cr->parts[i].id,
                        cr->parts[j].line);
        }
        cr->nparts = cr->parts ? n : 0;
        break;
    }
    }
    const config_setting_t *readings = config_setting_get_member(g, "readings");
    if (readings && at == CRIT_TOP)
        read_readings(L, g, cr);
    else if (readings)
        ERR(readings, "« readings » ne s'emploie que sur le critère d'un indicateur, ni dans une "
                      "partie d'un all_of ni dans une lecture");
}

/* ---- ambiguous criteria ------------------------------------------------------------------ */

/* A reading is an interpretation of its sources: never stated by them. */
static void read_reading_sources(loader *L, const config_setting_t *g, rules_sources *out)
{
    if (!rules_read_sources(&L->doc, g, "sources", CFG_REQUIRED, out))
        return;
    const config_setting_t *l = config_setting_get_member(g, "sources");
    for (size_t i = 0; i < out->count; i++)
        if (!out->items[i].inferred)
            ERR(config_setting_get_elem(l, (unsigned)i),
                "une lecture d'un critère ambigu est une interprétation des sources : certainty = "
                "\"inferred\"");
}

/* Whether m asks for the counts of id: a component of average_ratio or a ratio part of all_of. */
static bool asks_counts(const rules_criterion *m, const char *id)
{
    for (size_t i = 0; id && i < m->ncomponents; i++)
        if (m->components[i].id && strcmp(m->components[i].id, id) == 0)
            return true;
    for (size_t i = 0; id && i < m->nparts; i++)
        if (m->parts[i].type == RULES_CRIT_RATIO && m->parts[i].id &&
            strcmp(m->parts[i].id, id) == 0)
            return true;
    return false;
}

/* Whether m asks for the answer part p of an all_of reads. */
static bool asks_part(const rules_criterion *m, const rules_criterion *p)
{
    bool yes = p->type == RULES_CRIT_YES_NO || p->type == RULES_CRIT_COUNT_AT_LEAST;
    if (p->type == RULES_CRIT_RATIO)
        return asks_counts(m, p->id);
    for (size_t i = 0; i < m->nparts; i++) {
        const rules_criterion *q = &m->parts[i];
        bool q_yes = q->type == RULES_CRIT_YES_NO || q->type == RULES_CRIT_COUNT_AT_LEAST;
        if (yes ? q_yes && q->id && p->id && strcmp(q->id, p->id) == 0 : q->type == p->type)
            return true;
    }
    return !yes && m->type == p->type; /* choice, software: the whole answer */
}

/* What the looser reading l reads that criterion m does not ask the doctor: the id of a count or
 * a part, or the name of a kind of criterion; NULL when both read the same answers. */
static const char *unasked(const rules_criterion *m, const rules_criterion *l)
{
    switch (l->type) {
    case RULES_CRIT_AVERAGE_RATIO:
        for (size_t i = 0; i < l->ncomponents; i++)
            if (!asks_counts(m, l->components[i].id))
                return l->components[i].id ? l->components[i].id : "?";
        return NULL;
    case RULES_CRIT_ALL_OF:
        for (size_t i = 0; i < l->nparts; i++)
            if (!asks_part(m, &l->parts[i]))
                return l->parts[i].id ? l->parts[i].id : "?";
        return NULL;
    case RULES_CRIT_CHOICE:
        return m->type == l->type && m->list_role && l->list_role &&
                       strcmp(m->list_role, l->list_role) == 0
                   ? NULL
                   : vocab_id(&rules_crit_vocab, l->type);
    default: return m->type == l->type ? NULL : vocab_id(&rules_crit_vocab, l->type);
    }
}

static void read_readings(loader *L, const config_setting_t *g, rules_criterion *cr)
{
    static const char *const keys[] = {"about", "strict", "loose", NULL};
    static const char *const strict_keys[] = {"label", "sources", NULL};
    const config_setting_t *rg = cfg_get_group(&L->doc, g, "readings", CFG_REQUIRED);
    rules_readings *r = arena_calloc(L->c->arena, 1, sizeof *r);
    if (!rg || !r)
        return;
    cfg_check_keys(&L->doc, rg, keys);
    cfg_get_string(&L->doc, rg, "about", CFG_REQUIRED, &r->about);
    const config_setting_t *sg = cfg_get_group(&L->doc, rg, "strict", CFG_REQUIRED);
    if (sg) {
        cfg_check_keys(&L->doc, sg, strict_keys);
        cfg_get_string(&L->doc, sg, "label", CFG_REQUIRED, &r->strict_label);
        read_reading_sources(L, sg, &r->strict_sources);
    }
    const config_setting_t *lg = cfg_get_group(&L->doc, rg, "loose", CFG_REQUIRED);
    if (!lg)
        return;
    size_t errors = cfg_error_count(&L->doc);
    cfg_get_string(&L->doc, lg, "label", CFG_REQUIRED, &r->loose_label);
    read_reading_sources(L, lg, &r->loose_sources);
    read_criterion(L, lg, &r->loose, CRIT_LOOSE);
    const char *missing = cfg_error_count(&L->doc) == errors ? unasked(cr, &r->loose) : NULL;
    if (missing)
        ERR(lg,
            "la lecture « loose » lit « %s », que le critère ne demande pas : les deux lectures "
            "se jugent sur les mêmes réponses",
            missing);
    cr->readings = r;
}

/* ---- indicators ------------------------------------------------------------------------ */

static const rules_deadline *find_deadline(const rules_campaign *c, const char *id)
{
    for (size_t i = 0; id && i < c->ndeadlines; i++)
        if (c->deadlines[i].id && strcmp(c->deadlines[i].id, id) == 0)
            return &c->deadlines[i];
    return NULL;
}

static void read_documents(loader *L, const config_setting_t *g, rules_indicator *ind)
{
    static const char *const keys[] = {"id",       "label",     "accepted",      "when",
                                       "unless",   "only_if",   "inferred_when", "renewed_when",
                                       "deadline", "must_show", "sources",       NULL};
    rules_campaign *c = L->c;
    size_t n;
    const config_setting_t *l = list_elems(L, g, "documents", CFG_REQUIRED, &n);
    ind->documents = arena_calloc(c->arena, n ? n : 1, sizeof *ind->documents);
    if (!l || !ind->documents)
        return;
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(l, (unsigned)i);
        rules_document *doc = &ind->documents[i];
        const char *deadline = NULL;
        cfg_check_keys(&L->doc, e, keys);
        cfg_get_id(&L->doc, e, "id", CFG_REQUIRED, &doc->id);
        cfg_get_string(&L->doc, e, "label", CFG_REQUIRED, &doc->label);
        read_flags(L, e, "accepted", &rules_doc_kind_vocab, &doc->accepted);
        read_flags(L, e, "when", &rules_when_vocab, &doc->when);
        if (config_setting_get_member(e, "unless"))
            read_flags(L, e, "unless", &rules_when_vocab, &doc->unless);
        if (config_setting_get_member(e, "only_if"))
            read_flags(L, e, "only_if", &rules_when_vocab, &doc->only_if);
        if (config_setting_get_member(e, "inferred_when") &&
            read_flags(L, e, "inferred_when", &rules_when_vocab, &doc->inferred_when) &&
            (doc->inferred_when & ~doc->when))
            ERR(config_setting_get_member(e, "inferred_when"),
                "« inferred_when » ne peut nommer que des conditions de « when »");
        doc->renewed_when = RULES_WHEN_SOFTWARE_CHANGED | RULES_WHEN_LAP_CHANGED;
        if (config_setting_get_member(e, "renewed_when"))
            read_flags(L, e, "renewed_when", &rules_when_vocab, &doc->renewed_when);
        if (cfg_get_id(&L->doc, e, "deadline", CFG_OPTIONAL, &deadline)) {
            doc->deadline = find_deadline(c, deadline);
            if (!doc->deadline)
                ERR(config_setting_get_member(e, "deadline"), "l'échéance « %s » n'existe pas",
                    deadline);
        }
        cfg_get_string(&L->doc, e, "must_show", CFG_OPTIONAL | CFG_MULTILINE, &doc->must_show);
        rules_read_sources(&L->doc, e, "sources", CFG_OPTIONAL, &doc->sources);
        for (size_t j = 0; doc->id && j < i; j++)
            if (ind->documents[j].id && strcmp(ind->documents[j].id, doc->id) == 0)
                ERR(e, "identifiant « %s » en double", doc->id);
    }
    ind->ndocuments = n;
}

static void read_neutralised(loader *L, const config_setting_t *g, rules_indicator *ind)
{
    static const char *const keys[] = {"specialties", "note", "sources", NULL};
    const config_setting_t *n = cfg_get_group(&L->doc, g, "neutralised", CFG_OPTIONAL);
    if (!n)
        return;
    ind->has_neutralised = true;
    cfg_check_keys(&L->doc, n, keys);
    rules_neutralised *nt = &ind->neutralised;
    cfg_get_string(&L->doc, n, "note", CFG_REQUIRED | CFG_MULTILINE, &nt->note);
    rules_read_sources(&L->doc, n, "sources", CFG_REQUIRED, &nt->sources);
    if (!cfg_get_strings(&L->doc, n, "specialties", CFG_REQUIRED, true, &nt->specialties,
                         &nt->nspecialties))
        return;
    const lists_table *sp = rules_find_list(L->c, "specialties");
    if (!sp) {
        ERR(n, "« neutralised » demande la liste « specialties » dans « lists »");
        return;
    }
    for (size_t i = 0; i < nt->nspecialties; i++)
        if (!lists_find(sp, nt->specialties[i]))
            ERR(config_setting_get_member(n, "specialties"),
                "la spécialité « %s » n'est pas dans la liste « %s »", nt->specialties[i],
                sp->name);
}

static void read_indicator(loader *L, const config_setting_t *e, rules_indicator *ind)
{
    static const char *const keys[] = {"id",
                                       "volet",
                                       "group",
                                       "order",
                                       "label",
                                       "question",
                                       "help",
                                       "kind",
                                       "points_tenths",
                                       "criterion",
                                       "proof",
                                       "documents",
                                       "keep",
                                       "neutralised",
                                       "professions",
                                       "counts_once_sent",
                                       "note",
                                       "sources",
                                       "info_when_not_met",
                                       NULL};
    rules_campaign *c = L->c;
    const char *volet = NULL, *group = NULL;
    int64_t order = 0;
    int kind = 0, proof = 0;
    ind->line = cfg_line(e);
    ind->volet = -1;
    ind->group = -1;
    cfg_check_keys(&L->doc, e, keys);
    cfg_get_id(&L->doc, e, "id", CFG_REQUIRED, &ind->id);
    if (cfg_get_id(&L->doc, e, "volet", CFG_REQUIRED, &volet)) {
        ind->volet = find_volet(c, volet);
        if (ind->volet < 0)
            ERR(config_setting_get_member(e, "volet"), "le volet « %s » n'existe pas", volet);
    }
    if (cfg_get_id(&L->doc, e, "group", CFG_OPTIONAL, &group)) {
        ind->group = find_group(c, group);
        if (ind->group < 0)
            ERR(config_setting_get_member(e, "group"), "le groupe « %s » n'existe pas", group);
        else if (ind->volet >= 0 && c->groups[ind->group].volet != ind->volet)
            ERR(config_setting_get_member(e, "group"),
                "le groupe « %s » appartient à un autre volet", group);
    }
    cfg_get_int(&L->doc, e, "order", CFG_REQUIRED, 1, 999, &order);
    ind->order = (int)order;
    cfg_get_string(&L->doc, e, "label", CFG_REQUIRED, &ind->label);
    cfg_get_string(&L->doc, e, "question", CFG_REQUIRED | CFG_MULTILINE, &ind->question);
    cfg_get_string(&L->doc, e, "help", CFG_REQUIRED | CFG_MULTILINE, &ind->help);
    cfg_get_enum(&L->doc, e, "kind", CFG_REQUIRED, &rules_kind_vocab, &kind);
    ind->kind = (rules_kind)kind;

    bool block = ind->volet >= 0 && c->volets[ind->volet].award == RULES_ALL_OR_NOTHING;
    if (block && config_setting_get_member(e, "points_tenths"))
        ERR(config_setting_get_member(e, "points_tenths"),
            "« points_tenths » interdit : le volet « %s » est payé en bloc (all_or_nothing)",
            c->volets[ind->volet].id);
    else if (ind->volet >= 0 && !block)
        cfg_get_int(&L->doc, e, "points_tenths", CFG_REQUIRED, 0, MAX_POINTS_TENTHS,
                    &ind->points_tenths);

    const config_setting_t *cg = cfg_get_group(&L->doc, e, "criterion", CFG_REQUIRED);
    if (cg)
        read_criterion(L, cg, &ind->criterion, CRIT_TOP);

    cfg_get_enum(&L->doc, e, "proof", CFG_REQUIRED, &rules_proof_vocab, &proof);
    ind->proof = (rules_proof)proof;
    if (ind->proof == RULES_PROOF_DOCUMENTS)
        read_documents(L, e, ind);
    else if (config_setting_get_member(e, "documents"))
        ERR(config_setting_get_member(e, "documents"),
            "« documents » ne s'emploie qu'avec proof = \"documents\"");
    cfg_get_bool(&L->doc, e, "counts_once_sent", CFG_OPTIONAL, &ind->counts_once_sent);
    if (ind->counts_once_sent && ind->proof != RULES_PROOF_DOCUMENTS)
        ERR(config_setting_get_member(e, "counts_once_sent"),
            "« counts_once_sent » ne s'emploie qu'avec proof = \"documents\"");
    cfg_get_string(&L->doc, e, "keep", CFG_OPTIONAL | CFG_MULTILINE, &ind->keep);
    read_neutralised(L, e, ind);
    if (cfg_get_strings(&L->doc, e, "professions", CFG_OPTIONAL, true, &ind->professions,
                        &ind->nprofessions)) {
        for (size_t i = 0; i < ind->nprofessions; i++) {
            bool found = false;
            for (size_t j = 0; j < c->nprofessions; j++)
                found |= strcmp(c->professions[j], ind->professions[i]) == 0;
            if (!found)
                ERR(config_setting_get_member(e, "professions"),
                    "la profession « %s » n'est pas dans celles de la campagne",
                    ind->professions[i]);
        }
    }
    cfg_get_string(&L->doc, e, "note", CFG_OPTIONAL | CFG_MULTILINE, &ind->note);
    cfg_get_string(&L->doc, e, "info_when_not_met", CFG_OPTIONAL | CFG_MULTILINE,
                   &ind->info_when_not_met);
    rules_read_sources(&L->doc, e, "sources", CFG_REQUIRED, &ind->sources);
}

static void read_indicators(loader *L, const config_setting_t *root)
{
    rules_campaign *c = L->c;
    size_t n;
    const config_setting_t *l = list_elems(L, root, "indicators", CFG_REQUIRED, &n);
    c->indicators = arena_calloc(c->arena, n ? n : 1, sizeof *c->indicators);
    if (!l || !c->indicators)
        return;
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(l, (unsigned)i);
        rules_indicator *ind = &c->indicators[i];
        read_indicator(L, e, ind);
        for (size_t j = 0; j < i; j++) {
            const rules_indicator *o = &c->indicators[j];
            if (ind->id && o->id && strcmp(o->id, ind->id) == 0)
                ERR(e, "identifiant « %s » en double (déjà défini ligne %d)", ind->id, o->line);
            else if (ind->volet >= 0 && o->volet == ind->volet && ind->order &&
                     o->order == ind->order)
                ERR(e, "ordre %d en double dans le volet « %s » (déjà utilisé ligne %d)",
                    ind->order, c->volets[ind->volet].id, o->line);
        }
    }
    c->nindicators = n;
}

/* ---- cross checks -------------------------------------------------------------------- */

static void check_exclusions(loader *L, const rules_criterion *cr, const config_setting_t *at)
{
    for (size_t i = 0; i < cr->nexclusive; i++)
        if (cr->exclusive[i].indicator && !rules_find_indicator(L->c, cr->exclusive[i].indicator))
            ERR(at, "l'indicateur « %s » n'existe pas", cr->exclusive[i].indicator);
    for (size_t i = 0; i < cr->nparts; i++)
        check_exclusions(L, &cr->parts[i], at);
}

static void check_totals(loader *L, const config_setting_t *root)
{
    rules_campaign *c = L->c;
    const config_setting_t *vl = config_setting_get_member(root, "volets");
    const config_setting_t *gl = config_setting_get_member(root, "groups");
    for (size_t v = 0; v < c->nvolets; v++) {
        int64_t sum = 0;
        size_t count = 0;
        for (size_t i = 0; i < c->nindicators; i++)
            if (c->indicators[i].volet == (int)v) {
                sum += c->indicators[i].points_tenths;
                count++;
            }
        const config_setting_t *at = vl ? config_setting_get_elem(vl, (unsigned)v) : NULL;
        char got[32], want[32];
        text_points(sum, got, sizeof got);
        text_points(c->volets[v].points_tenths, want, sizeof want);
        if (count == 0)
            ERR(at, "le volet « %s » n'a aucun indicateur", c->volets[v].id);
        else if (c->volets[v].award == RULES_PER_INDICATOR && sum != c->volets[v].points_tenths)
            ERR(at, "les indicateurs du volet « %s » totalisent %s pts, le volet en annonce %s",
                c->volets[v].id, got, want);
    }
    for (size_t g = 0; g < c->ngroups; g++) {
        if (c->groups[g].points_tenths < 0)
            continue;
        int64_t sum = 0;
        for (size_t i = 0; i < c->nindicators; i++)
            if (c->indicators[i].group == (int)g)
                sum += c->indicators[i].points_tenths;
        char got[32], want[32];
        text_points(sum, got, sizeof got);
        text_points(c->groups[g].points_tenths, want, sizeof want);
        if (sum != c->groups[g].points_tenths)
            ERR(gl ? config_setting_get_elem(gl, (unsigned)g) : NULL,
                "les indicateurs du groupe « %s » totalisent %s pts, le groupe en annonce %s",
                c->groups[g].id, got, want);
    }
}

static void check_references(loader *L, const config_setting_t *root)
{
    rules_campaign *c = L->c;
    const config_setting_t *cg = config_setting_get_member(root, "campaign");
    const config_setting_t *dl = cg ? config_setting_get_member(cg, "deadlines") : NULL;
    for (size_t i = 0; i < c->ndeadlines; i++) {
        const rules_deadline *d = &c->deadlines[i];
        for (size_t k = 0; k < d->nindicators; k++)
            if (!rules_find_indicator(c, d->indicators[k]))
                ERR(dl ? config_setting_get_elem(dl, (unsigned)i) : NULL,
                    "l'indicateur « %s » n'existe pas", d->indicators[k]);
    }
    const config_setting_t *il = config_setting_get_member(root, "indicators");
    for (size_t i = 0; i < c->nindicators; i++) {
        const config_setting_t *e = il ? config_setting_get_elem(il, (unsigned)i) : NULL;
        const config_setting_t *cr = e ? config_setting_get_member(e, "criterion") : NULL;
        check_exclusions(L, &c->indicators[i].criterion, cr);
    }
}

static int cmp_indicator(const void *a, const void *b)
{
    const rules_indicator *x = a, *y = b;
    if (x->volet != y->volet)
        return x->volet < y->volet ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

/* ---- public ------------------------------------------------------------------------------- */

rules_campaign *rules_load(const char *path, const char *const *list_dirs, size_t nlist_dirs,
                           diag_list *d)
{
    static const char *const top[] = {"format", "campaign",   "lists", "volets",
                                      "groups", "indicators", NULL};
    size_t before = d->count + d->dropped;
    arena_t *a;
    rules_campaign *c = arena_new_owner(sizeof *c, &a);
    if (!c) {
        diag_add(d, path, 0, "mémoire insuffisante");
        return NULL;
    }
    c->arena = a;
    c->path = arena_strdup(a, path);
    loader ld = {.c = c, .list_dirs = list_dirs, .nlist_dirs = nlist_dirs};
    loader *L = &ld;
    ld.own_dir = dir_of(path, a);
    if (cfg_open(&L->doc, path, path, d, a)) {
        const config_setting_t *root = cfg_root(&L->doc);
        int64_t format = 0;
        cfg_check_keys(&L->doc, root, top);
        cfg_get_int(&L->doc, root, "format", CFG_REQUIRED, 1, 1, &format);
        read_lists(L, root);
        read_campaign(L, root);
        read_volets(L, root);
        read_groups(L, root);
        read_indicators(L, root);
        if (d->count + d->dropped == before) {
            check_references(L, root);
            check_totals(L, root);
        }
    }
    cfg_close(&L->doc);
    if (d->count + d->dropped != before) {
        arena_free(a);
        return NULL;
    }
    qsort(c->indicators, c->nindicators, sizeof *c->indicators, cmp_indicator);
    return c;
}

void rules_free(rules_campaign *c)
{
    if (c)
        arena_free(c->arena);
}

const rules_indicator *rules_find_indicator(const rules_campaign *c, const char *id)
{
    for (size_t i = 0; id && i < c->nindicators; i++)
        if (c->indicators[i].id && strcmp(c->indicators[i].id, id) == 0)
            return &c->indicators[i];
    return NULL;
}

const rules_document *rules_find_document(const rules_indicator *ind, const char *id)
{
    for (size_t i = 0; id && i < ind->ndocuments; i++)
        if (ind->documents[i].id && strcmp(ind->documents[i].id, id) == 0)
            return &ind->documents[i];
    return NULL;
}

const lists_table *rules_find_list(const rules_campaign *c, const char *role)
{
    for (size_t i = 0; role && i < c->nlists; i++)
        if (strcmp(c->lists[i].role, role) == 0)
            return c->lists[i].list;
    return NULL;
}

void rules_closing_fr(bool has_closes, date_t closes, bool inferred, char *buf, size_t size)
{
    char d[16];
    date_format_fr(closes, d, sizeof d);
    if (!has_closes)
        snprintf(buf, size, "non connue");
    else if (inferred)
        snprintf(buf, size, "probable le %s (non publiée)", d);
    else
        snprintf(buf, size, "%s", d);
}

int64_t rules_volet_max_tenths(const rules_campaign *c, size_t v)
{
    return v < c->nvolets ? c->volets[v].points_tenths : 0;
}

int64_t rules_max_tenths(const rules_campaign *c)
{
    int64_t sum = 0;
    for (size_t v = 0; v < c->nvolets; v++)
        sum += rules_volet_max_tenths(c, v);
    return sum;
}

const char *rules_kind_fr(const rules_indicator *ind, bool prefilled)
{
    rules_kind k = ind->kind;
    if (k == RULES_DECLARATIVE_PREFILLED && !prefilled)
        k = RULES_DECLARATIVE;
    return vocab_fr(&rules_kind_vocab, k);
}
