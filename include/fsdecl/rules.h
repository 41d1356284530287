/* rules: one campaign of the forfait structure (or its successors), loaded strictly from a
 * rules file. Everything here is read-only once loaded and owned by the campaign's arena. */
#ifndef FSDECL_RULES_H
#define FSDECL_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fsdecl/arena.h"
#include "fsdecl/date.h"
#include "fsdecl/diag.h"
#include "fsdecl/lists.h"
#include "fsdecl/rules_types.h"
#include "fsdecl/vocab.h"

/* The vocabularies of rules files (see vocab.h): X(CONSTANT, "id in the file", "French label"). */
#define RULES_SCHEMES(X)                                                                           \
    X(RULES_SCHEME_FORFAIT_STRUCTURE, "forfait_structure", "forfait structure")                    \
    X(RULES_SCHEME_DONUM, "donum", "dotation numérique (DONUM)")                                   \
    X(RULES_SCHEME_FAMI, "fami", "forfait d'aide à la modernisation et à l'informatisation")
typedef enum { RULES_SCHEMES(VOCAB_ENUM) } rules_scheme;
enum { RULES_SCHEME_COUNT = 0 RULES_SCHEMES(VOCAB_COUNT) };

#define RULES_STATUSES(X)                                                                          \
    X(RULES_OFFICIAL, "official", "officielle")                                                    \
    X(RULES_PROVISIONAL, "provisional", "provisoire")                                              \
    X(RULES_ARCHIVED, "archived", "archivée")
typedef enum { RULES_STATUSES(VOCAB_ENUM) } rules_status;
enum { RULES_STATUS_COUNT = 0 RULES_STATUSES(VOCAB_COUNT) };

#define RULES_KINDS(X)                                                                             \
    X(RULES_DECLARATIVE, "declarative", "déclaratif")                                              \
    X(RULES_DECLARATIVE_PREFILLED, "declarative_prefilled", "prérempli — à vérifier")              \
    X(RULES_COMPUTED, "computed", "calculé par l'Assurance Maladie")
typedef enum { RULES_KINDS(VOCAB_ENUM) } rules_kind;
enum { RULES_KIND_COUNT = 0 RULES_KINDS(VOCAB_COUNT) };

#define RULES_AWARDS(X)                                                                            \
    X(RULES_ALL_OR_NOTHING, "all_or_nothing", "tout ou rien")                                      \
    X(RULES_PER_INDICATOR, "per_indicator", "indicateur par indicateur")
typedef enum { RULES_AWARDS(VOCAB_ENUM) } rules_award;
enum { RULES_AWARD_COUNT = 0 RULES_AWARDS(VOCAB_COUNT) };

#define RULES_PROOFS(X)                                                                            \
    X(RULES_PROOF_NONE, "none", "aucun")                                                           \
    X(RULES_PROOF_HONOUR, "honour_attestation", "attestation sur l'honneur")                       \
    X(RULES_PROOF_DOCUMENTS, "documents", "justificatifs")
typedef enum { RULES_PROOFS(VOCAB_ENUM) } rules_proof;
enum { RULES_PROOF_COUNT = 0 RULES_PROOFS(VOCAB_COUNT) };

#define RULES_COMPARES(X)                                                                          \
    X(RULES_AT_LEAST, "at_least", "≥")                                                             \
    X(RULES_MORE_THAN, "more_than", ">")
typedef enum { RULES_COMPARES(VOCAB_ENUM) } rules_compare;
enum { RULES_COMPARE_COUNT = 0 RULES_COMPARES(VOCAB_COUNT) };

#define RULES_CRIT_TYPES(X)                                                                        \
    X(RULES_CRIT_YES_NO, "yes_no", "oui/non")                                                      \
    X(RULES_CRIT_RATIO, "ratio", "taux")                                                           \
    X(RULES_CRIT_COUNT_AT_LEAST, "count_at_least", "nombre minimal")                               \
    X(RULES_CRIT_AVERAGE_RATIO, "average_ratio", "moyenne de taux")                                \
    X(RULES_CRIT_CHOICE, "choice", "choix dans une liste")                                         \
    X(RULES_CRIT_SOFTWARE, "software", "logiciel")                                                 \
    X(RULES_CRIT_ALL_OF, "all_of", "toutes les conditions")
typedef enum { RULES_CRIT_TYPES(VOCAB_ENUM) } rules_crit_type;
enum { RULES_CRIT_TYPE_COUNT = 0 RULES_CRIT_TYPES(VOCAB_COUNT) };

#define RULES_PROFESSIONS(X)                                                                       \
    X(RULES_PROF_MEDECIN, "medecin", "médecin")                                                    \
    X(RULES_PROF_CHIRURGIEN_DENTISTE, "chirurgien_dentiste", "chirurgien-dentiste")                \
    X(RULES_PROF_SAGE_FEMME, "sage_femme", "sage-femme")                                           \
    X(RULES_PROF_INFIRMIER, "infirmier", "infirmier")                                              \
    X(RULES_PROF_KINE, "masseur_kinesitherapeute", "masseur-kinésithérapeute")                     \
    X(RULES_PROF_PODOLOGUE, "pedicure_podologue", "pédicure-podologue")                            \
    X(RULES_PROF_ORTHOPHONISTE, "orthophoniste", "orthophoniste")                                  \
    X(RULES_PROF_ORTHOPTISTE, "orthoptiste", "orthoptiste")
typedef enum { RULES_PROFESSIONS(VOCAB_ENUM) } rules_profession;
enum { RULES_PROF_COUNT = 0 RULES_PROFESSIONS(VOCAB_COUNT) };

/* Document kinds accepted as proof: bit flags (RULES_DOC_INVOICE ...). */
#define RULES_DOC_KINDS(X)                                                                         \
    X(RULES_DOC_INVOICE, "invoice", "facture")                                                     \
    X(RULES_DOC_PURCHASE_ORDER, "purchase_order", "bon de commande")                               \
    X(RULES_DOC_EDITOR_ATTESTATION, "editor_attestation", "attestation de l'éditeur")              \
    X(RULES_DOC_ESTABLISHMENT_ATTESTATION, "establishment_attestation",                            \
      "attestation de l'établissement")                                                            \
    X(RULES_DOC_CPTS_ATTESTATION, "cpts_attestation", "attestation du président de la CPTS")
enum { RULES_DOC_KINDS(VOCAB_INDEX) RULES_DOC_KIND_COUNT };
enum { RULES_DOC_KINDS(VOCAB_FLAG) };

/* When a document is required: bit flags, any of them (RULES_WHEN_ALWAYS ...). */
#define RULES_WHENS(X)                                                                             \
    X(RULES_WHEN_ALWAYS, "always", "toujours")                                                     \
    X(RULES_WHEN_FIRST_YEAR, "first_year", "première année de déclaration")                        \
    X(RULES_WHEN_NOT_PREFILLED, "not_prefilled", "logiciel non pré-rempli")                        \
    X(RULES_WHEN_LAP_REQUIRED, "lap_required", "spécialité non exonérée de LAP")                   \
    X(RULES_WHEN_LAP_PROVISIONAL, "lap_provisional", "LAP en certification provisoire")            \
    X(RULES_WHEN_HOSPITAL_DPI, "hospital_dpi", "DPI d'un établissement")                           \
    X(RULES_WHEN_SOFTWARE_CHANGED, "software_changed", "logiciel acquis dans l'année")             \
    X(RULES_WHEN_LAP_CHANGED, "lap_changed", "LAP certifié dans l'année")
enum { RULES_WHENS(VOCAB_INDEX) RULES_WHEN_COUNT };
enum { RULES_WHENS(VOCAB_FLAG) };

extern const vocab_t rules_scheme_vocab, rules_status_vocab, rules_kind_vocab, rules_award_vocab,
    rules_proof_vocab, rules_compare_vocab, rules_crit_vocab, rules_profession_vocab,
    rules_doc_kind_vocab, rules_when_vocab;

typedef struct {
    int64_t num, den;
} rules_fraction;

typedef struct {
    const char *id, *label;
    const char *numerator, *denominator; /* what each count counts (« nombre … », « total … »),
                                            or both NULL */
} rules_component;

typedef struct {
    const char *value;     /* list entry id */
    const char *indicator; /* the other indicator's id */
} rules_exclusion;

struct rules_readings;

typedef struct rules_criterion {
    rules_crit_type type;
    const char *id, *label;  /* parts of all_of only */
    const char *requirement; /* yes_no, software */
    /* ratio, average_ratio */
    const char *numerator, *denominator;
    rules_fraction threshold;
    bool strict; /* compare = "more_than" */
    bool has_original;
    rules_fraction original;
    rules_sources original_sources;
    rules_component *components;
    size_t ncomponents;
    /* count_at_least */
    const char *what;
    int64_t min;
    /* choice */
    const char *list_role;
    const lists_table *list;
    bool multiple, allow_other;
    rules_exclusion *exclusive;
    size_t nexclusive;
    /* software */
    bool lap_required, lap_exemption;
    /* all_of */
    struct rules_criterion *parts;
    size_t nparts;
    /* an indicator's criterion only: the sources allow a looser reading (NULL: one reading) */
    const struct rules_readings *readings;
    int line;
} rules_criterion;

/* Two readings of an ambiguous criterion, both inferred: the criterion itself is the strict one,
 * `loose` the other, judged on the same answers. Points are a range between the two. */
typedef struct rules_readings {
    const char *about; /* what the sources leave open, in French */
    const char *strict_label, *loose_label;
    rules_sources strict_sources, loose_sources;
    rules_criterion loose;
} rules_readings;

typedef struct {
    const char *id;
    date_t date;
    const char *label;
    bool has_replaces;
    date_t replaces;
    const char **indicators;
    size_t nindicators;
    const char *note;
    rules_sources sources;
    int line;
} rules_deadline;

typedef struct {
    const char *id, *label;
    unsigned accepted;      /* DOC_* */
    unsigned when;          /* WHEN_*: required when any of these holds */
    unsigned unless;        /* WHEN_*: ... and none of these */
    unsigned only_if;       /* WHEN_*: ... and all of these */
    unsigned inferred_when; /* WHEN_*: conditions of `when` that are only inferred: required
                             * through them alone, the document warns, never blocks */
    unsigned renewed_when;  /* WHEN_*: a proof validated in an earlier campaign stands unless
                             * one of these holds (default: software or LAP changed) */
    const rules_deadline *deadline;
    const char *must_show;
    rules_sources sources;
} rules_document;

typedef struct {
    const char **specialties;
    size_t nspecialties;
    const char *note;
    rules_sources sources;
} rules_neutralised;

typedef struct {
    const char *id;
    int number;
    const char *label;
    int64_t points_tenths;
    rules_award award;
    int requires; /* index of the volet it requires, or -1 */
    rules_sources sources;
    int line;
} rules_volet;

typedef struct {
    const char *id;
    int volet; /* index */
    const char *label;
    int64_t points_tenths; /* -1 when not stated */
    rules_sources sources;
    int line;
} rules_group;

typedef struct {
    const char *id;
    int volet; /* index */
    int group; /* index, or -1 */
    int order;
    const char *label, *question, *help;
    rules_kind kind;
    int64_t points_tenths; /* 0 in an all-or-nothing volet */
    rules_criterion criterion;
    rules_proof proof;
    rules_document *documents;
    size_t ndocuments;
    bool counts_once_sent;
    const char *keep;
    bool has_neutralised;
    rules_neutralised neutralised;
    const char **professions; /* NULL: all the campaign's */
    size_t nprofessions;
    const char *note;
    const char *info_when_not_met; /* said when it fails while another of its volet pays */
    rules_sources sources;
    int line;
} rules_indicator;

typedef struct {
    const char *role; /* "coordination" */
    lists_table *list;
} rules_list_ref;

typedef struct {
    arena_t *arena;
    const char *path;
    int year;
    rules_scheme scheme;
    const char *title;
    rules_status status;
    const char **professions;
    size_t nprofessions;
    int64_t point_value_cents;
    date_t evaluation_date;
    struct {
        date_t opens;
        bool opens_approximate;
        bool has_closes;
        date_t closes;
        bool closes_inferred; /* not published: deduced from earlier campaigns */
        const char *note;
        rules_sources sources;
    } window;
    rules_deadline *deadlines;
    size_t ndeadlines;
    rules_list_ref *lists;
    size_t nlists;
    rules_volet *volets;
    size_t nvolets;
    rules_group *groups;
    size_t ngroups;
    rules_indicator *indicators; /* sorted by volet, then order */
    size_t nindicators;
    const char *note;
    rules_sources sources;
} rules_campaign;

/* Loads a rules file. Lists are looked up in the file's own folder, then in list_dirs.
 * Returns NULL and fills d (never empty then) on any problem. */
rules_campaign *rules_load(const char *path, const char *const *list_dirs, size_t nlist_dirs,
                           diag_list *d);
void rules_free(rules_campaign *c);

const rules_indicator *rules_find_indicator(const rules_campaign *c, const char *id);
const rules_document *rules_find_document(const rules_indicator *ind, const char *id);
const lists_table *rules_find_list(const rules_campaign *c, const char *role);
/* A window's closing as said after « clôture » : « 08/02/2026 », « probable le 09/02/2025 (non
 * publiée) » when the date is inferred, « non connue » when there is none. */
void rules_closing_fr(bool has_closes, date_t closes, bool inferred, char *buf, size_t size);
/* An indicator's kind as an answer shows it: « prérempli — à vérifier » only when the Assurance
 * Maladie did pre-fill the answer (prefilled), « déclaratif » for the same kind otherwise. */
const char *rules_kind_fr(const rules_indicator *ind, bool prefilled);
/* Sum of the points a volet can pay (its block, or its indicators). */
int64_t rules_volet_max_tenths(const rules_campaign *c, size_t volet);
int64_t rules_max_tenths(const rules_campaign *c);

#endif
