/* decl: one physician's declaration for one campaign, as the draft file holds it, and the editing
 * API every front end changes it through.
 *
 * The file format (libconfig, documented key by key in docs/draft-format.md) is a public
 * interface: other programs write and read it. Everything a decl_t points to is owned by its
 * arena. Reading never judges the answers against a campaign: that is eval's job.
 *
 * Editing: the setters below copy the strings they are given, check each value exactly as the
 * draft reader does (same limits, same French messages) and refuse a bad value without changing
 * anything, adding the reason to err. An answer handed out by decl_answer_get never moves: a front
 * end may keep the pointer as long as the declaration lives. Every change that is kept adds one to
 * `changes`, which an autosaver can watch. */
#ifndef FSDECL_DECL_H
#define FSDECL_DECL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fsdecl/arena.h"
#include "fsdecl/date.h"
#include "fsdecl/diag.h"
#include "fsdecl/vocab.h"

enum { DECL_FORMAT = 1 };

/* The two commitments of the attestation sur l'honneur, in the official wording. */
#define DECL_COMMITMENT_ACCURACY "Je certifie l'exactitude des informations saisies"
#define DECL_COMMITMENT_KEEP_PROOFS                                                                \
    "Je m'engage à tenir à disposition de l'Assurance Maladie les documents justificatifs si "   \
    "nécessaire"

/* An answer: X(CONSTANT, "id in the file", "French"). DECL_UNSET is never written. */
#define DECL_YESNOS(X)                                                                             \
    X(DECL_UNSET, NULL, "sans réponse")                                                            \
    X(DECL_YES, "yes", "oui")                                                                      \
    X(DECL_NO, "no", "non")
typedef enum { DECL_YESNOS(VOCAB_ENUM) } decl_yesno;
enum { DECL_YESNO_COUNT = 0 DECL_YESNOS(VOCAB_COUNT) };

/* Where a proof stands. */
#define DECL_PROOF_STATES(X)                                                                       \
    X(DECL_PROOF_TO_SEND, "to_send", "à envoyer")                                                  \
    X(DECL_PROOF_SENT, "sent", "envoyé")                                                           \
    X(DECL_PROOF_VALIDATED, "validated", "validé par la CPAM")
typedef enum { DECL_PROOF_STATES(VOCAB_ENUM) } decl_proof_state;
enum { DECL_PROOF_STATE_COUNT = 0 DECL_PROOF_STATES(VOCAB_COUNT) };

/* The identity fields: X(CONSTANT, member and key, "French label", multiline). */
/* X(constant, member, label, multiline, identifier kind checked by ident.h or NULL, help or NULL:
 * an identifier's help is ident_help's, beside its checks) */
#define DECL_IDENTITY_FIELDS(X)                                                                      \
    X(DECL_ID_LAST_NAME, last_name, "Nom", false, NULL,                                              \
      "Votre nom d'exercice, tel qu'il figure sur votre carte CPS.")                                 \
    X(DECL_ID_FIRST_NAME, first_name, "Prénom", false, NULL,                                         \
      "Votre prénom, tel qu'il figure sur votre carte CPS.")                                         \
    X(DECL_ID_RPPS, rpps, "N° RPPS", false, "RPPS", NULL)                                            \
    X(DECL_ID_AM_NUMBER, am_number, "N° AM du cabinet", false, "N° AM", NULL)                        \
    X(DECL_ID_SPECIALTY, specialty, "Spécialité", false, NULL,                                       \
      "Votre spécialité d'exercice, choisie dans la liste de la campagne. Selon la campagne, "     \
      "certaines spécialités sont exonérées du logiciel d'aide à la prescription (LAP) certifié.")   \
    X(DECL_ID_ADDRESS, address, "Adresse du cabinet", true, NULL,                                    \
      "L'adresse du cabinet que cette déclaration concerne, celui du N° AM.")                        \
    X(DECL_ID_CAISSE, caisse, "Caisse de rattachement", false, NULL,                                 \
      "La caisse d'assurance maladie dont dépend le cabinet, par exemple « CPAM de Paris ».")        \
    X(DECL_ID_ESTABLISHMENT, establishment, "Établissement (DPI)", false, NULL,                      \
      "Si votre logiciel est le dossier patient informatisé (DPI) d'un établissement de santé : " \
      "le nom de cet établissement.")                                                                \
    X(DECL_ID_FINESS, finess, "N° FINESS de l'établissement", false, "FINESS", NULL)
#define DECL_ID_ENUM(constant, member, fr, multiline, ident, help) constant,
typedef enum { DECL_IDENTITY_FIELDS(DECL_ID_ENUM) DECL_ID_COUNT } decl_identity_field;
#undef DECL_ID_ENUM

/* The software's text fields: X(CONSTANT, member and key, "French label"). */
#define DECL_SOFTWARE_FIELDS(X)                                                                    \
    X(DECL_SW_EDITOR, editor, "Éditeur")                                                           \
    X(DECL_SW_NAME, name, "Logiciel")                                                              \
    X(DECL_SW_VERSION, version, "Version")
#define DECL_SW_ENUM(constant, member, fr) constant,
typedef enum { DECL_SOFTWARE_FIELDS(DECL_SW_ENUM) DECL_SW_COUNT } decl_software_field;
#undef DECL_SW_ENUM

extern const vocab_t decl_yesno_vocab, decl_proof_state_vocab;

typedef struct {
    const char *id; /* the document's id in the rules (segur, lap, lap_process, dpi) */
    decl_proof_state state;
    bool has_date;
    date_t date; /* sent on / validated by the caisse on */
} decl_proof;

typedef struct {
    const char *name, *level; /* level: "interne niveau 1", "externe" ... */
    bool has_from, has_to;
    date_t from, to;
} decl_student;

typedef struct {
    const char *id;
    decl_yesno value;
} decl_part;

typedef struct {
    const char *id;
    int64_t numerator, denominator;
} decl_component;

typedef struct {
    const char *indicator;
    decl_yesno value;
    bool prefilled; /* the CNAM pre-filled this answer */
    struct {
        const char *editor, *name, *version;
        bool has_acquired;
        date_t acquired;
        bool hospital_dpi; /* the establishment's patient record (DPI) */
    } software;
    struct {
        const char *name;
        bool has_certified;
        date_t certified;
        bool provisional; /* provisional certification, or an old référentiel */
        bool has_process_started;
        date_t process_started;
    } lap;
    const char **choices; /* list entry ids */
    size_t nchoices;
    const char *other; /* a free answer, where the rules allow one */
    decl_student *students;
    size_t nstudents;
    bool has_ratio; /* the doctor's own counts, for a computed ratio */
    int64_t numerator, denominator;
    bool has_count;
    int64_t count;
    decl_part *parts;
    size_t nparts;
    decl_component *components;
    size_t ncomponents;
    decl_proof *proofs;
    size_t nproofs;
    const char *comment;
    int line;
} decl_answer;

/* What was typed in a front end's field and not given to the declaration yet: a value refused
 * (kept beside its reason) or one still being typed when the work was autosaved. It is kept with
 * the declaration, so that neither a refused value nor a crash loses what was typed, and is never
 * judged. field is the front end's own name for the field (DECL_TYPING_FIELD_CHARS, at most
 * DECL_TYPING_FIELD_MAX bytes), text the text as typed (one line, at most DECL_TYPING_TEXT_MAX
 * bytes). */
typedef struct {
    const char *field, *text;
} decl_typing;
enum { DECL_MAX_TYPING = 64, DECL_TYPING_FIELD_MAX = 96, DECL_TYPING_TEXT_MAX = 4096 };
#define DECL_TYPING_FIELD_CHARS "abcdefghijklmnopqrstuvwxyz0123456789_:/-"

typedef struct {
    arena_t *arena;
    const char *path;
    int format;
    const char *writer; /* fsdecl version that wrote it */
    int campaign;       /* reference year */
    struct {
        const char *last_name, *first_name, *rpps, *am_number, *specialty, *address, *caisse;
        const char *establishment, *finess; /* hospital practitioner using a DPI */
    } identity;
    bool first_year; /* first year of declaring */
    /* The user confirmed that the RPPS is right although its key is wrong (a wrong key blocks a
     * version otherwise); dropped when the RPPS changes. */
    bool rpps_confirmed;
    decl_answer **answers; /* each answer allocated once: it never moves */
    size_t nanswers, capanswers;
    struct {
        bool accuracy;    /* DECL_COMMITMENT_ACCURACY */
        bool keep_proofs; /* DECL_COMMITMENT_KEEP_PROOFS */
        bool has_date;
        date_t date;
    } attestation;
    decl_typing *typing; /* what was typed and not given yet (decl_set_typing) */
    size_t ntyping;
    uint64_t changes; /* one more for every change kept by a setter */
    /* The finalised version whose text this is, set by the session (0: none): the commitments
     * certified that version, so the first change kept by a setter other than the commitments'
     * unticks them and moves the number to `recommit`. Never read nor written in the file. */
    int certified;
    int recommit; /* the version changed since, whose commitments a change unticked, until both
                   * are ticked again; 0: none */
    uint64_t typing_print; /* a fingerprint of the typing kept, whatever its order; 0: none */
} decl_t;

/* An empty declaration, with its own arena. */
decl_t *decl_new(void);
void decl_free(decl_t *d);
/* Reads a draft file. NULL with diagnostics ("file:line: message") on any problem. */
decl_t *decl_load(const char *path, diag_list *diag);
/* Reads a declaration from text in memory (display names it in messages). */
decl_t *decl_parse(const char *text, size_t len, const char *display, diag_list *diag);

/* The declaration as draft text (format DECL_FORMAT), every field that is set, in a stable order:
 * reading it back gives the same declaration. writer names the program writing it. The text is
 * malloc'ed; NULL when memory runs out. */
char *decl_write(const decl_t *d, const char *writer, size_t *len);

const decl_answer *decl_find_answer(const decl_t *d, const char *indicator);
const decl_proof *decl_find_proof(const decl_answer *a, const char *id);
decl_yesno decl_find_part(const decl_answer *a, const char *id);
const decl_component *decl_find_component(const decl_answer *a, const char *id);
bool decl_has_choice(const decl_answer *a, const char *id);

/* Confirms (or not) that the RPPS is right although its check key is wrong: a version can then be
 * finalised with it. Counted as a change, but not one of the declaration's answers: the
 * commitments stay ticked. decl_set_identity drops it when the RPPS changes. */
void decl_set_rpps_confirmed(decl_t *d, bool confirmed);

/* The identity fields by table: value (NULL when not given), key and French label. */
const char *decl_identity(const decl_t *d, decl_identity_field f);
const char *decl_identity_key(decl_identity_field f);
const char *decl_identity_fr(decl_identity_field f);
/* The identifier kind ident.h checks the field as ("RPPS", "N° AM", "FINESS"), or NULL. */
const char *decl_identity_ident(decl_identity_field f);
/* What the field asks for, in French: for an identifier, ident_help's (what it is, where to find
 * it, its format). Never NULL. */
const char *decl_identity_help(decl_identity_field f);
const char *decl_software(const decl_answer *a, decl_software_field f);
const char *decl_software_key(decl_software_field f);
const char *decl_software_fr(decl_software_field f);

/* ---- editing: every setter adds its refusal to err (which may be NULL) ---------------------- */

/* value NULL or "" clears the field. */
bool decl_set_identity(decl_t *d, decl_identity_field f, const char *value, diag_list *err);
bool decl_set_campaign(decl_t *d, int year, diag_list *err);
void decl_set_first_year(decl_t *d, bool first_year);
/* Replaces the typing kept (n entries, each field named once): false, changing nothing, when an
 * entry is refused. The same typing as before, in any order, changes nothing.
 * Typing never counts in `changes`, which only what is judged moves. */
bool decl_set_typing(decl_t *d, const decl_typing *t, size_t n, diag_list *err);
/* Whether one entry would be kept (its field's name and its text); the reason in err. */
bool decl_typing_check(const decl_typing *t, diag_list *err);
/* The commitments of the attestation sur l'honneur; date NULL: undated. */
bool decl_set_commitments(decl_t *d, bool accuracy, bool keep_proofs, const date_t *date,
                          diag_list *err);

/* The answer to indicator, created empty when there is none yet. Never moves once handed out.
 * NULL when indicator is not a valid id, or memory runs out. */
decl_answer *decl_answer_get(decl_t *d, const char *indicator, diag_list *err);
/* Forgets everything answered to a (it stays in place, empty). */
void decl_answer_clear(decl_t *d, decl_answer *a);

void decl_set_value(decl_t *d, decl_answer *a, decl_yesno v);
void decl_set_prefilled(decl_t *d, decl_answer *a, bool prefilled);
bool decl_set_software(decl_t *d, decl_answer *a, decl_software_field f, const char *value,
                       diag_list *err);
bool decl_set_software_acquired(decl_t *d, decl_answer *a, const date_t *date, diag_list *err);
void decl_set_hospital_dpi(decl_t *d, decl_answer *a, bool dpi);
bool decl_set_lap_name(decl_t *d, decl_answer *a, const char *value, diag_list *err);
bool decl_set_lap_certified(decl_t *d, decl_answer *a, const date_t *date, diag_list *err);
void decl_set_lap_provisional(decl_t *d, decl_answer *a, bool provisional);
bool decl_set_lap_process_started(decl_t *d, decl_answer *a, const date_t *date, diag_list *err);
/* Choices from a list, by entry id; adding one already there, or removing one that is not,
 * changes nothing and is not an error. */
bool decl_add_choice(decl_t *d, decl_answer *a, const char *id, diag_list *err);
bool decl_remove_choice(decl_t *d, decl_answer *a, const char *id);
bool decl_set_other(decl_t *d, decl_answer *a, const char *value, diag_list *err);
bool decl_set_comment(decl_t *d, decl_answer *a, const char *value, diag_list *err);
/* The doctor's own counts: has false clears them. */
bool decl_set_ratio(decl_t *d, decl_answer *a, bool has, int64_t numerator, int64_t denominator,
                    diag_list *err);
bool decl_set_count(decl_t *d, decl_answer *a, bool has, int64_t count, diag_list *err);
/* A part of an all_of criterion (DECL_UNSET removes it) and a component of an average. */
bool decl_set_part(decl_t *d, decl_answer *a, const char *id, decl_yesno v, diag_list *err);
bool decl_set_component(decl_t *d, decl_answer *a, const char *id, bool has, int64_t numerator,
                        int64_t denominator, diag_list *err);
/* A proof and its state; a date is required unless it is still to send (date NULL). */
bool decl_set_proof(decl_t *d, decl_answer *a, const char *id, decl_proof_state state,
                    const date_t *date, diag_list *err);
bool decl_remove_proof(decl_t *d, decl_answer *a, const char *id);
/* Students hosted (maître de stage): index i, or appended with decl_add_student. */
bool decl_add_student(decl_t *d, decl_answer *a, const decl_student *s, diag_list *err);
bool decl_set_student(decl_t *d, decl_answer *a, size_t i, const decl_student *s, diag_list *err);
bool decl_remove_student(decl_t *d, decl_answer *a, size_t i);

/* ---- what a person's entry means: every front end's edits go through these -------------------
 *
 * The setters above keep exactly what they are given (reading a file, carrying an answer over).
 * A person ticking a box or typing a value means more than its own field, the same in every front
 * end (the wizard, the caisse agent's keying screens): these functions write that meaning once.
 * today is the day the session works at (session_today). Each refuses a bad value without
 * changing anything, adding the reason to err (which may be NULL). */

/* Ticks (on) or unticks the list entry id. Ticking an entry answers yes; in an exclusive choice
 * (one answer only) it also unticks every entry ticked before and clears the free answer
 * (« autre »). Unticking changes nothing else. */
bool decl_enter_choice(decl_t *d, decl_answer *a, const char *id, bool on, bool exclusive,
                       diag_list *err);
/* The free answer (« autre »): text there answers yes, when nothing was answered yet (a « non »
 * stays), and in an exclusive choice unticks the entries ticked before. value NULL or "" clears it
 * and leaves the answer as it is. */
bool decl_enter_other(decl_t *d, decl_answer *a, const char *value, bool exclusive, diag_list *err);
/* Whether a person filling in the declaration may give state to a proof now p (NULL: none yet):
 * « à envoyer » and « envoyé » always; « validé par la CPAM » is the caisse's word, never the
 * doctor's, and is offered only to a proof a draft already says is validated (shown as it is). */
bool decl_enter_proof_state_offered(const decl_proof *p, decl_proof_state state);
/* A proof's state: « à envoyer » drops its date; « envoyé » or « validé » keeps the date given
 * before, or takes today's. A state not offered (above) is refused, the proof unchanged. */
bool decl_enter_proof_state(decl_t *d, decl_answer *a, const char *id, decl_proof_state state,
                            date_t today, diag_list *err);
/* A proof's date: a date means the proof was sent (a proof validated by the caisse stays
 * validated, on that date); no date (NULL) means it is still to send. */
bool decl_enter_proof_date(decl_t *d, decl_answer *a, const char *id, const date_t *date,
                           diag_list *err);
/* The commitments of the attestation sur l'honneur as ticked: dated today when one at least is
 * ticked, undated when none is. */
bool decl_enter_commitments(decl_t *d, bool accuracy, bool keep_proofs, date_t today,
                            diag_list *err);

#endif
