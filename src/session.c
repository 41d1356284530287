/* session: the rules kept, the store opened once, and the day deadlines are judged at. The
 * operations on one declaration are in session_doc.c. */
#include "fsdecl/session.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fsdecl/text.h"

#include "session_internal.h"

VOCAB_DEFINE(session_outcome_vocab, SESSION_OUTCOMES, SESSION_OUTCOME_COUNT)

typedef struct {
    int year;
    rules_campaign *rules; /* NULL when it could not be loaded */
    diag_list why;         /* and why */
} loaded_campaign;

struct session {
    session_config cfg;
    date_t today;
    paths_t paths;
    loaded_campaign campaigns[PATHS_MAX_CAMPAIGNS];
    size_t ncampaigns;
    int current_year;   /* session_current_year's answer, found once for ... */
    date_t current_for; /* ... this day (screens ask at every frame), ... */
    store_t store;
    bool store_opened;
};

static date_t clock_today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    if (!localtime_r(&t, &tm))
        return (date_t){1970, 1, 1};
    return (date_t){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

session *session_new(const session_config *cfg)
{
    session *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->cfg = *cfg;
    s->today = cfg->has_today ? cfg->today : clock_today();
    paths_resolve(cfg->rules_dir, &s->paths);
    return s;
}

void session_free(session *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->ncampaigns; i++) {
        rules_free(s->campaigns[i].rules);
        diag_free(&s->campaigns[i].why);
    }
    free(s);
}

date_t session_today(const session *s)
{
    return s->today;
}

void session_set_today(session *s, date_t today)
{
    s->today = today;
}

const paths_t *session_paths(const session *s)
{
    return &s->paths;
}

rules_campaign *session_load_rules(const session *s, const char *path, diag_list *d)
{
    const char *dirs[PATHS_MAX_LIST_DIRS];
    size_t n = paths_list_dirs(&s->paths, dirs);
    return rules_load(path, dirs, n, d);
}

const rules_campaign *session_campaign(session *s, int year, diag_list *d)
{
    loaded_campaign *e = NULL;
    for (size_t i = 0; i < s->ncampaigns && !e; i++)
        if (s->campaigns[i].year == year)
            e = &s->campaigns[i];
    if (!e && s->ncampaigns < PATHS_MAX_CAMPAIGNS) {
        e = &s->campaigns[s->ncampaigns++];
        e->year = year;
        diag_init(&e->why);
        char path[PATH_MAX + 16];
        paths_campaign_file(&s->paths, year, path, sizeof path);
        e->rules = session_load_rules(s, path, &e->why);
    }
    if (e && e->rules)
        return e->rules;
    for (size_t i = 0; d && e && i < e->why.count; i++)
        diag_add(d, e->why.items[i].file, e->why.items[i].line, "%s", e->why.items[i].message);
    if (d && !e)
        diag_add(d, "fsdecl", 0, "trop de campagnes différentes");
    return NULL;
}

bool session_rules_problem(const session *s, char *buf, size_t size)
{
    const loaded_campaign *worst = NULL;
    for (size_t i = 0; i < s->ncampaigns; i++) {
        const loaded_campaign *e = &s->campaigns[i];
        if (!e->rules && (!worst || e->year > worst->year))
            worst = e;
    }
    if (!worst)
        return false;
    const diag_entry *why = worst->why.count ? &worst->why.items[0] : NULL;
    char file[PATH_MAX], at[32] = "";
    text_sanitize(why && why->file ? why->file : "?", false, file, sizeof file);
    if (why && why->line > 0)
        snprintf(at, sizeof at, ", ligne %d", why->line);
    /* the reason first: a screen line may cut the end of a long path */
    snprintf(buf, size, "Règles de la campagne %d illisibles : %s (%s%s)", worst->year,
             why ? why->message : "raison inconnue", file, at);
    return true;
}

/* Where today stands against a campaign's window: before it (-1), in it (0), after it (1); days
 * narrowed to those where it stands the same. */
static int window_position(const rules_campaign *c, date_t today)
{
    if (date_cmp(today, c->window.opens) < 0)
        return -1;
    /* a closing date not yet known: at the latest when the CNAM computes, in the first half of
     * the next year (001 §IV) */
    date_t closes = c->window.has_closes ? c->window.closes : (date_t){c->year + 1, 6, 30};
    return date_cmp(today, closes) > 0 ? 1 : 0;
}

/* No window opens before its campaign's year (the loader checks it): a campaign of a later year
 * than today's is not open, and is read only when no campaign of today's year or before is open
 * or to open. */
static int find_current_year(session *s)
{
    int years[PATHS_MAX_CAMPAIGNS], next = 0, latest = 0;
    size_t n = paths_campaign_years(s->paths.rules_dir, years, PATHS_MAX_CAMPAIGNS);
    for (size_t i = n; i-- > 0;) { /* the latest first: an older window may have no known end */
        const rules_campaign *c =
            years[i] <= s->today.year ? session_campaign(s, years[i], NULL) : NULL;
        if (!c)
            continue;
        latest = latest ? latest : c->year;
        int at = window_position(c, s->today);
        if (at == 0)
            return c->year;
        if (at > 0)
            break; /* closed: so are the older ones, which need not be read */
        next = c->year;
    }
    for (size_t i = 0; !next && i < n; i++) /* the nearest later campaign that can be read */
        if (years[i] > s->today.year && session_campaign(s, years[i], NULL))
            next = years[i];
    return next ? next : latest;
}

/* Found once a day: the screens ask at every frame. */
int session_current_year(session *s)
{
    if (!s->current_year || date_cmp(s->current_for, s->today) != 0) {
        s->current_year = find_current_year(s);
        s->current_for = s->today;
    }
    return s->current_year;
}

const store_t *session_store(session *s, diag_list *d)
{
    if (!s->store_opened)
        s->store_opened = store_open(&s->store, s->cfg.data_dir, d);
    return s->store_opened ? &s->store : NULL;
}

const store_t *session_store_located(session *s, diag_list *d)
{
    if (s->store_opened || store_locate(&s->store, s->cfg.data_dir, d))
        return &s->store;
    return NULL;
}

/* ---- listing ------------------------------------------------------------------------------ */

/* Judges one listed draft; why it cannot be read goes to d. */
static void summarise(session *s, const store_t *st, session_summary *sum, diag_list *d)
{
    diag_list dl;
    diag_init(&dl);
    decl_t *decl = store_load(st, sum->entry.name, &dl);
    const rules_campaign *c = decl ? session_campaign(s, sum->entry.year, &dl) : NULL;
    eval_result *r = c ? eval_declaration(c, decl, s->today) : NULL;
    sum->state = !decl                             ? SESSION_DRAFT_UNREADABLE
                 : !r                              ? SESSION_DRAFT_NO_RULES
                 : r->window == EVAL_WINDOW_CLOSED ? SESSION_DRAFT_CLOSED
                                                   : SESSION_DRAFT_JUDGED;
    for (size_t i = 0; !decl && i < dl.count; i++)
        diag_add(d, dl.items[i].file, dl.items[i].line, "%s", dl.items[i].message);
    if (decl)
        snprintf(sum->who, sizeof sum->who, "%s %s",
                 decl->identity.last_name ? decl->identity.last_name : "",
                 decl->identity.first_name ? decl->identity.first_name : "");
    if (r) {
        /* the draft's own problems: a closed window is said by the state */
        sum->nblocking = r->nblocking - (r->window == EVAL_WINDOW_CLOSED && r->nblocking);
        sum->min_tenths = r->min_tenths;
        sum->max_tenths = r->max_tenths;
        sum->min_cents = r->min_cents;
        sum->max_cents = r->max_cents;
    }
    eval_free(r);
    decl_free(decl);
    diag_free(&dl);
    if (sum->entry.versions > 0) { /* the bytes against the fingerprint; a failure is no change */
        diag_init(&dl);
        store_version last;
        bool same;
        sum->changed =
            store_draft_since(st, sum->entry.name, &last, &same, &dl) && last.intact && !same;
        diag_free(&dl);
    }
    session_summary_declared(st, sum, d);
}

bool session_list(session *s, session_summary **out, size_t *count, diag_list *d)
{
    *out = NULL;
    *count = 0;
    const store_t *st = session_store_located(s, d);
    if (!st)
        return false;
    store_entry *v;
    size_t n;
    bool complete = store_list(st, &v, &n, d);
    session_summary *sums = calloc(n ? n : 1, sizeof *sums);
    if (!sums) {
        free(v);
        diag_add(d, "fsdecl", 0, "mémoire insuffisante");
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        sums[i].entry = v[i];
        summarise(s, st, &sums[i], d);
    }
    free(v);
    *out = sums;
    *count = n;
    return complete;
}

/* ---- explanations --------------------------------------------------------------------------- */

static void explain_held(const session_report *r, char *buf, size_t size)
{
    if (r->holder.pid > 0)
        snprintf(buf, size,
                 "le brouillon %s est déjà ouvert dans un autre fsdecl, sur la machine %s, depuis "
                 "%s : il n'est pas modifié ici",
                 r->name, r->holder.host[0] ? r->holder.host : "inconnue",
                 r->holder.since[0] ? r->holder.since : "un moment inconnu");
    else
        snprintf(buf, size,
                 "le brouillon %s est ouvert par un autre programme : il n'est pas modifié ici",
                 r->name);
}

static void explain_closed(const session_report *r, char *buf, size_t size)
{
    char b[16] = "?";
    if (r->rules && r->rules->window.has_closes)
        date_format_fr(r->rules->window.closes, b, sizeof b);
    snprintf(buf, size,
             "la saisie de la campagne %d est close depuis le %s à minuit : la déclaration est en "
             "lecture seule",
             r->rules ? r->rules->year : 0, b);
}

static void explain_not_open(const session_report *r, char *buf, size_t size)
{
    char b[16] = "?";
    if (r->rules)
        date_format_fr(r->rules->window.opens, b, sizeof b);
    snprintf(buf, size,
             "la saisie de la campagne %d ouvre le %s : la déclaration pourra être faite sur "
             "Amelipro ou envoyée à la caisse à partir de cette date",
             r->rules ? r->rules->year : 0, b);
}

static void explain_no_rules(const session_report *r, char *buf, size_t size)
{
    if (store_name_valid(r->name)) /* ANNÉE-RPPS */
        snprintf(buf, size, "les règles de la campagne %.4s ne peuvent pas être lues", r->name);
    else
        snprintf(buf, size, "%s", vocab_fr(&session_outcome_vocab, r->outcome));
}

static void explain_after_close(const session_report *r, char *buf, size_t size)
{
    char b[16] = "?";
    if (r->rules && r->rules->window.has_closes)
        date_format_fr(r->rules->window.closes, b, sizeof b);
    snprintf(buf, size,
             "la saisie sur Amelipro de la campagne %d a fermé le %s à minuit : une déclaration "
             "sur Amelipro à une date postérieure ne peut pas être notée (un formulaire papier "
             "envoyé en retard se note avec --paper)",
             r->rules ? r->rules->year : 0, b);
}

char *session_explain(const session_report *r)
{
    char buf[1024];
    switch (r->outcome) {
    case SESSION_HELD: explain_held(r, buf, sizeof buf); break;
    case SESSION_WINDOW_CLOSED: explain_closed(r, buf, sizeof buf); break;
    case SESSION_WINDOW_NOT_OPEN: explain_not_open(r, buf, sizeof buf); break;
    case SESSION_EXISTS:
        snprintf(buf, sizeof buf, "le brouillon %s existe déjà%s", r->name,
                 r->renaming ? " (ou ses versions finalisées) : rien n'a été renommé" : "");
        break;
    case SESSION_NO_RULES: explain_no_rules(r, buf, sizeof buf); break;
    case SESSION_COMMITMENTS_MISSING:
        snprintf(buf, sizeof buf,
                 "Attestation sur l'honneur : cochez « %s » et « %s » pour pouvoir finaliser une "
                 "version",
                 DECL_COMMITMENT_ACCURACY, DECL_COMMITMENT_KEEP_PROOFS);
        break;
    case SESSION_RECOVERY_PENDING:
        snprintf(buf, sizeof buf,
                 "du travail non enregistré attend pour %s (sauvegarde automatique du %s) : « "
                 "fsdecl recover %s » le récupère, « fsdecl recover %s --discard » garde le "
                 "dernier brouillon enregistré",
                 r->name, r->recovery.saved[0] ? r->recovery.saved : "?", r->name, r->name);
        break;
    case SESSION_TYPING_PENDING:
        snprintf(
            buf, sizeof buf,
            "des saisies faites dans l'assistant ne sont pas validées : corrigez-les ou "
            "effacez-les (Échap dans leur champ, fsdecl edit %s) avant de finaliser une version",
            r->name);
        break;
    case SESSION_AFTER_CLOSE: explain_after_close(r, buf, sizeof buf); break;
    case SESSION_NOTHING_TO_RECOVER:
        snprintf(buf, sizeof buf, "aucune récupération en attente pour %s", r->name);
        break;
    case SESSION_RPPS_UNCONFIRMED:
        snprintf(buf, sizeof buf,
                 "la clé du numéro RPPS %s est incorrecte : corrigez le numéro (« fsdecl rename %s "
                 "--rpps NUMÉRO »), ou, s'il est juste, confirmez-le (« fsdecl finalize %s "
                 "--rpps-verified ») ; aucune version n'a été finalisée",
                 r->name + 5, r->name, r->name);
        break;
    case SESSION_NOT_FOUND:
        snprintf(buf, sizeof buf,
                 r->trash_id[0] ? "aucun élément %s dans la corbeille (fsdecl trash les liste)"
                                : "aucun brouillon %s dans le dossier des brouillons",
                 r->trash_id[0] ? r->trash_id : r->name);
        break;
    case SESSION_BAD_RPPS:
        snprintf(buf, sizeof buf,
                 "le nouveau RPPS doit être un numéro de 11 chiffres, autre que celui de %s ; "
                 "rien n'a été modifié",
                 r->name);
        break;
    default: snprintf(buf, sizeof buf, "%s", vocab_fr(&session_outcome_vocab, r->outcome)); break;
    }
    return strdup(buf);
}

/* ---- by name -------------------------------------------------------------------------------- */

bool session_draft_origin(session *s, const char *name, recap_origin *origin, diag_list *d)
{
    const store_t *st = session_store(s, d);
    store_version last;
    bool same;
    if (!st || !store_draft_since(st, name, &last, &same, d))
        return false;
    origin->last_version = last.number;
    origin->unchanged = same;
    snprintf(origin->last_date, sizeof origin->last_date, "%s", last.date);
    return true;
}

decl_t *session_load_any(session *s, const char *arg, recap_origin *origin, diag_list *d)
{
    memset(origin, 0, sizeof *origin);
    char name[STORE_NAME_MAX];
    const char *slash = strrchr(arg, '/');
    bool is_version = slash && slash - arg == 16 && slash[1] == 'v' && slash[2];
    if (is_version)
        snprintf(name, sizeof name, "%.16s", arg);
    if ((is_version && store_name_valid(name)) || store_name_valid(arg)) {
        const store_t *st = session_store(s, d);
        if (!st)
            return NULL;
        if (!is_version) {
            decl_t *decl = store_load(st, arg, d);
            if (decl && (!session_draft_origin(s, arg, origin, d) ||
                         !session_origin_declared(st, arg, origin, d))) {
                decl_free(decl);
                return NULL;
            }
            return decl;
        }
        char *end;
        long v = strtol(slash + 2, &end, 10);
        store_version info;
        decl_t *decl = *end ? NULL : store_load_version(st, name, (int)v, &info, d);
        if (*end)
            diag_add(d, arg, 0, "version invalide : attendu ANNÉE-RPPS/vN");
        if (decl) {
            origin->transmitted = true;
            origin->version = (int)v;
            snprintf(origin->date, sizeof origin->date, "%s", info.date);
            snprintf(origin->sha256, sizeof origin->sha256, "%s", info.sha256);
            if (!session_origin_declared(st, name, origin, d)) {
                decl_free(decl);
                return NULL;
            }
        }
        return decl;
    }
    return decl_load(arg, d);
}

bool session_history(session *s, const char *name, store_version **out, size_t *n, diag_list *d)
{
    *out = NULL;
    *n = 0;
    const store_t *st = session_store(s, d);
    return st && store_history(st, name, out, n, d);
}

session_outcome session_report_set(session_report *r, session_outcome o, const char *name)
{
    r->outcome = o;
    if (name && name != r->name)
        snprintf(r->name, sizeof r->name, "%s", name);
    return o;
}

/* Takes the draft's lock for an operation by name; the outcome says why not. */
static session_outcome lock_for(const store_t *st, const char *name, store_lock *l,
                                session_report *r, diag_list *d)
{
    if (store_lock_take(st, name, l, d))
        return SESSION_OK;
    if (!l->held)
        return session_report_set(r, SESSION_FAILED, name);
    r->holder = *l;
    return session_report_set(r, SESSION_HELD, name);
}

/* The store, for an operation on the draft name; NULL with r saying why. */
static const store_t *store_for(session *s, const char *name, session_report *r, diag_list *d)
{
    memset(r, 0, sizeof *r);
    if (!store_name_valid(name)) {
        session_report_set(r, SESSION_BAD_NAME, NULL);
        return NULL;
    }
    const store_t *st = session_store(s, d);
    if (!st)
        session_report_set(r, SESSION_FAILED, name);
    return st;
}

session_outcome session_restore(session *s, const char *name, session_report *r, diag_list *d)
{
    const store_t *st = store_for(s, name, r, d);
    if (!st)
        return r->outcome;
    store_lock l;
    session_outcome o = lock_for(st, name, &l, r, d);
    if (o != SESSION_OK)
        return o;
    bool ok = store_restore_backup(st, name, d);
    store_lock_release(&l);
    return session_report_set(r, ok ? SESSION_OK : SESSION_FAILED, name);
}

session_outcome session_recover(session *s, const char *name, bool discard, session_report *r,
                                diag_list *d)
{
    const store_t *st = store_for(s, name, r, d);
    if (!st)
        return r->outcome;
    r->recovery = store_recovery_status(st, name);
    if (!r->recovery.exists)
        return session_report_set(r, SESSION_NOTHING_TO_RECOVER, name);
    store_lock l;
    session_outcome o = lock_for(st, name, &l, r, d);
    if (o != SESSION_OK)
        return o;
    bool ok;
    if (discard) {
        ok = store_discard_recovery(st, name, d);
    } else {
        decl_t *decl = store_recover(st, name, d);
        ok = decl && store_save(st, decl, d);
        decl_free(decl);
    }
    store_lock_release(&l);
    return session_report_set(r, ok ? SESSION_OK : SESSION_FAILED, name);
}

session_outcome session_rename(session *s, const char *name, const char *rpps,
                               char new_name[STORE_NAME_MAX], session_report *r, diag_list *d)
{
    new_name[0] = '\0';
    const store_t *st = store_for(s, name, r, d);
    if (!st)
        return r->outcome;
    if (!store_name(atoi(name), rpps, new_name) || strcmp(new_name, name) == 0) {
        new_name[0] = '\0';
        return session_report_set(r, SESSION_BAD_RPPS, name);
    }
    store_lock old, new;
    session_outcome o = lock_for(st, name, &old, r, d);
    if (o != SESSION_OK)
        return o;
    if (!store_draft_exists(st, name))
        o = session_report_set(r, SESSION_NOT_FOUND, name);
    else if ((r->renaming = store_name_taken(st, new_name)))
        o = session_report_set(r, SESSION_EXISTS, new_name);
    else if ((o = lock_for(st, new_name, &new, r, d)) == SESSION_OK) {
        /* taking the new name's lock may have finished a move to it a kill interrupted */
        if ((r->renaming = store_name_taken(st, new_name)))
            o = session_report_set(r, SESSION_EXISTS, new_name);
        else if (!store_rename(st, name, rpps, d))
            o = session_report_set(r, SESSION_FAILED, name);
        store_lock_release(&new);
    }
    store_lock_release(&old);
    return o == SESSION_OK ? session_report_set(r, SESSION_OK, new_name) : o;
}

bool session_version_rpps(session *s, const char *name, int number, char rpps[12])
{
    rpps[0] = '\0';
    diag_list ignored;
    diag_init(&ignored);
    const store_t *st = store_name_valid(name) ? session_store_located(s, &ignored) : NULL;
    store_version info;
    decl_t *decl = st ? store_load_version(st, name, number, &info, &ignored) : NULL;
    if (decl && decl->identity.rpps && strlen(decl->identity.rpps) == 11)
        snprintf(rpps, 12, "%s", decl->identity.rpps);
    decl_free(decl);
    diag_free(&ignored);
    return rpps[0] != '\0';
}

session_outcome session_delete(session *s, const char *name, char id[STORE_TRASH_ID_MAX],
                               session_report *r, diag_list *d)
{
    id[0] = '\0';
    const store_t *st = store_for(s, name, r, d);
    if (!st)
        return r->outcome;
    store_lock l;
    session_outcome o = lock_for(st, name, &l, r, d);
    if (o != SESSION_OK)
        return o;
    if (!store_draft_exists(st, name))
        o = session_report_set(r, SESSION_NOT_FOUND, name);
    else if (!store_delete(st, name, id, d))
        o = session_report_set(r, SESSION_FAILED, name);
    store_lock_release(&l);
    return o;
}

bool session_trash(session *s, session_trash_entry **out, size_t *n, diag_list *d)
{
    *out = NULL;
    *n = 0;
    const store_t *st = session_store_located(s, d);
    store_trash_item *v;
    size_t count;
    if (!st)
        return false;
    bool ok = store_trash_list(st, &v, &count, d);
    session_trash_entry *e = count ? calloc(count, sizeof *e) : NULL;
    if (count && !e) {
        free(v);
        diag_add(d, st->root, 0, "mémoire insuffisante pour lire la corbeille");
        return false;
    }
    for (size_t i = 0; i < count; i++) {
        e[i].item = v[i];
        diag_list ignored; /* an unreadable draft is listed without its doctor's name */
        diag_init(&ignored);
        decl_t *x = decl_load(v[i].draft, &ignored);
        if (x)
            snprintf(e[i].who, sizeof e[i].who, "%s%s%s",
                     x->identity.last_name ? x->identity.last_name : "",
                     x->identity.last_name && x->identity.first_name ? " " : "",
                     x->identity.first_name ? x->identity.first_name : "");
        decl_free(x);
        diag_free(&ignored);
    }
    free(v);
    *out = e;
    *n = count;
    return ok;
}

session_outcome session_undelete(session *s, const char *id, char name[STORE_NAME_MAX],
                                 session_report *r, diag_list *d)
{
    memset(r, 0, sizeof *r);
    name[0] = '\0';
    const store_t *st = session_store(s, d);
    if (!st)
        return session_report_set(r, SESSION_FAILED, NULL);
    if (!store_trash_name(st, id, name)) {
        session_report_set(r, SESSION_NOT_FOUND, NULL);
        snprintf(r->trash_id, sizeof r->trash_id, "%.*s", (int)sizeof r->trash_id - 1,
                 id ? id : "?");
        return r->outcome;
    }
    store_lock l;
    session_outcome o = lock_for(st, name, &l, r, d);
    if (o != SESSION_OK)
        return o;
    if (!store_trash_name(st, id, name)) /* put back by another meanwhile */
        o = session_report_set(r, SESSION_NOT_FOUND, NULL);
    else if (store_name_taken(st, name))
        o = session_report_set(r, SESSION_EXISTS, name);
    else if (!store_undelete(st, id, d))
        o = session_report_set(r, SESSION_FAILED, name);
    else
        session_report_set(r, SESSION_OK, name);
    store_lock_release(&l);
    return o;
}

session_outcome session_trash_empty(session *s, size_t *removed, session_report *r, diag_list *d)
{
    memset(r, 0, sizeof *r);
    *removed = 0;
    const store_t *st = session_store(s, d);
    if (!st)
        return session_report_set(r, SESSION_FAILED, NULL);
    size_t before = d->count;
    *removed = store_trash_empty(st, d);
    return session_report_set(r, d->count == before ? SESSION_OK : SESSION_FAILED, NULL);
}
