#define _GNU_SOURCE
#include "test_pty.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int test_pty_open(char *name, size_t len) {
    int fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return -1;
    if (grantpt(fd) != 0 || unlockpt(fd) != 0 || ptsname_r(fd, name, len) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}
