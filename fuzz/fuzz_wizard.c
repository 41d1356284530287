/* libFuzzer target: the wizard in script mode, fed arbitrary keys over a store of real drafts.
 *
 * Each input becomes a well-formed script (screens/script.h: key names the script language
 * documents, typed text with accents, wide and combining characters and control characters,
 * pastes, resizes, sleeps, signals, screen dumps) and a store holding copies of data/examples. The
 * fsdecl program built beside this target then runs the wizard on it, through its public entry
 * (fsdecl [edit DRAFT] with FSDECL_SCRIPT), one process an input: wizard_main runs once a process
 * (its state is static and never reset), and a sanitizer report must end that run alone.
 * Properties:
 *   - the program ends by itself, within a time limit, with a documented exit code (0, or 2 when
 *     the draft to edit cannot be opened): no crash, no sanitizer report (they abort it);
 *   - what it wrote to its output and every screen it dumped is valid UTF-8 with no control
 *     character but the line break;
 *   - afterwards every draft, recovery file, backup and transmitted version in the store is read
 *     by the draft reader, and no temporary file is left (no half-written file).
 * FSDECL_FUZZ_KEEP=1 keeps the script and the store of the last input (its folder is printed). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fsdecl/decl.h"
#include "fsdecl/fileio.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_EXAMPLES = 16, MAX_LINES = 120, TIME_LIMIT_MS = 30000 };

/* The input, read a byte at a time; zeros once it is used up. */
typedef struct {
    const uint8_t *d;
    size_t n, i;
} bytes;

static unsigned take(bytes *b)
{
    return b->i < b->n ? b->d[b->i++] : 0;
}

static unsigned pick(bytes *b, unsigned n)
{
    return take(b) % n;
}

static struct {
    char dir[256]; /* this process's own folder */
    char examples[MAX_EXAMPLES][64], names[MAX_EXAMPLES][64];
    size_t nexamples;
    char *script;
    size_t len, cap;
} F;

/* ---- the script ---------------------------------------------------------------------------- */

static void add(const char *s)
{
    size_t n = strlen(s);
    if (F.len + n + 1 > F.cap) {
        F.cap = (F.len + n + 1) * 2;
        F.script = realloc(F.script, F.cap);
        if (!F.script)
            abort();
    }
    memcpy(F.script + F.len, s, n + 1);
    F.len += n;
}

/* Keys the wizard's loop and forms react to, more often than the rest. */
static const char *const NAMED[] = {
    "Enter", "Tab", "BackTab", "Esc",       "Up",     "Down",  "Left", "Right",
    "Home",  "End", "PgUp",    "PgDn",      "Delete", "Space", "F1",   "F2",
    "F3",    "F4",  "F5",      "F6",        "F7",     "F8",    "F9",   "F10",
    "F11",   "F12", "Enter",   "Backspace", "Tab",    "Down",  "Enter"};

/* Characters for typed and pasted text: each an UTF-8 string, or an escape of the script. */
static const char *const CHARS[] = {
    "o",        "n",         "O",      "N",      "0",    "1",    "2",
    "5",        "9",         " ",      ",",      ".",    "-",    "/",
    "a",        "z",         "A",      "Z",      "é",    "É",    "è",
    "à",        "ç",         "«",      "»",      "€",    "œ",    "\u00a0", /* no-break space */
    "中",       "😀",         "\u0301",           /* wide, outside the BMP, combining */
    "\u200f",   "\u202e",    "\u2066", "\ufeff", /* bidi mark, override, isolate, BOM */
    "\x01",     "\x03",      "\x07",   "\x08",   "\x09", "\x0b", "\x1b",
    "\x1f",     "\x7f",     /* C0, DEL */
    "\xc2\x85", "\xc2\x9b", /* C1: next line, CSI */
    "\\n",      "\\t",       "\\\\",   "#",      "\"",   "'",    "%s",
    "%n",       "\x1b[201~", "\x1b[2J"};

static void text(bytes *b)
{
    unsigned n = 1 + pick(b, 24);
    for (unsigned i = 0; i < n; i++) {
        unsigned c = take(b);
        if (c < 96) { /* printable ASCII as it comes, but the backslash (escapes above) */
            char one[2] = {(char)(0x20 + c), '\0'};
            add(one[0] == '\\' ? "\\\\" : one);
        } else {
            add(CHARS[(c - 96) % (sizeof CHARS / sizeof CHARS[0])]);
        }
    }
}

static void key(bytes *b)
{
    char line[64];
    unsigned k = take(b), count = 1 + (take(b) % 8 == 0 ? pick(b, 6) : 0);
    if (k < 150) {
        snprintf(line, sizeof line, "key %s", NAMED[k % (sizeof NAMED / sizeof NAMED[0])]);
    } else if (k < 180) {
        snprintf(line, sizeof line, "key C-%c", 'a' + (k - 150) % 26);
    } else if (k < 240) {
        snprintf(line, sizeof line, "key %c",
                 0x21 + (k - 180) % 94 == '#' ? 'x' : 0x21 + (k - 180) % 94);
    } else {
        static const char *const one[] = {"é", "€", "«", "中", "😀", "ß", "Ω", "ñ"};
        snprintf(line, sizeof line, "key %s", one[k % 8]);
    }
    add(line);
    if (count > 1) {
        snprintf(line, sizeof line, " %u", count);
        add(line);
    }
    add("\n");
}

static void command(bytes *b, unsigned *dumps)
{
    static const char *const SIZES[] = {"80x24", "100x30", "132x40", "200x50", "79x24",
                                        "80x23", "60x20",  "20x5",   "2x2",    "300x100"};
    static const char *const SLEEPS[] = {"0", "100", "2000", "5000", "60000", "3600000"};
    char line[64];
    unsigned c = take(b);
    if (c < 150) {
        key(b);
    } else if (c < 200) {
        add("type ");
        text(b);
        add("\n");
    } else if (c < 215) {
        add("paste ");
        text(b);
        add("\n");
    } else if (c < 228) {
        snprintf(line, sizeof line, "resize %s\n", SIZES[pick(b, 10)]);
        add(line);
    } else if (c < 240) {
        snprintf(line, sizeof line, "sleep %s\n", SLEEPS[pick(b, 6)]);
        add(line);
    } else if (c < 244) {
        add(pick(b, 2) ? "signal TERM\n" : "signal HUP\n");
    } else if (c < 252) {
        snprintf(line, sizeof line, "dump ecran-%u.txt\n", (*dumps)++);
        add(line);
    } else {
        add(pick(b, 2) ? "wait\n" : "# a comment\n");
    }
}

/* ---- the store and the run ---------------------------------------------------------------- */

static void fail_run(const char *what);

static void path_of(char *buf, size_t size, const char *a, const char *b)
{
    if ((size_t)snprintf(buf, size, "%s/%s", a, b) >= size)
        fuzz_fail("path too long", a);
}

/* Removes the folder's files and subfolders (one level of them: history/NAME/). */
static void empty(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char p[1024];
        path_of(p, sizeof p, dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode) && depth < 3) {
            chmod(p, 0700);
            empty(p, depth + 1);
            rmdir(p);
        } else {
            unlink(p);
        }
    }
    closedir(d);
}

static void copy(const char *from, const char *to)
{
    size_t len;
    int err = 0;
    char *t = fileio_read(from, 1 << 20, false, &len, &err);
    FILE *f = t ? fopen(to, "wb") : NULL;
    if (!f || fwrite(t, 1, len, f) != len || fclose(f) != 0)
        fuzz_fail("cannot copy an example into the store", from);
    chmod(to, 0600);
    free(t);
}

/* This process's folder goes at its end, unless kept; a crash leaves it (and its script). */
static void cleanup(void)
{
    if (!(getenv("FSDECL_FUZZ_KEEP") && *getenv("FSDECL_FUZZ_KEEP"))) {
        empty(F.dir, 0);
        rmdir(F.dir);
    }
}

/* The examples, and the name each has in a store (YEAR-RPPS). */
static void setup(void)
{
    snprintf(F.dir, sizeof F.dir, "%s/fsdecl-fuzz-wizard-%ld",
             getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
    if (mkdir(F.dir, 0700) != 0 && errno != EEXIST)
        fuzz_fail("cannot make the fuzzer's folder", F.dir);
    atexit(cleanup);
    const char *ex = FSDECL_SOURCE_DIR "/data/examples";
    struct dirent **list;
    int n = scandir(ex, &list, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        size_t len = strlen(name);
        if (len > 4 && len < 60 && strcmp(name + len - 4, ".cfg") == 0 &&
            F.nexamples < MAX_EXAMPLES) {
            char p[512];
            path_of(p, sizeof p, ex, name);
            diag_list d;
            diag_init(&d);
            decl_t *decl = decl_load(p, &d);
            if (decl && decl->identity.rpps) {
                snprintf(F.examples[F.nexamples], 64, "%s", name);
                snprintf(F.names[F.nexamples++], 64, "%d-%.40s", decl->campaign,
                         decl->identity.rpps);
            }
            decl_free(decl);
            diag_free(&d);
        }
        free(list[i]);
    }
    free(list);
    if (!F.nexamples)
        fuzz_fail("no example draft could be read", ex);
}

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Runs fsdecl on the script; returns its wait status. */
static int run(char *const argv[], const char *size, const char *term)
{
    char script[512], store[512], home[512], cwd[512], out[512];
    path_of(script, sizeof script, F.dir, "script.keys");
    path_of(store, sizeof store, F.dir, "store");
    path_of(home, sizeof home, F.dir, "home");
    path_of(cwd, sizeof cwd, F.dir, "run");
    path_of(out, sizeof out, F.dir, "output");
    static char env[16][600];
    const char *const set[] = {"LC_ALL=fr_FR.UTF-8",
                               "FSDECL_CLOCK=14:32",
                               "FSDECL_LISTS_DIR=",
                               "FSDECL_RULES_DIR=" FSDECL_SOURCE_DIR "/rules",
                               "ASAN_OPTIONS=abort_on_error=1:detect_leaks=1",
                               "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:abort_on_error=1",
                               "LSAN_OPTIONS=suppressions=\"" FSDECL_SOURCE_DIR
                               "/tests/lsan.supp\"" /* a path may hold spaces */};
    size_t n = 0;
    for (; n < sizeof set / sizeof set[0]; n++)
        snprintf(env[n], sizeof env[n], "%s", set[n]);
    snprintf(env[n++], sizeof env[0], "FSDECL_SCRIPT=%s", script);
    snprintf(env[n++], sizeof env[0], "FSDECL_SCRIPT_SIZE=%s", size);
    snprintf(env[n++], sizeof env[0], "FSDECL_DATA_DIR=%s", store);
    snprintf(env[n++], sizeof env[0], "HOME=%s", home);
    snprintf(env[n++], sizeof env[0], "TERM=%s", term);
    snprintf(env[n++], sizeof env[0], "PATH=/usr/bin:/bin");
    char *envp[17];
    for (size_t i = 0; i < n; i++)
        envp[i] = env[i];
    envp[n] = NULL;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        fuzz_fail("fork", strerror(errno));
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY), o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in < 0 || o < 0 || chdir(cwd) != 0 || dup2(in, 0) < 0 || dup2(o, 1) < 0 ||
            dup2(o, 2) < 0)
            _exit(125);
        execve(FSDECL_PROGRAM, argv, envp);
        _exit(126);
    }
    int status;
    long start = now_ms();
    for (;;) {
        pid_t got = waitpid(pid, &status, WNOHANG);
        if (got == pid)
            return status;
        if (got < 0 && errno != EINTR)
            fuzz_fail("waitpid", strerror(errno));
        if (now_ms() - start > TIME_LIMIT_MS) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            fail_run("the wizard did not end by itself in 30 s");
        }
        struct timespec pause = {0, 2000000};
        nanosleep(&pause, NULL);
    }
}

/* Shows the script and what the program said, then aborts. */
static void fail_run(const char *what)
{
    char out[512];
    path_of(out, sizeof out, F.dir, "output");
    size_t len = 0;
    int err = 0;
    char *said = fileio_read(out, 1 << 20, false, &len, &err);
    fprintf(stderr, "--- script ---\n%s--- fsdecl said ---\n%s\n", F.script,
            said ? said : "(nothing)");
    free(said);
    fuzz_fail(what, NULL);
}

/* A file the program wrote must be clean text (screens, messages). */
static void clean_file(const char *path, const char *what)
{
    size_t len = 0;
    int err = 0;
    char *t = fileio_read(path, 1 << 22, false, &len, &err);
    if (!t && err != ENOENT)
        fail_run(what);
    if (t && !fuzz_clean_text(t, len, true)) {
        fprintf(stderr, "fuzz: in %s\n", path);
        fail_run(what);
    }
    free(t);
}

/* Every file of a store's folder is a draft the reader reads, or a lock; none is temporary. */
static void check_folder(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *name = e->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
            continue;
        char p[1024];
        path_of(p, sizeof p, dir, name);
        struct stat st;
        if (lstat(p, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            if (depth < 2)
                check_folder(p, depth + 1);
            continue;
        }
        size_t len = strlen(name);
        const char *dot = strchr(name, '.');
        if (name[0] == '.') {
            fprintf(stderr, "fuzz: temporary file left: %s\n", p);
            fail_run("a temporary file is left in the store");
        }
        if (!dot || strcmp(dot, ".lock") == 0 || strcmp(name, "home.memo") == 0 || len < 4)
            continue;
        diag_list dg;
        diag_init(&dg);
        decl_t *decl = decl_load(p, &dg);
        if (!decl) {
            fprintf(stderr, "fuzz: %s: %s\n", p, dg.count ? dg.items[0].message : "?");
            fail_run("a file of the store cannot be read back");
        }
        decl_free(decl);
        diag_free(&dg);
    }
    closedir(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!F.nexamples)
        setup();
    bytes b = {data, size, 0};
    char store[512], drafts[512], p[1024];
    path_of(store, sizeof store, F.dir, "store");
    path_of(drafts, sizeof drafts, store, "drafts");
    empty(F.dir, 0);
    const char *const folders[] = {"store", "store/drafts", "store/history", "home", "run"};
    for (size_t i = 0; i < sizeof folders / sizeof folders[0]; i++) {
        path_of(p, sizeof p, F.dir, folders[i]);
        if (mkdir(p, 0700) != 0)
            fuzz_fail("cannot make the store", p);
    }
    /* the store: a choice of the examples, by the bits of the first byte */
    unsigned chosen = take(&b), first = MAX_EXAMPLES;
    for (size_t i = 0; i < F.nexamples; i++)
        if (chosen & (1u << (i % 8))) {
            char from[512], name[128];
            path_of(from, sizeof from, FSDECL_SOURCE_DIR "/data/examples", F.examples[i]);
            snprintf(name, sizeof name, "%s.cfg", F.names[i]);
            path_of(p, sizeof p, drafts, name);
            copy(from, p);
            first = first < MAX_EXAMPLES ? first : (unsigned)i;
        }
    /* the command line: the home screen, or fsdecl edit of a draft (or of one not there) */
    unsigned how = take(&b);
    static const char *const SIZES[] = {"80x24", "100x30", "132x40", "60x20"};
    const char *screen = SIZES[how % 4];
    const char *term = how & 4 ? "linux" : "xterm-256color";
    char *argv[8] = {"fsdecl", "--today", how & 8 ? "2026-12-20" : "2025-12-20"};
    int argc = 3;
    if (how & 16)
        argv[argc++] = "--ascii";
    if (how & 32)
        argv[argc++] = "--no-color";
    if (how & 64) {
        argv[argc++] = "edit";
        argv[argc++] = first < MAX_EXAMPLES && !(how & 128) ? F.names[first] : "2025-19999999999";
    }
    argv[argc] = NULL;
    F.len = 0;
    add("# generated from a fuzz input\n");
    unsigned dumps = 0;
    for (int line = 0; line < MAX_LINES && b.i < b.n; line++)
        command(&b, &dumps);
    path_of(p, sizeof p, F.dir, "script.keys");
    FILE *f = fopen(p, "wb");
    if (!f || fwrite(F.script, 1, F.len, f) != F.len || fclose(f) != 0)
        fuzz_fail("cannot write the script", p);

    int status = run(argv, screen, term);
    if (WIFSIGNALED(status)) {
        fprintf(stderr, "fuzz: fsdecl ended by signal %d\n", WTERMSIG(status));
        fail_run("the wizard crashed");
    }
    int code = WEXITSTATUS(status);
    if (code != 0 && code != 2) {
        fprintf(stderr, "fuzz: exit code %d\n", code);
        fail_run("the wizard ended with an undocumented exit code");
    }
    path_of(p, sizeof p, F.dir, "output");
    clean_file(p, "the wizard's output is not clean text");
    for (unsigned i = 0; i < dumps; i++) {
        char name[64], dump[1024];
        snprintf(name, sizeof name, "run/ecran-%u.txt", i);
        path_of(dump, sizeof dump, F.dir, name);
        clean_file(dump, "a screen dumped holds a control character or invalid UTF-8");
    }
    check_folder(store, 0);
    if (getenv("FSDECL_FUZZ_KEEP") && *getenv("FSDECL_FUZZ_KEEP"))
        fprintf(stderr, "fuzz: script and store kept in %s\n", F.dir);
    return 0;
}
