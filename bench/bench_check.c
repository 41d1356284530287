/* Benchmark: generate N declarations as draft text, read and judge each one, and print
 * declarations per second and peak memory. Memory must not grow with N: each declaration is
 * freed before the next, and the peak is printed after a small and a large run.
 * Usage: bench_check [N] [RULES_FILE] */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "fsdecl/decl.h"
#include "fsdecl/eval.h"
#include "fsdecl/rules.h"

static uint32_t rng = 2463534242u;

static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static const char *yesno(void)
{
    return next() % 10 ? "yes" : "no";
}

/* One plausible 2025 declaration, varied by the generator. */
static size_t make_declaration(char *buf, size_t size, unsigned i)
{
    static const char *const specialties[] = {"medecine_generale", "cardiologie", "ophtalmologie",
                                              "pediatrie", "psychiatrie"};
    static const char *const ratios[] = {
        "v2_ts_dcmt", "v2_ts_pse", "v2_ts_aat", "v2_ts_cmatmp",     "v2_ts_spe",
        "v2_ts_dsg",  "v2_dmp",    "v2_mss",    "v2_eprescription", "v1_teletransmission"};
    int n = snprintf(
        buf, size,
        "format = 1;\ncampaign = 2025;\nfirst_year = %s;\n"
        "identity = { last_name = \"NOM%u\"; first_name = \"Prénom\"; "
        "rpps = \"10001234565\"; am_number = \"751123456\"; specialty = \"%s\"; };\n"
        "answers = {\n"
        "  v1_software = { value = \"%s\"; prefilled = %s; software = { editor = \"E\"; "
        "name = \"L\"; acquired = \"2024-01-10\"; }; lap = { name = \"LAP\"; "
        "certified = \"2022-01-01\"; }; proofs = { lap = { state = \"sent\"; date = "
        "\"2025-12-10\"; }; }; };\n"
        "  v1_sesam_vitale = { value = \"%s\"; };\n"
        "  v1_opening_hours = { value = \"%s\"; prefilled = true; };\n"
        "  v2_apcv = { count = %u; };\n"
        "  v2_coding = { value = \"%s\"; };\n"
        "  v2_coordination = { choices = [ \"cpts\", \"asalee\" ]; };\n"
        "  v2_patient_services = { choices = [ \"asalee\", \"clic\" ]; };\n"
        "  v2_internship = { value = \"%s\"; };\n"
        "  v2_video = { choices = [ \"paid_complete_solution\" ]; };\n"
        "  v2_connected_equipment = { choices = [ \"ecg\", \"thermometer\" ]; };\n"
        "  v2_sas = { parts = { sas_department = \"%s\"; sas_agenda = \"yes\"; "
        "sas_registration = \"yes\"; }; };\n",
        i % 20 ? "false" : "true", i, specialties[i % 5], yesno(), next() % 3 ? "true" : "false",
        yesno(), yesno(), next() % 3, yesno(), yesno(), yesno());
    size_t len = (size_t)n;
    for (size_t k = 0; k < sizeof ratios / sizeof ratios[0]; k++) {
        if (next() % 8 == 0)
            continue; /* no count given: unknown */
        unsigned den = 50 + next() % 5000, num = next() % (den + 1);
        len += (size_t)snprintf(buf + len, size - len,
                                "  %s = { numerator = %u; denominator = %u; };\n", ratios[k], num,
                                den);
    }
    len += (size_t)snprintf(buf + len, size - len,
                            "};\nattestation = { accuracy = true; keep_proofs = %s; };\n",
                            i % 7 ? "true" : "false");
    return len;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static int run(const rules_campaign *c, unsigned n, int64_t *cents)
{
    char buf[8192];
    date_t today = {2025, 12, 20};
    for (unsigned i = 0; i < n; i++) {
        size_t len = make_declaration(buf, sizeof buf, i);
        diag_list dg;
        diag_init(&dg);
        decl_t *d = decl_parse(buf, len, "bench", &dg);
        if (!d) {
            char *m = diag_format(&dg.items[0]);
            fprintf(stderr, "bench: generated declaration refused: %s\n%s", m, buf);
            free(m);
            return 1;
        }
        eval_result *r = eval_declaration(c, d, today);
        *cents += r->max_cents;
        eval_free(r);
        decl_free(d);
        diag_free(&dg);
    }
    return 0;
}

int main(int argc, char **argv)
{
    unsigned n = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 120000;
    const char *rules = argc > 2 ? argv[2] : FSDECL_SOURCE_DIR "/rules/2025.cfg";
    const char *dirs[] = {FSDECL_SOURCE_DIR "/data/lists"};
    diag_list dg;
    diag_init(&dg);
    rules_campaign *c = rules_load(rules, dirs, 1, &dg);
    if (!c) {
        fprintf(stderr, "bench: cannot load %s\n", rules);
        return 1;
    }
    int64_t cents = 0;
    unsigned warm = n < 1000 ? n : 1000;
    if (run(c, warm, &cents))
        return 1;
    long peak_small = peak_kib();
    double t0 = now();
    if (run(c, n, &cents))
        return 1;
    double dt = now() - t0;
    long peak_large = peak_kib();
    printf("declarations: %u\n", n);
    printf("seconds: %.3f\n", dt);
    printf("declarations_per_second: %.0f\n", dt > 0 ? n / dt : 0.0);
    printf("peak_rss_kib_after_%u: %ld\n", warm, peak_small);
    printf("peak_rss_kib_after_%u: %ld\n", n, peak_large);
    printf("checksum_max_cents: %" PRId64 "\n", cents);
    rules_free(c);
    diag_free(&dg);
    return 0;
}
