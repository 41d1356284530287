/* ident: format and check-key tests of the identifiers a declaration carries (domain.md §8).
 *
 * Every check takes the identifier as typed, already trimmed by the caller: spaces, dots and
 * dashes are NOT accepted, and letters are not upper-cased here (the caller normalises "2a" to
 * "2A"). A NULL pointer counts as "nothing given".
 *
 * Checks run in this order and the first failure is returned, so that the message names the most
 * useful problem:
 *   1. IDENT_EMPTY        NULL or "";
 *   2. IDENT_BAD_CHARS    a byte that can appear nowhere in this identifier (a space, a letter
 *                         other than A/B, any non-ASCII byte such as the two of "é");
 *   3. IDENT_BAD_LENGTH   wrong number of characters (every character is ASCII by then, so
 *                         bytes and characters are the same count);
 *   4. IDENT_BAD_CHARS    a character in a place where it cannot be ("A" not after a leading "2");
 *   5. IDENT_BAD_CATEGORY N° AM only: the category digit is not 1;
 *   6. IDENT_BAD_KEY      the Luhn key is wrong (RPPS, FINESS only).
 *
 * Severity is the caller's policy: domain.md asks for a bad RPPS key to be flagged as a warning,
 * and the N° AM key is never checked.
 */
#ifndef FSDECL_IDENT_H
#define FSDECL_IDENT_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    IDENT_OK,
    IDENT_EMPTY,       /* nothing given */
    IDENT_BAD_LENGTH,  /* wrong number of characters */
    IDENT_BAD_CHARS,   /* a character that cannot be there */
    IDENT_BAD_KEY,     /* well formed, but the check key (Luhn) is wrong */
    IDENT_BAD_CATEGORY /* N° AM: the category digit is not 1 (médecin) */
} ident_status;

/* RPPS: exactly 11 digits, Luhn over the 11 digits (the last one is the key). */
ident_status ident_check_rpps(const char *s);

/* N° AM of a practice: 9 characters,
 *   [0..1] département: two digits, or "2A" / "2B" for Corsica;
 *   [2]    category digit, which must be '1' (médecin), otherwise IDENT_BAD_CATEGORY;
 *   [3..7] order number, 5 digits;
 *   [8]    key, one digit.
 * The key algorithm is not known: this never returns IDENT_BAD_KEY.
 * UNVERIFIED: the layout for the overseas départements (971..976) is not documented in our
 * sources; they are accepted under the same rule ("97" + category + 5 digits + key), which may be
 * wrong if their numbers carry a 3-digit département. */
ident_status ident_check_am(const char *s);

/* FINESS: 9 characters, all digits except that the 2nd may be 'A' or 'B' after a leading '2'
 * (Corsica: "2A", "2B"). Luhn over the 9 characters, the last being the key.
 * Choice (unverified for Corsica): 'A' and 'B' count as the digit 0 in the Luhn sum, so
 * "2A0001238" passes exactly when "200001238" would. */
ident_status ident_check_finess(const char *s);

/* A French sentence (lower-case start, no final full stop) describing st for kind, which is
 * "RPPS", "N° AM" or "FINESS" (UTF-8); any other kind, or NULL, gets a generic sentence. Never
 * NULL; a static string, not to be freed. */
const char *ident_message(ident_status st, const char *kind);

/* What a form may let a user type for kind ("RPPS", "N° AM", "FINESS"): every character that may
 * appear somewhere in it (static, not to be freed) and its length. False for any other kind. */
bool ident_shape(const char *kind, const char **chars, size_t *length);

/* What kind ("RPPS", "N° AM", "FINESS") is, where to find it and its format, in French
 * (paragraphs separated by a newline; static, not to be freed); NULL for any other kind. */
const char *ident_help(const char *kind);

/* Luhn check of a string of ASCII digits: from the rightmost digit, double every second digit,
 * subtract 9 above 9, sum; true when the sum is a multiple of 10. False for NULL, "" or any
 * non-digit. */
bool ident_luhn(const char *digits);

#endif
