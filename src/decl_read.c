/* decl_read: a declaration from a draft file, or from a group of a campaign-cases file. */
#include <stdio.h>
#include <string.h>

#include "decl_internal.h"
#include "valid.h"

static void get_yesno(cfg_doc *doc, const config_setting_t *g, const char *key, decl_yesno *out)
{
    int v;
    if (cfg_get_enum(doc, g, key, CFG_OPTIONAL, &decl_yesno_vocab, &v))
        *out = (decl_yesno)v;
}

static void read_identity(cfg_doc *doc, const config_setting_t *g, decl_t *d)
{
    const char *keys[DECL_ID_COUNT + 1];
    for (int f = 0; f < DECL_ID_COUNT; f++)
        keys[f] = decl_identity_key((decl_identity_field)f);
    keys[DECL_ID_COUNT] = NULL;
    cfg_check_keys(doc, g, keys);
    for (int f = 0; f < DECL_ID_COUNT; f++)
        cfg_get_string(doc, g, keys[f],
                       CFG_OPTIONAL |
                           (decl_identity_multiline((decl_identity_field)f) ? CFG_MULTILINE : 0),
                       decl_identity_slot(d, (decl_identity_field)f));
}

static void read_software(cfg_doc *doc, const config_setting_t *g, decl_answer *a)
{
    static const char *const keys[] = {"editor",   "name",         "version",
                                       "acquired", "hospital_dpi", NULL};
    const config_setting_t *s = cfg_get_group(doc, g, "software", CFG_OPTIONAL);
    if (!s)
        return;
    cfg_check_keys(doc, s, keys);
    for (int f = 0; f < DECL_SW_COUNT; f++)
        cfg_get_string(doc, s, decl_software_key((decl_software_field)f), CFG_OPTIONAL,
                       decl_software_slot(a, (decl_software_field)f));
    a->software.has_acquired =
        cfg_get_date(doc, s, "acquired", CFG_OPTIONAL, &a->software.acquired);
    cfg_get_bool(doc, s, "hospital_dpi", CFG_OPTIONAL, &a->software.hospital_dpi);
}

static void read_lap(cfg_doc *doc, const config_setting_t *g, decl_answer *a)
{
    static const char *const keys[] = {"name", "certified", "provisional", "process_started", NULL};
    const config_setting_t *s = cfg_get_group(doc, g, "lap", CFG_OPTIONAL);
    if (!s)
        return;
    cfg_check_keys(doc, s, keys);
    cfg_get_string(doc, s, "name", CFG_OPTIONAL, &a->lap.name);
    a->lap.has_certified = cfg_get_date(doc, s, "certified", CFG_OPTIONAL, &a->lap.certified);
    cfg_get_bool(doc, s, "provisional", CFG_OPTIONAL, &a->lap.provisional);
    a->lap.has_process_started =
        cfg_get_date(doc, s, "process_started", CFG_OPTIONAL, &a->lap.process_started);
}

static void read_students(cfg_doc *doc, const config_setting_t *g, decl_answer *a)
{
    static const char *const keys[] = {"name", "level", "from", "to", NULL};
    const config_setting_t *l = cfg_get_list(doc, g, "students", CFG_OPTIONAL);
    size_t n = l ? (size_t)config_setting_length(l) : 0;
    if (!l)
        return;
    a->students = arena_calloc(doc->arena, n ? n : 1, sizeof *a->students);
    if (!a->students)
        return;
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(l, (unsigned)i);
        decl_student *s = &a->students[i];
        cfg_check_keys(doc, e, keys);
        cfg_get_string(doc, e, "name", CFG_OPTIONAL, &s->name);
        cfg_get_string(doc, e, "level", CFG_OPTIONAL, &s->level);
        s->has_from = cfg_get_date(doc, e, "from", CFG_OPTIONAL, &s->from);
        s->has_to = cfg_get_date(doc, e, "to", CFG_OPTIONAL, &s->to);
    }
    a->nstudents = n;
}

/* The name of a member of key that must be an id (an indicator, a part, a proof ...). */
static bool check_name(cfg_doc *doc, const config_setting_t *at, const char *key, const char *name)
{
    char msg[VALID_MSG_MAX];
    if (valid_id(key, name, msg, sizeof msg))
        return true;
    cfg_error(doc, at, "%s", msg);
    return false;
}

/* A group whose member names are ids: { sas_deployed = "yes"; ... } and the like. */
static const config_setting_t *id_group(cfg_doc *doc, const config_setting_t *g, const char *key,
                                        size_t *n)
{
    const config_setting_t *s = cfg_get_group(doc, g, key, CFG_OPTIONAL);
    *n = s ? (size_t)config_setting_length(s) : 0;
    for (size_t i = 0; i < *n; i++) {
        const char *name = config_setting_name(config_setting_get_elem(s, (unsigned)i));
        check_name(doc, config_setting_get_elem(s, (unsigned)i), key, name);
    }
    return s;
}

static void read_parts(cfg_doc *doc, const config_setting_t *g, decl_answer *a)
{
    size_t n;
    const config_setting_t *s = id_group(doc, g, "parts", &n);
    if (!s)
        return;
    a->parts = arena_calloc(doc->arena, n ? n : 1, sizeof *a->parts);
    for (size_t i = 0; a->parts && i < n; i++) {
        const char *name = config_setting_name(config_setting_get_elem(s, (unsigned)i));
        a->parts[i].id = arena_strdup(doc->arena, name);
        get_yesno(doc, s, name, &a->parts[i].value);
    }
    a->nparts = a->parts ? n : 0;
}

static void read_components(cfg_doc *doc, const config_setting_t *g, decl_answer *a)
{
    size_t n;
    const config_setting_t *s = id_group(doc, g, "components", &n);
    if (!s)
        return;
    a->components = arena_calloc(doc->arena, n ? n : 1, sizeof *a->components);
    for (size_t i = 0; a->components && i < n; i++) {
        const char *name = config_setting_name(config_setting_get_elem(s, (unsigned)i));
        a->components[i].id = arena_strdup(doc->arena, name);
        cfg_get_fraction(doc, s, name, CFG_REQUIRED, &a->components[i].numerator,
                         &a->components[i].denominator);
    }
    a->ncomponents = a->components ? n : 0;
}

static void read_proofs(cfg_doc *doc, const config_setting_t *g, decl_answer *a)
{
    static const char *const keys[] = {"state", "date", NULL};
    size_t n;
    const config_setting_t *s = id_group(doc, g, "proofs", &n);
    if (!s)
        return;
    a->proofs = arena_calloc(doc->arena, n ? n : 1, sizeof *a->proofs);
    for (size_t i = 0; a->proofs && i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        decl_proof *p = &a->proofs[i];
        int st = 0;
        p->id = arena_strdup(doc->arena, config_setting_name(e));
        if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
            cfg_error(doc, e, "« %s » doit être un groupe { state = ...; date = ...; }", p->id);
            continue;
        }
        cfg_check_keys(doc, e, keys);
        cfg_get_enum(doc, e, "state", CFG_REQUIRED, &decl_proof_state_vocab, &st);
        p->state = (decl_proof_state)st;
        p->has_date = cfg_get_date(doc, e, "date", CFG_OPTIONAL, &p->date);
        if (p->state != DECL_PROOF_TO_SEND && !p->has_date)
            cfg_error(doc, e, "justificatif « %s » : la date d'envoi ou de validation manque",
                      p->id);
    }
    a->nproofs = a->proofs ? n : 0;
}

static void read_answer(cfg_doc *doc, const config_setting_t *g, decl_answer *a)
{
    static const char *const keys[] = {"value", "prefilled",  "software",  "lap",         "choices",
                                       "other", "students",   "numerator", "denominator", "count",
                                       "parts", "components", "proofs",    "comment",     NULL};
    a->line = cfg_line(g);
    if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
        cfg_error(doc, g, "la réponse « %s » doit être un groupe { }", a->indicator);
        return;
    }
    cfg_check_keys(doc, g, keys);
    get_yesno(doc, g, "value", &a->value);
    cfg_get_bool(doc, g, "prefilled", CFG_OPTIONAL, &a->prefilled);
    read_software(doc, g, a);
    read_lap(doc, g, a);
    cfg_get_strings(doc, g, "choices", CFG_OPTIONAL, true, &a->choices, &a->nchoices);
    cfg_get_string(doc, g, "other", CFG_OPTIONAL, &a->other);
    read_students(doc, g, a);
    bool has_num = cfg_get_int(doc, g, "numerator", CFG_OPTIONAL, 0, INT32_MAX, &a->numerator);
    bool has_den = cfg_get_int(doc, g, "denominator", CFG_OPTIONAL, 0, INT32_MAX, &a->denominator);
    if (has_num != has_den)
        cfg_error(doc, g, "« numerator » et « denominator » vont ensemble");
    a->has_ratio = has_num && has_den;
    a->has_count = cfg_get_int(doc, g, "count", CFG_OPTIONAL, 0, INT32_MAX, &a->count);
    read_parts(doc, g, a);
    read_components(doc, g, a);
    read_proofs(doc, g, a);
    cfg_get_string(doc, g, "comment", CFG_OPTIONAL | CFG_MULTILINE, &a->comment);
}

/* What was typed and not given yet: ( { field = "..."; text = "..."; }, ... ). */
static void read_typing(cfg_doc *doc, const config_setting_t *g, decl_t *d)
{
    static const char *const keys[] = {"field", "text", NULL};
    const config_setting_t *l = cfg_get_list(doc, g, "typing", CFG_OPTIONAL);
    size_t n = l ? (size_t)config_setting_length(l) : 0;
    if (!l)
        return;
    if (n > DECL_MAX_TYPING) {
        cfg_error(doc, l, "trop de saisies non validées (%zu, au plus %d)", n, DECL_MAX_TYPING);
        return;
    }
    decl_typing t[DECL_MAX_TYPING];
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(l, (unsigned)i);
        cfg_check_keys(doc, e, keys);
        const char *field = NULL, *text = NULL;
        if (!cfg_get_string(doc, e, "field", CFG_REQUIRED, &field) ||
            !cfg_get_string(doc, e, "text", CFG_PRESENT, &text))
            continue;
        char msg[VALID_MSG_MAX];
        if (!valid_typing(field, text, msg, sizeof msg)) {
            cfg_error(doc, e, "%s", msg);
            continue;
        }
        bool twice = false;
        for (size_t j = 0; j < kept; j++)
            twice = twice || strcmp(t[j].field, field) == 0;
        if (twice) {
            cfg_error(doc, e, "deux saisies pour le champ « %s »", field);
            continue;
        }
        t[kept++] = (decl_typing){field, text};
    }
    decl_set_typing(d, t, kept, NULL);
}

bool decl_read_group(cfg_doc *doc, const config_setting_t *g, decl_t *d, bool require_header)
{
    static const char *const keys[] = {"format",         "writer",  "campaign",    "first_year",
                                       "identity",       "answers", "attestation", "typing",
                                       "rpps_confirmed", NULL};
    static const char *const att_keys[] = {"accuracy", "keep_proofs", "date", NULL};
    size_t before = cfg_error_count(doc);
    unsigned req = require_header ? CFG_REQUIRED : CFG_OPTIONAL;
    int64_t v;
    const config_setting_t *fs = config_setting_get_member(g, "format");
    if (fs && config_setting_type(fs) == CONFIG_TYPE_INT &&
        config_setting_get_int(fs) > DECL_FORMAT) {
        /* a newer format may hold keys this version does not know: say only that */
        cfg_error(doc, fs,
                  "brouillon au format %d, écrit par une version plus récente de fsdecl (ce "
                  "programme lit le format %d) : mettez fsdecl à jour",
                  config_setting_get_int(fs), DECL_FORMAT);
        return false;
    }
    cfg_check_keys(doc, g, keys);
    if (cfg_get_int(doc, g, "format", req, 1, DECL_FORMAT, &v))
        d->format = (int)v;
    cfg_get_string(doc, g, "writer", CFG_OPTIONAL, &d->writer);
    if (cfg_get_int(doc, g, "campaign", req, 2000, 2100, &v))
        d->campaign = (int)v;
    cfg_get_bool(doc, g, "first_year", CFG_OPTIONAL, &d->first_year);
    cfg_get_bool(doc, g, "rpps_confirmed", CFG_OPTIONAL, &d->rpps_confirmed);
    const config_setting_t *id = cfg_get_group(doc, g, "identity", CFG_OPTIONAL);
    if (id)
        read_identity(doc, id, d);
    const config_setting_t *ans = cfg_get_group(doc, g, "answers", CFG_OPTIONAL);
    int n = ans ? config_setting_length(ans) : 0;
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(ans, (unsigned)i);
        const char *name = config_setting_name(e);
        if (!check_name(doc, e, "answers", name))
            continue;
        decl_answer *a = decl_answer_reset(d, name);
        if (a)
            read_answer(doc, e, a);
    }
    const config_setting_t *att = cfg_get_group(doc, g, "attestation", CFG_OPTIONAL);
    if (att) {
        cfg_check_keys(doc, att, att_keys);
        cfg_get_bool(doc, att, "accuracy", CFG_OPTIONAL, &d->attestation.accuracy);
        cfg_get_bool(doc, att, "keep_proofs", CFG_OPTIONAL, &d->attestation.keep_proofs);
        d->attestation.has_date =
            cfg_get_date(doc, att, "date", CFG_OPTIONAL, &d->attestation.date);
    }
    read_typing(doc, g, d);
    return cfg_error_count(doc) == before;
}

static decl_t *finish(cfg_doc *doc, bool opened, decl_t *d, const char *path)
{
    bool ok = opened && decl_read_group(doc, cfg_root(doc), d, true);
    cfg_close(doc);
    if (!ok) {
        decl_free(d);
        return NULL;
    }
    d->path = arena_strdup(d->arena, path);
    return d;
}

decl_t *decl_load(const char *path, diag_list *diag)
{
    decl_t *d = decl_new();
    if (!d) {
        diag_add(diag, path, 0, "mémoire insuffisante");
        return NULL;
    }
    cfg_doc doc;
    bool opened = cfg_open(&doc, path, path, diag, d->arena);
    return finish(&doc, opened, d, path);
}

decl_t *decl_parse(const char *text, size_t len, const char *display, diag_list *diag)
{
    decl_t *d = decl_new();
    if (!d) {
        diag_add(diag, display, 0, "mémoire insuffisante");
        return NULL;
    }
    cfg_doc doc;
    bool opened = cfg_open_text(&doc, text, len, display, diag, d->arena);
    return finish(&doc, opened, d, display);
}
