/* recap: what a declaration amounts to, as data. One model for every rendering: the text and
 * JSON of `fsdecl check`, the wizard's Récapitulatif tab, the recap a doctor keeps.
 *
 * A recap points into the campaign, the declaration and the evaluation it was built from: they
 * must outlive it. What it computes itself (answers in words, lists of proofs) is owned by its
 * arena. Renderers return malloc'ed text; they never print. */
#ifndef FSDECL_RECAP_H
#define FSDECL_RECAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fsdecl/arena.h"
#include "fsdecl/decl.h"
#include "fsdecl/diag.h"
#include "fsdecl/eval.h"
#include "fsdecl/rules.h"

/* What a version's fingerprint is for, in a doctor's words: the label it is shown under in the
 * recap, its PDF and the wizard. */
#define RECAP_FINGERPRINT_FR "Empreinte (prouve que la version n'a pas changé)"

/* What a draft changed since a version: the names of what differs (identity fields, indicators,
 * their proofs), as the recap names them; borrowed from the rules and static tables. count may
 * exceed what names holds. */
enum { RECAP_MAX_CHANGES = 16 };
typedef struct {
    const char *names[RECAP_MAX_CHANGES];
    size_t count;
} recap_changes_t;

/* Where the declaration stands: a draft, or a finalised version (kept by fsdecl: nothing is sent).
 * For a draft, its last version, if any, and whether the draft is still that version's text. */
typedef struct {
    bool transmitted;
    int version;     /* its number */
    char date[32];   /* when it was finalised, "2025-12-20 14:32:05" */
    char sha256[65]; /* its fingerprint */
    /* a draft: */
    int last_version;        /* 0: none finalised, or none known (a file outside the store) */
    char last_date[32];      /* when it was finalised */
    bool unchanged;          /* the draft is that version's text byte for byte */
    recap_changes_t changes; /* when not unchanged: what differs from that version (none known:
                              * count 0, as when only the saved text's form differs) */
    /* Recorded as declared (store_declared.h): for a version, its own record; for a draft, the
     * last record, of whichever version. */
    bool declared;
    int declared_version;
    int declared_route; /* store_route */
    date_t declared_date;
} recap_origin;

typedef struct {
    const eval_proof *owed; /* the rules' document and what the declaration says of it */
    decl_proof_state state; /* to send when the declaration does not mention it */
    const char *accepted;   /* the kinds of document accepted, in French */
} recap_proof;

typedef struct {
    const eval_indicator *eval; /* the indicator (eval->ind), its status and points */
    const char *answer;         /* the answer as given, in French ("Oui", "Non", the choices...) */
    bool estimate; /* computed by the CNAM: the status comes from the doctor's counts */
    recap_proof *proofs;
    size_t nproofs;
} recap_item;

/* The gate of a volet that pays only when another is met. */
typedef enum {
    RECAP_GATE_NONE,    /* depends on no other volet */
    RECAP_GATE_OPEN,    /* the volet it requires is met */
    RECAP_GATE_UNKNOWN, /* ... may be met: computed indicators are unknown */
    RECAP_GATE_CLOSED,  /* ... is not met: this volet pays nothing */
} recap_gate;

typedef struct {
    const rules_volet *volet;
    const eval_volet *eval; /* what it pays, after its award rule and its gate */
    recap_gate gate;
    const rules_volet *requires; /* NULL when gate is RECAP_GATE_NONE */
    recap_item *items;           /* its indicators, in the campaign's order */
    size_t nitems;
} recap_volet;

/* What to keep for a check after the fact: an indicator's `keep` text. */
typedef struct {
    const rules_indicator *ind;
    const char *text;
} recap_keep;

typedef struct {
    arena_t *arena;
    const rules_campaign *campaign;
    const decl_t *decl;
    const eval_result *eval;
    recap_origin origin;
    const char *specialty; /* the specialty's label from the campaign's list (else as written) */
    bool hospital_dpi;     /* the software declared is an establishment's DPI */
    recap_volet *volets;
    size_t nvolets;
    bool range;        /* min < max: computed indicators unknown, or readings that differ */
    bool unknown;      /* some computed indicator is unknown (no counts) */
    bool ambiguous;    /* some indicator is met by one reading of the texts only */
    bool any_estimate; /* some status comes from the doctor's own counts */
    const recap_proof **to_send, **sent, **validated; /* the proofs, by state */
    size_t nto_send, nsent, nvalidated;
    recap_keep *keep;
    size_t nkeep;
} recap;

/* Builds the recap of d judged as e against c; origin NULL for a draft. NULL when memory runs
 * out. */
recap *recap_build(const rules_campaign *c, const decl_t *d, const eval_result *e,
                   const recap_origin *origin);
void recap_free(recap *r);
/* What the total rests on, in French, to follow it: « (selon la lecture des textes) », « (avec
 * vos estimations) »; "" when it is certain. */
const char *recap_total_note(const recap *r);

/* How the declaration reaches the Assurance Maladie, which fsdecl never does itself, and by when:
 * « fsdecl n'envoie rien à l'Assurance Maladie : pour déclarer, avant la clôture du 08/02/2026,
 * reportez ces réponses sur Amelipro ... ou envoyez ... le formulaire papier ... ». */
void recap_declare_words(const rules_campaign *c, char *buf, size_t size);
/* What now changed since was (a version of the same draft), into *ch; false without memory. */
bool recap_changes(const rules_campaign *c, const decl_t *was, const decl_t *now,
                   recap_changes_t *ch);
/* « Changé depuis cette version : Prénom ; … » ("" when nothing is named), cut to size. */
void recap_changes_words(const recap_changes_t *ch, char *buf, size_t size);

/* The recap a doctor keeps, as text (fsdecl recap --format text). */
char *recap_render_text(const recap *r);
/* ... as JSON (docs/recap-format.md), compact, ending with a newline. */
char *recap_render_json(const recap *r);

/* The PDF renderings (A4, DejaVu embedded, byte-identical for the same input): the recap a doctor
 * keeps; the pre-filled paper form to sign, stamp and send; the blank form of a campaign (from
 * the recap of an empty declaration). font and bold: TrueType files (recap_pdf_font). False with
 * the reason in d. */
typedef enum { RECAP_PDF_RECAP, RECAP_PDF_FORM, RECAP_PDF_BLANK_FORM } recap_pdf_kind;
bool recap_render_pdf(const recap *r, recap_pdf_kind kind, const char *font, const char *bold,
                      char **out, size_t *len, diag_list *d);
/* The font files: $FSDECL_FONT / $FSDECL_FONT_BOLD, else DejaVu Sans from fonts-dejavu-core. */
const char *recap_pdf_font(bool bold);

/* The recap as the text of `fsdecl check`; file names the declaration in its heading. */
char *recap_render_check_text(const recap *r, const char *file);

/* The document of `fsdecl check --json` (docs/check-json.md): one object per declaration judged,
 * or per file that could not be, in the order added. */
typedef struct recap_json recap_json;
recap_json *recap_json_new(date_t today);
bool recap_json_add(recap_json *j, const recap *r, const char *file);
bool recap_json_add_unreadable(recap_json *j, const char *file, const diag_list *errors);
/* The document as compact JSON, ending with a newline; malloc'ed, NULL when memory runs out. */
char *recap_json_render(const recap_json *j);
void recap_json_free(recap_json *j);
/* `fsdecl check --jsonl`: one object per declaration, the object of the document's declarations[]
 * preceded by "format" and "today", written by jansson on one line of f, a stream the caller
 * opened, and freed at once: memory stays flat whatever the number of files. False when memory
 * runs out or f refuses the write. */
bool recap_json_write_line(FILE *f, const recap *r, const char *file, date_t today);
bool recap_json_write_unreadable_line(FILE *f, const char *file, const diag_list *errors,
                                      date_t today);

#endif
