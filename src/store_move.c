/* store_move: moving a draft's files as one (a corrected RPPS).
 *
 * A draft is several files (the draft, its backup, its recovery file) and a folder of versions:
 * no single rename moves them all. A move is therefore decided by a journal, and is whole or not
 * at all from the journal's point of view:
 *
 *   1. under the locks of every draft name the move touches, whatever must be written (the draft
 *      and its companions rewritten under the new RPPS) is written into a hidden staging folder,
 *      drafts/.OLD.move/ : a kill here leaves the old draft whole, and the staging folder is
 *      removed by the next move of that draft;
 *   2. the journal, drafts/OLD.moving, is written atomically (temporary file, fsync, rename, fsync
 *      of the folder): its appearance is the one moment the move is decided;
 *   3. its steps are done in order, each one a rename or a removal that can be done again at no
 *      harm (a rename whose source is gone was done), then the journal is removed.
 *
 * A kill after step 2 leaves the journal; the next program that takes the lock of either name, or
 * opens the store for writing, does its steps again to the end (store_moves_finish) before
 * anything else reads or writes those drafts. So after any kill, once the store is opened again,
 * the old name is whole or the new name is whole, never parts of both. No step needs the file
 * system to swap two names or to make hard links.
 *
 * The journal's lines: "fsdecl-move 1", then "lock NAME" for each lock the move needs (held by
 * whoever does its steps), then its steps: "mv FROM TO", "rm PATH", "rmdir PATH", paths relative to
 * the store folder, made only of names the store builds. */
#define _GNU_SOURCE
#include "fsdecl/store.h"

#include "cfgread.h"
#include "store_internal.h"

#include "fsdecl/fileio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef FSDECL_VERSION
#define FSDECL_VERSION "?"
#endif

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wformat-truncation"
#endif

enum { JOURNAL_MAX = 4096, MOVE_LOCKS = 2 };

static const char JOURNAL_HEAD[] = "fsdecl-move 1\n";

static void fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

static void journal_path(const store_t *s, const char *name, char *path, size_t size)
{
    snprintf(path, size, "%s/%s.moving", s->drafts, name);
}

static void staging_path(const store_t *s, const char *name, char *path, size_t size)
{
    snprintf(path, size, "%s/.%s.move", s->drafts, name);
}

static void diag_move(diag_list *to, diag_list *from)
{
    for (size_t i = 0; i < from->count; i++)
        diag_add(to, from->items[i].file, from->items[i].line, "%s", from->items[i].message);
}

/* ---- doing a journal's steps ------------------------------------------------------------- */

/* One step, done again at no harm. False (diagnosed) when it cannot be done now. */
static bool do_step(const store_t *s, const char *verb, const char *a, const char *b, diag_list *d)
{
    char from[PATH_MAX + 64], to[PATH_MAX + 64];
    snprintf(from, sizeof from, "%s/%s", s->root, a);
    snprintf(to, sizeof to, "%s/%s", s->root, b ? b : "");
    struct stat st;
    if (strcmp(verb, "mv") == 0 && b) {
        if (lstat(from, &st) != 0 && errno == ENOENT)
            return true; /* done before */
        if (rename(from, to) == 0)
            return true;
    } else if (strcmp(verb, "rm") == 0) {
        if (unlink(from) == 0 || errno == ENOENT)
            return true;
    } else if (strcmp(verb, "rmdir") == 0) {
        rmdir(from); /* a hidden folder left behind (not empty) is no reason to stop the move */
        return true;
    } else {
        diag_add(d, a, 0, "étape de déplacement inconnue : %s", verb);
        return false;
    }
    diag_add(d, from, 0, "déplacement impossible : %s", strerror(errno));
    return false;
}

/* The journal's text (malloc'ed), NULL when it cannot be read (diagnosed). */
static char *read_journal(const char *path, diag_list *d)
{
    size_t len;
    int err = 0;
    char *text = fileio_read(path, JOURNAL_MAX, true, &len, &err);
    if (!text)
        diag_add(d, path, 0, "journal de déplacement illisible : %s", strerror(err));
    else if (strncmp(text, JOURNAL_HEAD, sizeof JOURNAL_HEAD - 1) != 0) {
        diag_add(d, path, 1, "journal de déplacement d'un format inconnu : rien n'est déplacé");
        free(text);
        text = NULL;
    }
    return text;
}

/* The steps of the journal at path, all of them, then the journal goes. */
static bool run_journal(const store_t *s, const char *path, char *text, diag_list *d)
{
    bool ok = true;
    int line = 1;
    for (char *p = text + sizeof JOURNAL_HEAD - 1, *next; ok && *p; p = next) {
        line++;
        char *end = strchr(p, '\n');
        next = end ? end + 1 : p + strlen(p);
        if (end)
            *end = '\0';
        char verb[8], a[128], b[128];
        int n = sscanf(p, "%7s %127s %127s", verb, a, b);
        if (n < 2) {
            diag_add(d, path, line, "ligne illisible dans le journal de déplacement");
            return false;
        }
        if (strcmp(verb, "lock") != 0)
            ok = do_step(s, verb, a, n == 3 ? b : NULL, d);
    }
    if (!ok)
        return false;
    fsync_dir(s->history);
    fsync_dir(s->root);
    fsync_dir(s->drafts);
    if (unlink(path) != 0 && errno != ENOENT) {
        diag_add(d, path, 0, "journal de déplacement impossible à retirer : %s", strerror(errno));
        return false;
    }
    fsync_dir(s->drafts);
    return true;
}

bool store_journal_run(const store_t *s, const char *journal, diag_list *d)
{
    char *text = read_journal(journal, d);
    bool ok = text && run_journal(s, journal, text, d);
    free(text);
    if (text && !ok)
        diag_add(
            d, journal, 0,
            "opération interrompue : elle sera terminée à la prochaine ouverture du brouillon");
    return ok;
}

/* The names a journal locks, into names (at most MOVE_LOCKS); how many. */
static size_t journal_locks(const char *text, char names[][STORE_NAME_MAX])
{
    size_t n = 0;
    for (const char *p = strstr(text, "\nlock "); p && n < MOVE_LOCKS;
         p = strstr(p + 1, "\nlock ")) {
        char name[STORE_NAME_MAX];
        if (sscanf(p + 6, "%31s", name) == 1 && store_name_valid(name))
            memcpy(names[n++], name, sizeof name);
    }
    return n;
}

/* Finishes the journal at path when every lock it names can be had (mine is held already, when
 * not NULL). *concerned: the journal names mine. False (diagnosed) when it concerns mine and
 * cannot be finished. */
static bool finish_one(const store_t *s, const char *path, const char *mine, diag_list *d)
{
    diag_list why;
    diag_init(&why);
    char *text = read_journal(path, &why);
    if (!text) {
        bool ok = !mine;
        if (mine)
            diag_move(d, &why);
        diag_free(&why);
        return ok;
    }
    char names[MOVE_LOCKS][STORE_NAME_MAX];
    size_t n = journal_locks(text, names);
    bool concerned = false;
    for (size_t i = 0; i < n; i++)
        concerned |= mine && strcmp(names[i], mine) == 0;
    if (mine && !concerned) {
        free(text);
        diag_free(&why);
        return true;
    }
    store_lock locks[MOVE_LOCKS];
    size_t taken = 0;
    bool all = true;
    for (size_t i = 0; i < n && all; i++) {
        if (mine && strcmp(names[i], mine) == 0)
            continue;
        all = store_lock_plain(s, names[i], &locks[taken], &why);
        if (all)
            taken++;
    }
    bool ok = all && run_journal(s, path, text, &why);
    for (size_t i = 0; i < taken; i++)
        store_lock_release(&locks[i]);
    free(text);
    if (!ok && mine) {
        diag_move(d, &why);
        diag_add(
            d, path, 0,
            "un changement de nom ou une suppression de ce brouillon est interrompu et ne peut "
            "pas être terminé maintenant (un autre programme a-t-il ce brouillon ouvert ?) : "
            "rien n'est modifié");
    }
    diag_free(&why);
    return ok || !mine;
}

bool store_moves_finish(const store_t *s, const char *mine, diag_list *d)
{
    DIR *dd = opendir(s->drafts);
    if (!dd)
        return true; /* no folder: no journal */
    char found[64][STORE_NAME_MAX + 8];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dd)) && n < 64) {
        size_t len = strlen(e->d_name);
        if (len == 16 + 7 && strcmp(e->d_name + 16, ".moving") == 0)
            snprintf(found[n++], sizeof found[0], "%s", e->d_name);
    }
    closedir(dd);
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        char path[PATH_MAX + 64];
        snprintf(path, sizeof path, "%s/%s", s->drafts, found[i]);
        ok &= finish_one(s, path, mine, d);
    }
    return ok;
}

/* ---- preparing a move ------------------------------------------------------------------------ */

/* Removes what a move killed before its journal left in its staging folder. */
static void clear_staging(const char *dir)
{
    DIR *dd = opendir(dir);
    if (!dd)
        return;
    struct dirent *e;
    while ((e = readdir(dd)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            unlinkat(dirfd(dd), e->d_name, 0);
    closedir(dd);
    rmdir(dir);
}

/* The draft text under the new RPPS: text parsed, its RPPS replaced (and its confirmation of the
 * RPPS key dropped: it confirmed another number), written again. NULL when text is not a draft of
 * campaign year and RPPS old (kept as it is by the caller). */
static char *with_rpps(const char *text, size_t len, int year, const char *old, const char *rpps,
                       size_t *out)
{
    diag_list ignored;
    diag_init(&ignored);
    decl_t *decl = decl_parse(text, len, "brouillon", &ignored);
    char *res = NULL;
    if (decl && decl->campaign == year && decl->identity.rpps &&
        strcmp(decl->identity.rpps, old) == 0 &&
        decl_set_identity(decl, DECL_ID_RPPS, rpps, &ignored))
        res = decl_write(decl, "fsdecl " FSDECL_VERSION, out);
    decl_free(decl);
    diag_free(&ignored);
    return res;
}

/* Stages the companion ext of draft old as new's, rewritten under the new RPPS when it reads as
 * old's draft (a recovery file keeps its first line, the autosave's header), else as it is, with
 * the times of the original (the recovery file is judged against the draft by them). *had: the
 * original exists. */
static bool stage_one(const store_t *s, const char *stage, const char *old, const char *new,
                      const char *ext, bool *had, diag_list *d)
{
    char src[PATH_MAX + 64], dst[PATH_MAX + 64];
    snprintf(src, sizeof src, "%s/%s%s", s->drafts, old, ext);
    snprintf(dst, sizeof dst, "%s/%s%s", stage, new, ext);
    size_t len;
    int err = 0;
    char *text = fileio_read(src, CFG_MAX_FILE_SIZE, true, &len, &err);
    *had = text != NULL;
    if (!text) {
        if (err == ENOENT)
            return true;
        diag_add(d, src, 0, "lecture impossible : %s ; rien n'a été renommé", strerror(err));
        return false;
    }
    struct stat st;
    bool timed = lstat(src, &st) == 0;
    size_t head = 0;
    if (strcmp(ext, ".recovery") == 0 && strncmp(text, "# recovery:", 11) == 0)
        head = strcspn(text, "\n") + (text[strcspn(text, "\n")] ? 1 : 0);
    size_t blen = 0;
    char *body = with_rpps(text + head, len - head, atoi(old), old + 5, new + 5, &blen);
    bool rewritten = body != NULL;
    if (strcmp(ext, ".cfg") == 0 && !body) {
        diag_add(d, src, 0,
                 "le brouillon ne se lit pas comme celui de %s : rien n'a été renommé (« fsdecl "
                 "restore %s » remet en place sa version précédente)",
                 old, old);
        free(text);
        return false;
    }
    char *full = text;
    size_t flen = len;
    if (rewritten) {
        full = malloc(head + blen + 1);
        if (!full) {
            free(body);
            free(text);
            diag_add(d, src, 0, "mémoire insuffisante ; rien n'a été renommé");
            return false;
        }
        memcpy(full, text, head);
        memcpy(full + head, body, blen + 1);
        flen = head + blen;
        free(body);
        free(text);
    }
    bool ok = store_write_atomic(dst, NULL, full, flen, d);
    free(full);
    if (ok && timed) {
        struct timespec times[2] = {st.st_atim, st.st_mtim};
        utimensat(AT_FDCWD, dst, times, AT_SYMLINK_NOFOLLOW);
    }
    return ok;
}

bool store_name_taken(const store_t *s, const char *name)
{
    static const char *const EXTS[] = {".cfg", ".cfg.bak", ".recovery", ".moving"};
    char path[PATH_MAX + 64];
    struct stat st;
    for (size_t i = 0; i < sizeof EXTS / sizeof EXTS[0]; i++) {
        snprintf(path, sizeof path, "%s/%s%s", s->drafts, name, EXTS[i]);
        if (lstat(path, &st) == 0)
            return true;
    }
    snprintf(path, sizeof path, "%s/%s", s->history, name);
    return lstat(path, &st) == 0;
}

/* Appends a line to the journal being built. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void
put(char *buf, size_t size, const char *fmt, ...)
{
    size_t n = strlen(buf);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + n, size - n, fmt, ap);
    va_end(ap);
}

bool store_rename(const store_t *s, const char *old, const char *rpps, diag_list *d)
{
    char new[STORE_NAME_MAX];
    if (!store_name_valid(old) || !store_name(atoi(old), rpps, new) || strcmp(old, new) == 0) {
        diag_add(d, old ? old : "?", 0, "nouveau nom de brouillon invalide");
        return false;
    }
    if (store_name_taken(s, new)) {
        diag_add(d, new, 0,
                 "un brouillon ou un historique porte déjà ce nom : rien n'a été renommé");
        return false;
    }
    char stage[PATH_MAX + 64], journal[PATH_MAX + 64];
    staging_path(s, old, stage, sizeof stage);
    journal_path(s, old, journal, sizeof journal);
    clear_staging(stage);
    if (mkdir(stage, 0700) != 0) {
        diag_add(d, stage, 0, "dossier de préparation impossible : %s ; rien n'a été renommé",
                 strerror(errno));
        return false;
    }
    static const char *const EXTS[] = {".cfg.bak", ".recovery", ".cfg"};
    bool had[3] = {false, false, false}, ok = true;
    for (size_t i = 0; i < 3 && ok; i++)
        ok = stage_one(s, stage, old, new, EXTS[i], &had[i], d);
    if (ok && !had[2]) {
        diag_add(d, old, 0, "pas de brouillon de ce nom : rien n'a été renommé");
        ok = false;
    }
    if (!ok) {
        clear_staging(stage);
        return false;
    }
    fsync_dir(stage);
    /* The steps: the versions first, then the new files (the draft last, so that it appears with
     * its companions), then the old files (the draft first, so that it is no longer listed). */
    char text[JOURNAL_MAX] = "", rel[64];
    snprintf(rel, sizeof rel, "drafts/.%s.move", old);
    put(text, sizeof text, "%slock %s\n", JOURNAL_HEAD, old);
    put(text, sizeof text, "lock %s\nmv history/%s history/%s\n", new, old, new);
    for (size_t i = 0; i < 3; i++)
        if (had[i]) {
            char a[96];
            snprintf(a, sizeof a, "%s/%s%s", rel, new, EXTS[i]);
            put(text, sizeof text, "mv %s drafts/%s%s\n", a, new, EXTS[i]);
        }
    put(text, sizeof text, "rm drafts/%s.cfg\nrm drafts/%s.cfg.bak\n", old, old);
    put(text, sizeof text, "rm drafts/%s.recovery\nrmdir %s\n", old, rel);
    if (!store_write_atomic(journal, NULL, text, strlen(text), d)) {
        unlink(journal); /* not decided: a journal written whole or not at all */
        clear_staging(stage);
        diag_add(d, old, 0, "rien n'a été renommé");
        return false;
    }
    char *copy = strdup(text);
    ok = copy && run_journal(s, journal, copy, d);
    free(copy);
    if (!ok)
        diag_add(d, journal, 0,
                 "changement de nom interrompu : il sera terminé à la prochaine ouverture du "
                 "brouillon");
    return ok;
}
