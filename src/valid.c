#include "valid.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "fsdecl/decl.h"
#include "fsdecl/text.h"

bool valid_text(const char *key, const char *v, bool multiline, char *msg, size_t msg_size)
{
    if (!text_utf8_valid(v)) {
        snprintf(msg, msg_size, "« %s » n'est pas de l'UTF-8 valide", key);
        return false;
    }
    if (text_has_control(v, multiline)) {
        snprintf(msg, msg_size, "« %s » contient un caractère de contrôle", key);
        return false;
    }
    return true;
}

bool valid_is_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 48 || !(s[0] >= 'a' && s[0] <= 'z'))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return false;
    return true;
}

bool valid_id(const char *key, const char *v, char *msg, size_t msg_size)
{
    if (valid_is_id(v))
        return true;
    char safe[64];
    text_sanitize(v, false, safe, sizeof safe);
    snprintf(msg, msg_size,
             "identifiant « %s » invalide pour « %s » : lettres minuscules ASCII, chiffres et _, "
             "48 caractères au plus, commençant par une lettre",
             safe, key);
    return false;
}

bool valid_int(const char *key, int64_t v, int64_t min, int64_t max, char *msg, size_t msg_size)
{
    if (v >= min && v <= max)
        return true;
    snprintf(msg, msg_size, "« %s » vaut %" PRId64 " : hors des bornes %" PRId64 " à %" PRId64, key,
             v, min, max);
    return false;
}

bool valid_fraction(const char *key, int64_t num, int64_t den, char *msg, size_t msg_size)
{
    if (den > 0 && num >= 0 && num <= den)
        return true;
    snprintf(msg, msg_size,
             "« %s » vaut [%" PRId64 ", %" PRId64 "] : il faut 0 <= numérateur <= dénominateur "
             "et un dénominateur positif",
             key, num, den);
    return false;
}

bool valid_date(const char *key, date_t d, char *msg, size_t msg_size)
{
    if (date_is_valid(d))
        return true;
    snprintf(msg, msg_size, "date impossible « %04d-%02d-%02d » pour « %s »", d.year, d.month,
             d.day, key);
    return false;
}

bool valid_typing(const char *field, const char *text, char *msg, size_t msg_size)
{
    size_t n = strlen(field);
    if (n == 0 || n > DECL_TYPING_FIELD_MAX || strspn(field, DECL_TYPING_FIELD_CHARS) != n) {
        char safe[64];
        text_sanitize(field, false, safe, sizeof safe);
        snprintf(msg, msg_size,
                 "champ de saisie « %s » invalide : lettres minuscules ASCII, chiffres, _ : / -, "
                 "%d caractères au plus",
                 safe, DECL_TYPING_FIELD_MAX);
        return false;
    }
    if (!valid_text("text", text, false, msg, msg_size))
        return false;
    if (strlen(text) > DECL_TYPING_TEXT_MAX) {
        snprintf(msg, msg_size, "saisie trop longue pour le champ « %s » (%d octets au plus)",
                 field, DECL_TYPING_TEXT_MAX);
        return false;
    }
    return true;
}
