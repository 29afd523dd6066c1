import type { AVRTimer, CPU } from 'avr8js';

/** avr8js timer state this module reads (private in its typings). */
interface TimerInternals {
  count: () => void;
  divider: number;
  lastCycle: number;
  tcnt: number;
  ocrA: number;
  ocrB: number;
  ocrC: number;
  hasOCRC: boolean;
  readonly TOP: number;
  timerMode: number;
  tcntUpdated: boolean;
  updateDivider: boolean;
}

interface ClockEvent {
  cycles: number;
  callback: () => void;
  next: ClockEvent | null;
}

const NORMAL = 0;
const CTC = 2;

/** Timer ticks from `tcnt` until the counter next reaches `value` (a full period when it is there now). */
function ticksTo(value: number, tcnt: number, top: number): number {
  if (value > top) return Number.POSITIVE_INFINITY;
  return value > tcnt ? value - tcnt : top + 1 - tcnt + value;
}

/**
 * The earliest cycle at which anything can happen while the CPU sleeps, up to `limit`.
 *
 * avr8js advances a running timer with one clock event per prescaler tick (FIRMWARE-NOTES pitfall 6):
 * Timer1 at /256 is 62,500 events per board second even when nothing happens. While the CPU sleeps no one
 * reads the counter, so for a timer in normal or CTC mode the only instants that matter are its next
 * compare match and its overflow; its tick events before that are skipped and the counter catches up in
 * one step (avr8js's count() handles a jump of many ticks, and a jump never passes a match or a wrap).
 * Other timer modes (PWM) and every other event keep their own cycles.
 */
export function nextSleepEventCycle(cpu: CPU, timers: readonly AVRTimer[], limit: number): number {
  let earliest = limit;
  let event = (cpu as unknown as { nextClockEvent: ClockEvent | null }).nextClockEvent;
  for (; event; event = event.next) {
    let at = event.cycles;
    const timer = timers.find((t) => (t as unknown as TimerInternals).count === event!.callback) as
      | TimerInternals
      | undefined;
    if (
      timer &&
      timer.divider > 0 &&
      !timer.tcntUpdated &&
      !timer.updateDivider &&
      (timer.timerMode === NORMAL || timer.timerMode === CTC)
    ) {
      const top = timer.TOP;
      let ticks = top + 1 - timer.tcnt; // the wrap to 0
      ticks = Math.min(ticks, ticksTo(timer.ocrA, timer.tcnt, top), ticksTo(timer.ocrB, timer.tcnt, top));
      if (timer.hasOCRC) ticks = Math.min(ticks, ticksTo(timer.ocrC, timer.tcnt, top));
      at = Math.max(event.cycles, timer.lastCycle + Math.max(1, ticks) * timer.divider);
    }
    if (at < earliest) earliest = at;
  }
  return earliest;
}
