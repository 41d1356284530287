#include "fsdecl/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
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
