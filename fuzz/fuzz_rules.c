/* libFuzzer target: the campaign rules loader. Any input gives either a campaign and no
 * diagnostic, or no campaign and at least one diagnostic. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fsdecl/rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/fsdecl-fuzz-rules-%ld.cfg", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data, 1, size, f);
    fclose(f);
    const char *dirs[] = {FSDECL_SOURCE_DIR "/data/lists"};
    diag_list d;
    diag_init(&d);
    rules_campaign *c = rules_load(path, dirs, 1, &d);
    if ((c != NULL) == (d.count > 0))
        abort();
    rules_free(c);
    diag_free(&d);
    return 0;
}
