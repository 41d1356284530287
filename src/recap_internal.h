/* recap_internal: what the recap's files share (private to the core). */
#ifndef FSDECL_RECAP_INTERNAL_H
#define FSDECL_RECAP_INTERNAL_H

#include "fsdecl/recap.h"
#include "strbuf.h"

/* The answer to ind as given, in French words, copied into a ("sans réponse" when none). NULL
 * when memory runs out. */
const char *recap_answer_text(arena_t *a, const rules_campaign *c, const rules_indicator *ind,
                              const decl_answer *ans);

/* "1 115 pts", "280 à 1 115 pts", "7 805,00 €", "1 960,00 € à 7 805,00 €". */
void recap_put_range(strbuf *b, int64_t lo, int64_t hi, bool money);

/* Who declares (name, specialty, identifiers, address, caisse; the establishment for a DPI), and
 * the campaign with its window, then the draft or transmitted version: lines ending in '\n'. */
void recap_put_identity(strbuf *b, const recap *r);
void recap_put_campaign(strbuf *b, const recap *r);
/* "Changé depuis cette version : …", one line; nothing when nothing is known to differ. */
void recap_put_changes(strbuf *b, const recap_changes_t *ch);
/* A volet's total: its points, then their worth, « 280 pts = 1 960,00 € » (ranges when unsure). */
void recap_put_volet_total(strbuf *b, const recap *r, const recap_volet *rv);
/* The kind of an indicator as this declaration answers it: « prérempli — à vérifier » only when
 * the Assurance Maladie pre-filled the answer, « déclaratif » otherwise. */
const char *recap_kind_words(const recap *r, const rules_indicator *ind);
/* In a volet paid all or nothing, what an indicator's points column says. */
#define RECAP_REQUIRED_WORDS "requis pour le volet"

/* By when to declare: « avant la clôture du 08/02/2026 », « avant la clôture (probablement le
 * 09/02/2025, date non publiée) », « avant la clôture de la campagne (date non connue) ». */
void recap_closing_words(const rules_campaign *c, char *buf, size_t size);

/* What the gate of a volet means, in French: « atteint : ce volet est payé ... ». */
const char *recap_gate_words(const recap_volet *rv);

/* For the JSON of the sheet (jansson's json_t): a sanitised string (null for NULL); an object
 * opening like the recap's (format, campaign, practitioner, origin); an object as a compact line
 * ending with a newline, the object freed (NULL when memory runs out). */
struct json_t;
struct json_t *recap_json_str(const char *s);
struct json_t *recap_json_head(const recap *r);
char *recap_json_take(struct json_t *o);

#endif
