import { describe, expect, it } from 'vitest';
import { Browser, codeAt, makeLetters, practiceFixture, registerLearner, wrongCode } from './practice-helpers';

const practice = practiceFixture();

async function toLetterStep(browser: Browser, kind: string, serial: string) {
  await browser.get('/activate');
  expect((await browser.post('/activate/type', { kind })).statusCode).toBe(303);
  await browser.get('/activate');
  return browser.post('/activate/serial', { serial });
}

describe('activation', () => {
  it('blocks a letter after 3 wrong activation codes, saying how many tries are left', async () => {
    const { server } = await practice();
    const browser = await registerLearner(server, 'brev.test');
    const token = server.ctx.tokens.create({ kind: 'code-display', source: 'test' });
    const [letter] = makeLetters(server, 1);
    expect((await toLetterStep(browser, 'code-display', token.serial)).statusCode).toBe(303);
    await browser.get('/activate');
    const number = String(letter!.number);
    const one = await browser.post('/activate/letter', { letter: number, code: 'AAAA-AAAA' });
    expect(one.statusCode).toBe(422);
    expect(one.body).toContain('Forkert aktiveringskode. Du har 2 forsøg tilbage.');
    expect((await browser.post('/activate/letter', { letter: number, code: 'AAAA-AAAC' })).body).toContain(
      'Du har 1 forsøg tilbage – så bliver brevet spærret.',
    );
    expect((await browser.post('/activate/letter', { letter: number, code: 'AAAA-AAAD' })).body).toContain(
      'brevet er nu spærret',
    );
    const right = await browser.post('/activate/letter', { letter: number, code: letter!.code });
    expect(right.statusCode).toBe(422);
    expect(right.body).toContain('Brevet er spærret efter for mange forkerte koder');
    expect(server.ctx.db.getLetter(letter!.number)!.blockedAtMs).not.toBeNull();
    const trainer = await new Browser(server).get('/trainer');
    expect(trainer.body).toContain('0 ubrugte breve, 1 spærrede.');
  });

  it('takes the code in any case and with or without the dash, and uses the letter up', async () => {
    const { server, clock } = await practice();
    const browser = await registerLearner(server, 'brev.to');
    const token = server.ctx.tokens.create({ kind: 'audio-code-reader', source: 'test' });
    const [letter] = makeLetters(server, 1);
    await toLetterStep(browser, 'audio-code-reader', token.serial.toLowerCase().replace(/(\d{3})/, '$1 '));
    await browser.get('/activate');
    const typed = letter!.code.toLowerCase().replace('-', ' ');
    expect((await browser.post('/activate/letter', { letter: ` ${letter!.number} `, code: typed })).statusCode).toBe(
      303,
    );
    const proof = await browser.get('/activate');
    expect(proof.body).toContain('Kode fra din kodeoplæser');
    expect((await browser.post('/activate/proof', { code: codeAt(token, clock.nowMs()) })).headers.location).toBe(
      '/activate/done',
    );
    const done = await browser.get('/activate/done');
    expect(done.body).toContain(`Din kodeoplæser med serienummer ${token.serial} er aktiveret.`);
    expect(server.ctx.db.getLetter(letter!.number)!.usedBy).not.toBeNull();

    // The same letter and the same token cannot serve a second learner.
    const other = await registerLearner(server, 'brev.tre');
    const taken = await toLetterStep(other, 'audio-code-reader', token.serial);
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('allerede aktiveret af en anden');
    const second = server.ctx.tokens.create({ kind: 'audio-code-reader', source: 'test' });
    await other.post('/activate/serial', { serial: second.serial });
    await other.get('/activate');
    expect(
      (await other.post('/activate/letter', { letter: String(letter!.number), code: letter!.code })).body,
    ).toContain('Brevet er allerede brugt');
  });

  it('explains an unknown serial number and a token of the other kind', async () => {
    const { server } = await practice();
    const browser = await registerLearner(server, 'serie.nr');
    const reader = server.ctx.tokens.create({ kind: 'audio-code-reader', source: 'test' });
    const unknown = await toLetterStep(browser, 'code-display', 'TK0000000');
    expect(unknown.body).toContain('Det serienummer kender vi ikke');
    const wrongKind = await browser.post('/activate/serial', { serial: reader.serial });
    expect(wrongKind.body).toContain('Serienummeret hører til en kodeoplæser, men du valgte kodeviser');
    await browser.post('/activate/restart', {});
    expect((await browser.get('/activate')).body).toContain('Hvad vil du aktivere?');
  });

  it('counts wrong proof codes like logins: the 3rd blocks the token', async () => {
    const { server, clock } = await practice();
    const browser = await registerLearner(server, 'bevis.kode');
    const token = server.ctx.tokens.create({ kind: 'code-display', source: 'test' });
    const [letter] = makeLetters(server, 1);
    await toLetterStep(browser, 'code-display', token.serial);
    await browser.get('/activate');
    await browser.post('/activate/letter', { letter: String(letter!.number), code: letter!.code });
    await browser.get('/activate');
    expect((await browser.post('/activate/proof', { code: wrongCode(token, clock.nowMs()) })).body).toContain(
      'Du har 2 forsøg tilbage',
    );
    await browser.post('/activate/proof', { code: wrongCode(token, clock.nowMs()) });
    const blocked = await browser.post('/activate/proof', { code: wrongCode(token, clock.nowMs()) });
    expect(blocked.statusCode).toBe(423);
    expect(server.ctx.db.findLearner('bevis.kode')!.tokenSerial).toBeNull();
  });

  it('allows one active token per learner', async () => {
    const { server, clock } = await practice();
    const browser = await registerLearner(server, 'en.token');
    const token = server.ctx.tokens.create({ kind: 'code-display', source: 'test' });
    const [letter] = makeLetters(server, 2);
    await toLetterStep(browser, 'code-display', token.serial);
    await browser.get('/activate');
    await browser.post('/activate/letter', { letter: String(letter!.number), code: letter!.code });
    await browser.get('/activate');
    await browser.post('/activate/proof', { code: codeAt(token, clock.nowMs()) });
    const again = await browser.get('/activate');
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe('/activate/done');
    await browser.get('/create');
    const refused = await browser.post('/activate/type', { kind: 'code-display' });
    expect(refused.headers.location).toBe('/activate/done');
  });

  it('lets a learner in a new browser sign in with user ID and password to go on', async () => {
    const { server } = await practice();
    await registerLearner(server, 'ny.browser', 'Grøn have med æbler');
    const fresh = new Browser(server);
    const page = await fresh.get('/activate');
    expect(page.body).toContain('Log ind for at aktivere');
    const wrong = await fresh.post('/activate/sign-in', { userId: 'ny.browser', password: 'forkert kode her' });
    expect(wrong.statusCode).toBe(422);
    expect(
      (await fresh.post('/activate/sign-in', { userId: 'NY.BROWSER', password: 'Grøn have med æbler' })).statusCode,
    ).toBe(303);
    expect((await fresh.get('/activate')).body).toContain('Hvad vil du aktivere?');
  });
});

describe('password step', () => {
  it('refuses a weak password, a mismatch and a CPR-like one, and never shows the password again', async () => {
    const { server } = await practice();
    const browser = new Browser(server);
    await browser.get('/create');
    await browser.post('/create', { seat: 'Bord 2', userId: 'kode.ord' });
    await browser.get('/create/password');
    const weak = await browser.post('/create/password', { password: 'password1', repeat: 'password1' });
    expect(weak.statusCode).toBe(422);
    expect(weak.body).toContain('for let at gætte');
    expect(weak.body).not.toContain('password1');
    const mismatch = await browser.post('/create/password', {
      password: 'Blå hest på tur 7',
      repeat: 'Blå hest på tur 8',
    });
    expect(mismatch.body).toContain('De to adgangskoder er ikke ens');
    const cpr = await browser.post('/create/password', { password: 'x 010190-1234 x', repeat: 'x 010190-1234 x' });
    expect(cpr.body).toContain('ligner et CPR-nummer');
    const ok = await browser.post('/create/password', { password: 'Blå hest på tur 7', repeat: 'Blå hest på tur 7' });
    expect(ok.headers.location).toBe('/activate');
    const stored = server.ctx.db.findLearner('kode.ord')!.passwordHash!;
    // Format 2: format, log2 N, r, p, 16-byte salt, 32-byte hash (passwords.ts).
    expect([...stored.subarray(0, 4)]).toEqual([2, 10, 8, 1]);
    expect(stored.length).toBe(52);
    expect(stored.toString('utf8')).not.toContain('Blå hest');
  });
});

describe('a shared classroom computer', () => {
  it('says who is signed in, and signing out leaves the next learner a fresh start', async () => {
    const { server } = await practice();
    const browser = await registerLearner(server, 'forrige.elev');
    const page = await browser.get('/activate');
    expect(page.body).toContain('Du er logget ind som forrige.elev');
    expect((await browser.post('/sign-out', {})).headers.location).toBe('/');
    const next = await browser.get('/activate');
    expect(next.body).toContain('Log ind for at aktivere');
    expect(next.body).not.toContain('forrige.elev');
    expect(server.ctx.db.findLearner('forrige.elev')).toBeDefined();
  });
});
