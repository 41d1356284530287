/* Correcting a draft's RPPS (session_rename, store_rename): the draft, its backup, its recovery
 * file and its versions move to the new name whole, the versions keep their text and fingerprint;
 * every refusal changes nothing; a move a kill interrupted is finished by the next holder of the
 * lock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "fsdecl/session.h"
#include "store_internal.h"
#include "testutil.h"

#define EXAMPLES FSDECL_SOURCE_DIR "/data/examples/"
#define NAME "2025-10001234565"
#define RPPS2 "10001234573"
#define NAME2 "2025-10001234573"

static char base[] = "/tmp/fsdecl-test-rename-XXXXXX";
static int counter;
static char dir[160];

static session *fresh(void)
{
    snprintf(dir, sizeof dir, "%s/s%d", base, counter++);
    session_config cfg = {.rules_dir = FSDECL_SOURCE_DIR "/rules",
                          .data_dir = dir,
                          .has_today = true,
                          .today = {2025, 12, 20}};
    session *s = session_new(&cfg);
    assert_non_null(s);
    return s;
}

static bool there(const char *rel)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    struct stat st;
    return lstat(path, &st) == 0;
}

/* The example imported as NAME, saved twice (a backup), with one version finalised and an
 * autosave left; closed again. */
static void store_example(session *s)
{
    diag_list d;
    diag_init(&d);
    session_report r;
    session_doc *doc = session_import(s, EXAMPLES "gp-complete.cfg", &r, &d);
    assert_non_null(doc);
    int v;
    store_version info;
    assert_int_equal(session_transmit(doc, &v, &info, &r, &d), SESSION_OK);
    assert_int_equal(v, 1);
    assert_true(decl_set_identity(doc->decl, DECL_ID_FIRST_NAME, "Claude", &d));
    assert_true(session_save(doc, &d));
    assert_true(decl_set_identity(doc->decl, DECL_ID_FIRST_NAME, "Clara", &d));
    assert_true(store_autosave(session_store(s, &d), doc->decl, &d));
    session_close(doc);
    assert_int_equal(d.count, 0);
    diag_free(&d);
}

static void test_rename(void **state)
{
    (void)state;
    session *s = fresh();
    store_example(s);
    diag_list d;
    diag_init(&d);
    session_report r;
    char new_name[STORE_NAME_MAX];
    assert_int_equal(session_rename(s, NAME, RPPS2, new_name, &r, &d), SESSION_OK);
    assert_string_equal(new_name, NAME2);
    assert_int_equal(d.count, 0);
    /* the old name is gone whole, the new one is there whole */
    assert_false(store_name_taken(session_store(s, &d), NAME));
    assert_true(there("drafts/" NAME2 ".cfg") && there("drafts/" NAME2 ".cfg.bak") &&
                there("drafts/" NAME2 ".recovery") && there("history/" NAME2 "/v0001.cfg"));
    assert_false(there("drafts/" NAME ".moving") || there("drafts/." NAME ".move"));
    /* the version keeps its text (the old RPPS) and fingerprint */
    store_version *v;
    size_t n;
    assert_true(session_history(s, NAME2, &v, &n, &d));
    assert_int_equal(n, 1);
    assert_true(v[0].intact);
    free(v);
    char rpps[12];
    assert_true(session_version_rpps(s, NAME2, 1, rpps));
    assert_string_equal(rpps, "10001234565");
    /* the backup and the autosave were rewritten under the new RPPS too */
    assert_int_equal(session_restore(s, NAME2, &r, &d), SESSION_OK);
    session_doc *doc = session_open(s, NAME2, 0, &r, &d);
    assert_non_null(doc);
    assert_string_equal(doc->decl->identity.rpps, RPPS2);
    assert_string_equal(doc->decl->identity.first_name, "Claire"); /* the backup's text */
    session_close(doc);
    assert_int_equal(session_recover(s, NAME2, false, &r, &d), SESSION_OK);
    doc = session_open(s, NAME2, 0, &r, &d);
    assert_non_null(doc);
    assert_string_equal(doc->decl->identity.first_name, "Clara");
    /* the next version is made under the new number */
    int number;
    store_version info;
    assert_true(decl_set_commitments(doc->decl, true, true, NULL, &d));
    assert_true(session_save(doc, &d));
    assert_int_equal(session_transmit(doc, &number, &info, &r, &d), SESSION_OK);
    assert_int_equal(number, 2);
    session_close(doc);
    assert_true(session_version_rpps(s, NAME2, 2, rpps));
    assert_string_equal(rpps, RPPS2);
    assert_int_equal(d.count, 0);
    diag_free(&d);
    session_free(s);
}

/* Every refusal leaves both names as they were. */
static void test_refusals(void **state)
{
    (void)state;
    session *s = fresh();
    store_example(s);
    diag_list d;
    diag_init(&d);
    session_report r;
    char new_name[STORE_NAME_MAX];
    assert_int_equal(session_rename(s, NAME, "1000123457", new_name, &r, &d), SESSION_BAD_RPPS);
    assert_int_equal(session_rename(s, NAME, "1000123457a", new_name, &r, &d), SESSION_BAD_RPPS);
    assert_int_equal(session_rename(s, NAME, "10001234565", new_name, &r, &d), SESSION_BAD_RPPS);
    assert_int_equal(session_rename(s, "nom", RPPS2, new_name, &r, &d), SESSION_BAD_NAME);
    assert_int_equal(session_rename(s, "2025-10001234581", RPPS2, new_name, &r, &d),
                     SESSION_NOT_FOUND);
    /* open in another program (a writable document holds the lock) */
    session_doc *doc = session_open(s, NAME, 0, &r, &d);
    assert_non_null(doc);
    assert_false(doc->read_only);
    assert_int_equal(session_rename(s, NAME, RPPS2, new_name, &r, &d), SESSION_HELD);
    session_close(doc);
    /* a draft, or only versions, under the new name */
    assert_int_equal(session_rename(s, NAME, RPPS2, new_name, &r, &d), SESSION_OK);
    store_example(s); /* NAME again */
    assert_int_equal(session_rename(s, NAME, RPPS2, new_name, &r, &d), SESSION_EXISTS);
    assert_string_equal(r.name, NAME2);
    assert_true(r.renaming);
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/drafts/" NAME2 ".cfg", dir);
    assert_int_equal(unlink(path), 0);
    snprintf(path, sizeof path, "%s/drafts/" NAME2 ".cfg.bak", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/drafts/" NAME2 ".recovery", dir);
    unlink(path);
    assert_int_equal(session_rename(s, NAME, RPPS2, new_name, &r, &d), SESSION_EXISTS);
    /* nothing of NAME moved */
    assert_true(there("drafts/" NAME ".cfg") && there("drafts/" NAME ".cfg.bak") &&
                there("drafts/" NAME ".recovery") && there("history/" NAME "/v0001.cfg"));
    char *text = session_explain(&r);
    assert_non_null(strstr(text, "rien n'a été renommé"));
    free(text);
    diag_free(&d);
    session_free(s);
}

/* A closed campaign's draft can have its RPPS corrected: nothing is finalised by it. */
static void test_closed_campaign(void **state)
{
    (void)state;
    session *s = fresh();
    store_example(s);
    session_set_today(s, (date_t){2027, 1, 1});
    diag_list d;
    diag_init(&d);
    session_report r;
    char new_name[STORE_NAME_MAX];
    assert_int_equal(session_rename(s, NAME, RPPS2, new_name, &r, &d), SESSION_OK);
    diag_free(&d);
    session_free(s);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* What a kill leaves: a staging folder without its journal is no move (the old name stays whole,
 * and the next rename starts again); a journal is a decided move, finished by the next holder of
 * either name's lock before it reads anything. */
static void test_interrupted(void **state)
{
    (void)state;
    session *s = fresh();
    store_example(s);
    diag_list d;
    diag_init(&d);
    session_report r;
    char path[PATH_MAX], to[PATH_MAX];
    snprintf(path, sizeof path, "%s/drafts/." NAME ".move", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/drafts/." NAME ".move/" NAME2 ".cfg", dir);
    write_text(path, "half");
    session_doc *doc = session_open(s, NAME, 0, &r, &d);
    assert_non_null(doc);
    session_close(doc);
    char new_name[STORE_NAME_MAX];
    assert_int_equal(session_rename(s, NAME, RPPS2, new_name, &r, &d), SESSION_OK);
    assert_false(there("drafts/." NAME ".move"));
    /* the same move decided, and killed after its first step (the versions moved): the new
     * files back in the staging folder, the old draft there, the journal there */
    static const char *const EXTS[] = {".cfg.bak", ".recovery", ".cfg"};
    snprintf(path, sizeof path, "%s/drafts/." NAME ".move", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/drafts/" NAME2 "%s", dir, EXTS[i]);
        snprintf(to, sizeof to, "%s/drafts/." NAME ".move/" NAME2 "%s", dir, EXTS[i]);
        assert_int_equal(rename(path, to), 0);
    }
    snprintf(path, sizeof path, "%s/drafts/" NAME ".cfg", dir);
    write_text(path, "the old draft");
    snprintf(path, sizeof path, "%s/drafts/" NAME ".moving", dir);
    write_text(path, "fsdecl-move 1\nlock " NAME "\nlock " NAME2 "\n"
                     "mv history/" NAME " history/" NAME2 "\n"
                     "mv drafts/." NAME ".move/" NAME2 ".cfg.bak drafts/" NAME2 ".cfg.bak\n"
                     "mv drafts/." NAME ".move/" NAME2 ".recovery drafts/" NAME2 ".recovery\n"
                     "mv drafts/." NAME ".move/" NAME2 ".cfg drafts/" NAME2 ".cfg\n"
                     "rm drafts/" NAME ".cfg\nrm drafts/" NAME ".cfg.bak\n"
                     "rm drafts/" NAME ".recovery\nrmdir drafts/." NAME ".move\n");
    /* a program holding the old name's lock: the move waits, and the new name is refused */
    store_lock held;
    assert_true(store_lock_plain(session_store(s, &d), NAME, &held, &d));
    diag_list why;
    diag_init(&why);
    assert_null(session_open(s, NAME2, 0, &r, &why));
    assert_true(there("drafts/" NAME ".moving"));
    diag_free(&why);
    store_lock_release(&held);
    /* the next holder of the new name's lock finishes it before reading */
    doc = session_open(s, NAME2, 0, &r, &d);
    assert_non_null(doc);
    assert_string_equal(doc->decl->identity.rpps, RPPS2);
    session_close(doc);
    assert_false(store_name_taken(session_store(s, &d), NAME));
    assert_true(there("drafts/" NAME2 ".cfg.bak") && there("drafts/" NAME2 ".recovery") &&
                there("history/" NAME2 "/v0001.cfg"));
    diag_free(&d);
    session_free(s);
}

/* A wrong RPPS key: confirmed through the editing API, dropped when the number changes, written in
 * the draft only when set. */
static void test_rpps_confirmed_field(void **state)
{
    (void)state;
    diag_list d;
    diag_init(&d);
    decl_t *x = decl_load(EXAMPLES "gp-complete.cfg", &d);
    assert_non_null(x);
    size_t n;
    char *text = decl_write(x, "test", &n);
    assert_null(strstr(text, "rpps_confirmed"));
    free(text);
    uint64_t changes = x->changes;
    decl_set_rpps_confirmed(x, true);
    assert_true(x->rpps_confirmed);
    assert_true(x->changes > changes);
    text = decl_write(x, "test", &n);
    assert_non_null(strstr(text, "rpps_confirmed = true;"));
    decl_t *back = decl_parse(text, n, "test", &d);
    free(text);
    assert_non_null(back);
    assert_true(back->rpps_confirmed);
    /* another field, or the same number typed again, keeps it; another number drops it */
    assert_true(decl_set_identity(back, DECL_ID_LAST_NAME, "DURAND", &d));
    assert_true(decl_set_identity(back, DECL_ID_RPPS, "10001234565", &d));
    assert_true(back->rpps_confirmed);
    assert_true(decl_set_identity(back, DECL_ID_RPPS, "10001234566", &d));
    assert_false(back->rpps_confirmed);
    decl_set_rpps_confirmed(back, true);
    assert_true(decl_set_identity(back, DECL_ID_RPPS, NULL, &d));
    assert_false(back->rpps_confirmed);
    decl_free(back);
    decl_free(x);
    assert_int_equal(d.count, 0);
    diag_free(&d);
}

/* A version with a wrong RPPS key is refused until the number is confirmed; the refusal names both
 * ways out; a rename drops the confirmation, which confirmed another number. */
static void test_wrong_key_blocks_version(void **state)
{
    (void)state;
    session *s = fresh();
    store_example(s);
    diag_list d;
    diag_init(&d);
    session_report r;
    char new_name[STORE_NAME_MAX];
    assert_int_equal(session_rename(s, NAME, "10001234566", new_name, &r, &d), SESSION_OK);
    session_doc *doc = session_open(s, new_name, 0, &r, &d);
    assert_non_null(doc);
    assert_int_equal(session_recover(s, new_name, true, &r, &d), SESSION_HELD);
    session_close(doc);
    assert_int_equal(session_recover(s, new_name, true, &r, &d), SESSION_OK);
    doc = session_open(s, new_name, 0, &r, &d);
    assert_true(decl_set_commitments(doc->decl, true, true, NULL, &d));
    const eval_result *e = session_judge(doc);
    bool blocking = false;
    for (size_t i = 0; i < e->nmessages; i++)
        blocking |= e->messages[i].code == EVAL_MSG_IDENTITY_RPPS &&
                    e->messages[i].severity == EVAL_BLOCKING;
    assert_true(blocking);
    assert_false(e->transmittable);
    int v = 0;
    store_version info;
    assert_int_equal(session_transmit(doc, &v, &info, &r, &d), SESSION_RPPS_UNCONFIRMED);
    assert_int_equal(v, 0);
    char *text = session_explain(&r);
    assert_non_null(strstr(text, "fsdecl rename 2025-10001234566 --rpps"));
    assert_non_null(strstr(text, "--rpps-verified"));
    free(text);
    decl_set_rpps_confirmed(doc->decl, true);
    e = session_judge(doc);
    assert_true(e->transmittable);
    assert_int_equal(session_transmit(doc, &v, &info, &r, &d), SESSION_OK);
    assert_int_equal(v, 2);
    session_close(doc);
    /* renamed to another wrong key: the confirmation is not carried */
    char third[STORE_NAME_MAX];
    assert_int_equal(session_rename(s, new_name, "10001234574", third, &r, &d), SESSION_OK);
    doc = session_open(s, third, 0, &r, &d);
    assert_non_null(doc);
    assert_false(doc->decl->rpps_confirmed);
    assert_int_equal(session_transmit(doc, &v, &info, &r, &d), SESSION_RPPS_UNCONFIRMED);
    session_close(doc);
    diag_free(&d);
    session_free(s);
}

/* Deleting moves the draft and all it has into the trash, which lists it; putting it back
 * restores every file; each refusal changes nothing; emptying removes the entries for good. */
static void test_trash(void **state)
{
    (void)state;
    session *s = fresh();
    store_example(s);
    diag_list d;
    diag_init(&d);
    session_report r;
    char id[STORE_TRASH_ID_MAX], name[STORE_NAME_MAX];
    assert_int_equal(session_delete(s, "nom", id, &r, &d), SESSION_BAD_NAME);
    assert_int_equal(session_delete(s, "2025-10001234581", id, &r, &d), SESSION_NOT_FOUND);
    session_doc *doc = session_open(s, NAME, 0, &r, &d);
    assert_non_null(doc);
    assert_int_equal(session_delete(s, NAME, id, &r, &d), SESSION_HELD);
    session_close(doc);
    assert_true(there("drafts/" NAME ".cfg"));
    assert_int_equal(session_delete(s, NAME, id, &r, &d), SESSION_OK);
    assert_true(store_trash_id_valid(id));
    assert_false(store_name_taken(session_store(s, &d), NAME));
    char rel[96];
    snprintf(rel, sizeof rel, "trash/%s/history/v0001.sha256", id);
    assert_true(there(rel));
    session_trash_entry *v;
    size_t n;
    assert_true(session_trash(s, &v, &n, &d));
    assert_int_equal(n, 1);
    assert_string_equal(v[0].item.id, id);
    assert_string_equal(v[0].item.name, NAME);
    assert_string_equal(v[0].who, "MARTIN Claude"); /* the saved draft */
    assert_int_equal(v[0].item.versions, 1);
    assert_int_equal(strlen(v[0].item.deleted), 19);
    free(v);
    /* refused: no such entry, the name taken again, the name open elsewhere */
    assert_int_equal(session_undelete(s, "20990101-000000-2025-10001234565", name, &r, &d),
                     SESSION_NOT_FOUND);
    char *text = session_explain(&r);
    assert_non_null(strstr(text, "20990101-000000-2025-10001234565"));
    free(text);
    store_example(s);
    assert_int_equal(session_undelete(s, id, name, &r, &d), SESSION_EXISTS);
    char second[STORE_TRASH_ID_MAX];
    assert_int_equal(session_delete(s, NAME, second, &r, &d), SESSION_OK);
    assert_string_not_equal(second, id); /* deleted twice in a second: another ID */
    store_lock held;
    assert_true(store_lock_plain(session_store(s, &d), NAME, &held, &d));
    assert_int_equal(session_undelete(s, id, name, &r, &d), SESSION_HELD);
    store_lock_release(&held);
    /* put back whole; a file someone left in the entry stays in its hidden folder */
    char extra[PATH_MAX];
    snprintf(extra, sizeof extra, "%s/trash/%s/note.txt", dir, id);
    write_text(extra, "note");
    assert_int_equal(session_undelete(s, id, name, &r, &d), SESSION_OK);
    assert_false(there("drafts/" NAME ".moving"));
    assert_string_equal(name, NAME);
    assert_true(there("drafts/" NAME ".cfg") && there("drafts/" NAME ".cfg.bak") &&
                there("drafts/" NAME ".recovery") && there("history/" NAME "/v0001.cfg"));
    snprintf(rel, sizeof rel, "trash/%s", id);
    assert_false(there(rel));
    store_version *h;
    assert_true(session_history(s, NAME, &h, &n, &d));
    assert_int_equal(n, 1);
    assert_true(h[0].intact);
    free(h);
    /* emptied: the other entry goes for good */
    size_t removed;
    assert_int_equal(session_trash_empty(s, &removed, &r, &d), SESSION_OK);
    assert_int_equal(removed, 1);
    assert_true(session_trash(s, &v, &n, &d));
    assert_int_equal(n, 0);
    free(v);
    assert_true(there("drafts/" NAME ".cfg"));
    assert_int_equal(d.count, 0);
    diag_free(&d);
    session_free(s);
}

int main(void)
{
    char *made = mkdtemp(base);
    if (!made)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rename),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_closed_campaign),
        cmocka_unit_test(test_interrupted),
        cmocka_unit_test(test_rpps_confirmed_field),
        cmocka_unit_test(test_wrong_key_blocks_version),
        cmocka_unit_test(test_trash),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
    if (system(cmd) != 0)
        rc = 1;
    return rc;
}
