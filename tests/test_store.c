#define _GNU_SOURCE /* F_OFD_SETLK */
/* The draft store: nothing the user was told was saved is ever lost. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "fsdecl/carry.h"
#include "fsdecl/rules.h"
#include "fsdecl/store.h"

#define EXAMPLE FSDECL_SOURCE_DIR "/data/examples/gp-complete.cfg"
#define NAME "2025-10001234565"

static char base[256];
static int counter;

static void rm_rf(const char *path)
{
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'", path, path);
    if (system(cmd) != 0)
        fprintf(stderr, "cleanup of %s failed\n", path);
}

/* A fresh store folder for each test. */
static void fresh(store_t *s, char *root, size_t size)
{
    snprintf(root, size, "%s/store%d", base, counter++);
    diag_list d;
    diag_init(&d);
    assert_true(store_open(s, root, &d));
    diag_free(&d);
}

static decl_t *example(const char *last_name)
{
    diag_list d;
    diag_init(&d);
    decl_t *x = decl_load(EXAMPLE, &d);
    assert_non_null(x);
    diag_free(&d);
    if (last_name)
        x->identity.last_name = arena_strdup(x->arena, last_name);
    return x;
}

static char *last_name_of(const store_t *s)
{
    diag_list d;
    diag_init(&d);
    decl_t *x = store_load(s, NAME, &d);
    char *r = x ? strdup(x->identity.last_name) : NULL;
    decl_free(x);
    diag_free(&d);
    return r;
}

static void save_ok(const store_t *s, const decl_t *x)
{
    diag_list d;
    diag_init(&d);
    if (!store_save(s, x, &d)) {
        char *m = diag_format(&d.items[0]);
        fail_msg("%s", m);
    }
    diag_free(&d);
}

static void test_names(void **state)
{
    (void)state;
    char name[STORE_NAME_MAX];
    assert_true(store_name(2025, "10001234565", name));
    assert_string_equal(name, NAME);
    assert_false(store_name(2025, "1000123456", name));
    assert_false(store_name(2025, "../../etc/x", name));
    assert_false(store_name(2025, "1000123456a", name));
    assert_false(store_name(2025, NULL, name));
    assert_true(store_name_valid(NAME));
    assert_false(store_name_valid("2025-1000123456/"));
    assert_false(store_name_valid("../1000123456"));
    assert_false(store_name_valid("2025-10001234565.cfg"));
}

static void test_round_trip_and_modes(void **state)
{
    (void)state;
    store_t s;
    char root[300];
    fresh(&s, root, sizeof root);
    decl_t *x = example(NULL);
    save_ok(&s, x);
    diag_list d;
    diag_init(&d);
    decl_t *y = store_load(&s, NAME, &d);
    assert_non_null(y);
    size_t n1, n2;
    char *t1 = decl_write(x, "w", &n1), *t2 = decl_write(y, "w", &n2);
    assert_string_equal(t1, t2);
    free(t1);
    free(t2);
    struct stat st;
    assert_int_equal(stat(s.root, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    assert_int_equal(stat(s.drafts, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    char path[PATH_MAX];
    store_draft_path(&s, NAME, path, sizeof path);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    /* a second save keeps the first as the backup */
    decl_t *z = example("SECOND");
    save_ok(&s, z);
    char bak[PATH_MAX + 8];
    snprintf(bak, sizeof bak, "%s.bak", path);
    decl_t *b = decl_load(bak, &d);
    assert_non_null(b);
    assert_string_equal(b->identity.last_name, "MARTIN");
    store_entry *v;
    size_t n;
    assert_true(store_list(&s, &v, &n, &d));
    assert_int_equal(n, 1);
    assert_string_equal(v[0].name, NAME);
    assert_int_equal(v[0].year, 2025);
    free(v);
    decl_free(b);
    decl_free(x);
    decl_free(y);
    decl_free(z);
    diag_free(&d);
}

/* A writer killed with SIGKILL at random moments during a thousand saves: the draft is always
 * the old or the new version, never broken. */
static void test_kill_during_saves(void **state)
{
    (void)state;
    store_t s;
    char root[300];
    fresh(&s, root, sizeof root);
    decl_t *a = example("VERSION-A"), *b = example("VERSION-B");
    save_ok(&s, a);
    srand(4242);
    int killed_mid_run = 0;
    for (int i = 0; i < 1000; i++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            diag_list d;
            diag_init(&d);
            for (int k = 0;; k++)
                if (!store_save(&s, k % 2 ? a : b, &d))
                    _exit(3);
        }
        struct timespec ts = {0, (long)(rand() % 4000) * 1000};
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
        int status;
        waitpid(pid, &status, 0);
        if (WIFSIGNALED(status))
            killed_mid_run++;
        char *got = last_name_of(&s);
        if (!got)
            fail_msg("kill %d: the draft cannot be read", i);
        if (strcmp(got, "VERSION-A") != 0 && strcmp(got, "VERSION-B") != 0)
            fail_msg("kill %d: unexpected content %s", i, got);
        free(got);
    }
    assert_true(killed_mid_run > 900);
    /* the killed writers are gone: the next opening removes their temporary files at once */
    store_t again;
    diag_list d;
    diag_init(&d);
    assert_true(store_open(&again, root, &d));
    size_t stale;
    assert_int_equal(store_count_temporaries(&again, &stale), 0);
    diag_free(&d);
    decl_free(a);
    decl_free(b);
}

/* A writer killed mid-save leaves its temporary file: an old one is removed when the store is
 * next opened, a recent one (perhaps a live writer's) is kept. */
static void test_stale_temporaries(void **state)
{
    (void)state;
    store_t s;
    char root[300];
    fresh(&s, root, sizeof root);
    char old[PATH_MAX + 32], recent[PATH_MAX + 32];
    snprintf(old, sizeof old, "%s/." NAME ".cfg.AAAAAA", s.drafts);
    snprintf(recent, sizeof recent, "%s/." NAME ".cfg.BBBBBB", s.drafts);
    FILE *f = fopen(old, "w");
    fputs("half", f);
    fclose(f);
    f = fopen(recent, "w");
    fputs("half", f);
    fclose(f);
    struct timespec times[2] = {{time(NULL) - 7200, 0}, {time(NULL) - 7200, 0}};
    assert_int_equal(utimensat(AT_FDCWD, old, times, 0), 0);
    store_t again;
    diag_list d;
    diag_init(&d);
    assert_true(store_open(&again, root, &d));
    assert_int_not_equal(access(old, F_OK), 0);
    assert_int_equal(access(recent, F_OK), 0);
    diag_free(&d);
}

/* A temporary file's name carries its writer's pid, pid namespace and host: the next opening
 * removes a dead writer's at once, and keeps a live one's (this process's), another host's and
 * one whose name says no writer, until they are old. */
static void test_dead_writer_temporaries(void **state)
{
    (void)state;
    store_t s;
    char root[300];
    fresh(&s, root, sizeof root);
    decl_t *x = example("GOOD");
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork(); /* a writer killed while it writes its temporary file */
    if (pid == 0) {
        close(fds[0]);
        diag_list d;
        diag_init(&d);
        for (;;)
            if (!store_save(&s, x, &d) || write(fds[1], "s", 1) != 1)
                _exit(3);
    }
    close(fds[1]);
    char c;
    assert_int_equal(read(fds[0], &c, 1), 1); /* it has saved once: the store is there */
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    close(fds[0]);
    char mine[PATH_MAX + 512], other[PATH_MAX + 512], plain[PATH_MAX + 512], dead[PATH_MAX + 512];
    struct stat st;
    assert_int_equal(stat("/proc/self/ns/pid", &st), 0);
    char host[256] = "";
    gethostname(host, sizeof host);
    host[strcspn(host, ".")] = '\0';
    host[32] = '\0';
    for (char *p = host; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '-'))
            *p = '_';
    snprintf(mine, sizeof mine, "%s/." NAME ".cfg.%ld-%lu@%s.AAAAAA", s.drafts, (long)getpid(),
             (unsigned long)st.st_ino, *host ? host : "_");
    snprintf(other, sizeof other, "%s/." NAME ".cfg.%ld-%lu@ailleurs-xyz.BBBBBB", s.drafts,
             (long)pid, (unsigned long)st.st_ino);
    snprintf(plain, sizeof plain, "%s/." NAME ".cfg.CCCCCC", s.drafts);
    snprintf(dead, sizeof dead, "%s/." NAME ".cfg.%ld-%lu@%s.DDDDDD", s.drafts, (long)pid,
             (unsigned long)st.st_ino, *host ? host : "_");
    const char *files[] = {mine, other, plain, dead};
    for (size_t i = 0; i < 4; i++) {
        FILE *f = fopen(files[i], "w");
        assert_non_null(f);
        fputs("half", f);
        fclose(f);
    }
    size_t stale;
    size_t before = store_count_temporaries(&s, &stale);
    assert_true(before >= 4);
    assert_int_equal(stale, before - 3); /* the dead writer's: its own and the one made here */
    store_t again;
    diag_list d;
    diag_init(&d);
    assert_true(store_open(&again, root, &d));
    assert_int_not_equal(access(dead, F_OK), 0);
    assert_int_equal(access(mine, F_OK), 0);
    assert_int_equal(access(other, F_OK), 0);
    assert_int_equal(access(plain, F_OK), 0);
    assert_int_equal(store_count_temporaries(&again, &stale), 3);
    assert_int_equal(stale, 0);
    diag_free(&d);
    decl_free(x);
}

/* Saving into a full filesystem fails with a message and leaves the last good draft. */
static void test_full_disk(void **state)
{
    (void)state;
    store_t s;
    char root[300];
    fresh(&s, root, sizeof root);
    decl_t *x = example("GOOD");
    save_ok(&s, x);
    pid_t pid = fork();
    if (pid == 0) {
        /* the file size limit makes every write beyond 1 KiB fail (EFBIG), as a full disk does */
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit rl = {1024, 1024};
        setrlimit(RLIMIT_FSIZE, &rl);
        decl_t *y = example("LOST");
        diag_list d;
        diag_init(&d);
        bool ok = store_save(&s, y, &d);
        _exit(!ok && d.count && strstr(d.items[0].message, "enregistrement impossible") &&
                      strstr(d.items[0].message, "la version précédente est intacte")
                  ? 0
                  : 1);
    }
    int status;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    char *got = last_name_of(&s);
    assert_string_equal(got, "GOOD");
    free(got);
    decl_free(x);
}

/* The same on a real full filesystem, when this machine lets us mount a small one. */
static void test_full_tmpfs(void **state)
{
    (void)state;
    char mnt[300];
    snprintf(mnt, sizeof mnt, "%s/tmpfs", base);
    mkdir(mnt, 0700);
    if (mount("fsdecl-test", mnt, "tmpfs", 0, "size=64k") != 0) {
        printf("  (no tmpfs here: %s; the RLIMIT_FSIZE test covers a full disk)\n",
               strerror(errno));
        rmdir(mnt);
        return;
    }
    store_t s;
    diag_list d;
    diag_init(&d);
    assert_true(store_open(&s, mnt, &d));
    decl_t *x = example("GOOD");
    save_ok(&s, x);
    /* fill the filesystem */
    char fill[PATH_MAX];
    snprintf(fill, sizeof fill, "%s/fill", mnt);
    int fd = open(fill, O_WRONLY | O_CREAT, 0600);
    char block[4096];
    memset(block, 'x', sizeof block);
    while (write(fd, block, sizeof block) > 0) {
    }
    close(fd);
    decl_t *y = example("LOST");
    assert_false(store_save(&s, y, &d));
    assert_non_null(strstr(d.items[0].message, "la version précédente est intacte"));
    char *got = last_name_of(&s);
    assert_string_equal(got, "GOOD");
    free(got);
    decl_free(x);
    decl_free(y);
    diag_free(&d);
    umount(mnt);
    rmdir(mnt);
}

/* A read-only folder and a vanished folder: clear messages, the draft intact. */
static void test_read_only_and_vanished(void **state)
{
    (void)state;
    store_t s;
    char root[300];
    fresh(&s, root, sizeof root);
    decl_t *x = example("GOOD");
    save_ok(&s, x);
    decl_t *y = example("LOST"); /* read now: the sources may be where nobody can read them */
    pid_t pid = fork();
    if (pid == 0) {
        /* root ignores permissions: drop to an ordinary user for this check */
        if (geteuid() == 0) {
            char cmd[1400];
            snprintf(cmd, sizeof cmd, "chown -R 65534:65534 '%s'", root);
            if (system(cmd) != 0 || setgid(65534) != 0 || setuid(65534) != 0)
                _exit(2);
        }
        chmod(s.drafts, 0500);
        diag_list d;
        diag_init(&d);
        bool ok = store_save(&s, y, &d);
        bool msg = d.count && strstr(d.items[0].message, "enregistrement impossible") &&
                   strstr(d.items[0].message, "la version précédente est intacte");
        char *got = last_name_of(&s);
        /* the history folder cannot be read: the next version is not numbered 1 */
        diag_list h;
        diag_init(&h);
        char name[STORE_NAME_MAX];
        store_name(x->campaign, x->identity.rpps, name);
        char hist[PATH_MAX + 64];
        snprintf(hist, sizeof hist, "%s/%s", s.history, name);
        mkdir(hist, 0700);
        chmod(hist, 0000);
        bool refused = store_transmit(&s, name, "x", 1, &h) == 0 && h.count &&
                       strstr(h.items[0].message, "lecture de l'historique impossible");
        chmod(hist, 0700);
        _exit(!ok && msg && refused && got && strcmp(got, "GOOD") == 0 ? 0 : 1);
    }
    int status;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    if (geteuid() == 0) {
        char cmd[1400];
        snprintf(cmd, sizeof cmd, "chown -R 0:0 '%s'", root);
        assert_int_equal(system(cmd), 0);
    }
    chmod(s.drafts, 0700);
    decl_free(y);
    /* the folder vanishes under a running program */
    rm_rf(root);
    diag_list d;
    diag_init(&d);
    assert_false(store_save(&s, x, &d));
    assert_non_null(strstr(d.items[0].message, "enregistrement impossible"));
    assert_null(strstr(d.items[0].message, "intacte")); /* there is nothing left to be intact */
    decl_free(x);
    diag_free(&d);
}

/* A lock taken but not yet labelled (its holder is between taking it and writing who it is):
 * the draft is said held, and no holder is invented (no « processus 0 »). */
static void test_holder_not_yet_known(void **state)
{
    (void)state;
    store_t s;
    char root[300], path[PATH_MAX + 32];
    fresh(&s, root, sizeof root);
    snprintf(path, sizeof path, "%s/%s.lock", s.drafts, NAME);
    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open(path, O_RDWR | O_CREAT, 0600);
        struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
        if (fd < 0 || fcntl(fd, F_OFD_SETLK, &fl) != 0 || write(p[1], "x", 1) != 1)
            _exit(1);
        pause();
        _exit(0);
    }
    char c;
    assert_int_equal(read(p[0], &c, 1), 1);
    store_lock l;
    diag_list d;
    diag_init(&d);
    assert_false(store_lock_take(&s, NAME, &l, &d));
    assert_true(l.held);
    assert_int_equal(l.pid, 0);
    assert_int_equal(d.count, 0);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    close(p[0]);
    close(p[1]);
}

/* Two processes on one draft: the second is told who holds it; the lock goes with its holder. */
static void test_two_processes(void **state)
{
    (void)state;
    store_t s;
    char root[300];
    fresh(&s, root, sizeof root);
    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t pid = fork();
    if (pid == 0) {
        store_lock l;
        diag_list d;
        diag_init(&d);
        if (!store_lock_take(&s, NAME, &l, &d))
            _exit(1);
        if (write(p[1], "x", 1) != 1)
            _exit(1);
        pause();
        _exit(0);
    }
    char c;
    assert_int_equal(read(p[0], &c, 1), 1);
    store_lock l;
    diag_list d;
    diag_init(&d);
    assert_false(store_lock_take(&s, NAME, &l, &d));
    assert_true(l.held);
    assert_int_equal(l.pid, pid);
    assert_true(l.host[0] != '\0');
    assert_true(strlen(l.since) == 19);
    assert_int_equal(d.count, 0);
    /* a recovery file whose owner still runs is not offered */
    decl_t *x = example(NULL);
    assert_true(store_autosave(&s, x, &d));
    assert_true(store_recovery_status(&s, NAME).owner_alive);
    /* a second lock in this same process conflicts too (locks belong to open files) */
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    assert_false(store_recovery_status(&s, NAME).owner_alive);
    decl_free(x);
    assert_true(store_lock_take(&s, NAME, &l, &d));
    store_lock m;
    assert_false(store_lock_take(&s, NAME, &m, &d));
    assert_int_equal(m.pid, getpid());
    char lock[PATH_MAX + 16];
    store_draft_path(&s, NAME, lock, sizeof lock);
    snprintf(strrchr(lock, '.'), 6, ".lock");
    assert_int_equal(access(lock, F_OK), 0);
    store_lock_release(&l);
    assert_int_equal(access(lock, F_OK), -1); /* a clean end leaves no label behind */
    assert_true(store_lock_take(&s, NAME, &l, &d));
    store_lock_release(&l);
    close(p[0]);
    close(p[1]);
    diag_free(&d);
}

/* A corrupt draft is refused with its line, and the backup is offered and restored. */
static void test_corrupt_draft(void **state)
{
    (void)state;
    store_t s;
    char root[300];
    fresh(&s, root, sizeof root);
    decl_t *x = example("FIRST"), *y = example("SECOND");
    save_ok(&s, x);
    save_ok(&s, y);
    char path[PATH_MAX];
    store_draft_path(&s, NAME, path, sizeof path);
    FILE *f = fopen(path, "w");
    fputs("format = 1;\ncampaign = 2025;\nidentity = { last_name = \"X\" ;\n", f);
    fclose(f);
    diag_list d;
    diag_init(&d);
    assert_null(store_load(&s, NAME, &d));
    assert_true(d.count >= 2);
    char *m0 = diag_format(&d.items[0]);
    char want[PATH_MAX + 64];
    snprintf(want, sizeof want, "%s:4: erreur de syntaxe", path);
    assert_string_equal(m0, want);
    free(m0);
    assert_non_null(strstr(d.items[1].message, "fsdecl restore " NAME));
    assert_true(store_restore_backup(&s, NAME, &d));
    char *got = last_name_of(&s);
    assert_string_equal(got, "FIRST");
    free(got);
    decl_free(x);
    decl_free(y);
    diag_free(&d);
}

/* A draft in a newer format is neither read nor overwritten, however libconfig lets it spell the
 * setting: the guard asks the parser, not the text. */
static void newer_format_kept(const char *newer)
{
    store_t s;
    char root[300];
    fresh(&s, root, sizeof root);
    char path[PATH_MAX];
    store_draft_path(&s, NAME, path, sizeof path);
    FILE *f = fopen(path, "w");
    fputs(newer, f);
    fclose(f);
    diag_list d;
    diag_init(&d);
    assert_null(store_load(&s, NAME, &d));
    assert_non_null(strstr(d.items[0].message, "version plus récente"));
    decl_t *x = example(NULL);
    assert_false(store_save(&s, x, &d));
    assert_non_null(strstr(d.items[d.count - 1].message, "pas modifié par cette version"));
    f = fopen(path, "r");
    char buf[128] = "";
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    assert_string_equal(buf, newer);
    decl_free(x);
    diag_free(&d);
}

static void test_newer_format(void **state)
{
    (void)state;
    newer_format_kept("format = 2;\ncampaign = 2025;\nnew_key = 1;\n");
    newer_format_kept("format: 2;\ncampaign = 2025;\nnew_key = 1;\n");
    newer_format_kept("  format = 2;\ncampaign = 2025;\nnew_key = 1;\n");
    newer_format_kept("campaign = 2025;\n\tformat=3 ;\nnew_key = 1;\n");
}

static void test_symlink_refused(void **state)
{
    (void)state;
    store_t s;
    char root[300];
    fresh(&s, root, sizeof root);
    char path[PATH_MAX], target[PATH_MAX];
    store_draft_path(&s, NAME, path, sizeof path);
    snprintf(target, sizeof target, "%s/elsewhere.cfg", root);
    FILE *f = fopen(target, "w");
    fputs("format = 1;\ncampaign = 2025;\n", f);
    fclose(f);
    assert_int_equal(symlink(target, path), 0);
    diag_list d;
    diag_init(&d);
    assert_null(store_load(&s, NAME, &d));
    assert_non_null(strstr(d.items[0].message, "lien symbolique refusé"));
    decl_t *x = example(NULL);
    assert_false(store_save(&s, x, &d));
    decl_free(x);
    diag_free(&d);
}

/* Autosave, then recovery after the owner is gone; SIGTERM and SIGHUP save before exiting. */
static void test_recovery_and_signals(void **state)
{
    (void)state;
    store_t s;
    char root[300];
    fresh(&s, root, sizeof root);
    decl_t *x = example("SAVED"), *y = example("UNSAVED");
    save_ok(&s, x);
    diag_list d;
    diag_init(&d);
    struct timespec ts = {0, 20 * 1000 * 1000};
    nanosleep(&ts, NULL);
    assert_true(store_autosave(&s, y, &d));
    store_recovery r = store_recovery_status(&s, NAME);
    assert_true(r.exists);
    assert_true(r.newer_than_draft);
    assert_false(r.owner_alive);
    assert_int_equal(r.pid, getpid());
    decl_t *back = store_recover(&s, NAME, &d);
    assert_non_null(back);
    assert_string_equal(back->identity.last_name, "UNSAVED");
    save_ok(&s, back);
    assert_false(store_recovery_status(&s, NAME).exists);
    assert_true(store_autosave(&s, y, &d));
    assert_true(store_discard_recovery(&s, NAME, &d));
    assert_false(store_recovery_status(&s, NAME).exists);
    decl_free(back);

    int sigs[] = {SIGTERM, SIGHUP};
    for (int k = 0; k < 2; k++) {
        int p[2];
        assert_int_equal(pipe(p), 0);
        pid_t pid = fork();
        if (pid == 0) {
            store_catch_signals();
            decl_t *edit = example(k ? "ON-SIGHUP" : "ON-SIGTERM");
            if (write(p[1], "x", 1) != 1)
                _exit(2);
            /* as the wizard's loop will: poll between keystrokes (no race with pause()) */
            struct timespec tick = {0, 1000 * 1000};
            while (!store_signal_pending())
                nanosleep(&tick, NULL);
            diag_list dd;
            diag_init(&dd);
            _exit(store_save(&s, edit, &dd) ? 0 : 1);
        }
        char c;
        assert_int_equal(read(p[0], &c, 1), 1);
        kill(pid, sigs[k]);
        int status;
        waitpid(pid, &status, 0);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
        char *got = last_name_of(&s);
        assert_string_equal(got, k ? "ON-SIGHUP" : "ON-SIGTERM");
        free(got);
        close(p[0]);
        close(p[1]);
    }
    decl_free(x);
    decl_free(y);
    diag_free(&d);
}

/* The autosave debounce: written once the draft has rested, not on every change. */
static void test_autosaver(void **state)
{
    (void)state;
    store_t s;
    char root[300];
    fresh(&s, root, sizeof root);
    decl_t *x = example("TYPED");
    diag_list d;
    diag_init(&d);
    store_autosaver a = {.delay_ms = 2000};
    bool err;
    assert_false(store_autosave_tick(&a, 0, &s, x, &err, &d)); /* nothing changed */
    store_autosave_changed(&a, 1000);
    assert_false(store_autosave_tick(&a, 2999, &s, x, &err, &d));
    store_autosave_changed(&a, 2500); /* another keystroke restarts the wait */
    assert_false(store_autosave_tick(&a, 4000, &s, x, &err, &d));
    assert_false(store_recovery_status(&s, NAME).exists);
    assert_true(store_autosave_tick(&a, 4500, &s, x, &err, &d));
    assert_false(err);
    assert_true(store_recovery_status(&s, NAME).exists);
    assert_false(store_autosave_tick(&a, 9000, &s, x, &err, &d)); /* written once */
    store_autosave_changed(&a, 9000);
    save_ok(&s, x);
    store_autosave_saved(&a);
    assert_false(store_autosave_tick(&a, 20000, &s, x, &err, &d));
    assert_false(store_recovery_status(&s, NAME).exists); /* a real save removes it */
    decl_free(x);
    diag_free(&d);
}

/* The saved draft, transmitted as it is on disk. */
static int transmit_saved(const store_t *s, diag_list *d)
{
    size_t len;
    char *text = store_read_draft(s, NAME, &len, d);
    assert_non_null(text);
    int v = store_transmit(s, NAME, text, len, d);
    free(text);
    return v;
}

static void test_transmissions(void **state)
{
    (void)state;
    store_t s;
    char root[300];
    fresh(&s, root, sizeof root);
    decl_t *x = example(NULL);
    save_ok(&s, x);
    diag_list d;
    diag_init(&d);
    assert_int_equal(transmit_saved(&s, &d), 1);
    decl_t *y = example("CHANGED");
    save_ok(&s, y);
    assert_int_equal(transmit_saved(&s, &d), 2);
    store_version *v;
    size_t n;
    assert_true(store_history(&s, NAME, &v, &n, &d));
    assert_int_equal(n, 2);
    assert_int_equal(v[0].number, 1);
    assert_true(v[0].intact && v[1].intact);
    assert_int_equal(strlen(v[0].sha256), 64);
    assert_string_not_equal(v[0].sha256, v[1].sha256);
    free(v);
    /* a transmitted version is read-only, and a change to it is detected */
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s/v0001.cfg", s.history, NAME);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0400);
    chmod(path, 0600);
    FILE *f = fopen(path, "a");
    fputs("# changed\n", f);
    fclose(f);
    assert_true(store_history(&s, NAME, &v, &n, &d));
    assert_int_equal(n, 2);
    assert_false(v[0].intact);
    assert_true(v[1].intact);
    free(v);
    store_entry *e;
    assert_true(store_list(&s, &e, &n, &d));
    assert_int_equal(n, 1);
    assert_int_equal(e[0].versions, 2);
    free(e);
    decl_free(x);
    decl_free(y);
    diag_free(&d);
}

static void test_carry_over(void **state)
{
    (void)state;
    diag_list d;
    diag_init(&d);
    const char *dirs[] = {FSDECL_SOURCE_DIR "/data/lists"};
    rules_campaign *c = rules_load(FSDECL_SOURCE_DIR "/rules/2025.cfg", dirs, 1, &d);
    assert_non_null(c);
    decl_t *prev = example(NULL);
    prev->campaign = 2024;
    prev->first_year = true;
    decl_answer *psw = decl_answer_get(prev, "v1_software", NULL);
    date_t validated = {2025, 3, 10}, sent = {2025, 1, 20};
    assert_true(decl_set_proof(prev, psw, "lap", DECL_PROOF_VALIDATED, &validated, NULL));
    assert_true(decl_set_proof(prev, psw, "segur", DECL_PROOF_SENT, &sent, NULL));
    carry_report r;
    decl_t *n = carry_over(prev, NULL, c, &r);
    assert_non_null(n);
    assert_int_equal(n->campaign, 2025);
    assert_false(n->first_year);
    assert_string_equal(n->identity.rpps, "10001234565");
    assert_false(n->attestation.accuracy);
    const decl_answer *sw = decl_find_answer(n, "v1_software");
    assert_non_null(sw);
    assert_string_equal(sw->software.name, prev->answers[0]->software.name);
    assert_int_equal(sw->nproofs, 1); /* only the proof the caisse validated, with its date */
    const decl_proof *lp = decl_find_proof(sw, "lap");
    assert_non_null(lp);
    assert_int_equal(lp->state, DECL_PROOF_VALIDATED);
    assert_int_equal(date_cmp(lp->date, validated), 0);
    assert_null(decl_find_proof(sw, "segur"));
    bool said = false;
    for (size_t i = 0; i < r.ncarried; i++)
        said |= strstr(r.carried[i], "validé par la CPAM le 10/03/2025") != NULL;
    assert_true(said);
    assert_false(sw->prefilled);
    assert_null(decl_find_answer(n, "v2_dmp")); /* counts are not carried */
    const decl_answer *co = decl_find_answer(n, "v2_coordination");
    assert_non_null(co);
    assert_int_equal(co->nchoices, 2);
    const decl_answer *st = decl_find_answer(n, "v2_internship");
    assert_non_null(st);
    assert_int_equal(st->nstudents, 0); /* students are year-bound */
    assert_true(r.ncarried >= 8);
    assert_true(r.ncheck >= 8);
    carry_report_free(&r);
    decl_free(n);
    decl_free(prev);
    rules_free(c);
    diag_free(&d);
}

static int setup(void **state)
{
    (void)state;
    snprintf(base, sizeof base, "/tmp/fsdecl-store-XXXXXX");
    if (!mkdtemp(base))
        return -1;
    return chmod(base, 0711); /* the read-only test runs a child as an ordinary user */
}

static int teardown(void **state)
{
    (void)state;
    rm_rf(base);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_round_trip_and_modes),
        cmocka_unit_test(test_kill_during_saves),
        cmocka_unit_test(test_stale_temporaries),
        cmocka_unit_test(test_dead_writer_temporaries),
        cmocka_unit_test(test_full_disk),
        cmocka_unit_test(test_full_tmpfs),
        cmocka_unit_test(test_read_only_and_vanished),
        cmocka_unit_test(test_two_processes),
        cmocka_unit_test(test_holder_not_yet_known),
        cmocka_unit_test(test_corrupt_draft),
        cmocka_unit_test(test_newer_format),
        cmocka_unit_test(test_symlink_refused),
        cmocka_unit_test(test_recovery_and_signals),
        cmocka_unit_test(test_autosaver),
        cmocka_unit_test(test_transmissions),
        cmocka_unit_test(test_carry_over),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
