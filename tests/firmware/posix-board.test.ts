import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceClient, DeviceStatusError } from '../../src/device/index';
import { startPtyPair } from '../../src/link/pty-pair';
import { SerialLink } from '../../src/link/serial-link';
import { Status } from '../../src/protocol/index';
import { hasTool } from '../helpers/tools';
import { spawnPosixFirmware } from './posix-build';

/** The posix build of the C firmware on a socat pty, with a DeviceClient on the host end. */
async function startBoard(args: string[]) {
  const pair = await startPtyPair();
  const { child, serial } = await spawnPosixFirmware(['--tty', pair.boardPath, ...args]);
  const link = await SerialLink.open(pair.hostPath);
  const client = await DeviceClient.overLink(link, { timeoutMs: 2000 });
  return {
    client,
    serial,
    async stop() {
      await client.close();
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await pair.stop();
    },
  };
}

const ALGORITHMS = [
  // RFC 6238's secrets: 20, 32 and 64 bytes of the ASCII digits.
  { algorithm: 'sha1', secret: '12345678901234567890' },
  { algorithm: 'sha256', secret: '12345678901234567890123456789012' },
  { algorithm: 'sha512', secret: '1234567890123456789012345678901234567890123456789012345678901234' },
] as const;

describe.skipIf(!hasTool('socat', 'socat') || !hasTool('cc', 'gcc') || !hasTool('make', 'make'))(
  'C firmware (posix build): algorithms, store and clock',
  () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'tokenkit-posix-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('HOTP/TOTP with SHA-1, SHA-256 and SHA-512, 6-10 digits, any period and T0, match otplib', async () => {
      const board = await startBoard([]);
      try {
        for (const { algorithm, secret } of ALGORITHMS) {
          for (const [digits, periodSec, t0Sec] of [
            [8, 30, 0],
            [6, 60, 1000],
            [10, 7, 123456],
          ] as const) {
            const key = new TextEncoder().encode(secret);
            await board.client.provision({ secret: key, algorithm, digits, periodSec, t0Sec });
            const result = await board.client.press();
            if (result.kind !== 'code') throw new Error('expected a code');
            const epoch = t0Sec + result.step * periodSec;
            const expected = generateSync({
              secret: key,
              algorithm,
              digits: digits as 6,
              period: periodSec,
              epoch,
              t0: t0Sec,
            });
            expect({ algorithm, digits, code: result.code }).toEqual({ algorithm, digits, code: expected });
          }
        }
      } finally {
        await board.stop();
      }
    });

    it("RFC 6238's SHA-1, SHA-256 and SHA-512 vectors for T = 1111111109 s (step 37037036)", async () => {
      // 1111111090 s is in the same step as the RFC's 1111111109 s, 19 s from its end: no race with a slow host.
      const board = await startBoard(['--start-time', '1111111090000']);
      try {
        const expected = { sha1: '07081804', sha256: '68084774', sha512: '25091201' };
        for (const { algorithm, secret } of ALGORITHMS) {
          await board.client.setTime(1111111090000, { force: true });
          await board.client.provision({ secret: new TextEncoder().encode(secret), algorithm, digits: 8 });
          await board.client.setTime(1111111090000, { force: true });
          const result = await board.client.press();
          expect(result).toMatchObject({ kind: 'code', step: 37037036, code: expected[algorithm] });
        }
      } finally {
        await board.stop();
      }
    });

    it('the EEPROM file keeps the identity and the secret across restarts; a too-short secret is refused', async () => {
      const eeprom = join(dir, 'eeprom.bin');
      const first = await startBoard(['--eeprom', eeprom]);
      let serial: string;
      try {
        serial = first.serial;
        expect(first.client.info.provisioned).toBe(false);
        const error = await first.client.provision({ secret: new Uint8Array(9).fill(7) }).catch((e: unknown) => e);
        expect((error as DeviceStatusError).status).toBe(Status.BAD_REQUEST);
        await first.client.provision({ secret: new TextEncoder().encode(ALGORITHMS[2].secret), algorithm: 'sha512' });
      } finally {
        await first.stop();
      }
      const second = await startBoard(['--eeprom', eeprom]);
      try {
        expect(second.serial).toBe(serial);
        expect(second.client.info).toMatchObject({ serial, provisioned: true });
        const result = await second.client.press();
        if (result.kind !== 'code') throw new Error('expected a code');
        const key = new TextEncoder().encode(ALGORITHMS[2].secret);
        expect(result.code).toBe(generateSync({ secret: key, algorithm: 'sha512', epoch: result.step * 30 }));
      } finally {
        await second.stop();
      }
    });

    it('INFO clockFlags: a running RTC is 0; an unset RTC says unset until SET_TIME; no RTC says unreliable', async () => {
      const ok = await startBoard([]);
      try {
        expect(ok.client.info.clock).toEqual({ unset: false, unreliable: false });
      } finally {
        await ok.stop();
      }
      const unset = await startBoard(['--rtc', 'unset']);
      try {
        expect(unset.client.info.clock).toEqual({ unset: true, unreliable: false });
        await unset.client.setTime('now', { force: true });
        expect((await unset.client.hello()).clock).toEqual({ unset: false, unreliable: false });
      } finally {
        await unset.stop();
      }
      const none = await startBoard(['--rtc', 'none', '--start-time', String(Date.UTC(2030, 0, 1))]);
      try {
        expect(none.client.info.clock).toEqual({ unset: false, unreliable: true });
        const time = await none.client.getTime();
        expect(time.deviceMs).toBeGreaterThanOrEqual(Date.UTC(2030, 0, 1));
      } finally {
        await none.stop();
      }
    });

    it('SET_TIME past what the board can keep (2106) is BAD_REQUEST; the clock is unchanged', async () => {
      const board = await startBoard([]);
      try {
        const error = await board.client.setTime(2 ** 32 * 1000, { force: true }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DeviceStatusError);
        expect((error as DeviceStatusError).status).toBe(Status.BAD_REQUEST);
        const time = await board.client.getTime();
        expect(Math.abs(time.offsetMs)).toBeLessThan(60_000);
      } finally {
        await board.stop();
      }
    });
  },
);
