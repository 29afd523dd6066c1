import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../src/cli/error-map';
import {
  AvrdudeError,
  avrdudeArgs,
  classifyAvrdudeFailure,
  inspectFirmwareHex,
  listShippedFirmware,
  NotOurFirmwareError,
} from '../../src/device/flash/index';
import { firmwareHex } from './helpers';

/** Intel HEX for `bytes` at address 0, 16 bytes a record. */
function toHex(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let a = 0; a < bytes.length; a += 16) {
    const data = [...bytes.subarray(a, a + 16)];
    const body = [data.length, a >> 8, a & 0xff, 0, ...data];
    const sum = (0x100 - (body.reduce((x, y) => x + y, 0) & 0xff)) & 0xff;
    lines.push(
      `:${Buffer.from([...body, sum])
        .toString('hex')
        .toUpperCase()}`,
    );
  }
  return `${lines.join('\n')}\n:00000001FF\n`;
}

describe('firmware images: ours or not', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokenkit-catalog-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, bytes: Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, toHex(bytes));
    return path;
  };
  const text = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));

  it('the firmware build is ours: its profile id and version are read from the image', () => {
    const info = inspectFirmwareHex(firmwareHex(), []);
    expect(info.profileId).toBe('code-display');
    expect(info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(info.image.dataBytes).toBeGreaterThan(1000);
  });

  it('constants back to back (the store magic TKI1 before 1.0.0) give the clean version', () => {
    const info = inspectFirmwareHex(write('packed.hex', text('\x0c\x94\x00\x00TKI11.0.0\0code-display\0')), []);
    expect(info.version).toBe('1.0.0');
  });

  it('an Arduino sketch is not ours; an image that reaches into the bootloader is not ours: exit 2', () => {
    for (const [name, bytes, reason] of [
      ['blink.hex', text('\x0c\x94\x00\x00Hello, world\0'), /does not carry a tokenkit profile id/],
      ['huge.hex', new Uint8Array(0x7900).fill(0x11), /reach into the bootloader/],
    ] as const) {
      let error: unknown;
      try {
        inspectFirmwareHex(write(name, bytes), []);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(NotOurFirmwareError);
      expect((error as Error).message).toMatch(reason);
      expect(exitCodeFor(error)).toBe(2);
    }
  });

  it('a shipped image is recognised by the sha256 in its manifest', () => {
    const shipped = listShippedFirmware();
    for (const f of shipped) {
      const info = inspectFirmwareHex(f.hexPath, shipped);
      expect(info.shipped?.id).toBe(f.id);
      expect(f.manifest.sha256).toBe(info.sha256);
    }
  });
});

describe('avrdude', () => {
  it('runs the arduino programmer at the bootloader rate, writing with its verify', () => {
    expect(
      avrdudeArgs({ programmer: 'arduino', part: 'm328p', port: '/dev/ttyUSB0', baudRate: 57600, hexPath: 'f.hex' }),
    ).toEqual(['-c', 'arduino', '-p', 'm328p', '-P', '/dev/ttyUSB0', '-b', '57600', '-D', '-U', 'flash:w:f.hex:i']);
  });

  it("tells from avrdude's output whether the flash was touched", () => {
    const cases: [string, string][] = [
      [
        'avrdude warning: attempt 10 of 10: not in sync: resp=0x00\navrdude error: unable to open programmer arduino',
        'no-sync',
      ],
      ['avrdude OS error: cannot open port /dev/ttyUSB9: No such file or directory', 'port'],
      [
        'avrdude: device signature = 0x1e9587\navrdude error: expected signature for ATmega328P is 1E 95 0F',
        'signature',
      ],
      [
        'avrdude: writing 22968 bytes flash ...\nWriting | ###### | 11%\navrdude error: programmer is not responding',
        'write',
      ],
      ['avrdude: 22968 bytes of flash written\navrdude: verifying ...\navrdude error: verification mismatch', 'verify'],
    ];
    for (const [output, stage] of cases) expect([output, classifyAvrdudeFailure(output)]).toEqual([output, stage]);
    const e = new AvrdudeError('/dev/ttyUSB0', 'write', 1, 'programmer is not responding');
    expect(e.flashTouched).toBe(true);
    expect(exitCodeFor(e)).toBe(4);
    expect(e.localized('da')).toMatch(/^avrdude stoppede under skrivningen af flashen på \/dev\/ttyUSB0/);
  });
});
