#include "fsdecl/date.h"

#include <stdio.h>
#include <string.h>

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

bool date_is_valid(date_t d)
{
    return d.year >= 1900 && d.year <= 2199 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
           d.day <= days_in_month(d.year, d.month);
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

date_status date_parse(const char *s, date_t *out)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return DATE_MALFORMED;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 0 || m < 0 || d < 0)
        return DATE_MALFORMED;
    date_t r = {y, m, d};
    if (!date_is_valid(r))
        return DATE_IMPOSSIBLE;
    if (out)
        *out = r;
    return DATE_OK;
}

int date_cmp(date_t a, date_t b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return 0;
}

void date_format_fr(date_t d, char *buf, size_t size)
{
    snprintf(buf, size, "%02d/%02d/%04d", d.day, d.month, d.year);
}

void date_stamp_fr(const char *stamp, char *buf, size_t size)
{
    int y, mo, d, h, mi, used = 0;
    if (stamp && sscanf(stamp, "%4d-%2d-%2d %2d:%2d%n", &y, &mo, &d, &h, &mi, &used) == 5 &&
        used == 16)
        snprintf(buf, size, "%02d/%02d/%04d à %02d:%02d", d, mo, y, h, mi);
    else
        snprintf(buf, size, "%s", stamp ? stamp : "");
}

void date_format_iso(date_t d, char *buf, size_t size)
{
    snprintf(buf, size, "%04d-%02d-%02d", d.year, d.month, d.day);
}

long date_to_days(date_t d)
{
    /* Howard Hinnant's days_from_civil. */
    long y = d.year - (d.month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long mp = (d.month + 9) % 12;
    long doy = (153 * mp + 2) / 5 + d.day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}
