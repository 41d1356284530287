/* store_declared: the records that finalised versions were declared, beside the versions. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fsdecl/fileio.h"
#include "fsdecl/store_declared.h"
#include "strbuf.h"

VOCAB_DEFINE(store_route_vocab, STORE_ROUTES, STORE_ROUTE_COUNT)

static void declared_path(const store_t *s, const char *name, char *path, size_t size)
{
    snprintf(path, size, "%s/%s/declared.txt", s->history, name);
}

void store_declared_now(char *buf, size_t size)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm);
}

/* "2027-01-12 14:32:05": a date of the calendar, then a time. */
static bool stamp_valid(const char *s)
{
    char day[11];
    date_t d;
    unsigned h, m, sec;
    char end;
    if (strlen(s) != 19 || s[10] != ' ')
        return false;
    memcpy(day, s, 10);
    day[10] = '\0';
    return date_parse(day, &d) == DATE_OK &&
           sscanf(s + 11, "%2u:%2u:%2u%c", &h, &m, &sec, &end) == 3 && s[13] == ':' &&
           s[16] == ':' && h < 24 && m < 60 && sec < 61;
}

/* One line, "v2 amelipro 2027-01-12 2027-01-12 14:32:05", into r; NULL, or what is wrong. */
static const char *parse_line(char *line, store_declared *r)
{
    char *sp1 = strchr(line, ' ');
    char *sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
    char *sp3 = sp2 ? strchr(sp2 + 1, ' ') : NULL;
    if (!sp3)
        return "quatre champs attendus : version, voie, date, heure d'enregistrement";
    *sp1 = *sp2 = *sp3 = '\0';
    char *end;
    errno = 0;
    long v = line[0] == 'v' && line[1] >= '1' && line[1] <= '9' ? strtol(line + 1, &end, 10) : 0;
    if (v < 1 || v > STORE_DECLARED_MAX || *end || errno)
        return "numéro de version attendu (v1 à v9999)";
    int route = vocab_find(&store_route_vocab, sp1 + 1);
    if (route < 0)
        return "voie inconnue (amelipro ou paper)";
    if (date_parse(sp2 + 1, &r->date) != DATE_OK)
        return "date de la déclaration invalide (AAAA-MM-JJ)";
    if (!stamp_valid(sp3 + 1))
        return "heure d'enregistrement invalide (AAAA-MM-JJ HH:MM:SS)";
    r->version = (int)v;
    r->route = (store_route)route;
    snprintf(r->recorded, sizeof r->recorded, "%s", sp3 + 1);
    return NULL;
}

static bool parse(const char *path, char *text, store_declared **out, size_t *n, diag_list *d)
{
    size_t cap = 1;
    for (const char *p = text; *p; p++)
        cap += *p == '\n';
    store_declared *v = calloc(cap, sizeof *v);
    if (!v) {
        diag_add(d, path, 0, "mémoire insuffisante");
        return false;
    }
    size_t count = 0;
    int line = 0;
    for (char *p = text; *p;) {
        char *nl = strchr(p, '\n');
        line++;
        if (!nl) {
            diag_add(d, path, line, "ligne sans fin (fichier tronqué ?)");
            free(v);
            return false;
        }
        *nl = '\0';
        const char *wrong = parse_line(p, &v[count]);
        if (wrong) {
            diag_add(d, path, line, "%s", wrong);
            free(v);
            return false;
        }
        count++;
        p = nl + 1;
    }
    *out = v;
    *n = count;
    return true;
}

bool store_declared_list(const store_t *s, const char *name, store_declared **out, size_t *n,
                         diag_list *d)
{
    *out = NULL;
    *n = 0;
    char path[PATH_MAX + 64];
    declared_path(s, name, path, sizeof path);
    size_t len;
    int err = 0;
    /* 9 999 records of at most 60 bytes each: anything larger is no record of fsdecl's */
    char *text = fileio_read(path, (size_t)STORE_DECLARED_MAX * 64, true, &len, &err);
    if (!text) {
        if (err == ENOENT)
            return true;
        diag_add(d, path, 0, "lecture impossible : %s",
                 err == ELOOP    ? "c'est un lien symbolique"
                 : err == EINVAL ? "ce n'est pas un fichier ordinaire"
                                 : strerror(err));
        return false;
    }
    bool ok = false;
    if (memchr(text, '\0', len))
        diag_add(d, path, 0, "ce n'est pas un fichier texte");
    else
        ok = parse(path, text, out, n, d);
    free(text);
    return ok;
}

bool store_declared_write(const store_t *s, const char *name, const store_declared *v, size_t n,
                          diag_list *d)
{
    char path[PATH_MAX + 64];
    declared_path(s, name, path, sizeof path);
    if (!n) {
        if (unlink(path) == 0 || errno == ENOENT)
            return true;
        diag_add(d, path, 0, "suppression impossible : %s", strerror(errno));
        return false;
    }
    strbuf b = {0};
    for (size_t i = 0; i < n; i++) {
        char day[16];
        date_format_iso(v[i].date, day, sizeof day);
        strbuf_put(&b, "v%d %s %s %s\n", v[i].version, vocab_id(&store_route_vocab, v[i].route),
                   day, v[i].recorded);
    }
    size_t len;
    char *text = strbuf_take(&b, &len);
    if (!text) {
        diag_add(d, path, 0, "mémoire insuffisante ; rien n'a été enregistré");
        return false;
    }
    bool ok = store_write_atomic(path, NULL, text, len, d);
    free(text);
    return ok;
}
