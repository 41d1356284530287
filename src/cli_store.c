/* fsdecl drafts, new, transmit, history, recover, restore: the local draft store. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "fsdecl/carry.h"
#include "fsdecl/eval.h"
#include "fsdecl/store.h"
#include "fsdecl/text.h"

static int fail(diag_list *d)
{
    cli_print_diags(stderr, d);
    diag_free(d);
    return CLI_EXIT_ERROR;
}

static bool open_store(cli_options *o, store_t *s, diag_list *d)
{
    return store_open(s, o->data_dir, d);
}

/* A draft named NAME (YEAR-RPPS), or a draft file given by path: its name then comes from its
 * campaign and RPPS, and *from_file keeps it for the caller to bring into the store. */
static bool resolve(const char *arg, char *name, decl_t **from_file, diag_list *d)
{
    *from_file = NULL;
    if (store_name_valid(arg)) {
        snprintf(name, STORE_NAME_MAX, "%s", arg);
        return true;
    }
    decl_t *decl = decl_load(arg, d);
    if (!decl)
        return false;
    if (!store_name(decl->campaign, decl->identity.rpps, name)) {
        diag_add(d, arg, 0, "RPPS manquant ou invalide (11 chiffres) : le brouillon ne peut pas "
                            "être rangé");
        decl_free(decl);
        return false;
    }
    *from_file = decl;
    return true;
}

static void say_lock_holder(const char *name, const store_lock *l)
{
    fprintf(stderr,
            "fsdecl : le brouillon %s est ouvert par le processus %ld sur %s depuis %s : il reste "
            "en lecture seule ici.\n",
            name, l->pid, l->host[0] ? l->host : "?", l->since[0] ? l->since : "?");
}

static bool take_lock(const store_t *s, const char *name, store_lock *l, diag_list *d)
{
    if (store_lock_take(s, name, l, d))
        return true;
    if (l->held)
        say_lock_holder(name, l);
    return false;
}

static bool parse_today(int *i, int argc, char **argv, date_t *today, bool *have)
{
    if (strcmp(argv[*i], "--today") != 0 || *i + 1 >= argc)
        return false;
    if (date_parse(argv[++*i], today) != DATE_OK) {
        fputs("fsdecl : --today attend une date AAAA-MM-JJ\n", stderr);
        exit(CLI_EXIT_ERROR);
    }
    *have = true;
    return true;
}

static date_t clock_today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    return (date_t){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

static bool closed(const rules_campaign *c, date_t today)
{
    return c->window.has_closes && date_cmp(today, c->window.closes) > 0;
}

static void say_closed(const rules_campaign *c)
{
    char b[16];
    date_format_fr(c->window.closes, b, sizeof b);
    fprintf(stderr,
            "fsdecl : la saisie de la campagne %d est close depuis le %s à minuit : la déclaration "
            "est en lecture seule.\n",
            c->year, b);
}

/* ---- drafts ---------------------------------------------------------------------------------- */

static int cmd_drafts(cli_options *o, date_t today)
{
    diag_list d;
    diag_init(&d);
    store_t s;
    if (!open_store(o, &s, &d))
        return fail(&d);
    store_entry *v;
    size_t n = store_list(&s, &v, &d);
    printf("Brouillons dans ");
    cli_put(stdout, s.root);
    printf(" : %zu\n", n);
    if (n)
        printf("\n  Campagne  RPPS         Praticien                 État               "
               "Points            Enregistré le     Versions transmises\n");
    for (size_t i = 0; i < n; i++) {
        diag_list dl;
        diag_init(&dl);
        decl_t *decl = store_load(&s, v[i].name, &dl);
        const rules_campaign *c = decl ? cli_campaign(o, v[i].year, &dl) : NULL;
        eval_result *r = c ? eval_declaration(c, decl, today) : NULL;
        char who[128] = "?", state[64], pts[80] = "-", when[32];
        if (decl)
            snprintf(who, sizeof who, "%s %s", decl->identity.last_name ? decl->identity.last_name : "",
                     decl->identity.first_name ? decl->identity.first_name : "");
        if (!decl)
            snprintf(state, sizeof state, "illisible");
        else if (!r)
            snprintf(state, sizeof state, "règles introuvables");
        else
            snprintf(state, sizeof state, "%s", r->nblocking ? "à compléter" : "complète");
        if (r) {
            char a[32], b[32];
            text_points(r->min_tenths, a, sizeof a);
            text_points(r->max_tenths, b, sizeof b);
            if (r->min_tenths == r->max_tenths)
                snprintf(pts, sizeof pts, "%s", a);
            else
                snprintf(pts, sizeof pts, "%s à %s", a, b);
        }
        struct tm tm;
        localtime_r(&v[i].saved, &tm);
        strftime(when, sizeof when, "%d/%m/%Y %H:%M", &tm);
        char safe[128];
        text_sanitize(who, false, safe, sizeof safe);
        int pad = 25 - (int)text_width(safe), spad = 18 - (int)text_width(state);
        printf("  %-8d  %-11s  %s%*s %s%*s %-17s %s  %d%s\n", v[i].year, v[i].rpps, safe,
               pad > 0 ? pad : 0, "", state, spad > 0 ? spad : 0, "", pts, when, v[i].versions,
               v[i].has_recovery ? "  (récupération disponible : fsdecl recover)" : "");
        eval_free(r);
        decl_free(decl);
        diag_free(&dl);
    }
    free(v);
    diag_free(&d);
    return CLI_EXIT_OK;
}

/* ---- new ------------------------------------------------------------------------------------- */

static int cmd_new(cli_options *o, int argc, char **argv)
{
    int year = 0;
    const char *rpps = NULL;
    date_t today = clock_today();
    bool have = false, fresh = false;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--campaign") == 0 && i + 1 < argc)
            year = atoi(argv[++i]);
        else if (strcmp(argv[i], "--rpps") == 0 && i + 1 < argc)
            rpps = argv[++i];
        else if (strcmp(argv[i], "--empty") == 0)
            fresh = true;
        else if (!parse_today(&i, argc, argv, &today, &have)) {
            fputs("Usage : fsdecl new --campaign ANNÉE --rpps RPPS [--empty] [--today "
                  "AAAA-MM-JJ]\n",
                  stderr);
            return CLI_EXIT_ERROR;
        }
    }
    char name[STORE_NAME_MAX], prev_name[STORE_NAME_MAX];
    if (!store_name(year, rpps, name)) {
        fputs("fsdecl new : indiquez --campaign ANNÉE et --rpps (11 chiffres)\n", stderr);
        return CLI_EXIT_ERROR;
    }
    diag_list d;
    diag_init(&d);
    store_t s;
    if (!open_store(o, &s, &d))
        return fail(&d);
    const rules_campaign *c = cli_campaign(o, year, &d);
    if (!c)
        return fail(&d);
    if (closed(c, today)) {
        say_closed(c);
        diag_free(&d);
        return CLI_EXIT_PROBLEMS;
    }
    store_lock l;
    if (!take_lock(&s, name, &l, &d)) {
        return d.count ? fail(&d) : CLI_EXIT_PROBLEMS;
    }
    char path[PATH_MAX];
    store_draft_path(&s, name, path, sizeof path);
    int rc = CLI_EXIT_OK;
    FILE *exists = fopen(path, "r");
    if (exists) {
        fclose(exists);
        fprintf(stderr, "fsdecl new : le brouillon %s existe déjà\n", name);
        rc = CLI_EXIT_PROBLEMS;
    } else {
        decl_t *decl = NULL;
        diag_list dp;
        diag_init(&dp);
        decl_t *prev = NULL;
        if (!fresh && store_name(year - 1, rpps, prev_name))
            prev = store_load(&s, prev_name, &dp);
        carry_report rep = {0};
        if (prev) {
            decl = carry_over(prev, c, &rep);
        } else {
            decl = decl_new();
            if (decl) {
                decl->campaign = year;
                decl->identity.rpps = arena_strdup(decl->arena, rpps);
                decl->first_year = false;
            }
        }
        if (!decl || !store_save(&s, decl, &d)) {
            rc = CLI_EXIT_ERROR;
            cli_print_diags(stderr, &d);
        } else {
            printf("Brouillon %s créé : ", name);
            cli_put(stdout, path);
            printf("\n");
            if (prev) {
                printf("\nRepris de la déclaration %d :\n", year - 1);
                for (size_t i = 0; i < rep.ncarried; i++) {
                    printf("  - ");
                    cli_put(stdout, rep.carried[i]);
                    printf("\n");
                }
                printf("\nÀ vérifier :\n");
                for (size_t i = 0; i < rep.ncheck; i++) {
                    printf("  - ");
                    cli_put(stdout, rep.check[i]);
                    printf("\n");
                }
            }
        }
        carry_report_free(&rep);
        decl_free(prev);
        decl_free(decl);
        diag_free(&dp);
    }
    store_lock_release(&l);
    diag_free(&d);
    return rc;
}

/* ---- transmit -------------------------------------------------------------------------------- */

static int cmd_transmit(cli_options *o, int argc, char **argv)
{
    date_t today = clock_today();
    bool have = false;
    const char *arg = NULL;
    for (int i = 0; i < argc; i++)
        if (!parse_today(&i, argc, argv, &today, &have))
            arg = argv[i];
    if (!arg) {
        fputs("Usage : fsdecl transmit BROUILLON|FICHIER [--today AAAA-MM-JJ]\n", stderr);
        return CLI_EXIT_ERROR;
    }
    diag_list d;
    diag_init(&d);
    store_t s;
    char name[STORE_NAME_MAX];
    decl_t *from_file = NULL;
    if (!open_store(o, &s, &d) || !resolve(arg, name, &from_file, &d))
        return fail(&d);
    store_lock l;
    if (!take_lock(&s, name, &l, &d)) {
        decl_free(from_file);
        return d.count ? fail(&d) : CLI_EXIT_PROBLEMS;
    }
    store_recovery rec = store_recovery_status(&s, name);
    if (rec.exists && rec.newer_than_draft) {
        fprintf(stderr,
                "fsdecl transmit : du travail non enregistré attend pour %s (sauvegarde automatique "
                "du %s) : « fsdecl recover %s » le récupère, « fsdecl recover %s --discard » garde "
                "le dernier brouillon enregistré.\n",
                name, rec.saved[0] ? rec.saved : "?", name, name);
        decl_free(from_file);
        store_lock_release(&l);
        diag_free(&d);
        return CLI_EXIT_PROBLEMS;
    }
    decl_t *decl = from_file ? from_file : store_load(&s, name, &d);
    const rules_campaign *c = decl ? cli_campaign(o, decl->campaign, &d) : NULL;
    eval_result *r = c ? eval_declaration(c, decl, today) : NULL;
    int rc = CLI_EXIT_OK;
    if (!r) {
        cli_print_diags(stderr, &d);
        rc = CLI_EXIT_ERROR;
    } else if (closed(c, today)) {
        say_closed(c);
        rc = CLI_EXIT_PROBLEMS;
    } else if (!r->transmittable) {
        fputs("fsdecl transmit : la déclaration ne peut pas être transmise :\n", stderr);
        for (size_t i = 0; i < r->nmessages; i++)
            if (strncmp(r->messages[i].id, "attestation", 11) == 0 ||
                strncmp(r->messages[i].id, "window", 6) == 0) {
                fputs("  ", stderr);
                cli_put(stderr, r->messages[i].text);
                fputs("\n", stderr);
            }
        rc = CLI_EXIT_PROBLEMS;
    } else if (from_file && !store_save(&s, decl, &d)) {
        cli_print_diags(stderr, &d);
        rc = CLI_EXIT_ERROR;
    } else {
        int v = store_transmit(&s, name, &d);
        store_version *h = NULL;
        size_t n = v ? store_history(&s, name, &h, &d) : 0;
        if (!v || n < (size_t)v) {
            cli_print_diags(stderr, &d);
            rc = CLI_EXIT_ERROR;
        } else {
            char a[48], b[48];
            text_money(r->min_cents, a, sizeof a);
            text_money(r->max_cents, b, sizeof b);
            printf("Déclaration %s transmise : version %d, le %s\nEmpreinte SHA-256 : %s\n", name,
                   v, h[v - 1].date, h[v - 1].sha256);
            printf("Montant %s : %s%s%s\n", r->min_cents == r->max_cents ? "prévu" : "estimé", a,
                   r->min_cents == r->max_cents ? "" : " à ", r->min_cents == r->max_cents ? "" : b);
            if (r->nblocking) {
                printf("Transmission partielle : %zu point%s à régler (fsdecl check) ; vous pouvez "
                       "modifier et transmettre de nouveau jusqu'à la clôture.\n",
                       r->nblocking, r->nblocking > 1 ? "s" : "");
                for (size_t i = 0; i < r->nmessages; i++)
                    if (r->messages[i].severity == EVAL_BLOCKING) {
                        printf("  - ");
                        cli_put(stdout, r->messages[i].text);
                        printf("\n");
                    }
            }
        }
        free(h);
    }
    eval_free(r);
    decl_free(decl);
    store_lock_release(&l);
    diag_free(&d);
    return rc;
}

/* ---- history, recover, restore --------------------------------------------------------------- */

static int cmd_history(cli_options *o, const char *arg)
{
    diag_list d;
    diag_init(&d);
    store_t s;
    char name[STORE_NAME_MAX];
    decl_t *from_file = NULL;
    if (!open_store(o, &s, &d) || !resolve(arg, name, &from_file, &d))
        return fail(&d);
    decl_free(from_file);
    store_version *v;
    size_t n = store_history(&s, name, &v, &d);
    printf("Versions transmises de %s : %zu\n", name, n);
    int rc = CLI_EXIT_OK;
    for (size_t i = 0; i < n; i++) {
        printf("  v%d  %s  %s%s\n", v[i].number, v[i].date, v[i].sha256,
               v[i].intact ? "" : "  ALTÉRÉE : le fichier ne correspond plus à son empreinte");
        if (!v[i].intact)
            rc = CLI_EXIT_PROBLEMS;
    }
    free(v);
    if (d.count)
        cli_print_diags(stderr, &d);
    diag_free(&d);
    return rc;
}

static int cmd_recover(cli_options *o, int argc, char **argv)
{
    bool discard = false;
    const char *name = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--discard") == 0)
            discard = true;
        else
            name = argv[i];
    }
    if (!store_name_valid(name)) {
        fputs("Usage : fsdecl recover ANNÉE-RPPS [--discard]\n", stderr);
        return CLI_EXIT_ERROR;
    }
    diag_list d;
    diag_init(&d);
    store_t s;
    if (!open_store(o, &s, &d))
        return fail(&d);
    store_recovery rec = store_recovery_status(&s, name);
    if (!rec.exists) {
        printf("Aucune récupération en attente pour %s.\n", name);
        diag_free(&d);
        return CLI_EXIT_OK;
    }
    if (rec.owner_alive) {
        fprintf(stderr, "fsdecl recover : le brouillon %s est encore ouvert (processus %ld sur %s) "
                        ": rien n'est changé.\n",
                name, rec.pid, rec.host);
        diag_free(&d);
        return CLI_EXIT_PROBLEMS;
    }
    store_lock l;
    if (!take_lock(&s, name, &l, &d))
        return d.count ? fail(&d) : CLI_EXIT_PROBLEMS;
    int rc = CLI_EXIT_OK;
    if (discard) {
        if (store_discard_recovery(&s, name, &d))
            printf("Récupération de %s abandonnée ; le dernier brouillon enregistré est gardé.\n",
                   name);
        else
            rc = CLI_EXIT_ERROR;
    } else {
        decl_t *decl = store_recover(&s, name, &d);
        if (decl && store_save(&s, decl, &d))
            printf("Travail non enregistré de %s récupéré (sauvegarde automatique du %s%s) ; la "
                   "version précédente est gardée en copie.\n",
                   name, rec.saved, rec.newer_than_draft ? "" : ", plus ancienne que le brouillon");
        else
            rc = CLI_EXIT_ERROR;
        decl_free(decl);
    }
    if (rc != CLI_EXIT_OK)
        cli_print_diags(stderr, &d);
    store_lock_release(&l);
    diag_free(&d);
    return rc;
}

static int cmd_restore(cli_options *o, const char *name)
{
    if (!store_name_valid(name)) {
        fputs("Usage : fsdecl restore ANNÉE-RPPS\n", stderr);
        return CLI_EXIT_ERROR;
    }
    diag_list d;
    diag_init(&d);
    store_t s;
    if (!open_store(o, &s, &d))
        return fail(&d);
    store_lock l;
    if (!take_lock(&s, name, &l, &d))
        return d.count ? fail(&d) : CLI_EXIT_PROBLEMS;
    int rc = CLI_EXIT_OK;
    if (store_restore_backup(&s, name, &d))
        printf("Version précédente de %s remise en place ; la version remplacée est gardée en "
               "copie.\n",
               name);
    else {
        cli_print_diags(stderr, &d);
        rc = CLI_EXIT_ERROR;
    }
    store_lock_release(&l);
    diag_free(&d);
    return rc;
}

int cli_store(cli_options *o, const char *cmd, int argc, char **argv)
{
    if (strcmp(cmd, "drafts") == 0) {
        date_t today = clock_today();
        bool have = false;
        for (int i = 0; i < argc; i++)
            if (!parse_today(&i, argc, argv, &today, &have)) {
                fputs("Usage : fsdecl drafts [--today AAAA-MM-JJ]\n", stderr);
                return CLI_EXIT_ERROR;
            }
        return cmd_drafts(o, today);
    }
    if (strcmp(cmd, "new") == 0)
        return cmd_new(o, argc, argv);
    if (strcmp(cmd, "transmit") == 0)
        return cmd_transmit(o, argc, argv);
    if (strcmp(cmd, "history") == 0 && argc == 1)
        return cmd_history(o, argv[0]);
    if (strcmp(cmd, "recover") == 0)
        return cmd_recover(o, argc, argv);
    if (strcmp(cmd, "restore") == 0 && argc == 1)
        return cmd_restore(o, argv[0]);
    fprintf(stderr, "Usage : fsdecl %s ... (voir fsdecl --help)\n", cmd);
    return CLI_EXIT_ERROR;
}
