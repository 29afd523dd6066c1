import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openBoard } from '../../../src/device/index';
import { generateTotp } from '../../../src/otp/index';
import { BoardRoom, BoardRoomError, type ClassroomBoard } from '../../../src/practice/boards/board-room';
import { type SerialSimHandle, startHidSim, startSerialSim } from '../../../src/sim/index';
import { hasTool } from '../../helpers/tools';

const SECRET = Uint8Array.from({ length: 20 }, (_, i) => 0xa0 + i);

describe.skipIf(!hasTool('socat', 'socat'))('the classroom board room (tokenkit sim --serial on a socat pty)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(profile = 'code-display', mode: 'smart' | 'display' = 'smart') {
    const dir = mkdtempSync(join(tmpdir(), 'tokenkit-boards-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const link = join(dir, 'board0');
    const room = new BoardRoom({ discover: false, serialPaths: [link], intervalMs: 50 });
    cleanups.push(() => room.stop());
    const changes: [string, ClassroomBoard['state']][] = [];
    room.onChange((b, change) => changes.push([change, b.state]));
    room.start();
    await room.refresh();
    expect(room.list()).toEqual([]);
    const sim: SerialSimHandle = await startSerialSim({ link, profile, mode });
    cleanups.push(() => sim.stop());
    return { room, sim, link, changes };
  }

  it('hot-plugs a simulated board, provisions it for a learner, and the board then shows codes of the new key', async () => {
    const { room, sim, link, changes } = await setup();
    await room.refresh();
    const [board] = room.list();
    expect(board).toMatchObject({
      id: `serial:${link}`,
      state: 'ready',
      info: { serial: sim.serial, profileId: 'code-display', mode: 'smart', provisioned: false },
    });
    const made: string[] = [];
    const assigned = await room.assign(board!.id, 7, (info) => {
      made.push(info.serial);
      return { secret: SECRET, digits: 6, periodSec: 30 };
    });
    expect(made).toEqual([sim.serial]);
    expect(assigned).toMatchObject({ state: 'assigned', learnerId: 7, info: { provisioned: true } });
    // Nothing of the key is kept in the room's view.
    expect(JSON.stringify(room.list())).not.toContain(Buffer.from(SECRET).toString('hex'));
    // The room keeps no port open: a press over the wire from another client works, with the new key.
    const client = await openBoard({ port: link }, { reconnect: false });
    try {
      const before = Date.now();
      const press = await client.press();
      const expected = [before, Date.now()].map((atMs) =>
        generateTotp({ secret: SECRET, atMs, algorithm: 'sha1', digits: 6, periodSec: 30, t0Sec: 0 }),
      );
      expect(press.kind).toBe('code');
      expect(expected).toContain(press.kind === 'code' ? press.code : '');
    } finally {
      await client.close();
    }
    // Unplugged: it leaves the list.
    await sim.stop();
    await room.refresh();
    expect(room.list()).toEqual([]);
    expect(changes.map(([c]) => c)).toEqual(['added', 'changed', 'changed', 'changed', 'removed']);
  });

  it('refuses a display board (it keeps no key of its own) and an unknown board, with typed errors', async () => {
    const { room } = await setup('code-display', 'display');
    await room.refresh();
    const [board] = room.list();
    expect(board?.info?.mode).toBe('display');
    const makeKey = () => ({ secret: SECRET, digits: 6, periodSec: 30 });
    await expect(room.assign(board!.id, 1, makeKey)).rejects.toMatchObject({ problem: 'display-board' });
    await expect(room.assign('serial:/nope', 1, makeKey)).rejects.toBeInstanceOf(BoardRoomError);
    expect(() => room.addSerialPath('relative/path')).toThrow(BoardRoomError);
  });
});

describe('the classroom board room (tokenkit sim --hid behind its report socket)', () => {
  it("hot-plugs a simulated HID board found by HID discovery, provisions it, and it shows the new key's codes", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokenkit-boards-hid-'));
    chmodSync(dir, 0o700);
    const env = { ...process.env, TOKENKIT_RUNTIME_DIR: dir };
    const room = new BoardRoom({ env, intervalMs: 50 });
    const sim = await startHidSim({ profile: 'code-display' }, undefined, env);
    try {
      room.start();
      await expect.poll(() => room.list().find((b) => b.transport === 'hid')?.state, { timeout: 10_000 }).toBe('ready');
      const board = room.list().find((b) => b.transport === 'hid')!;
      expect(board).toMatchObject({ path: sim.socketPath, info: { serial: sim.serial, mode: 'smart' } });
      await room.assign(board.id, 3, () => ({ secret: SECRET, digits: 6, periodSec: 30 }));
      const client = await openBoard({ hid: sim.socketPath }, { env, reconnect: false });
      try {
        const before = Date.now();
        const press = await client.press();
        const codes = [before, Date.now()].map((atMs) =>
          generateTotp({ secret: SECRET, atMs, algorithm: 'sha1', digits: 6, periodSec: 30, t0Sec: 0 }),
        );
        expect(press.kind === 'code' && codes.includes(press.code)).toBe(true);
      } finally {
        await client.close();
      }
      await sim.stop();
      await expect.poll(() => room.list().some((b) => b.transport === 'hid'), { timeout: 10_000 }).toBe(false);
    } finally {
      await room.stop();
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
