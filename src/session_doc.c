/* session_doc: one declaration opened through a session: created, opened with its lock, judged,
 * saved, autosaved, transmitted. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsdecl/ident.h"
#include "fsdecl/sheet.h"
#include "session_internal.h"

enum { AUTOSAVE_DELAY_MS = 2000 };

static bool window_closed(const rules_campaign *c, date_t today)
{
    return c && c->window.has_closes && date_cmp(today, c->window.closes) > 0;
}

static session_doc *new_doc(session *s, const char *name, decl_t *decl, diag_list *d)
{
    session_doc *doc = calloc(1, sizeof *doc);
    if (!doc) {
        diag_add(d, "fsdecl", 0, "mémoire insuffisante");
        decl_free(decl);
        return NULL;
    }
    doc->session = s;
    snprintf(doc->name, sizeof doc->name, "%s", name);
    doc->decl = decl;
    doc->lock.fd = -1;
    doc->saved_changes = decl->changes;
    doc->saved_typing = decl->typing_print;
    doc->autosaver.delay_ms = AUTOSAVE_DELAY_MS;
    doc->rules = session_campaign(s, decl->campaign, NULL);
    return doc;
}

/* Writable with the draft's lock, or read-only: held by another program, or campaign closed. The
 * lock is taken here, or was tried before the draft was read (early: then it is taken over, or
 * released when the document is read-only after all). */
static void take_or_read_only(session_doc *doc, const store_t *st, bool want_read_only,
                              store_lock *early, diag_list *d)
{
    session_report *why = &doc->why_read_only;
    snprintf(why->name, sizeof why->name, "%s", doc->name);
    why->rules = doc->rules;
    bool locked = early ? early->fd >= 0 : false;
    if (window_closed(doc->rules, session_today(doc->session))) {
        session_report_set(why, SESSION_WINDOW_CLOSED, NULL);
        doc->read_only = true;
    } else if (want_read_only) {
        session_report_set(why, SESSION_READ_ONLY, NULL);
        doc->read_only = true;
    } else if (early) {
        doc->lock = *early;
        early->fd = -1;
    } else {
        locked = store_lock_take(st, doc->name, &doc->lock, d);
    }
    if (!doc->read_only && !locked) {
        why->holder = doc->lock;
        session_report_set(why, doc->lock.held ? SESSION_HELD : SESSION_FAILED, NULL);
        doc->lock.fd = -1;
        doc->read_only = true;
    }
    if (early)
        store_lock_release(early);
}

/* The saved draft against its last version, once for each change on disk (opening, saving,
 * finalising), never at each drawing of a screen. The reasons go to d when it is not NULL. */
static void read_since(session_doc *doc, diag_list *d)
{
    diag_list scratch;
    diag_init(&scratch);
    const store_t *st = session_store(doc->session, d ? d : &scratch);
    doc->since_read =
        st && store_draft_since(st, doc->name, &doc->since, &doc->since_same, d ? d : &scratch);
    decl_free(doc->since_decl);
    doc->since_decl = NULL;
    doc->has_declared = false;
    if (doc->since_read && doc->since.number) {
        store_version info; /* unreadable: its changes are not named, as the recap says */
        doc->since_decl = store_load_version(st, doc->name, doc->since.number, &info, &scratch);
        doc->since_read = session_doc_read_declared(doc, st, d ? d : &scratch);
    }
    diag_free(&scratch);
}

/* The declaration opened is the text of its last finalised version, byte for byte: the
 * commitments it holds certified that version (decl_t.certified). Why the history or the draft
 * cannot be read is said elsewhere (history, recap): here it only leaves the commitments alone. */
static void certify_if_unchanged(session_doc *doc)
{
    if (doc->since_read && doc->since_same)
        doc->decl->certified = doc->since.number;
}

/* The draft name, read once its lock is held (tried first, unless read-only is wanted): what is
 * read is what the lock protects until the document is closed. */
session_doc *session_open(session *s, const char *name, unsigned flags, session_report *r,
                          diag_list *d)
{
    memset(r, 0, sizeof *r);
    if (!store_name_valid(name)) {
        session_report_set(r, SESSION_BAD_NAME, NULL);
        return NULL;
    }
    const store_t *st = session_store(s, d);
    if (!st) {
        session_report_set(r, SESSION_FAILED, name);
        return NULL;
    }
    store_recovery rec = store_recovery_status(st, name); /* before ours: who else holds it */
    bool want_read_only = flags & SESSION_OPEN_READ_ONLY;
    store_lock early = {.fd = -1};
    if (!want_read_only)
        store_lock_take(st, name, &early, d);
    bool recovered = (flags & SESSION_OPEN_RECOVERY) && rec.exists;
    decl_t *decl = recovered ? store_recover(st, name, d) : store_load(st, name, d);
    session_doc *doc = decl ? new_doc(s, name, decl, d) : NULL;
    if (!doc) {
        store_lock_release(&early);
        session_report_set(r, SESSION_FAILED, name);
        return NULL;
    }
    doc->recovery = rec;
    doc->recovered = recovered;
    if (recovered)
        doc->saved_changes = decl->changes - 1; /* the recovered work is not saved yet */
    take_or_read_only(doc, st, want_read_only, want_read_only ? NULL : &early, d);
    read_since(doc, NULL);
    if (!recovered && !doc->read_only)
        certify_if_unchanged(doc);
    *r = doc->read_only ? doc->why_read_only : *r;
    session_report_set(r, doc->read_only ? r->outcome : SESSION_OK, name);
    return doc;
}

bool session_resolve(session *s, const char *arg, char name[STORE_NAME_MAX], diag_list *d)
{
    (void)s;
    if (store_name_valid(arg)) {
        snprintf(name, STORE_NAME_MAX, "%s", arg);
        return true;
    }
    decl_t *decl = decl_load(arg, d);
    bool ok = decl && store_name(decl->campaign, decl->identity.rpps, name);
    if (decl && !ok)
        diag_add(d, arg, 0,
                 "RPPS manquant ou invalide (11 chiffres) : le brouillon ne peut pas "
                 "être rangé");
    decl_free(decl);
    return ok;
}

session_doc *session_import(session *s, const char *path, session_report *r, diag_list *d)
{
    memset(r, 0, sizeof *r);
    decl_t *decl = decl_load(path, d);
    char name[STORE_NAME_MAX];
    if (decl && !store_name(decl->campaign, decl->identity.rpps, name)) {
        diag_add(d, path, 0,
                 "RPPS manquant ou invalide (11 chiffres) : le brouillon ne peut pas "
                 "être rangé");
        decl_free(decl);
        decl = NULL;
    }
    const store_t *st = decl ? session_store(s, d) : NULL;
    if (!st) {
        decl_free(decl);
        session_report_set(r, SESSION_FAILED, NULL);
        return NULL;
    }
    session_doc *doc = new_doc(s, name, decl, d);
    if (!doc)
        return NULL;
    doc->recovery = store_recovery_status(st, name);
    doc->saved_changes = decl->changes - 1; /* not in the store yet: saved when transmitted */
    take_or_read_only(doc, st, false, NULL, d);
    *r = doc->read_only ? doc->why_read_only : *r;
    session_report_set(r, doc->read_only ? r->outcome : SESSION_OK, name);
    return doc;
}

/* The declaration a new draft starts from: last year's carried over, or an empty one. */
static decl_t *starting_point(session *s, const store_t *st, const rules_campaign *c,
                              const char *rpps, bool empty, carry_report *rep)
{
    char prev_name[STORE_NAME_MAX];
    decl_t *prev = NULL;
    memset(rep, 0, sizeof *rep);
    if (!empty && store_name(c->year - 1, rpps, prev_name)) {
        diag_list ignored; /* no draft last year is the usual case, not an error */
        diag_init(&ignored);
        prev = store_load(st, prev_name, &ignored);
        diag_free(&ignored);
    }
    decl_t *d = NULL;
    if (prev) {
        diag_list ignored; /* last year's rules unreadable: what is dropped is named by its id */
        diag_init(&ignored);
        d = carry_over(prev, session_campaign(s, prev->campaign, &ignored), c, rep);
        diag_free(&ignored);
    } else {
        d = decl_new();
    }
    decl_free(prev);
    if (d && !prev) {
        decl_set_campaign(d, c->year, NULL);
        decl_set_identity(d, DECL_ID_RPPS, rpps, NULL);
    }
    return d;
}

bool session_draft_exists(session *s, int year, const char *rpps)
{
    char name[STORE_NAME_MAX];
    const store_t *st = session_store_located(s, NULL);
    return st && store_name(year, rpps, name) && store_draft_exists(st, name);
}

session_doc *session_create(session *s, int year, const char *rpps, bool empty, carry_report *rep,
                            session_report *r, diag_list *d)
{
    memset(r, 0, sizeof *r);
    memset(rep, 0, sizeof *rep);
    char name[STORE_NAME_MAX];
    if (!store_name(year, rpps, name)) {
        session_report_set(r, SESSION_BAD_NAME, NULL);
        return NULL;
    }
    const store_t *st = session_store(s, d);
    r->rules = st ? session_campaign(s, year, d) : NULL;
    if (!r->rules) {
        session_report_set(r, st ? SESSION_NO_RULES : SESSION_FAILED, name);
        return NULL;
    }
    if (window_closed(r->rules, session_today(s))) {
        session_report_set(r, SESSION_WINDOW_CLOSED, name);
        return NULL;
    }
    session_doc *doc = NULL;
    store_lock l;
    if (!store_lock_take(st, name, &l, d)) {
        r->holder = l;
        session_report_set(r, l.held ? SESSION_HELD : SESSION_FAILED, name);
        return NULL;
    }
    if (store_draft_exists(st, name)) {
        session_report_set(r, SESSION_EXISTS, name);
    } else {
        decl_t *decl = starting_point(s, st, r->rules, rpps, empty, rep);
        doc = decl ? new_doc(s, name, decl, d) : NULL;
        if (!decl)
            diag_add(d, "fsdecl", 0, "mémoire insuffisante");
        if (doc) {
            doc->lock = l;
            l.fd = -1;
        }
        if (doc && !store_save(st, decl, d)) {
            session_close(doc);
            doc = NULL;
        }
        session_report_set(r, doc ? SESSION_OK : SESSION_FAILED, name);
    }
    store_lock_release(&l);
    return doc;
}

void session_close(session_doc *doc)
{
    if (!doc)
        return;
    store_lock_release(&doc->lock);
    if (doc->front_free)
        doc->front_free(doc->front);
    eval_free(doc->eval);
    decl_free(doc->decl);
    decl_free(doc->since_decl);
    free(doc);
}

session_outcome session_need_rules(session_doc *doc, session_report *r, diag_list *d)
{
    memset(r, 0, sizeof *r);
    if (doc->rules)
        return session_report_set(r, SESSION_OK, doc->name);
    session_campaign(doc->session, doc->decl->campaign, d); /* says why they cannot be read */
    return session_report_set(r, SESSION_NO_RULES, doc->name);
}

/* ---- judging and saving ---------------------------------------------------------------------- */

const eval_result *session_judge(session_doc *doc)
{
    if (!doc->rules)
        return NULL;
    if (doc->eval && doc->eval_changes == doc->decl->changes)
        return doc->eval;
    eval_free(doc->eval);
    doc->eval = eval_declaration(doc->rules, doc->decl, session_today(doc->session));
    doc->eval_changes = doc->decl->changes;
    return doc->eval;
}

bool session_unsaved(const session_doc *doc)
{
    /* typing back to what was saved is nothing unsaved */
    return doc->decl->changes != doc->saved_changes || doc->decl->typing_print != doc->saved_typing;
}

/* Unsaved work waits in a recovery file that this document did not take up: saving would lose
 * it, so nothing is saved until it is recovered or discarded. */
static bool recovery_pending(const session_doc *doc)
{
    return doc->recovery.exists && doc->recovery.newer_than_draft && !doc->recovered;
}

bool session_save(session_doc *doc, diag_list *d)
{
    if (doc->read_only) {
        char *why = session_explain(&doc->why_read_only);
        diag_add(d, doc->name, 0, "%s", why ? why : "lecture seule");
        free(why);
        return false;
    }
    if (recovery_pending(doc)) {
        session_report r = {.outcome = SESSION_RECOVERY_PENDING, .recovery = doc->recovery};
        snprintf(r.name, sizeof r.name, "%s", doc->name);
        char *why = session_explain(&r);
        diag_add(d, doc->name, 0, "%s", why ? why : "récupération en attente");
        free(why);
        return false;
    }
    const store_t *st = session_store(doc->session, d);
    if (!st || !store_save(st, doc->decl, d))
        return false;
    doc->saved_changes = doc->decl->changes;
    doc->saved_typing = doc->decl->typing_print;
    doc->recovery = (store_recovery){0}; /* the save replaced it */
    doc->recovered = false;
    doc->autosaved = false;
    store_autosave_saved(&doc->autosaver);
    read_since(doc, NULL); /* the draft on disk changed: against its last version too */
    return true;
}

bool session_abandon(session_doc *doc, diag_list *d)
{
    if (doc->read_only || recovery_pending(doc))
        return true; /* nothing of this opening was autosaved */
    const store_t *st = session_store(doc->session, d);
    store_autosave_saved(&doc->autosaver);
    return st && store_discard_recovery(st, doc->name, d);
}

void session_changed(session_doc *doc, long now_ms)
{
    store_autosave_changed(&doc->autosaver, now_ms);
}

bool session_tick(session_doc *doc, long now_ms, bool *failed, diag_list *d)
{
    *failed = false;
    const store_t *st =
        doc->read_only || recovery_pending(doc) ? NULL : session_store(doc->session, d);
    bool wrote = st && store_autosave_tick(&doc->autosaver, now_ms, st, doc->decl, failed, d);
    doc->autosaved = doc->autosaved || wrote;
    return wrote;
}

/* Why decl, the document's declaration judged as e, cannot be transmitted now; SESSION_OK when it
 * can. */
static session_outcome transmit_refusal(const session_doc *doc, const decl_t *decl,
                                        const eval_result *e)
{
    if (doc->read_only) /* held by another, closed, or (FAILED) the lock could not be taken */
        return doc->why_read_only.outcome;
    if (recovery_pending(doc))
        return SESSION_RECOVERY_PENDING;
    if (!e)
        return SESSION_NO_RULES;
    if (e->incomplete) /* what was not judged could block */
        return SESSION_JUDGEMENT_INCOMPLETE;
    if (e->window == EVAL_WINDOW_CLOSED)
        return SESSION_WINDOW_CLOSED;
    if (e->window == EVAL_WINDOW_NOT_OPEN)
        return SESSION_WINDOW_NOT_OPEN;
    if (!e->committed)
        return SESSION_COMMITMENTS_MISSING;
    if (decl->identity.rpps && ident_check_rpps(decl->identity.rpps) == IDENT_BAD_KEY &&
        !decl->rpps_confirmed)
        return SESSION_RPPS_UNCONFIRMED;
    if (decl->ntyping)
        return SESSION_TYPING_PENDING;
    return SESSION_OK;
}

session_outcome session_transmit_check(session_doc *doc, session_report *r)
{
    memset(r, 0, sizeof *r);
    r->rules = doc->rules;
    r->recovery = doc->recovery;
    if (doc->read_only)
        *r = doc->why_read_only;
    return session_report_set(r, transmit_refusal(doc, doc->decl, session_judge(doc)), doc->name);
}

static bool same_declaration(const decl_t *a, const decl_t *b)
{
    size_t la = 0, lb = 0;
    char *ta = decl_write(a, "", &la), *tb = decl_write(b, "", &lb);
    bool same = ta && tb && la == lb && memcmp(ta, tb, la) == 0;
    free(ta);
    free(tb);
    return same;
}

/* The saved draft's bytes, read under the document's lock, and the declaration they hold; NULL
 * (diagnosed) when they cannot be read, or hold another declaration than the document's (a
 * program that did not wait for the lock rewrote the draft): what is published is what the user
 * was shown. */
static decl_t *read_saved(const session_doc *doc, const store_t *st, char **text, size_t *len,
                          diag_list *d)
{
    char path[PATH_MAX];
    store_draft_path(st, doc->name, path, sizeof path);
    *text = store_read_draft(st, doc->name, len, d);
    decl_t *disk = *text ? decl_parse(*text, *len, path, d) : NULL;
    if (disk && !same_declaration(disk, doc->decl)) {
        diag_add(d, path, 0,
                 "le brouillon a été réécrit par un autre programme depuis son ouverture : "
                 "rouvrez-le pour voir ce qu'il contient");
        decl_free(disk);
        disk = NULL;
    }
    if (!disk) {
        free(*text);
        *text = NULL;
    }
    return disk;
}

/* Reads the saved draft under the lock, judges those bytes, and publishes the same bytes. */
static session_outcome publish_saved(session_doc *doc, const store_t *st, int *version,
                                     diag_list *d)
{
    char *text = NULL;
    size_t len = 0;
    decl_t *disk = read_saved(doc, st, &text, &len, d);
    eval_result *e = disk ? eval_declaration(doc->rules, disk, session_today(doc->session)) : NULL;
    session_outcome o = !disk ? SESSION_FAILED : transmit_refusal(doc, disk, e);
    if (o == SESSION_OK)
        *version = store_transmit(st, doc->name, text, len, d);
    eval_free(e);
    decl_free(disk);
    free(text);
    return o != SESSION_OK || *version ? o : SESSION_FAILED;
}

session_outcome session_transmit(session_doc *doc, int *version, store_version *info,
                                 session_report *r, diag_list *d)
{
    *version = 0;
    session_outcome o = session_transmit_check(doc, r);
    if (o == SESSION_NO_RULES) /* says why the campaign's rules could not be read */
        session_campaign(doc->session, doc->decl->campaign, d);
    if (o != SESSION_OK)
        return session_report_set(r, o, doc->name);
    if (session_unsaved(doc) && !session_save(doc, d))
        return session_report_set(r, SESSION_FAILED, doc->name);
    const store_t *st = session_store(doc->session, d);
    o = st ? publish_saved(doc, st, version, d) : SESSION_FAILED;
    if (o != SESSION_OK)
        return session_report_set(r, o, doc->name);
    doc->decl->certified = *version; /* the next change is for the next version */
    read_since(doc, NULL);
    doc->decl->recommit = 0;
    store_version *h = NULL;
    size_t n = 0;
    /* published: read back whole, or said to be published all the same */
    bool ok =
        store_history(st, doc->name, &h, &n, d) && n >= (size_t)*version && h[*version - 1].intact;
    if (ok)
        *info = h[*version - 1];
    else
        diag_add(d, doc->name, 0,
                 "la version %d a bien été finalisée, mais l'historique n'a pas pu être relu : "
                 "vérifiez-la avec « fsdecl history %s »",
                 *version, doc->name);
    free(h);
    return session_report_set(r, ok ? SESSION_OK : SESSION_FAILED, doc->name);
}

bool session_doc_origin(session_doc *doc, recap_origin *o, diag_list *d)
{
    memset(o, 0, sizeof *o);
    if (!doc->since_read)
        read_since(doc, d); /* not read when opened: tried again, saying why */
    if (!doc->since_read)
        return false;
    o->last_version = doc->since.number;
    snprintf(o->last_date, sizeof o->last_date, "%s", doc->since.date);
    o->unchanged = doc->since_same && !session_unsaved(doc);
    if (o->unchanged) { /* that version itself: its number, date and fingerprint */
        o->transmitted = true;
        o->version = doc->since.number;
        snprintf(o->date, sizeof o->date, "%s", doc->since.date);
        snprintf(o->sha256, sizeof o->sha256, "%s", doc->since.sha256);
    }
    if (!o->unchanged && doc->rules && doc->since_decl)
        recap_changes(doc->rules, doc->since_decl, doc->decl, &o->changes);
    o->declared = doc->has_declared;
    o->declared_version = doc->declared.version;
    o->declared_route = (int)doc->declared.route;
    o->declared_date = doc->declared.date;
    return true;
}

/* The recap of the open declaration as it is now, and where it stands in *origin; NULL with the
 * reason in d. */
static recap *doc_recap(session_doc *doc, recap_origin *origin, diag_list *d)
{
    const eval_result *e = session_judge(doc);
    if (!session_doc_origin(doc, origin, d))
        return NULL;
    if (!e)
        diag_add(d, doc->name, 0, "règles de la campagne introuvables : pas de PDF");
    return e ? recap_build(doc->rules, doc->decl, e, origin) : NULL;
}

/* Writes pdf into the user's home folder as PREFIX-ANNÉE-RPPS-vN.pdf, or -brouillon.pdf for a
 * draft: never over another version's PDF. */
static bool write_home_pdf(const session_doc *doc, const recap_origin *origin, const char *prefix,
                           const char *pdf, size_t len, char *path, size_t size, diag_list *d)
{
    const char *home = getenv("HOME");
    char which[24] = "brouillon";
    if (origin->transmitted)
        snprintf(which, sizeof which, "v%d", origin->version);
    snprintf(path, size, "%s/%s-%s-%s.pdf", home && *home ? home : ".", prefix, doc->name, which);
    return store_write_atomic(path, NULL, pdf, len, d);
}

bool session_write_pdf(session_doc *doc, recap_pdf_kind kind, char *path, size_t size, diag_list *d)
{
    recap_origin origin;
    recap *r = doc_recap(doc, &origin, d);
    char *pdf = NULL;
    size_t len = 0;
    bool ok =
        r && recap_render_pdf(r, kind, recap_pdf_font(false), recap_pdf_font(true), &pdf, &len, d);
    recap_free(r);
    if (ok)
        ok = write_home_pdf(doc, &origin, kind == RECAP_PDF_RECAP ? "recapitulatif" : "formulaire",
                            pdf, len, path, size, d);
    free(pdf);
    return ok;
}

char *session_sheet_text(session_doc *doc, diag_list *d)
{
    recap_origin origin;
    recap *r = doc_recap(doc, &origin, d);
    sheet *s = r ? sheet_build(r) : NULL;
    char *text = s ? sheet_render_text(s) : NULL;
    if (r && !text)
        diag_add(d, doc->name, 0, "mémoire insuffisante");
    sheet_free(s);
    recap_free(r);
    return text;
}

bool session_write_sheet_pdf(session_doc *doc, char *path, size_t size, diag_list *d)
{
    recap_origin origin;
    recap *r = doc_recap(doc, &origin, d);
    sheet *s = r ? sheet_build(r) : NULL;
    char *pdf = NULL;
    size_t len = 0;
    bool ok = s && sheet_render_pdf(s, recap_pdf_font(false), recap_pdf_font(true), &pdf, &len, d);
    if (r && !s)
        diag_add(d, doc->name, 0, "mémoire insuffisante");
    sheet_free(s);
    recap_free(r);
    if (ok)
        ok = write_home_pdf(doc, &origin, "a-reporter-sur-amelipro", pdf, len, path, size, d);
    free(pdf);
    return ok;
}
