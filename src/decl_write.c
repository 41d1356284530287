/* decl_write: a declaration as canonical draft text. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsdecl/decl.h"

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
    return vocab_id(&decl_yesno_vocab, v);
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
        for (int f = 0; f < DECL_SW_COUNT; f++)
            put_kv_str(b, "      ", decl_software_key((decl_software_field)f),
                       decl_software(a, (decl_software_field)f));
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
        put(b, "%sproofs = {\n", in);
        for (size_t i = 0; i < a->nproofs; i++) {
            const decl_proof *p = &a->proofs[i];
            put(b, "      %s = { state = \"%s\";", p->id, vocab_id(&decl_proof_state_vocab, p->state));
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
    for (int f = 0; f < DECL_ID_COUNT; f++)
        put_kv_str(&b, "  ", decl_identity_key((decl_identity_field)f),
                   decl_identity(d, (decl_identity_field)f));
    put(&b, "};\nanswers = {\n");
    for (size_t i = 0; i < d->nanswers; i++)
        write_answer(&b, d->answers[i]);
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
