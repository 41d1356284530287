/* store_trash: deleting a draft into the store's trash, listing the trash, putting a deleted draft
 * back, emptying the trash. Nothing is unlinked but by emptying the trash.
 *
 * A deleted draft is a folder trash/ID (ID: "YYYYMMDD-HHMMSS-ANNÉE-RPPS", when it was deleted and
 * what), holding "deleted" (name=, deleted=), the draft's files under their own names
 * (ANNÉE-RPPS.cfg, .cfg.bak, .recovery) and its versions' folder as history/. Deleting and putting
 * back are moves of several files, made whole by the journal of store_move.c (drafts/NAME.moving,
 * under the draft's lock): the entry is filled under a hidden name (trash/.ID) and appears under
 * its own name last when deleting; it is hidden first when putting back. */
#define _GNU_SOURCE
#include "fsdecl/store.h"

#include "store_internal.h"

#include "fsdecl/fileio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wformat-truncation"
#endif

static void trash_dir(const store_t *s, char *path, size_t size)
{
    snprintf(path, size, "%s/trash", s->root);
}

/* An entry's ID as store_delete makes it: "YYYYMMDD-HHMMSS-" and a draft name. */
bool store_trash_id_valid(const char *id)
{
    if (!id || strlen(id) != 32)
        return false;
    for (int i = 0; i < 15; i++)
        if (i == 8 ? id[i] != '-' : (id[i] < '0' || id[i] > '9'))
            return false;
    return id[15] == '-' && store_name_valid(id + 16);
}

static bool put_steps_and_run(const store_t *s, const char *name, const char *steps, diag_list *d)
{
    char journal[PATH_MAX + 64], text[4096];
    snprintf(journal, sizeof journal, "%s/%s.moving", s->drafts, name);
    int n = snprintf(text, sizeof text, "fsdecl-move 1\nlock %s\n%s", name, steps);
    if (!store_write_atomic(journal, NULL, text, (size_t)n, d)) {
        unlink(journal);
        return false;
    }
    return store_journal_run(s, journal, d);
}

bool store_delete(const store_t *s, const char *name, char id[STORE_TRASH_ID_MAX], diag_list *d)
{
    char trash[PATH_MAX], stage[PATH_MAX + 64], path[PATH_MAX + 96];
    trash_dir(s, trash, sizeof trash);
    if (mkdir(trash, 0700) != 0 && errno != EEXIST) {
        diag_add(d, trash, 0, "création de la corbeille impossible : %s ; rien n'a été supprimé",
                 strerror(errno));
        return false;
    }
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    char stamp[32], when[32];
    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
    struct stat st;
    /* the ID is when it was deleted, a second later when that one is taken (deleted twice in a
     * second); "deleted" keeps the true time */
    for (int later = 0;; later++) {
        time_t t = now + later;
        localtime_r(&t, &tm);
        strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
        snprintf(id, STORE_TRASH_ID_MAX, "%s-%s", stamp, name);
        snprintf(stage, sizeof stage, "%s/.%s", trash, id);
        snprintf(path, sizeof path, "%s/%s", trash, id);
        if ((lstat(path, &st) != 0 && lstat(stage, &st) != 0) || later == 100)
            break;
    }
    if (mkdir(stage, 0700) != 0 && errno != EEXIST) {
        diag_add(d, stage, 0, "création impossible : %s ; rien n'a été supprimé", strerror(errno));
        return false;
    }
    char info[128];
    int n = snprintf(info, sizeof info, "name=%s\ndeleted=%s\n", name, when);
    snprintf(path, sizeof path, "%s/deleted", stage);
    if (!store_write_atomic(path, NULL, info, (size_t)n, d)) {
        rmdir(stage);
        return false;
    }
    /* the draft first (no longer listed), its companions, its versions; the entry appears last */
    char steps[2048];
    snprintf(steps, sizeof steps,
             "mv drafts/%s.cfg trash/.%s/%s.cfg\nmv drafts/%s.cfg.bak trash/.%s/%s.cfg.bak\n"
             "mv drafts/%s.recovery trash/.%s/%s.recovery\nmv history/%s trash/.%s/history\n"
             "mv trash/.%s trash/%s\n",
             name, id, name, name, id, name, name, id, name, name, id, id, id);
    if (put_steps_and_run(s, name, steps, d))
        return true;
    snprintf(path, sizeof path, "%s/%s.moving", s->drafts, name);
    if (lstat(path, &st) != 0) { /* not decided: what was prepared goes */
        snprintf(path, sizeof path, "%s/deleted", stage);
        unlink(path);
        rmdir(stage);
    }
    return false;
}

/* The "name=" of an entry's deleted file, and its "deleted=" into when; false when unreadable. */
static bool read_info(const char *dir, char name[STORE_NAME_MAX], char *when, size_t wsize)
{
    char path[PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/deleted", dir);
    size_t len;
    int err = 0;
    char *text = fileio_read(path, 1024, true, &len, &err);
    if (!text)
        return false;
    const char *n = strstr(text, "name="), *w = strstr(text, "deleted=");
    bool ok = n && sscanf(n + 5, "%16s", name) == 1 && store_name_valid(name);
    if (w)
        snprintf(when, wsize, "%.*s", (int)strcspn(w + 8, "\n"), w + 8);
    else if (wsize)
        when[0] = '\0';
    free(text);
    return ok;
}

static int cmp_item(const void *a, const void *b)
{
    return strcmp(((const store_trash_item *)a)->id, ((const store_trash_item *)b)->id);
}

bool store_trash_list(const store_t *s, store_trash_item **out, size_t *count, diag_list *d)
{
    *out = NULL;
    *count = 0;
    char trash[PATH_MAX];
    trash_dir(s, trash, sizeof trash);
    DIR *dd = opendir(trash);
    if (!dd) {
        if (errno == ENOENT)
            return true;
        diag_add(d, trash, 0, "lecture de la corbeille impossible : %s", strerror(errno));
        return false;
    }
    size_t n = 0, cap = 0;
    store_trash_item *v = NULL;
    int err = 0;
    struct dirent *e;
    while ((e = fileio_next_entry(dd, &err))) {
        if (!store_trash_id_valid(e->d_name))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            store_trash_item *nv = realloc(v, cap * sizeof *nv);
            if (!nv) {
                err = ENOMEM;
                break;
            }
            v = nv;
        }
        store_trash_item *it = &v[n];
        memset(it, 0, sizeof *it);
        snprintf(it->id, sizeof it->id, "%s", e->d_name);
        char dir[PATH_MAX + 64];
        snprintf(dir, sizeof dir, "%s/%s", trash, e->d_name);
        if (!read_info(dir, it->name, it->deleted, sizeof it->deleted))
            snprintf(it->name, sizeof it->name, "%s", e->d_name + 16);
        snprintf(it->draft, sizeof it->draft, "%s/%s.cfg", dir, it->name);
        char hist[PATH_MAX + 96];
        snprintf(hist, sizeof hist, "%s/history", dir);
        DIR *hd = opendir(hist);
        for (struct dirent *h; hd && (h = readdir(hd));) {
            size_t l = strlen(h->d_name);
            it->versions += l == 12 && h->d_name[0] == 'v' && strcmp(h->d_name + 5, ".sha256") == 0;
        }
        if (hd)
            closedir(hd);
        n++;
    }
    closedir(dd);
    if (err)
        diag_add(d, trash, 0, "lecture de la corbeille interrompue : %s", strerror(err));
    if (n)
        qsort(v, n, sizeof *v, cmp_item);
    *out = v;
    *count = n;
    return !err;
}

bool store_trash_name(const store_t *s, const char *id, char name[STORE_NAME_MAX])
{
    char dir[PATH_MAX + 64], when[32];
    trash_dir(s, dir, sizeof dir);
    size_t l = strlen(dir);
    snprintf(dir + l, sizeof dir - l, "/%s", id);
    return store_trash_id_valid(id) && read_info(dir, name, when, sizeof when);
}

bool store_undelete(const store_t *s, const char *id, diag_list *d)
{
    char name[STORE_NAME_MAX];
    if (!store_trash_name(s, id, name)) {
        diag_add(d, id, 0, "pas d'élément de ce nom dans la corbeille");
        return false;
    }
    /* the entry is hidden first (no longer listed in the trash), its versions go back, the draft
     * last */
    char steps[2048];
    snprintf(steps, sizeof steps,
             "mv trash/%s trash/.%s\nmv trash/.%s/history history/%s\n"
             "mv trash/.%s/%s.cfg.bak drafts/%s.cfg.bak\n"
             "mv trash/.%s/%s.recovery drafts/%s.recovery\nmv trash/.%s/%s.cfg drafts/%s.cfg\n"
             "rm trash/.%s/deleted\nrmdir trash/.%s\n",
             id, id, id, name, id, name, name, id, name, name, id, name, name, id, id);
    return put_steps_and_run(s, name, steps, d);
}

/* Removes the folder at name in dir and all it holds (an entry of the trash: two levels). */
static bool remove_tree(int dir, const char *name)
{
    int fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return unlinkat(dir, name, 0) == 0 || errno == ENOENT;
    DIR *dd = fdopendir(fd);
    if (!dd) {
        close(fd);
        return false;
    }
    bool ok = true;
    for (struct dirent *e; (e = readdir(dd));) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        struct stat st;
        if (fstatat(dirfd(dd), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode))
            ok &= remove_tree(dirfd(dd), e->d_name);
        else
            ok &= unlinkat(dirfd(dd), e->d_name, 0) == 0 || errno == ENOENT;
    }
    closedir(dd);
    return ok && (unlinkat(dir, name, AT_REMOVEDIR) == 0 || errno == ENOENT);
}

size_t store_trash_empty(const store_t *s, diag_list *d)
{
    store_trash_item *v;
    size_t n, removed = 0;
    store_trash_list(s, &v, &n, d);
    char trash[PATH_MAX];
    trash_dir(s, trash, sizeof trash);
    int dir = open(trash, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    for (size_t i = 0; dir >= 0 && i < n; i++) {
        store_lock l; /* not while the draft of that name is being put back */
        if (!store_lock_plain(s, v[i].name, &l, d))
            continue;
        if (remove_tree(dir, v[i].id))
            removed++;
        else
            diag_add(d, trash, 0, "%s : suppression incomplète : %s", v[i].id, strerror(errno));
        store_lock_release(&l);
    }
    if (dir >= 0) {
        fsync(dir);
        close(dir);
    }
    free(v);
    return removed;
}
