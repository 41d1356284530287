/* The session: campaigns loaded once, creating, opening with the lock, judging, saving,
 * autosaving, transmitting, recovering and restoring, each refusal a typed outcome. */
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
#include "testutil.h"

#define EXAMPLES FSDECL_SOURCE_DIR "/data/examples/"
#define NAME "2025-10001234565"

static char base[] = "/tmp/fsdecl-test-session-XXXXXX";
static int counter;

/* A session on a fresh store, judging at 20/12/2025, the rules of the sources. */
static session *fresh(void)
{
    static char dir[128];
    snprintf(dir, sizeof dir, "%s/s%d", base, counter++);
    session_config cfg = {.rules_dir = FSDECL_SOURCE_DIR "/rules",
                          .data_dir = dir,
                          .has_today = true,
                          .today = {2025, 12, 20}};
    session *s = session_new(&cfg);
    assert_non_null(s);
    return s;
}

static session_doc *import_example(session *s, const char *file)
{
    session_report r;
    diag_list d;
    diag_init(&d);
    session_doc *doc = session_import(s, file, &r, &d);
    assert_non_null(doc);
    assert_int_equal(r.outcome, SESSION_OK);
    assert_true(session_save(doc, &d));
    diag_free(&d);
    return doc;
}

/* A campaign's window in words, and where it stands: the day it closes still open, the day after
 * closed; the campaigns of the rules folder listed oldest first. */
static void test_campaign_words(void **state)
{
    (void)state;
    session *s = fresh();
    const rules_campaign *c = session_campaign(s, 2025, NULL);
    assert_non_null(c);
    char buf[256];
    assert_int_equal(session_campaign_words(c, (date_t){2025, 12, 20}, buf, sizeof buf),
                     SESSION_CAMPAIGN_OPEN);
    assert_string_equal(buf, "saisie ouverte jusqu'au 08/02/2026 à minuit, encore 51 jours");
    assert_int_equal(session_campaign_words(c, (date_t){2026, 2, 8}, buf, sizeof buf),
                     SESSION_CAMPAIGN_OPEN);
    assert_string_equal(buf, "saisie ouverte jusqu'au 08/02/2026 à minuit, encore 1 jour");
    assert_int_equal(session_campaign_words(c, (date_t){2026, 2, 9}, buf, sizeof buf),
                     SESSION_CAMPAIGN_CLOSED);
    assert_string_equal(buf, "saisie close depuis le 08/02/2026");
    assert_int_equal(session_campaign_words(c, (date_t){2025, 1, 1}, buf, sizeof buf),
                     SESSION_CAMPAIGN_NOT_OPEN);
    assert_true(strncmp(buf, "la saisie ouvre ", 16) == 0);
    int years[8];
    size_t n = session_campaign_years(s, years, 8);
    assert_true(n >= 4);
    for (size_t i = 1; i < n; i++)
        assert_true(years[i - 1] < years[i]);
    session_free(s);
}

static void test_campaign_loaded_once(void **state)
{
    (void)state;
    session *s = fresh();
    diag_list d;
    diag_init(&d);
    const rules_campaign *a = session_campaign(s, 2025, &d), *b = session_campaign(s, 2025, &d);
    assert_non_null(a);
    assert_ptr_equal(a, b);
    assert_int_equal(session_current_year(s), 2025);
    session_set_today(s, (date_t){2024, 1, 15});
    assert_int_equal(session_current_year(s), 2023); /* 2023's window is open */
    session_set_today(s, (date_t){2024, 2, 20});
    assert_int_equal(session_current_year(s), 2024); /* closed; 2024 opens later */
    session_set_today(s, (date_t){2026, 2, 8});
    assert_int_equal(session_current_year(s), 2025); /* its last day */
    session_set_today(s, (date_t){2026, 3, 1});
    assert_int_equal(session_current_year(s), 2026); /* 2025 closed on 08/02/2026 */
    session_set_today(s, (date_t){2026, 11, 24});
    assert_int_equal(session_current_year(s), 2026); /* 2025 computed by now; 2026 opens next */
    session_set_today(s, (date_t){2023, 6, 1});
    assert_int_equal(session_current_year(s), 2023); /* opens in December */
    session_set_today(s, (date_t){2022, 5, 1});
    assert_int_equal(session_current_year(s), 2023); /* none of 2022 or before: the nearest later */
    session_set_today(s, (date_t){2027, 8, 1});
    assert_int_equal(session_current_year(s), 2026); /* all closed: the latest */
    assert_null(session_campaign(s, 1999, &d));
    assert_true(d.count > 0);
    size_t before = d.count;
    assert_null(session_campaign(s, 1999, &d)); /* the reasons are given again */
    assert_int_equal(d.count, 2 * before);
    diag_free(&d);
    session_free(s);
}

/* A front end's state for a document goes with it, once. */
static void count_free(void *front)
{
    ++*(int *)front;
}

static void test_close_frees_front(void **state)
{
    (void)state;
    session *s = fresh();
    diag_list d;
    diag_init(&d);
    carry_report rep;
    session_report r;
    session_doc *doc = session_create(s, 2025, "10001234565", true, &rep, &r, &d);
    assert_non_null(doc);
    assert_null(doc->front);
    int freed = 0;
    doc->front = &freed;
    doc->front_free = count_free;
    session_close(doc);
    assert_int_equal(freed, 1);
    diag_free(&d);
    session_free(s);
}

static void test_create_refusals(void **state)
{
    (void)state;
    session *s = fresh();
    diag_list d;
    diag_init(&d);
    carry_report rep;
    session_report r;
    assert_false(session_draft_exists(s, 2025, "10001234565"));
    session_doc *doc = session_create(s, 2025, "10001234565", true, &rep, &r, &d);
    assert_non_null(doc);
    assert_true(session_draft_exists(s, 2025, "10001234565"));
    assert_false(session_draft_exists(s, 2024, "10001234565"));
    assert_false(session_draft_exists(s, 2025, "1000123456")); /* not a name */
    assert_int_equal(r.outcome, SESSION_OK);
    assert_string_equal(doc->decl->identity.rpps, "10001234565");
    assert_false(session_unsaved(doc));
    session_close(doc);
    assert_null(session_create(s, 2025, "10001234565", true, &rep, &r, &d));
    assert_int_equal(r.outcome, SESSION_EXISTS);
    assert_null(session_create(s, 2025, "1000123456", true, &rep, &r, &d));
    assert_int_equal(r.outcome, SESSION_BAD_NAME);
    assert_null(session_create(s, 1999, "10001234565", true, &rep, &r, &d));
    assert_int_equal(r.outcome, SESSION_BAD_NAME);
    assert_null(session_create(s, 2099, "10001234565", true, &rep, &r, &d));
    assert_int_equal(r.outcome, SESSION_NO_RULES);
    session_set_today(s, (date_t){2024, 2, 5});
    assert_null(session_create(s, 2023, "10001234565", true, &rep, &r, &d));
    assert_int_equal(r.outcome, SESSION_WINDOW_CLOSED);
    char *why = session_explain(&r);
    assert_non_null(strstr(why, "close depuis le 04/02/2024 à minuit"));
    free(why);
    diag_free(&d);
    session_free(s);
}

/* Last year's declaration is carried over, with what to check. */
static void test_create_carried_over(void **state)
{
    (void)state;
    session *s = fresh();
    diag_list d;
    diag_init(&d);
    session_doc *prev = import_example(s, EXAMPLES "gp-complete.cfg");
    assert_true(decl_set_campaign(prev->decl, 2024, &d));
    assert_true(decl_set_identity(prev->decl, DECL_ID_RPPS, "10001234573", &d));
    const store_t *st = session_store(s, &d);
    assert_true(store_save(st, prev->decl, &d));
    session_close(prev);
    carry_report rep;
    session_report r;
    session_doc *doc = session_create(s, 2025, "10001234573", false, &rep, &r, &d);
    assert_non_null(doc);
    assert_true(rep.ncarried > 5);
    assert_true(rep.ncheck > 5);
    assert_string_equal(doc->decl->identity.last_name, "MARTIN");
    assert_false(doc->decl->attestation.accuracy);
    carry_report_free(&rep);
    session_close(doc);
    diag_free(&d);
    session_free(s);
}

/* 2025 -> 2026: a specialty exempt from the LAP until 2025 is told it no longer is. */
static void test_carry_into_donum(void **state)
{
    (void)state;
    session *s = fresh(); /* the 2025 declaration made while its campaign was open */
    diag_list d;
    diag_init(&d);
    session_close(import_example(s, EXAMPLES "specialist-exempt.cfg"));
    session_set_today(s, (date_t){2026, 11, 24});
    carry_report rep;
    session_report r;
    session_doc *doc = session_create(s, 2026, "10002876547", false, &rep, &r, &d);
    assert_non_null(doc);
    assert_int_equal(doc->decl->campaign, 2026);
    bool told = false;
    for (size_t i = 0; i < rep.ncheck; i++)
        told |= strstr(rep.check[i], "elle ne l'est plus pour la campagne 2026") != NULL;
    assert_true(told);
    /* the answers 2026 no longer asks for: one line, by the names of 2025, no id */
    size_t dropped = 0;
    for (size_t i = 0; i < rep.ncheck; i++) {
        assert_null(strstr(rep.check[i], "v2_ts_dcmt"));
        if (strstr(rep.check[i], "plus demandées en 2026")) {
            dropped++;
            assert_non_null(
                strstr(rep.check[i], "Déclarations de médecin traitant dématérialisées"));
        }
    }
    assert_int_equal(dropped, 1);
    const eval_result *e = session_judge(doc);
    assert_true(eval_has_message(e, EVAL_MSG_LAP_DETAILS, "v1_software"));
    carry_report_free(&rep);
    session_close(doc);
    diag_free(&d);
    session_free(s);
}

/* A second opening of the same draft is read-only and names its holder; editing, judging again
 * only after a change, saving. */
static void test_open_edit_save(void **state)
{
    (void)state;
    session *s = fresh();
    diag_list d;
    diag_init(&d);
    session_close(import_example(s, EXAMPLES "gp-complete.cfg"));
    session_report r, r2;
    session_doc *doc = session_open(s, NAME, 0, &r, &d);
    assert_non_null(doc);
    assert_false(doc->read_only);
    session_doc *other = session_open(s, NAME, 0, &r2, &d);
    assert_non_null(other);
    assert_true(other->read_only);
    assert_int_equal(r2.outcome, SESSION_HELD);
    assert_int_equal(r2.holder.pid, (long)getpid());
    assert_false(session_save(other, &d));
    session_close(other);

    const eval_result *e1 = session_judge(doc);
    assert_ptr_equal(session_judge(doc), e1);
    assert_int_equal(e1->min_cents, 780500);
    decl_answer *coding = decl_answer_get(doc->decl, "v2_coding", &d);
    decl_set_value(doc->decl, coding, DECL_NO);
    assert_true(session_unsaved(doc));
    const eval_result *e2 = session_judge(doc);
    assert_int_equal(e2->min_cents, 780500 - 35000);
    assert_true(session_save(doc, &d));
    assert_false(session_unsaved(doc));
    session_close(doc);
    doc = session_open(s, NAME, SESSION_OPEN_READ_ONLY, &r, &d);
    assert_true(doc->read_only);
    assert_int_equal(r.outcome, SESSION_READ_ONLY);
    assert_int_equal(decl_find_answer(doc->decl, "v2_coding")->value, DECL_NO);
    session_close(doc);
    assert_null(session_open(s, "../etc/passwd", 0, &r, &d));
    assert_int_equal(r.outcome, SESSION_BAD_NAME);
    diag_free(&d);
    session_free(s);
}

static void test_transmit(void **state)
{
    (void)state;
    session *s = fresh();
    diag_list d;
    diag_init(&d);
    session_doc *doc = import_example(s, EXAMPLES "gp-complete.cfg");
    int v;
    store_version info;
    session_report r;
    assert_true(decl_set_commitments(doc->decl, true, false, NULL, &d));
    assert_int_equal(session_transmit(doc, &v, &info, &r, &d), SESSION_COMMITMENTS_MISSING);
    assert_int_equal(v, 0);
    assert_true(decl_set_commitments(doc->decl, true, true, NULL, &d));
    assert_true(session_save(doc, &d));
    /* typing not given yet: unsaved work (saved with the draft), and no transmission */
    decl_typing t = {"identity:2", "1000"};
    assert_true(decl_set_typing(doc->decl, &t, 1, &d));
    assert_true(session_unsaved(doc));
    assert_true(decl_set_typing(doc->decl, NULL, 0, &d));
    assert_false(session_unsaved(doc)); /* back to none, as saved */
    assert_true(decl_set_typing(doc->decl, &t, 1, &d));
    assert_true(session_unsaved(doc));
    assert_true(session_save(doc, &d));
    decl_typing two[] = {{"identity:0", "A"}, {"identity:2", "1000"}};
    assert_true(decl_set_typing(doc->decl, two, 2, &d));
    assert_true(session_unsaved(doc));
    assert_true(decl_set_typing(doc->decl, &t, 1, &d));
    assert_false(session_unsaved(doc)); /* back to what was saved */
    decl_typing other = {"identity:2", "1001"};
    assert_true(decl_set_typing(doc->decl, &other, 1, &d));
    assert_true(session_unsaved(doc));
    assert_int_equal(session_transmit(doc, &v, &info, &r, &d), SESSION_TYPING_PENDING);
    assert_int_equal(v, 0);
    char *why = session_explain(&r);
    assert_string_equal(why, "des saisies faites dans l'assistant ne sont pas validées : "
                             "corrigez-les ou effacez-les (Échap dans leur champ, fsdecl edit "
                             "2025-10001234565) avant de finaliser une version");
    free(why);
    assert_true(session_save(doc, &d));
    assert_false(session_unsaved(doc));
    session_close(doc);
    doc = session_open(s, NAME, 0, &r, &d);
    assert_non_null(doc);
    assert_int_equal(doc->decl->ntyping, 1);
    assert_string_equal(doc->decl->typing[0].text, "1001");
    assert_false(session_unsaved(doc));
    assert_true(decl_set_typing(doc->decl, NULL, 0, &d));
    assert_int_equal(session_transmit(doc, &v, &info, &r, &d), SESSION_OK);
    assert_int_equal(v, 1);
    assert_false(session_unsaved(doc)); /* saved before it was transmitted */
    assert_int_equal(strlen(info.sha256), 64);
    assert_int_equal(session_transmit(doc, &v, &info, &r, &d), SESSION_OK);
    assert_int_equal(v, 2);
    store_version *h;
    size_t nh;
    assert_true(session_history(s, NAME, &h, &nh, &d));
    assert_int_equal(nh, 2);
    assert_true(h[0].intact && h[1].intact);
    free(h);
    session_close(doc);
    diag_free(&d);
    session_free(s);
}

/* The PDF of a draft still the text of its last version is that version's, named after it; once
 * changed, the draft's own: no PDF is ever written over another version's. */
static void test_pdf_per_version(void **state)
{
    (void)state;
    session *s = fresh();
    diag_list d;
    diag_init(&d);
    char home[160], path[512], v1[512];
    snprintf(home, sizeof home, "%s/home%d", base, counter);
    assert_int_equal(mkdir(home, 0700), 0);
    setenv("HOME", home, 1);
    session_doc *doc = import_example(s, EXAMPLES "gp-complete.cfg");
    assert_true(session_write_pdf(doc, RECAP_PDF_RECAP, path, sizeof path, &d));
    assert_non_null(strstr(path, "/recapitulatif-" NAME "-brouillon.pdf"));
    int v;
    store_version info;
    session_report r;
    assert_int_equal(session_transmit(doc, &v, &info, &r, &d), SESSION_OK);
    assert_true(session_write_pdf(doc, RECAP_PDF_RECAP, v1, sizeof v1, &d));
    assert_non_null(strstr(v1, "/recapitulatif-" NAME "-v1.pdf"));
    struct stat before, after;
    assert_int_equal(stat(v1, &before), 0);
    assert_true(decl_set_identity(doc->decl, DECL_ID_LAST_NAME, "MARTINEZ", &d));
    assert_true(session_write_pdf(doc, RECAP_PDF_FORM, path, sizeof path, &d));
    assert_non_null(strstr(path, "/formulaire-" NAME "-brouillon.pdf"));
    assert_true(session_write_pdf(doc, RECAP_PDF_RECAP, path, sizeof path, &d));
    assert_non_null(strstr(path, "/recapitulatif-" NAME "-brouillon.pdf"));
    assert_int_equal(stat(v1, &after), 0);
    assert_true(before.st_ino == after.st_ino && before.st_mtime == after.st_mtime);
    session_close(doc);
    diag_free(&d);
    session_free(s);
}

/* What the home screen says of draft NAME. */
static void home_words(session *s, char *buf, size_t size)
{
    session_summary *v;
    size_t n;
    diag_list d;
    diag_init(&d);
    assert_true(session_list(s, &v, &n, &d));
    assert_int_equal(n, 1);
    session_state_words(&v[0], buf, size);
    free(v);
    diag_free(&d);
}

/* The open declaration's « à reporter sur Amelipro » sheet: its text is the core's, its PDF is
 * written beside the recap's under the same rule (the draft's, then the version's); and its state
 * says a record that a version was declared, as the home screen says it, until it is undone. */
static void test_sheet_and_state_of_doc(void **state)
{
    (void)state;
    session *s = fresh();
    diag_list d;
    diag_init(&d);
    char home[160], path[512], words[160], listed[160];
    snprintf(home, sizeof home, "%s/home%d", base, counter);
    assert_int_equal(mkdir(home, 0700), 0);
    setenv("HOME", home, 1);
    session_doc *doc = import_example(s, EXAMPLES "gp-complete.cfg");
    char *text = session_sheet_text(doc, &d);
    assert_non_null(text);
    assert_non_null(strstr(text, "À reporter sur Amelipro — Forfait structure 2025"));
    assert_non_null(strstr(text, "Brouillon : aucune version finalisée"));
    free(text);
    assert_true(session_write_sheet_pdf(doc, path, sizeof path, &d));
    assert_non_null(strstr(path, "/a-reporter-sur-amelipro-" NAME "-brouillon.pdf"));
    char *pdf = test_slurp(path, NULL);
    assert_memory_equal(pdf, "%PDF-", 5);
    free(pdf);
    bool declared = true;
    store_declared last;
    session_doc_state_words(doc, &declared, &last, words, sizeof words);
    assert_false(declared);
    home_words(s, listed, sizeof listed);
    assert_string_equal(words, listed);
    int v;
    store_version info;
    session_report r;
    assert_int_equal(session_transmit(doc, &v, &info, &r, &d), SESSION_OK);
    assert_true(session_write_sheet_pdf(doc, path, sizeof path, &d));
    assert_non_null(strstr(path, "/a-reporter-sur-amelipro-" NAME "-v1.pdf"));
    store_declared rec;
    diag_list warnings;
    diag_init(&warnings);
    date_t on = session_today(s);
    assert_int_equal(session_record_declared(doc, STORE_ROUTE_PAPER, &on, &rec, &warnings, &r, &d),
                     SESSION_OK);
    session_doc_state_words(doc, &declared, &last, words, sizeof words);
    assert_true(declared);
    assert_int_equal(last.version, 1);
    assert_non_null(strstr(words, "v1 formulaire envoyé à la caisse le "));
    home_words(s, listed, sizeof listed);
    assert_string_equal(words, listed);
    assert_true(decl_set_identity(doc->decl, DECL_ID_LAST_NAME, "MARTINEZ", &d));
    session_doc_state_words(doc, &declared, NULL, words, sizeof words); /* changed, not saved */
    assert_string_equal(words, "v1 déclarée, brouillon modifié depuis");
    text = session_sheet_text(doc, &d);
    assert_non_null(text);
    assert_non_null(strstr(text, "MARTINEZ"));
    free(text);
    assert_int_equal(session_undo_declared(doc, &rec, &r, &d), SESSION_OK);
    session_doc_state_words(doc, &declared, NULL, words, sizeof words);
    assert_false(declared);
    assert_null(strstr(words, "déclarée"));
    diag_free(&warnings);
    session_close(doc);
    diag_free(&d);
    session_free(s);
}

/* A draft changed since its version names what changed: an identity field and an indicator's
 * answer, nothing else; unchanged again, nothing is named. */
static void test_changes_named(void **state)
{
    (void)state;
    session *s = fresh();
    diag_list d;
    diag_init(&d);
    session_doc *doc = import_example(s, EXAMPLES "gp-complete.cfg");
    int v;
    store_version info;
    session_report r;
    assert_int_equal(session_transmit(doc, &v, &info, &r, &d), SESSION_OK);
    recap_origin o;
    assert_true(session_doc_origin(doc, &o, &d));
    assert_true(o.unchanged);
    assert_int_equal(o.changes.count, 0);
    assert_true(decl_set_identity(doc->decl, DECL_ID_LAST_NAME, "MARTINEZ", &d));
    decl_answer *a = decl_answer_get(doc->decl, "v2_eprescription", &d);
    assert_non_null(a);
    assert_true(decl_set_ratio(doc->decl, a, true, 1000, 5000, &d));
    assert_true(session_save(doc, &d));
    assert_true(session_doc_origin(doc, &o, &d));
    assert_false(o.unchanged);
    assert_int_equal(o.changes.count, 2);
    assert_string_equal(o.changes.names[0], "Nom");
    assert_string_equal(o.changes.names[1], "Ordonnances numériques");
    char words[256];
    recap_changes_words(&o.changes, words, sizeof words);
    assert_string_equal(words, "Changé depuis cette version : Nom ; Ordonnances numériques");
    session_close(doc);
    diag_free(&d);
    session_free(s);
}

/* What transmit publishes is what it judged: the saved draft's bytes read under the lock. A draft
 * rewritten on disk after it was judged (by a program that did not wait for the lock: here, by
 * hand) is not published; before, its new bytes were, commitments unticked. */
static void test_transmit_publishes_what_it_judged(void **state)
{
    (void)state;
    session *s = fresh();
    diag_list d;
    diag_init(&d);
    session_doc *doc = import_example(s, EXAMPLES "gp-complete.cfg");
    session_report r;
    assert_int_equal(session_transmit_check(doc, &r), SESSION_OK); /* judged transmissible */
    char *text = test_slurp(EXAMPLES "gp-complete.cfg", NULL);
    char *at = strstr(text, "accuracy = true");
    assert_non_null(at);
    memcpy(at, "accuracy=false ", strlen("accuracy = true"));
    char path[PATH_MAX];
    store_draft_path(session_store(s, &d), NAME, path, sizeof path);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    free(text);
    int v = 0;
    store_version info;
    assert_int_not_equal(session_transmit(doc, &v, &info, &r, &d), SESSION_OK);
    assert_int_equal(v, 0);
    assert_non_null(strstr(d.items[d.count - 1].message, "réécrit par un autre programme"));
    store_version *h;
    size_t nh;
    assert_true(session_history(s, NAME, &h, &nh, &d));
    assert_int_equal(nh, 0);
    free(h);
    session_close(doc);
    diag_free(&d);
    session_free(s);
}

/* A draft of a campaign whose rules cannot be read opens (the command line can still say so), and
 * session_need_rules says why the wizard must not show it. */
static void test_need_rules(void **state)
{
    (void)state;
    session *s = fresh();
    diag_list d;
    diag_init(&d);
    const store_t *st = session_store(s, &d);
    assert_non_null(st);
    char *text = test_slurp(EXAMPLES "gp-complete.cfg", NULL);
    char *at = strstr(text, "campaign = 2025;");
    assert_non_null(at);
    memcpy(at, "campaign = 2031;", strlen("campaign = 2031;"));
    char path[PATH_MAX];
    store_draft_path(st, "2031-10001234565", path, sizeof path);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    free(text);
    session_report r;
    session_doc *doc = session_open(s, "2031-10001234565", 0, &r, &d);
    assert_non_null(doc);
    assert_null(doc->rules);
    assert_int_equal(session_need_rules(doc, &r, &d), SESSION_NO_RULES);
    assert_true(d.count > 0);
    assert_non_null(strstr(d.items[d.count - 1].file, "2031.cfg"));
    char *why = session_explain(&r);
    assert_string_equal(why, "les règles de la campagne 2031 ne peuvent pas être lues");
    free(why);
    session_close(doc);
    doc = import_example(s, EXAMPLES "gp-complete.cfg");
    assert_int_equal(session_need_rules(doc, &r, &d), SESSION_OK);
    session_close(doc);
    diag_free(&d);
    session_free(s);
}

/* A file for campaign 2023, made from the 2025 example. */
static const char *example_2023(void)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/gp-2023.cfg", base);
    diag_list d;
    diag_init(&d);
    decl_t *x = decl_load(EXAMPLES "gp-complete.cfg", &d);
    assert_non_null(x);
    assert_true(decl_set_campaign(x, 2023, &d));
    size_t n;
    char *text = decl_write(x, "test", &n);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, n, f), n);
    fclose(f);
    free(text);
    decl_free(x);
    diag_free(&d);
    return path;
}

/* A closed campaign opens read-only and says why; a transmission is refused. */
static void test_closed_campaign(void **state)
{
    (void)state;
    session *s = fresh();
    session_set_today(s, (date_t){2024, 2, 5});
    diag_list d;
    diag_init(&d);
    session_report r;
    session_doc *doc = session_import(s, example_2023(), &r, &d);
    assert_non_null(doc);
    assert_true(doc->read_only);
    assert_int_equal(r.outcome, SESSION_WINDOW_CLOSED);
    int v;
    store_version info;
    assert_int_equal(session_transmit(doc, &v, &info, &r, &d), SESSION_WINDOW_CLOSED);
    assert_false(session_save(doc, &d));
    session_close(doc);
    session_set_today(s, (date_t){2024, 2, 4}); /* the last day, until midnight */
    doc = session_import(s, example_2023(), &r, &d);
    assert_false(doc->read_only);
    assert_int_equal(session_transmit(doc, &v, &info, &r, &d), SESSION_OK);
    session_close(doc);
    diag_free(&d);
    session_free(s);
}

/* Work left in a recovery file is never lost: a transmission and a save are refused until it is
 * recovered (or discarded); opening from it brings it back. The autosaver writes it after the
 * delay, not before. */
static void test_recovery(void **state)
{
    (void)state;
    session *s = fresh();
    diag_list d;
    diag_init(&d);
    session_doc *doc = import_example(s, EXAMPLES "gp-complete.cfg");
    assert_true(decl_set_identity(doc->decl, DECL_ID_LAST_NAME, "AUTOSAUVÉ", &d));
    session_changed(doc, 1000);
    bool failed;
    assert_false(session_tick(doc, 2500, &failed, &d));
    assert_true(session_tick(doc, 3000, &failed, &d));
    assert_false(failed);
    assert_false(session_tick(doc, 9000, &failed, &d)); /* nothing new */
    session_close(doc); /* as if killed: the change was never saved */

    session_report r;
    doc = session_open(s, NAME, 0, &r, &d);
    assert_true(doc->recovery.exists && doc->recovery.newer_than_draft);
    assert_string_equal(doc->decl->identity.last_name, "MARTIN");
    int v;
    store_version info;
    assert_int_equal(session_transmit(doc, &v, &info, &r, &d), SESSION_RECOVERY_PENDING);
    assert_false(session_save(doc, &d));
    assert_non_null(strstr(d.items[d.count - 1].message, "du travail non enregistré attend"));
    session_close(doc);

    doc = session_open(s, NAME, SESSION_OPEN_RECOVERY, &r, &d);
    assert_string_equal(doc->decl->identity.last_name, "AUTOSAUVÉ");
    assert_true(session_unsaved(doc));
    assert_true(session_save(doc, &d));
    session_close(doc);
    assert_int_equal(session_recover(s, NAME, false, &r, &d), SESSION_NOTHING_TO_RECOVER);
    diag_free(&d);
    session_free(s);
}

static void test_restore_recover_by_name(void **state)
{
    (void)state;
    session *s = fresh();
    diag_list d;
    diag_init(&d);
    session_doc *doc = import_example(s, EXAMPLES "gp-complete.cfg");
    assert_true(decl_set_identity(doc->decl, DECL_ID_LAST_NAME, "SECOND", &d));
    assert_true(session_save(doc, &d));
    session_report r;
    assert_int_equal(session_restore(s, NAME, &r, &d), SESSION_HELD);
    assert_true(store_autosave(session_store(s, &d), doc->decl, &d));
    assert_int_equal(session_recover(s, NAME, false, &r, &d), SESSION_HELD);
    session_close(doc);
    assert_int_equal(session_restore(s, NAME, &r, &d), SESSION_OK);
    doc = session_open(s, NAME, SESSION_OPEN_READ_ONLY, &r, &d);
    assert_string_equal(doc->decl->identity.last_name, "MARTIN");
    session_close(doc);
    assert_int_equal(session_recover(s, NAME, true, &r, &d), SESSION_OK);
    assert_int_equal(session_recover(s, NAME, true, &r, &d), SESSION_NOTHING_TO_RECOVER);
    assert_int_equal(session_restore(s, "nom", &r, &d), SESSION_BAD_NAME);
    diag_free(&d);
    session_free(s);
}

static void test_list(void **state)
{
    (void)state;
    session *s = fresh();
    diag_list d;
    diag_init(&d);
    session_close(import_example(s, EXAMPLES "gp-complete.cfg"));
    session_close(import_example(s, EXAMPLES "partial.cfg"));
    session_summary *v;
    size_t nv;
    assert_true(session_list(s, &v, &nv, &d));
    assert_int_equal(nv, 2);
    assert_string_equal(v[0].entry.name, NAME);
    assert_string_equal(v[0].who, "MARTIN Claire");
    assert_int_equal(v[0].state, SESSION_DRAFT_JUDGED);
    assert_int_equal(v[0].nblocking, 0);
    assert_int_equal(v[0].min_cents, 780500);
    assert_true(v[1].nblocking > 0);
    assert_true(v[1].min_tenths < v[1].max_tenths);
    assert_false(v[0].changed || v[1].changed); /* no version: nothing to differ from */
    free(v);
    /* finalised, then changed: said from the saved bytes against the version's fingerprint */
    session_report r;
    session_doc *doc = session_open(s, NAME, 0, &r, &d);
    assert_non_null(doc);
    int version;
    store_version info;
    assert_int_equal(session_transmit(doc, &version, &info, &r, &d), SESSION_OK);
    assert_true(session_list(s, &v, &nv, &d));
    assert_int_equal(v[0].entry.versions, 1);
    assert_false(v[0].changed);
    free(v);
    assert_true(decl_set_identity(doc->decl, DECL_ID_LAST_NAME, "MARTINEZ", &d));
    assert_true(session_list(s, &v, &nv, &d));
    assert_false(v[0].changed); /* not saved: the draft is still version 1 */
    free(v);
    assert_true(session_save(doc, &d));
    assert_true(session_list(s, &v, &nv, &d));
    assert_true(v[0].changed);
    assert_false(v[1].changed);
    free(v);
    session_close(doc);
    diag_free(&d);
    session_free(s);
}

/* The commitments certify one version: the first change after it (answers, identity, proofs)
 * unticks them, so that the next version is attested again; ticking them, or saving, does not. */
static void test_commitments_for_next_version(void **state)
{
    (void)state;
    session *s = fresh();
    diag_list d;
    diag_init(&d);
    session_doc *doc = import_example(s, EXAMPLES "gp-complete.cfg");
    assert_int_equal(doc->decl->certified, 0); /* no version yet: nothing certified */
    assert_true(decl_set_identity(doc->decl, DECL_ID_FIRST_NAME, "Claire", &d));
    assert_true(doc->decl->attestation.accuracy && doc->decl->attestation.keep_proofs);
    int v;
    store_version info;
    session_report r;
    assert_int_equal(session_transmit(doc, &v, &info, &r, &d), SESSION_OK);
    assert_int_equal(v, 1);
    assert_int_equal(doc->decl->certified, 1);
    date_t today = {2025, 12, 20};
    assert_true(decl_enter_commitments(doc->decl, true, true, today, &d)); /* ticked again */
    assert_true(session_save(doc, &d));
    assert_true(doc->decl->attestation.accuracy && doc->decl->attestation.keep_proofs);
    assert_int_equal(doc->decl->recommit, 0);
    assert_true(decl_set_identity(doc->decl, DECL_ID_LAST_NAME, "MARTINEZ", &d));
    assert_false(doc->decl->attestation.accuracy || doc->decl->attestation.keep_proofs);
    assert_false(doc->decl->attestation.has_date);
    assert_int_equal(doc->decl->recommit, 1);
    assert_int_equal(session_transmit(doc, &v, &info, &r, &d), SESSION_COMMITMENTS_MISSING);
    assert_true(decl_enter_commitments(doc->decl, true, false, today, &d));
    assert_int_equal(doc->decl->recommit, 1); /* said until both are ticked */
    assert_true(decl_enter_commitments(doc->decl, true, true, today, &d));
    assert_int_equal(doc->decl->recommit, 0);
    assert_true(decl_set_identity(doc->decl, DECL_ID_LAST_NAME, "MARTIN", &d)); /* once only */
    assert_true(doc->decl->attestation.accuracy && doc->decl->attestation.keep_proofs);
    assert_int_equal(session_transmit(doc, &v, &info, &r, &d), SESSION_OK);
    assert_int_equal(v, 2);
    session_close(doc);
    /* opened again as version 2's text: its commitments certify it */
    doc = session_open(s, NAME, 0, &r, &d);
    assert_non_null(doc);
    assert_int_equal(doc->decl->certified, 2);
    decl_answer *a = decl_answer_get(doc->decl, doc->decl->answers[0]->indicator, &d);
    assert_non_null(a);
    assert_true(decl_set_comment(doc->decl, a, "Vu avec la caisse", &d)); /* an answer */
    assert_false(doc->decl->attestation.accuracy || doc->decl->attestation.keep_proofs);
    assert_int_equal(doc->decl->recommit, 2);
    assert_true(session_save(doc, &d));
    session_close(doc);
    /* opened again, changed since version 2: nothing certified, nothing unticked any more */
    doc = session_open(s, NAME, 0, &r, &d);
    assert_non_null(doc);
    assert_int_equal(doc->decl->certified, 0);
    assert_true(decl_enter_commitments(doc->decl, true, true, today, &d));
    assert_true(decl_set_identity(doc->decl, DECL_ID_ADDRESS, "2 rue de la Paix", &d));
    assert_true(doc->decl->attestation.accuracy && doc->decl->attestation.keep_proofs);
    session_close(doc);
    diag_free(&d);
    session_free(s);
}

/* Every outcome has its sentence; a holder that cannot be named is not invented. */
static void test_explain(void **state)
{
    (void)state;
    for (int o = 0; o < SESSION_OUTCOME_COUNT; o++) {
        session_report r = {.outcome = (session_outcome)o, .name = NAME};
        char *text = session_explain(&r);
        assert_non_null(text);
        assert_true(strlen(text) > 3);
        free(text);
    }
    session_report r = {.outcome = SESSION_HELD, .name = NAME};
    char *text = session_explain(&r);
    assert_string_equal(text, "le brouillon " NAME " est ouvert par un autre programme : il "
                              "n'est pas modifié ici");
    free(text);
    r.holder.pid = 4242;
    snprintf(r.holder.host, sizeof r.holder.host, "cabinet");
    snprintf(r.holder.since, sizeof r.holder.since, "2025-12-20 14:32:05");
    text = session_explain(&r);
    assert_non_null(
        strstr(text, "autre fsdecl, sur la machine cabinet, depuis 2025-12-20 14:32:05"));
    free(text);
}

/* ---- the home ------------------------------------------------------------------------------ */

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A damaged reference list (invalid, or not a file) is named on the home screen with what is
 * wrong with it, never taken for « no campaign found ». */
static void test_home_damaged_list(void **state)
{
    (void)state;
    char lists[PATH_MAX], file[PATH_MAX + 64];
    snprintf(lists, sizeof lists, "%s/lists%d", base, counter++);
    assert_int_equal(mkdir(lists, 0700), 0);
    snprintf(file, sizeof file, "%s/connected-equipment-v1.cfg", lists);
    setenv("FSDECL_LISTS_DIR", lists, 1);
    for (int k = 0; k < 2; k++) {
        if (k == 0) {
            write_file(file, "garbage = = ;\n");
        } else {
            assert_int_equal(unlink(file), 0);
            assert_int_equal(mkdir(file, 0700), 0);
        }
        session *s = fresh();
        session_home h;
        session_home_read(s, &h);
        assert_non_null(strstr(h.problem, "Règles de la campagne 2025 illisibles : "));
        assert_non_null(strstr(h.problem, k == 0 ? "erreur de syntaxe ("
                                                 : "ce n'est pas un fichier ordinaire ("));
        assert_non_null(strstr(h.problem, "/connected-equipment-v1.cfg"));
        if (k == 0)
            assert_non_null(strstr(h.problem, "connected-equipment-v1.cfg, ligne 1)"));
        session_home_free(&h);
        session_free(s);
    }
    unsetenv("FSDECL_LISTS_DIR");
    rmdir(file);
}

int main(void)
{
    char *made = mkdtemp(base);
    if (!made)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_campaign_loaded_once),
        cmocka_unit_test(test_campaign_words),
        cmocka_unit_test(test_create_refusals),
        cmocka_unit_test(test_close_frees_front),
        cmocka_unit_test(test_create_carried_over),
        cmocka_unit_test(test_open_edit_save),
        cmocka_unit_test(test_transmit),
        cmocka_unit_test(test_commitments_for_next_version),
        cmocka_unit_test(test_transmit_publishes_what_it_judged),
        cmocka_unit_test(test_pdf_per_version),
        cmocka_unit_test(test_changes_named),
        cmocka_unit_test(test_sheet_and_state_of_doc),
        cmocka_unit_test(test_need_rules),
        cmocka_unit_test(test_closed_campaign),
        cmocka_unit_test(test_recovery),
        cmocka_unit_test(test_restore_recover_by_name),
        cmocka_unit_test(test_list),
        cmocka_unit_test(test_home_damaged_list),
        cmocka_unit_test(test_explain),
        cmocka_unit_test(test_carry_into_donum),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
    if (system(cmd) != 0)
        rc = 1;
    return rc;
}
