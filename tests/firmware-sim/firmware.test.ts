import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSync } from 'otplib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createFirmware,
  FileFlash,
  type FirmwareEvent,
  ManualScheduler,
  type StoredSecret,
  type TokenFirmware,
} from '../../firmware-sim/index';
import { ManualClock } from '../../src/clock';
import { getProfile } from '../../src/profiles/builtin';

// RFC 6238's SHA-1 test secret; otplib is the independent reference for every expected code.
const SECRET: StoredSecret = {
  secret: new TextEncoder().encode('12345678901234567890'),
  algorithm: 'sha1',
  digits: 6,
  periodSec: 30,
  t0Sec: 0,
};
const START_MS = Date.UTC(2026, 0, 15, 12, 0, 7, 250); // 7.25 s into a 30 s step

function reference(stored: StoredSecret, atMs: number): string {
  return generateSync({
    secret: stored.secret,
    epoch: Math.floor(atMs / 1000),
    digits: stored.digits as 6,
    period: stored.periodSec,
    algorithm: stored.algorithm,
  });
}

interface Rig {
  clock: ManualClock;
  scheduler: ManualScheduler;
  firmware: TokenFirmware;
  events: FirmwareEvent[];
}

async function rig(
  opts: {
    secret?: StoredSecret | null;
    mode?: 'smart' | 'display';
    profile?: string;
    driftPpm?: number;
    battery?: number;
  } = {},
): Promise<Rig> {
  const clock = new ManualClock(START_MS);
  const scheduler = new ManualScheduler(clock);
  const firmware = await createFirmware({
    baseClock: clock,
    scheduler,
    mode: opts.mode ?? 'smart',
    profile: opts.profile ?? 'code-display',
    ...(opts.driftPpm !== undefined ? { driftPpm: opts.driftPpm } : {}),
    ...(opts.secret === null ? {} : { secret: opts.secret ?? SECRET }),
    batteryPercent: opts.battery ?? 100,
    randomBytes: (n) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff),
  });
  const events: FirmwareEvent[] = [];
  firmware.onEvent((e) => events.push(e));
  return { clock, scheduler, firmware, events };
}

const wireEvents = (events: FirmwareEvent[]) => events.filter((e) => e.type !== 'display');

describe('TokenFirmware: smart token', () => {
  it('a press wakes the display with the code for the board time and its countdown', async () => {
    const { firmware, events } = await rig();
    const result = firmware.press();
    const expected = reference(SECRET, START_MS);
    const step = Math.floor(START_MS / 30_000);
    const remainingMs = (step + 1) * 30_000 - START_MS;
    expect(result).toEqual({ kind: 'code', code: expected, step, remainingMs });
    expect(firmware.display).toEqual({ kind: 'code', code: expected, step, validUntilMs: (step + 1) * 30_000 });
    expect(firmware.remainingMs()).toBe(remainingMs);
    expect(wireEvents(events)).toEqual([
      { type: 'button', long: false, host: false },
      { type: 'code-shown', code: expected, step, remainingMs },
    ]);
  });

  it('the shown code changes exactly at the step boundary, not a millisecond before', async () => {
    const { firmware, scheduler, events } = await rig();
    firmware.press();
    const step = Math.floor(START_MS / 30_000);
    const boundaryMs = (step + 1) * 30_000;
    scheduler.advanceTo(boundaryMs - 1);
    expect(firmware.display).toMatchObject({ kind: 'code', step, code: reference(SECRET, START_MS) });
    events.length = 0;
    scheduler.advanceTo(boundaryMs);
    const next = reference(SECRET, boundaryMs);
    expect(firmware.display).toMatchObject({ kind: 'code', step: step + 1, code: next });
    expect(wireEvents(events)).toEqual([{ type: 'code-shown', code: next, step: step + 1, remainingMs: 30_000 }]);
  });

  it('the display blanks after the profile timeout; a second press restarts the timeout', async () => {
    const { firmware, scheduler, events } = await rig();
    const timeoutMs = getProfile('code-display').displayTimeoutMs;
    firmware.press();
    scheduler.advance(timeoutMs - 1000);
    const again = firmware.press(); // refresh: the same code again, timeout restarted
    expect(again).toMatchObject({ kind: 'code', code: reference(SECRET, START_MS + timeoutMs - 1000) });
    scheduler.advance(timeoutMs - 1);
    expect(firmware.display.kind).toBe('code');
    events.length = 0;
    scheduler.advance(1);
    expect(firmware.display).toEqual({ kind: 'off' });
    expect(wireEvents(events)).toEqual([{ type: 'display-off' }]);
    expect(scheduler.pending).toBe(0); // no timers left behind while the display is off
  });

  it('long press shows serial, activation code and battery and emits BATTERY', async () => {
    const { firmware, events } = await rig({ battery: 42 });
    expect(firmware.press({ long: true })).toEqual({ kind: 'status' });
    expect(firmware.display).toEqual({
      kind: 'status',
      serial: firmware.serial,
      activationCode: firmware.activationCode,
      batteryPercent: 42,
      lowBattery: false,
    });
    expect(firmware.serial).toMatch(/^\d{10}$/);
    expect(firmware.activationCode).toMatch(/^\d{8}$/);
    expect(wireEvents(events)).toEqual([
      { type: 'button', long: true, host: false },
      { type: 'battery', percent: 42, low: false },
    ]);
  });

  it('a held button is a long press only from the profile longPressMs on', async () => {
    const { firmware, scheduler } = await rig();
    const longMs = getProfile('code-display').longPressMs;
    firmware.buttonDown();
    scheduler.advance(longMs - 1);
    expect(firmware.buttonUp()?.kind).toBe('code');
    firmware.buttonDown();
    scheduler.advance(longMs);
    expect(firmware.buttonUp()?.kind).toBe('status');
    expect(firmware.buttonUp()).toBeUndefined();
  });

  it('battery changes emit BATTERY with low set at or below the profile threshold', async () => {
    const { firmware, events } = await rig({ battery: 50 });
    const threshold = getProfile('code-display').lowBatteryPercent;
    firmware.setBattery(threshold + 1);
    firmware.setBattery(threshold + 1); // no change, no event
    firmware.setBattery(threshold);
    expect(wireEvents(events)).toEqual([
      { type: 'battery', percent: threshold + 1, low: false },
      { type: 'battery', percent: threshold, low: true },
    ]);
  });

  it('an unprovisioned token shows that it has no secret', async () => {
    const { firmware } = await rig({ secret: null });
    expect(firmware.provisioned).toBe(false);
    expect(firmware.press()).toEqual({ kind: 'not-provisioned' });
    expect(firmware.display).toEqual({ kind: 'not-provisioned' });
  });

  it('a soft time set never moves the clock backwards; a forced one does', async () => {
    const { firmware } = await rig();
    expect(firmware.setTime(START_MS - 5000, false)).toEqual({ deviceMs: START_MS, adjusted: false });
    expect(firmware.timeMs()).toBe(START_MS);
    expect(firmware.setTime(START_MS + 60_000, false)).toEqual({ deviceMs: START_MS + 60_000, adjusted: true });
    expect(firmware.setTime(START_MS - 5000, true)).toEqual({ deviceMs: START_MS - 5000, adjusted: true });
    expect(firmware.press()).toMatchObject({ code: reference(SECRET, START_MS - 5000) });
  });

  it('a drifting clock still changes the code at the board-time step boundary', async () => {
    const driftPpm = 2000; // exaggerated so the conversion matters: 60 ms over 30 s
    const { firmware, scheduler, events } = await rig({ driftPpm });
    firmware.press();
    events.length = 0;
    // Run host time until the firmware shows the next step; the board clock must be at (or just past) the boundary.
    const step = Math.floor(START_MS / 30_000);
    let hostMs = 0;
    while (!events.some((e) => e.type === 'code-shown') && hostMs < 40_000) {
      scheduler.advance(1);
      hostMs++;
    }
    const boundaryBoardMs = (step + 1) * 30_000;
    expect(firmware.timeMs()).toBeGreaterThanOrEqual(boundaryBoardMs);
    expect(firmware.timeMs() - boundaryBoardMs).toBeLessThanOrEqual(2);
    const boardElapsed = boundaryBoardMs - START_MS;
    // The host waited less than the board's elapsed time because the board runs fast.
    expect(hostMs).toBeLessThan(boardElapsed);
    expect(events).toContainEqual({
      type: 'code-shown',
      code: reference(SECRET, boundaryBoardMs),
      step: step + 1,
      remainingMs: expect.any(Number),
    });
  });

  it('provisioning replaces the secret and blanks the display', async () => {
    const { firmware } = await rig();
    firmware.press();
    const other: StoredSecret = { ...SECRET, secret: new Uint8Array(20).fill(7), digits: 8 };
    await firmware.provision(other);
    expect(firmware.display.kind).toBe('off');
    expect(firmware.press()).toMatchObject({ code: reference(other, START_MS) });
  });
});

describe('TokenFirmware: display driver (HAL)', () => {
  it('gets every display state in order, the same as the display events', async () => {
    const clock = new ManualClock(START_MS);
    const scheduler = new ManualScheduler(clock);
    const shown: string[] = [];
    const firmware = await createFirmware({
      baseClock: clock,
      scheduler,
      secret: SECRET,
      display: { show: (s) => shown.push(s.kind) },
    });
    const viaEvents: string[] = [];
    firmware.onEvent((e) => e.type === 'display' && viaEvents.push(e.state.kind));
    firmware.press();
    firmware.press({ long: true });
    scheduler.advance(getProfile('code-display').displayTimeoutMs);
    expect(shown).toEqual(['code', 'status', 'off']);
    expect(viaEvents).toEqual(shown);
  });
});

describe('TokenFirmware: display board', () => {
  it('shows pushed digits with their countdown; a press only reports the button', async () => {
    const { firmware, events, scheduler } = await rig({ mode: 'display', profile: 'audio-code-reader', secret: null });
    expect(firmware.press()).toEqual({ kind: 'display-board' });
    expect(firmware.display.kind).toBe('off');
    firmware.showDigits('123456', 20_000);
    expect(firmware.display).toEqual({ kind: 'digits', code: '123456', untilMs: START_MS + 20_000 });
    scheduler.advance(5000);
    expect(firmware.remainingMs()).toBe(15_000);
    firmware.showDigits('', 0);
    expect(firmware.display.kind).toBe('off');
    expect(wireEvents(events)).toEqual([{ type: 'button', long: false, host: false }, { type: 'display-off' }]);
    // A pushed countdown blanks the display when it reaches zero.
    firmware.showDigits('654321', 3000);
    scheduler.advance(2999);
    expect(firmware.display.kind).toBe('digits');
    scheduler.advance(1);
    expect(firmware.display.kind).toBe('off');
  });
});

describe('FileFlash', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps serial, activation code and secret across restarts, in a 0600 file, with no temp files left', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tokenkit-flash-'));
    const path = join(dir, 'board.json');
    const clock = new ManualClock(START_MS);
    const first = await createFirmware({ flashPath: path, baseClock: clock, scheduler: new ManualScheduler(clock) });
    expect(first.provisioned).toBe(false);
    await first.provision(SECRET);
    const firstCode = first.press();
    first.stop();

    const second = await createFirmware({ flashPath: path, baseClock: clock, scheduler: new ManualScheduler(clock) });
    expect(second.serial).toBe(first.serial);
    expect(second.activationCode).toBe(first.activationCode);
    expect(second.press()).toEqual(firstCode);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['board.json']);
  });

  it('a write that fails halfway keeps the old record and leaves no temp file holding the secret', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tokenkit-flash-'));
    const path = join(dir, 'board.json');
    await new FileFlash(path).write({ serial: '1234567890', activationCode: '12345678', secret: null });
    const failing = new FileFlash(path, { failWriteAfterHalf: true });
    await expect(failing.write({ serial: '1234567890', activationCode: '12345678', secret: SECRET })).rejects.toThrow(
      /ENOSPC/,
    );
    expect(readdirSync(dir)).toEqual(['board.json']);
    expect((await new FileFlash(path).read())?.secret).toBeNull();
  });

  it('refuses an edited file instead of using half of it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tokenkit-flash-'));
    const path = join(dir, 'board.json');
    const flash = new FileFlash(path);
    await flash.write({ serial: '1234567890', activationCode: '12345678', secret: null });
    const { readFileSync, writeFileSync } = await import('node:fs');
    writeFileSync(path, readFileSync(path, 'utf8').replace('1234567890', '1234567891'));
    await expect(flash.read()).rejects.toThrow(/checksum/);
  });
});
