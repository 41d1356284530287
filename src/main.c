/* fsdecl: the command line entry point. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fsdecl/text.h"

static void usage(FILE *f)
{
    fputs("Usage : fsdecl [OPTIONS] COMMANDE [ARGUMENTS]\n"
          "\n"
          "Déclaration du forfait structure des médecins libéraux.\n"
          "\n"
          "Commandes :\n"
          "  rules                 liste les campagnes connues, leur statut et leur période de "
          "saisie\n"
          "  rules show ANNÉE      affiche les indicateurs d'une campagne : points, seuils, type, "
          "justificatifs\n"
          "  rules lint FICHIER... vérifie des fichiers de règles ou de listes (0 : sans erreur, "
          "2 : erreurs)\n"
          "  check [--json] [--today AAAA-MM-JJ] FICHIER...\n"
          "                        vérifie des déclarations : statut et points de chaque "
          "indicateur,\n"
          "                        total en euros, ce qui manque, messages (0 : complète, 1 : "
          "problèmes,\n"
          "                        2 : fichier illisible)\n"
          "  drafts                liste les brouillons : campagne, praticien, état, points, "
          "enregistrement, versions\n"
          "  new --campaign ANNÉE --rpps RPPS [--empty]\n"
          "                        crée le brouillon d'une campagne, repris de la déclaration de "
          "l'année\n"
          "                        précédente si elle existe (sauf --empty)\n"
          "  transmit BROUILLON|FICHIER\n"
          "                        transmet une version (même partielle) : numérotée, datée, avec "
          "son\n"
          "                        empreinte SHA-256 ; possible jusqu'à la clôture de la campagne\n"
          "  history BROUILLON|FICHIER\n"
          "                        liste les versions transmises et vérifie leur empreinte\n"
          "  recover ANNÉE-RPPS [--discard]\n"
          "                        récupère (ou abandonne) le travail non enregistré après un arrêt "
          "brutal\n"
          "  restore ANNÉE-RPPS    remet en place la version précédente d'un brouillon\n"
          "\n"
          "Options :\n"
          "  --rules-dir DOSSIER   lit les règles dans DOSSIER (sinon $FSDECL_RULES_DIR, puis les "
          "règles installées)\n"
          "  --data-dir DOSSIER    range les brouillons dans DOSSIER (sinon $FSDECL_DATA_DIR, "
          "puis\n"
          "                        $XDG_DATA_HOME/fsdecl, puis ~/.local/share/fsdecl)\n"
          "  -h, --help            affiche cette aide\n"
          "  -V, --version         affiche la version\n",
          f);
}

static int run(cli_options *o, const char *cmd, int argc, char **argv)
{
    static const char *const store_cmds[] = {"drafts", "new", "transmit", "history", "recover",
                                             "restore", NULL};
    if (strcmp(cmd, "rules") == 0)
        return cli_rules(o, argc, argv);
    if (strcmp(cmd, "check") == 0)
        return cli_check(o, argc, argv);
    for (int k = 0; store_cmds[k]; k++)
        if (strcmp(cmd, store_cmds[k]) == 0)
            return cli_store(o, cmd, argc, argv);
    if (strcmp(cmd, "help") == 0) {
        usage(stdout);
        return CLI_EXIT_OK;
    }
    fputs("fsdecl : commande inconnue : ", stderr);
    cli_put(stderr, cmd);
    fputs("\n\n", stderr);
    usage(stderr);
    return CLI_EXIT_ERROR;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C"); /* numbers are never read or written through the locale */

    cli_options o = {0};
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return CLI_EXIT_OK;
        } else if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
            printf("fsdecl %s\n", FSDECL_VERSION);
            return CLI_EXIT_OK;
        } else if (strcmp(a, "--rules-dir") == 0 && i + 1 < argc) {
            o.rules_dir = argv[++i];
        } else if (strncmp(a, "--rules-dir=", 12) == 0) {
            o.rules_dir = a + 12;
        } else if (strcmp(a, "--data-dir") == 0 && i + 1 < argc) {
            o.data_dir = argv[++i];
        } else if (strncmp(a, "--data-dir=", 11) == 0) {
            o.data_dir = a + 11;
        } else {
            fputs("fsdecl : option inconnue : ", stderr);
            cli_put(stderr, a);
            fputs("\n\n", stderr);
            usage(stderr);
            return CLI_EXIT_ERROR;
        }
    }
    paths_resolve(o.rules_dir, &o.paths);
    if (i >= argc) {
        usage(stdout);
        return CLI_EXIT_OK;
    }
    const char *cmd = argv[i];
    int rc = run(&o, cmd, argc - i - 1, argv + i + 1);
    cli_options_free(&o);
    return rc;
}
