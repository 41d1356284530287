/* script: keys from a file, screen dumps, a clock of its own. */

#include "script.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "keys.h"
#include "term.h"
#include "fsdecl/fileio.h"
#include "fsdecl/store.h"
#include "fsdecl/text.h"

struct script {
    char *text;     /* the whole script, read once through the core */
    const char *at; /* the next line */
    long clock_ms;
    int queue[1024];   /* keys still to give from the current line */
    bool joined[1024]; /* the key comes at once after the one before it (one key's bytes) */
    size_t nqueue, next;
    char *paste;
    int lineno;
};

static const struct {
    const char *name;
    int key;
} NAMES[] = {
    {"Enter", '\r'},
    {"Tab", '\t'},
    {"BackTab", KEY_BTAB},
    {"Esc", 27},
    {"Up", KEY_UP},
    {"Down", KEY_DOWN},
    {"Left", KEY_LEFT},
    {"Right", KEY_RIGHT},
    {"Home", KEY_HOME},
    {"End", KEY_END},
    {"PgUp", KEY_PPAGE},
    {"PgDn", KEY_NPAGE},
    {"Backspace", KEY_BACKSPACE},
    {"Delete", KEY_DC},
    {"Space", ' '},
};

/* The script's next line, newline kept, cut to size; false at the end. */
static bool next_line(script *s, char *line, size_t size)
{
    if (!*s->at)
        return false;
    size_t n = strcspn(s->at, "\n");
    size_t with_nl = n + (s->at[n] == '\n');
    snprintf(line, size, "%.*s", (int)with_nl, s->at);
    s->at += with_nl;
    return true;
}

/* Whether one line is a command this mode knows, its arguments well formed; else why not. */
static bool line_valid(char *line, char *why, size_t size);

script *script_open(const char *path, char *why, size_t size)
{
    script *s = calloc(1, sizeof *s);
    size_t len;
    int err = 0;
    if (!s || !(s->text = fileio_read(path, 1 << 20, false, &len, &err))) {
        snprintf(why, size, "script %s illisible : %s", path, strerror(err ? err : ENOMEM));
        free(s);
        return NULL;
    }
    s->at = s->text;
    /* every line checked before the first key: a typo fails the run, it never passes unseen */
    char line[2048], what[256];
    for (int n = 1; next_line(s, line, sizeof line); n++) {
        if (!line_valid(line, what, sizeof what)) {
            snprintf(why, size, "script %s, ligne %d : %s", path, n, what);
            script_close(s);
            return NULL;
        }
    }
    s->at = s->text;
    return s;
}

void script_close(script *s)
{
    if (!s)
        return;
    free(s->text);
    free(s->paste);
    free(s);
}

long script_clock(const script *s)
{
    return s->clock_ms;
}

static void push_joined(script *s, int key, bool joined)
{
    if (s->nqueue < sizeof s->queue / sizeof s->queue[0]) {
        s->joined[s->nqueue] = joined;
        s->queue[s->nqueue++] = key;
    }
}

static void push(script *s, int key)
{
    push_joined(s, key, false);
}

int script_more(script *s)
{
    if (s->next < s->nqueue && s->joined[s->next])
        return s->queue[s->next++];
    return -1;
}

/* A key's name: a name of the table, F1..F12, C-x, or one character; -1 for none of them. */
static int key_named(const char *name)
{
    for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++)
        if (strcmp(NAMES[i].name, name) == 0)
            return NAMES[i].key;
    if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
        char *end;
        long n = strtol(name + 1, &end, 10);
        return !*end && n >= 1 && n <= 12 ? KEY_F((int)n) : -1;
    }
    if (name[0] == 'C' && name[1] == '-' && name[2] >= 'a' && name[2] <= 'z' && !name[3])
        return CTRL_KEY(name[2]);
    if (name[0] == 'M' && name[1] == '-' && name[2] > 0x20 && name[2] < 0x7f && !name[3])
        return KEYS_ALT(name[2]);
    uint32_t cp;
    size_t n = text_utf8_decode(name, &cp);
    if (n && !name[n] && cp > 0x20 && cp != 0x7f)
        return cp >= KEY_MIN ? (int)(cp | KEYS_CHAR_FLAG) : (int)cp;
    return -1;
}

/* A whole number written alone, within [min, max]. */
static bool number(const char *s, long min, long max, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

static bool key_args_valid(const char *a, char *why, size_t size)
{
    char name[64], more[64];
    long count = 1;
    int n = sscanf(a, "%63s %63s", name, more);
    if (n < 1) {
        snprintf(why, size, "« key » sans nom de touche");
        return false;
    }
    if (key_named(name) < 0) {
        snprintf(why, size, "touche inconnue « %s »", name);
        return false;
    }
    const char *rest = a + strspn(a, " ");
    rest += strcspn(rest, " ");
    rest += strspn(rest, " ");
    if (*rest && !number(rest, 1, 1000, &count)) {
        snprintf(why, size, "nombre de touches invalide « %s » (de 1 à 1000)", rest);
        return false;
    }
    return true;
}

static bool line_valid(char *line, char *why, size_t size)
{
    if (line[0] == '#' || line[0] == '\n' || line[0] == '\0')
        return true;
    line[strcspn(line, "\r\n")] = '\0';
    char *arg = strchr(line, ' ');
    if (arg)
        *arg++ = '\0';
    const char *a = arg ? arg : "";
    int c, l;
    char tail;
    long v;
    if (strcmp(line, "key") == 0)
        return key_args_valid(a, why, size);
    if (strcmp(line, "type") == 0 || strcmp(line, "paste") == 0 || strcmp(line, "bytes") == 0) {
        if (*a)
            return true;
        snprintf(why, size, "« %.8s » sans texte", line);
    } else if (strcmp(line, "dump") == 0) {
        if (*a && !strchr(a, ' '))
            return true;
        snprintf(why, size, "« dump » demande un nom de fichier");
    } else if (strcmp(line, "resize") == 0) {
        if (sscanf(a, "%dx%d%c", &c, &l, &tail) == 2 && c > 0 && l > 0 && c <= 1000 && l <= 1000)
            return true;
        snprintf(why, size, "taille invalide « %s » (COLONNESxLIGNES)", a);
    } else if (strcmp(line, "sleep") == 0) {
        if (number(a, 0, 86400000, &v))
            return true;
        snprintf(why, size, "durée invalide « %s » (millisecondes)", a);
    } else if (strcmp(line, "signal") == 0) {
        if (strcmp(a, "TERM") == 0 || strcmp(a, "HUP") == 0)
            return true;
        snprintf(why, size, "signal inconnu « %s » (TERM ou HUP)", a);
    } else if (strcmp(line, "wait") == 0) {
        if (!*a)
            return true;
        snprintf(why, size, "« wait » ne prend pas d'argument");
    } else {
        char name[64];
        text_sanitize(line, false, name, sizeof name);
        snprintf(why, size, "commande inconnue « %s »", name);
    }
    return false;
}

/* The characters of text, each its own key, or all at once (joined: one key's bytes). */
static void push_text(script *s, const char *text, bool joined)
{
    for (bool first = true; *text; first = false) {
        uint32_t cp;
        size_t n = text_utf8_decode(text, &cp);
        if (!n)
            break;
        push_joined(s, cp >= KEY_MIN ? (int)(cp | KEYS_CHAR_FLAG) : (int)cp, joined && !first);
        text += n;
    }
}

/* A key as the terminal sends it: Alt with a character is Escape then the character. */
static void push_key(script *s, int key)
{
    if (key & KEYS_ALT_FLAG) {
        push(s, KEYS_ESC);
        push_joined(s, key & ~KEYS_ALT_FLAG, true);
    } else {
        push(s, key);
    }
}

/* \n, \t, \e and \\ in a command's text, in place. */
static void unescape(char *s)
{
    char *o = s;
    for (; *s; s++) {
        if (*s == '\\' && s[1] && strchr("nte\\", s[1])) {
            s++;
            *o++ = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s == 'e' ? '\033' : '\\';
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
}

/* Carries out one line; returns SCRIPT_NOTHING, SCRIPT_SIGNAL, or KEYS_PASTE. */
static int run_line(script *s, char *line)
{
    line[strcspn(line, "\r\n")] = '\0';
    char *arg = strchr(line, ' ');
    if (arg)
        *arg++ = '\0';
    if (arg)
        unescape(arg);
    const char *a = arg ? arg : "";
    if (strcmp(line, "key") == 0) {
        char name[64];
        int count = 1;
        if (sscanf(a, "%63s %d", name, &count) >= 1) /* checked by line_valid */
            for (int i = 0; i < count; i++)
                push_key(s, key_named(name));
    } else if (strcmp(line, "type") == 0) {
        push_text(s, a, false);
    } else if (strcmp(line, "bytes") == 0) {
        push_text(s, a, true);
    } else if (strcmp(line, "paste") == 0) {
        free(s->paste);
        s->paste = strdup(a);
        return KEYS_PASTE;
    } else if (strcmp(line, "dump") == 0) {
        diag_list d;
        diag_init(&d);
        if (!script_dump(a, &d)) /* the screen is drawn nowhere: standard error is free */
            fprintf(stderr, "fsdecl : vidage %s impossible : %s\n", a,
                    d.count ? d.items[0].message : "mémoire insuffisante");
        diag_free(&d);
    } else if (strcmp(line, "resize") == 0) {
        int c, l;
        if (sscanf(a, "%dx%d", &c, &l) == 2)
            resizeterm(l, c);
    } else if (strcmp(line, "sleep") == 0) {
        s->clock_ms += atol(a);
    } else if (strcmp(line, "signal") == 0) {
        return SCRIPT_SIGNAL;
    }
    return SCRIPT_NOTHING;
}

int script_next(script *s, char **paste)
{
    if (s->next < s->nqueue)
        return s->queue[s->next++];
    s->nqueue = s->next = 0;
    char line[2048];
    while (next_line(s, line, sizeof line)) {
        s->lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        int r = run_line(s, line);
        if (r == KEYS_PASTE) {
            *paste = s->paste;
            s->paste = NULL;
            return r;
        }
        if (s->nqueue)
            return s->queue[s->next++];
        return r;
    }
    return SCRIPT_END;
}

/* The character a line-drawing cell shows (VT100 alternate character set). */
static wchar_t line_drawing(wchar_t c)
{
    static const struct {
        char vt;
        wchar_t uni;
    } map[] = {{'q', L'─'}, {'x', L'│'}, {'l', L'┌'}, {'k', L'┐'}, {'m', L'└'}, {'j', L'┘'},
               {'t', L'├'}, {'u', L'┤'}, {'v', L'┴'}, {'w', L'┬'}, {'n', L'┼'}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (c == (wchar_t)map[i].vt)
            return map[i].uni;
    return c;
}

/* Row y of the screen as UTF-8, trailing spaces removed. */
static void screen_row(int y, char *buf, size_t size)
{
    size_t o = 0;
    for (int x = 0; x < COLS && o + 8 < size; x++) {
        cchar_t cc;
        wchar_t wc[CCHARW_MAX + 1] = {0};
        attr_t at;
        short pair;
        if (mvin_wch(y, x, &cc) == ERR || getcchar(&cc, wc, &at, &pair, NULL) == ERR)
            continue;
        if (at & A_ALTCHARSET)
            wc[0] = line_drawing(wc[0]), wc[1] = 0;
        for (int k = 0; wc[k] && k < CCHARW_MAX; k++) {
            char mb[8];
            mbstate_t st = {0};
            size_t n = wcrtomb(mb, wc[k], &st);
            if (n != (size_t)-1 && o + n < size) {
                memcpy(buf + o, mb, n);
                o += n;
            }
        }
        if (wc[0] && wcwidth(wc[0]) == 2)
            x++; /* the second cell of a wide character */
    }
    while (o > 0 && buf[o - 1] == ' ')
        o--;
    buf[o] = '\0';
}

bool script_dump(const char *path, diag_list *d)
{
    int cy, cx;
    getyx(stdscr, cy, cx); /* before reading the screen moves it */
    size_t cap = (size_t)LINES * 4097 + 64, n = 0;
    char *text = malloc(cap), row[4096];
    if (!text)
        return false;
    for (int y = 0; y < LINES; y++) {
        screen_row(y, row, sizeof row);
        n += (size_t)snprintf(text + n, cap - n, "%s\n", row);
    }
    if (!term_cursor_visible())
        n += (size_t)snprintf(text + n, cap - n, "curseur caché\n");
    else
        n += (size_t)snprintf(text + n, cap - n, "curseur %d,%d\n", cy, cx);
    bool ok = store_write_atomic(path, NULL, text, n, d);
    free(text);
    return ok;
}
