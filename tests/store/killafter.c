/* killafter: runs a command and kills it with SIGKILL after a random delay, for the store's kill
 * tests. Usage: killafter MAX_MICROSECONDS COMMAND [ARG...]. The delay is drawn from 0 to
 * MAX_MICROSECONDS; exits 0 once the command has ended, killed or not. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: killafter MAX_MICROSECONDS COMMAND [ARG...]\n", stderr);
        return 2;
    }
    long max = strtol(argv[1], NULL, 10);
    unsigned r = 0;
    if (getrandom(&r, sizeof r, 0) != sizeof r)
        r = (unsigned)getpid() ^ (unsigned)time(NULL);
    long delay = max > 0 ? (long)(r % (unsigned long)(max + 1)) : 0;
    pid_t pid = fork();
    if (pid < 0)
        return 2;
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        _exit(127);
    }
    struct timespec ts = {delay / 1000000, (delay % 1000000) * 1000};
    nanosleep(&ts, NULL);
    kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    return 0;
}
