import { UsageError } from './errors';

const show = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

/**
 * A time given on the command line, in whole unix ms: unix seconds (fractional allowed), ISO 8601 (a date,
 * or a date and time; no offset means UTC so results don't depend on the machine's zone), or `now`.
 * Sub-millisecond parts are cut towards the past (floor), never rounded: a time just before a step
 * boundary must stay in its step, and one just before T0 before T0.
 */
export function parseTimeMs(value: string, option: string, nowMs: () => number = Date.now): number {
  const text = value.trim();
  if (text.toLowerCase() === 'now') return nowMs();
  const unix = /^([+-]?)(\d{1,12})(?:\.(\d{1,9}))?$/.exec(text);
  if (unix) {
    // Digit by digit, not Number(text) * 1000: a float can round 1700000009.9999999 up to the next second.
    const [, sign, whole, frac = ''] = unix;
    const digits = frac.padEnd(9, '0');
    const ms = Number(whole) * 1000 + Number(digits.slice(0, 3));
    const below = /[1-9]/.test(digits.slice(3)) ? 1 : 0;
    return sign === '-' ? -(ms + below) || 0 : ms;
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(
    text,
  );
  if (iso) {
    const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = iso;
    const z = zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
    const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac.slice(0, 4)}${z}`);
    // Date.parse rolls over impossible dates (Feb 30) in some engines: check the fields survived.
    const back = new Date(Date.parse(`${y}-${mo}-${d}T00:00:00Z`));
    if (
      Number.isFinite(ms) &&
      back.getUTCDate() === Number(d) &&
      back.getUTCMonth() + 1 === Number(mo) &&
      Number(h) < 24 &&
      Number(mi) < 60 &&
      Number(s) < 60
    ) {
      return ms;
    }
  }
  throw new UsageError('cli.parse.time', { option, value: show(value) });
}

/** A whole number in [min, max] written in plain decimal digits (no 1e3, 0x10, 1.0). */
export function parseInteger(value: string, option: string, min: number, max: number): number {
  const text = value.trim();
  const n = /^[+-]?\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError('cli.parse.integer', { option, value: show(value), min, max });
  }
  return n;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration such as 90s, 30m, 24h, 2d or 1h30m, in ms (a bare number is seconds). */
export function parseDurationMs(value: string, option: string, maxMs: number, maxText: string): number {
  const text = value.trim().toLowerCase();
  let total = 0;
  let matched = 0;
  if (/^\d+(\.\d+)?$/.test(text)) {
    total = Number(text) * 1000;
    matched = text.length;
  } else {
    for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) {
      if (m.index !== matched) break;
      total += Number(m[1]) * UNIT_MS[m[2]!]!;
      matched += m[0].length;
    }
  }
  if (text === '' || matched !== text.length || !Number.isFinite(total) || total > maxMs) {
    throw new UsageError('cli.parse.duration', { option, value: show(value), max: maxText });
  }
  return Math.round(total);
}
