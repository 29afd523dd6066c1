import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSync } from 'otplib';
import { afterAll, describe, expect, it } from 'vitest';
import { DeviceClient } from '../../src/device/index';
import { startPtyPair } from '../../src/link/pty-pair';
import { SerialLink } from '../../src/link/serial-link';
import { decodeBase32 } from '../../src/otp/index';
import { hasTool } from '../helpers/tools';
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
  const client = await DeviceClient.open(SerialLink.opener(pair.hostPath), { reconnect: false, timeoutMs: 2000 });
  return {
    child,
    client,
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

  it('a restarted board has either the old or the new secret, never anything else', async () => {
    const flash = join(dir, 'board.json');
    // First boot provisions the old secret (like `tokenkit sim --secret`).
    const first = await startBoard(flash, ['--secret', OLD_B32]);
    await first.stop();
    expect(await whichSecret(flash)).toBe('old');

    // Slow flash (two 15 ms pauses inside the write) so kills land before, inside and after the write.
    const killAfterMs = [0, 8, 20, 32, 45, 80];
    const seen: string[] = [];
    let current: 'old' | 'new' = 'old';
    for (const delayMs of killAfterMs) {
      const target: 'old' | 'new' = current === 'old' ? 'new' : 'old';
      const board = await startBoard(flash, ['--fault-slow-flash-ms', '15']);
      const outcome = board.client.provision({ secret: SECRETS[target] }).then(
        () => 'acknowledged' as const,
        () => 'lost' as const,
      );
      await new Promise((r) => setTimeout(r, delayMs));
      board.child.kill('SIGKILL');
      const acked = await outcome;
      await board.stop();

      const found = await whichSecret(flash);
      seen.push(`${delayMs}ms:${acked}->${found}`);
      expect(found, seen.join(' ')).not.toBe('neither');
      // An acknowledged PROVISION is durable: the board said OK only after the rename was on disk.
      if (acked === 'acknowledged') expect(found, seen.join(' ')).toBe(target);
      current = found as 'old' | 'new';
      // A killed write may leave its temp file; it is cleaned at the next boot and never read.
      expect(readdirSync(dir).filter((n) => !n.startsWith('.board.json.tmp-'))).toEqual(['board.json']);
    }
    console.log(`kill during PROVISION: ${seen.join(', ')}`);
  }, 120_000);
});
