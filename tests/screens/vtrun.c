/* vtrun: runs a full-screen program in a pseudo-terminal emulated by libvterm, drives it from a
 * script and checks what the screen shows. The end-to-end test harness of the wizard.
 *
 * Usage:
 *   vtrun [--update] SCRIPT            run a script (dumps compared with, or with --update written
 *                                      to, files beside the script: SCRIPT-NAME.txt)
 *   vtrun --first-frame N PROG ARG...  time from start to the first complete frame, N runs
 *   vtrun --keys N PROG ARG...         time from a key to its redrawn frame: PgDn twice (the
 *                                      wizard's volet 2 tab), then N keys, Tab and Maj+Tab
 *
 * The program tells when a frame is complete by writing a byte to the file descriptor named in
 * FSDECL_SETTLE_FD (the wizard does this in test mode): every wait is on that signal, never a
 * sleep. A program that does not (dialog, in --first-frame) is taken as settled after 300 ms
 * without output. Keys go one at a time, each waited for.
 *
 * Script, one command a line (# starts a comment; TEXT may be "quoted" with \" \\ \n inside; a
 * word $NAME is the value of the environment variable NAME):
 *   size COLSxROWS          terminal size before run (default 80x24)
 *   env NAME=VALUE          environment of the program (added to vtrun's own)
 *   run PROG ARG...         start the program (arguments split on spaces, quotes kept together)
 *   wait                    until the next complete frame (fails after 10 s)
 *   key NAME [COUNT]        Tab S-Tab Enter Esc Up Down Left Right Home End PgUp PgDn Backspace
 *                           Delete Space F1..F12, C-x (Ctrl), M-x (Alt), S-NAME and C-NAME
 *                           (Shift or Ctrl with a named key); waits after each
 *   type TEXT               each character as typed, waiting after each
 *   resize COLSxROWS        the terminal changes size; waits for the redrawn frame
 *   sleep MS                let the program's own clock run (autosave); output is still read
 *   signal NAME             TERM, HUP, INT or KILL to the program
 *   expect TEXT             TEXT is on the screen
 *   expect-not TEXT         TEXT is not on the screen
 *   expect-at ROW COL TEXT  TEXT at row ROW, column COL (from 0)
 *   colour ROW COL yes|no   the cell at ROW, COL has a colour other than the terminal's
 *                           default (yes), or only the default colours (no)
 *   dump NAME               the screen, compared with SCRIPT-NAME.txt
 *   exit CODE               the program ends (within 10 s) with this exit code (128 + N when
 *                           killed by signal N); another « run » may follow
 *   memory MAX_KB           the program, ended, used at most MAX_KB of memory (peak)
 * A failure prints the script's line, what was expected and the screen, and vtrun exits 1. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>

enum { WAIT_MS = 10000, QUIET_MS = 300, MAX_ARGS = 64 };

typedef struct {
    VTerm *vt;
    VTermScreen *screen;
    int master, settle, rows, cols;
    pid_t pid;
    int status; /* once ended */
    bool ended;
    long settles;
    long settled_at; /* when the last settle byte was read (now_us) */
} term_t;

static const char *script_name;
static int script_line;

static long now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

static void to_master(const char *s, size_t len, void *user)
{
    term_t *t = user;
    while (len) {
        ssize_t n = write(t->master, s, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        s += n;
        len -= (size_t)n;
    }
}

/* Starts argv under a pseudo-terminal of cols x rows, env added to the environment. */
static bool term_start(term_t *t, int cols, int rows, char **argv, char **env, size_t nenv)
{
    memset(t, 0, sizeof *t);
    t->rows = rows, t->cols = cols;
    struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
    int p[2];
    if (pipe(p) != 0)
        return false;
    t->pid = forkpty(&t->master, NULL, NULL, &ws);
    if (t->pid < 0)
        return false;
    if (t->pid == 0) {
        close(p[0]);
        char fd[16];
        snprintf(fd, sizeof fd, "%d", p[1]);
        setenv("FSDECL_SETTLE_FD", fd, 1);
        if (!getenv("TERM") || !*getenv("TERM"))
            setenv("TERM", "xterm-256color", 1);
        for (size_t i = 0; i < nenv; i++)
            putenv(env[i]);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(p[1]);
    t->settle = p[0];
    fcntl(t->master, F_SETFL, O_NONBLOCK);
    fcntl(t->settle, F_SETFL, O_NONBLOCK);
    t->vt = vterm_new(rows, cols);
    vterm_set_utf8(t->vt, 1);
    vterm_output_set_callback(t->vt, to_master, t);
    t->screen = vterm_obtain_screen(t->vt);
    vterm_screen_reset(t->screen, 1);
    return true;
}

/* Reads what is there: output into the emulator, settle bytes counted. Returns whether output
 * came. Waits at most ms for something to happen. */
static bool pump(term_t *t, int ms)
{
    struct pollfd fds[2] = {{t->master, POLLIN, 0}, {t->settle, POLLIN, 0}};
    if (poll(fds, 2, ms) <= 0)
        return false;
    bool output = false;
    char buf[8192];
    ssize_t n;
    while ((n = read(t->master, buf, sizeof buf)) > 0) {
        vterm_input_write(t->vt, buf, (size_t)n);
        output = true;
    }
    if (fds[1].revents & (POLLIN | POLLHUP))
        while ((n = read(t->settle, buf, sizeof buf)) > 0) {
            t->settles += n;
            t->settled_at = now_us();
        }
    if (!t->ended && waitpid(t->pid, &t->status, WNOHANG) == t->pid)
        t->ended = true;
    return output;
}

/* Everything the program wrote so far is in the emulator. */
static void drain(term_t *t)
{
    while (pump(t, 5))
        ;
}

/* Until one more complete frame than seen (the byte comes after the frame was written). */
static bool wait_frame(term_t *t, long seen)
{
    long deadline = now_us() + WAIT_MS * 1000L;
    while (t->settles <= seen && now_us() < deadline && !t->ended)
        pump(t, 50);
    drain(t);
    return t->settles > seen;
}

static void row_text(term_t *t, int row, char *out, size_t size)
{
    size_t o = 0;
    for (int col = 0; col < t->cols && o + 8 < size; col++) {
        VTermScreenCell c;
        vterm_screen_get_cell(t->screen, (VTermPos){row, col}, &c);
        if (c.chars[0] == (uint32_t)-1)
            continue; /* second half of a wide character */
        for (int k = 0; k < VTERM_MAX_CHARS_PER_CELL && (k == 0 || c.chars[k]); k++) {
            uint32_t cp = c.chars[k] ? c.chars[k] : ' ';
            if (cp < 0x80) {
                out[o++] = (char)cp;
            } else if (cp < 0x800) {
                out[o++] = (char)(0xC0 | (cp >> 6));
                out[o++] = (char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                out[o++] = (char)(0xE0 | (cp >> 12));
                out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                out[o++] = (char)(0x80 | (cp & 0x3F));
            } else {
                out[o++] = (char)(0xF0 | (cp >> 18));
                out[o++] = (char)(0x80 | ((cp >> 12) & 0x3F));
                out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                out[o++] = (char)(0x80 | (cp & 0x3F));
            }
        }
        if (c.width == 2)
            col++;
    }
    while (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
}

/* The whole screen as text, one line a row, trailing spaces dropped. */
static char *screen_text(term_t *t)
{
    size_t cap = (size_t)t->rows * ((size_t)t->cols * 4 + 2) + 1, o = 0;
    char *s = malloc(cap), line[4096];
    if (!s)
        return NULL;
    for (int r = 0; r < t->rows; r++) {
        row_text(t, r, line, sizeof line);
        o += (size_t)snprintf(s + o, cap - o, "%s\n", line);
    }
    return s;
}

static void fail(term_t *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s:%d: ", script_name, script_line);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    if (t && t->vt) {
        char *s = screen_text(t);
        fprintf(stderr, "---- screen (%dx%d) ----\n%s----\n", t->cols, t->rows, s ? s : "");
        free(s);
    }
    if (t && t->pid > 0 && !t->ended)
        kill(t->pid, SIGKILL);
    exit(1);
}

/* ---- keys ---------------------------------------------------------------------------------- */

static bool send_key(term_t *t, const char *name)
{
    static const struct {
        const char *name;
        VTermKey key;
    } named[] = {{"Tab", VTERM_KEY_TAB},       {"Enter", VTERM_KEY_ENTER},
                 {"Esc", VTERM_KEY_ESCAPE},    {"Up", VTERM_KEY_UP},
                 {"Down", VTERM_KEY_DOWN},     {"Left", VTERM_KEY_LEFT},
                 {"Right", VTERM_KEY_RIGHT},   {"Home", VTERM_KEY_HOME},
                 {"End", VTERM_KEY_END},       {"PgUp", VTERM_KEY_PAGEUP},
                 {"PgDn", VTERM_KEY_PAGEDOWN}, {"Backspace", VTERM_KEY_BACKSPACE},
                 {"Delete", VTERM_KEY_DEL},    {"Insert", VTERM_KEY_INS}};
    VTermModifier mod = VTERM_MOD_NONE;
    if (strncmp(name, "S-", 2) == 0)
        mod = VTERM_MOD_SHIFT, name += 2;
    else if (strncmp(name, "M-", 2) == 0)
        mod = VTERM_MOD_ALT, name += 2;
    else if (strncmp(name, "C-", 2) == 0 && name[2] && name[3])
        mod = VTERM_MOD_CTRL, name += 2; /* Ctrl with a named key: C-Right */
    else if (strncmp(name, "C-", 2) == 0 && name[2] && !name[3]) {
        char c = (char)(name[2] & 0x1f); /* the plain control byte, as xterm sends it */
        to_master(&c, 1, t);
        return true;
    }
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (strcmp(name, named[i].name) == 0) {
            vterm_keyboard_key(t->vt, named[i].key, mod);
            return true;
        }
    if (name[0] == 'F' && atoi(name + 1) >= 1 && atoi(name + 1) <= 12) {
        vterm_keyboard_key(t->vt, VTERM_KEY_FUNCTION(atoi(name + 1)), mod);
        return true;
    }
    if (strcmp(name, "Space") == 0 || (name[0] && !name[1])) {
        vterm_keyboard_unichar(t->vt, name[1] ? ' ' : (uint32_t)(unsigned char)name[0], mod);
        return true;
    }
    return false;
}

/* The next UTF-8 character of *p as a code point. */
static uint32_t next_char(const char **p)
{
    const unsigned char *s = (const unsigned char *)*p;
    int n = s[0] < 0x80 ? 1 : s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
    uint32_t cp = n == 1 ? s[0] : s[0] & (0x3F >> (n - 1));
    for (int i = 1; i < n && s[i]; i++)
        cp = (cp << 6) | (s[i] & 0x3F);
    *p += n;
    return cp;
}

/* ---- script ------------------------------------------------------------------------------ */

/* Splits line into words; "quoted" words keep their spaces, with \" \\ \n inside. */
static int split(char *line, char **w, int max)
{
    int n = 0;
    char *p = line;
    while (*p && n < max) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p || *p == '#')
            break;
        char *o = p, *start = p;
        if (*p == '"') {
            start = o = ++p;
            while (*p && *p != '"') {
                if (*p == '\\' && p[1]) {
                    p++;
                    *o++ = *p == 'n' ? '\n' : *p;
                    p++;
                } else {
                    *o++ = *p++;
                }
            }
            if (*p)
                p++;
        } else {
            while (*p && *p != ' ' && *p != '\t')
                p++;
            o = p;
            if (*p)
                p++;
        }
        *o = '\0';
        w[n++] = start;
    }
    return n;
}

typedef struct {
    term_t t;
    bool started, update;
    int cols, rows;
    char *env[MAX_ARGS];
    size_t nenv;
    char dir[4096], base[256];
} run_state;

static void dump(run_state *r, const char *name)
{
    char path[4600];
    snprintf(path, sizeof path, "%s/%s-%s.txt", r->dir, r->base, name);
    char *now = screen_text(&r->t);
    if (r->update) {
        FILE *f = fopen(path, "w");
        if (!f || fputs(now, f) < 0 || fclose(f) != 0)
            fail(&r->t, "cannot write %s", path);
        free(now);
        return;
    }
    FILE *f = fopen(path, "r");
    char *want = calloc(1, 1 << 20);
    size_t n = f ? fread(want, 1, (1 << 20) - 1, f) : 0;
    if (f)
        fclose(f);
    if (!f || n != strlen(now) || memcmp(want, now, n) != 0)
        fail(&r->t, "the screen differs from %s%s", path, f ? "" : " (missing: run with --update)");
    free(want);
    free(now);
}

static void expect(run_state *r, const char *text, bool present)
{
    char *s = screen_text(&r->t);
    bool found = strstr(s, text) != NULL;
    free(s);
    if (found != present)
        fail(&r->t, "« %s » %s on the screen", text, present ? "is not" : "is");
}

static void expect_at(run_state *r, int row, int col, const char *text)
{
    char line[4096];
    if (row < 0 || row >= r->t.rows)
        fail(&r->t, "no row %d", row);
    row_text(&r->t, row, line, sizeof line);
    const char *p = line;
    for (int c = 0; c < col && *p; c++)
        next_char(&p);
    if (strncmp(p, text, strlen(text)) != 0)
        fail(&r->t, "« %s » is not at %d,%d (there: « %s »)", text, row, col, p);
}

static int signal_of(const char *name)
{
    static const struct {
        const char *name;
        int sig;
    } sigs[] = {{"TERM", SIGTERM}, {"HUP", SIGHUP}, {"INT", SIGINT}, {"KILL", SIGKILL}};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        if (strcmp(name, sigs[i].name) == 0)
            return sigs[i].sig;
    return 0;
}

static void wait_exit(run_state *r)
{
    long deadline = now_us() + WAIT_MS * 1000L;
    while (!r->t.ended && now_us() < deadline)
        pump(&r->t, 50);
    if (!r->t.ended)
        fail(&r->t, "the program is still running");
}

static void need(run_state *r, bool started, int n, int want, const char *cmd)
{
    if (r->started != started)
        fail(&r->t, "%s %s « run »", cmd, started ? "before" : "after");
    if (n < want)
        fail(r->started ? &r->t : NULL, "%s: missing argument", cmd);
}

static void command(run_state *r, char **w, int n)
{
    term_t *t = &r->t;
    for (int i = 1; i < n; i++) /* $NAME: from the environment (paths the test runner chose) */
        if (w[i][0] == '$' && w[i][1])
            w[i] = getenv(w[i] + 1) ? getenv(w[i] + 1) : "";
    const char *c = w[0];
    if (strcmp(c, "size") == 0) {
        need(r, false, n, 2, c);
        if (sscanf(w[1], "%dx%d", &r->cols, &r->rows) != 2)
            fail(NULL, "size COLSxROWS");
    } else if (strcmp(c, "env") == 0) {
        need(r, false, n, 2, c);
        if (r->nenv < MAX_ARGS)
            r->env[r->nenv++] = strdup(w[1]);
    } else if (strcmp(c, "run") == 0) {
        need(r, false, n, 2, c);
        if (t->vt)
            vterm_free(t->vt), close(t->master), close(t->settle);
        w[n] = NULL;
        if (!term_start(t, r->cols, r->rows, w + 1, r->env, r->nenv))
            fail(NULL, "cannot start %s", w[1]);
        r->started = true;
    } else if (strcmp(c, "wait") == 0) {
        need(r, true, n, 1, c);
        if (!wait_frame(t, t->settles))
            fail(t, "no frame (10 s)%s", t->ended ? ": the program ended" : "");
    } else if (strcmp(c, "key") == 0) {
        need(r, true, n, 2, c);
        int count = n > 2 ? atoi(w[2]) : 1;
        for (int i = 0; i < count; i++) {
            long seen = t->settles;
            if (!send_key(t, w[1]))
                fail(t, "unknown key %s", w[1]);
            if (!wait_frame(t, seen) && !t->ended) /* a key may end the program: exit says */
                fail(t, "no frame after the key %s (10 s)", w[1]);
        }
    } else if (strcmp(c, "type") == 0) {
        need(r, true, n, 2, c);
        for (const char *p = w[1]; *p;) {
            long seen = t->settles;
            vterm_keyboard_unichar(t->vt, next_char(&p), VTERM_MOD_NONE);
            if (!wait_frame(t, seen))
                fail(t, "no frame after typing (10 s)");
        }
    } else if (strcmp(c, "resize") == 0) {
        need(r, true, n, 2, c);
        long seen = t->settles;
        if (sscanf(w[1], "%dx%d", &t->cols, &t->rows) != 2)
            fail(t, "resize COLSxROWS");
        struct winsize ws = {.ws_row = (unsigned short)t->rows, .ws_col = (unsigned short)t->cols};
        vterm_set_size(t->vt, t->rows, t->cols);
        ioctl(t->master, TIOCSWINSZ, &ws);
        if (!wait_frame(t, seen))
            fail(t, "no frame after the resize (10 s)");
    } else if (strcmp(c, "sleep") == 0) {
        need(r, true, n, 2, c);
        long until = now_us() + atol(w[1]) * 1000L;
        while (now_us() < until)
            pump(t, 20);
    } else if (strcmp(c, "signal") == 0) {
        need(r, true, n, 2, c);
        int sig = signal_of(w[1]);
        if (!sig)
            fail(t, "unknown signal %s", w[1]);
        kill(t->pid, sig);
    } else if (strcmp(c, "expect") == 0 || strcmp(c, "expect-not") == 0) {
        need(r, true, n, 2, c);
        expect(r, w[1], strcmp(c, "expect") == 0);
    } else if (strcmp(c, "expect-at") == 0) {
        need(r, true, n, 4, c);
        expect_at(r, atoi(w[1]), atoi(w[2]), w[3]);
    } else if (strcmp(c, "colour") == 0) {
        need(r, true, n, 4, c);
        VTermScreenCell cell;
        vterm_screen_get_cell(t->screen, (VTermPos){atoi(w[1]), atoi(w[2])}, &cell);
        bool coloured =
            !VTERM_COLOR_IS_DEFAULT_FG(&cell.fg) || !VTERM_COLOR_IS_DEFAULT_BG(&cell.bg);
        if (coloured != (strcmp(w[3], "yes") == 0))
            fail(t, "row %s, column %s: %s", w[1], w[2], coloured ? "coloured" : "default colours");
    } else if (strcmp(c, "dump") == 0) {
        need(r, true, n, 2, c);
        dump(r, w[1]);
    } else if (strcmp(c, "exit") == 0) {
        need(r, true, n, 2, c);
        wait_exit(r);
        int code = WIFEXITED(t->status) ? WEXITSTATUS(t->status) : 128 + WTERMSIG(t->status);
        if (code != atoi(w[1]))
            fail(t, "exit code %d, expected %s", code, w[1]);
        r->started = false; /* another program may be run */
    } else if (strcmp(c, "memory") == 0) {
        need(r, true, n, 2, c);
        wait_exit(r);
        struct rusage ru;
        getrusage(RUSAGE_CHILDREN, &ru);
        if (ru.ru_maxrss > atol(w[1]))
            fail(t, "peak memory %ld KB, more than %s KB", ru.ru_maxrss, w[1]);
        printf("%s: peak memory %ld KB\n", script_name, ru.ru_maxrss);
    } else {
        fail(r->started ? t : NULL, "unknown command %s", c);
    }
}

static int run_script(const char *path, bool update)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "vtrun: cannot read %s\n", path);
        return 2;
    }
    static run_state r;
    r.cols = 80, r.rows = 24, r.update = update;
    snprintf(r.dir, sizeof r.dir, "%s", path);
    char *slash = strrchr(r.dir, '/');
    const char *base = slash ? slash + 1 : path;
    snprintf(r.base, sizeof r.base, "%.*s", (int)strcspn(base, "."), base);
    if (slash)
        *slash = '\0';
    else
        snprintf(r.dir, sizeof r.dir, ".");
    script_name = path;
    char line[8192], *w[MAX_ARGS + 1];
    while (fgets(line, sizeof line, f)) {
        script_line++;
        line[strcspn(line, "\n")] = '\0';
        int n = split(line, w, MAX_ARGS);
        if (n)
            command(&r, w, n);
    }
    fclose(f);
    if (r.started && !r.t.ended) {
        kill(r.t.pid, SIGKILL);
        waitpid(r.t.pid, NULL, 0);
    }
    return 0;
}

/* ---- measures ----------------------------------------------------------------------------- */

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static void report(const char *what, long *us, int n)
{
    qsort(us, (size_t)n, sizeof *us, cmp_long);
    int p99 = (n * 99 + 99) / 100 - 1;
    long med = us[n / 2], hi = us[p99 < n ? p99 : n - 1];
    printf("%s: %d runs, median %ld.%02ld ms, 99th percentile %ld.%02ld ms\n", what, n, med / 1000,
           med % 1000 / 10, hi / 1000, hi % 1000 / 10);
}

/* From start to the first complete frame: the settle byte, or the last output before QUIET_MS
 * of silence for a program that sends none. */
static long first_frame(char **argv)
{
    term_t t;
    long start = now_us(), last = 0;
    if (!term_start(&t, 80, 24, argv, NULL, 0))
        return -1;
    long deadline = start + WAIT_MS * 1000L;
    while (now_us() < deadline && !t.settles) {
        if (pump(&t, last ? QUIET_MS : 50))
            last = now_us();
        else if (last)
            break;
    }
    long at = t.settles ? now_us() : last;
    kill(t.pid, SIGKILL);
    waitpid(t.pid, NULL, 0);
    vterm_free(t.vt);
    close(t.master);
    close(t.settle);
    return at ? at - start : -1;
}

static int measure_first_frames(int n, char **argv)
{
    long *us = calloc((size_t)n, sizeof *us);
    for (int i = 0; i < n; i++)
        if ((us[i] = first_frame(argv)) < 0) {
            fprintf(stderr, "vtrun: %s showed nothing\n", argv[0]);
            return 1;
        }
    report("first frame", us, n);
    free(us);
    return 0;
}

/* Tab and Maj+Tab, alternately, from the first frame: the time from each key to its frame. */
static int measure_keys(int n, char **argv)
{
    term_t t;
    if (!term_start(&t, 80, 24, argv, NULL, 0) || !wait_frame(&t, 0)) {
        fprintf(stderr, "vtrun: %s showed no frame\n", argv[0]);
        return 1;
    }
    for (int i = 0; i < 2; i++) { /* PgDn twice: the wizard's volet 2 tab, from its first one */
        long seen = t.settles;
        vterm_keyboard_key(t.vt, VTERM_KEY_PAGEDOWN, VTERM_MOD_NONE);
        wait_frame(&t, seen);
    }
    long *us = calloc((size_t)n, sizeof *us);
    for (int i = 0; i < n; i++) {
        long seen = t.settles, start = now_us();
        vterm_keyboard_key(t.vt, VTERM_KEY_TAB, i % 2 ? VTERM_MOD_SHIFT : VTERM_MOD_NONE);
        if (!wait_frame(&t, seen)) {
            fprintf(stderr, "vtrun: no frame after key %d\n", i);
            return 1;
        }
        us[i] = t.settled_at - start; /* not counting the wait for quiet after it */
    }
    report("key to frame", us, n);
    kill(t.pid, SIGTERM);
    long deadline = now_us() + WAIT_MS * 1000L;
    while (!t.ended && now_us() < deadline)
        pump(&t, 50);
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    printf("peak memory of the session: %ld KB\n", ru.ru_maxrss);
    free(us);
    return 0;
}

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    if (argc >= 4 && strcmp(argv[1], "--first-frame") == 0)
        return measure_first_frames(atoi(argv[2]), argv + 3);
    if (argc >= 4 && strcmp(argv[1], "--keys") == 0)
        return measure_keys(atoi(argv[2]), argv + 3);
    if (argc == 3 && strcmp(argv[1], "--update") == 0)
        return run_script(argv[2], true);
    if (argc == 2 && argv[1][0] != '-')
        return run_script(argv[1], false);
    fputs("usage: vtrun [--update] SCRIPT | vtrun --first-frame N PROG ARG... | "
          "vtrun --keys N PROG ARG...\n",
          stderr);
    return 2;
}
