/* actions: the wizard's key maps, as data. An action has a French label (footer) and help line
 * (help screen, man page); a key map binds keys to actions in one context (a text field, a choice
 * list, a box or a yes/no answer, the home list, a dialog, its buttons, the declaration, and the
 * keys that work everywhere). A screen resolves a key through a stack of maps: the focused field's
 * map first, then the screen's, then the global one. The footer, the help screen and the man
 * page's list of keys are generated from the maps.
 *
 * Keys that navigate (tabs, save, quit) are in the declaration's and the global maps only, never
 * in a field's: what they do never depends on the kind of field that has the focus. Digits and
 * letters are commands only where nothing is typed (the home list, a box, the buttons). */
#ifndef FSDECL_SCREENS_ACTIONS_H
#define FSDECL_SCREENS_ACTIONS_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "keys.h"
#include "widgets/field.h"

/* X(CONSTANT, "label", "help", the stacks of key maps it must be reachable in: ON_ below) */
#define WIZ_ACTIONS(X)                                                                             \
    X(ACT_HELP, "Aide", "l'aide de l'indicateur ou du champ, puis la liste des touches",           \
      ON_FIELDS | ON_HOME | ON_(DIALOG))                                                           \
    X(ACT_QUIT, "Quitter", "quitte ou ferme la fenêtre ; demande d'abord s'il faut enregistrer",   \
      ON_ALL)                                                                                      \
    X(ACT_INTERRUPT, "Quitter", "comme F10", ON_ALL)                                               \
    X(ACT_REDRAW, "Redessiner", "redessine l'écran", ON_ALL)                                       \
    X(ACT_SAVE, "Enregistrer", "enregistre le brouillon", ON_FIELDS)                               \
    X(ACT_MISSING, "Ce qui manque",                                                                \
      "ce qui manque, classé par valeur en euros ; Entrée va au champ concerné", ON_FIELDS)        \
    X(ACT_PDF, "PDF", "écrit le récapitulatif en PDF dans votre dossier personnel", ON_FIELDS)     \
    X(ACT_SHEET, "Amelipro", "ce qu'il faut reporter sur Amelipro, à lire ou à imprimer en PDF",   \
      ON_FIELDS)                                                                                   \
    X(ACT_DECLARED, "Déclarée",                                                                    \
      "note que la version finalisée a été déclarée sur Amelipro ou envoyée par "            \
      "le formulaire papier, ou efface cette mention",                                             \
      ON_FIELDS | ON_(SHEET))                                                                      \
    X(ACT_SHEET_PDF, "PDF",                                                                        \
      "écrit la fiche « à reporter sur Amelipro » en PDF dans votre dossier personnel",            \
      ON_(SHEET))                                                                                  \
    X(ACT_CLOSE, "Fermer", "ferme la fiche et revient à la déclaration", ON_(SHEET))               \
    X(ACT_PAGE_UP, "Page précédente", "remonte d'une page", ON_(SHEET))                            \
    X(ACT_PAGE_DOWN, "Page suivante", "descend d'une page", ON_(SHEET))                            \
    X(ACT_NEXT, "Suivant",                                                                         \
      "passe au champ ou à la ligne suivante ; après le dernier champ, à l'onglet suivant",        \
      ON_FIELDS | ON_HOME)                                                                         \
    X(ACT_PREV, "Précédent",                                                                       \
      "revient au champ ou à la ligne précédente ; avant le premier champ, à l'onglet précédent",  \
      ON_FIELDS | ON_HOME)                                                                         \
    X(ACT_NEXT_TAB, "Onglet suivant", "passe à l'onglet suivant", ON_FIELDS)                       \
    X(ACT_PREV_TAB, "Onglet précédent", "revient à l'onglet précédent", ON_FIELDS)                 \
    X(ACT_GOTO_TAB, "Onglets", "va à l'onglet de ce numéro, quel que soit le champ", ON_FIELDS)    \
    X(ACT_ENTER, "Valider", "valide le champ, ouvre une liste, active un bouton",                  \
      ON_FIELDS | ON_DIALOGS)                                                                      \
    X(ACT_CANCEL, "Annuler", "annule la saisie en cours du champ, ou ferme la fenêtre",            \
      ON_FIELDS | ON_DIALOGS)                                                                      \
    X(ACT_OPEN, "Ouvrir", "ouvre la déclaration choisie (la campagne close en lecture seule)",     \
      ON_HOME)                                                                                     \
    X(ACT_NEW, "Nouvelle", "crée la déclaration d'une campagne, reprise de l'année précédente",    \
      ON_HOME)                                                                                     \
    X(ACT_READ_ONLY, "Lecture seule", "ouvre la déclaration choisie sans pouvoir la modifier",     \
      ON_HOME)                                                                                     \
    X(ACT_CAMPAIGN, "Campagne",                                                                    \
      "choisit la campagne montrée : ses déclarations, et celle que n crée", ON_HOME)              \
    X(ACT_RENAME, "Corriger le RPPS",                                                              \
      "corrige le numéro RPPS de la déclaration choisie (avec ses versions)", ON_HOME)             \
    X(ACT_DELETE_DRAFT, "Supprimer",                                                               \
      "met la déclaration choisie à la corbeille, d'où elle peut être restaurée", ON_HOME)         \
    X(ACT_TRASH, "Corbeille", "les déclarations supprimées ; Entrée restaure la choisie", ON_HOME) \
    X(ACT_TYPE, "Saisir", "le caractère tapé entre dans le champ", ON_TEXTS)                       \
    X(ACT_FILTER, "Chercher", "le caractère tapé affine la liste", ON_LISTS)                       \
    X(ACT_PASTE, "Coller", "le texte collé entre dans le champ", ON_TEXTS | ON_LISTS)              \
    X(ACT_LEFT, "Gauche", "déplace le curseur d'un caractère", ON_TEXTS)                           \
    X(ACT_RIGHT, "Droite", "déplace le curseur d'un caractère", ON_TEXTS)                          \
    X(ACT_WORD_LEFT, "Mot précédent", "déplace le curseur d'un mot", ON_TEXTS)                     \
    X(ACT_WORD_RIGHT, "Mot suivant", "déplace le curseur d'un mot", ON_TEXTS)                      \
    X(ACT_LINE_START, "Début", "va au début du champ", ON_TEXTS)                                   \
    X(ACT_LINE_END, "Fin", "va à la fin du champ", ON_TEXTS)                                       \
    X(ACT_BACKSPACE, "Effacer", "efface le caractère avant le curseur", ON_TEXTS | ON_LISTS)       \
    X(ACT_DELETE, "Supprimer", "efface le caractère sous le curseur", ON_TEXTS)                    \
    X(ACT_KILL_END, "Effacer la fin", "efface du curseur à la fin du champ", ON_TEXTS)             \
    X(ACT_KILL_START, "Effacer le début", "efface du début du champ au curseur", ON_TEXTS)         \
    X(ACT_TOGGLE, "Cocher", "coche ou décoche ; change une réponse oui/non", ON_(CHECK))           \
    X(ACT_YES, "Oui", "répond oui, ou coche la case", ON_(CHECK))                                  \
    X(ACT_NO, "Non", "répond non, ou décoche la case", ON_(CHECK))                                 \
    X(ACT_UNSET, "Sans réponse", "retire la réponse", ON_(CHECK))                                  \
    X(ACT_CHOICE_PREV, "Choix précédent", "choisit la réponse de gauche", ON_(CHECK))              \
    X(ACT_CHOICE_NEXT, "Choix suivant", "choisit la réponse de droite", ON_(CHECK))                \
    X(ACT_UP, "Monter", "monte dans la liste ou le texte",                                         \
      ON_(ASK) | ON_(PICK) | ON_(DIALOG) | ON_(SHEET))                                             \
    X(ACT_DOWN, "Descendre", "descend dans la liste ou le texte",                                  \
      ON_(ASK) | ON_(PICK) | ON_(DIALOG) | ON_(SHEET))                                             \
    X(ACT_BUTTON_PREV, "Bouton précédent", "passe au bouton précédent", ON_(ASK))                  \
    X(ACT_BUTTON_NEXT, "Bouton suivant", "passe au bouton suivant", ON_(ASK))                      \
    X(ACT_BUTTON_LETTER, "Initiale", "active le bouton qui commence par cette lettre", ON_(ASK))

#define ACT_ENUM(constant, label, help, claims) constant,
typedef enum { WIZ_ACTIONS(ACT_ENUM) ACT_NONE } wiz_action;
#undef ACT_ENUM

/* X(CONSTANT, "title", its bindings in actions.c) */
#define KEYMAPS(X)                                                                                 \
    X(KEYMAP_GLOBAL, "Partout", GLOBAL)                                                            \
    X(KEYMAP_FORM, "Dans la déclaration, quel que soit le champ", FORM)                            \
    X(KEYMAP_TEXT, "Dans un champ de texte (déclaration ou fenêtre)", TEXT)                        \
    X(KEYMAP_CHOICE, "Dans une liste à choisir (tapez pour chercher)", CHOICE)                     \
    X(KEYMAP_CHECK, "Sur une case, une réponse oui/non ou quelques choix", CHECK)                  \
    X(KEYMAP_LIST, "Sur l'accueil", LIST)                                                          \
    X(KEYMAP_DIALOG, "Dans une fenêtre", DIALOG)                                                   \
    X(KEYMAP_BUTTONS, "Sur les boutons d'une fenêtre", BUTTONS)                                    \
    X(KEYMAP_SHEET, "Dans la fiche « à reporter sur Amelipro »", SHEET)

#define KEYMAP_ENUM(constant, title, entries) constant,
typedef enum { KEYMAPS(KEYMAP_ENUM) KEYMAP_COUNT } keymap_id;
#undef KEYMAP_ENUM

/* The stacks of maps the screens resolve keys through, the first map first; X(CONSTANT, family,
 * maps...). The stacks of one family (the declaration's fields, the dialogs) must agree on every
 * action they share: a key that does it on one field does it on every other. */
#define KEYMAP_STACKS(X)                                                                           \
    X(KEYS_ON_TEXT, 1, KEYMAP_TEXT, KEYMAP_FORM, KEYMAP_GLOBAL)                                    \
    X(KEYS_ON_CHOICE, 1, KEYMAP_CHOICE, KEYMAP_FORM, KEYMAP_GLOBAL)                                \
    X(KEYS_ON_CHECK, 1, KEYMAP_CHECK, KEYMAP_FORM, KEYMAP_GLOBAL)                                  \
    X(KEYS_ON_FORM, 1, KEYMAP_FORM, KEYMAP_GLOBAL)                                                 \
    X(KEYS_ON_HOME, 2, KEYMAP_LIST, KEYMAP_GLOBAL)                                                 \
    X(KEYS_ON_ASK, 3, KEYMAP_BUTTONS, KEYMAP_DIALOG, KEYMAP_GLOBAL)                                \
    X(KEYS_ON_INPUT, 3, KEYMAP_TEXT, KEYMAP_DIALOG, KEYMAP_GLOBAL)                                 \
    X(KEYS_ON_PICK, 3, KEYMAP_CHOICE, KEYMAP_DIALOG, KEYMAP_GLOBAL)                                \
    X(KEYS_ON_DIALOG, 3, KEYMAP_DIALOG, KEYMAP_GLOBAL)                                             \
    X(KEYS_ON_SHEET, 4, KEYMAP_SHEET, KEYMAP_GLOBAL)

#define KEYMAP_STACK_ENUM(constant, family, ...) constant,
typedef enum { KEYMAP_STACKS(KEYMAP_STACK_ENUM) KEYS_ON_COUNT } keymap_stack;
#undef KEYMAP_STACK_ENUM

enum { KEYMAP_MAX_KEYS = 12, KEYMAP_MAX_DEPTH = 3 };

/* The claims of WIZ_ACTIONS: bits of keymap_stack. */
#define ON_(stack) (1u << KEYS_ON_##stack)
#define ON_FIELDS (ON_(TEXT) | ON_(CHOICE) | ON_(CHECK) | ON_(FORM))
#define ON_HOME ON_(HOME)
#define ON_TEXTS (ON_(TEXT) | ON_(INPUT))
#define ON_LISTS (ON_(CHOICE) | ON_(PICK))
#define ON_DIALOGS (ON_(ASK) | ON_(INPUT) | ON_(PICK) | ON_(DIALOG))
#define ON_ALL (ON_FIELDS | ON_HOME | ON_DIALOGS | ON_(SHEET))

/* A binding: the keys of an action in one map, and how they are shown. chars: also every
 * character a key types (the keys listed then come first). */
typedef struct {
    wiz_action act;
    const char *shown;
    int keys[KEYMAP_MAX_KEYS]; /* 0 ends the list */
    bool chars;
} keymap_entry;

typedef struct {
    const char *title;
    const keymap_entry *entries;
    size_t n;
} keymap;

typedef struct {
    int family;
    keymap_id maps[KEYMAP_MAX_DEPTH];
    size_t n;
} keymap_stack_info;

const char *action_label(wiz_action a);
const char *action_help(wiz_action a);
/* The stacks (bits of keymap_stack) where a must be reachable. */
unsigned action_claims(wiz_action a);
const keymap *keymap_get(keymap_id id);
const keymap_stack_info *keymap_stack_get(keymap_stack s);
/* What key does through the stack, or ACT_NONE. */
wiz_action keymap_resolve(keymap_stack s, int key);
/* The footer: each action with the keys that reach it in the stack, fitted to width columns:
 * "F1 Aide  F2 ^S Enregistrer ...". */
void keymap_footer(keymap_stack s, const wiz_action *acts, size_t n, int width, char *buf,
                   size_t size);
/* The same, for a dialog's bottom border: " Entrée Valider · Échap Annuler ". */
void keymap_hint(keymap_stack s, const wiz_action *acts, size_t n, char *buf, size_t size);
/* What an editing action of the text and choice maps does to a field (key: the character typed,
 * paste: the text pasted); FIELD_REFUSED for an action that is not one. *left_out counts the
 * characters of a paste the field refused. */
field_result action_apply(field_t *fl, wiz_action act, int key, const char *paste,
                          size_t *left_out);
/* Whether act is one of the editing actions action_apply carries out. */
bool action_edits(wiz_action act);
/* Every map, its title then one line a binding ("  F2 ^S       Enregistrer : ..."), for the help
 * screen; returns how many lines. */
size_t keymap_help_lines(char lines[][160], size_t max);

#endif
