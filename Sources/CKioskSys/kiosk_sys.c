#define _GNU_SOURCE
#include "kiosk_sys.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <stddef.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/mman.h>
#include <termios.h>
#include <unistd.h>
#include <linux/input.h>

static struct termios kiosk_saved_termios;
static volatile sig_atomic_t kiosk_tty_active = 0;
static int kiosk_tty_fd = -1;
static char kiosk_leave_seq[256];
static size_t kiosk_leave_len = 0;

static void kiosk_write_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return;
        }
        p += w;
        n -= (size_t)w;
    }
}

int kiosk_tty_enter(int fd, const char *enter, size_t enter_len, const char *leave, size_t leave_len) {
    struct termios raw;
    if (tcgetattr(fd, &kiosk_saved_termios) != 0) return -errno;
    if (leave_len >= sizeof(kiosk_leave_seq)) return -EINVAL;
    memcpy(kiosk_leave_seq, leave, leave_len);
    kiosk_leave_len = leave_len;
    raw = kiosk_saved_termios;
    raw.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    raw.c_oflag &= ~OPOST;
    raw.c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    raw.c_cflag &= ~(CSIZE | PARENB);
    raw.c_cflag |= CS8;
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    if (tcsetattr(fd, TCSAFLUSH, &raw) != 0) return -errno;
    kiosk_tty_fd = fd;
    kiosk_tty_active = 1;
    kiosk_write_all(fd, enter, enter_len);
    return 0;
}

void kiosk_tty_restore(void) {
    if (!kiosk_tty_active) return;
    kiosk_tty_active = 0;
    kiosk_write_all(kiosk_tty_fd, kiosk_leave_seq, kiosk_leave_len);
    /* Wait until the terminal has taken the bytes: a process that exits right
     * after writing can otherwise lose the tail of the sequence. */
    tcdrain(kiosk_tty_fd);
    tcsetattr(kiosk_tty_fd, TCSADRAIN, &kiosk_saved_termios);
}

static void kiosk_crash_handler(int sig) {
    int saved = errno;
    kiosk_tty_restore();
    errno = saved;
    /* SA_RESETHAND restored the default action: re-raise to crash for real. */
    raise(sig);
}

void kiosk_tty_install_crash_handlers(void) {
    static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = kiosk_crash_handler;
    sa.sa_flags = SA_RESETHAND | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaction(sigs[i], &sa, NULL);
}

int kiosk_tty_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -errno;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

int kiosk_tty_set_size(int fd, int rows, int cols) {
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    ws.ws_row = (unsigned short)rows;
    ws.ws_col = (unsigned short)cols;
    if (ioctl(fd, TIOCSWINSZ, &ws) != 0) return -errno;
    return 0;
}

int kiosk_pty_open(char *name, size_t len, int rows, int cols) {
    int fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return -errno;
    int r = 0;
    if (grantpt(fd) != 0 || unlockpt(fd) != 0 || ptsname_r(fd, name, len) != 0) r = -errno;
    if (r == 0) r = kiosk_tty_set_size(fd, rows, cols);
    if (r != 0) {
        close(fd);
        return r;
    }
    return fd;
}

int kiosk_evdev_grab(int fd, int grab) {
    if (ioctl(fd, EVIOCGRAB, grab ? 1 : 0) != 0) return -errno;
    return 0;
}

/* The evdev event layout read by kiosk_evdev_event_at and relied on by the
 * recorded fixtures (evemu replays through umockdev): on 64-bit Linux a
 * struct timeval (16 bytes), then type, code and value. */
#if defined(__LP64__)
_Static_assert(sizeof(struct input_event) == 24, "struct input_event is 24 bytes on 64-bit Linux");
_Static_assert(offsetof(struct input_event, type) == 16, "input_event.type at byte 16");
_Static_assert(offsetof(struct input_event, code) == 18, "input_event.code at byte 18");
_Static_assert(offsetof(struct input_event, value) == 20, "input_event.value at byte 20");
#endif
_Static_assert(sizeof(((struct input_event *)0)->type) == sizeof(uint16_t), "input_event.type is 16 bits");
_Static_assert(sizeof(((struct input_event *)0)->code) == sizeof(uint16_t), "input_event.code is 16 bits");
_Static_assert(sizeof(((struct input_event *)0)->value) == sizeof(int32_t), "input_event.value is 32 bits");
/* kiosk_spawn hands the pid back through a pid_t that Swift sees as Int32. */
_Static_assert(sizeof(pid_t) == sizeof(int32_t), "pid_t is 32 bits");

size_t kiosk_evdev_event_size(void) { return sizeof(struct input_event); }

int kiosk_evdev_event_at(const uint8_t *buf, size_t len, size_t index,
                         uint16_t *type, uint16_t *code, int32_t *value) {
    struct input_event ev;
    if (index >= len / sizeof ev) return -1;
    memcpy(&ev, buf + index * sizeof ev, sizeof ev);   /* buf need not be aligned */
    *type = ev.type;
    *code = ev.code;
    *value = ev.value;
    return 0;
}

int kiosk_fsync_dir(const char *path) {
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return -errno;
    int r = fsync(fd);
    int e = errno;
    close(fd);
    return r == 0 ? 0 : -e;
}

static speed_t kiosk_speed(int baud) {
    switch (baud) {
    case 1200: return B1200;
    case 2400: return B2400;
    case 4800: return B4800;
    case 19200: return B19200;
    case 38400: return B38400;
    case 57600: return B57600;
    case 115200: return B115200;
    default: return B9600;
    }
}

int kiosk_serial_raw(int fd, int baud) {
    struct termios t;
    if (tcgetattr(fd, &t) != 0) return -errno;
    cfmakeraw(&t);
    t.c_cflag |= CLOCAL | CREAD;
    t.c_cc[VMIN] = 0;
    t.c_cc[VTIME] = 0;
    cfsetispeed(&t, kiosk_speed(baud));
    cfsetospeed(&t, kiosk_speed(baud));
    if (tcsetattr(fd, TCSANOW, &t) != 0) return -errno;
    return 0;
}

int kiosk_isatty(int fd) { return isatty(fd); }

#include <spawn.h>

int kiosk_spawn(const char *path, char *const argv[], char *const envp[],
                int fd_in, int fd_out, int fd_err, int new_process_group, pid_t *pid_out) {
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    sigset_t empty, all;
    int r;

    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_init(&attr);
    if (fd_in >= 0) posix_spawn_file_actions_adddup2(&fa, fd_in, 0);
    if (fd_out >= 0) posix_spawn_file_actions_adddup2(&fa, fd_out, 1);
    if (fd_err >= 0) posix_spawn_file_actions_adddup2(&fa, fd_err, 2);
    posix_spawn_file_actions_addclosefrom_np(&fa, 3);

    sigemptyset(&empty);
    sigfillset(&all);
    sigdelset(&all, SIGKILL);
    sigdelset(&all, SIGSTOP);
    posix_spawnattr_setsigmask(&attr, &empty);
    posix_spawnattr_setsigdefault(&attr, &all);
    short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
    if (new_process_group) {
        flags |= POSIX_SPAWN_SETPGROUP;
        posix_spawnattr_setpgroup(&attr, 0);
    }
    posix_spawnattr_setflags(&attr, flags);
    r = posix_spawn(pid_out, path, &fa, &attr, argv, envp);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    return r;
}

int kiosk_memfd(const char *name) {
    return memfd_create(name, MFD_CLOEXEC);
}

int kiosk_eventfd(void) {
    return eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

void kiosk_name_thread(const char *name) {
    char short_name[16];
    strncpy(short_name, name, sizeof short_name - 1);
    short_name[sizeof short_name - 1] = '\0';
    prctl(PR_SET_NAME, short_name, 0, 0, 0);
}

int kiosk_pipe(int fds[2], int nonblocking) {
    return pipe2(fds, O_CLOEXEC | (nonblocking ? O_NONBLOCK : 0));
}
