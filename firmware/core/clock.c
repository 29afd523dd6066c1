#include "clock.h"

#include "hal.h"
#include "proto.h"

#define SEARCH_POLL_MS 10u
#define SEARCH_MAX_MS 1500u
#define RELOCK_MS 60000u
#define RELOCK_LEAD_MS 250u /* start searching this long before the predicted edge */
#define WRITE_LATE_MS 20u   /* an RTC write this late after the whole second waits for the next one */
#define RATE_SHIFT 20       /* rate correction in units of 2^-20 (~0.95 ppm) */
#define RATE_LIMIT (1L << 14) /* ±15,600 ppm: anything beyond is a glitch, not a resonator */

typedef enum { SYNC_NONE, SYNC_SEARCH, SYNC_WRITE, SYNC_WAIT } sync_t;

static uint64_t base_ms;   /* board time at base_tick */
static uint32_t base_tick; /* hal_millis() at base_ms */
static int32_t rate;       /* CPU clock correction, 2^-20 units: board ms = tick ms * (1 + rate / 2^20) */
static uint8_t flags;
static bool have_rtc;
static sync_t sync;
static uint32_t sync_at;      /* hal_millis() of the next RTC action */
static uint32_t search_start; /* hal_millis() the search began */
static uint32_t last_poll;    /* hal_millis() of the previous search poll */
static uint32_t last_sec;     /* RTC seconds at the previous poll */
static bool have_last;
static bool have_lock;        /* lock_tick/lock_ms hold the previous edge */
static uint32_t lock_tick;

static int32_t correction(uint32_t delta) { return (int32_t)(((int64_t)delta * rate) >> RATE_SHIFT); }

/* Board time at hal_millis() == t (t at or after base_tick). */
static uint64_t time_at(uint32_t t) {
  uint32_t delta = t - base_tick;
  return base_ms + delta + (int64_t)correction(delta);
}

/* Rebase before the 32-bit difference can wrap (every ~12 days), keeping sub-ms error small. */
static void set_base(uint32_t t, uint64_t ms) {
  base_tick = t;
  base_ms = ms;
}

uint64_t tk_clock_now(void) {
  uint32_t t = hal_millis();
  uint64_t ms = time_at(t);
  if (t - base_tick > 0x40000000UL) set_base(t, ms);
  return ms;
}

uint8_t tk_clock_flags(void) { return flags; }

static void start_search(uint32_t t) {
  sync = SYNC_SEARCH;
  have_last = false;
  search_start = t;
  sync_at = t;
}

void tk_clock_init(uint64_t start_ms, bool start_set) {
  uint32_t t = hal_millis();
  uint32_t sec;
  set_base(t, start_ms);
  rate = 0;
  have_lock = false;
  flags = start_set ? 0 : TK_CLOCK_UNSET;
  tk_rtc_t r = hal_rtc_read(&sec);
  have_rtc = r != TK_RTC_ABSENT;
  if (!have_rtc) {
    flags |= TK_CLOCK_UNRELIABLE;
    sync = SYNC_NONE;
    return;
  }
  /* Mid-second until the search finds the edge. */
  set_base(t, (uint64_t)sec * 1000u + 500u);
  flags = r == TK_RTC_OK ? 0 : TK_CLOCK_UNSET;
  start_search(t);
}

bool tk_clock_set(uint64_t ms, bool force) {
  uint32_t t = hal_millis();
  if (!force && ms < time_at(t)) return false;
  set_base(t, ms);
  have_lock = false;
  flags &= (uint8_t)~TK_CLOCK_UNSET;
  if (have_rtc) {
    sync = SYNC_WRITE;
    sync_at = t + (uint32_t)((1000u - (uint32_t)(ms % 1000u)) % 1000u);
  }
  return true;
}

/* An edge of RTC second sec happened at tick edge: set the clock to it and learn the CPU clock's rate. */
static void on_edge(uint32_t edge, uint32_t sec) {
  if ((int32_t)(edge - base_tick) < 0) edge = base_tick;
  uint64_t rtc_ms = (uint64_t)sec * 1000u;
  if (have_lock) {
    uint32_t elapsed = edge - lock_tick;
    int32_t error = (int32_t)((int64_t)time_at(edge) - (int64_t)rtc_ms); /* + = board clock fast */
    if (elapsed > 10000u && error > -2000 && error < 2000) {
      /* The rate that would have landed on this edge, blended 1:1 with the old estimate. */
      int32_t measured = rate - (int32_t)(((int64_t)error << RATE_SHIFT) / (int32_t)elapsed);
      int32_t next = (rate + measured) / 2;
      if (next > -RATE_LIMIT && next < RATE_LIMIT) rate = next;
    }
  }
  set_base(edge, rtc_ms);
  have_lock = true;
  lock_tick = edge;
}

bool tk_clock_poll(uint32_t *next_tick) {
  uint32_t t = hal_millis();
  if (sync == SYNC_NONE) return false;
  if ((int32_t)(t - sync_at) < 0) {
    *next_tick = sync_at;
    return true;
  }
  if (sync == SYNC_WAIT) start_search(t);
  if (sync == SYNC_WRITE) {
    uint64_t ms = time_at(t);
    uint32_t frac = (uint32_t)(ms % 1000u);
    if (frac > WRITE_LATE_MS) {
      /* Late (busy with a request): wait for the next whole second rather than shift the clock. */
      sync_at = t + (1000u - frac);
    } else {
      uint32_t sec = (uint32_t)(ms / 1000u);
      if (hal_rtc_write(sec)) {
        flags &= (uint8_t)~(TK_CLOCK_UNSET | TK_CLOCK_UNRELIABLE);
        /* The RTC's second starts now: that is an edge. */
        set_base(t, (uint64_t)sec * 1000u);
        have_lock = true;
        lock_tick = t;
      } else {
        flags |= TK_CLOCK_UNRELIABLE;
      }
      sync = SYNC_WAIT;
      sync_at = t + RELOCK_MS - RELOCK_LEAD_MS;
    }
  } else if (sync == SYNC_SEARCH) {
    uint32_t sec;
    tk_rtc_t r = hal_rtc_read(&sec);
    if (r == TK_RTC_ABSENT) {
      flags |= TK_CLOCK_UNRELIABLE;
      sync = SYNC_WAIT;
      sync_at = t + RELOCK_MS;
    } else {
      if (r == TK_RTC_STOPPED) flags |= TK_CLOCK_UNSET;
      else flags &= (uint8_t)~TK_CLOCK_UNRELIABLE;
      if (have_last && sec != last_sec) {
        /* The edge fell between the two polls: take the middle. */
        uint32_t edge = last_poll + (t - last_poll) / 2u;
        if (r == TK_RTC_OK) on_edge(edge, sec);
        sync = SYNC_WAIT;
        sync_at = edge + RELOCK_MS - RELOCK_LEAD_MS;
      } else if (have_last && t - search_start > SEARCH_MAX_MS) {
        flags |= TK_CLOCK_UNSET; /* the seconds do not move: the oscillator is stopped */
        sync = SYNC_WAIT;
        sync_at = t + RELOCK_MS;
      } else {
        have_last = true;
        last_sec = sec;
        last_poll = t;
        sync_at = t + SEARCH_POLL_MS;
      }
    }
  }
  *next_tick = sync_at;
  return true;
}
