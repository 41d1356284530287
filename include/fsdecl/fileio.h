/* fileio: reading a whole small file, the one way every reader of the core does it. */
#ifndef FSDECL_FILEIO_H
#define FSDECL_FILEIO_H

#include <dirent.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Reads the regular file at path, of at most max bytes, into a malloc'ed NUL-terminated buffer
 * (*len bytes). NULL on failure with *err: an errno value from open or read, ELOOP for a symbolic
 * link when nofollow, EINVAL when it is not a regular file (a FIFO never blocks the reader), EFBIG
 * when it is larger than max (then *len is its size), ENOMEM. */
char *fileio_read(const char *path, size_t max, bool nofollow, size_t *len, int *err);
/* Streams on the null device, for a screen drawn nowhere (the wizard's script mode); false, with
 * nothing left open, when either cannot be opened. */
bool fileio_null_streams(FILE **in, FILE **out);
/* The next entry of a folder being listed; NULL at the end, or on an error, whose errno value then
 * goes to *err (left 0 at a true end). readdir alone says "end" for both: a listing is complete
 * only when *err is still 0. */
struct dirent *fileio_next_entry(DIR *dir, int *err);

#endif
