/*
 * ATmega328P port: USART0 115200 8N1 (U2X, UBRR0 = 16) with interrupt-driven ring buffers, the button on
 * PD2/INT0 (pull-up, active low; debounced by the core), Timer1 free-running at clk/256 (16 us ticks) for
 * hal_millis() with output compare A as the wake-up for the next deadline (tickless: the only periodic
 * interrupt is the overflow, every 1.05 s), SLEEP_MODE_IDLE between events, the internal EEPROM as the store.
 */
#include <avr/eeprom.h>
#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/sleep.h>
#include <util/atomic.h>

#include "board.h"
#include "hal.h"
#include "hash.h"
#include "tk.h"

/* ---- USART0 ----------------------------------------------------------------------------------------- */

#define RX_RING 128u /* 11 ms of line time at 115200: covers an HMAC-SHA1 while the host bursts */
#define TX_RING 128u

static volatile uint8_t rx_ring[RX_RING], tx_ring[TX_RING];
static volatile uint8_t rx_head, rx_tail, tx_head, tx_tail;
static volatile bool rx_lost;       /* a byte was dropped because the ring was full... */
static volatile uint8_t rx_lost_at; /* ...right after the byte before this ring position */
static volatile bool button_changed;

ISR(USART_RX_vect) {
  uint8_t b = UDR0;
  uint8_t next = (uint8_t)((rx_head + 1u) % RX_RING);
  if (next == rx_tail) {
    if (!rx_lost) {
      rx_lost = true;
      rx_lost_at = rx_head;
    }
    return;
  }
  rx_ring[rx_head] = b;
  rx_head = next;
}

/* The standard handler: send the next byte, or switch the interrupt off when the ring is empty
   (UDRE is a level on silicon: it fires again as soon as UDRIE0 is set and the register is empty). */
ISR(USART_UDRE_vect) {
  if (tx_head == tx_tail) {
    UCSR0B &= (uint8_t)~_BV(UDRIE0);
    return;
  }
  UDR0 = tx_ring[tx_tail];
  tx_tail = (uint8_t)((tx_tail + 1u) % TX_RING);
}

void hal_tx(const uint8_t *bytes, uint16_t n) {
  while (n--) {
    uint8_t next = (uint8_t)((tx_head + 1u) % TX_RING);
    while (next == tx_tail) {
      /* full: the UDRE interrupt drains it */
    }
    tx_ring[tx_head] = *bytes++;
    tx_head = next;
    UCSR0B |= _BV(UDRIE0);
  }
}

static void usart_init(void) {
  UBRR0 = 16; /* 115200 with U2X: 117,647 baud, +2.1 % */
  UCSR0A = _BV(U2X0);
  UCSR0C = _BV(UCSZ01) | _BV(UCSZ00); /* 8N1 */
  UCSR0B = _BV(RXEN0) | _BV(TXEN0) | _BV(RXCIE0);
}

/* ---- Timer1: milliseconds and the wake-up compare ------------------------------------------------------ */

static volatile uint32_t millis_now;
static volatile uint16_t fold_tcnt; /* TCNT1 at the last fold */
static volatile uint8_t fold_rem;   /* remainder in 1/125 ms units (16 us = 2/125 ms) */

/* Adds the ticks since the last fold to millis_now. Called with interrupts off, at least once per
   65,536 ticks (the overflow interrupt guarantees it). */
static void fold(void) {
  uint16_t t = TCNT1;
  uint32_t acc = (uint32_t)(uint16_t)(t - fold_tcnt) * 2u + fold_rem;
  fold_tcnt = t;
  millis_now += acc / 125u;
  fold_rem = (uint8_t)(acc % 125u);
}

ISR(TIMER1_OVF_vect) { fold(); }

ISR(TIMER1_COMPA_vect) { TIMSK1 &= (uint8_t)~_BV(OCIE1A); /* one-shot: the main loop sets the next deadline */ }

uint32_t hal_millis(void) {
  uint32_t ms;
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
    fold();
    ms = millis_now;
  }
  return ms;
}

static void timer_init(void) {
  TCCR1A = 0;
  TCCR1B = _BV(CS12); /* clk/256: 62.5 ticks per ms, overflow every 1,048.576 ms */
  TIMSK1 = _BV(TOIE1);
}

/* Sleeps (idle mode: timers and the USART keep running) until an interrupt, at most idle_ms. */
static void idle(uint32_t idle_ms) {
  if (idle_ms == 0) return;
  if (idle_ms > 1000u) idle_ms = 1000u; /* the overflow wakes us about then anyway */
  cli();
  if (rx_head != rx_tail || button_changed) {
    sei();
    return;
  }
  OCR1A = (uint16_t)(TCNT1 + (uint16_t)((idle_ms * 125u) / 2u));
  TIFR1 = _BV(OCF1A);
  TIMSK1 |= _BV(OCIE1A);
  set_sleep_mode(SLEEP_MODE_IDLE);
  sleep_enable();
  sei(); /* the instruction after SEI runs before any interrupt: no wake-up is lost */
  sleep_cpu();
  sleep_disable();
}

/* ---- button ------------------------------------------------------------------------------------------ */

ISR(INT0_vect) { button_changed = true; }

bool hal_button_down(void) { return !(PIND & _BV(PD2)); }

static void button_init(void) {
  DDRD &= (uint8_t)~_BV(PD2);
  PORTD |= _BV(PD2);  /* pull-up: the button pulls to GND */
  EICRA = _BV(ISC00); /* any change */
  EIMSK = _BV(INT0);
}

/* ---- EEPROM ------------------------------------------------------------------------------------------
   A cell is programmed by erasing (to 0xFF) and writing (clearing bits), 1.8 ms each; the atomic mode does
   both (3.4 ms). A byte whose new value only clears bits of the old one needs the write alone, so an
   erased slot takes half the time: PROVISION discards the slot it replaced (hal_store_discard) and the
   main loop erases it in the background, one byte per EEPROM-ready moment. */

#define EEPM_ATOMIC 0x00u
#define EEPM_ERASE _BV(EEPM0)
#define EEPM_WRITE _BV(EEPM1)

static uint16_t erase_next, erase_end; /* background erase of [erase_next, erase_end) */

static void ee_program(uint16_t addr, uint8_t value, uint8_t mode) {
  EEAR = addr;
  EEDR = value;
  EECR = mode; /* EEPM1:0, with EEMPE and EEPE clear */
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
    EECR |= _BV(EEMPE); /* EEPE must follow within four cycles */
    EECR |= _BV(EEPE);
  }
}

/* One step of the background erase, if the EEPROM is free; true while there is more to do. */
static bool erase_step(void) {
  while (erase_next < erase_end) {
    if (EECR & _BV(EEPE)) return true;
    uint16_t addr = erase_next++;
    if (eeprom_read_byte((const uint8_t *)(uintptr_t)addr) != 0xFF) {
      ee_program(addr, 0xFF, EEPM_ERASE);
      return true;
    }
  }
  return false;
}

bool hal_store_read(uint16_t addr, void *buf, uint16_t n) {
  if ((uint32_t)addr + n > TK_STORE_BYTES) return false;
  eeprom_read_block(buf, (const void *)(uintptr_t)addr, n);
  return true;
}

bool hal_store_write(uint16_t addr, const void *buf, uint16_t n) {
  if ((uint32_t)addr + n > TK_STORE_BYTES) return false;
  erase_end = erase_next; /* stop the background erase: this write copes with whatever it left */
  const uint8_t *p = (const uint8_t *)buf;
  for (uint16_t i = 0; i < n; i++) {
    eeprom_busy_wait();
    uint8_t old = eeprom_read_byte((const uint8_t *)(uintptr_t)(addr + i));
    uint8_t value = p[i];
    if (old == value) continue;
    ee_program(addr + i, value, (old & value) == value ? EEPM_WRITE : value == 0xFF ? EEPM_ERASE : EEPM_ATOMIC);
  }
  eeprom_busy_wait(); /* the last byte is durable only when done */
  return true;
}

void hal_store_discard(uint16_t addr, uint16_t n) {
  if ((uint32_t)addr + n > TK_STORE_BYTES) return;
  erase_next = addr;
  erase_end = addr + n;
}

/* ---- randomness for the first boot's serial number ----------------------------------------------------- */

/* SRAM comes up with a pattern that differs per chip and per power-up; .noinit keeps it from being zeroed. */
static uint8_t power_up_ram[32] __attribute__((section(".noinit")));

__attribute__((noinline)) void hal_random(uint8_t *buf, uint8_t n) {
  uint8_t pool[64];
  for (uint8_t i = 0; i < 32; i++) pool[i] = power_up_ram[i];
  /* ADC noise: the low bits of the temperature sensor (ADC8) against the 1.1 V reference, and Timer1 jitter. */
  ADMUX = _BV(REFS1) | _BV(REFS0) | 0x08;
  ADCSRA = _BV(ADEN) | _BV(ADPS2) | _BV(ADPS1) | _BV(ADPS0);
  for (uint8_t i = 32; i < 64; i++) {
    ADCSRA |= _BV(ADSC);
    while (ADCSRA & _BV(ADSC)) {
    }
    pool[i] = (uint8_t)(ADCL ^ TCNT1L);
    (void)ADCH;
  }
  ADCSRA = 0;
  /* Whiten with SHA-1 (already in the image): one compression of the pool. */
  tk_hash_state_t a;
  tk_hmac_pad(TK_SHA1, pool, sizeof pool, 0, &a);
  for (uint8_t i = 0; i < n && i < 20u; i++) buf[i] = a.bytes[i];
}

/* ---- main loop ----------------------------------------------------------------------------------------- */

int main(void) {
  usart_init();
  timer_init();
  button_init();
  max7219_init();
  ds3231_init();
  sei();
  /* Held button at power-up: a display board (the host computes the codes), until the next reset. */
  tk_boot_t boot = {hal_button_down() ? TK_MODE_DISPLAY : TK_MODE_SMART, {0, 0}, false};
  tk_init(&boot);
  for (;;) {
    while (rx_tail != rx_head) {
      if (rx_lost && rx_tail == rx_lost_at) {
        rx_lost = false;
        tk_rx_lost();
      }
      uint8_t b = rx_ring[rx_tail];
      rx_tail = (uint8_t)((rx_tail + 1u) % RX_RING);
      tk_rx_byte(b);
    }
    if (rx_lost && rx_tail == rx_lost_at) {
      rx_lost = false;
      tk_rx_lost();
    }
    if (button_changed) {
      button_changed = false;
      tk_button_changed();
    }
    tk_poll();
    uint32_t idle_ms = tk_idle_ms();
    if (erase_step() && idle_ms > 2) idle_ms = 2; /* the next erase can start in 1.8 ms */
    idle(idle_ms);
  }
}
