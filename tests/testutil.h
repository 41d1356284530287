/* Helpers shared by the unit tests (include after cmocka.h). */
#ifndef FSDECL_TESTUTIL_H
#define FSDECL_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>

/* A whole file, NUL-terminated; its length in *len when len is not NULL. Fails the test when
 * the file cannot be read. */
static inline char *test_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    if (len)
        *len = (size_t)n;
    return buf;
}

#endif
