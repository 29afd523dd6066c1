import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXIT, exitCodeFor } from '../../src/errors';
import {
  BOARDS,
  boardsForUsb,
  boardUsbIds,
  getProfile,
  PROFILES,
  ProfileError,
  UnknownProfileError,
  validateBoard,
  validateProfile,
} from '../../src/profiles/index';

const DEVICES = fileURLToPath(new URL('../../devices', import.meta.url));
const readJson = (rel: string): unknown => JSON.parse(readFileSync(join(DEVICES, rel), 'utf8'));

describe('devices/ profiles and boards', () => {
  it('every JSON file in devices/ validates and is bundled (none forgotten)', () => {
    const profiles = readdirSync(join(DEVICES, 'profiles')).filter((f) => f.endsWith('.json'));
    const boards = readdirSync(join(DEVICES, 'boards')).filter((f) => f.endsWith('.json'));
    expect(profiles.map((f) => validateProfile(readJson(`profiles/${f}`), f).id).sort()).toEqual(
      PROFILES.map((p) => p.id).sort(),
    );
    expect(boards.map((f) => validateBoard(readJson(`boards/${f}`), f).id).sort()).toEqual(
      BOARDS.map((b) => b.id).sort(),
    );
  });

  it('has the code display and the audio code reader, with speech defaults only on the reader', () => {
    expect(getProfile('code-display')).toMatchObject({ digits: 6, periodSec: 30, algorithm: 'sha1', speech: null });
    expect(getProfile('audio-code-reader').speech).toMatchObject({ lang: expect.stringMatching(/^(da|en)$/) });
  });

  it('every board names an existing profile; serial boards have a baud rate, HID boards a usage page', () => {
    for (const b of BOARDS) {
      expect(() => getProfile(b.profile)).not.toThrow();
      if (b.transport === 'serial') expect(b.baudRate).toBeGreaterThan(0);
      else expect(b.usb.usagePage).toMatch(/^[0-9a-f]{4}$/);
    }
  });

  it('the udev rules cover every board in devices/boards', () => {
    const rules = readFileSync(join(DEVICES, '99-tokenkit.rules'), 'utf8');
    for (const b of BOARDS) {
      for (const u of boardUsbIds(b))
        expect(rules).toContain(`ATTRS{idVendor}=="${u.vendorId}", ATTRS{idProduct}=="${u.productId}"`);
      expect(rules).toContain(b.transport === 'hid' ? 'SUBSYSTEM=="hidraw"' : 'SUBSYSTEM=="tty"');
    }
  });

  it('boards are found by USB ids in any case, with or without 0x', () => {
    expect(boardsForUsb('2E8A', '000A').map((b) => b.id)).toEqual(['pico-cdc']);
    expect(boardsForUsb('0x1209', '0x0001', 'serial').map((b) => b.id)).toEqual(['tokenkit-serial']);
    expect(boardsForUsb('1209', '0001', 'hid')).toEqual([]);
    expect(boardsForUsb(undefined, '0001')).toEqual([]);
  });

  it('Arduino boards are found by every bridge id; a CH340 is one of the three, the Nano first', () => {
    expect(boardsForUsb('1A86', '7523', 'serial').map((b) => b.id)).toEqual(['nano', 'nano-old-bootloader', 'uno']);
    expect(boardsForUsb('2341', '0043').map((b) => b.id)).toEqual(['uno']);
    expect(boardsForUsb('0403', '6001').map((b) => b.id)).toEqual(['nano', 'nano-old-bootloader']);
    for (const id of ['uno', 'nano', 'nano-old-bootloader']) {
      const b = BOARDS.find((x) => x.id === id)!;
      expect(b.bootMs).toBeGreaterThanOrEqual(1000);
      expect(b.flash).toMatchObject({ firmware: 'tokenkit-atmega328p', programmer: 'arduino', part: 'm328p' });
      // The firmware always speaks 115200; only the old bootloader is slower.
      expect(b.baudRate).toBe(115200);
      expect(b.flash!.baudRate).toBe(id === 'nano-old-bootloader' ? 57600 : 115200);
    }
  });

  it('board boot and flash fields are checked like the rest', () => {
    const uno = readJson('boards/uno.json') as Record<string, unknown>;
    expect(() => validateBoard({ ...uno, bootMs: -1 }, 'x.json')).toThrow(/x\.json: bootMs must be an integer from 0/);
    expect(() =>
      validateBoard({ ...uno, flash: { firmware: 'f', programmer: 'arduino', part: 'm328p' } }, 'x.json'),
    ).toThrow(/flash\.baudRate/);
    expect(() =>
      validateBoard({ ...uno, usbAlternatives: [{ vendorId: '1A86', productId: '7523' }] }, 'x.json'),
    ).toThrow(/usbAlternatives\[0\]\.vendorId must be 4 lower-case hex digits/);
  });
});

describe('profile validation errors name the file, the field and the fix', () => {
  const good = readJson('profiles/code-display.json') as Record<string, unknown>;
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['digits out of range', { ...good, digits: 5 }, 'digits', /integer from 6 to 10 \(got 5\)/],
    ['an unknown algorithm', { ...good, algorithm: 'md5' }, 'algorithm', /one of "sha1", "sha256", "sha512"/],
    ['a typo in a field name', { ...good, displayTimeoutMS: 1000 }, 'displayTimeoutMS', /not a known field/],
    ['a missing Danish label', { ...good, name: { en: 'x' } }, 'name.da', /non-empty string/],
    [
      'a bad button action',
      { ...good, buttons: [{ id: 'main', label: { en: 'a', da: 'b' }, press: 'explode', longPress: null }] },
      'buttons[0].press',
      /one of/,
    ],
    ['speech volume above 1', { ...good, speech: { lang: 'da', rate: 1, volume: 3 } }, 'speech.volume', /from 0 to 1/],
    // t0Sec travels as a u32 in PROVISION: 2^32 would pass the file and then fail at the board.
    ['t0Sec beyond u32', { ...good, t0Sec: 2 ** 32 }, 't0Sec', /integer from 0 to 4294967295 \(got 4294967296\)/],
  ];
  for (const [name, value, field, problem] of cases) {
    it(name, () => {
      let error: unknown;
      try {
        validateProfile(value, 'devices/profiles/broken.json');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ProfileError);
      expect((error as ProfileError).field).toBe(field);
      expect((error as ProfileError).message).toMatch(problem);
      expect((error as ProfileError).message).toMatch(/^devices\/profiles\/broken\.json: /);
      expect((error as ProfileError).localized('da')).toContain('Ret filen');
    });
  }

  it('a HID board needs a usage page; a serial board a baud rate', () => {
    const board = readJson('boards/tokenkit-hid.json') as Record<string, unknown>;
    expect(() => validateBoard({ ...board, usb: { vendorId: '1209', productId: '0002' } })).toThrow(
      /usagePage is required/,
    );
    const serial = readJson('boards/tokenkit-serial.json') as Record<string, unknown>;
    expect(() => validateBoard({ ...serial, baudRate: null })).toThrow(/baudRate must be an integer/);
    expect(() => validateBoard({ ...serial, usb: { vendorId: 'XYZ1', productId: '0001' } })).toThrow(
      /4 lower-case hex digits/,
    );
  });

  it('an unknown profile id lists the valid ones (exit 2)', () => {
    const error = (() => {
      try {
        return getProfile('yubikey');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnknownProfileError);
    expect((error as Error).message).toBe("unknown profile 'yubikey': use one of code-display, audio-code-reader.");
    expect(exitCodeFor(error)).toBe(EXIT.USAGE);
  });
});
