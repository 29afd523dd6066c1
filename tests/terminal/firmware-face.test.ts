import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createFirmware, ManualScheduler } from '../../firmware-sim/index';
import { ManualClock } from '../../src/clock';
import { generateTotp, stepAt, stepStartMs } from '../../src/otp/index';
import { tokenFromFirmware } from '../../src/sim/index';
import { runTerminalSim } from '../../src/terminal/terminal-sim';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/** The real firmware state machine behind the terminal face, on a manual clock: no sleeps, exact times. */
describe('terminal face over the firmware simulator', () => {
  it('shows the new code exactly at the step boundary, and blanks after the display timeout', async () => {
    const boundaryMs = stepStartMs(stepAt(1_700_000_000_000) + 1);
    const clock = new ManualClock(boundaryMs - 5_000);
    const scheduler = new ManualScheduler(clock);
    const firmware = await createFirmware({
      profile: 'code-display',
      baseClock: clock,
      scheduler,
      secret: {
        secret: new Uint8Array(Buffer.from('12345678901234567890')),
        algorithm: 'sha1',
        digits: 6,
        periodSec: 30,
        t0Sec: 0,
      },
    });
    const input = Object.assign(new EventEmitter(), { isTTY: false });
    let out = '';
    const running = runTerminalSim({
      kind: 'code-display',
      periodSec: 30,
      lang: 'en',
      token: tokenFromFirmware(firmware),
      input,
      output: { write: (s: string) => void (out += s) },
      plain: true,
      color: false,
      nowMs: () => clock.nowMs(),
    });
    input.emit('data', ' ');
    const group = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;
    const before = generateTotp({ secret: SECRET, atMs: boundaryMs - 1 });
    const after = generateTotp({ secret: SECRET, atMs: boundaryMs });
    expect(out).toContain(`Code: ${group(before)}, valid for 5 seconds`);
    scheduler.advance(4_999);
    expect(out).not.toContain(group(after));
    scheduler.advance(1);
    expect(clock.nowMs()).toBe(boundaryMs);
    expect(out).toContain(`Code: ${group(after)}, valid for 30 seconds`);
    // The code display blanks 30 s after the press (its profile's displayTimeoutMs).
    expect(out).not.toContain('Display off');
    scheduler.advance(25_000);
    expect(out).toContain('Display off');
    input.emit('data', 'q');
    await running;
    firmware.stop();
  });
});
