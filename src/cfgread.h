/* cfgread: strict reading of libconfig files (rules, lists, drafts).
 *
 * libconfig 1.5 accepts things we must refuse (integers above 2^31 silently wrapped, @include,
 * floats) and rejects others with terse English messages. cfg_open() checks the raw text first,
 * then parses; the getters check one key each, reporting "file:line: message" in French into the
 * document's diag list and copying what they return into its arena.
 *
 * Known limit of libconfig 1.5: a syntax error right after a string leaks that string's buffer
 * inside the library (tests/lsan.supp); an unterminated string is refused before parsing. */
#ifndef FSDECL_CFGREAD_H
#define FSDECL_CFGREAD_H

#include <libconfig.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fsdecl/arena.h"
#include "fsdecl/date.h"
#include "fsdecl/diag.h"
#include "fsdecl/vocab.h"

typedef struct {
    const char *file; /* name used in messages */
    diag_list *diag;
    arena_t *arena;
    config_t cfg;
    bool parsed;
} cfg_doc;

/* libconfig 1.5 checks each new key of a group against all the others (quadratic): a file is
 * refused above CFG_MAX_SETTINGS keys before libconfig sees it (5 000 keys read in 0.2 s; real
 * rules files hold under 1 000, drafts under 300). */
/* Groups and lists nested deeper than CFG_MAX_DEPTH are refused too, with their line: libconfig's
 * parser gives up on a few thousand levels with an English « memory exhausted » (the rules nest
 * 7 levels at most, a draft 4). */
enum { CFG_MAX_FILE_SIZE = 1024 * 1024, CFG_MAX_SETTINGS = 5000, CFG_MAX_DEPTH = 64 };

enum {
    CFG_OPTIONAL = 0,
    CFG_REQUIRED = 1 << 0,
    CFG_MULTILINE = 1 << 1, /* strings: '\n' allowed */
    CFG_PRESENT = 1 << 2,   /* strings: must be there, may be empty */
};

/* Reads and parses path; display names it in messages. False (with diagnostics) on any problem;
 * cfg_close() must be called either way. */
bool cfg_open(cfg_doc *doc, const char *path, const char *display, diag_list *d, arena_t *a);
/* Same, from text already in memory. */
bool cfg_open_text(cfg_doc *doc, const char *text, size_t len, const char *display, diag_list *d,
                   arena_t *a);
void cfg_close(cfg_doc *doc);

const config_setting_t *cfg_root(const cfg_doc *doc);
int cfg_line(const config_setting_t *s);
void cfg_error(cfg_doc *doc, const config_setting_t *at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
size_t cfg_error_count(const cfg_doc *doc);

/* Reports every key of group that is not in allowed (NULL-terminated). */
void cfg_check_keys(cfg_doc *doc, const config_setting_t *group, const char *const *allowed);

/* Each getter: absent and optional -> false, *out untouched; absent and required, or present with
 * a wrong type or value -> error, false. */
bool cfg_get_string(cfg_doc *doc, const config_setting_t *g, const char *key, unsigned flags,
                    const char **out);
/* An id: ASCII [a-z][a-z0-9_]*, at most 48 characters. */
bool cfg_get_id(cfg_doc *doc, const config_setting_t *g, const char *key, unsigned flags,
                const char **out);
bool cfg_get_int(cfg_doc *doc, const config_setting_t *g, const char *key, unsigned flags,
                 int64_t min, int64_t max, int64_t *out);
bool cfg_get_bool(cfg_doc *doc, const config_setting_t *g, const char *key, unsigned flags,
                  bool *out);
bool cfg_get_date(cfg_doc *doc, const config_setting_t *g, const char *key, unsigned flags,
                  date_t *out);
/* [numerator, denominator], 0 <= numerator <= denominator, denominator > 0. */
bool cfg_get_fraction(cfg_doc *doc, const config_setting_t *g, const char *key, unsigned flags,
                      int64_t *num, int64_t *den);
/* A string that must be one of the ids of v; *out is its member. */
bool cfg_get_enum(cfg_doc *doc, const config_setting_t *g, const char *key, unsigned flags,
                  const vocab_t *v, int *out);
/* A group / a list of groups (every element checked to be a group). */
const config_setting_t *cfg_get_group(cfg_doc *doc, const config_setting_t *g, const char *key,
                                      unsigned flags);
const config_setting_t *cfg_get_list(cfg_doc *doc, const config_setting_t *g, const char *key,
                                     unsigned flags);
/* An array of strings ([ "a", "b" ]); ids checks each as an id. */
bool cfg_get_strings(cfg_doc *doc, const config_setting_t *g, const char *key, unsigned flags,
                     bool ids, const char ***out, size_t *count);

#endif
