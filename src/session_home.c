/* session_home: what the home screen shows (the campaign of the day and the drafts, each judged),
 * and a memo of it in the store, so that the next start can show it before reading any rules
 * (libconfig takes about 3 ms to parse a campaign and its lists).
 *
 * The memo is a cache, never a source: it is recalled only when everything its figures were
 * judged from is the same, byte for byte (this program's version, every file a campaign can be
 * read from, each draft), and today is one of the days on which the judging would give the same
 * (between the dates it compared today with: date_cmp_within); and the wizard judges again right
 * after its first frame and shows any difference. Missing, damaged or out of date, it is not used
 * and is written again; it is never an error. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fsdecl/fileio.h"
#include "fsdecl/session.h"
#include "fsdecl/text.h"
#include "session_internal.h"

#ifndef FSDECL_VERSION
#define FSDECL_VERSION "dev"
#endif

enum { MEMO_MAX = 1 << 20, DIR_MAX_FILES = 256 };
static const char MEMO_FILE[] = "home.memo";
static const char MEMO_MAGIC[] = "fsdecl-home-memo 1";

/* ---- fingerprints ---------------------------------------------------------------------------- */

#define PRIME UINT64_C(1099511628211)

/* FNV-1a taken a word at a time. A fingerprint against accidents (the files are the user's own),
 * not against forgery. */
static uint64_t mix_bytes(uint64_t h, const void *data, size_t n)
{
    const unsigned char *b = data;
    for (; n >= 8; n -= 8, b += 8) {
        uint64_t w;
        memcpy(&w, b, sizeof w);
        h = (h ^ w) * PRIME;
        h ^= h >> 31;
    }
    for (; n; n--, b++)
        h = (h ^ *b) * PRIME;
    return h;
}

/* The length first, so that no two inputs run together. */
static uint64_t mix(uint64_t h, const void *data, size_t n)
{
    return mix_bytes((h ^ (uint64_t)n) * PRIME, data, n);
}

/* A file's name, size and bytes, read through one buffer (no memory to fault in before the first
 * frame); a file that cannot be read counts by its name and the error. false when it cannot. */
static bool mix_file(uint64_t *h, const char *path, bool nofollow)
{
    *h = mix(*h, path, strlen(path));
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (nofollow ? O_NOFOLLOW : 0));
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        *h = mix(*h, "?", 1);
        if (fd >= 0)
            close(fd);
        return false;
    }
    *h = (*h ^ (uint64_t)st.st_size) * PRIME;
    char buf[16384]; /* a multiple of 8: the words are those of one pass */
    ssize_t r;
    while ((r = read(fd, buf, sizeof buf)) > 0 || (r < 0 && errno == EINTR))
        *h = r > 0 ? mix_bytes(*h, buf, (size_t)r) : *h;
    close(fd);
    if (r < 0)
        *h = mix(*h, "?", 1);
    return r == 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every .cfg file of a folder, in the order of their names. */
static uint64_t mix_folder(uint64_t h, const char *dir)
{
    DIR *d = opendir(dir);
    h = mix(h, dir, strlen(dir));
    if (!d)
        return mix(h, "-", 1);
    char *names[DIR_MAX_FILES];
    size_t n = 0;
    int err = 0;
    for (struct dirent *e; n < DIR_MAX_FILES && (e = fileio_next_entry(d, &err));) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".cfg") == 0 && (names[n] = strdup(e->d_name)))
            n++;
    }
    closedir(d);
    if (err) /* a listing cut short is no fingerprint of the folder: one that matches no memo */
        h = mix(h, "?", 1) ^ (uint64_t)time(NULL);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        char path[PATH_MAX + 256];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        mix_file(&h, path, false);
        free(names[i]);
    }
    return h;
}

/* Everything a campaign can be read from: the rules folder (campaigns, and lists kept beside
 * them) and the list folders. */
uint64_t session_rules_print(const paths_t *p)
{
    uint64_t h = mix_folder(UINT64_C(14695981039346656037), p->rules_dir);
    for (size_t i = 0; i < p->nlist_dirs; i++)
        h = mix_folder(h, p->list_dirs[i]);
    return h;
}

uint64_t session_draft_print(const store_t *st, const char *name)
{
    char path[PATH_MAX + 64];
    store_draft_path(st, name, path, sizeof path);
    uint64_t h = UINT64_C(14695981039346656037);
    bool read = mix_file(&h, path, true);
    return read && h > 1 ? h : 1; /* 1: not read, and never recalled (read_draft) */
}

/* ---- the home, judged ------------------------------------------------------------------------ */

static void campaign_of_day(session *s, session_home *h)
{
    int year = session_current_year(s);
    const rules_campaign *c = year ? session_campaign(s, year, NULL) : NULL;
    if (!c)
        return;
    h->year = c->year;
    snprintf(h->title, sizeof h->title, "%s", c->title);
    h->opens = c->window.opens;
    h->opens_approximate = c->window.opens_approximate;
    h->has_closes = c->window.has_closes;
    h->closes = c->window.has_closes ? c->window.closes : (date_t){0, 0, 0};
    h->closes_inferred = c->window.closes_inferred;
}

static void remember(session *s, const session_home *h);

void session_home_read(session *s, session_home *h)
{
    memset(h, 0, sizeof *h);
    session_home_fingerprint(s); /* before any rules are read, if they were not yet */
    campaign_of_day(s, h);
    diag_list d;
    diag_init(&d);
    session_list_drafts(s, &h->drafts, &h->n, true, &d);
    snprintf(h->problem, sizeof h->problem, "%s", d.count ? d.items[0].message : "");
    diag_free(&d);
    if (!h->problem[0]) /* a damaged rules or list file: named, not « no campaign found » */
        session_rules_problem(s, h->problem, sizeof h->problem);
    h->same_days[0] = LONG_MIN, h->same_days[1] = LONG_MAX;
    session_current_days(s, h->same_days);
    for (size_t i = 0; i < h->n; i++) {
        const long *r = h->drafts[i].same_days;
        h->same_days[0] = r[0] > h->same_days[0] ? r[0] : h->same_days[0];
        h->same_days[1] = r[1] < h->same_days[1] ? r[1] : h->same_days[1];
    }
    if (!h->problem[0])
        remember(s, h);
}

void session_home_free(session_home *h)
{
    free(h->drafts);
    memset(h, 0, sizeof *h);
}

static bool same_entry(const store_entry *a, const store_entry *b)
{
    return strcmp(a->name, b->name) == 0 && a->year == b->year && strcmp(a->rpps, b->rpps) == 0 &&
           a->saved == b->saved && a->has_recovery == b->has_recovery && a->versions == b->versions;
}

static bool same_summary(const session_summary *a, const session_summary *b)
{
    return same_entry(&a->entry, &b->entry) && strcmp(a->who, b->who) == 0 &&
           a->state == b->state && a->nblocking == b->nblocking && a->min_tenths == b->min_tenths &&
           a->max_tenths == b->max_tenths && a->min_cents == b->min_cents &&
           a->max_cents == b->max_cents;
}

bool session_home_equal(const session_home *a, const session_home *b)
{
    if (a->year != b->year || strcmp(a->title, b->title) != 0 ||
        date_cmp(a->opens, b->opens) != 0 || a->opens_approximate != b->opens_approximate ||
        a->has_closes != b->has_closes || date_cmp(a->closes, b->closes) != 0 ||
        a->closes_inferred != b->closes_inferred || strcmp(a->problem, b->problem) != 0 ||
        a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (!same_summary(&a->drafts[i], &b->drafts[i]))
            return false;
    return true;
}

/* ---- the memo -------------------------------------------------------------------------------- */

/* "fsdecl-home-memo 1 VERSION RULES-PRINT": what every line below was judged from. */
static void memo_head(session *s, char *buf, size_t size)
{
    snprintf(buf, size, "%s %s %016" PRIx64, MEMO_MAGIC, FSDECL_VERSION,
             session_home_fingerprint(s));
}

static char *memo_text(session *s, const session_home *h)
{
    size_t size = 1024 + h->n * 512, n = 0;
    char *buf = malloc(size);
    if (!buf)
        return NULL;
    memo_head(s, buf, size);
    n = strlen(buf);
    n += (size_t)snprintf(buf + n, size - n, "\ndays %ld %ld", h->same_days[0], h->same_days[1]);
    n += (size_t)snprintf(buf + n, size - n, "\ncampaign %d %04d-%02d-%02d %d %04d-%02d-%02d %d\n",
                          h->year, h->opens.year, h->opens.month, h->opens.day,
                          h->opens_approximate, h->closes.year, h->closes.month, h->closes.day,
                          h->has_closes ? 1 + h->closes_inferred : 0); /* 2: inferred */
    n += (size_t)snprintf(buf + n, size - n, "title %s\n", h->title);
    for (size_t i = 0; i < h->n && n < size; i++) {
        const session_summary *d = &h->drafts[i];
        n += (size_t)snprintf(buf + n, size - n,
                              "draft %s %016" PRIx64 " %d %zu %" PRId64 " %" PRId64 " %" PRId64
                              " %" PRId64 " %s\n",
                              d->entry.name, d->print, (int)d->state, d->nblocking, d->min_tenths,
                              d->max_tenths, d->min_cents, d->max_cents, d->who);
    }
    if (n < size)
        n += (size_t)snprintf(buf + n, size - n, "end\n"); /* a memo cut short has none */
    if (n >= size) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* Written beside the drafts when it says something new: a temporary file renamed over it. */
static void remember(session *s, const session_home *h)
{
    const store_t *st = session_store_located(s, NULL); /* it holds drafts: it exists */
    char *text = st && h->n ? memo_text(s, h) : NULL;
    char path[PATH_MAX + 32], tmp[PATH_MAX + 64];
    size_t len;
    int err;
    snprintf(path, sizeof path, "%s/%s", st ? st->root : "", MEMO_FILE);
    char *old = text ? fileio_read(path, MEMO_MAX, true, &len, &err) : NULL;
    bool same = old && strcmp(old, text) == 0;
    free(old);
    if (!text || same) {
        free(text);
        return;
    }
    snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", st->root, MEMO_FILE);
    int fd = mkstemp(tmp); /* 0600 */
    bool ok = fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text);
    if (fd >= 0 && close(fd) != 0)
        ok = false;
    if (fd >= 0 && (!ok || rename(tmp, path) != 0))
        unlink(tmp);
    free(text);
}

/* A text as the memo keeps it: valid UTF-8, no control character, shorter than size. */
static bool memo_string(const char *s, char *out, size_t size)
{
    if (strlen(s) >= size || !text_utf8_valid(s) || text_has_control(s, false))
        return false;
    strcpy(out, s);
    return true;
}

static bool memo_date(int y, int m, int d, date_t *out)
{
    *out = (date_t){y, m, d};
    return (y == 0 && m == 0 && d == 0) || date_is_valid(*out);
}

static bool read_campaign(const char *line, session_home *h)
{
    int y, oy, om, od, approx, cy, cm, cd, closes, n = 0;
    if (sscanf(line, "campaign %d %d-%d-%d %d %d-%d-%d %d%n", &y, &oy, &om, &od, &approx, &cy, &cm,
               &cd, &closes, &n) != 9 ||
        line[n] || (approx != 0 && approx != 1) || closes < 0 || closes > 2)
        return false;
    h->year = y;
    h->opens_approximate = approx, h->has_closes = closes != 0, h->closes_inferred = closes == 2;
    return memo_date(oy, om, od, &h->opens) && memo_date(cy, cm, cd, &h->closes);
}

/* A draft's line, for the entry the store lists: only when the draft's bytes are the ones
 * judged. */
static bool read_draft(const char *line, const store_t *st, session_summary *sum)
{
    char name[STORE_NAME_MAX + 1];
    uint64_t print;
    int state, n = 0;
    if (sscanf(line,
               "draft %32s %" SCNx64 " %d %zu %" SCNd64 " %" SCNd64 " %" SCNd64 " %" SCNd64 "%n",
               name, &print, &state, &sum->nblocking, &sum->min_tenths, &sum->max_tenths,
               &sum->min_cents, &sum->max_cents, &n) != 8 ||
        line[n] != ' ' || strcmp(name, sum->entry.name) != 0 || state < SESSION_DRAFT_JUDGED ||
        state > SESSION_DRAFT_CLOSED || print == 1 || print != session_draft_print(st, name))
        return false;
    sum->state = (session_draft_state)state;
    sum->print = print;
    return memo_string(line + n + 1, sum->who, sizeof sum->who); /* as written */
}

/* "days FROM UNTIL": the days the memo holds for, today among them. */
static bool read_days(const char *line, session *s, session_home *h)
{
    long today = date_to_days(session_today(s)), *days = h->same_days;
    int n = 0;
    return line && sscanf(line, "days %ld %ld%n", &days[0], &days[1], &n) == 2 && !line[n] &&
           days[0] <= today && today <= days[1];
}

/* The head written by this version, and the fingerprint of the rules it gives. */
static bool read_head(const char *line, uint64_t *rules)
{
    char start[128];
    int n = 0;
    size_t k = (size_t)snprintf(start, sizeof start, "%s %s ", MEMO_MAGIC, FSDECL_VERSION);
    return line && strncmp(line, start, k) == 0 &&
           sscanf(line + k, "%" SCNx64 "%n", rules, &n) == 1 && !line[k + (size_t)n];
}

/* The lines of the memo in order: the head, the days, the campaign, its title, a line for each
 * draft the store lists, and "end"; *rules, the fingerprint of the rules they were judged with. */
static bool recall_lines(session *s, char *text, const store_t *st, session_home *h,
                         uint64_t *rules)
{
    char *save = NULL, *line = strtok_r(text, "\n", &save);
    if (!read_head(line, rules) || !read_days(line = strtok_r(NULL, "\n", &save), s, h))
        return false;
    size_t i = 0;
    bool campaign = false, title = false, end = false;
    for (line = strtok_r(NULL, "\n", &save); line && !end; line = strtok_r(NULL, "\n", &save)) {
        if (strcmp(line, "end") == 0)
            end = true;
        else if (strncmp(line, "campaign ", 9) == 0 && !campaign)
            campaign = read_campaign(line, h);
        else if (strncmp(line, "title ", 6) == 0 && campaign && !title)
            title = memo_string(line + 6, h->title, sizeof h->title);
        else if (strncmp(line, "draft ", 6) == 0 && title && i < h->n &&
                 read_draft(line, st, &h->drafts[i]))
            i++;
        else
            return false;
    }
    return end && !line && title && i == h->n;
}

bool session_home_recall(session *s, session_home *h)
{
    memset(h, 0, sizeof *h);
    diag_list d;
    diag_init(&d);
    const store_t *st = session_store_located(s, &d);
    store_entry *v = NULL;
    size_t n = 0;
    bool ok = st && store_list(st, &v, &n, &d) && !d.count && n &&
              (h->drafts = calloc(n, sizeof *h->drafts));
    diag_free(&d);
    for (size_t i = 0; ok && i < n; i++)
        h->drafts[i].entry = v[i];
    free(v);
    h->n = ok ? n : 0;
    char path[PATH_MAX + 32];
    size_t len;
    int err;
    uint64_t rules;
    snprintf(path, sizeof path, "%s/%s", st ? st->root : "", MEMO_FILE);
    char *text = ok ? fileio_read(path, MEMO_MAX, true, &len, &err) : NULL;
    /* the rules' fingerprint last: it reads the most */
    ok = text && strlen(text) == len && recall_lines(s, text, st, h, &rules) &&
         rules == session_home_fingerprint(s);
    free(text);
    if (!ok)
        session_home_free(h);
    return ok;
}
