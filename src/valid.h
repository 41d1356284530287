/* valid: the checks a value of a rules file or a draft must pass, whether it comes from a file
 * (cfgread) or from a front end (decl's setters), with one French message each. Private to the
 * core. Each check returns false and writes its message into msg (msg_size bytes) when the value
 * is refused; key names the value in the message. */
#ifndef FSDECL_VALID_H
#define FSDECL_VALID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fsdecl/date.h"

enum { VALID_MSG_MAX = 512 };

/* UTF-8, no control character ('\n' allowed when multiline). */
bool valid_text(const char *key, const char *v, bool multiline, char *msg, size_t msg_size);
/* An id: ASCII [a-z][a-z0-9_]*, at most 48 characters. */
bool valid_is_id(const char *s);
bool valid_id(const char *key, const char *v, char *msg, size_t msg_size);
bool valid_int(const char *key, int64_t v, int64_t min, int64_t max, char *msg, size_t msg_size);
/* 0 <= num <= den, den > 0. */
bool valid_fraction(const char *key, int64_t num, int64_t den, char *msg, size_t msg_size);
bool valid_date(const char *key, date_t d, char *msg, size_t msg_size);
/* One entry of a declaration's typing (decl.h: decl_typing). */
bool valid_typing(const char *field, const char *text, char *msg, size_t msg_size);

#endif
