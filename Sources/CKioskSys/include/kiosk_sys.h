#ifndef KIOSK_SYS_H
#define KIOSK_SYS_H

/* Small C shims for what Swift cannot express safely: async-signal-safe
 * terminal restoration, ioctls with variadic signatures, directory fsync, and
 * kernel structs read through accessors (no offset is hard-coded in Swift).
 * Every symbol is prefixed with kiosk_. Only the KioskSystem module imports
 * this header; everything else goes through its Swift API. */

#include <stddef.h>
#include <stdint.h>
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

/* Sets the terminal size of fd (TIOCSWINSZ; on a pty's controller the device side gets
 * SIGWINCH when it changes). Returns 0 or -errno. */
int kiosk_tty_set_size(int fd, int rows, int cols);

/* Opens a new pseudo-terminal of rows x cols: returns the controller descriptor (close-on-exec)
 * and writes the device path (/dev/pts/N) into name; -errno on failure. */
int kiosk_pty_open(char *name, size_t len, int rows, int cols);

/* EVIOCGRAB: take (1) or release (0) exclusive access to an evdev device. */
int kiosk_evdev_grab(int fd, int grab);

/* Size in bytes of the kernel's struct input_event (24 on 64-bit Linux). */
size_t kiosk_evdev_event_size(void);

/* Decodes the index-th struct input_event in buf (len bytes): its type, code
 * and value. Returns 0, or -1 when the event does not lie wholly inside buf. */
int kiosk_evdev_event_at(const uint8_t *buf, size_t len, size_t index,
                         uint16_t *type, uint16_t *code, int32_t *value);

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

/* A non-blocking, close-on-exec eventfd starting at 0; -1 and errno on failure. */
int kiosk_eventfd(void);

/// pipe2(2) with O_CLOEXEC, and O_NONBLOCK when nonblocking is 1: both ends close-on-exec from the start.
int kiosk_pipe(int fds[2], int nonblocking);

/* sd_notify(3) without libsystemd: sends msg (len bytes) as one datagram to the unix socket at
 * path ('@' first: the abstract namespace). Returns 0 or -errno. */
int kiosk_notify_send(const char *path, const char *msg, size_t len);

/* Whether NTP keeps the kernel's clock in step (adjtimex, read only): 1 yes, 0 no, -errno. */
int kiosk_clock_synchronized(void);

/* Names the calling thread (first 15 bytes, as /proc/self/task/N/comm shows). */
void kiosk_name_thread(const char *name);

#ifdef __cplusplus
}
#endif
#endif
