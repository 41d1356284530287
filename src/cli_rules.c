/* fsdecl rules: list, show and lint campaign rules. */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fsdecl/rules.h"
#include "fsdecl/text.h"

static void print_window(FILE *f, const rules_campaign *c)
{
    char o[16], cl[16];
    date_format_fr(c->window.opens, o, sizeof o);
    if (c->window.has_closes) {
        date_format_fr(c->window.closes, cl, sizeof cl);
        fprintf(f, "du %s%s au %s%s", o, c->window.opens_approximate ? " (prévisionnel)" : "", cl,
                c->window.closes_inferred ? " (clôture probable, non publiée)" : "");
    } else {
        fprintf(f, "à partir du %s%s, clôture non connue", o,
                c->window.opens_approximate ? " (prévisionnel)" : "");
    }
}

/* One line of `fsdecl rules`; false when the campaign cannot be read (its errors on stderr). */
static bool list_one(cli_ctx *c, const paths_t *paths, int year)
{
    char path[PATH_MAX + 16];
    paths_campaign_file(paths, year, path, sizeof path);
    diag_list d;
    diag_init(&d);
    rules_campaign *rules = session_load_rules(c->session, path, &d);
    if (!rules) {
        printf("  %-8d  illisible    voir ci-dessous\n", year);
        cli_print_diags(stderr, &d);
    } else {
        const char *st = vocab_fr(&rules_status_vocab, rules->status);
        int pad = 11 - (int)text_width(st); /* columns, not bytes */
        printf("  %-8d  %s%*s  ", rules->year, st, pad > 0 ? pad : 0, "");
        print_window(stdout, rules);
        printf("\n");
    }
    rules_free(rules);
    diag_free(&d);
    return rules != NULL;
}

int cli_rules_list(cli_ctx *c, const cli_args *a)
{
    (void)a;
    const paths_t *paths = session_paths(c->session);
    int years[PATHS_MAX_CAMPAIGNS];
    size_t n = paths_campaign_years(paths->rules_dir, years, PATHS_MAX_CAMPAIGNS);
    printf("Règles lues dans ");
    cli_put(stdout, paths->rules_dir);
    printf(" (%s)\n", paths->rules_origin);
    if (n == 0) {
        printf("Aucune campagne trouvée (fichiers ANNÉE.cfg).\n");
        return CLI_EXIT_ERROR;
    }
    printf("\n  Campagne  Statut       Saisie des indicateurs\n");
    int rc = CLI_EXIT_OK;
    for (size_t i = 0; i < n; i++)
        if (!list_one(c, paths, years[i]))
            rc = CLI_EXIT_ERROR;
    return rc;
}

/* ---- show ----------------------------------------------------------------------------- */

static void put_fraction(FILE *f, rules_fraction fr)
{
    char b[32];
    text_fraction(fr.num, fr.den, b, sizeof b);
    fputs(b, f);
}

static void describe_criterion(FILE *f, const rules_campaign *c, const rules_criterion *cr)
{
    switch (cr->type) {
    case RULES_CRIT_YES_NO:
        fputs("oui/non — ", f);
        cli_put(f, cr->requirement);
        break;
    case RULES_CRIT_RATIO:
    case RULES_CRIT_AVERAGE_RATIO:
        if (cr->type == RULES_CRIT_AVERAGE_RATIO) {
            fputs("moyenne des taux (", f);
            for (size_t i = 0; i < cr->ncomponents; i++) {
                fputs(i ? ", " : "", f);
                cli_put(f, cr->components[i].label);
            }
            fputs(")", f);
        } else {
            fputs("taux", f);
        }
        fputs(cr->strict ? " > " : " ≥ ", f);
        put_fraction(f, cr->threshold);
        if (cr->has_original) {
            fputs(" (initialement ", f);
            put_fraction(f, cr->original);
            fputs(")", f);
        }
        if (cr->type == RULES_CRIT_RATIO) {
            fputs(" — ", f);
            cli_put(f, cr->numerator);
            fputs(" / ", f);
            cli_put(f, cr->denominator);
        }
        break;
    case RULES_CRIT_COUNT_AT_LEAST:
        fprintf(f, "au moins %" PRId64 " — ", cr->min);
        cli_put(f, cr->what);
        break;
    case RULES_CRIT_CHOICE: {
        size_t valid = 0, refused = 0;
        for (size_t i = 0; cr->list && i < cr->list->count; i++)
            cr->list->entries[i].valid ? valid++ : refused++;
        fprintf(f, "%s dans la liste « ", cr->multiple ? "un ou plusieurs choix" : "un choix");
        cli_put(f, cr->list ? cr->list->label : cr->list_role);
        fprintf(f, " » (%zu acceptés, %zu refusés%s)", valid, refused,
                cr->allow_other ? ", autre réponse possible" : "");
        for (size_t i = 0; i < cr->nexclusive; i++) {
            const lists_entry *e = lists_find(cr->list, cr->exclusive[i].value);
            fputs(" ; « ", f);
            cli_put(f, e ? e->label : cr->exclusive[i].value);
            const rules_indicator *other = rules_find_indicator(c, cr->exclusive[i].indicator);
            fputs(" » ne compte pas s'il est déjà déclaré pour « ", f);
            cli_put(f, other ? other->label : cr->exclusive[i].indicator);
            fputs(" »", f);
        }
        break;
    }
    case RULES_CRIT_SOFTWARE: {
        cli_put(f, cr->requirement);
        if (cr->lap_required && cr->lap_exemption) {
            const lists_table *sp = rules_find_list(c, "specialties");
            size_t exempt = 0;
            for (size_t i = 0; sp && i < sp->count; i++)
                exempt += sp->entries[i].lap_exempt;
            fprintf(f, " (LAP non exigé pour %zu spécialités exonérées)", exempt);
        } else if (cr->lap_required) {
            fputs(" (LAP exigé pour toutes les spécialités)", f);
        }
        break;
    }
    case RULES_CRIT_ALL_OF:
        fputs("toutes les conditions :", f);
        for (size_t i = 0; i < cr->nparts; i++) {
            fputs(i ? " ; " : " ", f);
            cli_put(f, cr->parts[i].label);
        }
        break;
    }
}

/* The two readings of an ambiguous criterion, both inferred: the criterion above is the strict
 * one. */
static void describe_readings(FILE *f, const rules_campaign *c, const rules_readings *rd)
{
    if (!rd)
        return;
    fputs("\n      Deux lectures (déduites) : ", f);
    cli_put(f, rd->about);
    fputs("\n        - stricte, ci-dessus : ", f);
    cli_put(f, rd->strict_label);
    fputs("\n        - souple : ", f);
    cli_put(f, rd->loose_label);
    fputs(" — ", f);
    describe_criterion(f, c, &rd->loose);
}

static void describe_flags(FILE *f, unsigned flags, const vocab_t *v)
{
    char buf[512];
    vocab_list_flags_fr(v, flags, buf, sizeof buf);
    fputs(buf, f);
}

/* The conditions beyond `when`: only if, unless, which are only inferred (a warning), and when a
 * proof the caisse validated in an earlier campaign must be sent again. */
static void describe_document_conditions(FILE *f, const rules_document *d)
{
    static const struct {
        size_t offset;
        const char *text;
    } parts[] = {
        {offsetof(rules_document, only_if), ", seulement si : "},
        {offsetof(rules_document, unless), ", sauf si : "},
        {offsetof(rules_document, inferred_when), " ; déduit, simple avertissement si : "},
        {offsetof(rules_document, renewed_when),
         " ; une pièce validée par la CPAM lors d'une campagne précédente vaut encore, sauf si : "},
    };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        unsigned flags = *(const unsigned *)((const char *)d + parts[i].offset);
        if (!flags)
            continue;
        fputs(parts[i].text, f);
        describe_flags(f, flags, &rules_when_vocab);
    }
}

static void describe_proof(FILE *f, const rules_indicator *ind)
{
    switch (ind->proof) {
    case RULES_PROOF_NONE: fputs("aucun", f); break;
    case RULES_PROOF_HONOUR: fputs("attestation sur l'honneur", f); break;
    case RULES_PROOF_DOCUMENTS:
        for (size_t i = 0; i < ind->ndocuments; i++) {
            const rules_document *d = &ind->documents[i];
            fputs("\n        - ", f);
            cli_put(f, d->label);
            fputs(" (", f);
            describe_flags(f, d->accepted, &rules_doc_kind_vocab);
            fputs(") exigé si : ", f);
            describe_flags(f, d->when, &rules_when_vocab);
            describe_document_conditions(f, d);
            if (d->deadline) {
                char b[16];
                date_format_fr(d->deadline->date, b, sizeof b);
                fprintf(f, " ; échéance %s", b);
            }
        }
        if (ind->counts_once_sent)
            fputs("\n        Une déclaration manuelle ne compte qu'une fois les justificatifs "
                  "envoyés.",
                  f);
        break;
    }
}

static void show_indicator(const rules_campaign *c, const rules_indicator *ind)
{
    char pts[32];
    printf("  %2d. ", ind->order);
    cli_put(stdout, ind->label);
    printf("  [%s]\n", ind->id);
    if (c->volets[ind->volet].award == RULES_PER_INDICATOR) {
        text_points(ind->points_tenths, pts, sizeof pts);
        printf("      Points : %s", pts);
        if (ind->group >= 0) {
            printf(" (");
            cli_put(stdout, c->groups[ind->group].label);
            printf(")");
        }
        printf("\n");
    }
    printf("      Type : %s\n      Critère : ", vocab_fr(&rules_kind_vocab, ind->kind));
    describe_criterion(stdout, c, &ind->criterion);
    describe_readings(stdout, c, ind->criterion.readings);
    printf("\n      Justificatif%s", ind->proof == RULES_PROOF_DOCUMENTS ? "s :" : " : ");
    describe_proof(stdout, ind);
    printf("\n");
    if (ind->has_neutralised) {
        printf("      Neutralisé : ");
        cli_put(stdout, ind->neutralised.note);
        printf("\n");
    }
    if (ind->note) {
        printf("      Note : ");
        cli_put(stdout, ind->note);
        printf("\n");
    }
}

static void show_campaign(const rules_campaign *c)
{
    char b[32], m[40];
    cli_put(stdout, c->title);
    printf(" — règles %ss\n", vocab_fr(&rules_status_vocab, c->status));
    text_money(c->point_value_cents, m, sizeof m);
    date_format_fr(c->evaluation_date, b, sizeof b);
    printf("Valeur du point : %s — atteinte appréciée au %s\n", m, b);
    printf("Saisie des indicateurs : ");
    print_window(stdout, c);
    printf("\n");
    if (c->window.note) {
        printf("  ");
        cli_put(stdout, c->window.note);
        printf("\n");
    }
    if (c->note) {
        printf("À savoir : ");
        cli_put(stdout, c->note);
        printf("\n");
    }
    if (c->ndeadlines)
        printf("Échéances :\n");
    for (size_t i = 0; i < c->ndeadlines; i++) {
        const rules_deadline *d = &c->deadlines[i];
        date_format_fr(d->date, b, sizeof b);
        printf("  %s  ", b);
        cli_put(stdout, d->label);
        if (d->has_replaces) {
            date_format_fr(d->replaces, b, sizeof b);
            printf(" (repoussée du %s)", b);
        }
        printf("\n");
    }
    for (size_t v = 0; v < c->nvolets; v++) {
        const rules_volet *vo = &c->volets[v];
        char pts[32];
        text_points(vo->points_tenths, pts, sizeof pts);
        text_money(vo->points_tenths * c->point_value_cents / 10, m, sizeof m);
        printf("\n");
        cli_put(stdout, vo->label);
        printf(" : %s pts (%s)\n", pts, m);
        if (vo->award == RULES_ALL_OR_NOTHING)
            printf("  Tout ou rien : chaque indicateur doit être atteint.\n");
        else
            printf("  Chaque indicateur est payé indépendamment des autres.\n");
        if (vo->requires >= 0)
            printf("  Payé seulement si le volet %d est atteint.\n",
                   c->volets[vo->requires].number);
        for (size_t i = 0; i < c->nindicators; i++)
            if (c->indicators[i].volet == (int)v)
                show_indicator(c, &c->indicators[i]);
    }
    char pts[32];
    int64_t total = rules_max_tenths(c);
    text_points(total, pts, sizeof pts);
    text_money(total * c->point_value_cents / 10, m, sizeof m);
    printf("\nTotal : ");
    for (size_t v = 0; v < c->nvolets; v++) {
        char vp[32];
        text_points(c->volets[v].points_tenths, vp, sizeof vp);
        printf("%svolet %d %s pts", v ? " + " : "", c->volets[v].number, vp);
    }
    printf(" = %s pts = %s\n", pts, m);
}

int cli_rules_show(cli_ctx *c, const cli_args *a)
{
    const char *year = a->pos[0];
    char *end;
    long y = strtol(year, &end, 10);
    if (*end || y < 2000 || y > 2100) {
        fputs("fsdecl rules show : année invalide : ", stderr);
        cli_put(stderr, year);
        fputs("\n", stderr);
        return CLI_EXIT_ERROR;
    }
    diag_list d;
    diag_init(&d);
    const rules_campaign *rules = session_campaign(c->session, (int)y, &d);
    if (rules)
        show_campaign(rules);
    else
        cli_print_diags(stderr, &d);
    diag_free(&d);
    return rules ? CLI_EXIT_OK : CLI_EXIT_ERROR;
}

static bool is_list_file(const char *path)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    const char *v = strstr(b, "-v");
    return v && strcmp(b + strlen(b) - 4, ".cfg") == 0 && v[2] >= '0' && v[2] <= '9';
}

/* Checks one rules or list file; its errors on stdout. */
static bool lint_one(cli_ctx *c, const char *path)
{
    diag_list d;
    diag_init(&d);
    bool ok;
    if (is_list_file(path)) {
        arena_t *ar = arena_new();
        ok = ar && lists_load_file(path, ar, &d) != NULL;
        arena_free(ar);
    } else {
        rules_campaign *rules = session_load_rules(c->session, path, &d);
        ok = rules != NULL;
        rules_free(rules);
    }
    if (ok) {
        cli_put(stdout, path);
        printf(" : aucune erreur\n");
    } else {
        cli_print_diags(stdout, &d);
    }
    diag_free(&d);
    return ok;
}

int cli_rules_lint(cli_ctx *c, const cli_args *a)
{
    int rc = CLI_EXIT_OK;
    for (int i = 0; i < a->npos; i++)
        if (!lint_one(c, a->pos[i]))
            rc = CLI_EXIT_ERROR;
    return rc;
}
