/* script: the wizard driven by a file of keys instead of a keyboard, drawing into a virtual screen
 * that it dumps as text on request (FSDECL_SCRIPT=FILE; tests, golden screens). One command a
 * line, '#' starts a comment:
 *   key NAME [COUNT]   Enter Tab BackTab Esc Up Down Left Right Home End PgUp PgDn Backspace
 *                      Delete Space F1..F12, C-a..C-z (control), M-x (Alt with the character x,
 *                      sent as Escape then x), or one character
 *   bytes TEXT         the characters of TEXT sent at once, as a terminal sends one key's
 *                      sequence (\e stands for Escape): « bytes \e[6~ » is PgDn in xterm's words
 *   type TEXT          the characters of TEXT, one key each (UTF-8)
 *   paste TEXT         a bracketed paste of TEXT (\n, \t and \\ stand for a line break, a tab
 *                      and a backslash, in type, paste and bytes alike)
 *   dump FILE          the screen as text, one line a row, trailing spaces removed, then a line
 *                      "curseur LIGNE,COLONNE" (or "curseur caché")
 *   resize COLSxLINES  the terminal changes size
 *   sleep MS           the script's clock moves on (autosave delays)
 *   signal TERM|HUP    as if the signal had been received
 *   wait               nothing (the script waits for each key to be handled anyway)
 * Every line is checked when the script is opened: an unknown command or key name, or a malformed
 * argument, refuses the script with its file name and line number (the wizard does not start).
 * When the script ends, the wizard leaves at once without saving, as if it had been killed (what
 * was autosaved stays). */
#ifndef FSDECL_SCREENS_SCRIPT_H
#define FSDECL_SCREENS_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

#include "fsdecl/diag.h"

typedef struct script script;

enum { SCRIPT_END = -2, SCRIPT_NOTHING = -3, SCRIPT_SIGNAL = -4 };

script *script_open(const char *path, char *why, size_t size);
void script_close(script *s);
/* The next key; SCRIPT_NOTHING after a command that is not a key (the caller redraws and asks
 * again), SCRIPT_SIGNAL after "signal", SCRIPT_END at the end. *paste gets a paste's text. */
int script_next(script *s, char **paste);
/* The next key of the same command, given at once after the last one as a terminal sends the
 * bytes of one key (bytes, key M-x); -1 when there is none. */
int script_more(script *s);
/* Milliseconds on the script's clock. */
long script_clock(const script *s);
/* Writes the screen as it is now to path; false with the reason in d. */
bool script_dump(const char *path, diag_list *d);

#endif
