#include "fsdecl/decl.h"

#include "decl_read.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const YESNO[] = {"", "yes", "no", NULL};
static const char *const PROOF_STATES[] = {"to_send", "sent", "validated", NULL};

decl_t *decl_new(void)
{
    arena_t *a = arena_new();
    decl_t *d = a ? arena_calloc(a, 1, sizeof *d) : NULL;
    if (!d) {
        arena_free(a);
        return NULL;
    }
    d->arena = a;
    d->format = DECL_FORMAT;
    return d;
}

void decl_free(decl_t *d)
{
    if (d)
        arena_free(d->arena);
}

static void get_yesno(cfg_doc *doc, const config_setting_t *g, const char *key, decl_yesno *out)
{
    int v;
    if (cfg_get_enum(doc, g, key, CFG_OPTIONAL, YESNO + 1, &v))
        *out = v == 0 ? DECL_YES : DECL_NO;
}

static void read_identity(cfg_doc *doc, const config_setting_t *g, decl_t *d)
{
    static const char *const keys[] = {"last_name", "first_name", "rpps",          "am_number",
                                       "specialty", "address",    "caisse",        "establishment",
                                       "finess",    NULL};
    cfg_check_keys(doc, g, keys);
    cfg_get_string(doc, g, "last_name", CFG_OPTIONAL, &d->identity.last_name);
    cfg_get_string(doc, g, "first_name", CFG_OPTIONAL, &d->identity.first_name);
    cfg_get_string(doc, g, "rpps", CFG_OPTIONAL, &d->identity.rpps);
    cfg_get_string(doc, g, "am_number", CFG_OPTIONAL, &d->identity.am_number);
    cfg_get_string(doc, g, "specialty", CFG_OPTIONAL, &d->identity.specialty);
    cfg_get_string(doc, g, "address", CFG_OPTIONAL | CFG_MULTILINE, &d->identity.address);
    cfg_get_string(doc, g, "caisse", CFG_OPTIONAL, &d->identity.caisse);
    cfg_get_string(doc, g, "establishment", CFG_OPTIONAL, &d->identity.establishment);
    cfg_get_string(doc, g, "finess", CFG_OPTIONAL, &d->identity.finess);
}

static void read_software(cfg_doc *doc, const config_setting_t *g, decl_answer *a)
{
    static const char *const keys[] = {"editor", "name", "version", "acquired", "hospital_dpi",
                                       NULL};
    const config_setting_t *s = cfg_get_group(doc, g, "software", CFG_OPTIONAL);
    if (!s)
        return;
    cfg_check_keys(doc, s, keys);
    cfg_get_string(doc, s, "editor", CFG_OPTIONAL, &a->software.editor);
    cfg_get_string(doc, s, "name", CFG_OPTIONAL, &a->software.name);
    cfg_get_string(doc, s, "version", CFG_OPTIONAL, &a->software.version);
    a->software.has_acquired = cfg_get_date(doc, s, "acquired", CFG_OPTIONAL, &a->software.acquired);
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

/* A group whose member names are ids: { sas_deployed = "yes"; ... } and the like. */
static const config_setting_t *id_group(cfg_doc *doc, const config_setting_t *g, const char *key,
                                        size_t *n)
{
    const config_setting_t *s = cfg_get_group(doc, g, key, CFG_OPTIONAL);
    *n = s ? (size_t)config_setting_length(s) : 0;
    for (size_t i = 0; i < *n; i++) {
        const char *name = config_setting_name(config_setting_get_elem(s, (unsigned)i));
        if (!cfg_is_id(name))
            cfg_error(doc, config_setting_get_elem(s, (unsigned)i),
                      "identifiant « %s » invalide dans « %s »", name, key);
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
        cfg_get_enum(doc, e, "state", CFG_REQUIRED, PROOF_STATES, &st);
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
    static const char *const keys[] = {"value",    "prefilled",  "software", "lap",
                                       "choices",  "other",      "students", "numerator",
                                       "denominator", "count",   "parts",    "components",
                                       "proofs",   "comment",    NULL};
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

static decl_answer *answer_slot(decl_t *d, const char *indicator)
{
    for (size_t i = 0; i < d->nanswers; i++)
        if (strcmp(d->answers[i].indicator, indicator) == 0) {
            memset(&d->answers[i], 0, sizeof d->answers[i]);
            d->answers[i].indicator = indicator;
            return &d->answers[i];
        }
    if (d->nanswers == d->capanswers) {
        size_t cap = d->capanswers ? d->capanswers * 2 : 32;
        decl_answer *n = arena_calloc(d->arena, cap, sizeof *n);
        if (!n)
            return NULL;
        if (d->nanswers)
            memcpy(n, d->answers, d->nanswers * sizeof *n);
        d->answers = n;
        d->capanswers = cap;
    }
    decl_answer *a = &d->answers[d->nanswers++];
    a->indicator = indicator;
    return a;
}

bool decl_read_group(cfg_doc *doc, const config_setting_t *g, decl_t *d, bool require_header)
{
    static const char *const keys[] = {"format",   "writer",  "campaign",   "first_year",
                                       "identity", "answers", "attestation", NULL};
    static const char *const att_keys[] = {"accuracy", "keep_proofs", "date", NULL};
    size_t before = cfg_error_count(doc);
    unsigned req = require_header ? CFG_REQUIRED : CFG_OPTIONAL;
    int64_t v;
    const config_setting_t *fs = config_setting_get_member(g, "format");
    if (fs && config_setting_type(fs) == CONFIG_TYPE_INT && config_setting_get_int(fs) > DECL_FORMAT) {
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
    const config_setting_t *id = cfg_get_group(doc, g, "identity", CFG_OPTIONAL);
    if (id)
        read_identity(doc, id, d);
    const config_setting_t *ans = cfg_get_group(doc, g, "answers", CFG_OPTIONAL);
    int n = ans ? config_setting_length(ans) : 0;
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(ans, (unsigned)i);
        const char *name = config_setting_name(e);
        if (!cfg_is_id(name)) {
            cfg_error(doc, e, "identifiant d'indicateur « %s » invalide", name);
            continue;
        }
        decl_answer *a = answer_slot(d, arena_strdup(d->arena, name));
        if (a)
            read_answer(doc, e, a);
    }
    const config_setting_t *att = cfg_get_group(doc, g, "attestation", CFG_OPTIONAL);
    if (att) {
        cfg_check_keys(doc, att, att_keys);
        cfg_get_bool(doc, att, "accuracy", CFG_OPTIONAL, &d->attestation.accuracy);
        cfg_get_bool(doc, att, "keep_proofs", CFG_OPTIONAL, &d->attestation.keep_proofs);
        d->attestation.has_date = cfg_get_date(doc, att, "date", CFG_OPTIONAL, &d->attestation.date);
    }
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

const decl_answer *decl_find_answer(const decl_t *d, const char *indicator)
{
    for (size_t i = 0; i < d->nanswers; i++)
        if (strcmp(d->answers[i].indicator, indicator) == 0)
            return &d->answers[i];
    return NULL;
}

const decl_proof *decl_find_proof(const decl_answer *a, const char *id)
{
    for (size_t i = 0; a && i < a->nproofs; i++)
        if (strcmp(a->proofs[i].id, id) == 0)
            return &a->proofs[i];
    return NULL;
}

decl_yesno decl_find_part(const decl_answer *a, const char *id)
{
    for (size_t i = 0; a && i < a->nparts; i++)
        if (strcmp(a->parts[i].id, id) == 0)
            return a->parts[i].value;
    return DECL_UNSET;
}

/* ---- writing ------------------------------------------------------------------------------ */

typedef struct {
    char *buf;
    size_t len, cap;
    bool failed;
} sbuf;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void put(sbuf *b, const char *fmt, ...)
{
    if (b->failed)
        return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(b->buf + b->len, b->cap - b->len, fmt, ap);
        va_end(ap);
        if (n < 0) {
            b->failed = true;
            return;
        }
        if ((size_t)n < b->cap - b->len) {
            b->len += (size_t)n;
            return;
        }
        size_t cap = (b->cap + (size_t)n + 1) * 2;
        char *nb = realloc(b->buf, cap);
        if (!nb) {
            b->failed = true;
            return;
        }
        b->buf = nb;
        b->cap = cap;
    }
}

/* A libconfig string literal. */
static void put_str(sbuf *b, const char *s)
{
    put(b, "\"");
    for (const char *p = s; *p; p++) {
        if (*p == '"' || *p == '\\')
            put(b, "\\%c", *p);
        else if (*p == '\n')
            put(b, "\\n");
        else
            put(b, "%c", *p);
    }
    put(b, "\"");
}

static void put_kv_str(sbuf *b, const char *indent, const char *key, const char *v)
{
    if (!v)
        return;
    put(b, "%s%s = ", indent, key);
    put_str(b, v);
    put(b, ";\n");
}

static void put_kv_date(sbuf *b, const char *indent, const char *key, bool has, date_t d)
{
    if (!has)
        return;
    char iso[16];
    date_format_iso(d, iso, sizeof iso);
    put(b, "%s%s = \"%s\";\n", indent, key, iso);
}

static const char *yesno_str(decl_yesno v)
{
    return v == DECL_YES ? "yes" : "no";
}

static void write_answer(sbuf *b, const decl_answer *a)
{
    const char *in = "    ";
    put(b, "  %s = {\n", a->indicator);
    if (a->value != DECL_UNSET)
        put(b, "%svalue = \"%s\";\n", in, yesno_str(a->value));
    if (a->prefilled)
        put(b, "%sprefilled = true;\n", in);
    if (a->software.editor || a->software.name || a->software.version ||
        a->software.has_acquired || a->software.hospital_dpi) {
        put(b, "%ssoftware = {\n", in);
        put_kv_str(b, "      ", "editor", a->software.editor);
        put_kv_str(b, "      ", "name", a->software.name);
        put_kv_str(b, "      ", "version", a->software.version);
        put_kv_date(b, "      ", "acquired", a->software.has_acquired, a->software.acquired);
        if (a->software.hospital_dpi)
            put(b, "      hospital_dpi = true;\n");
        put(b, "%s};\n", in);
    }
    if (a->lap.name || a->lap.has_certified || a->lap.provisional || a->lap.has_process_started) {
        put(b, "%slap = {\n", in);
        put_kv_str(b, "      ", "name", a->lap.name);
        put_kv_date(b, "      ", "certified", a->lap.has_certified, a->lap.certified);
        if (a->lap.provisional)
            put(b, "      provisional = true;\n");
        put_kv_date(b, "      ", "process_started", a->lap.has_process_started,
                    a->lap.process_started);
        put(b, "%s};\n", in);
    }
    if (a->choices) {
        put(b, "%schoices = [", in);
        for (size_t i = 0; i < a->nchoices; i++) {
            put(b, "%s", i ? ", " : " ");
            put_str(b, a->choices[i]);
        }
        put(b, " ];\n");
    }
    put_kv_str(b, in, "other", a->other);
    if (a->students) {
        put(b, "%sstudents = (", in);
        for (size_t i = 0; i < a->nstudents; i++) {
            const decl_student *s = &a->students[i];
            put(b, "%s\n      {\n", i ? "," : "");
            put_kv_str(b, "        ", "name", s->name);
            put_kv_str(b, "        ", "level", s->level);
            put_kv_date(b, "        ", "from", s->has_from, s->from);
            put_kv_date(b, "        ", "to", s->has_to, s->to);
            put(b, "      }");
        }
        put(b, "\n%s);\n", in);
    }
    if (a->has_ratio)
        put(b, "%snumerator = %lld;\n%sdenominator = %lld;\n", in, (long long)a->numerator, in,
            (long long)a->denominator);
    if (a->has_count)
        put(b, "%scount = %lld;\n", in, (long long)a->count);
    if (a->parts) {
        put(b, "%sparts = {", in);
        for (size_t i = 0; i < a->nparts; i++)
            if (a->parts[i].value != DECL_UNSET)
                put(b, " %s = \"%s\";", a->parts[i].id, yesno_str(a->parts[i].value));
        put(b, " };\n");
    }
    if (a->components) {
        put(b, "%scomponents = {", in);
        for (size_t i = 0; i < a->ncomponents; i++)
            put(b, " %s = [%lld, %lld];", a->components[i].id,
                (long long)a->components[i].numerator, (long long)a->components[i].denominator);
        put(b, " };\n");
    }
    if (a->proofs) {
        static const char *const states[] = {"to_send", "sent", "validated"};
        put(b, "%sproofs = {\n", in);
        for (size_t i = 0; i < a->nproofs; i++) {
            const decl_proof *p = &a->proofs[i];
            put(b, "      %s = { state = \"%s\";", p->id, states[p->state]);
            if (p->has_date) {
                char iso[16];
                date_format_iso(p->date, iso, sizeof iso);
                put(b, " date = \"%s\";", iso);
            }
            put(b, " };\n");
        }
        put(b, "%s};\n", in);
    }
    put_kv_str(b, in, "comment", a->comment);
    put(b, "  };\n");
}

char *decl_write(const decl_t *d, const char *writer, size_t *len)
{
    sbuf b = {.buf = malloc(4096), .cap = 4096};
    if (!b.buf)
        return NULL;
    put(&b, "# Déclaration fsdecl : format décrit dans docs/draft-format.md\n");
    put(&b, "format = %d;\n", DECL_FORMAT);
    put_kv_str(&b, "", "writer", writer);
    put(&b, "campaign = %d;\n", d->campaign);
    put(&b, "first_year = %s;\n", d->first_year ? "true" : "false");
    put(&b, "identity = {\n");
    put_kv_str(&b, "  ", "last_name", d->identity.last_name);
    put_kv_str(&b, "  ", "first_name", d->identity.first_name);
    put_kv_str(&b, "  ", "rpps", d->identity.rpps);
    put_kv_str(&b, "  ", "am_number", d->identity.am_number);
    put_kv_str(&b, "  ", "specialty", d->identity.specialty);
    put_kv_str(&b, "  ", "address", d->identity.address);
    put_kv_str(&b, "  ", "caisse", d->identity.caisse);
    put_kv_str(&b, "  ", "establishment", d->identity.establishment);
    put_kv_str(&b, "  ", "finess", d->identity.finess);
    put(&b, "};\nanswers = {\n");
    for (size_t i = 0; i < d->nanswers; i++)
        write_answer(&b, &d->answers[i]);
    put(&b, "};\nattestation = {\n  accuracy = %s;\n  keep_proofs = %s;\n",
        d->attestation.accuracy ? "true" : "false", d->attestation.keep_proofs ? "true" : "false");
    put_kv_date(&b, "  ", "date", d->attestation.has_date, d->attestation.date);
    put(&b, "};\n");
    if (b.failed) {
        free(b.buf);
        return NULL;
    }
    if (len)
        *len = b.len;
    return b.buf;
}
