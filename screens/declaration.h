/* declaration: an open declaration's screen: its tabs, what keys do there, saving, transmitting
 * and leaving it. */
#ifndef FSDECL_SCREENS_DECLARATION_H
#define FSDECL_SCREENS_DECLARATION_H

#include "app.h"

/* Runs the declaration open in a->doc; returns when the user leaves it (a->quit set when the
 * program is to end). */
void declaration_run(app *a);

#endif
