import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArduinoBoard, type ArduinoPhase } from '../../firmware-sim/avr/arduino-board';
import { ATMEGA328P, OPTIBOOT, STK, Stk500Bootloader } from '../../firmware-sim/avr/stk500';
import { ManualScheduler } from '../../firmware-sim/hal';
import { ManualClock } from '../../src/clock';

const EOP = STK.CRC_EOP;
const bytes = (...b: number[]) => Uint8Array.from(b);
const hexOf = (u: Uint8Array) => Buffer.from(u).toString('hex');

/** LOAD_ADDRESS takes a word address, little-endian. */
const loadAddress = (byteAddress: number) => [STK.LOAD_ADDRESS, (byteAddress >> 1) & 0xff, byteAddress >> 9, EOP];
const progPage = (data: number[], memtype = 0x46) => [
  STK.PROG_PAGE,
  data.length >> 8,
  data.length & 0xff,
  memtype,
  ...data,
  EOP,
];
const readPage = (length: number, memtype = 0x46) => [STK.READ_PAGE, length >> 8, length & 0xff, memtype, EOP];

describe('STK500v1 as Optiboot speaks it', () => {
  it('answers GET_SYNC, the software version and the signature in sync', () => {
    const boot = new Stk500Bootloader();
    expect(hexOf(boot.push(bytes(STK.GET_SYNC, EOP)).reply)).toBe('1410');
    expect(hexOf(boot.push(bytes(STK.GET_PARAMETER, STK.SW_MAJOR, EOP)).reply)).toBe('140810');
    expect(hexOf(boot.push(bytes(STK.GET_PARAMETER, STK.SW_MINOR, EOP)).reply)).toBe('140010');
    // Any other parameter (HW_VER 0x80, avrdude's first question) is answered with 3.
    expect(hexOf(boot.push(bytes(STK.GET_PARAMETER, 0x80, EOP)).reply)).toBe('140310');
    expect(hexOf(boot.push(bytes(STK.READ_SIGN, EOP)).reply)).toBe('141e950f10');
    // SET_DEVICE (20 bytes) and SET_DEVICE_EXT (5 bytes) are read and ignored.
    expect(hexOf(boot.push(bytes(STK.SET_DEVICE, ...new Array(20).fill(0x86), EOP)).reply)).toBe('1410');
    expect(hexOf(boot.push(bytes(STK.SET_DEVICE_EXT, 1, 2, 3, 4, 5, EOP)).reply)).toBe('1410');
    expect(hexOf(boot.push(bytes(STK.ENTER_PROGMODE, EOP)).reply)).toBe('1410');
    // UNIVERSAL (avrdude's chip erase, fuse reads): 0x00, and nothing is erased.
    expect(hexOf(boot.push(bytes(STK.UNIVERSAL, 0xac, 0x80, 0, 0, EOP)).reply)).toBe('140010');
    expect(boot.exited).toBeUndefined();
  });

  it('a byte other than CRC_EOP where one belongs resets into the application, answering nothing', () => {
    const boot = new Stk500Bootloader();
    const step = boot.push(bytes(STK.GET_SYNC, 0x21, STK.GET_SYNC, EOP));
    expect(step).toEqual({ reply: new Uint8Array(0), exit: 'bad-sync' });
    // A tokenkit HELLO frame sent to a board still in its bootloader does the same.
    expect(new Stk500Bootloader().push(bytes(0x02, 0x01, 0x01, 0x05, 0x00)).exit).toBe('bad-sync');
  });

  it('writes a page at the word address LOAD_ADDRESS gave and reads it back', () => {
    const boot = new Stk500Bootloader();
    const data = Array.from({ length: 128 }, (_, i) => (i * 7 + 3) & 0xff);
    expect(hexOf(boot.push(bytes(...loadAddress(0x0100), ...progPage(data))).reply)).toBe('14101410');
    expect([...boot.flash.subarray(0x0100, 0x0180)]).toEqual(data);
    expect(boot.flash[0x00ff]).toBe(0xff);
    expect(boot.flash[0x0180]).toBe(0xff);
    const read = boot.push(bytes(...loadAddress(0x0100), ...readPage(128))).reply;
    expect(hexOf(read)).toBe(`1410` + `14${Buffer.from(data).toString('hex')}10`);
    expect(boot.stats).toMatchObject({ pagesWritten: 1, pagesRead: 1 });
  });

  it('a page write erases the whole page first, like SPM', () => {
    const boot = new Stk500Bootloader(OPTIBOOT, { flash: new Uint8Array(256).fill(0x55) });
    boot.push(bytes(...loadAddress(0x80), ...progPage([1, 2, 3, 4])));
    expect([...boot.flash.subarray(0x80, 0x86)]).toEqual([1, 2, 3, 4, 0xff, 0xff]);
    expect(boot.flash[0x7f]).toBe(0x55);
  });

  it('memtype E writes and reads EEPROM, not flash', () => {
    const boot = new Stk500Bootloader();
    boot.push(bytes(...loadAddress(0x10), ...progPage([9, 8, 7], 0x45)));
    expect([...boot.eeprom.subarray(0x10, 0x13)]).toEqual([9, 8, 7]);
    expect(boot.flash[0x10]).toBe(0xff);
    expect(hexOf(boot.push(bytes(...loadAddress(0x10), ...readPage(3, 0x45))).reply)).toBe('1410' + '1409080710');
  });

  it('the boot section is write-protected: a write there is dropped, a read returns the bootloader', () => {
    const boot = new Stk500Bootloader();
    const bootStart = ATMEGA328P.flashBytes - OPTIBOOT.bootSectionBytes;
    expect(boot.appBytes).toBe(0x7e00);
    boot.push(bytes(...loadAddress(bootStart), ...progPage(new Array(128).fill(0xaa))));
    expect(boot.flash[bootStart]).toBe(0x00);
    expect(boot.stats.pagesWritten).toBe(0);
  });

  it('LEAVE_PROGMODE answers and hands over to the application; later bytes are not its own', () => {
    const boot = new Stk500Bootloader();
    expect(boot.push(bytes(STK.LEAVE_PROGMODE, EOP, STK.GET_SYNC, EOP))).toEqual({
      reply: bytes(STK.INSYNC, STK.OK),
      exit: 'leave',
    });
  });

  it('chunk boundaries do not matter (avrdude writes, the pty delivers in any cuts)', () => {
    const data = Array.from({ length: 128 }, (_, i) => i);
    const session = bytes(
      STK.GET_SYNC,
      EOP,
      STK.GET_PARAMETER,
      STK.SW_MAJOR,
      EOP,
      ...loadAddress(0x200),
      ...progPage(data),
      ...loadAddress(0x200),
      ...readPage(128),
      STK.READ_SIGN,
      EOP,
    );
    const whole = new Stk500Bootloader();
    const expected = whole.push(session).reply;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: session.length }), { maxLength: 20 }), (cuts) => {
        const boot = new Stk500Bootloader();
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const out: number[] = [];
        let from = 0;
        for (const to of [...points, session.length]) {
          out.push(...boot.push(session.subarray(from, to)).reply);
          from = to;
        }
        expect(hexOf(Uint8Array.from(out))).toBe(hexOf(expected));
        expect([...boot.flash.subarray(0x200, 0x280)]).toEqual(data);
      }),
      { numRuns: 200 },
    );
  });
});

describe('ArduinoBoard: the bootloader, then the application on the same UART', () => {
  function setup(flash?: Uint8Array) {
    const clock = new ManualClock(0);
    const scheduler = new ManualScheduler(clock);
    const toHost: number[] = [];
    let hostListener: (chunk: Uint8Array) => void = () => {};
    const appRx: number[] = [];
    let starts = 0;
    const phases: ArduinoPhase[] = [];
    const board = ArduinoBoard.start({
      port: {
        write: (b) => void toHost.push(...b),
        onData: (l) => {
          hostListener = l;
          return () => (hostListener = () => {});
        },
      },
      scheduler,
      ...(flash ? { flash } : {}),
      startApplication: async () => {
        starts++;
        return { write: (b) => void appRx.push(...b), onData: () => () => {}, stop() {} };
      },
    });
    board.onPhase((p) => phases.push(p));
    return {
      board,
      scheduler,
      toHost,
      send: (b: number[]) => hostListener(Uint8Array.from(b)),
      appRx,
      phases,
      starts: () => starts,
    };
  }
  const image = () => {
    const flash = new Uint8Array(ATMEGA328P.flashBytes).fill(0xff);
    flash.set([0x0c, 0x94, 0x34, 0x00]);
    return flash;
  };

  it('with an application, starts it when the bootloader times out; bytes then go to the application', async () => {
    const s = setup(image());
    s.scheduler.advance(OPTIBOOT.idleTimeoutMs - 1);
    expect(s.board.phase).toBe('bootloader');
    s.scheduler.advance(1);
    expect(s.board.phase).toBe('starting');
    s.scheduler.advance(100);
    await Promise.resolve();
    await Promise.resolve();
    expect(s.board.phase).toBe('application');
    s.send([1, 2, 3]);
    expect(s.appRx).toEqual([1, 2, 3]);
  });

  it('every byte restarts the watchdog; a reset goes back to the bootloader', async () => {
    const s = setup(image());
    s.scheduler.advance(900);
    s.send([STK.GET_SYNC, EOP]);
    expect(s.toHost).toEqual([STK.INSYNC, STK.OK]);
    s.scheduler.advance(900);
    expect(s.board.phase).toBe('bootloader');
    s.send([STK.LEAVE_PROGMODE, EOP]);
    s.scheduler.advance(100);
    await Promise.resolve();
    await Promise.resolve();
    expect(s.board.phase).toBe('application');
    await s.board.reset();
    expect(s.board.phase).toBe('bootloader');
  });

  it('a blank chip has no application: the board answers nothing after the bootloader', () => {
    const s = setup();
    s.scheduler.advance(5000);
    expect(s.board.phase).toBe('no-application');
    s.send([STK.GET_SYNC, EOP]);
    expect(s.toHost).toEqual([]);
    expect(s.starts()).toBe(0);
  });
});
