/* actions: the wizard's one table of actions. Each action has its keys, the name shown for them,
 * a short French label (footer), a French help line (help screen, man page) and the places where
 * it applies. The key map, the footer and the help screen are generated from it. */
#ifndef FSDECL_SCREENS_ACTIONS_H
#define FSDECL_SCREENS_ACTIONS_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

/* Where an action applies. */
enum {
    CTX_HOME = 1 << 0,   /* the home screen */
    CTX_FORM = 1 << 1,   /* a declaration's tabs */
    CTX_FIELD = 1 << 2,  /* ... handled by the focused field (shown in help, not mapped here) */
    CTX_DIALOG = 1 << 3, /* a dialog box */
    CTX_ALL = CTX_HOME | CTX_FORM | CTX_DIALOG,
};

#define CTRL_KEY(c) ((c)&0x1f)
#define ACT_KEYS(...)                                                                              \
    {                                                                                              \
        __VA_ARGS__                                                                                \
    }

/* X(CONSTANT, (keys, ...), "keys as shown", "label", "help", where, in the footer) */
#define WIZ_ACTIONS(X)                                                                             \
    X(ACT_HELP, (KEY_F(1), '?'), "F1 ?", "Aide",                                                   \
      "l'aide de l'indicateur ou du champ, puis la liste des touches", CTX_HOME | CTX_FORM, true)  \
    X(ACT_SAVE, (KEY_F(2), CTRL_KEY('s')), "F2 ^S", "Enregistrer", "enregistre le brouillon",      \
      CTX_FORM, true)                                                                              \
    X(ACT_MISSING, (KEY_F(3)), "F3", "Ce qui manque",                                              \
      "ce qui manque, classé par valeur en euros ; Entrée va au champ concerné", CTX_FORM, true)   \
    X(ACT_PDF, (KEY_F(6), CTRL_KEY('p')), "F6 ^P", "PDF",                                          \
      "écrit le récapitulatif en PDF dans votre dossier personnel", CTX_FORM, false)               \
    X(ACT_QUIT, (KEY_F(10), 'q'), "F10 q", "Quitter",                                              \
      "quitte ; demande d'abord s'il faut enregistrer", CTX_HOME | CTX_FORM, true)                 \
    X(ACT_NEXT_FIELD, ('\t', KEY_DOWN), "Tab ↓", "Suivant", "passe au champ suivant",              \
      CTX_FORM | CTX_HOME | CTX_DIALOG, true)                                                      \
    X(ACT_PREV_FIELD, (KEY_BTAB, KEY_UP), "Maj+Tab ↑", "Précédent", "revient au champ précédent",  \
      CTX_FORM | CTX_HOME | CTX_DIALOG, false)                                                     \
    X(ACT_NEXT_TAB, (KEY_NPAGE), "PgDn", "Onglet suivant", "passe à l'onglet suivant", CTX_FORM,   \
      false)                                                                                       \
    X(ACT_PREV_TAB, (KEY_PPAGE), "PgUp", "Onglet précédent", "revient à l'onglet précédent",       \
      CTX_FORM, false)                                                                             \
    X(ACT_GOTO_TAB, ('1', '2', '3', '4', '5'), "1-5", "Onglets",                                   \
      "va à l'onglet de ce numéro (hors d'un champ de texte)", CTX_FORM, true)                     \
    X(ACT_OPEN, ('\r', '\n', KEY_ENTER), "Entrée", "Ouvrir",                                       \
      "ouvre la déclaration choisie (la campagne close s'ouvre en lecture seule)", CTX_HOME, true) \
    X(ACT_NEW, ('n', KEY_F(5)), "n F5", "Nouvelle",                                                \
      "crée la déclaration d'une campagne, reprise de l'année précédente", CTX_HOME, true)         \
    X(ACT_READ_ONLY, ('l', KEY_F(6)), "l F6", "Lecture seule",                                     \
      "ouvre la déclaration choisie sans pouvoir la modifier", CTX_HOME, true)                     \
    X(ACT_ENTER, ('\r', '\n', KEY_ENTER), "Entrée", "Valider",                                     \
      "valide le champ, ouvre une liste ou active un bouton", CTX_ALL, false)                      \
    X(ACT_CANCEL, (27), "Échap", "Annuler",                                                        \
      "annule la saisie en cours du champ, ou ferme la fenêtre", CTX_ALL, false)                   \
    X(ACT_TOGGLE, (' '), "Espace", "Cocher", "coche ou décoche ; change une réponse oui/non",      \
      CTX_FIELD, false)                                                                            \
    X(ACT_ANSWER, ('o', 'n'), "o/n", "Oui/Non", "répond oui ou non (y aussi pour oui)", CTX_FIELD, \
      false)                                                                                       \
    X(ACT_REDRAW, (CTRL_KEY('l')), "^L", "Redessiner", "redessine l'écran", CTX_ALL, false)        \
    X(ACT_INTERRUPT, (CTRL_KEY('c')), "^C", "Quitter",                                             \
      "comme F10 : propose d'enregistrer avant de quitter", CTX_ALL, false)

#define ACT_ENUM(constant, keys, shown, label, help, where, footer) constant,
typedef enum { WIZ_ACTIONS(ACT_ENUM) ACT_NONE } wiz_action;
#undef ACT_ENUM

typedef struct {
    wiz_action id;
    int keys[6]; /* 0 ends the list */
    const char *shown, *label, *help;
    unsigned where;
    bool footer;
} action_info;

const action_info *action_info_of(wiz_action a);
/* The action key means where (CTX_HOME, CTX_FORM, CTX_DIALOG), or ACT_NONE. */
wiz_action action_for_key(int key, unsigned where);
/* The footer of context where, fitted to width columns: "F1 Aide  F2 Enregistrer ...". */
void action_footer(unsigned where, int width, char *buf, size_t size);
/* The keys of these actions with their labels, for a dialog's bottom border:
 * " Entrée Valider · Échap Annuler ". */
void action_hint(const wiz_action *acts, size_t n, char *buf, size_t size);
/* Every action with its keys and help, one a line ("F1 ?  Aide : ..."), for the help screen. */
size_t action_help_lines(char lines[][160], size_t max);

#endif
