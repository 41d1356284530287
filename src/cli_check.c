/* fsdecl check: judge declarations, in text or JSON. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "fsdecl/decl.h"
#include "fsdecl/eval.h"
#include "fsdecl/rules.h"
#include "fsdecl/text.h"

/* ---- JSON --------------------------------------------------------------------------------- */

static void json_str(FILE *f, const char *s)
{
    /* never invalid UTF-8 in the JSON, whatever a file name holds; nothing is cut */
    size_t n = strlen(s ? s : "") + 1;
    char *safe = malloc(n);
    if (!safe)
        return;
    text_sanitize(s ? s : "", true, safe, n);
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)safe; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
    free(safe);
}

static void json_opt_str(FILE *f, const char *s)
{
    if (s)
        json_str(f, s);
    else
        fputs("null", f);
}

static void json_result(FILE *f, const char *file, const decl_t *d, const eval_result *r)
{
    const rules_campaign *c = r->campaign;
    fputs("{\"file\":", f);
    json_str(f, file);
    fprintf(f, ",\"campaign\":%d,\"identity\":{\"last_name\":", c->year);
    json_opt_str(f, d->identity.last_name);
    fputs(",\"first_name\":", f);
    json_opt_str(f, d->identity.first_name);
    fputs(",\"rpps\":", f);
    json_opt_str(f, d->identity.rpps);
    fputs(",\"am_number\":", f);
    json_opt_str(f, d->identity.am_number);
    fputs(",\"specialty\":", f);
    json_opt_str(f, d->identity.specialty);
    fprintf(f, "},\"verdict\":\"%s\",\"transmittable\":%s,",
            r->nblocking ? "problems" : "complete", r->transmittable ? "true" : "false");
    fprintf(f,
            "\"total\":{\"min_tenths\":%" PRId64 ",\"max_tenths\":%" PRId64
            ",\"min_cents\":%" PRId64 ",\"max_cents\":%" PRId64 "},\"volets\":[",
            r->min_tenths, r->max_tenths, r->min_cents, r->max_cents);
    for (size_t v = 0; v < c->nvolets; v++) {
        fprintf(f, "%s{\"id\":", v ? "," : "");
        json_str(f, c->volets[v].id);
        fprintf(f, ",\"min_tenths\":%" PRId64 ",\"max_tenths\":%" PRId64 "}",
                r->volets[v].min_tenths, r->volets[v].max_tenths);
    }
    fputs("],\"indicators\":[", f);
    for (size_t i = 0; i < r->nitems; i++) {
        const eval_indicator *it = &r->items[i];
        fprintf(f, "%s{\"id\":", i ? "," : "");
        json_str(f, it->ind->id);
        fputs(",\"volet\":", f);
        json_str(f, c->volets[it->ind->volet].id);
        fputs(",\"label\":", f);
        json_str(f, it->ind->label);
        fprintf(f, ",\"status\":\"%s\",\"min_tenths\":%" PRId64 ",\"max_tenths\":%" PRId64 "}",
                vocab_id(&eval_status_vocab, it->status), it->min_tenths, it->max_tenths);
    }
    fputs("],\"missing\":[", f);
    for (size_t i = 0; i < r->nmissing; i++) {
        fprintf(f, "%s{\"indicator\":", i ? "," : "");
        json_str(f, r->missing[i].ind->id);
        fprintf(f, ",\"gain_cents\":%" PRId64 "}", r->missing[i].gain_cents);
    }
    fputs("],\"messages\":[", f);
    for (size_t i = 0; i < r->nmessages; i++) {
        const eval_message *m = &r->messages[i];
        fprintf(f, "%s{\"id\":\"%s\",\"severity\":\"%s\",\"indicator\":", i ? "," : "", m->id,
                vocab_id(&eval_severity_vocab, m->severity));
        json_opt_str(f, m->indicator);
        fputs(",\"text\":", f);
        json_str(f, m->text);
        fputc('}', f);
    }
    fputs("]}", f);
}

static void json_error(FILE *f, const char *file, const diag_list *d)
{
    fputs("{\"file\":", f);
    json_str(f, file);
    fputs(",\"verdict\":\"unreadable\",\"errors\":[", f);
    for (size_t i = 0; i < d->count; i++) {
        char *line = diag_format(&d->items[i]);
        fputs(i ? "," : "", f);
        json_str(f, line);
        free(line);
    }
    fputs("]}", f);
}

/* ---- text ----------------------------------------------------------------------------------- */

static void put_range(FILE *f, int64_t min, int64_t max, bool money)
{
    char a[48], b[48];
    if (money) {
        text_money(min, a, sizeof a);
        text_money(max, b, sizeof b);
    } else {
        text_points(min, a, sizeof a);
        text_points(max, b, sizeof b);
    }
    if (min == max)
        fprintf(f, "%s%s", a, money ? "" : " pts");
    else
        fprintf(f, "%s à %s%s", a, b, money ? "" : " pts");
}

static void text_result(FILE *f, const char *file, const decl_t *d, const eval_result *r)
{
    const rules_campaign *c = r->campaign;
    fputs("== ", f);
    cli_put(f, file);
    fputs(" — ", f);
    cli_put(f, d->identity.last_name ? d->identity.last_name : "?");
    fputs(" ", f);
    cli_put(f, d->identity.first_name ? d->identity.first_name : "");
    fputs(" — ", f);
    cli_put(f, c->title);
    fputs("\n", f);
    for (size_t v = 0; v < c->nvolets; v++) {
        fputs("\n", f);
        cli_put(f, c->volets[v].label);
        fputs(" : ", f);
        put_range(f, r->volets[v].min_tenths, r->volets[v].max_tenths, false);
        char all[32];
        text_points(c->volets[v].points_tenths, all, sizeof all);
        fprintf(f, " sur %s\n", all);
        for (size_t i = 0; i < r->nitems; i++) {
            const eval_indicator *it = &r->items[i];
            if (it->ind->volet != (int)v)
                continue;
            const char *st = vocab_fr(&eval_status_vocab, it->status);
            fprintf(f, "  %s%*s", st, (int)(23 - text_width(st)), "");
            if (c->volets[v].award == RULES_PER_INDICATOR) {
                char pts[64] = "";
                if (it->min_tenths == it->max_tenths)
                    text_points(it->min_tenths, pts, sizeof pts);
                else {
                    char a[32], b[32];
                    text_points(it->min_tenths, a, sizeof a);
                    text_points(it->max_tenths, b, sizeof b);
                    snprintf(pts, sizeof pts, "%s-%s", a, b);
                }
                fprintf(f, "%9s pts  ", pts);
            }
            cli_put(f, it->ind->label);
            fputs("\n", f);
        }
    }
    fputs("\nTotal : ", f);
    put_range(f, r->min_tenths, r->max_tenths, false);
    fputs(" = ", f);
    put_range(f, r->min_cents, r->max_cents, true);
    fputs("\n", f);
    if (r->nmissing) {
        fputs("\nCe qui manque, par valeur :\n", f);
        for (size_t i = 0; i < r->nmissing; i++) {
            char m[48];
            text_money(r->missing[i].gain_cents, m, sizeof m);
            fprintf(f, "  %14s  ", m);
            cli_put(f, r->missing[i].ind->label);
            fputs("\n", f);
        }
    }
    if (r->nmessages) {
        fputs("\nMessages :\n", f);
        for (int sev = EVAL_BLOCKING; sev <= EVAL_INFO; sev++)
            for (size_t i = 0; i < r->nmessages; i++) {
                const eval_message *m = &r->messages[i];
                if ((int)m->severity != sev)
                    continue;
                fprintf(f, "  [%s] ", vocab_fr(&eval_severity_vocab, m->severity));
                cli_put(f, m->text);
                fprintf(f, " (%s)\n", m->id);
            }
    }
    if (r->nblocking)
        fprintf(f, "\nVerdict : %zu problème%s à régler.\n", r->nblocking,
                r->nblocking > 1 ? "s" : "");
    else
        fputs("\nVerdict : déclaration complète et recevable.\n", f);
}

/* ---- command ------------------------------------------------------------------------------- */

static bool today_from_clock(date_t *out)
{
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm))
        return false;
    *out = (date_t){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    return true;
}

int cli_check(cli_options *o, int argc, char **argv)
{
    bool json = false;
    date_t today;
    bool have_today = false;
    int first = 0;
    for (; first < argc && argv[first][0] == '-'; first++) {
        const char *a = argv[first];
        if (strcmp(a, "--json") == 0) {
            json = true;
        } else if (strcmp(a, "--today") == 0 && first + 1 < argc) {
            if (date_parse(argv[++first], &today) != DATE_OK) {
                fputs("fsdecl check : --today attend une date AAAA-MM-JJ\n", stderr);
                return CLI_EXIT_ERROR;
            }
            have_today = true;
        } else if (strcmp(a, "--") == 0) {
            first++;
            break;
        } else {
            fputs("fsdecl check : option inconnue : ", stderr);
            cli_put(stderr, a);
            fputs("\nUsage : fsdecl check [--json] [--today AAAA-MM-JJ] FICHIER...\n", stderr);
            return CLI_EXIT_ERROR;
        }
    }
    if (first >= argc) {
        fputs("Usage : fsdecl check [--json] [--today AAAA-MM-JJ] FICHIER...\n", stderr);
        return CLI_EXIT_ERROR;
    }
    if (!have_today && !today_from_clock(&today)) {
        fputs("fsdecl check : date du jour illisible ; utilisez --today\n", stderr);
        return CLI_EXIT_ERROR;
    }
    int rc = CLI_EXIT_OK;
    if (json) {
        char t[16];
        date_format_iso(today, t, sizeof t);
        printf("{\"format\":1,\"today\":\"%s\",\"declarations\":[", t);
    }
    for (int i = first; i < argc; i++) {
        const char *file = argv[i];
        diag_list dg;
        diag_init(&dg);
        decl_t *d = decl_load(file, &dg);
        const rules_campaign *rules = NULL;
        if (d) {
            diag_list why;
            diag_init(&why);
            rules = cli_campaign(o, d->campaign, &why);
            if (!rules)
                diag_add(&dg, file, 0, "règles de la campagne %d introuvables ou illisibles",
                         d->campaign);
            for (size_t k = 0; k < why.count; k++) {
                char *line = diag_format(&why.items[k]);
                diag_add(&dg, file, 0, "%s", line ? line : "");
                free(line);
            }
            diag_free(&why);
        }
        if (json && i > first)
            fputs(",", stdout);
        if (!d || !rules) {
            rc = CLI_EXIT_ERROR;
            if (json)
                json_error(stdout, file, &dg);
            else
                cli_print_diags(stderr, &dg);
        } else {
            eval_result *r = eval_declaration(rules, d, today);
            if (!r) {
                fputs("fsdecl check : mémoire insuffisante\n", stderr);
                rc = CLI_EXIT_ERROR;
            } else {
                if (r->nblocking && rc == CLI_EXIT_OK)
                    rc = CLI_EXIT_PROBLEMS;
                if (json)
                    json_result(stdout, file, d, r);
                else
                    text_result(stdout, file, d, r);
                if (!json && i + 1 < argc)
                    fputs("\n", stdout);
            }
            eval_free(r);
        }
        decl_free(d);
        diag_free(&dg);
    }
    if (json)
        puts("]}");
    return rc;
}
