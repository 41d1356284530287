/* libFuzzer target: the draft reader, the evaluator and the writer. Any input is either refused
 * with a diagnostic or read; a declaration that is read is judged without crashing, and writing
 * it then reading it back gives the same text (the round-trip property). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsdecl/decl.h"
#include "fsdecl/eval.h"
#include "fsdecl/rules.h"

static rules_campaign *campaign;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!campaign) {
        const char *dirs[] = {FSDECL_SOURCE_DIR "/data/lists"};
        diag_list d;
        diag_init(&d);
        campaign = rules_load(FSDECL_SOURCE_DIR "/rules/2025.cfg", dirs, 1, &d);
        diag_free(&d);
        if (!campaign)
            abort();
    }
    diag_list d;
    diag_init(&d);
    decl_t *decl = decl_parse((const char *)data, size, "fuzz", &d);
    if (!decl) {
        if (d.count == 0)
            abort(); /* refused without saying why */
        diag_free(&d);
        return 0;
    }
    eval_result *r = eval_declaration(campaign, decl, (date_t){2025, 12, 20});
    eval_free(r);
    size_t n1, n2;
    char *t1 = decl_write(decl, "fuzz", &n1);
    decl_t *again = t1 ? decl_parse(t1, n1, "fuzz-rewritten", &d) : NULL;
    if (!again)
        abort(); /* what we write, we must read */
    char *t2 = decl_write(again, "fuzz", &n2);
    if (!t2 || n1 != n2 || memcmp(t1, t2, n1) != 0)
        abort();
    free(t1);
    free(t2);
    decl_free(again);
    decl_free(decl);
    diag_free(&d);
    return 0;
}
