/* fsdecl: the program's entry point. */
#include <locale.h>
#include <string.h>

#include "cli.h"

/* fsdecl's text is UTF-8 (drafts, rules, everything it shows), and the wizard reads keys and
 * measures columns through the locale's character type. With no locale at all (C or POSIX: a
 * fresh system's shell, or a LANG naming a locale the system lacks), C.UTF-8's is taken: the
 * terminal is UTF-8 in all likelihood. A locale that names another character set is the user's
 * choice, and their terminal's: the wizard then says that it needs UTF-8 (cli_edit). */
static void utf8_ctype(void)
{
    const char *name = setlocale(LC_CTYPE, NULL);
    if (name && (strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0))
        setlocale(LC_CTYPE, "C.UTF-8");
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C"); /* numbers are never read or written through the locale */
    utf8_ctype();
    return cli_main(argc, argv);
}
