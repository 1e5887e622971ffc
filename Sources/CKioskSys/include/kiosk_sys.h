#ifndef KIOSK_SYS_H
#define KIOSK_SYS_H

/* Small C shims for what Swift cannot express safely: async-signal-safe
 * terminal restoration, ioctls with variadic signatures, and directory fsync.
 * Every symbol is prefixed with kiosk_. */

#include <stddef.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Saves the terminal state of fd, switches it to raw mode and writes
 * `enter` (alternate screen, mouse reporting ...). Returns 0 or -errno. */
int kiosk_tty_enter(int fd, const char *enter, size_t enter_len, const char *leave, size_t leave_len);

/* Writes the saved `leave` sequence and restores the saved termios.
 * Async-signal-safe and idempotent: safe from signal handlers. */
void kiosk_tty_restore(void);

/* Installs handlers for SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT and SIGTRAP
 * that restore the terminal and then re-raise the signal. */
void kiosk_tty_install_crash_handlers(void);

/* Terminal size in cells. Returns 0 or -errno. */
int kiosk_tty_size(int fd, int *rows, int *cols);

/* EVIOCGRAB: take (1) or release (0) exclusive access to an evdev device. */
int kiosk_evdev_grab(int fd, int grab);

/* EVIOCGNAME into buf. Returns length or -errno. */
int kiosk_evdev_name(int fd, char *buf, size_t len);

/* Opens a directory and fsyncs it, so that a rename inside it is durable. */
int kiosk_fsync_dir(const char *path);

/* Puts a serial tty into raw mode at the given baud rate (9600, 115200 ...). */
int kiosk_serial_raw(int fd, int baud);

/* True (1) when fd is a terminal. */
int kiosk_isatty(int fd);

/* posix_spawn with an empty signal mask and default dispositions (threads of
 * the Swift runtime block most signals, and a child would inherit that),
 * stdin/stdout/stderr from the given fds (-1: inherit), every other fd
 * closed, and optionally a new process group. Returns 0 or an errno. */
int kiosk_spawn(const char *path, char *const argv[], char *const envp[],
                int fd_in, int fd_out, int fd_err, int new_process_group, pid_t *pid_out);

/* An anonymous in-memory file (memfd_create, close-on-exec); -1 and errno on failure. */
int kiosk_memfd(const char *name);

#ifdef __cplusplus
}
#endif
#endif
