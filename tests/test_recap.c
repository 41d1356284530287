/* The recap model: volets and their gate, answers in words, proofs by state, what to keep; and
 * its JSON, read back with jansson, in the documented order. */
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fsdecl/recap.h"
#include "fsdecl/session.h"
#include "pdf_layout.h"

#define EXAMPLES FSDECL_SOURCE_DIR "/data/examples/"

typedef struct {
    session *s;
    decl_t *d;
    eval_result *e;
    recap *r;
} built;

/* Judges the declaration b.d in its campaign and builds its recap. */
static built judged(built b, diag_list *dg)
{
    assert_non_null(b.d);
    const rules_campaign *c = session_campaign(b.s, b.d->campaign, dg);
    assert_non_null(c);
    b.e = eval_declaration(c, b.d, session_today(b.s));
    b.r = recap_build(c, b.d, b.e, NULL);
    assert_non_null(b.r);
    diag_free(dg);
    return b;
}

static built build(const char *file)
{
    session_config cfg = {
        .rules_dir = FSDECL_SOURCE_DIR "/rules", .has_today = true, .today = {2025, 12, 20}};
    built b = {.s = session_new(&cfg)};
    diag_list dg;
    diag_init(&dg);
    b.d = decl_load(file, &dg);
    return judged(b, &dg);
}

/* The recap of a 2026 draft given as text, judged on 20 December 2026. */
static built build_2026(const char *text)
{
    session_config cfg = {
        .rules_dir = FSDECL_SOURCE_DIR "/rules", .has_today = true, .today = {2026, 12, 20}};
    built b = {.s = session_new(&cfg)};
    diag_list dg;
    diag_init(&dg);
    b.d = decl_parse(text, strlen(text), "draft-2026.cfg", &dg);
    return judged(b, &dg);
}

static void done(built *b)
{
    recap_free(b->r);
    eval_free(b->e);
    decl_free(b->d);
    session_free(b->s);
}

static const recap_item *item(const recap *r, const char *id)
{
    for (size_t v = 0; v < r->nvolets; v++)
        for (size_t i = 0; i < r->volets[v].nitems; i++)
            if (strcmp(r->volets[v].items[i].eval->ind->id, id) == 0)
                return &r->volets[v].items[i];
    fail_msg("no item %s", id);
    return NULL;
}

static void test_complete(void **state)
{
    (void)state;
    built b = build(EXAMPLES "gp-complete.cfg");
    const recap *r = b.r;
    assert_int_equal(r->nvolets, 2);
    assert_int_equal(r->volets[0].gate, RECAP_GATE_NONE);
    assert_int_equal(r->volets[1].gate, RECAP_GATE_OPEN);
    assert_ptr_equal(r->volets[1].requires, r->volets[0].volet);
    assert_int_equal(r->volets[0].nitems + r->volets[1].nitems, 21);
    assert_false(r->range);
    assert_true(r->any_estimate);
    assert_string_equal(item(r, "v2_coding")->answer, "Oui");
    assert_true(item(r, "v2_dmp")->estimate);
    assert_false(item(r, "v2_coding")->estimate);
    const char *sw = item(r, "v1_software")->answer;
    assert_non_null(strstr(sw, "MédiLogiciel 8.2 (Éditeur Santé), acquis le 15/02/2023"));
    assert_int_equal(r->nto_send + r->nsent, 0); /* pre-filled: only the LAP proof, validated */
    assert_int_equal(r->nvalidated, 1);
    assert_string_equal(r->validated[0]->owed->doc->id, "lap");
    assert_non_null(strstr(item(r, "v2_sas")->answer, "SAS est déployé : oui ; Agenda"));
    done(&b);
}

static void test_missing_proof(void **state)
{
    (void)state;
    built b = build(EXAMPLES "gp-missing-proof.cfg");
    const recap *r = b.r;
    assert_int_equal(r->volets[1].gate, RECAP_GATE_CLOSED);
    assert_int_equal(r->nto_send, 2);
    assert_true(r->to_send[0]->owed->blocking);
    assert_string_equal(r->to_send[0]->owed->doc->id, "segur");
    assert_string_equal(r->to_send[0]->accepted,
                        "facture, bon de commande, attestation de l'éditeur");
    const recap_item *sw = item(r, "v1_software");
    assert_int_equal(sw->nproofs, 2);
    assert_int_equal(sw->proofs[1].state, DECL_PROOF_TO_SEND);
    assert_string_equal(item(r, "v1_teletransmission")->answer, "6 120 sur 6 480 (94,4 %)");
    assert_string_equal(item(r, "v2_apcv")->answer, "27");
    assert_string_equal(item(r, "v2_internship")->answer,
                        "Oui ; 2 étudiants : Hugo Lemaire (externe, du 06/01/2025 au 28/03/2025), "
                        "Inès Haddad (externe, du 08/09/2025 au 28/11/2025)");
    assert_non_null(strstr(item(r, "v2_video")->answer, "vidéotransmission sécurisée"));
    assert_int_equal(r->nkeep, 1);
    assert_string_equal(r->keep[0].ind->id, "v2_internship");
    done(&b);
}

static void test_partial(void **state)
{
    (void)state;
    built b = build(EXAMPLES "partial.cfg");
    assert_true(b.r->range);
    assert_int_equal(b.r->volets[1].gate, RECAP_GATE_UNKNOWN);
    assert_string_equal(item(b.r, "v2_video")->answer, "sans réponse");
    assert_string_equal(item(b.r, "v2_dmp")->answer, "calculé par l'Assurance Maladie");
    done(&b);
}

/* A socle average of exactly 60 %: met by « atteindre 60 % », not by « > 60 % ». The total is a
 * range, and the renderings say it rests on the reading of the texts. */
static void test_ambiguous(void **state)
{
    (void)state;
#define SOCLE_AT_60                                                                                \
    "format = 1;\ncampaign = 2026;\nanswers = {\n"                                                 \
    "  v1_software = { value = \"yes\"; prefilled = true;\n"                                       \
    "    software = { editor = \"E\"; name = \"L\"; };\n"                                          \
    "    lap = { name = \"LAP\"; certified = \"2022-06-01\"; }; };\n"                              \
    "  v1_sesam_vitale = { value = \"yes\"; };\n"                                                  \
    "  v1_dematerialisation = { components = {\n"                                                  \
    "    dcmt = [3, 5]; fse = [3, 4]; pse = [1, 2]; aat = [11, 20]; }; };\n"
    built b = build_2026(SOCLE_AT_60 "};\n");
    const recap *r = b.r;
    assert_true(r->range);
    assert_true(r->ambiguous);
    assert_true(r->unknown); /* the optional indicators have no counts */
    assert_int_equal(item(r, "v1_dematerialisation")->eval->status, EVAL_AMBIGUOUS);
    assert_true(item(r, "v1_dematerialisation")->estimate);
    assert_int_equal(r->volets[1].gate, RECAP_GATE_UNKNOWN);
    assert_string_equal(recap_total_note(r), " (selon les indicateurs calculés encore inconnus et "
                                             "la lecture des textes)");
    char *text = recap_render_text(r), *json = recap_render_json(r);
    assert_non_null(strstr(text, "selon la lecture"));
    assert_non_null(strstr(json, "\"status\":\"ambiguous\""));
    free(text);
    free(json);
    done(&b);

    b = build_2026(SOCLE_AT_60
                   "  v2_other_teleservices = { components = {\n"
                   "    cmatmp = [31, 100]; dsg = [31, 100]; spe = [31, 100]; }; };\n"
                   "  v2_dmp_eprescription = { components = {\n"
                   "    dmp = [31, 100]; eprescription = [31, 100]; }; };\n"
                   "  v2_apcv_mss = { parts = { apcv = \"yes\"; mss = \"yes\"; }; }; };\n");
#undef SOCLE_AT_60
    assert_true(b.r->range);
    assert_false(b.r->unknown);
    assert_int_equal(b.e->min_tenths, 0);
    assert_int_equal(b.e->max_tenths, 4200);
    assert_string_equal(recap_total_note(b.r), " (selon la lecture des textes)");
    done(&b);
}

/* The JSON document reads back, with the keys in the documented order. */
static void test_json(void **state)
{
    (void)state;
    built b = build(EXAMPLES "gp-missing-proof.cfg");
    recap_json *j = recap_json_new((date_t){2025, 12, 20});
    assert_true(recap_json_add(j, b.r, "a\033b.cfg"));
    diag_list errors;
    diag_init(&errors);
    diag_add(&errors, "none.cfg", 3, "erreur de syntaxe");
    assert_true(recap_json_add_unreadable(j, "none.cfg", &errors));
    char *text = recap_json_render(j);
    assert_non_null(text);
    assert_null(strchr(text, '\033'));
    json_error_t err;
    json_t *doc = json_loads(text, 0, &err);
    assert_non_null(doc);
    assert_string_equal(json_string_value(json_object_get(doc, "today")), "2025-12-20");
    json_t *decls = json_object_get(doc, "declarations");
    assert_int_equal(json_array_size(decls), 2);
    static const char *const keys[] = {"file",          "campaign", "identity", "verdict",
                                       "transmittable", "total",    "volets",   "indicators",
                                       "missing",       "messages"};
    const char *key;
    json_t *value;
    size_t k = 0;
    json_object_foreach(json_array_get(decls, 0), key, value)
    {
        assert_true(k < 10);
        assert_string_equal(key, keys[k++]);
    }
    assert_int_equal(k, 10);
    json_t *first = json_array_get(decls, 0);
    assert_string_equal(json_string_value(json_object_get(first, "file")), "a?b.cfg");
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(first, "total"), "max_cents")), 0);
    json_t *bad = json_array_get(decls, 1);
    assert_string_equal(json_string_value(json_object_get(bad, "verdict")), "unreadable");
    assert_string_equal(json_string_value(json_array_get(json_object_get(bad, "errors"), 0)),
                        "none.cfg:3: erreur de syntaxe");
    json_decref(doc);
    free(text);
    recap_json_free(j);
    diag_free(&errors);
    done(&b);
}

/* check --jsonl: each result one line of its own, the document's object with format and today
 * first, written to the stream as it comes. */
static void test_json_lines(void **state)
{
    (void)state;
    built b = build(EXAMPLES "gp-missing-proof.cfg");
    diag_list errors;
    diag_init(&errors);
    diag_add(&errors, "none.cfg", 3, "erreur de syntaxe");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    date_t today = {2025, 12, 20};
    assert_true(recap_json_write_line(f, b.r, "a\033b\nc.cfg", today));
    assert_true(recap_json_write_unreadable_line(f, "none.cfg", &errors, today));
    assert_int_equal(fclose(f), 0);
    assert_null(strchr(buf, '\033'));
    char *second = strchr(buf, '\n');
    assert_non_null(second);
    *second++ = '\0';
    assert_int_equal(strlen(second), len - strlen(buf) - 1);
    assert_non_null(strchr(second, '\n'));
    assert_null(strchr(strchr(second, '\n') + 1, '\n'));
    json_error_t err;
    json_t *one = json_loads(buf, 0, &err), *two = json_loads(second, 0, &err);
    assert_non_null(one);
    assert_non_null(two);
    static const char *const keys[] = {"format",   "today",    "file",
                                       "campaign", "identity", "verdict"};
    const char *key;
    json_t *value;
    size_t k = 0;
    json_object_foreach(one, key, value)
    {
        if (k < 6)
            assert_string_equal(key, keys[k]);
        k++;
    }
    assert_int_equal(k, 12);
    assert_int_equal(json_integer_value(json_object_get(one, "format")), 1);
    assert_string_equal(json_string_value(json_object_get(one, "today")), "2025-12-20");
    assert_string_equal(json_string_value(json_object_get(one, "file")), "a?b\nc.cfg");
    assert_string_equal(json_string_value(json_object_get(two, "verdict")), "unreadable");
    assert_string_equal(json_string_value(json_array_get(json_object_get(two, "errors"), 0)),
                        "none.cfg:3: erreur de syntaxe");
    json_decref(one);
    json_decref(two);
    free(buf);
    diag_free(&errors);
    done(&b);
}

/* What a PDF places outside its margins: counted, the first one kept to be shown. */
typedef struct {
    int outside;
    char first[600];
} placements;

static void placed(void *user, pdf_placed_kind kind, size_t page, float x, float y, float width,
                   float height, const char *text)
{
    placements *pl = user;
    (void)page, (void)height;
    bool in = x >= PDF_MARGIN - 0.01f && x + width <= PDF_PAGE_W - PDF_MARGIN + 0.01f &&
              (kind == PDF_PLACED_RUNNING || y >= PDF_BOTTOM - 0.01f);
    if (!in && !pl->outside++)
        snprintf(pl->first, sizeof pl->first, "x %.1f width %.1f y %.1f: %s", (double)x,
                 (double)width, (double)y, text);
}

/* How many things the recap and the paper form of a 2026 draft place outside their margins. */
static int outside_margins(const char *draft)
{
    built b = build_2026(draft);
    int outside = 0;
    for (int kind = RECAP_PDF_RECAP; kind <= RECAP_PDF_FORM; kind++) {
        placements pl = {0, ""};
        pdf_watch(placed, &pl);
        diag_list d;
        diag_init(&d);
        char *out = NULL;
        size_t len = 0;
        bool ok = recap_render_pdf(b.r, (recap_pdf_kind)kind, recap_pdf_font(false),
                                   recap_pdf_font(true), &out, &len, &d);
        pdf_watch(NULL, NULL);
        assert_true(ok);
        if (pl.outside)
            fprintf(stderr, "outside the margins: %s\n", pl.first);
        outside += pl.outside;
        free(out);
        diag_free(&d);
    }
    done(&b);
    return outside;
}

/* A word wider than its column (a specialty written as one long word) is cut where the column
 * ends, in the recap's table and in the paper form alike; it used to run on through the right
 * margin and off the page. */
static void test_pdf_long_word(void **state)
{
    (void)state;
    assert_int_equal(outside_margins("format = 1;\ncampaign = 2026;\nidentity = { specialty = "
                                     "\"medecine_generale_____________________________________"
                                     "_____________________________________________________\"; "
                                     "};\nanswers = {};\n"),
                     0);
}

/* A long name is cut with « … » in the running header of every page; it used to run off the
 * page. */
static void test_pdf_long_name(void **state)
{
    (void)state;
    assert_int_equal(outside_margins("format = 1;\ncampaign = 2026;\nidentity = { last_name = "
                                     "\"MARTIN-WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW WWWWWWWWWWWWWW"
                                     "WWWWWWWWWWWWWWWWWWWWWWÉÉÉÉ\"; first_name = \"Claire\"; "
                                     "};\nanswers = {};\n"),
                     0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_complete),      cmocka_unit_test(test_missing_proof),
        cmocka_unit_test(test_partial),       cmocka_unit_test(test_ambiguous),
        cmocka_unit_test(test_json),          cmocka_unit_test(test_json_lines),
        cmocka_unit_test(test_pdf_long_word), cmocka_unit_test(test_pdf_long_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
