/* holdlock STORE NAME: takes a draft's lock as another fsdecl would, says "ok", and keeps it
 * until killed (screen tests of a second instance). */
#include <stdio.h>
#include <unistd.h>

#include "fsdecl/store.h"

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    store_t s;
    store_lock l;
    diag_list d;
    diag_init(&d);
    if (!store_open(&s, argv[1], &d) || !store_lock_take(&s, argv[2], &l, &d))
        return 1;
    puts("ok");
    fflush(stdout);
    for (;;)
        pause();
}
