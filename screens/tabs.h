/* tabs: the declaration's tabs, from the rules: Identité, one per volet, Attestation,
 * Récapitulatif; each builds its rows from the declaration and its judgement. */
#ifndef FSDECL_SCREENS_TABS_H
#define FSDECL_SCREENS_TABS_H

#include <stddef.h>

#include "app.h"

/* The Identité tab's box that confirms an RPPS whose check key is wrong, shown only then. */
#define TABS_RPPS_CONFIRMED "Le numéro RPPS est juste (clé non conforme)"

/* Sets the tabs up for the open declaration. */
void tabs_setup(app *a);
/* The current tab's rows rebuilt. */
void tabs_build(app *a);
/* Why the attestation was unticked: the declaration changed since version `version` (brief: for
 * the message line, within 80 columns). */
void tabs_recommit_words(int version, bool brief, char *buf, size_t size);
/* A volet's label shortened for the strip: "Volet 1 – Prérequis : ..." gives "Volet 1". */
void tabs_short_label(const char *label, char *buf, size_t size);

#endif
