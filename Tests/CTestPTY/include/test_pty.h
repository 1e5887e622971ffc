#ifndef TEST_PTY_H
#define TEST_PTY_H
#include <stddef.h>

/* Opens a new pseudo-terminal: returns the controller (master) descriptor,
 * close-on-exec, and writes the device (slave) path into name; -1 and errno
 * on failure. For tests only (KioskTestSupport's PseudoTerminal). */
int test_pty_open(char *name, size_t len);

/* A datagram unix socket bound to path (non-blocking, close-on-exec), as systemd's
 * NOTIFY_SOCKET is: the watchdog test reads kioskd's READY=1 and WATCHDOG=1 from it.
 * -1 and errno on failure. For tests only (KioskTestSupport's NotifySocket). */
int test_dgram_bind(const char *path);

#endif
