/* Every campaign file in rules/ and every list in data/lists/ loads, with the totals the guides
 * give and a source on everything. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fsdecl/paths.h"
#include "fsdecl/rules.h"

static const char *const list_dirs[] = {FSDECL_SOURCE_DIR "/data/lists"};

static rules_campaign *load_year(int year)
{
    char path[512];
    snprintf(path, sizeof path, FSDECL_SOURCE_DIR "/rules/%d.cfg", year);
    diag_list d;
    diag_init(&d);
    rules_campaign *c = rules_load(path, list_dirs, 1, &d);
    if (!c) {
        char *m = diag_format(&d.items[0]);
        fail_msg("%s", m);
    }
    diag_free(&d);
    return c;
}

static void test_every_campaign_loads(void **state)
{
    (void)state;
    int years[PATHS_MAX_CAMPAIGNS];
    size_t n = paths_campaign_years(FSDECL_SOURCE_DIR "/rules", years, PATHS_MAX_CAMPAIGNS);
    assert_true(n >= 3);
    for (size_t i = 0; i < n; i++) {
        rules_campaign *c = load_year(years[i]);
        assert_int_equal(c->year, years[i]);
        assert_true(c->sources.count > 0);
        assert_true(c->window.sources.count > 0);
        for (size_t k = 0; k < c->nindicators; k++) {
            const rules_indicator *ind = &c->indicators[k];
            if (ind->sources.count == 0)
                fail_msg("%d: %s has no source", years[i], ind->id);
            for (size_t s = 0; s < ind->sources.count; s++)
                assert_true(ind->sources.items[s].file[0] && ind->sources.items[s].section[0]);
        }
        for (size_t k = 0; k < c->ndeadlines; k++)
            assert_true(c->deadlines[k].sources.count > 0);
        rules_free(c);
    }
}

static void test_forfait_structure_totals(void **state)
{
    (void)state;
    for (int year = 2023; year <= 2025; year++) {
        rules_campaign *c = load_year(year);
        assert_int_equal(c->point_value_cents, 700);
        assert_int_equal(c->nvolets, 2);
        assert_int_equal(c->volets[0].points_tenths, 2800);
        assert_int_equal(c->volets[0].award, RULES_ALL_OR_NOTHING);
        assert_int_equal(c->volets[1].points_tenths, 8350);
        assert_int_equal(c->volets[1].requires, 0);
        int64_t v2 = 0;
        size_t v1count = 0, teleservices = 0;
        for (size_t k = 0; k < c->nindicators; k++) {
            const rules_indicator *ind = &c->indicators[k];
            if (ind->volet == 0) {
                v1count++;
                assert_int_equal(ind->points_tenths, 0);
            } else {
                v2 += ind->points_tenths;
            }
            if (ind->group >= 0) {
                teleservices++;
                assert_int_equal(ind->criterion.type, RULES_CRIT_RATIO);
            }
        }
        assert_int_equal(v1count, 4);
        assert_int_equal(v2, 8350);
        assert_int_equal(teleservices, 6);
        assert_int_equal(rules_max_tenths(c), 11150);
        assert_int_equal(rules_max_tenths(c) * c->point_value_cents / 10, 780500);
        rules_free(c);
    }
}

/* The DONUM 2026: socle 280 pts all or nothing, optional 140 pts behind it, 420 pts = 2 940 €,
 * no specialty exempt from the LAP; written from public texts, provisional. */
static void test_donum_2026(void **state)
{
    (void)state;
    rules_campaign *c = load_year(2026);
    assert_int_equal(c->scheme, RULES_SCHEME_DONUM);
    assert_int_equal(c->status, RULES_PROVISIONAL);
    assert_int_equal(c->point_value_cents, 700);
    assert_int_equal(c->nvolets, 2);
    assert_int_equal(c->volets[0].points_tenths, 2800);
    assert_int_equal(c->volets[0].award, RULES_ALL_OR_NOTHING);
    assert_int_equal(c->volets[1].points_tenths, 1400);
    assert_int_equal(c->volets[1].requires, 0);
    assert_int_equal(rules_max_tenths(c), 4200);
    assert_int_equal(rules_max_tenths(c) * c->point_value_cents / 10, 294000);
    const rules_indicator *sw = rules_find_indicator(c, "v1_software");
    assert_true(sw->criterion.lap_required);
    assert_false(sw->criterion.lap_exemption);
    const rules_indicator *avg = rules_find_indicator(c, "v1_dematerialisation");
    assert_int_equal(avg->criterion.type, RULES_CRIT_AVERAGE_RATIO);
    assert_int_equal(avg->criterion.ncomponents, 4);
    assert_int_equal(avg->criterion.threshold.num * 100 / avg->criterion.threshold.den, 60);
    const rules_indicator *other = rules_find_indicator(c, "v2_other_teleservices");
    assert_int_equal(other->criterion.nparts, 3);
    assert_true(other->criterion.parts[0].strict); /* « plus de 30 % » */
    /* no closing published: a probable one, from earlier campaigns, marked inferred */
    assert_true(c->window.has_closes && c->window.closes_inferred);
    assert_int_equal(c->window.closes.year * 10000 + c->window.closes.month * 100 +
                         c->window.closes.day,
                     20270207);
    assert_true(c->window.opens_approximate);
    rules_free(c);
}

/* Figures that changed between campaigns, as the seeds give them. */
static void test_campaign_figures(void **state)
{
    (void)state;
    rules_campaign *c23 = load_year(2023), *c25 = load_year(2025);
    const rules_indicator *aat23 = rules_find_indicator(c23, "v2_ts_aat");
    const rules_indicator *aat25 = rules_find_indicator(c25, "v2_ts_aat");
    assert_non_null(aat23);
    assert_non_null(aat25);
    assert_int_equal(aat23->points_tenths, 305);
    assert_int_equal(aat23->criterion.threshold.num * 100 / aat23->criterion.threshold.den, 70);
    assert_true(aat23->criterion.has_original);
    assert_int_equal(aat23->criterion.original.num * 100 / aat23->criterion.original.den, 90);
    assert_int_equal(aat25->points_tenths, 225);
    assert_int_equal(aat25->criterion.threshold.num * 100 / aat25->criterion.threshold.den, 90);
    assert_null(rules_find_indicator(c23, "v2_eprescription"));
    assert_non_null(rules_find_indicator(c25, "v2_eprescription"));
    const rules_indicator *dcmt23 = rules_find_indicator(c23, "v2_ts_dcmt");
    assert_true(dcmt23->has_neutralised);
    const rules_indicator *tt = rules_find_indicator(c25, "v1_teletransmission");
    assert_int_equal(tt->criterion.threshold.num, 2);
    assert_int_equal(tt->criterion.threshold.den, 3);
    assert_int_equal(c23->window.opens.day, 11);
    assert_true(c23->window.has_closes);
    assert_false(c23->window.closes_inferred);
    /* 2025: the published window, 15/12/2025 to 08/02/2026 */
    assert_true(c25->window.has_closes && !c25->window.closes_inferred);
    assert_false(c25->window.opens_approximate);
    assert_int_equal(c25->window.opens.day, 15);
    assert_int_equal(c25->window.closes.year * 10000 + c25->window.closes.month * 100 +
                         c25->window.closes.day,
                     20260208);
    const rules_indicator *sw = rules_find_indicator(c25, "v1_software");
    assert_int_equal(sw->criterion.type, RULES_CRIT_SOFTWARE);
    assert_true(sw->counts_once_sent);
    const rules_indicator *ps = rules_find_indicator(c25, "v2_patient_services");
    assert_int_equal(ps->criterion.nexclusive, 1);
    assert_string_equal(ps->criterion.exclusive[0].indicator, "v2_coordination");
    rules_free(c23);
    rules_free(c25);
}

/* An indicator keeps its id, volet and kind from one campaign to the next. */
static void test_ids_stable(void **state)
{
    (void)state;
    rules_campaign *c[3] = {load_year(2023), load_year(2024), load_year(2025)};
    for (int a = 0; a < 3; a++)
        for (size_t k = 0; k < c[a]->nindicators; k++) {
            const rules_indicator *x = &c[a]->indicators[k];
            for (int b = 0; b < 3; b++) {
                const rules_indicator *y = rules_find_indicator(c[b], x->id);
                if (!y)
                    continue;
                assert_string_equal(c[a]->volets[x->volet].id, c[b]->volets[y->volet].id);
                assert_int_equal(x->criterion.type, y->criterion.type);
            }
        }
    for (int a = 0; a < 3; a++)
        rules_free(c[a]);
}

static void test_lists(void **state)
{
    (void)state;
    DIR *d = opendir(FSDECL_SOURCE_DIR "/data/lists");
    assert_non_null(d);
    struct dirent *e;
    size_t n = 0;
    while ((e = readdir(d))) {
        if (!strstr(e->d_name, ".cfg"))
            continue;
        char path[512];
        snprintf(path, sizeof path, FSDECL_SOURCE_DIR "/data/lists/%s", e->d_name);
        arena_t *a = arena_new();
        diag_list dl;
        diag_init(&dl);
        lists_table *l = lists_load_file(path, a, &dl);
        if (!l) {
            char *m = diag_format(&dl.items[0]);
            fail_msg("%s", m);
        }
        assert_true(l->sources.count > 0);
        if (strcmp(l->id, "specialties") == 0) {
            size_t exempt = 0;
            for (size_t i = 0; i < l->count; i++)
                exempt += l->entries[i].lap_exempt;
            assert_int_equal(exempt, 27);
            assert_non_null(lists_find(l, "medecine_generale"));
            assert_false(lists_find(l, "medecine_generale")->lap_exempt);
        }
        diag_free(&dl);
        arena_free(a);
        n++;
    }
    closedir(d);
    assert_true(n >= 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_campaign_loads),
        cmocka_unit_test(test_forfait_structure_totals),
        cmocka_unit_test(test_campaign_figures),
        cmocka_unit_test(test_ids_stable),
        cmocka_unit_test(test_donum_2026),
        cmocka_unit_test(test_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
