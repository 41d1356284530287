/* frame: what the declaration's screen draws around and with its form: the title, the strip of
 * tabs with their states, the current tab's rows, the totals and the gate, the message line and
 * the footer of keys. */
#ifndef FSDECL_SCREENS_FRAME_H
#define FSDECL_SCREENS_FRAME_H

#include "app.h"

/* Draws the declaration's frame (the current tab's rows rebuilt first). */
void frame_draw(app *a);

#endif
