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

typedef enum { RULES_SCHEME_FORFAIT_STRUCTURE, RULES_SCHEME_DONUM, RULES_SCHEME_FAMI } rules_scheme;
typedef enum { RULES_OFFICIAL, RULES_PROVISIONAL, RULES_ARCHIVED } rules_status;
typedef enum { RULES_DECLARATIVE, RULES_DECLARATIVE_PREFILLED, RULES_COMPUTED } rules_kind;
typedef enum { RULES_ALL_OR_NOTHING, RULES_PER_INDICATOR } rules_award;
typedef enum { RULES_PROOF_NONE, RULES_PROOF_HONOUR, RULES_PROOF_DOCUMENTS } rules_proof;

typedef enum {
    RULES_CRIT_YES_NO,
    RULES_CRIT_RATIO,
    RULES_CRIT_COUNT_AT_LEAST,
    RULES_CRIT_AVERAGE_RATIO,
    RULES_CRIT_CHOICE,
    RULES_CRIT_SOFTWARE,
    RULES_CRIT_ALL_OF,
} rules_crit_type;

/* Document kinds accepted as proof (bit flags). */
enum {
    RULES_DOC_INVOICE = 1 << 0,
    RULES_DOC_PURCHASE_ORDER = 1 << 1,
    RULES_DOC_EDITOR_ATTESTATION = 1 << 2,
    RULES_DOC_ESTABLISHMENT_ATTESTATION = 1 << 3,
    RULES_DOC_CPTS_ATTESTATION = 1 << 4,
};

/* When a document is required (bit flags; any of them). */
enum {
    RULES_WHEN_ALWAYS = 1 << 0,
    RULES_WHEN_FIRST_YEAR = 1 << 1,
    RULES_WHEN_NOT_PREFILLED = 1 << 2,
    RULES_WHEN_LAP_REQUIRED = 1 << 3,
    RULES_WHEN_LAP_PROVISIONAL = 1 << 4,
    RULES_WHEN_HOSPITAL_DPI = 1 << 5,
};

typedef struct {
    int64_t num, den;
} rules_fraction;

typedef struct {
    const char *id, *label;
} rules_component;

typedef struct {
    const char *value;     /* list entry id */
    const char *indicator; /* the other indicator's id */
} rules_exclusion;

typedef struct rules_criterion {
    rules_crit_type type;
    const char *id, *label; /* parts of all_of only */
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
    int line;
} rules_criterion;

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
    unsigned accepted; /* DOC_* */
    unsigned when;     /* WHEN_*: required when any of these holds */
    unsigned unless;   /* WHEN_*: ... and none of these */
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
const lists_table *rules_find_list(const rules_campaign *c, const char *role);
/* Sum of the points a volet can pay (its block, or its indicators). */
int64_t rules_volet_max_tenths(const rules_campaign *c, size_t volet);
int64_t rules_max_tenths(const rules_campaign *c);

const char *rules_status_fr(rules_status s);
const char *rules_kind_fr(rules_kind k);

#endif
