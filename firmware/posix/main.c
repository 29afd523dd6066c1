/*
 * tokenkit firmware core on a POSIX host: the same wire protocol as the board, on a tty (one end of a
 * socat pty pair, or a real serial port) or on stdin/stdout. For conformance tests and the frame fuzz,
 * built with -fsanitize=address,undefined.
 *
 *   tokenkit-posix --tty PATH | --stdio [--eeprom FILE] [--start-time MS] [--rtc ok|unset|none]
 *                  [--mode smart|display]
 *
 * --eeprom keeps the 1 KB store in FILE (made on first use); without it the store lives in memory.
 * --start-time is the board's Unix time in ms at start (default: the host clock). --rtc picks the
 * emulated DS3231: ok (running, set), unset (oscillator-stop flag set until SET_TIME), none (no RTC: the
 * clock is reported unreliable). Prints `tokenkit-posix ready serial=<serial>` on stderr once it serves.
 * Exits 0 on SIGTERM/SIGINT or when the input ends (the host side closed), 2 on bad arguments,
 * 1 when the tty or the EEPROM file cannot be used.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "../core/hal.h"
#include "../core/tk.h"

static int in_fd = -1, out_fd = -1, eeprom_fd = -1;
static uint8_t eeprom[TK_STORE_BYTES];
static enum { RTC_OK, RTC_UNSET, RTC_NONE } rtc_kind = RTC_OK;
static int64_t rtc_offset_ms; /* emulated DS3231 = host wall clock + offset */
static uint64_t start_mono_ms;
static volatile sig_atomic_t stopping;

static uint64_t clock_ms(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

uint32_t hal_millis(void) { return (uint32_t)(clock_ms(CLOCK_MONOTONIC) - start_mono_ms); }

void hal_tx(const uint8_t *bytes, uint16_t n) {
  while (n > 0) {
    ssize_t w = write(out_fd, bytes, n);
    if (w > 0) {
      bytes += w;
      n = (uint16_t)(n - w);
    } else if (w < 0 && (errno == EAGAIN || errno == EINTR)) {
      struct pollfd p = {out_fd, POLLOUT, 0};
      poll(&p, 1, 100);
    } else {
      return; /* the host is gone; the read side notices and ends the process */
    }
  }
}

bool hal_store_read(uint16_t addr, void *buf, uint16_t n) {
  if ((uint32_t)addr + n > TK_STORE_BYTES) return false;
  memcpy(buf, eeprom + addr, n);
  return true;
}

bool hal_store_write(uint16_t addr, const void *buf, uint16_t n) {
  if ((uint32_t)addr + n > TK_STORE_BYTES) return false;
  memcpy(eeprom + addr, buf, n);
  if (eeprom_fd >= 0 && pwrite(eeprom_fd, eeprom + addr, n, addr) != (ssize_t)n) return false;
  return true;
}

void hal_random(uint8_t *buf, uint8_t n) {
  if (getrandom(buf, n, 0) != (ssize_t)n) {
    for (uint8_t i = 0; i < n; i++) buf[i] = (uint8_t)rand();
  }
}

tk_rtc_t hal_rtc_read(uint32_t *unix_sec, uint16_t *late_ms) {
  if (rtc_kind == RTC_NONE) return TK_RTC_ABSENT;
  *late_ms = 0; /* the offset below keeps the ms: its edges are the true whole seconds */
  *unix_sec = (uint32_t)(((int64_t)clock_ms(CLOCK_REALTIME) + rtc_offset_ms) / 1000);
  return rtc_kind == RTC_UNSET ? TK_RTC_STOPPED : TK_RTC_OK;
}

bool hal_rtc_write(uint32_t unix_sec, uint16_t late_ms) {
  if (rtc_kind == RTC_NONE) return false;
  rtc_offset_ms = (int64_t)unix_sec * 1000 + late_ms - (int64_t)clock_ms(CLOCK_REALTIME);
  rtc_kind = RTC_OK;
  return true;
}

static void usage_fail(const char *message) {
  fprintf(stderr, "tokenkit-posix: %s\n", message);
  exit(2);
}

static void on_signal(int sig) {
  (void)sig;
  stopping = 1;
}

static void open_eeprom(const char *path) {
  memset(eeprom, 0xFF, sizeof eeprom); /* erased EEPROM reads 0xFF */
  eeprom_fd = open(path, O_RDWR | O_CREAT, 0600);
  if (eeprom_fd < 0) {
    fprintf(stderr, "tokenkit-posix: cannot open --eeprom %s: %s\n", path, strerror(errno));
    exit(1);
  }
  ssize_t got = pread(eeprom_fd, eeprom, sizeof eeprom, 0);
  if (got < (ssize_t)sizeof eeprom) {
    /* New or short file: make it the full size, erased. */
    if (got < 0) got = 0;
    memset(eeprom + got, 0xFF, sizeof eeprom - (size_t)got);
    if (pwrite(eeprom_fd, eeprom, sizeof eeprom, 0) != (ssize_t)sizeof eeprom) {
      fprintf(stderr, "tokenkit-posix: cannot write --eeprom %s: %s\n", path, strerror(errno));
      exit(1);
    }
  }
}

static void open_tty(const char *path) {
  int fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    fprintf(stderr, "tokenkit-posix: cannot open --tty %s: %s\n", path, strerror(errno));
    exit(1);
  }
  struct termios t;
  if (tcgetattr(fd, &t) != 0) {
    fprintf(stderr, "tokenkit-posix: --tty %s is not a terminal\n", path);
    exit(1);
  }
  cfmakeraw(&t);
  cfsetspeed(&t, B115200);
  tcsetattr(fd, TCSANOW, &t);
  in_fd = out_fd = fd;
}

int main(int argc, char **argv) {
  const char *tty = NULL, *eeprom_path = NULL;
  bool use_stdio = false, have_start = false;
  uint64_t start_ms = 0;
  tk_boot_t boot = {TK_MODE_SMART, {0, 0}, true};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "--stdio")) {
      use_stdio = true;
      continue;
    }
    if (strcmp(a, "--tty") && strcmp(a, "--eeprom") && strcmp(a, "--start-time") && strcmp(a, "--rtc") &&
        strcmp(a, "--mode")) {
      fprintf(stderr, "tokenkit-posix: unknown option '%s' (see the top of firmware/posix/main.c)\n", a);
      return 2;
    }
    if (!v) {
      fprintf(stderr, "tokenkit-posix: %s needs a value\n", a);
      return 2;
    }
    i++;
    if (!strcmp(a, "--tty")) {
      tty = v;
    } else if (!strcmp(a, "--eeprom")) {
      eeprom_path = v;
    } else if (!strcmp(a, "--start-time")) {
      char *end;
      errno = 0;
      unsigned long long ms = strtoull(v, &end, 10);
      if (errno || *end || end == v || ms / 1000u > 0xFFFFFFFFull)
        usage_fail("--start-time needs Unix milliseconds (0 to 2106-02-07)");
      start_ms = ms;
      have_start = true;
    } else if (!strcmp(a, "--rtc")) {
      if (!strcmp(v, "ok"))
        rtc_kind = RTC_OK;
      else if (!strcmp(v, "unset"))
        rtc_kind = RTC_UNSET;
      else if (!strcmp(v, "none"))
        rtc_kind = RTC_NONE;
      else
        usage_fail("--rtc must be ok, unset or none");
    } else {
      if (!strcmp(v, "smart"))
        boot.mode = TK_MODE_SMART;
      else if (!strcmp(v, "display"))
        boot.mode = TK_MODE_DISPLAY;
      else
        usage_fail("--mode must be smart or display");
    }
  }
  if (!tty == !use_stdio) usage_fail("give exactly one of --tty PATH or --stdio");

  start_mono_ms = clock_ms(CLOCK_MONOTONIC);
  if (!have_start) start_ms = clock_ms(CLOCK_REALTIME);
  rtc_offset_ms = (int64_t)start_ms - (int64_t)clock_ms(CLOCK_REALTIME);
  boot.start.sec = (uint32_t)(start_ms / 1000u);
  boot.start.ms = (uint16_t)(start_ms % 1000u);
  if (eeprom_path)
    open_eeprom(eeprom_path);
  else
    memset(eeprom, 0xFF, sizeof eeprom);
  if (tty) {
    open_tty(tty);
  } else {
    in_fd = STDIN_FILENO;
    out_fd = STDOUT_FILENO;
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);

  tk_init(&boot);
  fprintf(stderr, "tokenkit-posix ready serial=%s profile=code-display mode=%s\n", tk_serial(),
          boot.mode == TK_MODE_SMART ? "smart" : "display");

  uint8_t buf[512];
  while (!stopping) {
    tk_poll();
    uint32_t idle = tk_idle_ms();
    struct pollfd p = {in_fd, POLLIN, 0};
    int r = poll(&p, 1, idle > 60000u ? 60000 : (int)idle);
    if (r < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (r == 0) continue;
    ssize_t n = read(in_fd, buf, sizeof buf);
    if (n > 0) {
      for (ssize_t i = 0; i < n; i++) tk_rx_byte(buf[i]);
    } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
      break; /* end of input, or EIO: the host side of the pty is gone */
    }
  }
  if (eeprom_fd >= 0) close(eeprom_fd);
  return 0;
}
