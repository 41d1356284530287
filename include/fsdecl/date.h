/* date: calendar dates without time zones, as written in rules and drafts. */
#ifndef FSDECL_DATE_H
#define FSDECL_DATE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    int year, month, day;
} date_t;

typedef enum {
    DATE_OK,
    DATE_MALFORMED,  /* not "YYYY-MM-DD" */
    DATE_IMPOSSIBLE, /* well formed, but not in the calendar (2025-02-30) */
} date_status;

/* Parses exactly "YYYY-MM-DD", years 1900 to 2199. */
date_status date_parse(const char *s, date_t *out);
bool date_is_valid(date_t d);
/* <0, 0, >0 like strcmp. */
int date_cmp(date_t a, date_t b);
/* "04/02/2024" into buf (at least 11 bytes). */
void date_format_fr(date_t d, char *buf, size_t size);
/* A store's time stamp "2024-02-04 14:32:05" as "04/02/2024 à 14:32"; anything else as it is. */
void date_stamp_fr(const char *stamp, char *buf, size_t size);
/* "2024-02-04" into buf (at least 11 bytes). */
void date_format_iso(date_t d, char *buf, size_t size);
/* Days since 1970-01-01 (proleptic Gregorian). */
long date_to_days(date_t d);

#endif
