/* tabs_internal: what the tab files share. */
#ifndef FSDECL_SCREENS_TABS_INTERNAL_H
#define FSDECL_SCREENS_TABS_INTERNAL_H

#include "app.h"

/* An indicator's block: its label, status, points and euros, kind, messages, fields, proofs. */
void indicator_build(app *a, const rules_indicator *ind, form_t *f);
/* A message of the evaluation as a row: its symbol, its text (wrapped). */
/* A message of the evaluation; shown under its indicator (label not NULL), it drops the
 * « label » : it starts with. */
void indicator_message_row(form_t *f, int indent, const eval_message *m, const char *label);

/* The Récapitulatif tab (tab_recap.c). */
void tab_recap_title(const app *a, int index, char *buf, size_t size);
void tab_recap_build_rows(app *a, int index, form_t *f);
tab_state tab_recap_state(app *a, int index);

#endif
