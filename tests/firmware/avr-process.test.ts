import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DeviceClient } from '../../src/device/index';
import { startPtyPair } from '../../src/link/pty-pair';
import { SerialLink } from '../../src/link/serial-link';
import { hasTool } from '../helpers/tools';
import { FIRMWARE_AVR_JS, spawnFirmwareAvr } from './avr-process';

// dist/firmware-avr.js as a user starts it: the shipped image by default, one line and exit 2 for bad input.
describe('dist/firmware-avr.js', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokenkit-avr-process-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (args: string[]) =>
    spawnSync(process.execPath, [FIRMWARE_AVR_JS, ...args], { encoding: 'utf8', timeout: 10_000 });

  const bad: [string, string[], RegExp][] = [
    ['an unknown option', ['--stdio', '--bogus'], /unknown option '--bogus'/],
    ['neither --tty nor --stdio', [], /give --tty PATH or --stdio/],
    ['a time that is not one', ['--stdio', '--rtc-start', 'yesterday'], /--rtc-start 'yesterday' is not a time/],
    ['--no-rtc with an RTC option', ['--stdio', '--no-rtc', '--drift-ppm', '3'], /--no-rtc takes neither/],
    ['a missing hex file', ['--stdio', '--hex', '/nonexistent/x.hex'], /no firmware image at \/nonexistent\/x\.hex/],
  ];
  for (const [what, args, message] of bad) {
    it(`refuses ${what} with one line and exit 2`, () => {
      const r = run(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
  }

  it('refuses a damaged hex file and an EEPROM file of the wrong size, naming the file', () => {
    const hex = join(dir, 'bad.hex');
    writeFileSync(hex, ':0400000001020304F0\n:00000001FF\n');
    const r = run(['--stdio', '--hex', hex]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${hex}: line 1 has a wrong checksum`);
    const eeprom = join(dir, 'eeprom.bin');
    writeFileSync(eeprom, Buffer.alloc(10));
    const e = run(['--stdio', '--eeprom', eeprom]);
    expect(e.status).toBe(2);
    expect(e.stderr).toContain(`${eeprom}: an EEPROM image must be 1024 bytes, this one is 10`);
  });

  it.skipIf(!hasTool('socat', 'socat'))(
    'runs the shipped firmware (firmware/prebuilt) by default, keeps its EEPROM in a file, and exits 0 on SIGHUP',
    async () => {
      const eeprom = join(dir, 'board.eeprom');
      const pair = await startPtyPair();
      try {
        const { child, serial } = await spawnFirmwareAvr(['--tty', pair.boardPath, '--eeprom', eeprom]);
        expect(serial).toMatch(/^\d{10}$/);
        const host = await SerialLink.open(pair.hostPath);
        const client = await DeviceClient.overLink(host);
        expect(client.info).toMatchObject({ serial, profileId: 'code-display', mode: 'smart' });
        await client.close();
        const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
        child.kill('SIGHUP');
        expect(await exited).toBe(0);
        // The serial was made at first boot and stored: a second start finds the same one.
        const again = await spawnFirmwareAvr(['--tty', pair.boardPath, '--eeprom', eeprom]);
        expect(again.serial).toBe(serial);
        const done = new Promise((resolve) => again.child.once('exit', resolve));
        again.child.kill('SIGTERM');
        await done;
      } finally {
        await pair.stop();
      }
    },
  );
});
