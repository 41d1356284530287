/* The « à reporter sur Amelipro » sheet: tabs in the rules' order, each kind of indicator (entered,
 * pre-filled, computed, unanswered), proofs after their indicator, the attestation's boxes and
 * the button with the closing date, for the 2025 and 2026 rules; its JSON read back. */
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fsdecl/sheet.h"
#include "fsdecl/session.h"

#define EXAMPLES FSDECL_SOURCE_DIR "/data/examples/"

typedef struct {
    session *s;
    decl_t *d;
    eval_result *e;
    recap *r;
    sheet *sh;
} built;

static built judged(built b, diag_list *dg)
{
    assert_non_null(b.d);
    const rules_campaign *c = session_campaign(b.s, b.d->campaign, dg);
    assert_non_null(c);
    b.e = eval_declaration(c, b.d, session_today(b.s));
    b.r = recap_build(c, b.d, b.e, NULL);
    assert_non_null(b.r);
    b.sh = sheet_build(b.r);
    assert_non_null(b.sh);
    diag_free(dg);
    return b;
}

static built build_file(const char *file)
{
    session_config cfg = {
        .rules_dir = FSDECL_SOURCE_DIR "/rules", .has_today = true, .today = {2025, 12, 20}};
    built b = {.s = session_new(&cfg)};
    diag_list dg;
    diag_init(&dg);
    b.d = decl_load(file, &dg);
    return judged(b, &dg);
}

static built build_text(const char *text, date_t today)
{
    session_config cfg = {
        .rules_dir = FSDECL_SOURCE_DIR "/rules", .has_today = true, .today = today};
    built b = {.s = session_new(&cfg)};
    diag_list dg;
    diag_init(&dg);
    b.d = decl_parse(text, strlen(text), "draft.cfg", &dg);
    return judged(b, &dg);
}

static void done(built *b)
{
    sheet_free(b->sh);
    recap_free(b->r);
    eval_free(b->e);
    decl_free(b->d);
    session_free(b->s);
}

/* The first entry about indicator id of the given kind. */
static const sheet_entry *find(const sheet *s, sheet_kind kind, const char *id)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->entries[i].kind == kind && s->entries[i].ind &&
            strcmp(s->entries[i].ind->id, id) == 0)
            return &s->entries[i];
    fail_msg("no %s entry for %s", vocab_id(&sheet_kind_vocab, kind), id);
    return NULL;
}

static const char *field(const sheet_entry *e, const char *label)
{
    for (size_t i = 0; i < e->nfields; i++)
        if (strcmp(e->fields[i].label, label) == 0)
            return e->fields[i].value;
    return NULL;
}

/* Every tab and indicator of the campaign once, in the rules' order: the tab of a volet before
 * its indicators, proofs right after their indicator; then the two boxes and the button. */
static void assert_order(const sheet *s, const rules_campaign *c)
{
    size_t next = 0, tabs = 0;
    int volet = -1;
    const rules_indicator *last = NULL;
    for (size_t i = 0; i < s->n; i++) {
        const sheet_entry *e = &s->entries[i];
        if (e->kind == SHEET_TAB) {
            assert_ptr_equal(e->volet, &c->volets[++volet]);
            tabs++;
        } else if (e->kind == SHEET_PROOF) {
            assert_ptr_equal(e->ind, last);
            assert_non_null(e->doc);
        } else if (e->ind) {
            assert_true(next < c->nindicators);
            assert_ptr_equal(e->ind, &c->indicators[next++]);
            assert_ptr_equal(e->volet, &c->volets[e->ind->volet]);
            assert_int_equal(e->ind->volet, volet);
            last = e->ind;
        }
    }
    assert_int_equal(next, c->nindicators);
    assert_int_equal(tabs, c->nvolets);
    assert_true(s->n >= 3);
    assert_int_equal(s->entries[s->n - 3].kind, SHEET_ATTESTATION);
    assert_string_equal(s->entries[s->n - 3].text, DECL_COMMITMENT_ACCURACY);
    assert_int_equal(s->entries[s->n - 2].kind, SHEET_ATTESTATION);
    assert_string_equal(s->entries[s->n - 2].text, DECL_COMMITMENT_KEEP_PROOFS);
    assert_int_equal(s->entries[s->n - 1].kind, SHEET_SUBMIT);
    assert_null(s->entries[s->n - 1].volet);
}

static void test_2025_entered(void **state)
{
    (void)state;
    built b = build_file(EXAMPLES "gp-missing-proof.cfg");
    const sheet *s = b.sh;
    assert_order(s, b.r->campaign);
    assert_true(s->order_presumed);
    assert_int_equal(s->nunanswered, 0);

    /* the software, not pre-filled: typed, dates JJ/MM/AAAA */
    const sheet_entry *e = find(s, SHEET_ENTER, "v1_software");
    assert_string_equal(field(e, "Réponse"), "Oui");
    assert_string_equal(field(e, "Éditeur"), "Logimed Systèmes");
    assert_string_equal(field(e, "Logiciel"), "Praxis Médecine");
    assert_string_equal(field(e, "Version"), "5.4");
    assert_string_equal(field(e, "Date d'acquisition"), "10/03/2025");
    assert_string_equal(field(e, "Date de certification du LAP"), "18/09/2024");
    /* its two proofs, through the envelope icon, right after it */
    assert_int_equal(s->nproofs, 2);
    assert_int_equal(e[1].kind, SHEET_PROOF);
    assert_string_equal(e[1].doc->id, "segur");
    assert_int_equal(e[2].kind, SHEET_PROOF);
    assert_string_equal(e[2].doc->id, "lap");
    assert_non_null(strstr(e[1].note, "icône « enveloppe »"));

    /* pre-filled: checked, not typed */
    e = find(s, SHEET_CHECK, "v1_opening_hours");
    assert_string_equal(field(e, "Réponse"), "Oui");
    /* computed: nothing to enter */
    e = find(s, SHEET_COMPUTED, "v1_sesam_vitale");
    assert_int_equal(e->nfields, 0);
    /* a multiple choice ticked, by its label */
    e = find(s, SHEET_ENTER, "v2_connected_equipment");
    assert_string_equal(field(e, "Cochez"), "Otoscope connecté");
    /* students, with their dates */
    e = find(s, SHEET_ENTER, "v2_internship");
    assert_string_equal(e->fields[1].value, "Hugo Lemaire, externe, du 06/01/2025 au 28/03/2025");

    /* the button, with the published closing date */
    assert_string_equal(s->entries[s->n - 1].text,
                        "Cliquez sur « Transmettre » sur Amelipro avant la clôture du 08/02/2026");
    done(&b);
}

static void test_2025_unanswered(void **state)
{
    (void)state;
    built b = build_file(EXAMPLES "partial.cfg");
    const sheet *s = b.sh;
    assert_order(s, b.r->campaign);
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++)
        if (s->entries[i].kind == SHEET_UNANSWERED) {
            assert_string_equal(s->entries[i].note, SHEET_UNANSWERED_WORDS);
            assert_int_equal(s->entries[i].nfields, 0);
            n++;
        }
    assert_int_equal(n, s->nunanswered);
    assert_true(n > 0);
    find(s, SHEET_UNANSWERED, "v2_internship");
    /* pre-filled software: checked */
    const sheet_entry *e = find(s, SHEET_CHECK, "v1_software");
    assert_string_equal(field(e, "Logiciel"), "DocOffice");
    /* two choices ticked, each on its own line */
    e = find(s, SHEET_ENTER, "v2_coordination");
    assert_int_equal(e->nfields, 2);
    assert_string_equal(e->fields[0].label, "Cochez");
    assert_string_equal(e->fields[1].label, "Cochez");
    char *text = sheet_render_text(s);
    assert_non_null(strstr(text, "\n      " SHEET_UNANSWERED_WORDS "\n"));
    assert_non_null(strstr(text, SHEET_ORDER_WORDS));
    free(text);
    done(&b);
}

/* 2026 (DONUM): the software is the one thing pre-filled, the rest is computed; the closing date
 * is not published. */
static void test_2026(void **state)
{
    (void)state;
    built b = build_text("format = 1;\ncampaign = 2026;\nanswers = {\n"
                         "  v1_software = { value = \"yes\"; prefilled = true;\n"
                         "    software = { editor = \"E\"; name = \"L\"; version = \"3\"; };\n"
                         "    lap = { name = \"LAP\"; certified = \"2022-06-01\"; }; };\n};\n",
                         (date_t){2026, 12, 20});
    const sheet *s = b.sh;
    assert_order(s, b.r->campaign);
    const sheet_entry *e = find(s, SHEET_CHECK, "v1_software");
    assert_string_equal(field(e, "Version"), "3");
    assert_string_equal(field(e, "Date de certification du LAP"), "01/06/2022");
    size_t computed = 0;
    for (size_t i = 0; i < b.r->campaign->nindicators; i++)
        if (b.r->campaign->indicators[i].kind == RULES_COMPUTED) {
            find(s, SHEET_COMPUTED, b.r->campaign->indicators[i].id);
            computed++;
        }
    assert_int_equal(computed + 1, b.r->campaign->nindicators);
    assert_string_equal(s->entries[s->n - 1].text,
                        "Cliquez sur « Transmettre » sur Amelipro avant la clôture "
                        "(probablement le 07/02/2027, date non publiée)");
    done(&b);

    /* nothing answered: the software is unanswered, said plainly */
    b = build_text("format = 1;\ncampaign = 2026;\n", (date_t){2026, 12, 20});
    e = find(b.sh, SHEET_UNANSWERED, "v1_software");
    assert_string_equal(e->note, "non renseigné : à compléter avant de transmettre sur Amelipro");
    assert_int_equal(b.sh->nunanswered, 1);
    done(&b);
}

/* The JSON: the recap's opening, then the entries in order, each with its kind's id. */
static void test_json(void **state)
{
    (void)state;
    built b = build_file(EXAMPLES "gp-missing-proof.cfg");
    char *text = sheet_render_json(b.sh);
    assert_non_null(text);
    assert_int_equal(text[strlen(text) - 1], '\n');
    json_error_t err;
    json_t *j = json_loads(text, 0, &err);
    assert_non_null(j);
    const char *keys[] = {"format",         "campaign",   "practitioner",   "origin", "sheet",
                          "order_presumed", "unanswered", "proofs_to_send", "entries"};
    size_t k = 0;
    const char *key;
    json_t *v;
    json_object_foreach(j, key, v)
    {
        assert_true(k < sizeof keys / sizeof keys[0]);
        assert_string_equal(key, keys[k++]);
    }
    assert_int_equal(k, sizeof keys / sizeof keys[0]);
    json_t *entries = json_object_get(j, "entries");
    assert_int_equal(json_array_size(entries), b.sh->n);
    for (size_t i = 0; i < b.sh->n; i++) {
        json_t *e = json_array_get(entries, i);
        assert_string_equal(json_string_value(json_object_get(e, "kind")),
                            vocab_id(&sheet_kind_vocab, b.sh->entries[i].kind));
        assert_int_equal(json_array_size(json_object_get(e, "fields")), b.sh->entries[i].nfields);
    }
    json_t *first = json_array_get(entries, 1);
    assert_string_equal(json_string_value(json_object_get(first, "indicator")), "v1_software");
    assert_true(json_is_true(json_object_get(j, "order_presumed")));
    json_decref(j);
    free(text);
    done(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_2025_entered),
        cmocka_unit_test(test_2025_unanswered),
        cmocka_unit_test(test_2026),
        cmocka_unit_test(test_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
