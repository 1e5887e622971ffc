#define _GNU_SOURCE
#include "kiosk_sys.h"

#include <errno.h>
#include <sys/timex.h>

/* Whether the kernel's clock is kept in step by NTP (chrony, systemd-timesyncd, ntpd): adjtimex
 * read-only (modes 0) reports TIME_ERROR or STA_UNSYNC when no one has disciplined it lately.
 * Returns 1 synchronised, 0 not, -errno when the kernel will not say. */
int kiosk_clock_synchronized(void) {
    struct timex t = {0};
    int state = adjtimex(&t);
    if (state < 0) return -errno;
    return (state == TIME_ERROR || (t.status & STA_UNSYNC)) ? 0 : 1;
}
