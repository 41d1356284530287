/* fsdecl: the program's entry point. */
#include <locale.h>

#include "cli.h"

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C"); /* numbers are never read or written through the locale */
    return cli_main(argc, argv);
}
