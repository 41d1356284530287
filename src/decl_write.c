/* decl_write: a declaration as canonical draft text. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsdecl/decl.h"
#include "strbuf.h"

/* A libconfig string literal: runs of plain bytes, and the escapes between them. */
static void put_str(strbuf *b, const char *s)
{
    strbuf_puts(b, "\"");
    while (*s) {
        size_t n = strcspn(s, "\"\\\n");
        strbuf_put(b, "%.*s", (int)n, s);
        s += n;
        if (*s)
            strbuf_puts(b, *s == '\n' ? "\\n" : *s == '"' ? "\\\"" : "\\\\");
        s += *s ? 1 : 0;
    }
    strbuf_puts(b, "\"");
}

static void put_kv_str(strbuf *b, const char *indent, const char *key, const char *v)
{
    if (!v)
        return;
    strbuf_put(b, "%s%s = ", indent, key);
    put_str(b, v);
    strbuf_put(b, ";\n");
}

static void put_kv_date(strbuf *b, const char *indent, const char *key, bool has, date_t d)
{
    if (!has)
        return;
    char iso[16];
    date_format_iso(d, iso, sizeof iso);
    strbuf_put(b, "%s%s = \"%s\";\n", indent, key, iso);
}

static const char *yesno_str(decl_yesno v)
{
    return vocab_id(&decl_yesno_vocab, v);
}

static void write_answer(strbuf *b, const decl_answer *a)
{
    const char *in = "    ";
    strbuf_put(b, "  %s = {\n", a->indicator);
    if (a->value != DECL_UNSET)
        strbuf_put(b, "%svalue = \"%s\";\n", in, yesno_str(a->value));
    if (a->prefilled)
        strbuf_put(b, "%sprefilled = true;\n", in);
    if (a->software.editor || a->software.name || a->software.version || a->software.has_acquired ||
        a->software.hospital_dpi) {
        strbuf_put(b, "%ssoftware = {\n", in);
        for (int f = 0; f < DECL_SW_COUNT; f++)
            put_kv_str(b, "      ", decl_software_key((decl_software_field)f),
                       decl_software(a, (decl_software_field)f));
        put_kv_date(b, "      ", "acquired", a->software.has_acquired, a->software.acquired);
        if (a->software.hospital_dpi)
            strbuf_put(b, "      hospital_dpi = true;\n");
        strbuf_put(b, "%s};\n", in);
    }
    if (a->lap.name || a->lap.has_certified || a->lap.provisional || a->lap.has_process_started) {
        strbuf_put(b, "%slap = {\n", in);
        put_kv_str(b, "      ", "name", a->lap.name);
        put_kv_date(b, "      ", "certified", a->lap.has_certified, a->lap.certified);
        if (a->lap.provisional)
            strbuf_put(b, "      provisional = true;\n");
        put_kv_date(b, "      ", "process_started", a->lap.has_process_started,
                    a->lap.process_started);
        strbuf_put(b, "%s};\n", in);
    }
    if (a->choices) {
        strbuf_put(b, "%schoices = [", in);
        for (size_t i = 0; i < a->nchoices; i++) {
            strbuf_put(b, "%s", i ? ", " : " ");
            put_str(b, a->choices[i]);
        }
        strbuf_put(b, " ];\n");
    }
    put_kv_str(b, in, "other", a->other);
    if (a->students) {
        strbuf_put(b, "%sstudents = (", in);
        for (size_t i = 0; i < a->nstudents; i++) {
            const decl_student *s = &a->students[i];
            strbuf_put(b, "%s\n      {\n", i ? "," : "");
            put_kv_str(b, "        ", "name", s->name);
            put_kv_str(b, "        ", "level", s->level);
            put_kv_date(b, "        ", "from", s->has_from, s->from);
            put_kv_date(b, "        ", "to", s->has_to, s->to);
            strbuf_put(b, "      }");
        }
        strbuf_put(b, "\n%s);\n", in);
    }
    if (a->has_ratio)
        strbuf_put(b, "%snumerator = %lld;\n%sdenominator = %lld;\n", in, (long long)a->numerator,
                   in, (long long)a->denominator);
    if (a->has_count)
        strbuf_put(b, "%scount = %lld;\n", in, (long long)a->count);
    if (a->parts) {
        strbuf_put(b, "%sparts = {", in);
        for (size_t i = 0; i < a->nparts; i++)
            if (a->parts[i].value != DECL_UNSET)
                strbuf_put(b, " %s = \"%s\";", a->parts[i].id, yesno_str(a->parts[i].value));
        strbuf_put(b, " };\n");
    }
    if (a->components) {
        strbuf_put(b, "%scomponents = {", in);
        for (size_t i = 0; i < a->ncomponents; i++)
            strbuf_put(b, " %s = [%lld, %lld];", a->components[i].id,
                       (long long)a->components[i].numerator,
                       (long long)a->components[i].denominator);
        strbuf_put(b, " };\n");
    }
    if (a->proofs) {
        strbuf_put(b, "%sproofs = {\n", in);
        for (size_t i = 0; i < a->nproofs; i++) {
            const decl_proof *p = &a->proofs[i];
            strbuf_put(b, "      %s = { state = \"%s\";", p->id,
                       vocab_id(&decl_proof_state_vocab, p->state));
            if (p->has_date) {
                char iso[16];
                date_format_iso(p->date, iso, sizeof iso);
                strbuf_put(b, " date = \"%s\";", iso);
            }
            strbuf_put(b, " };\n");
        }
        strbuf_put(b, "%s};\n", in);
    }
    put_kv_str(b, in, "comment", a->comment);
    strbuf_put(b, "  };\n");
}

char *decl_write(const decl_t *d, const char *writer, size_t *len)
{
    strbuf b = {0};
    strbuf_put(&b, "# Déclaration fsdecl : format décrit dans docs/draft-format.md\n");
    strbuf_put(&b, "format = %d;\n", DECL_FORMAT);
    put_kv_str(&b, "", "writer", writer);
    strbuf_put(&b, "campaign = %d;\n", d->campaign);
    strbuf_put(&b, "first_year = %s;\n", d->first_year ? "true" : "false");
    if (d->rpps_confirmed) /* written only when set: drafts without it keep their bytes */
        strbuf_put(&b, "rpps_confirmed = true;\n");
    strbuf_put(&b, "identity = {\n");
    for (int f = 0; f < DECL_ID_COUNT; f++)
        put_kv_str(&b, "  ", decl_identity_key((decl_identity_field)f),
                   decl_identity(d, (decl_identity_field)f));
    strbuf_put(&b, "};\nanswers = {\n");
    for (size_t i = 0; i < d->nanswers; i++)
        write_answer(&b, d->answers[i]);
    strbuf_put(&b, "};\nattestation = {\n  accuracy = %s;\n  keep_proofs = %s;\n",
               d->attestation.accuracy ? "true" : "false",
               d->attestation.keep_proofs ? "true" : "false");
    put_kv_date(&b, "  ", "date", d->attestation.has_date, d->attestation.date);
    strbuf_put(&b, "};\n");
    if (d->ntyping) {
        strbuf_put(&b, "typing = (\n");
        for (size_t i = 0; i < d->ntyping; i++) {
            strbuf_put(&b, "  { field = ");
            put_str(&b, d->typing[i].field);
            strbuf_put(&b, "; text = ");
            put_str(&b, d->typing[i].text);
            strbuf_put(&b, "; }%s\n", i + 1 < d->ntyping ? "," : "");
        }
        strbuf_put(&b, ");\n");
    }
    return strbuf_take(&b, len);
}
