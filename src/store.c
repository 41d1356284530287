#define _GNU_SOURCE /* F_OFD_SETLK: locks owned by an open file, not a process */
#include "fsdecl/store.h"

#include "cfgread.h"
#include "store_internal.h"

#include "fsdecl/fileio.h"
#include "fsdecl/text.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sha2.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef FSDECL_VERSION
#define FSDECL_VERSION "?"
#endif

/* A draft is read by cfgread: its size limit is the writer's too. */
enum { MAX_DRAFT = CFG_MAX_FILE_SIZE, ROOT_MAX = PATH_MAX - 224, STALE_SECONDS = 3600 };

/* store_open keeps the root below ROOT_MAX, so that every path built from it (root, a folder, a
 * 16-character name and a suffix, up to a temporary file's writer stamp) fits in PATH_MAX: gcc
 * cannot see it. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wformat-truncation"
#endif

/* ---- paths and names ------------------------------------------------------------------------ */

/* A store folder that exists is a real folder of the user's (not created when absent). */
static bool usable_if_there(const char *path, diag_list *d)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return true;
    if (S_ISLNK(st.st_mode)) {
        diag_add(d, path, 0,
                 "lien symbolique refusé : le dossier de brouillons doit être un "
                 "vrai dossier");
        return false;
    }
    if (!S_ISDIR(st.st_mode)) {
        diag_add(d, path, 0, "ce n'est pas un dossier");
        return false;
    }
    if (st.st_uid != geteuid()) {
        diag_add(d, path, 0,
                 "ce dossier appartient à un autre utilisateur : les brouillons n'y "
                 "sont pas rangés");
        return false;
    }
    return true;
}

/* The folder, created 0700 when absent; one that others may read or write is closed to them. */
static bool make_dir(const char *path, diag_list *d)
{
    struct stat st;
    if (lstat(path, &st) == 0) {
        if (!usable_if_there(path, d))
            return false;
        if ((st.st_mode & 077) && chmod(path, 0700) != 0) {
            diag_add(d, path, 0,
                     "dossier ouvert aux autres utilisateurs et impossible à fermer : %s",
                     strerror(errno));
            return false;
        }
        return true;
    }
    if (errno != ENOENT) { /* there or not, it cannot be reached: no creation to speak of */
        diag_add(d, path, 0, "dossier inaccessible : %s", strerror(errno));
        return false;
    }
    if (mkdir(path, 0700) != 0 && errno != EEXIST) {
        diag_add(d, path, 0, "création du dossier impossible : %s", strerror(errno));
        return false;
    }
    return true;
}

/* mkdir -p for the parents of a folder the user named (~/.local/share may not exist yet). */
static bool make_parents(char *path, diag_list *d)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        struct stat st;
        bool there = stat(path, &st) == 0, reachable = there || errno == ENOENT;
        bool ok = there || (reachable && (mkdir(path, 0700) == 0 || errno == EEXIST));
        if (!ok)
            diag_add(d, path, 0,
                     reachable ? "création du dossier impossible : %s"
                               : "dossier inaccessible : %s",
                     strerror(errno));
        *p = '/';
        if (!ok)
            return false;
    }
    return true;
}

/* ---- temporary files ------------------------------------------------------------------------ */

/* The first label of the host name, in letters, digits, '-' and '_' only: it goes into file
 * names, between '@' and '.'. */
static void host_label(char *buf, size_t size)
{
    char host[256];
    if (gethostname(host, sizeof host) != 0)
        host[0] = '\0';
    host[sizeof host - 1] = '\0';
    size_t n = 0;
    for (const char *p = host; *p && *p != '.' && n + 1 < size && n < 32; p++)
        buf[n++] = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                           (*p >= '0' && *p <= '9') || *p == '-'
                       ? *p
                       : '_';
    buf[n] = '\0';
    if (!n)
        snprintf(buf, size, "_");
}

/* The process's pid namespace (the inode of /proc/self/ns/pid), 0 when unknown: a pid means
 * that process only within it. */
static unsigned long pid_space(void)
{
    struct stat st;
    return stat("/proc/self/ns/pid", &st) == 0 ? (unsigned long)st.st_ino : 0;
}

/* "PID-SPACE@HOST": who writes a temporary file, in its name, so that cleanup can tell a dead
 * writer's file from a live one's. */
static void writer_stamp(char *buf, size_t size)
{
    char host[80];
    host_label(host, sizeof host);
    snprintf(buf, size, "%ld-%lu@%s", (long)getpid(), pid_space(), host);
}

static void dir_of(const char *path, char *dir, size_t size);

/* A temporary file's name beside path: ".BASE.PID-SPACE@HOST" and the suffix (".XXXXXX" for
 * mkstemp, or "" for a name of its own). */
static void temp_name(const char *path, const char *suffix, char *tmp, size_t size)
{
    char dir[PATH_MAX], stamp[128];
    dir_of(path, dir, sizeof dir);
    const char *base = strrchr(path, '/');
    writer_stamp(stamp, sizeof stamp);
    snprintf(tmp, size, "%s/.%s.%s%s", dir, base ? base + 1 : path, stamp, suffix);
}

/* True when the temporary file named was provably written by a process that has ended: its name
 * carries a pid of this host and pid namespace, and no process has that pid (a pid used again
 * by another process only keeps the file until it is old). */
static bool dead_writer(const char *name)
{
    const char *at = strrchr(name, '@');
    if (!at)
        return false;
    char host[80], theirs[80];
    host_label(host, sizeof host);
    size_t hl = strcspn(at + 1, ".");
    snprintf(theirs, sizeof theirs, "%.*s", (int)(hl < sizeof theirs ? hl : sizeof theirs - 1),
             at + 1);
    const char *start = at;
    while (start > name && start[-1] != '.')
        start--;
    long pid;
    unsigned long space;
    char end;
    if (strcmp(host, theirs) != 0 || start == name ||
        sscanf(start, "%ld-%lu%c", &pid, &space, &end) != 3 || end != '@')
        return false;
    if (pid <= 0 || pid == (long)getpid() || space == 0 || space != pid_space())
        return false;
    return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* Goes over the temporary files of the drafts folder (hidden regular files: ".NAME.XXXXXX");
 * remove: those no live writer can still be filling are removed: a dead writer's (dead_writer),
 * at once, and any old enough. Each removal stands on its own file, never on the listing as a
 * whole: a listing that breaks off only leaves some for next time. Returns how many there were,
 * *stale how many of them could be removed. */
static size_t temporaries(const char *drafts, bool remove, size_t *stale)
{
    *stale = 0;
    DIR *dd = opendir(drafts);
    if (!dd)
        return 0;
    time_t now = time(NULL);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dd))) {
        if (e->d_name[0] != '.' || strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        struct stat st;
        if (fstatat(dirfd(dd), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
            continue;
        n++;
        if (now - st.st_mtime > STALE_SECONDS || dead_writer(e->d_name)) {
            ++*stale;
            if (remove)
                unlinkat(dirfd(dd), e->d_name, 0);
        }
    }
    closedir(dd);
    return n;
}

size_t store_count_temporaries(const store_t *s, size_t *stale)
{
    return temporaries(s->drafts, false, stale);
}

bool store_open(store_t *s, const char *dir, diag_list *d)
{
    if (!store_locate(s, dir, d))
        return false;
    if (!(make_parents(s->root, d) && make_dir(s->root, d) && make_dir(s->drafts, d) &&
          make_dir(s->history, d)))
        return false;
    size_t stale;
    temporaries(s->drafts, true, &stale);
    diag_list ignored; /* a move another program is doing, or that cannot be finished now, is left
                        * for the next holder of its draft's lock, who says why */
    diag_init(&ignored);
    store_moves_finish(s, NULL, &ignored);
    diag_free(&ignored);
    return true;
}

bool store_locate(store_t *s, const char *dir, diag_list *d)
{
    memset(s, 0, sizeof *s);
    const char *env = getenv("FSDECL_DATA_DIR"), *xdg = getenv("XDG_DATA_HOME"),
               *home = getenv("HOME");
    int n;
    if (dir && *dir)
        n = snprintf(s->root, sizeof s->root, "%s", dir);
    else if (env && *env)
        n = snprintf(s->root, sizeof s->root, "%s", env);
    else if (xdg && *xdg && xdg[0] == '/')
        n = snprintf(s->root, sizeof s->root, "%s/fsdecl", xdg);
    else if (home && *home)
        n = snprintf(s->root, sizeof s->root, "%s/.local/share/fsdecl", home);
    else {
        diag_add(d, "fsdecl", 0,
                 "ni --data-dir, ni XDG_DATA_HOME, ni HOME : où ranger les "
                 "brouillons ?");
        return false;
    }
    if (n < 0 || n >= ROOT_MAX) {
        diag_add(d, "fsdecl", 0, "chemin du dossier de brouillons trop long");
        return false;
    }
    snprintf(s->drafts, sizeof s->drafts, "%s/drafts", s->root);
    snprintf(s->history, sizeof s->history, "%s/history", s->root);
    return usable_if_there(s->root, d) && usable_if_there(s->drafts, d) &&
           usable_if_there(s->history, d);
}

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

bool store_name(int year, const char *rpps, char *name)
{
    if (!rpps || strlen(rpps) != 11 || !all_digits(rpps, 11) || year < 2000 || year > 2100)
        return false;
    snprintf(name, STORE_NAME_MAX, "%04d-%s", year, rpps);
    return true;
}

bool store_name_valid(const char *name)
{
    return name && strlen(name) == 16 && all_digits(name, 4) && name[4] == '-' &&
           all_digits(name + 5, 11);
}

void store_draft_path(const store_t *s, const char *name, char *path, size_t size)
{
    snprintf(path, size, "%s/%s.cfg", s->drafts, name);
}

bool store_draft_exists(const store_t *s, const char *name)
{
    char path[PATH_MAX];
    store_draft_path(s, name, path, sizeof path);
    struct stat st;
    return lstat(path, &st) == 0;
}

static void side_path(const store_t *s, const char *name, const char *ext, char *path, size_t size)
{
    snprintf(path, size, "%s/%s%s", s->drafts, name, ext);
}

/* ---- atomic writes --------------------------------------------------------------------------- */

static bool write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += n;
        len -= (size_t)n;
    }
    return true;
}

static bool fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = fsync(fd) == 0;
    close(fd);
    return ok;
}

static void dir_of(const char *path, char *dir, size_t size)
{
    snprintf(dir, size, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir)
        *slash = '\0';
    else if (slash)
        slash[1] = '\0';
    else
        snprintf(dir, size, ".");
}

/* " ; la version précédente est intacte" when there is one at path to speak of. errno is kept:
 * the caller's strerror(errno) may be evaluated after this call. */
static const char *intact(const char *path)
{
    int err = errno;
    struct stat st;
    bool there = lstat(path, &st) == 0 && S_ISREG(st.st_mode);
    errno = err;
    return there ? " ; la version précédente est intacte" : "";
}

/* What a failed write of path leaves: the previous file intact, or nothing at all. */
static const char *left(const char *path)
{
    const char *s = intact(path);
    return *s ? s : " ; rien n'a été enregistré";
}

/* Writes data to a new temporary file beside path; its name goes to tmp. */
static bool write_temp(const char *path, const char *data, size_t len, char *tmp, size_t size,
                       diag_list *d)
{
    temp_name(path, ".XXXXXX", tmp, size);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int err = errno; /* before lstat can change it */
        diag_add(d, path, 0, "enregistrement impossible : %s%s", strerror(err), left(path));
        errno = err; /* the reason, for a caller that words its own message */
        return false;
    }
    int err = 0;
    if (fchmod(fd, 0600) != 0 || !write_all(fd, data, len) || fsync(fd) != 0)
        err = errno;
    if (close(fd) != 0 && !err)
        err = errno;
    if (err) {
        unlink(tmp);
        diag_add(d, path, 0, "enregistrement impossible : %s%s", strerror(err), left(path));
        errno = err;
        return false;
    }
    return true;
}

static char *read_file(const char *path, size_t *len, int *err);

/* True when link() failed because the file system has no hard links (FAT, some network and FUSE
 * file systems), not because of this file. */
static bool no_links(int err)
{
    return err == EPERM || err == EOPNOTSUPP || err == ENOSYS || err == EMLINK;
}

/* The backup where the file system has no hard links: a copy of the file at path, written to a
 * temporary file and renamed over the backup, so that the backup before it stays until the new
 * one is whole. The file at path is only read. */
static bool copy_backup(const char *path, const char *backup, diag_list *d)
{
    size_t len = 0;
    int err = 0;
    char *text = read_file(path, &len, &err);
    if (!text) {
        if (err == ENOENT)
            return true;
        diag_add(d, backup, 0, "copie de sauvegarde impossible : %s%s", strerror(err),
                 intact(path));
        return false;
    }
    char tmp[PATH_MAX + 160];
    diag_list why;
    diag_init(&why);
    bool ok = write_temp(backup, text, len, tmp, sizeof tmp, &why);
    err = errno;
    free(text);
    if (ok && rename(tmp, backup) != 0) {
        err = errno;
        unlink(tmp);
        ok = false;
    }
    diag_free(&why);
    if (!ok)
        diag_add(d, backup, 0, "copie de sauvegarde impossible : %s%s", strerror(err),
                 intact(path));
    return ok;
}

/* The file at path becomes the backup, replacing the one before in a single rename, so that a
 * failure at any step leaves the previous backup where it was. No file at path: nothing to keep. */
static bool keep_backup(const char *path, const char *backup, diag_list *d)
{
    char next[PATH_MAX + 160];
    temp_name(backup, "", next, sizeof next);
    unlink(next);
    int err = 0; /* kept before intact()'s lstat can change errno */
    if (chmod(path, 0600) != 0 && (err = errno) != ENOENT) { /* others could write it: no backup */
        diag_add(d, path, 0, "droits du brouillon impossibles à restreindre : %s%s", strerror(err),
                 intact(path));
        return false;
    }
    if (link(path, next) != 0) {
        if ((err = errno) == ENOENT)
            return true;
        if (no_links(err))
            return copy_backup(path, backup, d);
        diag_add(d, backup, 0, "copie de sauvegarde impossible : %s%s", strerror(err),
                 intact(path));
        return false;
    }
    if (rename(next, backup) != 0) {
        err = errno;
        diag_add(d, backup, 0, "copie de sauvegarde impossible : %s%s", strerror(err),
                 intact(path));
        unlink(next);
        return false;
    }
    return true;
}

bool store_write_atomic(const char *path, const char *backup, const char *data, size_t len,
                        diag_list *d)
{
    struct stat st;
    if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        diag_add(d, path, 0, "ce n'est pas un fichier ordinaire (lien symbolique ?) : refusé");
        return false;
    }
    char tmp[PATH_MAX + 160];
    if (!write_temp(path, data, len, tmp, sizeof tmp, d))
        return false;
    if (backup && !keep_backup(path, backup, d)) {
        unlink(tmp);
        return false;
    }
    if (rename(tmp, path) != 0) {
        int err = errno;
        unlink(tmp);
        diag_add(d, path, 0, "enregistrement impossible : %s%s", strerror(err), left(path));
        return false;
    }
    char dir[PATH_MAX];
    dir_of(path, dir, sizeof dir);
    if (!fsync_dir(dir)) {
        diag_add(d, path, 0, "enregistré, mais la synchronisation du dossier a échoué : %s",
                 strerror(errno));
        return false;
    }
    return true;
}

/* A draft-store file: never through a symbolic link. */
static char *read_file(const char *path, size_t *len, int *err)
{
    return fileio_read(path, MAX_DRAFT, true, len, err);
}

/* ---- load and save --------------------------------------------------------------------------- */

/* Why read_file failed, in French. */
static const char *read_error(int err)
{
    return err == ELOOP    ? "lien symbolique refusé"
           : err == EINVAL ? "ce n'est pas un fichier ordinaire"
                           : strerror(err);
}

static decl_t *load_path(const char *path, diag_list *d)
{
    size_t len = 0;
    int err = 0;
    char *text = read_file(path, &len, &err);
    if (!text) {
        diag_add(d, path, 0, "lecture impossible : %s", read_error(err));
        return NULL;
    }
    decl_t *decl = decl_parse(text, len, path, d);
    free(text);
    return decl;
}

decl_t *store_load(const store_t *s, const char *name, diag_list *d)
{
    if (!store_name_valid(name)) {
        diag_add(d, name ? name : "?", 0, "nom de brouillon invalide (attendu ANNÉE-RPPS)");
        return NULL;
    }
    char path[PATH_MAX], bak[PATH_MAX];
    store_draft_path(s, name, path, sizeof path);
    side_path(s, name, ".cfg.bak", bak, sizeof bak);
    decl_t *decl = load_path(path, d);
    /* the name says which campaign and doctor the draft is: a file renamed or copied under
     * another's name is never opened, saved or transmitted as that other */
    char own[STORE_NAME_MAX] = "";
    if (decl && (!store_name(decl->campaign, decl->identity.rpps, own) || strcmp(own, name) != 0)) {
        char rpps[64];
        text_sanitize(decl->identity.rpps ? decl->identity.rpps : "absent", false, rpps,
                      sizeof rpps);
        diag_add(d, path, 0,
                 "ce brouillon déclare la campagne %d et le RPPS %s : son nom (%s) ne leur "
                 "correspond pas ; il n'est ni ouvert ni finalisé",
                 decl->campaign, rpps, name);
        decl_free(decl);
        return NULL;
    }
    if (!decl && access(bak, R_OK) == 0)
        diag_add(d, path, 0,
                 "la version précédente du brouillon est conservée dans %s : « fsdecl restore %s » "
                 "la remet en place",
                 bak, name);
    return decl;
}

/* The format of the draft already at path, as the draft reader sees it (libconfig's parse, not a
 * search of the text: "format: 2;" and an indented "format = 2;" are the same setting); 0 when
 * there is no draft, or it cannot be read or parsed (it is kept as the backup). */
static int existing_format(const char *path)
{
    size_t len = 0;
    int err = 0;
    char *text = read_file(path, &len, &err);
    if (!text)
        return 0;
    diag_list ignored;
    diag_init(&ignored);
    cfg_doc doc;
    long long format = 0;
    if (cfg_open_text(&doc, text, len, path, &ignored, NULL)) {
        const config_setting_t *f = config_setting_get_member(cfg_root(&doc), "format");
        int type = f ? config_setting_type(f) : CONFIG_TYPE_NONE;
        if (type == CONFIG_TYPE_INT || type == CONFIG_TYPE_INT64)
            format = config_setting_get_int64(f);
    }
    cfg_close(&doc);
    diag_free(&ignored);
    free(text);
    return format > INT_MAX ? INT_MAX : format < 0 ? 0 : (int)format;
}

static bool save_text(const store_t *s, const decl_t *decl, const char *ext, const char *header,
                      diag_list *diag)
{
    char name[STORE_NAME_MAX];
    if (!store_name(decl->campaign, decl->identity.rpps, name)) {
        diag_add(diag, "brouillon", 0,
                 "RPPS manquant ou invalide (11 chiffres) : impossible de nommer le brouillon");
        return false;
    }
    char path[PATH_MAX], bak[PATH_MAX];
    side_path(s, name, ext, path, sizeof path);
    store_draft_path(s, name, bak, sizeof bak);
    int format = existing_format(bak);
    if (format > DECL_FORMAT) {
        diag_add(diag, bak, 0,
                 "brouillon au format %d, écrit par une version plus récente de fsdecl : il n'est "
                 "pas modifié par cette version (format %d)",
                 format, DECL_FORMAT);
        return false;
    }
    size_t len;
    char *text = decl_write(decl, "fsdecl " FSDECL_VERSION, &len);
    if (!text) {
        diag_add(diag, path, 0, "mémoire insuffisante");
        return false;
    }
    char *full = text;
    if (header) {
        size_t hl = strlen(header);
        full = malloc(hl + len + 1);
        if (!full) {
            free(text);
            return false;
        }
        memcpy(full, header, hl);
        memcpy(full + hl, text, len + 1);
        len += hl;
        free(text);
    }
    if (len > MAX_DRAFT) { /* it would not read back: refused before anything is written */
        diag_add(diag, path, 0,
                 "brouillon trop volumineux une fois écrit (%zu octets, au plus %d) : rien n'a été "
                 "enregistré%s",
                 len, MAX_DRAFT, intact(path));
        free(full);
        return false;
    }
    bool ok;
    if (strcmp(ext, ".cfg") == 0) {
        side_path(s, name, ".cfg.bak", bak, sizeof bak);
        ok = store_write_atomic(path, bak, full, len, diag);
        if (ok) {
            side_path(s, name, ".recovery", path, sizeof path);
            if (unlink(path) == 0) {
                char dir[PATH_MAX];
                snprintf(dir, sizeof dir, "%s", s->drafts);
                fsync_dir(dir);
            }
        }
    } else {
        ok = store_write_atomic(path, NULL, full, len, diag);
    }
    free(full);
    return ok;
}

bool store_save(const store_t *s, const decl_t *d, diag_list *diag)
{
    return save_text(s, d, ".cfg", NULL, diag);
}

static void now_text(char *buf, size_t size)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm);
}

static void host_name(char *buf, size_t size)
{
    if (gethostname(buf, size) != 0)
        snprintf(buf, size, "?");
    buf[size - 1] = '\0';
    for (char *p = buf; *p; p++)
        if (*p < 0x21 || *p > 0x7e)
            *p = '?';
}

bool store_autosave(const store_t *s, const decl_t *d, diag_list *diag)
{
    char header[512], host[256], when[32];
    host_name(host, sizeof host);
    now_text(when, sizeof when);
    snprintf(header, sizeof header, "# recovery: pid=%ld host=%s saved=%s\n", (long)getpid(), host,
             when);
    return save_text(s, d, ".recovery", header, diag);
}

/* True when some open file holds the draft's lock; only looks (F_OFD_GETLK), never takes it. */
static bool lock_held(const store_t *s, const char *name)
{
    char path[PATH_MAX];
    side_path(s, name, ".lock", path, sizeof path);
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return false; /* never locked */
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    bool held = fcntl(fd, F_OFD_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
    close(fd);
    return held;
}

/* ---- recovery ------------------------------------------------------------------------------- */

static void parse_owner(const char *text, long *pid, char *host, size_t hsize, char *when,
                        size_t wsize)
{
    const char *p = strstr(text, "pid=");
    if (p)
        *pid = strtol(p + 4, NULL, 10);
    p = strstr(text, "host=");
    if (p) {
        size_t n = strcspn(p + 5, " \n");
        snprintf(host, hsize, "%.*s", (int)(n < hsize ? n : hsize - 1), p + 5);
    }
    p = strstr(text, "since=");
    if (!p)
        p = strstr(text, "saved=");
    if (p) {
        size_t n = strcspn(p + 6, "\n");
        snprintf(when, wsize, "%.*s", (int)(n < wsize ? n : wsize - 1), p + 6);
    }
}

store_recovery store_recovery_status(const store_t *s, const char *name)
{
    store_recovery r = {0};
    char rec[PATH_MAX], draft[PATH_MAX];
    side_path(s, name, ".recovery", rec, sizeof rec);
    store_draft_path(s, name, draft, sizeof draft);
    struct stat rs, ds;
    if (lstat(rec, &rs) != 0 || !S_ISREG(rs.st_mode))
        return r;
    r.exists = true;
    /* every save removes the recovery file: one written in the same clock tick as the draft
     * (file times are coarse) came after it */
    r.newer_than_draft =
        stat(draft, &ds) != 0 || rs.st_mtim.tv_sec > ds.st_mtim.tv_sec ||
        (rs.st_mtim.tv_sec == ds.st_mtim.tv_sec && rs.st_mtim.tv_nsec >= ds.st_mtim.tv_nsec);
    size_t len;
    int err = 0;
    char *text = read_file(rec, &len, &err);
    if (text) {
        char line[600];
        snprintf(line, sizeof line, "%.*s", (int)strcspn(text, "\n"), text);
        parse_owner(line, &r.pid, r.host, sizeof r.host, r.saved, sizeof r.saved);
        free(text);
    }
    r.owner_alive = lock_held(s, name);
    return r;
}

decl_t *store_recover(const store_t *s, const char *name, diag_list *d)
{
    char rec[PATH_MAX];
    side_path(s, name, ".recovery", rec, sizeof rec);
    return load_path(rec, d);
}

bool store_discard_recovery(const store_t *s, const char *name, diag_list *d)
{
    char rec[PATH_MAX];
    side_path(s, name, ".recovery", rec, sizeof rec);
    if (unlink(rec) != 0 && errno != ENOENT) {
        diag_add(d, rec, 0, "suppression impossible : %s", strerror(errno));
        return false;
    }
    fsync_dir(s->drafts); /* the removal is done; its durability only spares a second question */
    return true;
}

/* What an interrupted restore of an earlier fsdecl left: the backup moved aside as .cfg.bak.old.
 * Put back when there is no backup (otherwise it is the older of two copies and is kept). */
static void put_back_old_backup(const char *bak)
{
    char old[PATH_MAX + 8];
    struct stat st;
    snprintf(old, sizeof old, "%s.old", bak);
    if (lstat(bak, &st) != 0 && errno == ENOENT && lstat(old, &st) == 0 && S_ISREG(st.st_mode))
        rename(old, bak);
}

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return lstat(a, &sa) == 0 && lstat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

static void journal_path(const char *draft, char *path, size_t size)
{
    snprintf(path, size, "%s.restoring", draft);
}

/* Ends a restore that swap_by_journal began and a kill interrupted. Journal and backup still one
 * file: the backup was not replaced yet, the journal is dropped (the old pair). Draft and backup
 * one file: the draft became the backup, the journal's text becomes the draft (the new pair).
 * Anything else is left as it is, said: never a guess over a draft. */
static bool finish_restore(const char *draft, const char *bak, diag_list *d)
{
    char journal[PATH_MAX + 16];
    journal_path(draft, journal, sizeof journal);
    struct stat st;
    if (lstat(journal, &st) != 0 && errno == ENOENT)
        return true;
    if (!same_file(journal, bak) && !same_file(draft, bak)) {
        diag_add(d, journal, 0,
                 "restauration interrompue dans un état inattendu : ce fichier garde une version "
                 "du brouillon ; rien n'est modifié tant qu'il est là");
        return false;
    }
    bool ok = same_file(journal, bak) ? unlink(journal) == 0 : rename(journal, draft) == 0;
    if (!ok) {
        diag_add(d, journal, 0, "restauration interrompue impossible à terminer : %s",
                 strerror(errno));
        return false;
    }
    char dir[PATH_MAX];
    dir_of(draft, dir, sizeof dir);
    fsync_dir(dir); /* done either way; the next holder would only do it again */
    return true;
}

/* The swap where the file system cannot swap two names in one step: the backup is first linked
 * as the journal (draft.restoring), the draft then becomes the backup (keep_backup: a link renamed
 * over it), and the journal is renamed over the draft. Both texts stay under names at every step,
 * and finish_restore, run by the next holder of the lock, completes or undoes an interrupted one.
 * (Saving the backup's text over the draft, as before, left it only in a hidden temporary file
 * when killed between the backup and the draft.) */
static bool swap_by_journal(const char *draft, const char *bak, diag_list *d)
{
    char journal[PATH_MAX + 16], dir[PATH_MAX];
    journal_path(draft, journal, sizeof journal);
    dir_of(draft, dir, sizeof dir);
    if (link(bak, journal) != 0) {
        int err = errno; /* before lstat can change it */
        diag_add(d, draft, 0, "remise en place impossible : %s%s", strerror(err), intact(draft));
        return false;
    }
    fsync_dir(dir); /* the journal on disk before the backup is replaced; a failure is seen last */
    if (!keep_backup(draft, bak, d)) {
        finish_restore(draft, bak, d); /* the backup is as it was: the journal goes */
        return false;
    }
    fsync_dir(dir);
    if (rename(journal, draft) != 0) {
        diag_add(d, draft, 0,
                 "remise en place interrompue : %s ; la version précédente est gardée dans %s, "
                 "la prochaine ouverture du brouillon termine la remise en place",
                 strerror(errno), journal);
        return false;
    }
    return true;
}

/* Swaps the draft and its backup in one step (renameat2 RENAME_EXCHANGE): a kill at any moment
 * leaves either both as they were or both swapped, never one lost. Where the file system cannot
 * swap, swap_by_journal. */
static bool swap_with_backup(const char *draft, const char *bak, diag_list *d)
{
    if (renameat2(AT_FDCWD, bak, AT_FDCWD, draft, RENAME_EXCHANGE) == 0)
        return true;
    if (errno == ENOENT) { /* no draft: the backup becomes it, and stays as the backup */
        if (link(bak, draft) == 0)
            return true;
    } else if (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP) {
        return swap_by_journal(draft, bak, d);
    }
    int err = errno; /* before lstat can change it */
    diag_add(d, draft, 0, "remise en place impossible : %s%s", strerror(err), intact(draft));
    return false;
}

bool store_restore_backup(const store_t *s, const char *name, diag_list *d)
{
    char bak[PATH_MAX], draft[PATH_MAX];
    side_path(s, name, ".cfg.bak", bak, sizeof bak);
    store_draft_path(s, name, draft, sizeof draft);
    if (!finish_restore(draft, bak, d))
        return false;
    put_back_old_backup(bak);
    size_t len;
    int err = 0;
    char *text = read_file(bak, &len, &err); /* only a readable backup is put in place */
    free(text);
    if (!text) {
        diag_add(d, bak, 0, "pas de version précédente lisible : %s", strerror(err));
        return false;
    }
    /* the current draft, even corrupt, becomes the backup: nothing is lost */
    if (!swap_with_backup(draft, bak, d))
        return false;
    if (!fsync_dir(s->drafts)) {
        diag_add(d, draft, 0, "remis en place, mais la synchronisation du dossier a échoué : %s",
                 strerror(errno));
        return false;
    }
    return true;
}

/* ---- locks ---------------------------------------------------------------------------------- */

/* The lock is the file at YEAR-RPPS.lock, and its label (pid, host, since) is written into a new
 * file before that file is renamed into place: a label is never rewritten, so it is never read
 * half-done. Two byte ranges of that file are locked (F_OFD_SETLK):
 *   byte 0  the lock itself: whoever holds it on the file now at the path holds the draft;
 *   byte 1  "this label is mine": held only by the process that wrote the file's label.
 * A process that finds the file unlocked (its holder gone) locks its byte 0, then renames its own
 * labelled file over it; meanwhile, byte 1 being free tells a reader that the label there is a
 * gone holder's, not the holder's. */
enum { LOCK_BYTE = 0, LABEL_BYTE = 1, LOCK_TRIES = 2000 };

static bool lock_range(int fd, int cmd, off_t start, off_t len)
{
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = start, .l_len = len};
    return fcntl(fd, cmd, &fl) == 0;
}

/* True when some open file holds the byte at start (F_OFD_GETLK: looks, never takes). */
static bool range_held(int fd, off_t start)
{
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = start, .l_len = 1};
    return fcntl(fd, F_OFD_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
}

/* True when fd is the file now at path. */
static bool still_at(int fd, const char *path)
{
    struct stat a, b;
    return fstat(fd, &a) == 0 && lstat(path, &b) == 0 && a.st_dev == b.st_dev &&
           a.st_ino == b.st_ino;
}

/* A new file beside path holding our label, both its bytes locked; -1 (diagnosed) on failure. */
static int new_label(const char *path, char *tmp, size_t size, diag_list *d)
{
    char host[256], when[32], info[512];
    host_name(host, sizeof host);
    now_text(when, sizeof when);
    int n = snprintf(info, sizeof info, "pid=%ld\nhost=%s\nsince=%s\n", (long)getpid(), host, when);
    temp_name(path, ".XXXXXX", tmp, size);
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0) {
        diag_add(d, path, 0, "verrou impossible : %s", strerror(errno));
        return -1;
    }
    if (fchmod(fd, 0600) != 0 || !write_all(fd, info, (size_t)n) ||
        !lock_range(fd, F_OFD_SETLK, LOCK_BYTE, 2)) {
        diag_add(d, path, 0, "verrou impossible : %s", strerror(errno));
        close(fd);
        unlink(tmp);
        return -1;
    }
    return fd;
}

/* The holder of the lock on fd (its byte 0 is held by another): named when the label there is
 * the holder's own; false when it is a gone holder's, being replaced, or fd is no longer the
 * file at path (then look again). */
static bool read_holder(int fd, const char *path, store_lock *l)
{
    char info[512] = "";
    ssize_t n = pread(fd, info, sizeof info - 1, 0);
    info[n > 0 ? n : 0] = '\0';
    if (!range_held(fd, LABEL_BYTE) || !still_at(fd, path))
        return false;
    parse_owner(info, &l->pid, l->host, sizeof l->host, l->since, sizeof l->since);
    return true;
}

/* Takes the lock at path with our labelled file, named tmp: 1 taken, 0 held by another
 * (*l describes it, or says nothing when its label could not be read as the holder's), -1 on
 * failure (diagnosed). */
static int take_lock(const char *path, const char *tmp, store_lock *l, diag_list *d)
{
    for (int tries = 0; tries < LOCK_TRIES; tries++) {
        int old = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (old < 0) {
            diag_add(d, path, 0, "verrou impossible : %s", strerror(errno));
            return -1;
        }
        if (!lock_range(old, F_OFD_SETLK, LOCK_BYTE, 1)) {
            if (errno != EAGAIN && errno != EACCES) {
                diag_add(d, path, 0, "verrou impossible : %s", strerror(errno));
                close(old);
                return -1;
            }
            bool named = read_holder(old, path, l);
            close(old);
            if (named)
                return 0;
            struct timespec pause = {0, 500000}; /* a holder between its lock and its label */
            nanosleep(&pause, NULL);
            continue;
        }
        /* we hold the file at the path, if it still is there: our label replaces it */
        if (!still_at(old, path)) {
            close(old);
            continue;
        }
        int rc = rename(tmp, path);
        int err = errno;
        close(old);
        if (rc != 0) {
            diag_add(d, path, 0, "verrou impossible : %s", strerror(err));
            return -1;
        }
        return 1;
    }
    memset(l, 0, sizeof *l); /* held, by a holder whose label never appeared */
    l->fd = -1;
    return 0;
}

bool store_lock_plain(const store_t *s, const char *name, store_lock *l, diag_list *d)
{
    memset(l, 0, sizeof *l);
    l->fd = -1;
    char path[PATH_MAX], tmp[PATH_MAX + 160];
    side_path(s, name, ".lock", path, sizeof path);
    int fd = new_label(path, tmp, sizeof tmp, d);
    if (fd < 0)
        return false;
    int taken = take_lock(path, tmp, l, d);
    if (taken <= 0) {
        unlink(tmp);
        close(fd);
        l->held = taken == 0;
        return false;
    }
    char draft[PATH_MAX], bak[PATH_MAX];
    store_draft_path(s, name, draft, sizeof draft);
    side_path(s, name, ".cfg.bak", bak, sizeof bak);
    if (!finish_restore(draft, bak, d)) { /* nothing is written over an unfinished restore */
        close(fd);
        return false;
    }
    l->fd = fd;
    snprintf(l->path, sizeof l->path, "%s", path);
    return true;
}

bool store_lock_take(const store_t *s, const char *name, store_lock *l, diag_list *d)
{
    if (!store_lock_plain(s, name, l, d))
        return false;
    if (!store_moves_finish(s, name, d)) { /* nothing is read or written over a move half done */
        store_lock_release(l);
        return false;
    }
    return true;
}

void store_lock_release(store_lock *l)
{
    /* Holding byte 0, nobody can have replaced our file: removed before the lock goes, a waiter
     * that opened it finds it gone (still_at) and makes a new one. */
    if (l->fd >= 0 && l->path[0] && still_at(l->fd, l->path))
        unlink(l->path);
    if (l->fd >= 0)
        close(l->fd); /* closing the file releases its lock */
    l->fd = -1;
    l->path[0] = '\0';
}

/* ---- listing -------------------------------------------------------------------------------- */

/* The number of vNNNN in a history file name with extension ext, or 0. */
static int version_number(const char *file, const char *ext)
{
    size_t n = strlen(file), el = strlen(ext);
    if (n != 5 + el || file[0] != 'v' || strcmp(file + 5, ext) != 0 || !all_digits(file + 1, 4))
        return 0;
    return atoi(file + 1);
}

/* Versions are published by their fingerprint file (vNNNN.sha256), written after the version
 * itself: the highest published number, 0 for none, -1 (diagnosed, then is added to the message)
 * when the folder cannot be read, or its listing breaks off: a partial count is no count. */
static int count_versions(const store_t *s, const char *name, const char *then, diag_list *d)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/%s", s->history, name);
    DIR *dd = opendir(dir);
    if (!dd) {
        if (errno == ENOENT)
            return 0;
        if (d)
            diag_add(d, dir, 0, "lecture de l'historique impossible : %s%s", strerror(errno), then);
        return -1;
    }
    int n = 0, err = 0;
    struct dirent *e;
    while ((e = fileio_next_entry(dd, &err))) {
        int v = version_number(e->d_name, ".sha256");
        n = v > n ? v : n;
    }
    closedir(dd);
    if (!err)
        return n;
    if (d)
        diag_add(d, dir, 0, "lecture de l'historique interrompue : %s%s", strerror(err), then);
    return -1;
}

/* True when the file named is provably no published version: a temporary file, or a version file
 * above the published count whose fingerprint does not exist (a transmission interrupted before
 * it published it). A published version file is never one, whatever the count says. */
static bool leftover(int dir, const char *file, int published)
{
    if (file[0] == '.')
        return strcmp(file, ".") != 0 && strcmp(file, "..") != 0;
    int v = version_number(file, ".cfg");
    if (v <= published)
        return false;
    char sum[32];
    snprintf(sum, sizeof sum, "v%04d.sha256", v);
    struct stat st;
    return fstatat(dir, sum, &st, AT_SYMLINK_NOFOLLOW) != 0 && errno == ENOENT;
}

/* What an interrupted transmission leaves, removed under the draft's lock before the next one: a
 * version file never published (no fingerprint) and temporary files. False (diagnosed) when the
 * folder cannot be listed to the end: the transmission stops there. */
static bool clean_history(const char *dir, int published, diag_list *d)
{
    DIR *dd = opendir(dir);
    if (!dd) {
        diag_add(d, dir, 0,
                 "lecture de l'historique impossible : %s ; aucune version n'a été finalisée",
                 strerror(errno));
        return false;
    }
    int err = 0;
    struct dirent *e;
    while ((e = fileio_next_entry(dd, &err))) {
        struct stat st;
        if (leftover(dirfd(dd), e->d_name, published) &&
            fstatat(dirfd(dd), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
            unlinkat(dirfd(dd), e->d_name, 0);
    }
    closedir(dd);
    if (err)
        diag_add(d, dir, 0,
                 "lecture de l'historique interrompue : %s ; aucune version n'a été finalisée",
                 strerror(err));
    return !err;
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const store_entry *)a)->name, ((const store_entry *)b)->name);
}

bool store_list(const store_t *s, store_entry **out, size_t *count, diag_list *d)
{
    *out = NULL;
    *count = 0;
    DIR *dd = opendir(s->drafts);
    if (!dd) {
        if (errno == ENOENT) /* no folder yet: no draft yet */
            return true;
        diag_add(d, s->drafts, 0, "lecture du dossier impossible : %s", strerror(errno));
        return false;
    }
    size_t n = 0, cap = 0;
    store_entry *v = NULL;
    int err = 0;
    bool counted = true;
    struct dirent *e;
    while ((e = fileio_next_entry(dd, &err))) {
        size_t len = strlen(e->d_name);
        if (len != 20 || strcmp(e->d_name + 16, ".cfg") != 0)
            continue;
        char name[STORE_NAME_MAX];
        snprintf(name, sizeof name, "%.16s", e->d_name);
        if (!store_name_valid(name))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            store_entry *nv = realloc(v, cap * sizeof *nv);
            if (!nv) {
                err = ENOMEM;
                break;
            }
            v = nv;
        }
        store_entry *it = &v[n];
        memset(it, 0, sizeof *it);
        memcpy(it->name, name, sizeof name);
        it->year = atoi(name);
        snprintf(it->rpps, sizeof it->rpps, "%s", name + 5);
        char path[PATH_MAX];
        struct stat st;
        store_draft_path(s, name, path, sizeof path);
        if (lstat(path, &st) != 0) /* a link or anything but a file is listed: reading refuses it */
            continue;
        it->saved = st.st_mtime;
        side_path(s, name, ".recovery", path, sizeof path);
        it->has_recovery = lstat(path, &st) == 0;
        it->versions = count_versions(s, name, " ; nombre de versions finalisées inconnu", d);
        counted &= it->versions >= 0;
        n++;
    }
    closedir(dd);
    if (err)
        diag_add(d, s->drafts, 0, "lecture du dossier interrompue : %s ; la liste est incomplète",
                 strerror(err));
    if (n)
        qsort(v, n, sizeof *v, cmp_entry);
    *out = v;
    *count = n;
    return !err && counted;
}

/* ---- transmission and history ---------------------------------------------------------------- */

static const char NOTHING_SENT[] = " ; aucune version n'a été finalisée";

static bool sha256_hex(const char *data, size_t len, char hex[65])
{
    return SHA256Data((const uint8_t *)data, len, hex) != NULL; /* lowercase hexadecimal */
}

/* Creates path with data, never replacing an existing file: temporary file, then link() (or,
 * where the file system has no hard links, a rename that refuses to replace). The caller syncs
 * the folder. */
static bool create_immutable(const char *path, const char *data, size_t len, diag_list *d)
{
    char tmp[PATH_MAX + 160];
    if (!write_temp(path, data, len, tmp, sizeof tmp, d))
        return false;
    if (fchmodat(AT_FDCWD, tmp, 0400, 0) != 0) { /* a version left writable is refused */
        diag_add(d, path, 0,
                 "version impossible à protéger en écriture : %s ; aucune version n'a "
                 "été finalisée",
                 strerror(errno));
        unlink(tmp);
        return false;
    }
    int rc = link(tmp, path);
    int err = errno;
    if (rc != 0 && no_links(err)) { /* no hard links: a rename that never replaces a file */
        rc = renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE);
        err = errno;
    }
    unlink(tmp);
    if (rc != 0) {
        diag_add(d, path, 0, "version impossible à créer : %s ; aucune version n'a été finalisée",
                 strerror(err));
        return false;
    }
    return true;
}

/* Writes version number of the draft text into dir: the version file, synced, then its
 * fingerprint, which publishes it. Whole or not at all: on any failure before the fingerprint,
 * the version file is removed. */
static bool publish_version(const char *dir, int number, const char *text, size_t len, diag_list *d)
{
    char path[PATH_MAX + 64], sum[PATH_MAX + 64], hex[65], when[32], meta[128];
    snprintf(path, sizeof path, "%s/v%04d.cfg", dir, number);
    snprintf(sum, sizeof sum, "%s/v%04d.sha256", dir, number);
    if (!sha256_hex(text, len, hex)) {
        diag_add(d, path, 0, "empreinte SHA-256 impossible ; aucune version n'a été finalisée");
        return false;
    }
    if (!create_immutable(path, text, len, d))
        return false;
    if (!fsync_dir(dir)) {
        diag_add(d, dir, 0,
                 "synchronisation du dossier impossible : %s ; aucune version n'a été finalisée",
                 strerror(errno));
        unlink(path);
        return false;
    }
    now_text(when, sizeof when);
    int n = snprintf(meta, sizeof meta, "%s  %s\n", hex, when);
    if (!create_immutable(sum, meta, (size_t)n, d)) {
        unlink(path);
        return false;
    }
    if (!fsync_dir(dir))
        diag_add(d, dir, 0,
                 "version %d finalisée, mais la synchronisation du dossier a échoué : %s ; une "
                 "coupure de courant pourrait l'effacer : vérifiez-la avec « fsdecl history »",
                 number, strerror(errno));
    return true;
}

char *store_read_draft(const store_t *s, const char *name, size_t *len, diag_list *d)
{
    char draft[PATH_MAX];
    store_draft_path(s, name, draft, sizeof draft);
    int err = 0;
    char *text = read_file(draft, len, &err);
    if (!text)
        diag_add(d, draft, 0, "lecture impossible : %s", strerror(err));
    return text;
}

int store_transmit(const store_t *s, const char *name, const char *text, size_t len, diag_list *d)
{
    char dir[PATH_MAX + 32];
    snprintf(dir, sizeof dir, "%s/%s", s->history, name);
    int published = make_dir(dir, d) ? count_versions(s, name, NOTHING_SENT, d) : -1;
    bool ok = published >= 0 && published < 9999;
    if (published >= 9999)
        diag_add(d, dir, 0, "9 999 versions finalisées : plus aucune n'est possible");
    ok =
        ok && clean_history(dir, published, d) && publish_version(dir, published + 1, text, len, d);
    return ok ? published + 1 : 0;
}

/* One published version: its fingerprint and date, and whether its file still matches. */
static void read_version(const store_t *s, const char *name, store_version *v, diag_list *d)
{
    char path[PATH_MAX + 64];
    size_t len;
    int err = 0;
    snprintf(path, sizeof path, "%s/%s/v%04d.sha256", s->history, name, v->number);
    char *meta = read_file(path, &len, &err);
    bool summed = meta != NULL;
    if (meta) {
        sscanf(meta, "%64s", v->sha256);
        const char *p = meta + strcspn(meta, " ");
        p += strspn(p, " ");
        snprintf(v->date, sizeof v->date, "%.*s", (int)strcspn(p, "\n"), p);
        free(meta);
    } else {
        diag_add(d, path, 0, "empreinte illisible : %s", read_error(err));
        if (err != ENOENT)
            snprintf(v->unreadable, sizeof v->unreadable, "empreinte : %s", read_error(err));
    }
    snprintf(path, sizeof path, "%s/%s/v%04d.cfg", s->history, name, v->number);
    char *text = read_file(path, &len, &err);
    char hex[65] = "";
    if (text && sha256_hex(text, len, hex)) {
        v->intact = summed && strcmp(hex, v->sha256) == 0;
    } else if (!text) {
        diag_add(d, path, 0, "version illisible : %s", read_error(err));
        if (err != ENOENT) /* a missing version is an altered one */
            snprintf(v->unreadable, sizeof v->unreadable, "%s", read_error(err));
    }
    free(text);
}

bool store_history(const store_t *s, const char *name, store_version **out, size_t *count,
                   diag_list *d)
{
    *out = NULL;
    *count = 0;
    int n = count_versions(s, name, "", d);
    if (n <= 0)
        return n == 0;
    store_version *v = calloc((size_t)n, sizeof *v);
    if (!v) {
        diag_add(d, name, 0, "mémoire insuffisante pour lire l'historique");
        return false;
    }
    for (int i = 0; i < n; i++) {
        v[i].number = i + 1;
        read_version(s, name, &v[i], d);
    }
    *out = v;
    *count = (size_t)n;
    return true;
}

decl_t *store_load_version(const store_t *s, const char *name, int number, store_version *info,
                           diag_list *d)
{
    store_version *v;
    size_t n;
    if (!store_history(s, name, &v, &n, d)) {
        free(v);
        return NULL;
    }
    if (number < 1 || (size_t)number > n) {
        diag_add(d, name, 0, "pas de version %d finalisée (%zu en tout)", number, n);
        free(v);
        return NULL;
    }
    *info = v[number - 1];
    free(v);
    if (!info->intact) {
        diag_add(d, name, 0,
                 "la version %d ne correspond plus à son empreinte : elle a été altérée", number);
        return NULL;
    }
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s/v%04d.cfg", s->history, name, number);
    return load_path(path, d);
}

/* ---- autosave ------------------------------------------------------------------------------- */

void store_autosave_changed(store_autosaver *a, long now_ms)
{
    a->dirty = true;
    a->changed_at = now_ms;
}

bool store_autosave_tick(store_autosaver *a, long now_ms, const store_t *s, const decl_t *decl,
                         bool *err, diag_list *d)
{
    *err = false;
    if (!a->dirty || now_ms - a->changed_at < a->delay_ms)
        return false;
    if (!store_autosave(s, decl, d)) {
        *err = true;
        a->changed_at = now_ms; /* try again after another delay, not on every pass */
        return false;
    }
    a->dirty = false;
    return true;
}

void store_autosave_saved(store_autosaver *a)
{
    a->dirty = false;
}

/* ---- signals -------------------------------------------------------------------------------- */

static volatile sig_atomic_t pending_signal;

static void on_signal(int sig)
{
    pending_signal = sig;
}

void store_catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

int store_signal_pending(void)
{
    return pending_signal;
}

bool store_draft_since(const store_t *s, const char *name, store_version *last, bool *same,
                       diag_list *d)
{
    memset(last, 0, sizeof *last);
    *same = false;
    store_version *v;
    size_t n;
    if (!store_history(s, name, &v, &n, d))
        return false;
    if (n)
        *last = v[n - 1];
    free(v);
    if (!n)
        return true;
    size_t len;
    char *text = store_read_draft(s, name, &len, d), hex[65];
    if (!text)
        return false;
    *same = last->intact && sha256_hex(text, len, hex) && strcmp(hex, last->sha256) == 0;
    free(text);
    return true;
}
