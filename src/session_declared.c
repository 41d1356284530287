/* session_declared: recording that a finalised version was declared on Amelipro or sent to the
 * caisse as the paper form, and the words that say it. fsdecl itself sends nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session_internal.h"

bool session_declared_list(session *s, const char *name, store_declared **out, size_t *n,
                           diag_list *d)
{
    *out = NULL;
    *n = 0;
    const store_t *st = session_store_located(s, d);
    return st && store_declared_list(st, name, out, n, d);
}

void session_declared_words(const store_declared *rec, bool changed_since, char *buf, size_t size)
{
    char day[16];
    date_format_fr(rec->date, day, sizeof day);
    if (changed_since)
        snprintf(buf, size, "v%d déclarée, brouillon modifié depuis", rec->version);
    else
        snprintf(buf, size, "v%d %s le %s", rec->version, vocab_fr(&store_route_vocab, rec->route),
                 day);
}

const char *session_state_words(const session_summary *s, char *buf, size_t size)
{
    bool judged = s->state == SESSION_DRAFT_JUDGED || s->state == SESSION_DRAFT_CLOSED;
    if (judged && s->declared) {
        bool later = s->entry.versions > s->last_declared.version;
        session_declared_words(&s->last_declared, later || s->changed, buf, size);
        return buf;
    }
    snprintf(buf, size, "%s",
             s->state != SESSION_DRAFT_JUDGED ? vocab_fr(&session_draft_state_vocab, s->state)
             : s->nblocking                   ? "à compléter"
                                              : "complète");
    return buf;
}

/* The draft's lock for the time of a write: the document's own, or taken now when the document
 * is read-only because its campaign is closed (or it was opened read-only); NULL with r set when
 * another program holds it. */
static bool hold(session_doc *doc, const store_t *st, store_lock *taken, session_report *r,
                 diag_list *d)
{
    taken->fd = -1;
    if (!doc->read_only)
        return true;
    session_outcome why = doc->why_read_only.outcome;
    if (why != SESSION_WINDOW_CLOSED && why != SESSION_READ_ONLY) {
        *r = doc->why_read_only;
        return false;
    }
    if (store_lock_take(st, doc->name, taken, d))
        return true;
    r->holder = *taken;
    session_report_set(r, taken->held ? SESSION_HELD : SESSION_FAILED, doc->name);
    taken->fd = -1;
    return false;
}

static void let_go(store_lock *taken)
{
    if (taken->fd >= 0)
        store_lock_release(taken);
}

/* Whether the date given fits the version and the campaign: an outcome, or a warning added. */
static session_outcome judge_date(const session_doc *doc, store_route route, date_t on,
                                  const store_version *last, diag_list *warnings)
{
    date_t finalised, today = session_today(doc->session);
    char day[11];
    snprintf(day, sizeof day, "%.10s", last->date);
    if (date_cmp(on, today) > 0)
        return SESSION_DATE_FUTURE;
    /* A version stamped after the session's day (--today set in the past) counts as finalised
     * that day: the stamp is the clock's, the day the session's. */
    if (date_parse(day, &finalised) != DATE_OK || date_cmp(finalised, today) > 0)
        finalised = today;
    if (date_cmp(on, finalised) < 0)
        return SESSION_DATE_BEFORE_VERSION;
    const rules_campaign *c = doc->rules;
    if (!c || !c->window.has_closes || date_cmp(on, c->window.closes) <= 0)
        return SESSION_OK;
    char closes[16];
    date_format_fr(c->window.closes, closes, sizeof closes);
    if (route == STORE_ROUTE_AMELIPRO && !c->window.closes_inferred)
        return SESSION_AFTER_CLOSE;
    if (route == STORE_ROUTE_AMELIPRO)
        diag_add(warnings, doc->name, 0,
                 "attention : date postérieure à la clôture présumée du %s (date non publiée) : "
                 "notée telle "
                 "quelle",
                 closes);
    else
        diag_add(warnings, doc->name, 0,
                 "attention : formulaire envoyé après la clôture du %s : la caisse peut le refuser "
                 "; noté tel "
                 "quel",
                 closes);
    return SESSION_OK;
}

/* The records with rec in place of the one of its version, appended last. */
static bool put_record(const store_t *st, const char *name, const store_declared *rec, diag_list *d)
{
    store_declared *v;
    size_t n;
    if (!store_declared_list(st, name, &v, &n, d))
        return false;
    store_declared *all = realloc(v, (n + 1) * sizeof *all);
    if (!all) {
        free(v);
        diag_add(d, name, 0, "mémoire insuffisante ; rien n'a été enregistré");
        return false;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (all[i].version != rec->version)
            all[k++] = all[i];
    all[k++] = *rec;
    bool ok = store_declared_write(st, name, all, k, d);
    free(all);
    return ok;
}

session_outcome session_record_declared(session_doc *doc, store_route route, const date_t *on,
                                        store_declared *rec, diag_list *warnings, session_report *r,
                                        diag_list *d)
{
    memset(r, 0, sizeof *r);
    memset(rec, 0, sizeof *rec);
    r->rules = doc->rules;
    const store_t *st = session_store(doc->session, d);
    store_version last;
    bool same;
    if (!st || !store_draft_since(st, doc->name, &last, &same, d))
        return session_report_set(r, SESSION_FAILED, doc->name);
    if (!last.number)
        return session_report_set(r, SESSION_NOT_FINALISED, doc->name);
    if (!last.intact) {
        diag_add(d, doc->name, 0,
                 "la version %d ne correspond plus à son empreinte (fsdecl history) : rien n'a "
                 "été noté",
                 last.number);
        return session_report_set(r, SESSION_FAILED, doc->name);
    }
    rec->version = last.number;
    rec->route = route;
    rec->date = on ? *on : session_today(doc->session);
    store_declared_now(rec->recorded, sizeof rec->recorded);
    session_outcome o = judge_date(doc, route, rec->date, &last, warnings);
    if (o != SESSION_OK)
        return session_report_set(r, o, doc->name);
    store_lock taken;
    if (!hold(doc, st, &taken, r, d))
        return r->outcome;
    bool ok = put_record(st, doc->name, rec, d);
    let_go(&taken);
    if (ok) {
        doc->declared = *rec;
        doc->has_declared = true;
    }
    return session_report_set(r, ok ? SESSION_OK : SESSION_FAILED, doc->name);
}

session_outcome session_undo_declared(session_doc *doc, store_declared *removed, session_report *r,
                                      diag_list *d)
{
    memset(r, 0, sizeof *r);
    memset(removed, 0, sizeof *removed);
    r->rules = doc->rules;
    const store_t *st = session_store(doc->session, d);
    store_declared *v;
    size_t n;
    if (!st || !store_declared_list(st, doc->name, &v, &n, d))
        return session_report_set(r, SESSION_FAILED, doc->name);
    if (!n) {
        free(v);
        return session_report_set(r, SESSION_NOTHING_DECLARED, doc->name);
    }
    store_lock taken;
    if (!hold(doc, st, &taken, r, d)) {
        free(v);
        return r->outcome;
    }
    *removed = v[n - 1];
    bool ok = store_declared_write(st, doc->name, v, n - 1, d);
    let_go(&taken);
    if (ok) {
        doc->has_declared = n > 1;
        if (n > 1)
            doc->declared = v[n - 2];
    }
    free(v);
    return session_report_set(r, ok ? SESSION_OK : SESSION_FAILED, doc->name);
}

void session_summary_declared(const store_t *st, session_summary *sum, diag_list *d)
{
    store_declared *v = NULL;
    size_t n = 0;
    if (sum->entry.versions > 0 && store_declared_list(st, sum->entry.name, &v, &n, d) && n) {
        sum->declared = true;
        sum->last_declared = v[n - 1];
    }
    free(v);
}

bool session_origin_declared(const store_t *st, const char *name, recap_origin *o, diag_list *d)
{
    store_declared *v;
    size_t n;
    if (!store_declared_list(st, name, &v, &n, d))
        return false;
    bool version = o->transmitted && !o->last_version; /* a version, not a draft */
    for (size_t i = n; i-- > 0;)
        if (!version || o->version == v[i].version) {
            o->declared = true;
            o->declared_version = v[i].version;
            o->declared_route = (int)v[i].route;
            o->declared_date = v[i].date;
            break;
        }
    free(v);
    return true;
}

bool session_doc_read_declared(session_doc *doc, const store_t *st, diag_list *d)
{
    store_declared *v;
    size_t n;
    doc->has_declared = false;
    if (!store_declared_list(st, doc->name, &v, &n, d))
        return false;
    if (n) {
        doc->declared = v[n - 1];
        doc->has_declared = true;
    }
    free(v);
    return true;
}

const char *session_doc_state_words(session_doc *doc, bool *declared, store_declared *last,
                                    char *buf, size_t size)
{
    session_summary s;
    memset(&s, 0, sizeof s);
    const eval_result *e = session_judge(doc);
    s.state = !e                                ? SESSION_DRAFT_NO_RULES
              : e->window == EVAL_WINDOW_CLOSED ? SESSION_DRAFT_CLOSED
                                                : SESSION_DRAFT_JUDGED;
    s.nblocking = e ? e->nblocking : 0;
    s.entry.versions = doc->since_read ? doc->since.number : 0;
    s.changed = !doc->since_same || session_unsaved(doc);
    s.declared = doc->has_declared; /* read with since: never from disk while drawing */
    s.last_declared = doc->declared;
    *declared = s.declared;
    if (last && s.declared)
        *last = s.last_declared;
    return session_state_words(&s, buf, size);
}
