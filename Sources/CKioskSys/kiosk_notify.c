#define _GNU_SOURCE
#include "kiosk_sys.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* sd_notify(3) without libsystemd: one datagram to $NOTIFY_SOCKET. A path starting with '@'
 * names a socket in the abstract namespace (the '@' becomes a NUL byte). */
int kiosk_notify_send(const char *path, const char *msg, size_t len) {
    struct sockaddr_un addr;
    size_t plen = strlen(path);
    if (plen == 0 || plen >= sizeof(addr.sun_path)) return -EINVAL;
    memset(&addr, 0, sizeof(addr));
    addr.sun_family = AF_UNIX;
    memcpy(addr.sun_path, path, plen);
    if (path[0] == '@') addr.sun_path[0] = '\0';
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -errno;
    socklen_t alen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + plen + (path[0] == '@' ? 0 : 1));
    ssize_t n;
    do {
        n = sendto(fd, msg, len, MSG_NOSIGNAL, (struct sockaddr *)&addr, alen);
    } while (n < 0 && errno == EINTR);
    int err = n < 0 ? errno : 0;
    close(fd);
    return -err;
}
