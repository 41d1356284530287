/* eval: judges a declaration against its campaign's rules: each indicator's status, the points
 * and euros (a range while computed indicators are unknown, or where two readings of the texts
 * differ), what is missing and what it is worth, and messages that say what to do. Pure
 * computation: no I/O. */
#ifndef FSDECL_EVAL_H
#define FSDECL_EVAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fsdecl/date.h"
#include "fsdecl/decl.h"
#include "fsdecl/rules.h"
#include "fsdecl/vocab.h"

/* How an indicator stands: X(CONSTANT, "id in JSON and test cases", "French label"). */
#define EVAL_STATUSES(X)                                                                           \
    X(EVAL_MET, "met", "atteint")                                                                  \
    X(EVAL_NOT_MET, "not_met", "non atteint")                                                      \
    X(EVAL_INCOMPLETE, "incomplete", "incomplet") /* unanswered, or details missing */             \
    X(EVAL_WAITING_PROOF, "waiting_proof", "justificatif attendu") /* a required proof not sent */ \
    X(EVAL_EXEMPT, "exempt", "neutralisé (payé)") /* paid whatever the answer (neutralised) */     \
    X(EVAL_ESTIMATED_MET, "estimated_met", "estimé atteint") /* computed; own counts say met */    \
    X(EVAL_ESTIMATED_NOT_MET, "estimated_not_met", "estimé non atteint")                           \
    X(EVAL_UNKNOWN, "unknown", "inconnu")              /* computed by the CNAM, no count given */  \
    X(EVAL_AMBIGUOUS, "ambiguous", "selon la lecture") /* met by one reading of the texts only */
typedef enum { EVAL_STATUSES(VOCAB_ENUM) } eval_status;
enum { EVAL_STATUS_COUNT = 0 EVAL_STATUSES(VOCAB_COUNT) };

#define EVAL_SEVERITIES(X)                                                                         \
    X(EVAL_BLOCKING, "blocking", "bloquant")                                                       \
    X(EVAL_WARNING, "warning", "avertissement")                                                    \
    X(EVAL_INFO, "info", "information")
typedef enum { EVAL_SEVERITIES(VOCAB_ENUM) } eval_severity;
enum { EVAL_SEVERITY_COUNT = 0 EVAL_SEVERITIES(VOCAB_COUNT) };

/* Every message the evaluation can give: X(CONSTANT, "stable id", usual severity, "what it means,
 * in French"). A few are given at a lower severity where the rules say so (the figure behind them
 * is inferred, or the indicator counts without its proof); eval.c marks those. */
#define EVAL_MESSAGES(X)                                                                             \
    X(EVAL_MSG_CAMPAIGN_MISMATCH, "campaign.mismatch", EVAL_BLOCKING,                                \
      "la déclaration est jugée avec les règles d'une autre campagne")                               \
    X(EVAL_MSG_IDENTITY_MISSING, "identity.missing", EVAL_BLOCKING,                                  \
      "un champ obligatoire de l'identité manque")                                                   \
    X(EVAL_MSG_IDENTITY_RPPS, "identity.rpps", EVAL_BLOCKING,                                        \
      "le numéro RPPS est erroné (ou sa clé, inhabituelle, n'est pas confirmée)")                    \
    X(EVAL_MSG_IDENTITY_AM_NUMBER, "identity.am_number", EVAL_WARNING,                               \
      "le N° AM du cabinet semble erroné")                                                           \
    X(EVAL_MSG_IDENTITY_FINESS, "identity.finess", EVAL_WARNING, "le numéro FINESS semble erroné")   \
    X(EVAL_MSG_IDENTITY_SPECIALTY, "identity.specialty", EVAL_BLOCKING,                              \
      "la spécialité n'est pas dans la liste")                                                       \
    X(EVAL_MSG_IDENTITY_ESTABLISHMENT, "identity.establishment", EVAL_BLOCKING,                      \
      "l'établissement et son FINESS manquent pour un DPI")                                          \
    X(EVAL_MSG_ANSWER_UNKNOWN_INDICATOR, "answer.unknown_indicator", EVAL_WARNING,                   \
      "une réponse ne correspond à aucun indicateur de la campagne")                                 \
    X(EVAL_MSG_ANSWER_MISSING, "answer.missing", EVAL_BLOCKING, "une question est sans réponse")     \
    X(EVAL_MSG_CHOICE_SINGLE, "choice.single", EVAL_BLOCKING,                                        \
      "plusieurs réponses là où une seule est attendue")                                             \
    X(EVAL_MSG_CHOICE_UNKNOWN, "choice.unknown", EVAL_BLOCKING, "une réponse hors de la liste")      \
    X(EVAL_MSG_CHOICE_REFUSED, "choice.refused", EVAL_WARNING,                                       \
      "une réponse que le guide refuse (avec sa raison)")                                            \
    X(EVAL_MSG_CHOICE_EXCLUDED, "choice.excluded", EVAL_WARNING,                                     \
      "une réponse déjà déclarée pour un autre indicateur")                                          \
    X(EVAL_MSG_CHOICE_OTHER_NOT_ALLOWED, "choice.other_not_allowed", EVAL_BLOCKING,                  \
      "une réponse libre là où il faut choisir dans la liste")                                       \
    X(EVAL_MSG_SOFTWARE_DETAILS, "software.details", EVAL_BLOCKING,                                  \
      "l'éditeur ou le nom du logiciel manque")                                                      \
    X(EVAL_MSG_POSTPONEMENT_INFERRED, "deadline.postponement_inferred", EVAL_WARNING,                \
      "équipement compté grâce à un report dont le rattachement à l'indicateur est déduit")          \
    X(EVAL_MSG_SOFTWARE_ACQUIRED_AFTER, "software.acquired_after", EVAL_BLOCKING,                    \
      "le logiciel a été acquis après la date où il doit être détenu")                               \
    X(EVAL_MSG_LAP_EXEMPT, "lap.exempt", EVAL_INFO, "la spécialité est exonérée du LAP")             \
    X(EVAL_MSG_LAP_DETAILS, "lap.details", EVAL_BLOCKING,                                            \
      "le nom du LAP ou sa date de certification manque")                                            \
    X(EVAL_MSG_LAP_CERTIFIED_AFTER, "lap.certified_after", EVAL_BLOCKING,                            \
      "le LAP a été certifié trop tard")                                                             \
    X(EVAL_MSG_LAP_PROCESS_DATE, "lap.process_date", EVAL_BLOCKING,                                  \
      "la date de la démarche de certification du LAP manque")                                       \
    X(EVAL_MSG_LAP_PROCESS_LATE, "lap.process_late", EVAL_BLOCKING,                                  \
      "la démarche de certification du LAP a été engagée trop tard")                                 \
    X(EVAL_MSG_PROOF_REQUIRED, "proof.required", EVAL_BLOCKING, "un justificatif est à envoyer")     \
    X(EVAL_MSG_PROOF_VALIDATED_BEFORE, "proof.validated_before", EVAL_INFO,                          \
      "un justificatif validé lors d'une campagne précédente vaut encore, l'équipement n'a pas " \
      "changé")                                                                                      \
    X(EVAL_MSG_DATE_FUTURE, "date.future", EVAL_WARNING, "une date est après aujourd'hui")           \
    X(EVAL_MSG_CONDITION_NOT_MET, "condition.not_met", EVAL_WARNING,                                 \
      "une des conditions d'un indicateur n'est pas remplie")                                        \
    X(EVAL_MSG_COUNTS_INCONSISTENT, "counts.inconsistent", EVAL_BLOCKING,                            \
      "le numérateur dépasse le dénominateur")                                                       \
    X(EVAL_MSG_COUNTS_ZERO, "counts.zero", EVAL_INFO, "aucun acte au dénominateur")                  \
    X(EVAL_MSG_INDICATOR_NOTE, "indicator.note", EVAL_INFO,                                          \
      "ce que les règles disent d'un indicateur non atteint quand d'autres sont payés")              \
    X(EVAL_MSG_INDICATOR_NEUTRALISED, "indicator.neutralised", EVAL_INFO,                            \
      "l'indicateur est payé quelle que soit la réponse pour cette spécialité")                      \
    X(EVAL_MSG_KEEP_REMINDER, "keep.reminder", EVAL_INFO, "ce qu'il faut garder pour un contrôle")   \
    X(EVAL_MSG_STUDENTS_DATES, "students.dates", EVAL_WARNING,                                       \
      "les dates d'un stage ne tombent pas dans l'année")                                            \
    X(EVAL_MSG_VOLET_GATED, "volet.gated", EVAL_WARNING,                                             \
      "un volet n'est pas payé tant qu'un autre n'est pas atteint")                                  \
    X(EVAL_MSG_ESTIMATE_UNKNOWN, "estimate.unknown", EVAL_INFO,                                      \
      "des indicateurs calculés par la CNAM sont inconnus : le total est une fourchette")            \
    X(EVAL_MSG_CRITERION_AMBIGUOUS, "criterion.ambiguous", EVAL_WARNING,                             \
      "les textes permettent deux lectures d'un critère, qui donnent des résultats différents : " \
      "les points sont une fourchette")                                                              \
    X(EVAL_MSG_DEADLINE_UPCOMING, "deadline.upcoming", EVAL_INFO, "une échéance approche")           \
    X(EVAL_MSG_DEADLINE_PASSED, "deadline.passed", EVAL_WARNING, "une échéance est passée")          \
    X(EVAL_MSG_WINDOW_NOT_OPEN, "window.not_open", EVAL_WARNING,                                     \
      "la période de saisie n'est pas encore ouverte")                                               \
    X(EVAL_MSG_WINDOW_CLOSED, "window.closed", EVAL_BLOCKING, "la période de saisie est close")      \
    X(EVAL_MSG_WINDOW_CLOSE_INFERRED, "window.close_inferred", EVAL_INFO,                            \
      "la date de clôture n'est pas publiée : celle des règles est déduite")                         \
    X(EVAL_MSG_WINDOW_CLOSE_UNKNOWN, "window.close_unknown", EVAL_INFO,                              \
      "la date de clôture n'est pas encore connue")                                                  \
    X(EVAL_MSG_ATTESTATION_MISSING, "attestation.missing", EVAL_BLOCKING,                            \
      "les engagements de l'attestation sur l'honneur ne sont pas cochés")                           \
    X(EVAL_MSG_EVAL_INCOMPLETE, "eval.incomplete", EVAL_BLOCKING,                                    \
      "le jugement n'a pas pu être mené à son terme (mémoire épuisée)")
#define EVAL_MSG_ENUM(constant, id, severity, fr) constant,
typedef enum { EVAL_MESSAGES(EVAL_MSG_ENUM) } eval_msg;
#undef EVAL_MSG_ENUM
#define EVAL_MSG_COUNT_ONE(constant, id, severity, fr) +1
enum { EVAL_MSG_COUNT = 0 EVAL_MESSAGES(EVAL_MSG_COUNT_ONE) };
#undef EVAL_MSG_COUNT_ONE

extern const vocab_t eval_status_vocab, eval_severity_vocab, eval_missing_kind_vocab;

/* A message's stable id, usual severity and French meaning. */
const char *eval_msg_id(eval_msg m);
eval_severity eval_msg_severity(eval_msg m);
const char *eval_msg_fr(eval_msg m);

/* Where the declaration window stands on the day of the evaluation. */
typedef enum {
    EVAL_WINDOW_OPEN,
    EVAL_WINDOW_NOT_OPEN,        /* opens later, on a firm date */
    EVAL_WINDOW_NOT_OPEN_APPROX, /* opens later, on an approximate date: transmission allowed */
    EVAL_WINDOW_CLOSED,
} eval_window;

typedef struct {
    eval_msg code;
    const char *id; /* its stable id: "proof.required", "lap.exempt" ... */
    eval_severity severity;
    const char *indicator; /* NULL for the whole declaration */
    char *text;            /* French, says what to do */
} eval_message;

typedef struct {
    const rules_indicator *ind;
    eval_status status;
    int64_t min_tenths, max_tenths; /* what it pays in its volet (volet 2: its points) */
} eval_indicator;

typedef struct {
    int64_t min_tenths, max_tenths; /* after the all-or-nothing rule and the gate */
} eval_volet;

/* A proof the declaration owes: the rules' document, what the declaration says of it (NULL: not
 * mentioned, as good as to send), and whether the indicator counts only once it is sent. */
typedef struct {
    const rules_indicator *ind;
    const rules_document *doc;
    const decl_proof *given;
    bool blocking;
    bool to_send; /* still to send: not sent, or validated before for equipment changed since */
    bool holds;   /* to send, and the indicator counts only once it is sent */
} eval_proof;

/* What stops a complete declaration: X(CONSTANT, "id", "French label"). */
#define EVAL_MISSING_KINDS(X)                                                                      \
    X(EVAL_MISSING_INDICATOR, "indicator", "indicateur")     /* not met, or not answered */        \
    X(EVAL_MISSING_PROOF, "proof", "justificatif à envoyer") /* a proof owed and not sent */       \
    X(EVAL_MISSING_ATTESTATION, "attestation", "attestation sur l'honneur") /* box unticked */
typedef enum { EVAL_MISSING_KINDS(VOCAB_ENUM) } eval_missing_kind;
enum { EVAL_MISSING_KIND_COUNT = 0 EVAL_MISSING_KINDS(VOCAB_COUNT) };

/* One thing missing and what it is worth:
 * - an indicator: how much more the maximum would be if it were met;
 * - a proof: what its indicator gains once the proof is sent (it replaces the indicator's entry
 *   when the indicator counts only once sent), 0 when the indicator counts without it;
 * - the attestation: the whole maximum, since no version is finalised without it. */
typedef struct {
    eval_missing_kind kind;
    const rules_indicator *ind; /* NULL for the attestation */
    const rules_document *doc;  /* the proof to send (EVAL_MISSING_PROOF), NULL otherwise */
    int64_t gain_cents;
} eval_missing;

typedef struct {
    const rules_campaign *campaign;
    eval_indicator *items; /* in the campaign's order */
    size_t nitems;
    eval_volet *volets;
    int64_t min_tenths, max_tenths, min_cents, max_cents;
    eval_message *messages;
    size_t nmessages, capmessages;
    eval_missing *missing; /* largest gain first; a tie: attestation, indicators, proofs */
    size_t nmissing;
    eval_proof *proofs; /* owed, in the campaign's order */
    size_t nproofs, capproofs;
    size_t nblocking;
    bool incomplete;    /* memory ran out while judging: some of the judgement is missing; then
                         * never transmittable, and eval.incomplete is among the messages */
    bool committed;     /* both commitments of the attestation are ticked */
    eval_window window; /* the declaration window on the day judged */
    bool transmittable; /* committed, window allowing: a (possibly partial) transmission */
} eval_result;

/* today: the date deadlines are judged against. Never NULL but when memory runs out. */
eval_result *eval_declaration(const rules_campaign *c, const decl_t *d, date_t today);
void eval_free(eval_result *r);

const eval_indicator *eval_find(const eval_result *r, const char *indicator);
/* Whether message m was given (about indicator, when not NULL). */
bool eval_has_message(const eval_result *r, eval_msg m, const char *indicator);
/* What a missing entry is, in French, into buf: the indicator's label; « À envoyer : proof
 * (indicator) »; « Attestation sur l'honneur : cochez ses deux engagements ». Returns buf. */
const char *eval_missing_label(const eval_missing *m, char *buf, size_t size);
/* The message whose stable id is id; false when there is none. */
bool eval_msg_parse(const char *id, eval_msg *out);

#endif
