import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { encodeBase32, encodeHex } from '../../src/otp/index';
import { CONTENT_SECURITY_POLICY, createPracticeServer, PracticeError } from '../../src/practice/index';
import { activatedLearner, Browser, codeAt, practiceFixture, registerLearner } from './practice-helpers';

const practice = practiceFixture();

describe('CSRF', () => {
  it('refuses a form post without a token, with a wrong one, and with one minted for another browser', async () => {
    const { server } = await practice();
    const a = new Browser(server);
    await a.get('/create');
    const tokenA = a.csrf();
    const missing = await a.post('/create', { userId: 'anna.hansen' }, { csrf: null });
    expect(missing.statusCode).toBe(403);
    expect(missing.headers['content-type']).toContain('text/html');
    expect(missing.body).toContain('Formularen var for gammel');
    expect((await a.post('/create', { userId: 'anna.hansen' }, { csrf: `${tokenA}x` })).statusCode).toBe(403);

    // Cookie tossing: B gets A's CSRF cookie and token, but keeps its own session: still refused.
    const b = new Browser(server);
    await b.get('/create');
    const res = await server.app.inject({
      method: 'POST',
      url: '/create',
      headers: {
        cookie: `tk_session=${b.cookie('tk_session')}; tk_csrf=${a.cookie('tk_csrf')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({ _csrf: tokenA, userId: 'anna.hansen' }).toString(),
    });
    expect(res.statusCode).toBe(403);
    expect(server.ctx.db.listLearners()).toHaveLength(0);
    // And the right token works.
    expect((await a.post('/create', { userId: 'anna.hansen' }, { csrf: tokenA })).statusCode).toBe(303);
  });

  it('guards every POST route, including trainer actions', async () => {
    const { server } = await practice();
    for (const url of ['/login/start', '/activate/type', '/trainer/reset', '/trainer/settings', '/trainer/fraud']) {
      const res = await server.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'confirm=yes',
      });
      expect(res.statusCode, url).toBe(403);
    }
  });
});

describe('escaping', () => {
  it('shows markup typed into a seat name or user ID as text, on the form and on the console', async () => {
    const { server } = await practice();
    const browser = new Browser(server);
    await browser.get('/create');
    const attack = '"><script>alert(1)</script>';
    const refused = await browser.post('/create', { seat: '', userId: attack });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).not.toContain('<script>alert(1)</script>');
    expect(refused.body).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');

    const seat = '<img src=x onerror=alert(1)>';
    expect((await browser.post('/create', { seat, userId: 'x{y}z!#$^,*()_+-=:;?.@' })).statusCode).toBe(303);
    const console = await browser.get('/trainer');
    expect(console.body).not.toContain('<img src=x');
    expect(console.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(console.body).toContain('x{y}z!#$^,*()_+-=:;?.@');
  });
});

describe('headers and cookies', () => {
  it('sends the CSP on pages, error pages, assets and redirects, and never inline script or style', async () => {
    const { server } = await practice();
    const browser = new Browser(server);
    for (const url of [
      '/',
      '/create',
      '/login',
      '/activate',
      '/trainer',
      '/nope',
      '/static/practice.css',
      '/static/forms.js',
    ]) {
      const res = await browser.get(url);
      expect(res.headers['content-security-policy'], url).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      if (String(res.headers['content-type']).startsWith('text/html')) {
        expect(res.body, url).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=/i);
      }
    }
    await browser.get('/create');
    const post = await browser.post('/create', { userId: 'redirect.me' });
    expect(post.statusCode).toBe(303);
    expect(post.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('sets the session, CSRF and language cookies HttpOnly and SameSite=Strict', async () => {
    const { server } = await practice();
    const res = await server.app.inject({ method: 'GET', url: '/create?lang=en' });
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(cookies.map((c) => c.split('=')[0]).sort()).toEqual(['tk_csrf', 'tk_lang', 'tk_session']);
    for (const cookie of cookies) {
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Strict');
      expect(cookie).toContain('Path=/');
    }
  });
});

describe('bad requests', () => {
  it('answers with a clear page and a 4xx in the page language, never JSON or a stack trace', async () => {
    const { server } = await practice();
    const browser = new Browser(server);
    await browser.get('/create?lang=en');
    const cookie = browser.cookieHeader();
    const csrf = browser.csrf();
    const send = (payload: string, type = 'application/x-www-form-urlencoded') =>
      server.app.inject({ method: 'POST', url: '/create', headers: { cookie, 'content-type': type }, payload });
    const twice = await send(`_csrf=${encodeURIComponent(csrf)}&userId=a&userId=b`);
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('The page got a request it could not understand');
    const big = await send(`_csrf=${encodeURIComponent(csrf)}&userId=${'a'.repeat(20_000)}`);
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('Too much text was sent');
    const json = await send(JSON.stringify({ _csrf: csrf, userId: 'anna.hansen' }), 'application/json');
    expect(json.statusCode).toBe(415);
    expect(json.body).toContain('a format this site does not know');
    const bad = await send('%', 'application/x-www-form-urlencoded');
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
    expect(bad.statusCode).toBeLessThan(500);
    for (const res of [twice, big, json, bad]) {
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<html lang="en">');
      expect(res.body).not.toMatch(/"statusCode"|at \S+ \(|node_modules/);
    }
    const other = await new Browser(server).get('/login/not-a-login-of-yours');
    expect(other.statusCode).toBe(404);
  });

  it('gives a 500 page without details when the store fails, and logs only its name', async () => {
    let log = '';
    const { server } = await practice({
      logStream: new Writable({
        write(chunk, _enc, done) {
          log += chunk;
          done();
        },
      }),
    });
    const browser = new Browser(server);
    await browser.get('/create');
    server.ctx.db.db.close();
    const res = await browser.post('/create', { userId: 'anna.hansen' });
    expect(res.statusCode).toBe(500);
    expect(res.body).toContain('Der skete en fejl på øvelsessiden');
    expect(res.body).not.toMatch(/TypeError|at \S+ \(|database/i);
    expect(log).toContain('practice error');
  });
});

describe('rate limits', () => {
  it('limits login and activation posts per address, with a 429 page', async () => {
    const rule = { max: 3, timeWindow: 60_000 };
    const { server } = await practice({ limits: { login: rule, activation: rule } });
    const browser = new Browser(server);
    await browser.get('/login');
    const start = await browser.post('/login/start', { service: 'bank' });
    const url = start.headers.location as string;
    await browser.follow();
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await browser.post(`${url}/user-id`, { userId: `nobody${i}` })).statusCode);
    expect(codes).toEqual([422, 422, 422, 429]);
    expect(browser.last!.body).toContain('Der er prøvet for mange gange');
    await browser.get('/activate');
    const signIns: number[] = [];
    for (let i = 0; i < 4; i++)
      signIns.push((await browser.post('/activate/sign-in', { userId: 'x', password: 'y' })).statusCode);
    expect(signIns).toEqual([422, 422, 422, 429]);
  });
});

describe('secrets', () => {
  it('never puts a password, token secret or passphrase in a page, a header or the log', async () => {
    let log = '';
    const passphrase = 'trainer-secret-phrase-42';
    const { server, clock } = await practice({
      trainerPassphrase: passphrase,
      logStream: new Writable({
        write(chunk, _enc, done) {
          log += chunk;
          done();
        },
      }),
    });
    const password = 'Hemmelig kage 93!';
    const seen: string[] = [];
    const original = server.app.inject.bind(server.app);
    server.app.inject = (async (opts: never) => {
      const res = await original(opts);
      seen.push(JSON.stringify(res.headers), res.body);
      return res;
    }) as never;
    const { browser, token } = await activatedLearner(server, clock, 'kursist.et', password);
    await browser.get('/login');
    const url = (await browser.post('/login/start', { service: 'council' })).headers.location as string;
    await browser.get(url);
    await browser.post(`${url}/user-id`, { userId: 'kursist.et' });
    await browser.get(url);
    await browser.post(`${url}/code`, { code: codeAt(token, clock.nowMs()) });
    await browser.get(url);
    await browser.post(`${url}/password`, { password: 'wrong password 1' });
    await browser.post(`${url}/password`, { password });
    await browser.get(url);
    const trainer = new Browser(server);
    await trainer.get('/trainer/login');
    await trainer.post('/trainer/login', { passphrase, next: '/trainer' });
    await trainer.get('/trainer');
    await trainer.get('/trainer/learners');
    const all = seen.join('\n') + log;
    expect(trainer.last!.statusCode).toBe(200);
    expect(log.length).toBeGreaterThan(0);
    for (const secret of [password, passphrase, encodeHex(token.secret), encodeBase32(token.secret)]) {
      expect(all).not.toContain(secret);
    }
    expect(log).not.toContain('tk_session');
    expect(log).not.toContain('_csrf');
  });
});

describe('beyond loopback', () => {
  it('needs a trainer passphrase to start, and then to open the trainer pages', async () => {
    const refused = await createPracticeServer({ store: ':memory:', host: '0.0.0.0' }).catch((e) => e);
    expect(refused).toBeInstanceOf(PracticeError);
    expect(refused.kind).toBe('passphraseRequired');
    const short = await createPracticeServer({ store: ':memory:', trainerPassphrase: 'kort' }).catch((e) => e);
    expect(short.kind).toBe('passphraseShort');

    const { server } = await practice({ host: '0.0.0.0', trainerPassphrase: 'lang nok frase' });
    expect(server.ctx.exposed).toBe(true);
    const learner = new Browser(server);
    for (const url of ['/trainer', '/trainer/letters', '/trainer/learners', '/trainer/events']) {
      const res = await learner.get(url);
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location, url).toMatch(/^\/trainer\/login\?next=/);
    }
    await learner.get('/trainer/login');
    const wrong = await learner.post('/trainer/login', { passphrase: 'gættet frase', next: '/trainer' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Forkert adgangsfrase');
    await learner.get('/create');
    const action = await learner.post('/trainer/reset', { confirm: 'yes' });
    expect(action.statusCode).toBe(303);
    expect(action.headers.location).toMatch(/^\/trainer\/login/);

    const trainer = new Browser(server);
    await trainer.get('/trainer/login');
    const ok = await trainer.post('/trainer/login', { passphrase: 'lang nok frase', next: '/trainer/letters' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/trainer/letters');
    expect((await trainer.get('/trainer')).statusCode).toBe(200);
    await trainer.get('/trainer');
    const evil = await trainer.post('/trainer/login', { passphrase: 'lang nok frase', next: 'https://evil.example/' });
    expect(evil.headers.location).toBe('/trainer');
  });

  it('leaves the trainer pages open on loopback without a passphrase', async () => {
    const { server } = await practice();
    expect(server.ctx.exposed).toBe(false);
    expect((await new Browser(server).get('/trainer')).statusCode).toBe(200);
  });

  it('is still a learner site for a registered learner without a trainer sign-in', async () => {
    const { server } = await practice({ trainerPassphrase: 'lang nok frase' });
    const browser = await registerLearner(server, 'kursist.to');
    expect((await browser.get('/activate')).statusCode).toBe(200);
    expect((await browser.get('/trainer')).statusCode).toBe(303);
  });
});

describe('session ids', () => {
  it('get a new id when a browser becomes a learner or the trainer, so an id known before is worth nothing', async () => {
    const { server } = await practice({ trainerPassphrase: 'lang nok frase' });
    const browser = new Browser(server);
    await browser.get('/create');
    const before = browser.cookie('tk_session')!;
    await browser.post('/create', { seat: '', userId: 'ny.session' });
    const learnerId = browser.cookie('tk_session')!;
    expect(learnerId).not.toBe(before);
    // The old id opens nothing now.
    const stale = await server.app.inject({
      method: 'GET',
      url: '/create/password',
      headers: { cookie: `tk_session=${before}` },
    });
    expect(stale.statusCode).toBe(303);
    expect(stale.headers.location).toBe('/create');
    expect((await browser.get('/create/password')).statusCode).toBe(200);

    await browser.get('/trainer/login');
    await browser.post('/trainer/login', { passphrase: 'lang nok frase', next: '/trainer' });
    expect(browser.cookie('tk_session')).not.toBe(learnerId);
    expect((await browser.get('/trainer')).statusCode).toBe(200);
    // Still the same learner.
    expect((await browser.get('/create/password')).statusCode).toBe(200);
  });

  it('refuses a value that looks like a CPR number in the seat field and keeps nothing', async () => {
    const { server } = await practice();
    const browser = new Browser(server);
    await browser.get('/create');
    const res = await browser.post('/create', { seat: '010190-1234', userId: 'plads.cpr' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('ligner et CPR-nummer');
    expect(res.body).not.toContain('010190-1234');
    expect(server.ctx.db.listLearners()).toHaveLength(0);
  });
});
