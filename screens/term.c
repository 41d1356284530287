/* term: curses set up and restored, styles, symbols, text drawn by columns. */

#include "term.h"

#include <curses.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "fsdecl/fileio.h"
#include "fsdecl/text.h"

/* The terminal's state: one per process, as curses' own (stdscr, LINES, COLS) is; no screen's
 * state is kept here. */
static struct {
    bool started, ascii, colour, cursor;
    SCREEN *screen;
    FILE *out, *in;
    attr_t attrs[TERM_STYLE_COUNT];
} T;

/* Each style: colour pair (foreground, background) and the attribute without colour. */
static const struct {
    short fg, bg;
    attr_t colour_attr, mono_attr;
} STYLES[TERM_STYLE_COUNT] = {
    [TERM_NORMAL] = {-1, -1, A_NORMAL, A_NORMAL},
    [TERM_TITLE] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE},
    [TERM_TAB] = {-1, -1, A_NORMAL, A_NORMAL},
    [TERM_TAB_ON] = {COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD},
    [TERM_HEADING] = {-1, -1, A_BOLD, A_BOLD},
    [TERM_DIM] = {-1, -1, A_DIM, A_DIM},
    [TERM_OK] = {COLOR_GREEN, -1, A_NORMAL, A_NORMAL},
    [TERM_BAD] = {COLOR_RED, -1, A_BOLD, A_BOLD},
    [TERM_WARN] = {COLOR_YELLOW, -1, A_NORMAL, A_NORMAL},
    [TERM_INFO] = {COLOR_CYAN, -1, A_NORMAL, A_NORMAL},
    [TERM_FIELD] = {-1, -1, A_UNDERLINE, A_UNDERLINE},
    [TERM_FOCUS] = {COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE},
    [TERM_STATUS] = {COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_REVERSE},
    [TERM_KEY] = {-1, -1, A_BOLD, A_BOLD},
    [TERM_DIALOG] = {COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_NORMAL},
};

static const char *const SYMBOLS[TERM_SYM_COUNT][2] = {
    [TERM_SYM_OK] = {"✓", "+"},
    [TERM_SYM_BAD] = {"✗", "x"},
    [TERM_SYM_WARN] = {"!", "!"},
    [TERM_SYM_INFO] = {"i", "i"},
    [TERM_SYM_TODO] = {"·", "-"},
    [TERM_SYM_CHECKED] = {"[x]", "[x]"},
    [TERM_SYM_UNCHECKED] = {"[ ]", "[ ]"},
    [TERM_SYM_SEP] = {"·", "|"},
    [TERM_SYM_ARROW] = {"→", ">"},
    [TERM_SYM_MORE] = {"…", "~"},
};

static void set_styles(void)
{
    T.colour = T.colour && has_colors() && start_color() == OK;
    if (T.colour)
        use_default_colors();
    for (int s = 0; s < TERM_STYLE_COUNT; s++) {
        if (!T.colour) {
            T.attrs[s] = STYLES[s].mono_attr;
            continue;
        }
        init_pair((short)(s + 1), STYLES[s].fg, STYLES[s].bg);
        T.attrs[s] = STYLES[s].colour_attr | COLOR_PAIR(s + 1);
    }
}

/* A style's attributes and colour pair: attr_set takes the pair apart and ignores the colour bits
 * of its attributes. */
static void use_style(term_style st)
{
    attr_set(T.attrs[st] & ~A_COLOR, (short)PAIR_NUMBER((int)T.attrs[st]), NULL);
}

static bool utf8_locale(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

static bool start_virtual(const term_options *o, char *why, size_t size)
{
    char lines[16], cols[16];
    snprintf(lines, sizeof lines, "%d", o->lines > 0 ? o->lines : 24);
    snprintf(cols, sizeof cols, "%d", o->cols > 0 ? o->cols : 80);
    setenv("LINES", lines, 1);
    setenv("COLUMNS", cols, 1);
    const char *term = getenv("TERM");
    T.screen = fileio_null_streams(&T.in, &T.out)
                   ? newterm(term && *term ? term : "xterm-256color", T.out, T.in)
                   : NULL;
    if (!T.screen) {
        snprintf(why, size, "écran virtuel impossible (TERM inconnu ?)");
        return false;
    }
    set_term(T.screen);
    return true;
}

/* The real terminal: newterm, not initscr, which ends the program itself, in English, on a TERM
 * it does not know. */
static bool start_real(char *why, size_t size)
{
    const char *term = getenv("TERM");
    T.screen = newterm(NULL, stdout, stdin);
    if (T.screen) {
        set_term(T.screen);
        return true;
    }
    char name[64];
    text_sanitize(term ? term : "", false, name, sizeof name);
    if (*name)
        snprintf(why, size,
                 "terminal inutilisable : TERM=%s inconnu de ce système (essayez TERM=xterm)",
                 name);
    else
        snprintf(
            why, size,
            "terminal inutilisable : la variable TERM est vide ou absente (essayez TERM=xterm)");
    return false;
}

bool term_start(const term_options *o, char *why, size_t size)
{
    T.ascii = o->ascii || !utf8_locale();
    T.colour = !o->no_color;
    if (o->virtual_screen) {
        if (!start_virtual(o, why, size))
            return false;
    } else if (!start_real(why, size)) {
        return false;
    }
    T.started = true;
    raw(); /* Ctrl-C, Ctrl-S reach the program as keys */
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    set_styles();
    curs_set(0);
    T.cursor = false;
    return true;
}

void term_stop(void)
{
    if (!T.started)
        return;
    T.started = false;
    endwin();
    if (T.screen) {
        delscreen(T.screen);
        T.screen = NULL;
    }
    if (T.out)
        fclose(T.out);
    if (T.in)
        fclose(T.in);
    T.out = T.in = NULL;
}

bool term_started(void)
{
    return T.started;
}

bool term_ascii(void)
{
    return T.ascii;
}

const char *term_symbol(term_sym s)
{
    return SYMBOLS[s][T.ascii ? 1 : 0];
}

int term_text(int y, int x, int width, term_style st, const char *text)
{
    if (width <= 0 || !text)
        return 0;
    use_style(st);
    move(y, x);
    int used = 0;
    const char *p = text;
    while (*p && used < width) {
        uint32_t cp;
        size_t n = text_utf8_decode(p, &cp);
        int w = n ? text_cp_width(cp) : 1;
        bool shown = n && cp >= 0x20 && cp != 0x7f && !(cp >= 0x80 && cp < 0xa0);
        if (used + (shown ? w : 1) > width)
            break;
        if (shown) { /* accents stay: the ASCII mode only drops line drawing and symbols */
            wchar_t wc[2] = {(wchar_t)cp, 0};
            addnwstr(wc, 1);
        } else {
            addch('?');
            w = 1;
        }
        used += w;
        p += n ? n : 1;
    }
    attr_set(A_NORMAL, 0, NULL);
    return used;
}

void term_text_cut(int y, int x, int width, term_style st, const char *text)
{
    if (width <= 1 || !text || (int)text_width(text) <= width) {
        term_text(y, x, width, st, text);
        return;
    }
    int used = term_text(y, x, width - 1, st, text);
    term_text(y, x + used, 1, st, term_symbol(TERM_SYM_MORE));
}

void term_text_right(int y, int x, int width, term_style st, const char *text)
{
    int w = (int)text_width(text);
    if (w > width)
        w = width;
    term_text(y, x + width - w, w, st, text);
}

void term_fill(int y, int x, int width, term_style st)
{
    if (width <= 0)
        return;
    use_style(st);
    mvhline(y, x, ' ', width);
    attr_set(A_NORMAL, 0, NULL);
}

void term_hline(int y, int x, int width)
{
    if (width > 0)
        mvhline(y, x, T.ascii ? '-' : ACS_HLINE, width);
}

void term_box(int y, int x, int height, int width)
{
    for (int r = 0; r < height; r++)
        term_fill(y + r, x, width, TERM_DIALOG);
    use_style(TERM_DIALOG);
    chtype h = T.ascii ? '-' : ACS_HLINE, v = T.ascii ? '|' : ACS_VLINE;
    mvhline(y, x + 1, h, width - 2);
    mvhline(y + height - 1, x + 1, h, width - 2);
    mvvline(y + 1, x, v, height - 2);
    mvvline(y + 1, x + width - 1, v, height - 2);
    mvaddch(y, x, T.ascii ? '+' : ACS_ULCORNER);
    mvaddch(y, x + width - 1, T.ascii ? '+' : ACS_URCORNER);
    mvaddch(y + height - 1, x, T.ascii ? '+' : ACS_LLCORNER);
    mvaddch(y + height - 1, x + width - 1, T.ascii ? '+' : ACS_LRCORNER);
    attr_set(A_NORMAL, 0, NULL);
}

void term_cursor_at(int y, int x)
{
    move(y, x);
    if (!T.cursor)
        curs_set(1);
    T.cursor = true;
}

void term_cursor_hide(void)
{
    if (T.cursor)
        curs_set(0);
    T.cursor = false;
}

bool term_cursor_visible(void)
{
    return T.cursor;
}

/* Whether a line may break at the space at p: not after « nor before », :, ;, ! or ?, which French
 * keeps with the word beside them. */
static bool breakable(const char *line, const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    if (p - line >= 2 && u[-2] == 0xC2 && u[-1] == 0xAB) /* « */
        return false;
    if ((u[1] == 0xC2 && u[2] == 0xBB) || (u[1] && strchr(":;!?", u[1]) && (!u[2] || u[2] == ' ')))
        return false;
    return true;
}

size_t term_wrap(const char *text, int width, const char **starts, size_t *lens, size_t max)
{
    size_t n = 0;
    const char *p = text ? text : "";
    while (*p && n < max) {
        const char *line = p, *brk = NULL;
        int used = 0;
        while (*p && *p != '\n') {
            uint32_t cp;
            size_t k =
                (unsigned char)*p < 0x80 ? (cp = (unsigned char)*p, 1) : text_utf8_decode(p, &cp);
            int w = k ? text_cp_width(cp) : 1;
            if (used + w > width && used > 0)
                break;
            if (*p == ' ' && breakable(line, p))
                brk = p;
            used += w;
            p += k ? k : 1;
        }
        if (*p && *p != '\n' && brk)
            p = brk; /* break at the last space that fits */
        starts[n] = line;
        lens[n++] = (size_t)(p - line);
        if (*p == ' ' || *p == '\n')
            p++;
    }
    return n;
}
