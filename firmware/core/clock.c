#include "clock.h"

#include "hal.h"
#include "proto.h"

#define SEARCH_POLL_MS 10u
#define SEARCH_MAX_MS 1500u
#define RELOCK_MS 60000u
#define RELOCK_LEAD_MS 250u /* start searching this long before the predicted edge */
#define WRITE_LATE_MS 20u   /* an RTC write this late after the whole second waits for the next one */
#define REBASE_MS 0x80000UL /* ~9 min: keeps the 32-bit rate correction far from overflowing */
#define RATE_LIMIT 16384    /* ±15,600 ppm (units of 2^-20): beyond that is a glitch, not a resonator */

typedef enum { SYNC_NONE, SYNC_SEARCH, SYNC_WRITE, SYNC_WAIT } sync_t;

static tk_time_t base;     /* board time at base_tick */
static uint32_t base_tick; /* hal_millis() at base */
static int16_t rate;       /* CPU clock correction: board ms = tick ms * (1 + rate / 2^20) */
static uint8_t flags;
static bool have_rtc;
static sync_t sync;
static uint32_t sync_at;      /* hal_millis() of the next RTC action */
static uint32_t search_start; /* hal_millis() the search began */
static uint32_t last_poll;    /* hal_millis() of the previous search poll */
static uint32_t last_sec;     /* RTC seconds at the previous poll */
static bool have_last;
static bool have_lock; /* lock_tick holds the previous edge (the base was set to it) */
static uint32_t lock_tick;

/* Out of line: each inlined copy of the 32-bit division by 1000 costs ~100 bytes on AVR. */
__attribute__((noinline)) tk_time_t tk_time_add(tk_time_t t, uint32_t ms) {
  uint32_t total = t.ms + ms % 1000u;
  t.sec += ms / 1000u + total / 1000u;
  t.ms = (uint16_t)(total % 1000u);
  return t;
}

bool tk_time_before(tk_time_t a, tk_time_t b) { return a.sec != b.sec ? a.sec < b.sec : a.ms < b.ms; }

uint32_t tk_time_until(tk_time_t a, tk_time_t b) {
  if (tk_time_before(a, b)) return 0;
  return (a.sec - b.sec) * 1000u + a.ms - b.ms;
}

/* Board time at hal_millis() == t (t at or after base_tick, less than REBASE_MS * 2 later). */
__attribute__((noinline)) static tk_time_t time_at(uint32_t t) {
  uint32_t delta = t - base_tick;
  int32_t corr = ((int32_t)(delta >> 4) * rate) >> 16;
  return tk_time_add(base, (uint32_t)((int32_t)delta + corr));
}

static void set_base(uint32_t t, tk_time_t at) {
  base_tick = t;
  base = at;
}

tk_time_t tk_clock_now(void) {
  uint32_t t = hal_millis();
  tk_time_t now = time_at(t);
  /* Not during a search: its edge estimate lies between two polls and must not fall before the base. */
  if (t - base_tick > REBASE_MS && sync != SYNC_SEARCH) set_base(t, now);
  return now;
}

uint8_t tk_clock_flags(void) { return flags; }

static void start_search(uint32_t t) {
  sync = SYNC_SEARCH;
  have_last = false;
  search_start = t;
  sync_at = t;
}

void tk_clock_init(tk_time_t start, bool start_set) {
  uint32_t t = hal_millis();
  uint32_t sec;
  uint16_t late;
  set_base(t, start);
  rate = 0;
  have_lock = false;
  flags = start_set ? 0 : TK_CLOCK_UNSET;
  tk_rtc_t r = hal_rtc_read(&sec, &late);
  have_rtc = r != TK_RTC_ABSENT;
  if (!have_rtc) {
    flags |= TK_CLOCK_UNRELIABLE;
    sync = SYNC_NONE;
    return;
  }
  /* Mid-second until the search finds the edge. */
  tk_time_t from_rtc = {sec, 500};
  set_base(t, from_rtc);
  flags = r == TK_RTC_OK ? 0 : TK_CLOCK_UNSET;
  start_search(t);
}

bool tk_clock_set(tk_time_t at, bool force) {
  uint32_t t = hal_millis();
  if (!force && tk_time_before(at, time_at(t))) return false;
  set_base(t, at);
  have_lock = false;
  flags &= (uint8_t)~TK_CLOCK_UNSET;
  if (have_rtc) {
    /* At once, so a reset before the whole second keeps the new time (the RTC keeps at.ms with it), and
       exactly on the whole second (below), which clears at.ms. */
    if (at.ms && hal_rtc_write(at.sec, at.ms)) flags &= (uint8_t)~TK_CLOCK_UNRELIABLE;
    sync = SYNC_WRITE;
    sync_at = t + (at.ms ? 1000u - at.ms : 0u);
  }
  return true;
}

/* An edge of RTC second sec happened at tick edge, late ms into the true second: set the clock to it and
   learn the CPU clock's rate. */
__attribute__((noinline)) static void on_edge(uint32_t edge, uint32_t sec, uint16_t late) {
  tk_time_t rtc = {sec, late};
  if ((int32_t)(edge - base_tick) < 0) edge = base_tick;
  if (have_lock) {
    uint32_t elapsed = edge - lock_tick;
    tk_time_t board = time_at(edge);
    /* + = the board clock ran fast */
    int32_t error = (int32_t)(board.sec - rtc.sec) * 1000 + board.ms - rtc.ms; /* small: edges are ±2 s */
    /* Edges come RELOCK_MS apart, so the rate error is error / 60 s: in 2^-20 units that is error * 17.5;
       half of it (error * 9) is applied, which settles in a few minutes and rides over one bad edge. */
    if (elapsed > RELOCK_MS - 5000u && elapsed < RELOCK_MS + 5000u && error > -1000 && error < 1000) {
      int32_t next = rate - error * 9;
      if (next > -RATE_LIMIT && next < RATE_LIMIT) rate = (int16_t)next;
    }
  }
  set_base(edge, rtc);
  have_lock = true;
  lock_tick = edge;
}

bool tk_clock_poll(uint32_t *next_tick) {
  (void)tk_clock_now(); /* rebases when due, so a quiet board's correction cannot overflow */
  uint32_t t = hal_millis();
  if (sync == SYNC_NONE) return false;
  if ((int32_t)(t - sync_at) < 0) {
    *next_tick = sync_at;
    return true;
  }
  if (sync == SYNC_WAIT) start_search(t);
  if (sync == SYNC_WRITE) {
    tk_time_t now = time_at(t);
    if (now.ms > WRITE_LATE_MS) {
      /* Late (busy with a request): wait for the next whole second rather than shift the clock. */
      sync_at = t + (1000u - now.ms);
    } else {
      if (hal_rtc_write(now.sec, 0)) {
        flags &= (uint8_t)~(TK_CLOCK_UNSET | TK_CLOCK_UNRELIABLE);
        /* The RTC's second starts now: that is an edge. */
        now.ms = 0;
        set_base(t, now);
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
    uint16_t late;
    tk_rtc_t r = hal_rtc_read(&sec, &late);
    if (r == TK_RTC_ABSENT) {
      flags |= TK_CLOCK_UNRELIABLE;
      sync = SYNC_WAIT;
      sync_at = t + RELOCK_MS;
    } else {
      if (r == TK_RTC_STOPPED)
        flags |= TK_CLOCK_UNSET;
      else
        flags &= (uint8_t)~TK_CLOCK_UNRELIABLE;
      if (have_last && sec != last_sec) {
        /* The edge fell between the two polls: take the middle. */
        uint32_t edge = last_poll + (t - last_poll) / 2u;
        sync = SYNC_WAIT;
        sync_at = edge + RELOCK_MS - RELOCK_LEAD_MS;
        if (r == TK_RTC_OK) {
          on_edge(edge, sec, late);
          /* Reset before the whole-second write of a SET_TIME: do it now, on the next whole second. */
          if (late) {
            sync = SYNC_WRITE;
            sync_at = edge + 1000u - late;
          }
        }
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

bool tk_clock_next(uint32_t *next_tick) {
  if (sync == SYNC_NONE) return false;
  *next_tick = sync_at;
  return true;
}
