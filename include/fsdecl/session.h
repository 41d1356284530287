/* session: what every front end does with declarations, written once. A session holds the rules
 * (each campaign loaded once and kept), the draft store and the day deadlines are judged at; it
 * lists, creates (empty or carried over), opens (with the draft's lock and its recovery state),
 * saves, autosaves, transmits, restores and recovers declarations. Each refusal is a typed outcome
 * with a French explanation, the same for the command line, the wizard and the keying screens.
 * No printing, no exit, no curses. */
#ifndef FSDECL_SESSION_H
#define FSDECL_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "fsdecl/carry.h"
#include "fsdecl/date.h"
#include "fsdecl/decl.h"
#include "fsdecl/diag.h"
#include "fsdecl/eval.h"
#include "fsdecl/paths.h"
#include "fsdecl/rules.h"
#include "fsdecl/recap.h"
#include "fsdecl/store.h"
#include "fsdecl/store_declared.h"
#include "fsdecl/vocab.h"

typedef struct {
    const char *rules_dir; /* --rules-dir, or NULL */
    const char *data_dir;  /* --data-dir, or NULL */
    bool has_today;        /* --today: judge deadlines at this date, not the clock's */
    date_t today;
} session_config;

/* What came of a request: X(CONSTANT, "id", "what it means, in French"). */
#define SESSION_OUTCOMES(X)                                                                            \
    X(SESSION_OK, "ok", "fait")                                                                        \
    X(SESSION_FAILED, "failed", "l'opération a échoué")                                                \
    X(SESSION_BAD_NAME, "bad_name", "nom de brouillon invalide (ANNÉE-RPPS, RPPS de 11 chiffres)")     \
    X(SESSION_NO_RULES, "no_rules", "les règles de la campagne sont introuvables")                     \
    X(SESSION_EXISTS, "exists", "le brouillon existe déjà")                                            \
    X(SESSION_HELD, "held", "le brouillon est ouvert par un autre programme")                          \
    X(SESSION_WINDOW_CLOSED, "window_closed", "la saisie de la campagne est close")                    \
    X(SESSION_WINDOW_NOT_OPEN, "window_not_open", "la saisie de la campagne n'est pas ouverte")        \
    X(SESSION_COMMITMENTS_MISSING, "commitments_missing",                                              \
      "les engagements de l'attestation sur l'honneur ne sont pas cochés")                             \
    X(SESSION_RECOVERY_PENDING, "recovery_pending", "du travail non enregistré attend")                \
    X(SESSION_TYPING_PENDING, "typing_pending", "des saisies ne sont pas validées")                    \
    X(SESSION_NOTHING_TO_RECOVER, "nothing_to_recover", "aucune récupération en attente")              \
    X(SESSION_READ_ONLY, "read_only", "la déclaration est en lecture seule")                           \
    X(SESSION_BAD_RPPS, "bad_rpps", "le nouveau RPPS n'est pas un numéro de 11 chiffres")              \
    X(SESSION_NOT_FOUND, "not_found", "aucun brouillon de ce nom")                                     \
    X(SESSION_RPPS_UNCONFIRMED, "rpps_unconfirmed",                                                    \
      "la clé du numéro RPPS est incorrecte et le numéro n'est pas confirmé")                          \
    X(SESSION_JUDGEMENT_INCOMPLETE, "judgement_incomplete",                                            \
      "la déclaration n'a pas pu être jugée en entier (mémoire épuisée) : aucune version n'est " \
      "finalisée")                                                                                     \
    X(SESSION_NOT_FINALISED, "not_finalised",                                                          \
      "aucune version n'est finalisée : finalisez d'abord une version (fsdecl finalize), puis "       \
      "notez sa déclaration")                                                                          \
    X(SESSION_DATE_FUTURE, "date_future", "la date donnée est à venir")                                \
    X(SESSION_DATE_BEFORE_VERSION, "date_before_version",                                              \
      "la date donnée précède la finalisation de la version")                                          \
    X(SESSION_AFTER_CLOSE, "after_close", "la saisie sur Amelipro était close à cette date")           \
    X(SESSION_NOTHING_DECLARED, "nothing_declared", "aucune déclaration n'est notée")
typedef enum { SESSION_OUTCOMES(VOCAB_ENUM) } session_outcome;
enum { SESSION_OUTCOME_COUNT = 0 SESSION_OUTCOMES(VOCAB_COUNT) };
extern const vocab_t session_outcome_vocab;

/* An outcome and what explains it. */
typedef struct {
    session_outcome outcome;
    char name[STORE_NAME_MAX];         /* the draft concerned */
    const rules_campaign *rules;       /* its campaign, when known */
    store_lock holder;                 /* SESSION_HELD: who holds the draft */
    store_recovery recovery;           /* SESSION_RECOVERY_PENDING, or a recovery done */
    bool renaming;                     /* SESSION_EXISTS: the new name of a rename is taken */
    char trash_id[STORE_TRASH_ID_MAX]; /* SESSION_NOT_FOUND: the trash entry not found */
} session_report;

/* The report as one French sentence (no final newline), malloc'ed. */
char *session_explain(const session_report *r);

typedef struct session session;

session *session_new(const session_config *cfg);
void session_free(session *s);
date_t session_today(const session *s);
/* Judges from now on at this date (a command's --today). */
void session_set_today(session *s, date_t today);
const paths_t *session_paths(const session *s);
/* The rules of campaign year, loaded once and kept; NULL with the reasons added to d. */
const rules_campaign *session_campaign(session *s, int year, diag_list *d);
/* Loads a rules file with the session's list folders (a file given by path: lint, tests). */
rules_campaign *session_load_rules(const session *s, const char *path, diag_list *d);
/* The campaign to declare today: the one whose window is open, else the next to open, else the
 * latest; 0 when no rules file is found. */
int session_current_year(session *s);
/* The draft store, opened on first use; NULL with the reasons in d. */
const store_t *session_store(session *s, diag_list *d);
/* The store's folders, for reading only: none is created (listing drafts writes nothing). */
const store_t *session_store_located(session *s, diag_list *d);

/* ---- the drafts of the store ---------------------------------------------------------------- */

/* X(CONSTANT, "id in exports", "French"). CLOSED: judged, but its campaign's window is closed,
 * nothing more to do. */
#define SESSION_DRAFT_STATES(X)                                                                    \
    X(SESSION_DRAFT_JUDGED, "judged", "jugé")                                                      \
    X(SESSION_DRAFT_UNREADABLE, "unreadable", "illisible")                                         \
    X(SESSION_DRAFT_NO_RULES, "no_rules", "règles introuvables")                                   \
    X(SESSION_DRAFT_CLOSED, "closed", "close")
typedef enum { SESSION_DRAFT_STATES(VOCAB_ENUM) } session_draft_state;
enum { SESSION_DRAFT_STATE_COUNT = 0 SESSION_DRAFT_STATES(VOCAB_COUNT) };
extern const vocab_t session_draft_state_vocab;

typedef struct {
    store_entry entry; /* name, campaign, RPPS, last saved, recovery, versions */
    char who[160];     /* "MARTIN Claire", as written (may be empty) */
    session_draft_state state;
    size_t nblocking; /* problems left: 0 for a complete declaration (a closed window aside) */
    int64_t min_tenths, max_tenths, min_cents, max_cents;
    /* The saved draft is no longer its last finalised version's text, byte for byte (false
     * without versions, or when they cannot be read: entry.versions says so). */
    bool changed;
    /* The last record that a version was declared (store_declared.h), when declared is true. */
    bool declared;
    store_declared last_declared;
} session_summary;

/* The drafts, sorted by name, each judged: *n of them in *out (malloc'ed). false (diagnosed) when
 * the list is incomplete (store_list); why a draft cannot be read is diagnosed too. */
bool session_list(session *s, session_summary **out, size_t *n, diag_list *d);

/* What the home screen shows: the campaign of the day and the drafts, each judged. */
typedef struct {
    int year; /* the campaign of the day; 0 when no rules file is found */
    char title[160];
    date_t opens, closes;
    bool opens_approximate, has_closes, closes_inferred;
    session_summary *drafts; /* malloc'ed */
    size_t n;
    char problem[512]; /* why the store could not be listed; "" when it could */
} session_home;

/* A draft's state in a few words, the same for `fsdecl drafts` and the wizard's home: « à
 * compléter », « complète », « close », « illisible », « règles introuvables », or once a version
 * is recorded as declared, « v2 déclarée sur Amelipro le 12/01/2027 », « v2 formulaire envoyé à
 * la caisse le 12/01/2027 », « v2 déclarée, brouillon modifié depuis ». Returns buf. */
const char *session_state_words(const session_summary *s, char *buf, size_t size);
/* What a record says: « v2 déclarée sur Amelipro le 12/01/2027 », or when the draft has changed
 * since (a later version, or changes not finalised) « v2 déclarée, brouillon modifié depuis ». */
void session_declared_words(const store_declared *rec, bool changed_since, char *buf, size_t size);

/* Reads the rules and judges each draft. */
void session_home_read(session *s, session_home *h);
/* The same, with campaign year (0: the campaign of the day) as the campaign shown; the drafts of
 * every campaign are listed all the same. */
void session_home_read_campaign(session *s, int year, session_home *h);

/* Where a campaign's window stands on a day. */
typedef enum {
    SESSION_CAMPAIGN_NOT_OPEN,
    SESSION_CAMPAIGN_OPEN,
    SESSION_CAMPAIGN_CLOSED
} session_campaign_state;
/* The window of campaign c on today in words, the same wherever the wizard shows a campaign: « la
 * saisie ouvre vers le 01/12/2026 », « saisie ouverte jusqu'au 08/02/2026 à minuit, encore 51
 * jours », « saisie close depuis le 31/01/2025 »... Returns where it stands. */
session_campaign_state session_campaign_words(const rules_campaign *c, date_t today, char *buf,
                                              size_t size);
/* The campaigns of the rules folder, oldest first: up to max years into years; how many. */
size_t session_campaign_years(const session *s, int *years, size_t max);
void session_home_free(session_home *h);

/* ---- one declaration ------------------------------------------------------------------------ */

typedef struct {
    session *session;
    char name[STORE_NAME_MAX];
    decl_t *decl;
    const rules_campaign *rules; /* NULL when its campaign's rules cannot be loaded */
    bool read_only;
    session_report why_read_only; /* held by another program, or campaign closed */
    store_lock lock;              /* ours, when writable */
    store_recovery recovery;      /* as found when opened */
    bool recovered;               /* opened from the recovery file's content */
    bool autosaved;               /* this opening wrote the recovery file since the last save */
    uint64_t saved_changes;       /* decl->changes when last saved */
    uint64_t saved_typing;        /* decl->typing_print when last saved */
    store_autosaver autosaver;
    eval_result *eval; /* the last judgement, and the changes it saw */
    uint64_t eval_changes;
    /* The saved draft against its last finalised version (number 0: none), read when the
     * document is opened, saved and finalised; since_read false until it could be read. */
    store_version since;
    bool since_same, since_read;
    /* Read with since, never when drawing: that version's text, what a change is named against
     * (NULL: no version, or unreadable), and the last record that a version was declared. */
    decl_t *since_decl;
    store_declared declared;
    bool has_declared;
    /* What a front end builds from this document and keeps while it is open (the wizard's options
     * of the lists it shows): its own, set by it, and freed by session_close with front_free. */
    void *front;
    void (*front_free)(void *front);
} session_doc;

enum {
    SESSION_OPEN_READ_ONLY = 1 << 0, /* never take the lock */
    SESSION_OPEN_RECOVERY = 1 << 1,  /* open the recovery file's content instead of the draft */
};

/* Whether the store holds a draft for campaign year and this RPPS (last year's, to offer carrying
 * it over). */
bool session_draft_exists(session *s, int year, const char *rpps);
/* A new draft for campaign year and this RPPS: carried over from last year's declaration when
 * there is one and empty is false (rep then says what was carried and what to check), else
 * empty. Saved at once. NULL with r saying why. */
session_doc *session_create(session *s, int year, const char *rpps, bool empty, carry_report *rep,
                            session_report *r, diag_list *d);
/* The draft named name (YEAR-RPPS). Writable with its lock, or read-only (r says why: held by
 * another program, campaign closed). NULL when it cannot be read (reasons in d). */
session_doc *session_open(session *s, const char *name, unsigned flags, session_report *r,
                          diag_list *d);
/* A draft file given by path, brought into the store under its campaign and RPPS (saved there,
 * the previous draft kept as backup). NULL when it cannot be read or stored. */
session_doc *session_import(session *s, const char *path, session_report *r, diag_list *d);
/* The name a command-line argument designates: a draft name as it is, or a draft file's
 * campaign and RPPS (the file is read for that). False with the reasons in d. */
bool session_resolve(session *s, const char *arg, char name[STORE_NAME_MAX], diag_list *d);
/* Releases the draft's lock and frees the document, the front end's state (front) with it. */
void session_close(session_doc *doc);
/* Whether the document's campaign rules could be loaded: SESSION_OK, or SESSION_NO_RULES with the
 * reasons added to d. What shows a declaration by its rules (the wizard) refuses it without them.
 */
session_outcome session_need_rules(session_doc *doc, session_report *r, diag_list *d);

/* The declaration judged as it is now (judged again only after a change). NULL when its rules
 * are missing or memory runs out. */
const eval_result *session_judge(session_doc *doc);
bool session_unsaved(const session_doc *doc);
/* Leaves the declaration without saving: the autosaved work of this opening is deleted, the saved
 * draft stays as it was. */
bool session_abandon(session_doc *doc, diag_list *d);
bool session_save(session_doc *doc, diag_list *d);
/* Autosave: call session_changed after every change, session_tick on every pass of the loop
 * (times in milliseconds of a monotonic clock). session_tick returns true when it wrote the
 * recovery file; *failed is set when that failed (reasons in d). */
void session_changed(session_doc *doc, long now_ms);
bool session_tick(session_doc *doc, long now_ms, bool *failed, diag_list *d);

/* What session_transmit would answer now, without transmitting (r says why not). The typing
 * (SESSION_TYPING_PENDING) is the last thing checked: any other refusal comes first. */
session_outcome session_transmit_check(session_doc *doc, session_report *r);
/* A transmitted version of the draft as saved. *version and *info describe it when done. */
session_outcome session_transmit(session_doc *doc, int *version, store_version *info,
                                 session_report *r, diag_list *d);

/* What a recap is made of: a draft name, a draft file, or a finalised version "ANNÉE-RPPS/vN" (as
 * last year's recap can be downloaded again). The declaration read (to free) and where it stands in
 * *origin (for a stored draft, its last version and whether it is still that version's text);
 * NULL with the reasons in d. */
decl_t *session_load_any(session *s, const char *arg, recap_origin *origin, diag_list *d);
/* Where the stored draft name stands against its versions, into origin's draft fields. False
 * (diagnosed) when its history or the draft cannot be read. */
bool session_draft_origin(session *s, const char *name, recap_origin *origin, diag_list *d);

/* Where the open declaration stands against its versions, into origin: a version it is still the
 * text of (as saved, nothing changed since), or a draft, changed since its last version (unsaved
 * changes count) or with none. False (diagnosed) when its history or the draft cannot be read. */
bool session_doc_origin(session_doc *doc, recap_origin *origin, diag_list *d);

/* ---- recording that a version was declared ------------------------------------------------- */

/* Records that the draft's last finalised version was declared by route on *on (NULL: the day of
 * the session), in the store beside the versions, under the draft's lock (taken for the time of
 * the write when the document is read-only because its campaign is closed: a late paper form is
 * still recorded). Refused: no version finalised (SESSION_NOT_FINALISED), a date to come
 * (SESSION_DATE_FUTURE), before the version was finalised (SESSION_DATE_BEFORE_VERSION), on
 * Amelipro after the published closing date (SESSION_AFTER_CLOSE); a paper form sent after the
 * closing, or on Amelipro after a closing that is only inferred, is recorded with a warning added
 * to warnings. A record for the same version replaces the earlier one. *rec says what was
 * recorded. */
session_outcome session_record_declared(session_doc *doc, store_route route, const date_t *on,
                                        store_declared *rec, diag_list *warnings, session_report *r,
                                        diag_list *d);
/* Removes the last record (a wrong one): SESSION_NOTHING_DECLARED when there is none; *removed
 * says which it was. */
session_outcome session_undo_declared(session_doc *doc, store_declared *removed, session_report *r,
                                      diag_list *d);
/* The open declaration's state in session_state_words' words (its last record that a version was
 * declared, against its versions and the changes since, saved or not); *declared says whether
 * there is such a record (into *last when last is not NULL). Returns buf. */
const char *session_doc_state_words(session_doc *doc, bool *declared, store_declared *last,
                                    char *buf, size_t size);
/* The records of draft name, oldest first (store_declared_list). */
bool session_declared_list(session *s, const char *name, store_declared **out, size_t *n,
                           diag_list *d);

/* ---- by name, without opening ------------------------------------------------------------ */

/* store_history: false (diagnosed) when the history cannot be listed. */
bool session_history(session *s, const char *name, store_version **out, size_t *n, diag_list *d);
/* Puts the backup back as the draft. */
session_outcome session_restore(session *s, const char *name, session_report *r, diag_list *d);
/* Corrects the RPPS of the draft name: the draft becomes YEAR-rpps (new_name), with its backup,
 * its recovery file and its finalised versions, whole or not at all (store_rename), and the RPPS
 * written in it is rpps. Versions already finalised keep their text and fingerprint (made under
 * the old number); the next one is made under the new. A closed campaign's draft can be corrected
 * too: nothing is finalised by it. Refused, nothing changed: rpps not 11 digits or the same
 * (SESSION_BAD_RPPS), no such draft (SESSION_NOT_FOUND), a draft or versions under the new name
 * already (SESSION_EXISTS, r->name the new name), either name open in another program
 * (SESSION_HELD). new_name is not name's buffer. */
session_outcome session_rename(session *s, const char *name, const char *rpps,
                               char new_name[STORE_NAME_MAX], session_report *r, diag_list *d);
/* The RPPS finalised version number of name was made under (it differs from the name's after a
 * corrected RPPS); false when the version cannot be read intact. */
bool session_version_rpps(session *s, const char *name, int number, char rpps[12]);
/* ---- the trash ------------------------------------------------------------------------------ */

/* Moves the draft name, with its backup, recovery file and versions, into the store's trash (the
 * entry id, named after the time it was deleted); nothing is unlinked. Refused: no such draft
 * (SESSION_NOT_FOUND), open in another program (SESSION_HELD). */
session_outcome session_delete(session *s, const char *name, char id[STORE_TRASH_ID_MAX],
                               session_report *r, diag_list *d);

typedef struct {
    store_trash_item item; /* id, draft name, when deleted, versions */
    char who[160];         /* "MARTIN Claire", as written in the draft (may be empty) */
} session_trash_entry;

/* The trash's entries, oldest first: *n of them in *out (malloc'ed). False (diagnosed) when the
 * trash cannot be listed to the end. */
bool session_trash(session *s, session_trash_entry **out, size_t *n, diag_list *d);
/* Puts the trash entry id back as its draft (its name into name). Refused: no such entry
 * (SESSION_NOT_FOUND), a draft or versions of that name in the store again (SESSION_EXISTS), the
 * name open in another program (SESSION_HELD). */
session_outcome session_undelete(session *s, const char *id, char name[STORE_NAME_MAX],
                                 session_report *r, diag_list *d);
/* Removes every entry of the trash for good; how many into *removed. */
session_outcome session_trash_empty(session *s, size_t *removed, session_report *r, diag_list *d);

/* Saves the recovery file's content as the draft (or discards it). */
session_outcome session_recover(session *s, const char *name, bool discard, session_report *r,
                                diag_list *d);

/* Writes the declaration's recap (or paper form) as PDF into the user's home folder
 * (recapitulatif-ANNÉE-RPPS.pdf, formulaire-ANNÉE-RPPS.pdf), replacing an earlier one whole; its
 * path goes to path. False with the reason in d. */
bool session_write_pdf(session_doc *doc, recap_pdf_kind kind, char *path, size_t size,
                       diag_list *d);
/* The « à reporter sur Amelipro » sheet of the open declaration as it is now, as text
 * (sheet_render_text, malloc'ed); NULL with the reason in d. */
char *session_sheet_text(session_doc *doc, diag_list *d);
/* Writes that sheet as PDF beside the recap's, a-reporter-sur-amelipro-ANNÉE-RPPS-vN.pdf (or
 * -brouillon.pdf for a draft), by the same rules as session_write_pdf. */
bool session_write_sheet_pdf(session_doc *doc, char *path, size_t size, diag_list *d);

#endif
