/* lockrace: many processes contend for one draft's lock while short-lived holders take it in turn
 * and die holding it; every refusal must name the holder: never a holder that had already died
 * when the refusal began, never nobody. Usage: lockrace [HOLDERS [CONTENDERS]] (300 and 4 when not
 * given); exits 0 when every refusal named a live holder, 1 otherwise, 2 when the test could not
 * run. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fsdecl/store.h"

enum { MAX_HOLDERS = 2000, MAX_CONTENDERS = 16, HOLD_MICROSECONDS = 1000 };

typedef struct {
    atomic_long seq; /* a clock of events: each holder's death takes the next tick */
    atomic_int done; /* the contenders stop */
    atomic_long pids[MAX_HOLDERS];
    atomic_long dead[MAX_HOLDERS]; /* the tick at which holder k was known dead, 0 alive */
    atomic_long contenders[MAX_CONTENDERS];
    atomic_long refusals, stale, unknown, stranger;
} shared;

static shared *sh;
static int holders, ncontenders;
static store_t store;
static const char *const NAME = "2025-10000000001";

static void pause_us(long us)
{
    struct timespec t = {0, us * 1000};
    nanosleep(&t, NULL);
}

/* Takes the lock (retrying), keeps it a moment, and dies holding it. */
static void hold(int k)
{
    atomic_store(&sh->pids[k], (long)getpid());
    store_lock l;
    diag_list d;
    diag_init(&d);
    while (!store_lock_take(&store, NAME, &l, &d)) {
        if (!l.held) {
            fprintf(stderr, "lockrace: holder %d cannot take the lock\n", k);
            _exit(2);
        }
    }
    pause_us(HOLD_MICROSECONDS);
    _exit(0);
}

static bool is_contender(long pid)
{
    for (int i = 0; i < ncontenders; i++)
        if (atomic_load(&sh->contenders[i]) == pid)
            return true;
    return false;
}

/* Judges one refusal, begun at tick begun. */
static void judge(const store_lock *l, long begun)
{
    atomic_fetch_add(&sh->refusals, 1);
    if (l->pid <= 0) {
        atomic_fetch_add(&sh->unknown, 1);
        return;
    }
    if (is_contender(l->pid))
        return;
    for (int k = 0; k < holders; k++) {
        if (atomic_load(&sh->pids[k]) != l->pid)
            continue;
        long dead = atomic_load(&sh->dead[k]);
        if (dead && dead < begun)
            atomic_fetch_add(&sh->stale, 1);
        return;
    }
    atomic_fetch_add(&sh->stranger, 1);
}

/* Tries the lock again and again; a lock taken is let go at once. Contender i says who it is
 * before it first takes the lock, so that no refusal can name it before it is known. */
static void contend(int i)
{
    atomic_store(&sh->contenders[i], (long)getpid());
    diag_list d;
    diag_init(&d);
    while (!atomic_load(&sh->done)) {
        long begun = atomic_fetch_add(&sh->seq, 1) + 1;
        store_lock l;
        if (store_lock_take(&store, NAME, &l, &d))
            store_lock_release(&l);
        else if (l.held)
            judge(&l, begun);
        diag_free(&d);
        diag_init(&d);
    }
    _exit(0);
}

int main(int argc, char **argv)
{
    holders = argc > 1 ? atoi(argv[1]) : 300;
    ncontenders = argc > 2 ? atoi(argv[2]) : 4;
    if (holders < 1 || holders > MAX_HOLDERS || ncontenders < 1 || ncontenders > MAX_CONTENDERS)
        return 2;
    char dir[] = "/tmp/fsdecl-lockrace.XXXXXX";
    if (!mkdtemp(dir))
        return 2;
    diag_list d;
    diag_init(&d);
    if (!store_open(&store, dir, &d)) {
        fputs("lockrace: no store\n", stderr);
        return 2;
    }
    sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sh == MAP_FAILED)
        return 2;
    memset(sh, 0, sizeof *sh);
    pid_t cpids[MAX_CONTENDERS];
    for (int i = 0; i < ncontenders; i++) {
        cpids[i] = fork();
        if (cpids[i] == 0)
            contend(i);
        atomic_store(&sh->contenders[i], (long)cpids[i]);
    }
    int failed = 0;
    for (int k = 0; k < holders && !failed; k++) {
        pid_t p = fork();
        if (p == 0)
            hold(k);
        int status;
        waitpid(p, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            failed = 2;
        atomic_store(&sh->dead[k], atomic_fetch_add(&sh->seq, 1) + 1);
    }
    atomic_store(&sh->done, 1);
    for (int i = 0; i < ncontenders; i++)
        waitpid(cpids[i], NULL, 0);
    long refusals = atomic_load(&sh->refusals), stale = atomic_load(&sh->stale),
         unknown = atomic_load(&sh->unknown), stranger = atomic_load(&sh->stranger);
    printf("lockrace: %d holders, %d contenders: %ld refusals, %ld named a dead holder, %ld "
           "named nobody, %ld named a stranger\n",
           holders, ncontenders, refusals, stale, unknown, stranger);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fputs("lockrace: temporary folder left\n", stderr);
    if (failed)
        return failed;
    if (refusals == 0) {
        fputs("lockrace: no refusal at all: the race was not run\n", stderr);
        return 2;
    }
    return stale || unknown || stranger ? 1 : 0;
}
