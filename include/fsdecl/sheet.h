/* sheet: the « à reporter sur Amelipro » sheet, as data. fsdecl sends nothing: a doctor declares
 * by entering the answers on Amelipro (« Ma convention » › « Déclarer mes indicateurs »). The
 * sheet lists what to do there, in the order its screens ask for it: one tab per volet, each
 * indicator in the rules' order with what to tick, choose or type, what is pre-filled and only
 * checked, what is computed and never entered, what is still unanswered, the proofs to send
 * through the envelope icon; then the attestation's boxes and the « Transmettre » button with the
 * campaign's closing date.
 *
 * Amelipro's own order is not published in any rules file: the rules' order is the assumption
 * (order_presumed), and the sheet says so. A sheet points into the recap it was built from, which
 * must outlive it; what it writes itself is owned by its arena. Renderers return malloc'ed text;
 * they never print. */
#ifndef FSDECL_SHEET_H
#define FSDECL_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "fsdecl/arena.h"
#include "fsdecl/diag.h"
#include "fsdecl/recap.h"
#include "fsdecl/rules.h"
#include "fsdecl/vocab.h"

/* What a line of the sheet asks: X(CONSTANT, "id" (JSON), "French label"). */
#define SHEET_KINDS(X)                                                                             \
    X(SHEET_TAB, "tab", "onglet")                                                                  \
    X(SHEET_ENTER, "enter", "à saisir")                                                            \
    X(SHEET_CHECK, "check", "prérempli : à vérifier")                                              \
    X(SHEET_COMPUTED, "computed", "calculé : rien à saisir")                                       \
    X(SHEET_UNANSWERED, "unanswered", "non renseigné")                                             \
    X(SHEET_PROOF, "proof", "justificatif à envoyer par l'icône « enveloppe »")                    \
    X(SHEET_ATTESTATION, "attestation", "case de l'attestation sur l'honneur")                     \
    X(SHEET_SUBMIT, "submit", "bouton « Transmettre »")
typedef enum { SHEET_KINDS(VOCAB_ENUM) } sheet_kind;
enum { SHEET_KIND_COUNT = 0 SHEET_KINDS(VOCAB_COUNT) };
extern const vocab_t sheet_kind_vocab;

/* What the unanswered say, and what the sheet says of its order. */
#define SHEET_UNANSWERED_WORDS "non renseigné : à compléter avant de transmettre sur Amelipro"
#define SHEET_ORDER_WORDS                                                                              \
    "ordre présumé : celui des règles de la campagne, l'ordre des écrans d'Amelipro n'étant pas " \
    "publié"

/* One thing to tick, choose or type, as Amelipro takes it: « Réponse » « Oui », « Éditeur »
 * « Logimed Systèmes », « Date d'acquisition » « 10/03/2025 ». */
typedef struct {
    const char *label, *value;
} sheet_field;

typedef struct {
    sheet_kind kind;
    const rules_volet *volet;   /* the tab it is on; NULL for the attestation and the button */
    const rules_indicator *ind; /* its indicator; NULL for a tab, the attestation, the button */
    const rules_document *doc;  /* SHEET_PROOF: the document to send */
    const char *text;           /* the line, in French: a label, or what to do */
    const char *note;           /* more words, or NULL */
    sheet_field *fields;        /* what to enter (SHEET_ENTER), or check (SHEET_CHECK) */
    size_t nfields;
} sheet_entry;

typedef struct {
    arena_t *arena;
    const recap *recap; /* who, which campaign, draft or version */
    sheet_entry *entries;
    size_t n;
    bool order_presumed;
    size_t nunanswered, nproofs;
} sheet;

/* The sheet of the recap r (which must outlive it). NULL when memory runs out. */
sheet *sheet_build(const recap *r);
void sheet_free(sheet *s);

/* The sheet as text to follow on screen (fsdecl recap --amelipro). */
char *sheet_render_text(const sheet *s);
/* ... as JSON (docs/recap-format.md, « La fiche Amelipro »), compact, ending with a newline. */
char *sheet_render_json(const sheet *s);
/* ... as a PDF of A4 pages with a box « fait » beside each line (fonts: recap_pdf_font). False
 * with the reason in d. */
bool sheet_render_pdf(const sheet *s, const char *font, const char *bold, char **out, size_t *len,
                      diag_list *d);

#endif
