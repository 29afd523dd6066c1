import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIRMWARE_DIR } from './posix-build';

// firmware/core/profile.h restates devices/profiles/code-display.json for the C firmware (no JSON parser on
// a chip): the two must not drift.
describe('firmware/core/profile.h', () => {
  it('matches devices/profiles/code-display.json', () => {
    const header = readFileSync(join(FIRMWARE_DIR, 'core/profile.h'), 'utf8');
    const profile = JSON.parse(readFileSync(join(FIRMWARE_DIR, '../devices/profiles/code-display.json'), 'utf8'));
    const define = (name: string) => {
      const m = new RegExp(`#define ${name} (\\S+)`).exec(header);
      if (!m) throw new Error(`${name} missing from profile.h`);
      return m[1]!.replace(/u$/, '').replace(/^"(.*)"$/, '$1');
    };
    expect(define('TK_PROFILE_ID')).toBe(profile.id);
    expect(Number(define('TK_PROFILE_DISPLAY_TIMEOUT_MS'))).toBe(profile.displayTimeoutMs);
    expect(Number(define('TK_PROFILE_LONG_PRESS_MS'))).toBe(profile.longPressMs);
    expect(Number(define('TK_PROFILE_LOW_BATTERY_PERCENT'))).toBe(profile.lowBatteryPercent);
  });
});
