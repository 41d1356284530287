/* gen_manpage: writes fsdecl(1) on standard output, from the command line's tables. */
#include <stdio.h>

#include "cli.h"

int main(void)
{
    cli_print_man(stdout);
    return ferror(stdout) ? 1 : 0;
}
