/* fault: an LD_PRELOAD shim that makes one system call fail, for the store's fault tests.
 *
 *   FSDECL_FAULT=CALL:N   the Nth call of CALL fails (N from 1), every other call goes through;
 *   FSDECL_FAULT_ERRNO=E  the errno it fails with (default EIO; ENOSPC for a full disk);
 *   FSDECL_FAULT_KILL=1   instead of failing, the process is killed (SIGKILL) just before it;
 *   FSDECL_NO_EXCHANGE=1  renameat2 with RENAME_EXCHANGE always fails with EINVAL, as on a file
 *                         system that cannot swap two names (the restore's fallback);
 *   FSDECL_NO_LINK=1      link always fails with EPERM, as on a file system without hard links
 *                         (FAT, some network and FUSE file systems);
 *   FSDECL_FAULT_UNDER=D  only calls on paths under the folder D count (those naming a path: not
 *                         write, pwrite, fsync, fchmod, ftruncate, readdir), so that a test kills
 *                         a writer at each step of its own files, not while it reads its rules.
 *
 * CALL is one of open, openat, mkstemp, write, pwrite, fsync, fchmod, fchmodat, ftruncate, link,
 * rename, renameat2, unlink, mkdir, readdir (a listing that breaks off: NULL with errno set); only
 * writes to regular files count (not a terminal's, a pipe's or the null device's). Only
 * the calls fsdecl makes itself are seen (not those made inside the C library). When the chosen
 * call happens, the shim writes "fault: CALL N" to the file named by FSDECL_FAULT_HIT, if any, so
 * that a test knows the fault was reached. */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static const char *const CALLS[] = {
    "open",      "openat", "mkstemp", "write",     "pwrite", "fsync", "fchmod",  "fchmodat",
    "ftruncate", "link",   "rename",  "renameat2", "unlink", "mkdir", "readdir", NULL};
static int target = -1;
static long when, seen[32];
static int fail_errno = EIO;

static void setup(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    const char *spec = getenv("FSDECL_FAULT"), *e = getenv("FSDECL_FAULT_ERRNO");
    if (e && strcmp(e, "ENOSPC") == 0)
        fail_errno = ENOSPC;
    if (!spec)
        return;
    const char *colon = strchr(spec, ':');
    if (!colon)
        return;
    for (int i = 0; CALLS[i]; i++)
        if ((size_t)(colon - spec) == strlen(CALLS[i]) &&
            strncmp(spec, CALLS[i], strlen(CALLS[i])) == 0)
            target = i;
    when = strtol(colon + 1, NULL, 10);
}

/* True when path is under FSDECL_FAULT_UNDER, or no such folder is set. */
static bool under(const char *path)
{
    const char *dir = getenv("FSDECL_FAULT_UNDER");
    return !dir || !*dir || (path && strncmp(path, dir, strlen(dir)) == 0);
}

/* True when this call of CALLS[i] is the one to fail. */
static int hit(int i)
{
    setup();
    if (i != target || ++seen[i] != when)
        return 0;
    const char *log = getenv("FSDECL_FAULT_HIT");
    if (log) {
        FILE *f = fopen(log, "w");
        if (f) {
            fprintf(f, "fault: %s %ld\n", CALLS[i], when);
            fclose(f);
        }
    }
    const char *kill_it = getenv("FSDECL_FAULT_KILL");
    if (kill_it && *kill_it == '1')
        kill(getpid(), SIGKILL);
    errno = fail_errno;
    return 1;
}

#define REAL(name, type) ((type)dlsym(RTLD_NEXT, name))

int open(const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    return under(path) && hit(0) ? -1
                                 : REAL("open", int (*)(const char *, int, ...))(path, flags, mode);
}

int openat(int dir, const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    return under(path) && hit(1)
               ? -1
               : REAL("openat", int (*)(int, const char *, int, ...))(dir, path, flags, mode);
}

int mkstemp(char *tmpl)
{
    return under(tmpl) && hit(2) ? -1 : REAL("mkstemp", int (*)(char *))(tmpl);
}

/* Only writes to regular files count: a terminal's (the wizard's screen) are not the store's. */
static bool regular(int fd)
{
    struct stat st;
    return fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

ssize_t write(int fd, const void *buf, size_t n)
{
    return regular(fd) && hit(3) ? -1
                                 : REAL("write", ssize_t(*)(int, const void *, size_t))(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
    return hit(4) ? -1
                  : REAL("pwrite", ssize_t(*)(int, const void *, size_t, off_t))(fd, buf, n, off);
}

int fsync(int fd)
{
    return hit(5) ? -1 : REAL("fsync", int (*)(int))(fd);
}

int fchmod(int fd, mode_t mode)
{
    return hit(6) ? -1 : REAL("fchmod", int (*)(int, mode_t))(fd, mode);
}

int fchmodat(int dir, const char *path, mode_t mode, int flags)
{
    return under(path) && hit(7)
               ? -1
               : REAL("fchmodat", int (*)(int, const char *, mode_t, int))(dir, path, mode, flags);
}

int ftruncate(int fd, off_t len)
{
    return hit(8) ? -1 : REAL("ftruncate", int (*)(int, off_t))(fd, len);
}

int link(const char *from, const char *to)
{
    const char *no_link = getenv("FSDECL_NO_LINK");
    if (no_link && *no_link == '1') {
        errno = EPERM;
        return -1;
    }
    return under(to) && hit(9) ? -1 : REAL("link", int (*)(const char *, const char *))(from, to);
}

int rename(const char *from, const char *to)
{
    return under(to) && hit(10) ? -1
                                : REAL("rename", int (*)(const char *, const char *))(from, to);
}

int renameat2(int fd1, const char *from, int fd2, const char *to, unsigned flags)
{
    const char *no_exchange = getenv("FSDECL_NO_EXCHANGE");
    if (no_exchange && *no_exchange == '1' && (flags & RENAME_EXCHANGE)) {
        errno = EINVAL;
        return -1;
    }
    return under(to) && hit(11) ? -1
                                : REAL("renameat2", int (*)(int, const char *, int, const char *,
                                                            unsigned))(fd1, from, fd2, to, flags);
}

int unlink(const char *path)
{
    return under(path) && hit(12) ? -1 : REAL("unlink", int (*)(const char *))(path);
}

int mkdir(const char *path, mode_t mode)
{
    return under(path) && hit(13) ? -1 : REAL("mkdir", int (*)(const char *, mode_t))(path, mode);
}

struct dirent *readdir(DIR *dir)
{
    return hit(14) ? NULL : REAL("readdir", struct dirent * (*)(DIR *))(dir);
}
