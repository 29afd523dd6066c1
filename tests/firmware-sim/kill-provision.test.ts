import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSync } from 'otplib';
import { afterAll, describe, expect, it } from 'vitest';
import { FLASH_WRITE_PHASES } from '../../firmware-sim/file-flash';
import { DeviceClient } from '../../src/device/index';
import { startPtyPair } from '../../src/link/pty-pair';
import { SerialLink } from '../../src/link/serial-link';
import { decodeBase32 } from '../../src/otp/index';
import { hasTool } from '../helpers/tools';
import { until } from '../helpers/wait';
import { spawnFirmwareSim } from './firmware-process';

const OLD_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const NEW_B32 = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SECRETS = { old: decodeBase32(OLD_B32), new: decodeBase32(NEW_B32) };

const reference = (secret: Uint8Array, step: number) =>
  generateSync({ secret, epoch: step * 30, digits: 6, period: 30, algorithm: 'sha1' });

/** firmware-sim as its own process on a fresh socat pty, with the given flash file; resolves once it serves. */
async function startBoard(flash: string, extra: string[] = []) {
  const pair = await startPtyPair();
  const child = await spawnFirmwareSim(['--tty', pair.boardPath, '--flash', flash, ...extra]);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const client = await DeviceClient.open(SerialLink.opener(pair.hostPath), { reconnect: false, timeoutMs: 2000 });
  return {
    child,
    client,
    stderr: () => stderr,
    exited,
    async stop() {
      child.kill('SIGKILL');
      await client.close();
      await pair.stop();
    },
  };
}

/** Which of the two secrets the board's press was computed from ('neither' must never happen). */
async function whichSecret(flash: string): Promise<'old' | 'new' | 'neither'> {
  const board = await startBoard(flash);
  try {
    const pressed = await board.client.press();
    if (pressed.kind !== 'code') return 'neither';
    if (pressed.code === reference(SECRETS.old, pressed.step)) return 'old';
    if (pressed.code === reference(SECRETS.new, pressed.step)) return 'new';
    return 'neither';
  } finally {
    await board.stop();
  }
}

describe.skipIf(!hasTool('socat', 'socat'))('SIGKILL during PROVISION', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokenkit-kill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const temps = () => readdirSync(dir).filter((n) => n.startsWith('.board.json.tmp-'));

  it('a restarted board has either the old or the new secret, never anything else', async () => {
    const flash = join(dir, 'board.json');
    // First boot provisions the old secret (like `tokenkit sim --secret`).
    const first = await startBoard(flash, ['--secret', OLD_B32]);
    await first.stop();
    expect(await whichSecret(flash)).toBe('old');

    // Each board stops for good at one point of its flash write (--fault-flash-pause-at) and is killed
    // there, so every kill lands exactly where it is meant to, without waiting out PROVISION's timeout.
    // The last round pauses at no point: that PROVISION is acknowledged.
    const seen: string[] = [];
    let current: 'old' | 'new' = 'old';
    for (const phase of [...FLASH_WRITE_PHASES, 'none'] as const) {
      const target: 'old' | 'new' = current === 'old' ? 'new' : 'old';
      const board = await startBoard(flash, phase === 'none' ? [] : ['--fault-flash-pause-at', phase]);
      const outcome = board.client.provision({ secret: SECRETS[target] }).then(
        () => 'acknowledged' as const,
        () => 'lost' as const,
      );
      if (phase === 'none') {
        expect(await outcome).toBe('acknowledged');
      } else {
        await until(
          `the board to stop at '${phase}'`,
          () => board.stderr().includes(`flash paused at ${phase}`),
          board.stderr,
        );
        // The kill lands mid-write: before the rename a temp file holds the new record; after it, no temp is left.
        expect(temps(), phase).toHaveLength(phase === 'renamed' ? 0 : 1);
      }
      board.child.kill('SIGKILL');
      await board.exited;
      await board.client.close(); // a board killed before its reply never acknowledged
      const acked = await outcome;
      await board.stop();

      const found = await whichSecret(flash);
      seen.push(`${phase}:${acked}->${found}`);
      expect(found, seen.join(' ')).not.toBe('neither');
      // An acknowledged PROVISION is durable: the board said OK only after the rename was on disk.
      if (acked === 'acknowledged') expect(found, seen.join(' ')).toBe(target);
      // Killed before the rename: the old record is intact; after it: the new one is in place, unacknowledged.
      if (phase !== 'none') {
        expect(acked).toBe('lost');
        expect(found, seen.join(' ')).toBe(phase === 'renamed' ? target : current);
      }
      current = found as 'old' | 'new';
      // A killed write may leave its temp file; it is cleaned at the next boot and never read.
      expect(readdirSync(dir).filter((n) => !n.startsWith('.board.json.tmp-'))).toEqual(['board.json']);
      expect(temps()).toEqual([]);
    }
    console.log(`kill during PROVISION: ${seen.join(', ')}`);
  }, 60_000);
});
