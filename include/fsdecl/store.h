/* store: the local draft store. Drafts are never lost: every save goes to a temporary file in
 * the same folder, checked, flushed and fsync'ed, then renamed over the draft, whose previous
 * version is kept as a backup; one writer at a time (a kernel lock per draft); a recovery file
 * for work not yet saved; transmitted versions kept immutable with their SHA-256.
 *
 * Layout under the store folder (0700, files 0600):
 *   drafts/YEAR-RPPS.cfg           the draft
 *   drafts/YEAR-RPPS.cfg.bak       the version before the last save
 *   drafts/YEAR-RPPS.lock          the writer's lock (pid, host, since)
 *   drafts/YEAR-RPPS.recovery      autosaved work not yet saved
 *   drafts/YEAR-RPPS.cfg.restoring a restore under way where names cannot be swapped at once
 *                                  (finished by the next holder of the lock)
 *   history/YEAR-RPPS/vNNNN.cfg    transmitted version NNNN (read-only)
 *   history/YEAR-RPPS/vNNNN.sha256 its fingerprint and date
 *   drafts/YEAR-RPPS.moving        the journal of a move (a corrected RPPS) decided and not yet
 *                                  finished (finished by the next holder of either draft's lock)
 *   drafts/.YEAR-RPPS.move/        what a move writes before it is decided (src/store_move.c)
 *   trash/YYYYMMDD-HHMMSS-YEAR-RPPS/ a deleted draft: deleted (name, when), YEAR-RPPS.cfg,
 * .cfg.bak, .recovery, history/ (src/store_trash.c) Names are built from the campaign year and an
 * 11-digit RPPS, never from raw user input. */
#ifndef FSDECL_STORE_H
#define FSDECL_STORE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "fsdecl/date.h"
#include "fsdecl/decl.h"
#include "fsdecl/diag.h"

typedef struct {
    char root[PATH_MAX];
    char drafts[PATH_MAX];
    char history[PATH_MAX];
} store_t;

enum { STORE_NAME_MAX = 32 };

typedef struct {
    bool held; /* false: we hold it */
    long pid;  /* the holder, when held by another */
    char host[256];
    char since[32];      /* "2025-12-20 14:32:05" */
    int fd;              /* ours, when we hold it */
    char path[PATH_MAX]; /* the lock file, when we hold it */
} store_lock;

typedef struct {
    bool exists;
    bool newer_than_draft;
    bool owner_alive; /* the draft's lock is held by a running process */
    long pid;
    char host[256];
    char saved[32];
} store_recovery;

typedef struct {
    int number;
    char date[32]; /* when it was transmitted, "2025-12-20 14:32:05" */
    char sha256[65];
    bool intact; /* the file still has that fingerprint */
    /* Why the file or its fingerprint could not be read (an input/output error, not a file...),
     * "" when both were read: such a version is neither intact nor altered, but unreadable. A
     * missing file is no reason: it is altered. */
    char unreadable[96];
} store_version;

typedef struct {
    char name[STORE_NAME_MAX];
    int year;
    char rpps[12];
    time_t saved; /* last save */
    bool has_recovery;
    int versions; /* transmitted versions; -1 when they could not be counted (diagnosed) */
} store_entry;

/* The store folder: dir if given, else $FSDECL_DATA_DIR, else $XDG_DATA_HOME/fsdecl, else
 * ~/.local/share/fsdecl. Creates the folders (0700) as needed. */
bool store_open(store_t *s, const char *dir, diag_list *d);
/* The same folders, named only: nothing is created (for what only reads, like a listing). */
bool store_locate(store_t *s, const char *dir, diag_list *d);
/* "2025-10001234565" into name (STORE_NAME_MAX); false when rpps is not 11 digits. */
bool store_name(int year, const char *rpps, char *name);
/* A name as store_name makes it ("YYYY-DDDDDDDDDDD"): the only names the store accepts. */
bool store_name_valid(const char *name);
void store_draft_path(const store_t *s, const char *name, char *path, size_t size);
/* Whether the draft name is in the store (as any kind of file: a symlink counts, to be refused
 * when read). */
bool store_draft_exists(const store_t *s, const char *name);

/* Reads a draft. On a corrupt draft the diagnostics name the line, and say when the backup
 * (previous version) can be restored. */
decl_t *store_load(const store_t *s, const char *name, diag_list *d);
/* Saves d atomically as its draft (name from its campaign and RPPS); refuses to overwrite a draft
 * written in a newer format. The previous draft becomes the backup; the recovery file goes. */
bool store_save(const store_t *s, const decl_t *d, diag_list *diag);
/* Writes the recovery file (same atomic write), for work not yet saved. */
bool store_autosave(const store_t *s, const decl_t *d, diag_list *diag);
store_recovery store_recovery_status(const store_t *s, const char *name);
decl_t *store_recover(const store_t *s, const char *name, diag_list *d);
bool store_discard_recovery(const store_t *s, const char *name, diag_list *d);
/* Puts the backup back as the draft (the current draft becomes the backup). */
bool store_restore_backup(const store_t *s, const char *name, diag_list *d);

/* Takes the draft's lock. false with *l describing the holder when another process has it. A
 * restore a kill interrupted (YEAR-RPPS.cfg.restoring), and a move of this draft (a journal
 * YEAR-RPPS.moving naming it), are finished first; false (diagnosed) when they cannot be. */
bool store_lock_take(const store_t *s, const char *name, store_lock *l, diag_list *d);
/* Releases the lock and removes its file, still ours, so that no label of a gone holder is left
 * behind a clean end (a crash leaves it, unlocked: the next holder replaces it). */
void store_lock_release(store_lock *l);

/* Lists the drafts (sorted by name): *n of them in *out (malloc'ed, even on failure). false
 * (diagnosed) when the list is incomplete: the folder could not be read to the end, or a draft's
 * versions could not be counted (its versions is then -1). */
bool store_list(const store_t *s, store_entry **out, size_t *n, diag_list *d);
/* The temporary files in the drafts folder (".NAME.PID-SPACE@HOST.XXXXXX": a save being
 * written, or left by a killed one), and in *stale how many of them are removed at the next
 * opening of the store for writing: those whose writer, named in the file name, has provably
 * ended (this host and pid namespace, no such process), and any older than an hour; 0 when the
 * folder cannot be read. */
size_t store_count_temporaries(const store_t *s, size_t *stale);

/* The saved draft's bytes (malloc'ed, NUL-terminated, *len of them); NULL (diagnosed) when it
 * cannot be read. */
char *store_read_draft(const store_t *s, const char *name, size_t *len, diag_list *d);
/* Records text, the saved draft's bytes as read and judged by the caller under the draft's lock,
 * as the next transmitted version of name: returns its number (>0), 0 on error. */
int store_transmit(const store_t *s, const char *name, const char *text, size_t len, diag_list *d);
/* Transmitted version number of name, read back (refused when it no longer matches its
 * fingerprint); *info describes it. */
decl_t *store_load_version(const store_t *s, const char *name, int number, store_version *info,
                           diag_list *d);
/* The last transmitted version of name in *last (number 0 when there is none), and whether the
 * saved draft is that version's text byte for byte (*same). False (diagnosed) when the history or
 * the draft cannot be read. */
bool store_draft_since(const store_t *s, const char *name, store_version *last, bool *same,
                       diag_list *d);
/* The transmitted versions, oldest first: *n of them in *out (malloc'ed). false (diagnosed, *n
 * 0) when the history cannot be listed to the end: a count of versions that is no count. A
 * version that cannot be read is listed, not intact, and diagnosed. */
bool store_history(const store_t *s, const char *name, store_version **out, size_t *n,
                   diag_list *d);

/* ---- moving a draft (src/store_move.c) ------------------------------------------------------ */

/* Whether anything of the draft name is in the store: its draft, backup, recovery file, an
 * unfinished move, or its versions. */
bool store_name_taken(const store_t *s, const char *name);
/* Corrects the RPPS of the draft old: the draft, its backup, its recovery file and its versions
 * become those of YEAR-rpps, the draft (and its companions that read as its drafts) rewritten with
 * that RPPS; the versions are moved as they are (their text and fingerprint unchanged). Whole or
 * not at all through a journal: a kill at any point leaves the old name whole, or the journal that
 * the next holder of either lock follows to the new name. The caller holds both drafts' locks.
 * False (diagnosed) when refused or failed, nothing changed (unless the diagnostics say the move
 * is decided and will be finished). */
bool store_rename(const store_t *s, const char *old, const char *rpps, diag_list *d);

/* ---- the trash (src/store_trash.c) ----------------------------------------------------------- */

enum { STORE_TRASH_ID_MAX = 40 };

typedef struct {
    char id[STORE_TRASH_ID_MAX]; /* "YYYYMMDD-HHMMSS-ANNÉE-RPPS" */
    char name[STORE_NAME_MAX];   /* the draft's name */
    char deleted[32];            /* when, "2025-12-20 14:32:05" */
    int versions;                /* its finalised versions */
    char draft[PATH_MAX];        /* the draft's file in the trash, to read its doctor's name */
} store_trash_item;

/* Whether id is a trash entry's ID as store_delete makes it. */
bool store_trash_id_valid(const char *id);
/* Moves the draft name (its draft, backup, recovery file and versions) into the trash, as the
 * entry id; whole or not at all (the journal of store_move.c). The caller holds its lock. */
bool store_delete(const store_t *s, const char *name, char id[STORE_TRASH_ID_MAX], diag_list *d);
/* The trash's entries, oldest first: *n of them in *out (malloc'ed). False (diagnosed) when the
 * trash cannot be listed to the end. */
bool store_trash_list(const store_t *s, store_trash_item **out, size_t *n, diag_list *d);
/* The draft name of the trash entry id; false when there is no such entry. */
bool store_trash_name(const store_t *s, const char *id, char name[STORE_NAME_MAX]);
/* Puts the entry id back as its draft, whole or not at all. The caller holds the draft's lock and
 * has checked that nothing of its name is in the store. */
bool store_undelete(const store_t *s, const char *id, diag_list *d);
/* Removes every entry of the trash (not one whose draft's lock is held); how many. */
size_t store_trash_empty(const store_t *s, diag_list *d);

/* Writes data to path atomically (temporary file in the same folder, fsync, rename, fsync of
 * the folder), mode 0600. When backup is not NULL, the previous file is first linked there. */
bool store_write_atomic(const char *path, const char *backup, const char *data, size_t len,
                        diag_list *d);

/* Autosave shortly after each change, from the program's main loop (no thread, no timer):
 * store_autosave_changed() on every change, store_autosave_tick() on every pass of the loop;
 * the recovery file is written once the draft has been left unchanged for delay_ms. Times are
 * given by the caller (milliseconds of a monotonic clock), so tests can drive them. */
typedef struct {
    long delay_ms;
    bool dirty;
    long changed_at;
} store_autosaver;

void store_autosave_changed(store_autosaver *a, long now_ms);
/* True when it wrote the recovery file now; *err set when that failed (diagnostics in d). */
bool store_autosave_tick(store_autosaver *a, long now_ms, const store_t *s, const decl_t *decl,
                         bool *err, diag_list *d);
/* After a real save: nothing is pending any more. */
void store_autosave_saved(store_autosaver *a);

/* SIGTERM and SIGHUP set a flag instead of killing: a loop checks it, saves and exits. */
void store_catch_signals(void);
int store_signal_pending(void);

#endif
