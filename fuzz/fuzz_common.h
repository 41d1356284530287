/* What the fuzzers share: the real campaigns of rules/, and the checks of text for a terminal. */
#ifndef FSDECL_FUZZ_COMMON_H
#define FSDECL_FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fsdecl/rules.h"

/* The campaign of rules/YEAR.cfg (loaded once, with the lists of data/lists); NULL when rules/
 * has none for that year. Aborts when a real campaign does not load. */
const rules_campaign *fuzz_campaign(int year);

/* Whether s (n bytes) is valid UTF-8 (no overlong form, no surrogate, nothing past U+10FFFF) with
 * no control character but '\n' when newline is true: no C0, DEL or C1, no bidirectional
 * embedding, override or isolate. Checked here on its own, not with the core's text.c. */
bool fuzz_clean_text(const char *s, size_t n, bool newline);

/* Prints what is wrong and where, then aborts (libFuzzer keeps the input). */
_Noreturn void fuzz_fail(const char *what, const char *text);

#endif
