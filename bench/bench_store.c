/* Benchmark of the draft store: save times with fsync on this machine's disk (median and
 * worst), and the time to list a store of N drafts, names only and with each draft read and
 * judged as `fsdecl drafts` does.
 * Usage: bench_store [FOLDER] [N]   (FOLDER on the disk to measure; default /var/tmp) */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fsdecl/eval.h"
#include "fsdecl/store.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    const char *folder = argc > 1 ? argv[1] : "/var/tmp";
    unsigned n = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 10) : 120000;
    char root[512];
    snprintf(root, sizeof root, "%s/fsdecl-bench-XXXXXX", folder);
    if (!mkdtemp(root)) {
        perror(root);
        return 1;
    }
    diag_list d;
    diag_init(&d);
    store_t s;
    decl_t *x = decl_load(FSDECL_SOURCE_DIR "/data/examples/gp-complete.cfg", &d);
    if (!x || !store_open(&s, root, &d)) {
        fprintf(stderr, "bench_store: setup failed\n");
        return 1;
    }
    /* saves: temporary file, write, fsync, backup link, rename, fsync of the folder */
    enum { SAVES = 300 };
    static double t[SAVES];
    for (int i = 0; i < SAVES; i++) {
        double t0 = now();
        if (!store_save(&s, x, &d)) {
            fprintf(stderr, "bench_store: save failed\n");
            return 1;
        }
        t[i] = now() - t0;
    }
    qsort(t, SAVES, sizeof t[0], cmp_double);
    printf("saves: %d\n", SAVES);
    printf("save_ms_median: %.2f\n", t[SAVES / 2] * 1000);
    printf("save_ms_p99: %.2f\n", t[SAVES * 99 / 100] * 1000);
    printf("save_ms_worst: %.2f\n", t[SAVES - 1] * 1000);

    /* a store of n drafts, written directly (no fsync: only the listing is measured) */
    size_t len;
    char *text = decl_write(x, "bench", &len);
    char path[PATH_MAX];
    double t0 = now();
    for (unsigned i = 0; i < n; i++) {
        char name[STORE_NAME_MAX], rpps[12];
        snprintf(rpps, sizeof rpps, "%011u", 20000000u + i);
        store_name(2025, rpps, name);
        store_draft_path(&s, name, path, sizeof path);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd < 0 || write(fd, text, len) != (ssize_t)len) {
            perror(path);
            return 1;
        }
        close(fd);
    }
    printf("drafts_created: %u in %.1f s\n", n, now() - t0);
    store_entry *v;
    t0 = now();
    size_t listed = 0;
    store_list(&s, &v, &listed, &d);
    printf("list_names_seconds: %.3f (%zu drafts)\n", now() - t0, listed);
    const char *dirs[] = {FSDECL_SOURCE_DIR "/data/lists"};
    rules_campaign *c = rules_load(FSDECL_SOURCE_DIR "/rules/2025.cfg", dirs, 1, &d);
    t0 = now();
    int64_t total = 0;
    for (size_t i = 0; i < listed; i++) {
        decl_t *y = store_load(&s, v[i].name, &d);
        eval_result *r = y ? eval_declaration(c, y, (date_t){2025, 12, 20}) : NULL;
        total += r ? r->max_cents : 0;
        eval_free(r);
        decl_free(y);
    }
    printf("list_full_seconds: %.3f (each draft read and judged; checksum %lld)\n", now() - t0,
           (long long)total);
    free(v);
    free(text);
    rules_free(c);
    decl_free(x);
    diag_free(&d);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : 1;
}
