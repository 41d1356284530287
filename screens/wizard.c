/* wizard: starting and stopping the full-screen program, and restoring the terminal on every exit
 * path (a normal end, SIGTERM and SIGHUP through the loop, a crash through a handler that only
 * restores the terminal's modes). */
#include "wizard.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "app.h"
#include "home.h"
#include "script.h"

/* The only statics of the wizard, process-wide by need: the crash handler (a signal handler, with
 * no argument) restores the terminal's modes, and the exit handler stop (atexit's, with none)
 * turns bracketed paste off if it is on. Everything a screen holds is in the app or its screen. */
static struct termios saved_modes;
static bool have_modes, bracketed_paste;

/* After a crash: the terminal's modes back, the cursor shown, the normal screen; then the
 * signal's own end. Only async-signal-safe calls. */
static void on_crash(int sig)
{
    static const char reset[] = "\033[?2004l\033[?25h\033[?1049l\033[0m\r\n";
    if (have_modes)
        tcsetattr(STDIN_FILENO, TCSANOW, &saved_modes);
    if (write(STDOUT_FILENO, reset, sizeof reset - 1) < 0) {
        /* nothing more can be done */
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void catch_crashes(void)
{
    have_modes = tcgetattr(STDIN_FILENO, &saved_modes) == 0;
    int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], on_crash);
}

static void paste_mode(bool on)
{
    if (bracketed_paste == on)
        return;
    bracketed_paste = on;
    fputs(on ? "\033[?2004h" : "\033[?2004l", stdout);
    fflush(stdout);
}

static void stop(void)
{
    term_stop();
    paste_mode(false);
}

/* The script and the settle pipe of tests, from the environment. */
static bool test_hooks(app *a, term_options *t, char *why, size_t size)
{
    const char *fd = getenv("FSDECL_SETTLE_FD");
    a->settle_fd = fd && *fd ? atoi(fd) : -1;
    const char *path = getenv("FSDECL_SCRIPT");
    if (!path || !*path)
        return true;
    a->script = script_open(path, why, size);
    const char *size_env = getenv("FSDECL_SCRIPT_SIZE"); /* "80x24" */
    t->virtual_screen = true;
    t->cols = 80, t->lines = 24;
    if (size_env)
        sscanf(size_env, "%dx%d", &t->cols, &t->lines);
    return a->script != NULL;
}

/* The wizard on the app a; the program's exit code. */
static int run(app *a, const wizard_options *o, diag_list *refused)
{
    term_options t = {.no_color = o->no_color || (getenv("NO_COLOR") && *getenv("NO_COLOR")),
                      .ascii = o->ascii};
    char why[256] = "";
    if (!test_hooks(a, &t, why, sizeof why)) {
        fprintf(stderr, "fsdecl : %s\n", why);
        return 2;
    }
    if (!a->script && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
        fputs("fsdecl : l'assistant demande un terminal ; sans terminal, utilisez les commandes "
              "(fsdecl --help).\n",
              stderr);
        return 2;
    }
    session_config cfg = {o->rules_dir, o->data_dir, o->has_today, o->today};
    a->s = session_new(&cfg);
    if (!a->s) {
        fputs("fsdecl : mémoire insuffisante\n", stderr);
        return 2;
    }
    store_catch_signals();
    catch_crashes();
    if (!term_start(&t, why, sizeof why)) {
        fprintf(stderr, "fsdecl : %s\n", why);
        return 2;
    }
    atexit(stop);
    if (!a->script)
        paste_mode(true);
    define_key("\033[200~", KEY_MAX + 1);
    define_key("\033[201~", KEY_MAX + 2);
    size_t before = refused->count;
    if (o->edit)
        home_open_arg(a, o->edit, refused);
    else
        home_start(a);
    app_run(a);
    stop();
    return refused->count > before ? 2 : 0;
}

int wizard_main(const wizard_options *o, diag_list *refused)
{
    /* On the heap: the form's pending edits make it about 300 KB, too much for a stack; calloc
     * takes zeroed pages from the system without touching them. */
    app *a = calloc(1, sizeof *a);
    if (!a) {
        fputs("fsdecl : mémoire insuffisante\n", stderr);
        return 2;
    }
    int code = run(a, o, refused);
    free(a->paste);
    script_close(a->script);
    session_free(a->s);
    free(a);
    return code;
}
