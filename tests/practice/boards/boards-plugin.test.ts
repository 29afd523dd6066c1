import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SystemClock } from '../../../src/clock';
import { openBoard } from '../../../src/device/index';
import { generateTotp } from '../../../src/otp/index';
import { type BoardRoom, createBoardsPlugin, renderBoardsPanel } from '../../../src/practice/boards/index';
import { webTokenPlugin } from '../../../src/practice/web-token/index';
import { startSerialSim } from '../../../src/sim/index';
import { hasTool } from '../../helpers/tools';
import { Browser, startPractice } from '../practice-helpers';

describe.skipIf(!hasTool('socat', 'socat'))('boards on the practice site', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('handing a board to a learner provisions it with a new practice token (the board serial), never showing the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokenkit-boards-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const link = join(dir, 'board0');
    let room: BoardRoom | undefined;
    const site = await startPractice({
      clock: new SystemClock(),
      defaultPlugins: [
        webTokenPlugin,
        createBoardsPlugin({
          discover: false,
          intervalMs: 50,
          onRoom: (r) => (room = r),
        }),
      ],
    });
    cleanups.push(() => site.stop());
    const sim = await startSerialSim({ link, profile: 'audio-code-reader' });
    cleanups.push(() => sim.stop());
    // A learner of the class, with markup in the seat name (it must stay text on the console).
    const learnerBrowser = new Browser(site.server);
    await learnerBrowser.get('/create');
    expect((await learnerBrowser.post('/create', { seat: 'Plads <1>', userId: 'plads.en' })).statusCode).toBe(303);
    const learnerId = site.server.ctx.db.listLearners()[0]!.id;
    const browser = new Browser(site.server);
    await browser.get('/token');
    // The trainer adds the simulator's port by its path; the room probes it.
    expect((await browser.post('/trainer/boards/port', { path: 'not/absolute' })).statusCode).toBe(400);
    await browser.get('/token');
    expect((await browser.post('/trainer/boards/port', { path: link })).statusCode).toBe(303);
    const [board] = room!.list();
    expect(board).toMatchObject({ state: 'ready', info: { serial: sim.serial, profileId: 'audio-code-reader' } });
    // Without a CSRF token the form is refused before anything happens.
    await browser.get('/token');
    const refused = await browser.post(
      '/trainer/boards/assign',
      { board: board!.id, learner: String(learnerId) },
      { csrf: null },
    );
    expect(refused.statusCode).toBe(403);
    expect(site.server.ctx.tokens.get(sim.serial)).toBeUndefined();
    await browser.get('/token');
    const unknownLearner = await browser.post('/trainer/boards/assign', {
      board: board!.id,
      learner: String(learnerId + 100),
    });
    expect(unknownLearner.statusCode).toBe(400);
    await browser.get('/token');
    const done = await browser.post('/trainer/boards/assign', { board: board!.id, learner: String(learnerId) });
    expect(done.statusCode).toBe(303);
    expect(site.server.ctx.tokens.get(sim.serial)).toMatchObject({ kind: 'audio-code-reader', source: 'board' });
    expect(room!.get(board!.id)).toMatchObject({ state: 'assigned', learnerId });
    // The board now shows the codes of the store's key for its serial.
    const record = site.server.ctx.store.get(site.server.ctx.tokens.get(sim.serial)!.storeUser)!;
    const client = await openBoard({ port: link }, { reconnect: false });
    try {
      const before = Date.now();
      const press = await client.press();
      const codes = [before, Date.now()].map((atMs) =>
        generateTotp({ secret: record.secret, atMs, algorithm: 'sha1', digits: 6, periodSec: 30, t0Sec: 0 }),
      );
      expect(press.kind === 'code' && codes.includes(press.code)).toBe(true);
    } finally {
      await client.close();
    }
    // The panel: escaped learner names, the board's serial, no key material.
    const panel = renderBoardsPanel({
      lang: 'da',
      boards: room!.list(),
      learners: [{ id: 1, seat: 'Plads <1>' }],
      csrfToken: 'x',
    });
    expect(panel.value).toContain('Givet til Plads &lt;1&gt;');
    expect(panel.value).toContain(sim.serial);
    expect(panel.value).not.toContain(Buffer.from(record.secret).toString('hex'));
    const events = site.server.ctx.events.recent(20).map((e) => e.kind);
    expect(events).toEqual(expect.arrayContaining(['boardReady', 'boardAssigned']));
    // The console's live refresh: the panel's content alone, with the board handed out.
    const live = await browser.get('/trainer/boards');
    expect(live.statusCode).toBe(200);
    expect(live.body).toContain('Givet til Plads &lt;1&gt;');
    expect(live.body).not.toContain('<html');
    const console = await browser.get('/trainer');
    expect(console.body).toContain('Enhed ' + sim.serial + ' blev givet til Plads &lt;1&gt;');
    expect(JSON.stringify(site.server.ctx.events.recent(50))).not.toContain(Buffer.from(record.secret).toString('hex'));
  });
});
