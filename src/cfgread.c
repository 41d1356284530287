#include "cfgread.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsdecl/fileio.h"
#include "fsdecl/text.h"
#include "valid.h"

static void add(cfg_doc *doc, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void add(cfg_doc *doc, int line, const char *fmt, ...)
{
    char buf[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    diag_add(doc->diag, doc->file, line, "%s", buf);
}

int cfg_line(const config_setting_t *s)
{
    return s ? (int)config_setting_source_line(s) : 0;
}

void cfg_error(cfg_doc *doc, const config_setting_t *at, const char *fmt, ...)
{
    char buf[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    diag_add(doc->diag, doc->file, cfg_line(at), "%s", buf);
}

size_t cfg_error_count(const cfg_doc *doc)
{
    return doc->diag->count + doc->diag->dropped;
}

/* Checks the raw text for what libconfig would accept silently or report badly: a byte-order
 * mark, NUL bytes, @include, integer literals that do not fit in 32 bits, more keys than
 * CFG_MAX_SETTINGS (libconfig would take minutes over them), groups or lists nested deeper than
 * CFG_MAX_DEPTH (its parser would give up in English). */
static bool prescan(cfg_doc *doc, const char *t, size_t len)
{
    if (len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0) {
        add(doc, 1,
            "marque d'ordre des octets (BOM) en tête de fichier : enregistrez-le en UTF-8 "
            "sans BOM");
        return false;
    }
    if (memchr(t, '\0', len)) {
        add(doc, 0, "octet nul dans le fichier : ce n'est pas un fichier texte");
        return false;
    }
    bool ok = true;
    int line = 1;
    size_t i = 0, settings = 0;
    int depth = 0;
    while (i < len) {
        char c = t[i];
        if ((c == '{' || c == '(' || c == '[') && ++depth > CFG_MAX_DEPTH) {
            add(doc, line,
                "imbrication trop profonde : plus de %d groupes ou listes les uns dans les autres, "
                "ce n'est pas un fichier de fsdecl (une déclaration en imbrique quelques-uns)",
                CFG_MAX_DEPTH);
            return false;
        }
        if ((c == '}' || c == ')' || c == ']') && depth > 0)
            depth--;
        if ((c == '=' || c == ':') && ++settings > CFG_MAX_SETTINGS) {
            add(doc, line,
                "trop de clés : plus de %d dans le fichier, ce n'est pas un fichier de "
                "fsdecl (une déclaration en compte quelques centaines)",
                CFG_MAX_SETTINGS);
            return false;
        }
        if (c == '\n') {
            line++;
            i++;
        } else if (c == '"') {
            /* A string ends on its own line (line breaks are written \n): an unterminated one is
             * reported where it opens, before libconfig (which would leak its buffer). */
            for (i++; i < len && t[i] != '"' && t[i] != '\n'; i++)
                if (t[i] == '\\' && i + 1 < len && t[i + 1] != '\n')
                    i++;
            if (i >= len || t[i] == '\n') {
                add(doc, line,
                    "chaîne non terminée : il manque le guillemet fermant sur cette ligne "
                    "(un saut de ligne dans un texte s'écrit \\n)");
                return false;
            }
            i++;
        } else if (c == '#' || (c == '/' && i + 1 < len && t[i + 1] == '/')) {
            while (i < len && t[i] != '\n')
                i++;
        } else if (c == '/' && i + 1 < len && t[i + 1] == '*') {
            for (i += 2; i < len && !(t[i] == '*' && i + 1 < len && t[i + 1] == '/'); i++)
                if (t[i] == '\n')
                    line++;
            i += 2;
        } else if (c == '@') {
            size_t w = i + 1;
            while (w < len && w - i < 20 && t[w] >= 'a' && t[w] <= 'z')
                w++;
            add(doc, line, "directive « @%.*s » non autorisée : un fichier n'en inclut pas d'autre",
                (int)(w - i - 1), t + i + 1);
            ok = false;
            while (i < len && t[i] != '\n')
                i++;
        } else if (c >= '0' && c <= '9' &&
                   (i == 0 || !(t[i - 1] == '_' || t[i - 1] == '.' || t[i - 1] == '*' ||
                                (t[i - 1] >= 'a' && t[i - 1] <= 'z') ||
                                (t[i - 1] >= 'A' && t[i - 1] <= 'Z')))) {
            size_t start = i;
            bool hex = c == '0' && i + 1 < len && (t[i + 1] == 'x' || t[i + 1] == 'X');
            if (hex)
                i += 2;
            uint64_t v = 0;
            bool big = false;
            for (; i < len; i++) {
                int d;
                char ch = t[i];
                if (ch >= '0' && ch <= '9')
                    d = ch - '0';
                else if (hex && ch >= 'a' && ch <= 'f')
                    d = ch - 'a' + 10;
                else if (hex && ch >= 'A' && ch <= 'F')
                    d = ch - 'A' + 10;
                else
                    break;
                if (!big) {
                    v = v * (hex ? 16u : 10u) + (uint64_t)d;
                    if (v > INT32_MAX)
                        big = true;
                }
            }
            bool is_float = i < len && (t[i] == '.' || t[i] == 'e' || t[i] == 'E');
            if (big && !is_float) {
                int n = (int)(i - start);
                add(doc, line, "entier %.*s trop grand : au plus 2147483647", n > 30 ? 30 : n,
                    t + start);
                ok = false;
            }
            while (i < len && (t[i] == 'L' || t[i] == '.' || t[i] == 'e' || t[i] == 'E' ||
                               (t[i] >= '0' && t[i] <= '9')))
                i++;
        } else {
            i++;
        }
    }
    return ok;
}

static const char *french_libconfig_error(const char *msg)
{
    if (!msg)
        return "erreur de lecture";
    if (strcmp(msg, "syntax error") == 0)
        return "erreur de syntaxe";
    if (strcmp(msg, "duplicate setting name") == 0)
        return "clé en double";
    if (strcmp(msg, "file I/O error") == 0)
        return "erreur de lecture";
    if (strcmp(msg, "memory exhausted") == 0)
        return "mémoire insuffisante pour lire ce fichier";
    return NULL;
}

bool cfg_open_text(cfg_doc *doc, const char *text, size_t len, const char *display, diag_list *d,
                   arena_t *a)
{
    memset(doc, 0, sizeof *doc);
    doc->file = display;
    doc->diag = d;
    doc->arena = a;
    config_init(&doc->cfg);
    doc->parsed = true; /* config_destroy is due from here on */
    if (len > CFG_MAX_FILE_SIZE) {
        add(doc, 0, "fichier trop volumineux (%zu octets, au plus %d)", len, CFG_MAX_FILE_SIZE);
        return false;
    }
    if (!prescan(doc, text, len))
        return false;
    char *copy = malloc(len + 1);
    if (!copy) {
        add(doc, 0, "mémoire insuffisante");
        return false;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    int ok = config_read_string(&doc->cfg, copy);
    free(copy);
    if (!ok) {
        const char *fr = french_libconfig_error(config_error_text(&doc->cfg));
        if (fr)
            add(doc, config_error_line(&doc->cfg), "%s", fr);
        else
            add(doc, config_error_line(&doc->cfg), "erreur de syntaxe (%s)",
                config_error_text(&doc->cfg));
        return false;
    }
    return true;
}

bool cfg_open(cfg_doc *doc, const char *path, const char *display, diag_list *d, arena_t *a)
{
    memset(doc, 0, sizeof *doc);
    doc->file = display ? display : path;
    doc->diag = d;
    doc->arena = a;
    size_t len;
    int err = 0;
    char *buf = fileio_read(path, CFG_MAX_FILE_SIZE, false, &len, &err);
    if (!buf) {
        if (err == EFBIG)
            add(doc, 0, "fichier trop volumineux (%zu octets, au plus %d)", len, CFG_MAX_FILE_SIZE);
        else if (err == EINVAL)
            add(doc, 0, "ce n'est pas un fichier ordinaire");
        else
            add(doc, 0, "ouverture impossible : %s", strerror(err));
        return false;
    }
    bool ok = cfg_open_text(doc, buf, len, doc->file, d, a);
    free(buf);
    return ok;
}

void cfg_close(cfg_doc *doc)
{
    if (doc->parsed)
        config_destroy(&doc->cfg);
    doc->parsed = false;
}

const config_setting_t *cfg_root(const cfg_doc *doc)
{
    return config_root_setting(&doc->cfg);
}

void cfg_check_keys(cfg_doc *doc, const config_setting_t *group, const char *const *allowed)
{
    if (!group || !config_setting_is_group(group))
        return;
    int n = config_setting_length(group);
    for (int i = 0; i < n; i++) {
        const config_setting_t *s = config_setting_get_elem(group, (unsigned)i);
        const char *name = config_setting_name(s);
        bool known = false;
        for (const char *const *k = allowed; *k; k++)
            if (strcmp(*k, name) == 0) {
                known = true;
                break;
            }
        if (!known)
            cfg_error(doc, s, "clé inconnue « %s »", name);
    }
}

static const char *type_name(int type)
{
    switch (type) {
    case CONFIG_TYPE_GROUP: return "un groupe { }";
    case CONFIG_TYPE_INT:
    case CONFIG_TYPE_INT64: return "un entier";
    case CONFIG_TYPE_FLOAT: return "un nombre à virgule";
    case CONFIG_TYPE_STRING: return "une chaîne";
    case CONFIG_TYPE_BOOL: return "un booléen";
    case CONFIG_TYPE_ARRAY: return "un tableau [ ]";
    case CONFIG_TYPE_LIST: return "une liste ( )";
    default: return "une valeur inconnue";
    }
}

/* Finds key in g; reports a missing required key at g's line. */
static const config_setting_t *lookup(cfg_doc *doc, const config_setting_t *g, const char *key,
                                      unsigned flags)
{
    const config_setting_t *s = g ? config_setting_get_member(g, key) : NULL;
    if (!s && (flags & (CFG_REQUIRED | CFG_PRESENT))) {
        const char *gname = g ? config_setting_name(g) : NULL;
        if (!gname && g && config_setting_parent(g))
            gname = config_setting_name(config_setting_parent(g));
        if (gname)
            cfg_error(doc, g, "clé obligatoire « %s » absente dans « %s »", key, gname);
        else
            cfg_error(doc, g, "clé obligatoire « %s » absente", key);
    }
    return s;
}

static bool want_type(cfg_doc *doc, const config_setting_t *s, const char *key, int type,
                      const char *expected)
{
    int t = config_setting_type(s);
    if (t == type)
        return true;
    cfg_error(doc, s, "« %s » doit être %s, pas %s", key, expected, type_name(t));
    return false;
}

static bool check_text(cfg_doc *doc, const config_setting_t *s, const char *key, const char *v,
                       unsigned flags)
{
    char msg[VALID_MSG_MAX];
    if (valid_text(key, v, flags & CFG_MULTILINE, msg, sizeof msg))
        return true;
    cfg_error(doc, s, "%s", msg);
    return false;
}

bool cfg_get_string(cfg_doc *doc, const config_setting_t *g, const char *key, unsigned flags,
                    const char **out)
{
    const config_setting_t *s = lookup(doc, g, key, flags);
    if (!s || !want_type(doc, s, key, CONFIG_TYPE_STRING, "une chaîne entre guillemets"))
        return false;
    const char *v = config_setting_get_string(s);
    if (!check_text(doc, s, key, v, flags))
        return false;
    if ((flags & CFG_REQUIRED) && v[0] == '\0') {
        cfg_error(doc, s, "« %s » est vide", key);
        return false;
    }
    *out = arena_strdup(doc->arena, v);
    return *out != NULL;
}

static bool check_id(cfg_doc *doc, const config_setting_t *s, const char *key, const char *v)
{
    char msg[VALID_MSG_MAX];
    if (valid_id(key, v, msg, sizeof msg))
        return true;
    cfg_error(doc, s, "%s", msg);
    return false;
}

bool cfg_get_id(cfg_doc *doc, const config_setting_t *g, const char *key, unsigned flags,
                const char **out)
{
    const config_setting_t *s = lookup(doc, g, key, flags);
    if (!s || !want_type(doc, s, key, CONFIG_TYPE_STRING, "une chaîne entre guillemets"))
        return false;
    const char *v = config_setting_get_string(s);
    if (!check_id(doc, s, key, v))
        return false;
    *out = arena_strdup(doc->arena, v);
    return *out != NULL;
}

static bool int_value(cfg_doc *doc, const config_setting_t *s, const char *key, int64_t *v)
{
    int t = config_setting_type(s);
    if (t == CONFIG_TYPE_INT64) {
        cfg_error(doc, s, "« %s » : entier trop grand, au plus 2147483647", key);
        return false;
    }
    if (t == CONFIG_TYPE_FLOAT) {
        cfg_error(doc, s, "« %s » doit être un entier : les nombres à virgule ne sont pas acceptés",
                  key);
        return false;
    }
    if (!want_type(doc, s, key, CONFIG_TYPE_INT, "un entier"))
        return false;
    *v = config_setting_get_int(s);
    return true;
}

bool cfg_get_int(cfg_doc *doc, const config_setting_t *g, const char *key, unsigned flags,
                 int64_t min, int64_t max, int64_t *out)
{
    const config_setting_t *s = lookup(doc, g, key, flags);
    int64_t v;
    if (!s || !int_value(doc, s, key, &v))
        return false;
    char msg[VALID_MSG_MAX];
    if (!valid_int(key, v, min, max, msg, sizeof msg)) {
        cfg_error(doc, s, "%s", msg);
        return false;
    }
    *out = v;
    return true;
}

bool cfg_get_bool(cfg_doc *doc, const config_setting_t *g, const char *key, unsigned flags,
                  bool *out)
{
    const config_setting_t *s = lookup(doc, g, key, flags);
    if (!s || !want_type(doc, s, key, CONFIG_TYPE_BOOL, "un booléen (true ou false)"))
        return false;
    *out = config_setting_get_bool(s) != 0;
    return true;
}

bool cfg_get_date(cfg_doc *doc, const config_setting_t *g, const char *key, unsigned flags,
                  date_t *out)
{
    const config_setting_t *s = lookup(doc, g, key, flags);
    if (!s || !want_type(doc, s, key, CONFIG_TYPE_STRING, "une date \"AAAA-MM-JJ\""))
        return false;
    const char *v = config_setting_get_string(s);
    char safe[64];
    text_sanitize(v, false, safe, sizeof safe);
    switch (date_parse(v, out)) {
    case DATE_OK: return true;
    case DATE_MALFORMED:
        cfg_error(doc, s, "date « %s » mal formée pour « %s » : attendu AAAA-MM-JJ", safe, key);
        return false;
    case DATE_IMPOSSIBLE:
    default: cfg_error(doc, s, "date impossible « %s » pour « %s »", safe, key); return false;
    }
}

bool cfg_get_fraction(cfg_doc *doc, const config_setting_t *g, const char *key, unsigned flags,
                      int64_t *num, int64_t *den)
{
    const config_setting_t *s = lookup(doc, g, key, flags);
    if (!s || !want_type(doc, s, key, CONFIG_TYPE_ARRAY, "une fraction [numérateur, dénominateur]"))
        return false;
    if (config_setting_length(s) != 2) {
        cfg_error(doc, s, "« %s » doit avoir deux entiers [numérateur, dénominateur]", key);
        return false;
    }
    int64_t n, d;
    if (!int_value(doc, config_setting_get_elem(s, 0), key, &n) ||
        !int_value(doc, config_setting_get_elem(s, 1), key, &d))
        return false;
    char msg[VALID_MSG_MAX];
    if (!valid_fraction(key, n, d, msg, sizeof msg)) {
        cfg_error(doc, s, "%s", msg);
        return false;
    }
    *num = n;
    *den = d;
    return true;
}

bool cfg_get_enum(cfg_doc *doc, const config_setting_t *g, const char *key, unsigned flags,
                  const vocab_t *v, int *out)
{
    const config_setting_t *s = lookup(doc, g, key, flags);
    if (!s || !want_type(doc, s, key, CONFIG_TYPE_STRING, "une chaîne entre guillemets"))
        return false;
    const char *value = config_setting_get_string(s);
    int i = vocab_find(v, value);
    if (i >= 0) {
        *out = i;
        return true;
    }
    char safe[64], list[512];
    text_sanitize(value, false, safe, sizeof safe);
    vocab_list_ids(v, list, sizeof list);
    cfg_error(doc, s, "valeur « %s » inconnue pour « %s » : attendu %s", safe, key, list);
    return false;
}

const config_setting_t *cfg_get_group(cfg_doc *doc, const config_setting_t *g, const char *key,
                                      unsigned flags)
{
    const config_setting_t *s = lookup(doc, g, key, flags);
    if (!s || !want_type(doc, s, key, CONFIG_TYPE_GROUP, "un groupe { }"))
        return NULL;
    return s;
}

const config_setting_t *cfg_get_list(cfg_doc *doc, const config_setting_t *g, const char *key,
                                     unsigned flags)
{
    const config_setting_t *s = lookup(doc, g, key, flags);
    if (!s || !want_type(doc, s, key, CONFIG_TYPE_LIST, "une liste ( { }, { } )"))
        return NULL;
    int n = config_setting_length(s);
    bool ok = true;
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
            cfg_error(doc, e, "les éléments de « %s » doivent être des groupes { }", key);
            ok = false;
        }
    }
    if ((flags & CFG_REQUIRED) && n == 0) {
        cfg_error(doc, s, "« %s » est vide", key);
        ok = false;
    }
    return ok ? s : NULL;
}

bool cfg_get_strings(cfg_doc *doc, const config_setting_t *g, const char *key, unsigned flags,
                     bool ids, const char ***out, size_t *count)
{
    const config_setting_t *s = lookup(doc, g, key, flags);
    if (!s)
        return false;
    int t = config_setting_type(s);
    if (t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST) {
        cfg_error(doc, s, "« %s » doit être un tableau de chaînes [\"a\", \"b\"], pas %s", key,
                  type_name(t));
        return false;
    }
    int n = config_setting_length(s);
    const char **v = arena_calloc(doc->arena, (size_t)n + 1, sizeof *v);
    if (!v)
        return false;
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        if (config_setting_type(e) != CONFIG_TYPE_STRING) {
            cfg_error(doc, s, "« %s » doit être un tableau de chaînes", key);
            return false;
        }
        const char *str = config_setting_get_string(e);
        if (ids ? !check_id(doc, s, key, str) : !check_text(doc, s, key, str, 0))
            return false;
        v[i] = arena_strdup(doc->arena, str);
    }
    if ((flags & CFG_REQUIRED) && n == 0) {
        cfg_error(doc, s, "« %s » est vide", key);
        return false;
    }
    *out = v;
    *count = (size_t)n;
    return true;
}
