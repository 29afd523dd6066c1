import { describe, expect, it } from 'vitest';
import { Ds3231Model, Max7219Model } from '../../firmware-sim/avr/index';

// The board's two chips as models, without a CPU: what the firmware can observe through their registers.
const bcd = (n: number) => ((Math.floor(n / 10) << 4) | (n % 10)) & 0xff;

describe('Ds3231Model', () => {
  const at = (boardMs: { now: number }, opts: ConstructorParameters<typeof Ds3231Model>[1]) =>
    new Ds3231Model(() => boardMs.now, opts);

  it('reads its time in BCD registers (24 h), with the century bit past 2099', () => {
    const board = { now: 0 };
    const rtc = at(board, { startMs: Date.UTC(2026, 11, 31, 23, 59, 59, 900) });
    expect([...rtc.timeRegisters()]).toEqual([
      bcd(59),
      bcd(59),
      bcd(23),
      rtc.timeRegisters()[3],
      bcd(31),
      bcd(12),
      bcd(26),
    ]);
    board.now = 100;
    expect([...rtc.timeRegisters()].filter((_, i) => i !== 3)).toEqual([0, 0, 0, 1, 1, bcd(27)]);
    const late = at(board, { startMs: Date.UTC(2100, 0, 1) });
    expect(late.timeRegisters()[5]).toBe(0x80 | 1);
  });

  it('runs fast or slow by driftPpm and by its aging register (about -0.1 ppm a step); a drift change keeps the time', () => {
    const board = { now: 0 };
    const rtc = at(board, { startMs: 0, driftPpm: 100 });
    board.now = 1_000_000;
    expect(rtc.nowMs()).toBeCloseTo(1_000_100, 6);
    rtc.driftPpm = -50;
    expect(rtc.nowMs()).toBeCloseTo(1_000_100, 6);
    board.now = 2_000_000;
    expect(rtc.nowMs()).toBeCloseTo(1_000_100 + 1_000_000 * (1 - 50e-6), 6);
    rtc.writeRegister(0x10, 0xec); // aging -20: +2 ppm
    const from = rtc.nowMs();
    board.now = 3_000_000;
    expect(rtc.nowMs() - from).toBeCloseTo(1_000_000 * (1 - 48e-6), 4);
  });

  it('setTimeMs and adjustMs move the time; stop holds it and sets OSF; start runs on from there', () => {
    const board = { now: 0 };
    const rtc = at(board, { startMs: 1_000 });
    rtc.setTimeMs(50_000);
    rtc.adjustMs(-2_000);
    expect(rtc.nowMs()).toBe(48_000);
    expect(rtc.oscillatorStopFlag).toBe(false);
    rtc.stop();
    board.now = 10_000;
    expect(rtc.nowMs()).toBe(48_000);
    expect(rtc.oscillatorStopFlag).toBe(true);
    rtc.start();
    board.now = 11_000;
    expect(rtc.nowMs()).toBe(49_000);
    expect(rtc.oscillatorStopFlag).toBe(true); // until the firmware clears it
  });

  it('status: OSF and the alarm flags can only be cleared by a write; EN32kHz is writable; temperature is read-only', () => {
    const rtc = at({ now: 0 }, { startMs: 0, oscillatorStopFlag: true });
    expect(rtc.readRegister(0x0f)).toBe(0x88);
    rtc.writeRegister(0x0f, 0xff); // writing 1 does not set flags
    expect(rtc.readRegister(0x0f)).toBe(0x88);
    rtc.writeRegister(0x0f, 0x00);
    expect(rtc.readRegister(0x0f)).toBe(0x00);
    expect(rtc.oscillatorStopFlag).toBe(false);
    rtc.writeRegister(0x11, 99);
    expect(rtc.readRegister(0x11)).toBe(25);
    expect(rtc.readRegister(0x0e)).toBe(0x1c);
  });

  it('a burst write of the time applies all fields together; the seconds write restarts the second; 12 h mode reads back', () => {
    const board = { now: 0 };
    const rtc = at(board, { startMs: Date.UTC(2026, 1, 28, 10, 0, 0, 700) });
    // 2031-03-31 13:45:30: day 31 with month 3 only together (Feb has no 31st)
    rtc.applyTimeWrite(
      new Map([
        [0, bcd(30)],
        [1, bcd(45)],
        [2, bcd(13)],
        [3, 2],
        [4, bcd(31)],
        [5, bcd(3)],
        [6, bcd(31)],
      ]),
    );
    expect(rtc.nowMs()).toBe(Date.UTC(2031, 2, 31, 13, 45, 30));
    expect(rtc.timeRegisters()[3]).toBe(2);
    // Minutes only: the second keeps its phase
    board.now = 300;
    rtc.applyTimeWrite(new Map([[1, bcd(50)]]));
    expect(rtc.nowMs()).toBe(Date.UTC(2031, 2, 31, 13, 50, 30, 300));
    // 12 h mode, 1 PM
    rtc.applyTimeWrite(new Map([[2, 0x40 | 0x20 | bcd(1)]]));
    expect(new Date(rtc.nowMs()).getUTCHours()).toBe(13);
    expect(rtc.timeRegisters()[2]).toBe(0x40 | 0x20 | bcd(1));
  });
});

describe('Max7219Model', () => {
  const write = (m: Max7219Model, register: number, value: number) => {
    m.shiftByte(register);
    m.shiftByte(value);
    return m.latch();
  };

  it('starts in shutdown; latches the last 16 bits shifted in at LOAD; Code B digits left to right', () => {
    const m = new Max7219Model();
    expect(m.decode()).toMatchObject({ on: false, digits: '        ' });
    write(m, 0x09, 0xff);
    write(m, 0x0b, 7);
    write(m, 0x0c, 1);
    // Extra bytes before the last two (a daisy-chain no-op, noise) are shifted out, as in the chip.
    m.shiftByte(0x55);
    m.shiftByte(0x08);
    m.shiftByte(0x04);
    expect(m.latch()).toBe(true);
    for (const [reg, v] of [
      [7, 3],
      [6, 2],
      [5, 1],
      [4, 0],
      [3, 9],
      [2, 0],
      [1, 5],
    ] as const)
      write(m, reg, v);
    expect(m.decode()).toMatchObject({ on: true, digits: '43210905', code: '432109', remainingSec: 5 });
    expect(m.decode(8)).toMatchObject({ code: '43210905' });
    expect(m.decode(8).remainingSec).toBeUndefined();
  });

  it('no-decode digits read by their segments; scan limit hides digits; display test lights all', () => {
    const m = new Max7219Model();
    write(m, 0x0c, 1);
    write(m, 0x0b, 1); // digits 1 and 2 only
    write(m, 0x01, 0x7e); // '0' in segments
    write(m, 0x02, 0x01); // '-'
    write(m, 0x03, 0x7f); // beyond the scan limit
    expect(m.decode().digits).toBe('      -0');
    write(m, 0x0f, 1);
    expect(m.decode().digits).toBe('88888888');
    expect(write(m, 0x0f, 1)).toBe(false); // no change
  });
});
