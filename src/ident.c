/* ident: format and Luhn checks of RPPS, N° AM and FINESS identifiers. */
#include "fsdecl/ident.h"

#include <stddef.h>
#include <string.h>

#define RPPS_LEN 11
#define AM_LEN 9
#define FINESS_LEN 9

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_corsica_letter(char c)
{
    return c == 'A' || c == 'B';
}

/* Luhn over the n first characters of s, each a digit or (when letters_as_zero) 'A'/'B' counted
 * as 0. The caller has checked the characters. */
static bool luhn_ok(const char *s, size_t n, bool letters_as_zero)
{
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[n - 1 - i];
        unsigned d;
        if (letters_as_zero && is_corsica_letter(c))
            d = 0;
        else
            d = (unsigned)(c - '0');
        if (i % 2 == 1) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
    }
    return sum % 10 == 0;
}

bool ident_luhn(const char *digits)
{
    if (!digits || !*digits)
        return false;
    size_t n = strlen(digits);
    for (size_t i = 0; i < n; i++)
        if (!is_digit(digits[i]))
            return false;
    return luhn_ok(digits, n, false);
}

/* Steps 1 to 3 of the header's order: empty, a character allowed nowhere, length.
 * allow_letters: 'A' and 'B' may appear (their place is checked by the caller). */
static ident_status check_shape(const char *s, size_t want, bool allow_letters)
{
    if (!s || !*s)
        return IDENT_EMPTY;
    size_t n = 0;
    for (; s[n]; n++)
        if (!is_digit(s[n]) && !(allow_letters && is_corsica_letter(s[n])))
            return IDENT_BAD_CHARS;
    return n == want ? IDENT_OK : IDENT_BAD_LENGTH;
}

/* Characters 0 and 1: two digits, or "2A" / "2B". */
static bool departement_ok(const char *s)
{
    return is_digit(s[0]) && (is_digit(s[1]) || (s[0] == '2' && is_corsica_letter(s[1])));
}

ident_status ident_check_rpps(const char *s)
{
    ident_status st = check_shape(s, RPPS_LEN, false);
    if (st != IDENT_OK)
        return st;
    return luhn_ok(s, RPPS_LEN, false) ? IDENT_OK : IDENT_BAD_KEY;
}

ident_status ident_check_am(const char *s)
{
    ident_status st = check_shape(s, AM_LEN, true);
    if (st != IDENT_OK)
        return st;
    if (!departement_ok(s))
        return IDENT_BAD_CHARS;
    for (size_t i = 2; i < AM_LEN; i++)
        if (!is_digit(s[i]))
            return IDENT_BAD_CHARS;
    return s[2] == '1' ? IDENT_OK : IDENT_BAD_CATEGORY;
}

ident_status ident_check_finess(const char *s)
{
    ident_status st = check_shape(s, FINESS_LEN, true);
    if (st != IDENT_OK)
        return st;
    if (!departement_ok(s))
        return IDENT_BAD_CHARS;
    for (size_t i = 2; i < FINESS_LEN; i++)
        if (!is_digit(s[i]))
            return IDENT_BAD_CHARS;
    return luhn_ok(s, FINESS_LEN, true) ? IDENT_OK : IDENT_BAD_KEY;
}

/* One sentence per status, in ident_status order. */
typedef struct {
    const char *kind;
    const char *text[IDENT_BAD_CATEGORY + 1];
} message_set;

static const message_set messages[] = {
    {"RPPS",
     {
         "le numéro RPPS est valide",
         "le numéro RPPS n'est pas renseigné",
         "le numéro RPPS doit compter 11 chiffres",
         "le numéro RPPS ne doit contenir que des chiffres, sans espaces",
         "la clé du numéro RPPS est incorrecte : vérifiez la saisie",
         "le numéro RPPS n'est pas valide",
     }},
    {"N° AM",
     {
         "le N° AM est valide",
         "le N° AM n'est pas renseigné",
         "le N° AM doit compter 9 caractères",
         "le N° AM ne doit contenir que des chiffres, sans espaces, sauf 2A ou 2B en tête pour "
         "la Corse",
         "la clé du N° AM est incorrecte : vérifiez la saisie",
         "le 3e caractère du N° AM doit être 1 (médecin)",
     }},
    {"FINESS",
     {
         "le numéro FINESS est valide",
         "le numéro FINESS n'est pas renseigné",
         "le numéro FINESS doit compter 9 caractères",
         "le numéro FINESS ne doit contenir que des chiffres, sans espaces, sauf 2A ou 2B en "
         "tête pour la Corse",
         "la clé du numéro FINESS est incorrecte : vérifiez la saisie",
         "le numéro FINESS n'est pas valide",
     }},
};

static const message_set generic = {
    NULL,
    {
        "l'identifiant est valide",
        "l'identifiant n'est pas renseigné",
        "l'identifiant n'a pas le bon nombre de caractères",
        "l'identifiant contient un caractère non autorisé",
        "la clé de contrôle de l'identifiant est incorrecte",
        "la catégorie de l'identifiant est incorrecte",
    },
};

/* Each identifier once: what may be typed, its length, and what a user is told about it (what it
 * is, where to find it, its format, as the checks above read it). */
static const struct {
    const char *kind, *chars;
    size_t length;
    const char *help;
} shapes[] = {
    {"RPPS", "0123456789", RPPS_LEN,
     "Le N° RPPS (Répertoire partagé des professionnels de santé) vous identifie comme "
     "professionnel de santé, pour toute votre carrière. Il figure sur votre carte CPS et dans "
     "l'Annuaire santé d'ameli.fr.\n"
     "Format : 11 chiffres, le dernier étant une clé de contrôle : une clé fausse est signalée."},
    {"N° AM", "0123456789AB", AM_LEN,
     "Le N° AM (numéro Assurance Maladie) identifie le cabinet auprès de la caisse : un médecin "
     "qui exerce dans plusieurs cabinets en a un par cabinet. Il figure sur vos feuilles de soins "
     "et dans Amelipro.\n"
     "Format : 9 caractères : le département (2 chiffres, 2A ou 2B en Corse), la catégorie (1 pour "
     "un médecin), 5 chiffres de numéro d'ordre, puis une clé."},
    {"FINESS", "0123456789AB", FINESS_LEN,
     "Le N° FINESS identifie l'établissement de santé dont vous utilisez le dossier patient "
     "informatisé (DPI) ; l'établissement vous le donne.\n"
     "Format : 9 caractères, des chiffres (2A ou 2B en tête en Corse), le dernier étant une clé de "
     "contrôle."},
};

static size_t shape_of(const char *kind)
{
    for (size_t i = 0; kind && i < sizeof shapes / sizeof shapes[0]; i++)
        if (strcmp(kind, shapes[i].kind) == 0)
            return i;
    return (size_t)-1;
}

bool ident_shape(const char *kind, const char **chars, size_t *length)
{
    size_t i = shape_of(kind);
    if (i == (size_t)-1)
        return false;
    *chars = shapes[i].chars;
    *length = shapes[i].length;
    return true;
}

const char *ident_help(const char *kind)
{
    size_t i = shape_of(kind);
    return i == (size_t)-1 ? NULL : shapes[i].help;
}

const char *ident_message(ident_status st, const char *kind)
{
    const message_set *set = &generic;
    if (kind)
        for (size_t i = 0; i < sizeof messages / sizeof messages[0]; i++)
            if (strcmp(kind, messages[i].kind) == 0)
                set = &messages[i];
    if ((unsigned)st > (unsigned)IDENT_BAD_CATEGORY)
        return "l'identifiant n'est pas valide";
    return set->text[st];
}
