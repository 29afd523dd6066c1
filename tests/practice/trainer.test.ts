import { get } from 'node:http';
import { describe, expect, it } from 'vitest';
import { activatedLearner, Browser, practiceFixture, registerLearner } from './practice-helpers';

const practice = practiceFixture();

describe('trainer console', () => {
  it('lists learners by seat with their token, progress, wrong codes and blocks', async () => {
    const { server, clock } = await practice();
    const b = new Browser(server);
    await b.get('/create');
    await b.post('/create', { seat: 'Bord 7', userId: 'kun.id' });
    const { token } = await activatedLearner(server, clock, 'fuld.vej');
    const page = await new Browser(server).get('/trainer?lang=en');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<caption id="learners-caption">Learners in the class: 2</caption>');
    expect(page.body).toContain('Bord 7');
    expect(page.body).toContain('1 of 4: user ID created');
    expect(page.body).toContain('3 of 4: activated');
    expect(page.body).toContain(token.serial);
    expect(page.body).toContain('aria-label="Unlock for fuld.vej"');
    const fragment = await new Browser(server).get('/trainer/learners');
    expect(fragment.body.startsWith('<div class="table-wrap"')).toBe(true);
  });

  it('saves settings, refuses values the form does not offer, and new tokens get the code period', async () => {
    const { server } = await practice();
    const trainer = new Browser(server);
    await trainer.get('/trainer');
    expect(
      (await trainer.post('/trainer/settings', { codePeriodSec: '60', blockMinutes: '15', timeLimitFactor: '2' }))
        .statusCode,
    ).toBe(303);
    expect(server.ctx.settings()).toEqual({ codePeriodSec: 60, blockMs: 15 * 60_000, timeLimitFactor: 2 });
    expect(server.ctx.tokens.create({ kind: 'code-display', source: 'test' }).periodSec).toBe(60);
    await trainer.get('/trainer');
    const bad = await trainer.post('/trainer/settings', {
      codePeriodSec: '7',
      blockMinutes: '15',
      timeLimitFactor: '2',
    });
    expect(bad.statusCode).toBe(400);
    const page = await trainer.get('/trainer');
    expect(page.body).toContain('<option value="60" selected>');
    expect(page.body).toContain('<option value="15" selected>');
  });

  it('makes printable activation letters, each marked as practice', async () => {
    const { server } = await practice();
    const trainer = new Browser(server);
    await trainer.get('/trainer');
    expect((await trainer.post('/trainer/letters', { count: '0' })).statusCode).toBe(422);
    await trainer.get('/trainer');
    const made = await trainer.post('/trainer/letters', { count: '3' });
    expect(made.headers.location).toBe('/trainer/letters');
    const letters = await trainer.get('/trainer/letters');
    const codes = [...letters.body.matchAll(/<span class="code">([A-Z0-9]{4}-[A-Z0-9]{4})<\/span>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(3);
    expect(new Set(codes).size).toBe(3);
    expect(letters.body.match(/ØVELSE – ikke rigtig MitID/g)!.length).toBeGreaterThanOrEqual(4);
  });

  it('resets one learner (their token is free again) and the whole class only when confirmed', async () => {
    const { server, clock } = await practice();
    const { token } = await activatedLearner(server, clock, 'nul.stil');
    await registerLearner(server, 'bliver.her');
    const learner = server.ctx.db.findLearner('nul.stil')!;
    const trainer = new Browser(server);
    await trainer.get('/trainer');
    await trainer.post(`/trainer/learners/${learner.id}/reset`, {});
    expect(server.ctx.db.findLearner('nul.stil')).toBeUndefined();
    expect(server.ctx.db.learnerByToken(token.serial)).toBeUndefined();
    expect(server.ctx.tokens.get(token.serial)).toBeDefined();
    await trainer.get('/trainer');
    const unconfirmed = await trainer.post('/trainer/reset', {});
    expect(unconfirmed.statusCode).toBe(422);
    expect(unconfirmed.body).toContain('Sæt kryds for at bekræfte');
    expect(server.ctx.db.listLearners()).toHaveLength(1);
    await trainer.post('/trainer/reset', { confirm: 'yes' });
    expect(server.ctx.db.listLearners()).toHaveLength(0);
    expect((await trainer.get('/trainer')).body).toContain('Holdet blev nulstillet');
  });

  it('makes a token from the store (the terminal simulator) a practice token the learner activates by name', async () => {
    const { server } = await practice();
    const secret = new Uint8Array(20).fill(7);
    server.ctx.store.add({
      user: 'sim-1',
      kind: 'totp',
      secret,
      algorithm: 'sha1',
      digits: 6,
      periodSec: 30,
      t0Sec: 0,
    });
    const trainer = new Browser(server);
    const page = await trainer.get('/trainer');
    expect(page.body).toContain('Hvad er sim-1?');
    expect(
      (await trainer.post('/trainer/tokens/adopt', { storeUser: 'sim-1', kind: 'audio-code-reader' })).statusCode,
    ).toBe(303);
    expect(server.ctx.tokens.get('sim-1')).toMatchObject({
      serial: 'SIM1',
      storeUser: 'sim-1',
      kind: 'audio-code-reader',
    });
    await trainer.get('/trainer');
    expect((await trainer.post('/trainer/tokens/adopt', { storeUser: 'sim-1', kind: 'code-display' })).statusCode).toBe(
      400,
    );

    const learner = await registerLearner(server, 'terminal.bruger');
    await learner.get('/activate');
    await learner.post('/activate/type', { kind: 'audio-code-reader' });
    await learner.get('/activate');
    expect((await learner.post('/activate/serial', { serial: 'sim-1' })).statusCode).toBe(303);
  });

  it('streams a change to the console over server-sent events when a learner signs up', async () => {
    const { server } = await practice();
    let signUp: Promise<unknown> | undefined;
    const events = await new Promise<string>((resolve, reject) => {
      const req = get(`${server.url}trainer/events`, (res) => {
        expect(res.headers['content-type']).toContain('text/event-stream');
        // The stream takes over the socket, and still sends every security header of the site.
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes('event: change')) {
            req.destroy();
            resolve(text);
          } else if (text.includes(': tokenkit practice') && !signUp) {
            // The stream is open: now make something happen.
            signUp = registerLearner(server, 'live.update');
          }
        });
      });
      req.on('error', reject);
    });
    await signUp;
    const data = JSON.parse(/data: (.*)/.exec(events)![1]!);
    expect(data.kind).toBe('created');
    expect(typeof data.learnerId).toBe('number');
    expect(events).not.toContain('live.update');
  });
});
