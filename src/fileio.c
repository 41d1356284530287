#include "fsdecl/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *fileio_read(const char *path, size_t max, bool nofollow, size_t *len, int *err)
{
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (nofollow ? O_NOFOLLOW : 0));
    if (fd < 0) {
        *err = errno;
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        *err = EINVAL;
        close(fd);
        return NULL;
    }
    if ((unsigned long long)st.st_size > max) {
        *err = EFBIG;
        *len = (size_t)st.st_size;
        close(fd);
        return NULL;
    }
    /* sized by fstat; one byte more lets a file that grew meanwhile be caught */
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *buf = malloc(cap + 1);
    if (!buf) {
        *err = ENOMEM;
        close(fd);
        return NULL;
    }
    for (;;) {
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            *err = errno;
            free(buf);
            close(fd);
            return NULL;
        }
        if (r == 0)
            break;
        n += (size_t)r;
        if (n == cap) {
            if (cap > max) {
                *err = EFBIG;
                *len = n;
                free(buf);
                close(fd);
                return NULL;
            }
            size_t ncap = cap * 2 < max + 1 ? cap * 2 : max + 1;
            char *nb = realloc(buf, ncap + 1);
            if (!nb) {
                *err = ENOMEM;
                free(buf);
                close(fd);
                return NULL;
            }
            buf = nb;
            cap = ncap;
        }
    }
    close(fd);
    buf[n] = '\0';
    *len = n;
    return buf;
}

bool fileio_null_streams(FILE **in, FILE **out)
{
    *in = fopen("/dev/null", "r");
    *out = fopen("/dev/null", "w");
    if (*in && *out)
        return true;
    if (*in)
        fclose(*in);
    if (*out)
        fclose(*out);
    *in = *out = NULL;
    return false;
}

struct dirent *fileio_next_entry(DIR *dir, int *err)
{
    errno = 0;
    struct dirent *e = readdir(dir);
    if (!e)
        *err = errno;
    return e;
}

bool fileio_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void fileio_names_free(char **names, size_t n)
{
    for (size_t i = 0; names && i < n; i++)
        free(names[i]);
    free(names);
}

bool fileio_list_suffix(const char *dir, const char *suffix, char ***out, size_t *n, int *err)
{
    *out = NULL;
    *n = 0;
    *err = 0;
    DIR *d = opendir(dir);
    if (!d) {
        *err = errno;
        return false;
    }
    char **names = NULL;
    size_t count = 0, cap = 0, ls = strlen(suffix);
    struct dirent *e;
    while ((e = fileio_next_entry(d, err)) != NULL) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len <= ls || strcmp(e->d_name + len - ls, suffix) != 0)
            continue;
        if (count == cap) {
            cap = cap ? cap * 2 : 64;
            char **more = realloc(names, cap * sizeof *names);
            if (!more) {
                *err = ENOMEM;
                break;
            }
            names = more;
        }
        if (!(names[count] = strdup(e->d_name))) {
            *err = ENOMEM;
            break;
        }
        count++;
    }
    closedir(d);
    if (*err) {
        fileio_names_free(names, count);
        return false;
    }
    if (count)
        qsort(names, count, sizeof *names, by_name);
    *out = names;
    *n = count;
    return true;
}
