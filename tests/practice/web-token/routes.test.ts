import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock';
import { generateTotp } from '../../../src/otp/index';
import { createBoardsPlugin } from '../../../src/practice/boards/index';
import { createPracticeServer } from '../../../src/practice/index';
import { createWebTokenPlugin, SpeechTokenAudio } from '../../../src/practice/web-token/index';
import { RecordingBackend } from '../../../src/speech/index';
import { Browser, startPractice } from '../practice-helpers';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!();
});

async function site(audio = new SpeechTokenAudio({ backend: new RecordingBackend() })) {
  const clock = new ManualClock(Date.UTC(2026, 11, 1, 9, 0, 1));
  const p = await startPractice({
    clock,
    defaultPlugins: [createWebTokenPlugin({ audio }), createBoardsPlugin({ discover: false })],
  });
  stops.push(p.stop);
  return { ...p, browser: new Browser(p.server) };
}

describe('/token without JavaScript (fastify inject)', () => {
  it("a new web token shows in the trainer's class log in words, not as a message key", async () => {
    const { browser } = await site();
    await browser.get('/token');
    await browser.post('/token', { kind: 'code-display' });
    const history = await browser.get('/trainer/history');
    expect(history.statusCode).toBe(200);
    expect(history.body).not.toContain('practice.event.');
    expect(history.body).toContain('Et nyt øvelsestoken på skærmen');
  });

  it('a new token is a practice token of the site; the keys are one typed character each; its audio is a WAV', async () => {
    const { server, browser, clock } = await site();
    const chooser = await browser.get('/token');
    expect(chooser.statusCode).toBe(200);
    expect(chooser.headers['cache-control']).toBe('no-store');
    const made = await browser.post('/token', { kind: 'audio-code-reader' });
    expect(made.statusCode).toBe(303);
    const page = await browser.follow();
    const serial = /id="wt-serial">([^<]+)</.exec(page.body)![1]!;
    const token = server.ctx.tokens.get(serial)!;
    expect(token).toMatchObject({ kind: 'audio-code-reader', source: 'web' });
    // The cookie holds an id, never the secret.
    const record = server.ctx.store.get(token.storeUser)!;
    expect(browser.cookie('tokenkit_web_token')).not.toContain(Buffer.from(record.secret).toString('base64url'));
    // The no-JS button: the page after the press shows the code.
    const pressed = await browser.post('/token/key', { key: ' ' });
    expect(pressed.headers.location).toMatch(/^\/token\?say=\d+$/);
    const shown = await browser.follow();
    // Right after the press the reading plays by itself; a reload does not play it again.
    expect(shown.body).toMatch(/<audio id="wt-audio" controls autoplay src=/);
    expect((await browser.get('/token')).body).toMatch(/<audio id="wt-audio" controls src=/);
    await browser.get(pressed.headers.location as string);
    const code = generateTotp({
      secret: record.secret,
      atMs: clock.nowMs(),
      algorithm: 'sha1',
      digits: 6,
      periodSec: 30,
      t0Sec: 0,
    });
    expect(shown.body).toContain(`${code.slice(0, 3)} ${code.slice(3)}`);
    const audio = /src="(\/token\/audio\/\d+\.wav)"/.exec(shown.body)![1]!;
    const wav = await browser.get(audio);
    expect(wav.statusCode).toBe(200);
    expect(wav.headers['content-type']).toBe('audio/wav');
    expect(wav.rawPayload.subarray(0, 4).toString()).toBe('RIFF');
    // L: the site's language follows.
    await browser.get('/token');
    expect((await browser.post('/token/key', { key: 'l' })).headers.location).toBe('/token?lang=en');
    expect((await browser.follow()).body).toContain('<html lang="en">');
    // Not keys: refused with a page that says what to do, never echoed.
    await browser.get('/token');
    const long = await browser.post('/token/key', { key: '<script>' });
    expect(long.statusCode).toBe(400);
    expect(long.body).not.toContain('<script>');
    expect(long.body).toContain('Use the buttons on the page');
    expect((await browser.get('/token/audio/999.wav')).statusCode).toBe(404);
    expect((await browser.get('/token/audio/..%2Fetc.wav')).statusCode).toBe(404);
  });

  it('without a token: the choice page, 409 for keys; a bad kind is refused on the choice page', async () => {
    const { browser } = await site();
    await browser.get('/token');
    expect((await browser.post('/token/key', { key: ' ' })).statusCode).toBe(409);
    await browser.get('/token');
    const bad = await browser.post('/token', { kind: 'smartphone' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Vælg en kodeviser eller en kodeoplæser.');
    const state = await browser.get('/token/state');
    expect(state.statusCode).toBe(409);
  });

  it('no speech engine: the audio reader keeps working and says which package to install', async () => {
    const { browser } = await site(new SpeechTokenAudio({ env: { PATH: '/nonexistent' } }));
    await browser.get('/token');
    await browser.post('/token', { kind: 'audio-code-reader' });
    const page = await browser.follow();
    expect(page.body).toMatch(/id="wt-status">Ingen oplæsning: [^<]*espeak-ng/);
    await browser.post('/token/key', { key: ' ' });
    const pressed = await browser.follow();
    expect(pressed.body).toMatch(/id="wt-code">\d{3} \d{3}</);
    const audio = /src="(\/token\/audio\/\d+\.wav)"/.exec(pressed.body)![1]!;
    const failed = await browser.get(audio);
    expect(failed.statusCode).toBe(503);
    expect(failed.body).toContain('espeak-ng');
  });
});

describe('/token across a restart', () => {
  it('the same browser gets the same token back (its key is in the store), and a forged cookie gets none', async () => {
    const first = await site();
    await first.browser.get('/token');
    await first.browser.post('/token', { kind: 'code-display' });
    const page = await first.browser.follow();
    const serial = /id="wt-serial">([^<]+)</.exec(page.body)![1]!;
    const cookie = first.browser.cookie('tokenkit_web_token')!;
    expect(cookie.startsWith(`${serial}.`)).toBe(true);
    await first.server.close();
    const again = await createPracticeServer({
      store: first.storePath,
      clock: first.clock,
      defaultPlugins: [createWebTokenPlugin({ audio: new SpeechTokenAudio({ backend: new RecordingBackend() }) })],
    });
    stops.push(() => again.close());
    const headers = { cookie: `tokenkit_web_token=${cookie}` };
    const back = await again.app.inject({ method: 'GET', url: '/token', headers });
    expect(back.body).toContain(`id="wt-serial">${serial}<`);
    const record = again.ctx.store.get(again.ctx.tokens.get(serial)!.storeUser)!;
    const state = await again.app.inject({ method: 'GET', url: '/token/state', headers });
    expect(state.json()).toMatchObject({ serial, code: null });
    // Another serial with this MAC, or a changed MAC: not a token.
    const forged = `${serial.replace(/\d$/, (d) => String((Number(d) + 1) % 10))}.${cookie.split('.')[1]}`;
    const refused = await again.app.inject({
      method: 'GET',
      url: '/token/state',
      headers: { cookie: `tokenkit_web_token=${forged}` },
    });
    expect(refused.statusCode).toBe(409);
    expect(record.secret.length).toBe(20);
  });
});
