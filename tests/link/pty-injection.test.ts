import { existsSync, lstatSync, mkdtempSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceClient } from '../../src/device/index';
import { startPtyPair } from '../../src/link/pty-pair';
import { SerialLink } from '../../src/link/serial-link';
import { decodeBase32 } from '../../src/otp/index';
import { startSerialSim } from '../../src/sim/index';
import { hasTool } from '../helpers/tools';

const SECRET_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe.skipIf(!hasTool('socat', 'socat'))('a --link path reaches socat as a path and nothing else', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tokenkit-inject-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    // A comma would add socat options: a pty every user may read and write.
    ['a comma', (d: string) => join(d, 'port,mode=666,group=nogroup')],
    // '!!' splits a socat address in two: the second half would run as a program.
    // (relative to socat's working directory, ours: a file name may not hold a '/').
    ['!!', (d: string) => join(d, 'port!!system:touch tokenkit-pwned')],
    ['a colon and quotes', (d: string) => join(d, 'port:exec:"touch tokenkit-pwned2"')],
  ])('with %s: the symlink is made at exactly that path, nothing runs, the pty is private', async (_what, make) => {
    const link = make(dir);
    const pair = await startPtyPair({ hostLink: link });
    try {
      expect(pair.hostPath).toBe(link);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      const pts = readlinkSync(link);
      expect(pts).toMatch(/^\/dev\/pts\/\d+$/);
      // Neither side readable or writable by anyone else.
      for (const path of [pts, pair.boardPath]) expect(statSync(path).mode & 0o066).toBe(0);
      for (const name of ['tokenkit-pwned', 'tokenkit-pwned2']) {
        const ran = existsSync(join(process.cwd(), name));
        rmSync(join(process.cwd(), name), { force: true });
        expect(ran).toBe(false);
      }
    } finally {
      await pair.stop();
    }
    expect(existsSync(link)).toBe(false);
  });

  it('a simulated board on such a path answers through it', async () => {
    const link = join(dir, 'board,mode=666');
    const sim = await startSerialSim({ secret: decodeBase32(SECRET_B32), link });
    try {
      const client = await DeviceClient.open(SerialLink.opener(link));
      try {
        expect(client.info.serial).toBe(sim.serial);
      } finally {
        await client.close();
      }
    } finally {
      await sim.stop();
    }
    expect(existsSync(link)).toBe(false);
  });
});
