/* text: UTF-8 checks, safe output of untrusted text, French number formatting. */
#ifndef FSDECL_TEXT_H
#define FSDECL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
bool text_utf8_valid(const char *s);
/* A C0 or C1 control character, DEL, or a bidirectional embedding, override or isolate
 * (U+202A–U+202E, U+2066–U+2069), which would reorder what a terminal shows around it. */
bool text_cp_control(uint32_t cp);
/* True when s holds a character text_cp_control refuses; '\n' is ignored when allow_newline. */
bool text_has_control(const char *s, bool allow_newline);
/* Copies s into buf (always terminated) replacing invalid UTF-8, every control character but
 * '\n' (when keep_newline) and the bidirectional marks U+200E, U+200F and U+061C (which, though
 * text_cp_control lets them by, turn what is shown around them) with '?', so that text from a
 * file cannot drive the terminal. The
 * result is never longer than s: a buffer of strlen(s) + 1 bytes always holds all of it. */
void text_sanitize(const char *s, bool keep_newline, char *buf, size_t size);

/* Width in terminal columns of UTF-8 text: wcwidth() of each character under the current locale
 * (accents one column, combining marks none, wide characters two); in a locale that cannot tell,
 * the same by Unicode ranges. An invalid byte or a control character counts one (it is shown as
 * '?'). */
size_t text_width(const char *s);
/* The columns of one code point, by the same rule. */
int text_cp_width(uint32_t cp);
/* Decodes the UTF-8 sequence at s into *cp; its length, or 0 when it is not valid UTF-8. */
size_t text_utf8_decode(const char *s, uint32_t *cp);

/* Points given in tenths: "1 115", "22,5". */
void text_points(int64_t tenths, char *buf, size_t size);
/* Money in cents: "7 805,00 €". */
void text_money(int64_t cents, char *buf, size_t size);
/* A fraction as a percentage when it is one ("90 %"), else "2/3". */
void text_fraction(int64_t num, int64_t den, char *buf, size_t size);

#endif
