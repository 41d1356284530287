/* declaration: an open declaration's screen: its tabs, what keys do there, saving, finalising a
 * version and leaving it. */
#ifndef FSDECL_SCREENS_DECLARATION_H
#define FSDECL_SCREENS_DECLARATION_H

#include "app.h"

/* Pushes the screen of doc, just opened (r: how), which owns it from now on and closes it when
 * the user leaves it (or the program ends). */
void declaration_open(app *a, session_doc *doc, const session_report *r);

#endif
