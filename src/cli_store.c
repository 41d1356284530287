/* fsdecl drafts, new, transmit, history, recover, restore: the draft store, through the session. */
#include <inttypes.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "fsdecl/ident.h"
#include "fsdecl/recap.h"
#include "fsdecl/text.h"

static int fail(diag_list *d, int rc)
{
    cli_print_diags(stderr, d);
    diag_free(d);
    return rc;
}

/* The exit code of an outcome: 0 done, 1 refused for a reason the user can act on, 2 an error. */
static int exit_code(session_outcome o)
{
    switch (o) {
    case SESSION_OK:
    case SESSION_NOTHING_TO_RECOVER: return CLI_EXIT_OK;
    case SESSION_FAILED:
    case SESSION_BAD_NAME:
    case SESSION_BAD_RPPS:
    case SESSION_NOT_FOUND:
    case SESSION_NO_RULES: return CLI_EXIT_ERROR;
    default: return CLI_EXIT_PROBLEMS;
    }
}

/* An outcome other than done: its sentence (when it has one to say) and the diagnostics. */
static int refused(const cli_ctx *c, const session_report *r, diag_list *d)
{
    if (r->outcome == SESSION_BAD_NAME)
        cli_print_usage(stderr, c->cmd);
    if (r->outcome != SESSION_FAILED && r->outcome != SESSION_NO_RULES)
        cli_say_report(c, r);
    return fail(d, exit_code(r->outcome));
}

static void put_lines(const char *title, char **lines, size_t n)
{
    printf("\n%s\n", title);
    for (size_t i = 0; i < n; i++) {
        printf("  - ");
        cli_put(stdout, lines[i]);
        printf("\n");
    }
}

/* ---- drafts ---------------------------------------------------------------------------------- */

/* The width of the state column: the longest state words of the list, 18 at least. */
static int state_width = 18;

static void put_draft(const session_summary *s)
{
    char words[160];
    const char *state = session_state_words(s, words, sizeof words);
    char pts[80] = "-", lo[32], hi[32], when[32], who[160];
    if (s->state == SESSION_DRAFT_JUDGED || s->state == SESSION_DRAFT_CLOSED) {
        text_points(s->min_tenths, lo, sizeof lo);
        text_points(s->max_tenths, hi, sizeof hi);
        snprintf(pts, sizeof pts, s->min_tenths == s->max_tenths ? "%s" : "%s à %s", lo, hi);
    }
    struct tm tm;
    localtime_r(&s->entry.saved, &tm);
    strftime(when, sizeof when, "%d/%m/%Y %H:%M", &tm);
    text_sanitize(s->state == SESSION_DRAFT_UNREADABLE ? "?" : s->who, false, who, sizeof who);
    int pad = 25 - (int)text_width(who), spad = state_width - (int)text_width(state);
    char versions[64] = "?"; /* not counted: the reason is on standard error */
    if (s->entry.versions >= 0)
        snprintf(versions, sizeof versions, "%d", s->entry.versions);
    if (s->changed) /* the draft is no longer the last version's text */
        snprintf(versions, sizeof versions, "%d (brouillon modifié depuis la v%d)",
                 s->entry.versions, s->entry.versions);
    printf("  %-8d  %-11s  %s%*s %s%*s %-17s %s  %s%s\n", s->entry.year, s->entry.rpps, who,
           pad > 0 ? pad : 0, "", state, spad > 0 ? spad : 0, "", pts, when, versions,
           s->entry.has_recovery ? "  (récupération disponible : fsdecl recover)" : "");
}

/* Temporary files in the drafts folder: a save being written, or what a killed one left. */
static void put_temporaries(const store_t *st)
{
    size_t stale, n = store_count_temporaries(st, &stale);
    if (!n)
        return;
    printf("\n%zu fichier%s temporaire%s dans ", n, n > 1 ? "s" : "", n > 1 ? "s" : "");
    cli_put(stdout, st->drafts);
    printf(" : un enregistrement en cours, ou interrompu (ces fichiers ne sont pas des "
           "brouillons)");
    if (stale)
        printf(" ; %zu, laissé%s par un enregistrement interrompu (son programme a pris fin, ou "
               "il a plus d'une heure), sera%s supprimé%s au prochain enregistrement",
               stale, stale > 1 ? "s" : "", stale > 1 ? "nt" : "", stale > 1 ? "s" : "");
    printf(".\n");
}

int cli_drafts(cli_ctx *c, const cli_args *a)
{
    if (a->given[CLI_OPT_JSON])
        return cli_drafts_json(c);
    diag_list d;
    diag_init(&d);
    const store_t *st = session_store_located(c->session, &d);
    if (!st)
        return fail(&d, CLI_EXIT_ERROR);
    session_summary *v;
    size_t n;
    bool complete = session_list(c->session, &v, &n, &d);
    printf("Brouillons dans ");
    cli_put(stdout, st->root);
    printf(" : %zu%s\n", n, complete ? "" : " (liste incomplète : voir les erreurs)");
    for (size_t i = 0; i < n; i++) {
        char words[160];
        int w = (int)text_width(session_state_words(&v[i], words, sizeof words));
        state_width = w > state_width ? w : state_width;
    }
    if (n)
        printf("\n  Campagne  RPPS         Praticien                 État%*s "
               "Points            Enregistré le     Versions finalisées\n",
               state_width - 4, "");
    for (size_t i = 0; i < n; i++)
        put_draft(&v[i]);
    free(v);
    put_temporaries(st);
    /* an incomplete list, or a draft that cannot be read, is no success: the reasons say which */
    bool whole = complete && !d.count;
    cli_print_diags(stderr, &d);
    diag_free(&d);
    if (!whole)
        fputs("fsdecl drafts : liste incomplète ou brouillon illisible ; rien n'a été modifié.\n",
              stderr);
    return whole ? CLI_EXIT_OK : CLI_EXIT_ERROR;
}

/* ---- new ------------------------------------------------------------------------------------- */

int cli_new(cli_ctx *c, const cli_args *a)
{
    diag_list d;
    diag_init(&d);
    carry_report rep;
    session_report r;
    session_doc *doc = session_create(c->session, a->year[CLI_OPT_CAMPAIGN], a->value[CLI_OPT_RPPS],
                                      a->given[CLI_OPT_EMPTY], &rep, &r, &d);
    if (!doc) {
        carry_report_free(&rep);
        if (r.outcome == SESSION_BAD_NAME) {
            fputs("fsdecl new : indiquez --campaign ANNÉE et --rpps (11 chiffres)\n", stderr);
            return fail(&d, CLI_EXIT_ERROR);
        }
        return refused(c, &r, &d);
    }
    char path[PATH_MAX];
    store_draft_path(session_store(c->session, NULL), doc->name, path, sizeof path);
    printf("Brouillon %s créé : ", doc->name);
    cli_put(stdout, path);
    printf("\n");
    if (rep.ncarried) {
        char title[64];
        snprintf(title, sizeof title, "Repris de la déclaration %d :", doc->decl->campaign - 1);
        put_lines(title, rep.carried, rep.ncarried);
        put_lines("À vérifier :", rep.check, rep.ncheck);
    }
    carry_report_free(&rep);
    session_close(doc);
    return fail(&d, CLI_EXIT_OK);
}

/* ---- finalize -------------------------------------------------------------------------------- */

/* The version made, and what the doctor must do next: fsdecl sends nothing. */
static void put_finalized(const session_doc *doc, int v, const store_version *info)
{
    const eval_result *e = doc->eval;
    char lo[48], hi[48], when[64], how[600];
    text_money(e->min_cents, lo, sizeof lo);
    text_money(e->max_cents, hi, sizeof hi);
    date_stamp_fr(info->date, when, sizeof when);
    printf("Version %d de %s finalisée le %s, gardée sur cet ordinateur\n%s : %s\n", v, doc->name,
           when, RECAP_FINGERPRINT_FR, info->sha256);
    if (e->min_cents == e->max_cents)
        printf("Montant prévu : %s\n", lo);
    else
        printf("Montant estimé : %s à %s\n", lo, hi);
    if (e->nblocking)
        printf("Version incomplète : %zu point%s à régler (fsdecl check) ; vous pouvez modifier la "
               "déclaration et finaliser une nouvelle version jusqu'à la clôture.\n",
               e->nblocking, e->nblocking > 1 ? "s" : "");
    for (size_t i = 0; i < e->nmessages; i++)
        if (e->messages[i].severity == EVAL_BLOCKING) {
            printf("  - ");
            cli_put(stdout, e->messages[i].text);
            printf("\n");
        }
    recap_declare_words(doc->rules, how, sizeof how);
    printf("%s\n  Ses réponses : fsdecl recap %s/v%d\n  À reporter sur Amelipro : fsdecl recap "
           "--amelipro %s/v%d\n  Son formulaire prérempli : fsdecl recap %s/v%d --form -o "
           "formulaire-%s-v%d.pdf\n",
           how, doc->name, v, doc->name, v, doc->name, v, doc->name, v);
}

int cli_finalize(cli_ctx *c, const cli_args *a)
{
    const char *arg = a->pos[0];
    diag_list d;
    diag_init(&d);
    session_report r;
    session_doc *doc = store_name_valid(arg) ? session_open(c->session, arg, 0, &r, &d)
                                             : session_import(c->session, arg, &r, &d);
    if (!doc) {
        int rc = refused(c, &r, &d);
        if (rc == CLI_EXIT_ERROR)
            fputs("fsdecl finalize : aucune version n'a été finalisée, rien n'a été enregistré.\n",
                  stderr);
        return rc;
    }
    const char *rpps = doc->decl->identity.rpps; /* confirmed only where it must be */
    if (a->given[CLI_OPT_RPPS_VERIFIED] && !doc->read_only && rpps &&
        ident_check_rpps(rpps) == IDENT_BAD_KEY)
        decl_set_rpps_confirmed(doc->decl, true); /* saved with the version */
    int version = 0;
    store_version info;
    bool unsaved = session_unsaved(doc); /* an imported file is saved as the draft first */
    session_outcome o = session_transmit(doc, &version, &info, &r, &d);
    int rc = exit_code(o);
    if (o == SESSION_OK)
        put_finalized(doc, version, &info);
    else
        refused(c, &r, &d);
    /* an error after publishing says so itself (diagnostics); before, say what is left */
    if (rc == CLI_EXIT_ERROR && !version && unsaved && !session_unsaved(doc))
        fprintf(stderr,
                "fsdecl finalize : aucune version n'a été finalisée ; la déclaration est "
                "enregistrée dans le brouillon %s.\n",
                doc->name);
    else if (rc == CLI_EXIT_ERROR && !version)
        fputs("fsdecl finalize : aucune version n'a été finalisée, rien n'a été enregistré.\n",
              stderr);
    session_close(doc);
    return fail(&d, rc);
}

/* ---- history, recover, restore --------------------------------------------------------------- */

int cli_history(cli_ctx *c, const cli_args *a)
{
    diag_list d;
    diag_init(&d);
    char name[STORE_NAME_MAX];
    if (!session_resolve(c->session, a->pos[0], name, &d))
        return fail(&d, CLI_EXIT_ERROR);
    store_version *v;
    size_t n;
    if (!session_history(c->session, name, &v, &n, &d)) {
        free(v);
        cli_print_diags(stderr, &d);
        fprintf(stderr,
                "fsdecl history : l'historique de %s n'a pas pu être lu ; rien n'a été modifié.\n",
                name);
        diag_free(&d);
        return CLI_EXIT_ERROR;
    }
    store_declared *rec;
    size_t nrec;
    int rc =
        session_declared_list(c->session, name, &rec, &nrec, &d) ? CLI_EXIT_OK : CLI_EXIT_ERROR;
    printf("Versions finalisées de %s : %zu\n", name, n);
    for (size_t i = 0; i < n; i++) {
        if (v[i].unreadable[0]) { /* not read: neither intact nor altered */
            printf("  v%d  %s  %s  illisible : %s\n", v[i].number, v[i].date, v[i].sha256,
                   v[i].unreadable);
            rc = CLI_EXIT_ERROR;
            continue;
        }
        char rpps[12];
        bool other = v[i].intact && session_version_rpps(c->session, name, v[i].number, rpps) &&
                     strcmp(rpps, name + 5) != 0; /* made before the RPPS was corrected */
        printf("  v%d  %s  %s%s%s%s\n", v[i].number, v[i].date, v[i].sha256,
               v[i].intact ? "" : "  ALTÉRÉE : le fichier ne correspond plus à son empreinte",
               other ? "  finalisée sous le RPPS " : "", other ? rpps : "");
        if (!v[i].intact && rc == CLI_EXIT_OK)
            rc = CLI_EXIT_PROBLEMS;
        cli_put_declared(v[i].number, rec, nrec);
    }
    free(rec);
    free(v);
    return fail(&d, rc);
}

int cli_rename(cli_ctx *c, const cli_args *a)
{
    const char *name = a->pos[0], *rpps = a->value[CLI_OPT_RPPS];
    diag_list d;
    diag_init(&d);
    session_report r;
    char new_name[STORE_NAME_MAX];
    if (session_rename(c->session, name, rpps, new_name, &r, &d) != SESSION_OK)
        return refused(c, &r, &d);
    store_version *v;
    size_t n = 0;
    diag_list ignored;
    diag_init(&ignored);
    if (session_history(c->session, new_name, &v, &n, &ignored))
        free(v);
    diag_free(&ignored);
    printf("Brouillon %s renommé %s : la déclaration porte maintenant le RPPS %s.\n", name,
           new_name, new_name + 5);
    if (n == 1)
        printf("Sa version déjà finalisée garde son contenu et son empreinte, faits sous le RPPS "
               "%s ; la prochaine version sera finalisée sous le RPPS %s.\n",
               name + 5, new_name + 5);
    else if (n)
        printf("Ses %zu versions déjà finalisées gardent leur contenu et leur empreinte, faits "
               "sous le RPPS %s ; la prochaine version sera finalisée sous le RPPS %s.\n",
               n, name + 5, new_name + 5);
    if (ident_check_rpps(new_name + 5) != IDENT_OK)
        printf("Attention : %s ; s'il est juste, confirmez-le pour pouvoir finaliser une version "
               "(« fsdecl finalize %s --rpps-verified »).\n",
               ident_message(ident_check_rpps(new_name + 5), "RPPS"), new_name);
    return fail(&d, CLI_EXIT_OK);
}

/* The recovery file's saved= field, as the file has it: sanitised for the terminal. */
static const char *saved_text(const session_report *r, char *buf, size_t size)
{
    text_sanitize(r->recovery.saved, false, buf, size);
    return buf;
}

int cli_recover(cli_ctx *c, const cli_args *a)
{
    const char *name = a->pos[0];
    bool discard = a->given[CLI_OPT_DISCARD];
    diag_list d;
    diag_init(&d);
    session_report r;
    char saved[sizeof r.recovery.saved];
    session_outcome o = session_recover(c->session, name, discard, &r, &d);
    if (o == SESSION_NOTHING_TO_RECOVER)
        printf("Aucune récupération en attente pour %s.\n", name);
    else if (o == SESSION_OK && discard)
        printf("Récupération de %s abandonnée ; le dernier brouillon enregistré est gardé.\n",
               name);
    else if (o == SESSION_OK)
        printf("Travail non enregistré de %s récupéré (sauvegarde automatique du %s%s) ; la "
               "version précédente est gardée en copie.\n",
               name, saved_text(&r, saved, sizeof saved),
               r.recovery.newer_than_draft ? ""
                                           : ", plus ancienne que le "
                                             "brouillon");
    else
        return refused(c, &r, &d);
    return fail(&d, CLI_EXIT_OK);
}

int cli_restore(cli_ctx *c, const cli_args *a)
{
    const char *name = a->pos[0];
    diag_list d;
    diag_init(&d);
    session_report r;
    if (session_restore(c->session, name, &r, &d) != SESSION_OK)
        return refused(c, &r, &d);
    printf("Version précédente de %s remise en place ; la version remplacée est gardée en copie.\n",
           name);
    return fail(&d, CLI_EXIT_OK);
}

/* ---- delete, trash, undelete ----------------------------------------------------------------- */

/* The user's yes to question: --yes, or « o » typed on a terminal; false without a terminal. */
static bool confirmed(const cli_ctx *c, const cli_args *a, const char *question)
{
    if (a->given[CLI_OPT_YES])
        return true;
    if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO)) {
        fprintf(stderr,
                "fsdecl %s : confirmez avec --yes (aucun terminal pour le demander) ; rien "
                "n'a été modifié.\n",
                c->command);
        return false;
    }
    fprintf(stderr, "%s (o/N) ", question);
    fflush(stderr);
    char line[32];
    bool yes = fgets(line, sizeof line, stdin) && (line[0] == 'o' || line[0] == 'O') &&
               (line[1] == '\n' || line[1] == '\0' || strncmp(line + 1, "ui", 2) == 0);
    if (!yes)
        fprintf(stderr, "Rien n'a été modifié.\n");
    return yes;
}

int cli_delete(cli_ctx *c, const cli_args *a)
{
    const char *name = a->pos[0];
    diag_list d;
    diag_init(&d);
    if (store_name_valid(name)) {
        session_report r;
        session_doc *doc = session_open(c->session, name, SESSION_OPEN_READ_ONLY, &r, &d);
        char who[200] = "", both[200], question[400];
        if (doc && doc->decl->identity.last_name) {
            snprintf(both, sizeof both, "%s%s%s", doc->decl->identity.last_name,
                     doc->decl->identity.first_name ? " " : "",
                     doc->decl->identity.first_name ? doc->decl->identity.first_name : "");
            text_sanitize(both, false, who, sizeof who);
        }
        session_close(doc);
        diag_free(&d);
        diag_init(&d);
        snprintf(question, sizeof question,
                 "Supprimer le brouillon %s%s%s%s ? Il ira à la corbeille, avec ses versions "
                 "finalisées.",
                 name, *who ? " (" : "", who, *who ? ")" : "");
        if (store_draft_exists(session_store_located(c->session, &d), name) &&
            !confirmed(c, a, question))
            return fail(&d, CLI_EXIT_PROBLEMS);
    }
    session_report r;
    char id[STORE_TRASH_ID_MAX];
    if (session_delete(c->session, name, id, &r, &d) != SESSION_OK)
        return refused(c, &r, &d);
    printf("Brouillon %s mis à la corbeille (élément %s) ; « fsdecl undelete %s » le remet en "
           "place.\n",
           name, id, id);
    return fail(&d, CLI_EXIT_OK);
}

int cli_trash(cli_ctx *c, const cli_args *a)
{
    diag_list d;
    diag_init(&d);
    session_trash_entry *v;
    size_t n;
    bool whole = session_trash(c->session, &v, &n, &d);
    if (a->given[CLI_OPT_EMPTY]) {
        free(v);
        if (!n) {
            printf("La corbeille est vide.\n");
            return fail(&d, whole ? CLI_EXIT_OK : CLI_EXIT_ERROR);
        }
        char question[200];
        snprintf(question, sizeof question,
                 "Vider la corbeille (%zu brouillon%s, supprimé%s pour de bon) ?", n,
                 n > 1 ? "s" : "", n > 1 ? "s" : "");
        if (!confirmed(c, a, question))
            return fail(&d, CLI_EXIT_PROBLEMS);
        session_report r;
        size_t removed;
        session_outcome o = session_trash_empty(c->session, &removed, &r, &d);
        printf("Corbeille vidée : %zu brouillon%s supprimé%s pour de bon%s.\n", removed,
               removed > 1 ? "s" : "", removed > 1 ? "s" : "",
               removed < n ? " (les autres sont ouverts dans un autre programme)" : "");
        return fail(&d, o == SESSION_OK ? CLI_EXIT_OK : CLI_EXIT_ERROR);
    }
    if (n)
        printf("Corbeille : %zu brouillon%s\n", n, n > 1 ? "s" : "");
    else
        printf("La corbeille est vide.\n");
    if (n)
        printf("\n  Élément                           Campagne  RPPS         Praticien"
               "                 Versions  Supprimé le\n");
    for (size_t i = 0; i < n; i++) {
        const store_trash_item *it = &v[i].item;
        char who[160], when[64];
        text_sanitize(v[i].who[0] ? v[i].who : "?", false, who, sizeof who);
        date_stamp_fr(it->deleted, when, sizeof when);
        int pad = 25 - (int)text_width(who);
        printf("  %-32s  %-8.4s  %-11s  %s%*s %-8d  %s\n", it->id, it->name, it->name + 5, who,
               pad > 0 ? pad : 0, "", it->versions, when);
    }
    free(v);
    if (n)
        printf("\n« fsdecl undelete ÉLÉMENT » remet un brouillon en place ; « fsdecl trash --empty "
               "» vide la corbeille.\n");
    return fail(&d, whole ? CLI_EXIT_OK : CLI_EXIT_ERROR);
}

int cli_undelete(cli_ctx *c, const cli_args *a)
{
    diag_list d;
    diag_init(&d);
    session_report r;
    char name[STORE_NAME_MAX];
    if (session_undelete(c->session, a->pos[0], name, &r, &d) != SESSION_OK)
        return refused(c, &r, &d);
    printf("Brouillon %s remis en place depuis la corbeille.\n", name);
    return fail(&d, CLI_EXIT_OK);
}
