/* keys: what the terminal sends, turned into keys. curses decodes the sequences the terminal's
 * description lists; what it does not know arrives as an Escape followed by its bytes. keys_decode
 * reads such a sequence whole and gives the key it stands for in the usual terminals (xterm, the
 * Linux console, VT100), an Alt combination (Escape then a character), or KEYS_UNKNOWN: never
 * its bytes one by one, which a text field would take as typing. */
#ifndef FSDECL_SCREENS_KEYS_H
#define FSDECL_SCREENS_KEYS_H

#include <stdbool.h>

/* Characters at or above curses' first key code come flagged, so that no letter is mistaken for
 * a function key. */
#define KEYS_CHAR_FLAG 0x10000000
/* Alt with a character: Escape then the character. */
#define KEYS_ALT_FLAG 0x20000000
#define KEYS_ALT(c) (KEYS_ALT_FLAG | (c))
#define CTRL_KEY(c) ((c)&0x1f)
enum {
    KEYS_ESC = 27,
    KEYS_UNKNOWN = 0x7fe0, /* an escape sequence that stands for no key known here */
    /* beyond curses' codes: what the loop reads besides keys */
    KEYS_EXIT = 0x7ff0, /* SIGTERM or SIGHUP: save and leave */
    KEYS_PASTE,         /* a bracketed paste arrived: its text is kept by the reader */
    KEYS_END,           /* the script ended: leave at once, saving nothing (as if killed) */
};

/* The next byte or key already waiting (never waits), or -1 when none is. */
typedef int (*keys_more_fn)(void *ctx);

/* The key that begins with first: first itself, unless it is Escape followed at once by more
 * (read through more): then a function key, KEYS_ALT(c), or KEYS_UNKNOWN. */
int keys_decode(int first, keys_more_fn more, void *ctx);
/* The character a key types, or -1 (a function key, an Alt combination, a control character). */
int keys_char(int key);
/* The key's name as a user reads it ("Alt+x", "F5"), for a message. */
void keys_name(int key, char *buf, int size);

#endif
