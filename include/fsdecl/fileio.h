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
/* Whether path names a folder (followed through a symbolic link). */
bool fileio_is_dir(const char *path);
/* The names in folder dir that end with suffix (and are longer than it), not starting with a
 * dot, sorted bytewise: *n of them in *out (malloc'ed, each and the array; fileio_names_free).
 * False with *err an errno value when the folder cannot be read to the end (nothing in *out). */
bool fileio_list_suffix(const char *dir, const char *suffix, char ***out, size_t *n, int *err);
void fileio_names_free(char **names, size_t n);

#endif
