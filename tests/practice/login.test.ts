import { describe, expect, it } from 'vitest';
import type { PracticeServer } from '../../src/practice/index';
import {
  activatedLearner,
  type Browser,
  Browser as BrowserClass,
  codeAt,
  practiceFixture,
  registerLearner,
  wrongCode,
} from './practice-helpers';

const practice = practiceFixture();

/** Starts a login at `service` and gives the user ID; returns the login's URL. */
async function startLogin(browser: Browser, userId: string, service = 'bank'): Promise<string> {
  await browser.get('/login');
  const url = (await browser.post('/login/start', { service })).headers.location as string;
  await browser.get(url);
  const res = await browser.post(`${url}/user-id`, { userId });
  expect(res.statusCode, res.body.slice(0, 200)).toBe(303);
  await browser.get(url);
  return url;
}

async function trainerPost(server: PracticeServer, url: string, fields: Record<string, string> = {}) {
  const trainer = new BrowserClass(server);
  await trainer.get('/trainer');
  return trainer.post(url, fields);
}

describe('login', () => {
  it('says how many tries are left, blocks on the 3rd wrong code for the trainer-set time, and the trainer unlocks', async () => {
    const { server, clock } = await practice();
    expect(
      (await trainerPost(server, '/trainer/settings', { codePeriodSec: '30', blockMinutes: '2', timeLimitFactor: '1' }))
        .statusCode,
    ).toBe(303);
    const { browser, token } = await activatedLearner(server, clock, 'Ærlig.Åge');
    const url = await startLogin(browser, 'ærlig.åge');
    const first = await browser.post(`${url}/code`, { code: wrongCode(token, clock.nowMs()) });
    expect(first.statusCode).toBe(422);
    expect(first.body).toContain('Forkert kode. Du har 2 forsøg tilbage.');
    expect(first.body).toMatch(/aria-describedby="[^"]*code-error/);
    const second = await browser.post(`${url}/code`, { code: wrongCode(token, clock.nowMs()) });
    expect(second.body).toContain('Du har 1 forsøg tilbage – så bliver din kodeviser spærret.');
    const third = await browser.post(`${url}/code`, { code: wrongCode(token, clock.nowMs()) });
    expect(third.statusCode).toBe(423);
    expect(third.body).toContain('Din kodeviser er spærret');
    expect(third.body).toContain('underviseren kan låse op');
    const record = server.ctx.store.get(token.storeUser)!;
    expect(record.lockedUntilMs).toBe(clock.nowMs() + 2 * 60_000);

    // Blocked: even the right code is refused, from a new login too.
    const again = await startLogin(browser, 'ærlig.åge');
    const refused = await browser.post(`${again}/code`, { code: codeAt(token, clock.nowMs()) });
    expect(refused.statusCode).toBe(423);

    const learner = server.ctx.db.findLearner('ærlig.åge')!;
    expect(learner.failedTries).toBe(3);
    expect(learner.blocks).toBe(1);
    const console = await new BrowserClass(server).get('/trainer');
    expect(console.body).toMatch(/Ja, til kl\. \d\d[.:]\d\d/);
    expect((await trainerPost(server, `/trainer/learners/${learner.id}/unlock`)).statusCode).toBe(303);
    expect(server.ctx.store.get(token.storeUser)!.lockedUntilMs).toBeNull();
    const after = await startLogin(browser, 'ærlig.åge');
    expect((await browser.post(`${after}/code`, { code: codeAt(token, clock.nowMs()) })).statusCode).toBe(303);
  });

  it('lets a block run out by itself', async () => {
    const { server, clock } = await practice();
    const { browser, token } = await activatedLearner(server, clock, 'vent.lidt');
    const url = await startLogin(browser, 'vent.lidt');
    for (let i = 0; i < 3; i++) await browser.post(`${url}/code`, { code: wrongCode(token, clock.nowMs()) });
    expect(browser.last!.statusCode).toBe(423);
    clock.advance(5 * 60_000);
    const after = await startLogin(browser, 'vent.lidt');
    expect((await browser.post(`${after}/code`, { code: codeAt(token, clock.nowMs()) })).statusCode).toBe(303);
  });

  it('refuses a replayed code without counting it as a wrong one', async () => {
    const { server, clock } = await practice();
    const { browser, token } = await activatedLearner(server, clock, 'gen.brug');
    const code = codeAt(token, clock.nowMs());
    const url = await startLogin(browser, 'gen.brug');
    expect((await browser.post(`${url}/code`, { code })).statusCode).toBe(303);
    const second = await startLogin(browser, 'gen.brug');
    const replay = await browser.post(`${second}/code`, { code });
    expect(replay.statusCode).toBe(422);
    expect(replay.body).toContain('Den kode er allerede brugt');
    expect(server.ctx.store.get(token.storeUser)!.failureCount).toBe(0);
    clock.advance(token.periodSec * 1000);
    expect((await browser.post(`${second}/code`, { code: codeAt(token, clock.nowMs()) })).statusCode).toBe(303);
  });

  it('accepts a token running one step fast and tracks its drift', async () => {
    const { server, clock } = await practice();
    const { browser, token } = await activatedLearner(server, clock, 'hurtig.ur');
    const url = await startLogin(browser, 'hurtig.ur');
    expect((await browser.post(`${url}/code`, { code: codeAt(token, clock.nowMs(), 1) })).statusCode).toBe(303);
    expect(server.ctx.store.get(token.storeUser)!.driftSteps).toBe(1);
  });

  it('accepts a pasted code with spaces, and explains a code of the wrong shape without counting it', async () => {
    const { server, clock } = await practice();
    const { browser, token } = await activatedLearner(server, clock, 'indsat.kode');
    const url = await startLogin(browser, 'indsat.kode');
    const bad = await browser.post(`${url}/code`, { code: '12ab' });
    expect(bad.body).toContain('Koden skal være 6 cifre');
    expect(server.ctx.store.get(token.storeUser)!.failureCount).toBe(0);
    const code = codeAt(token, clock.nowMs());
    expect((await browser.post(`${url}/code`, { code: ` ${code.slice(0, 3)} ${code.slice(3)} ` })).statusCode).toBe(
      303,
    );
  });

  it('names an unknown user ID, a learner without a token, and a wrong password', async () => {
    const { server, clock } = await practice();
    const { browser, token } = await activatedLearner(server, clock, 'kendt.bruger');
    await registerLearner(server, 'uden.token');
    await browser.get('/login');
    const url = (await browser.post('/login/start', { service: 'pension' })).headers.location as string;
    await browser.get(url);
    expect((await browser.post(`${url}/user-id`, { userId: 'ukendt.bruger' })).body).toContain(
      'Vi kan ikke finde det bruger-ID',
    );
    expect((await browser.post(`${url}/user-id`, { userId: 'uden.token' })).body).toContain(
      'Du har ikke aktiveret en kodeviser',
    );
    await browser.post(`${url}/user-id`, { userId: 'KENDT.BRUGER' });
    await browser.get(url);
    await browser.post(`${url}/code`, { code: codeAt(token, clock.nowMs()) });
    await browser.get(url);
    const wrong = await browser.post(`${url}/password`, { password: 'ikke den rigtige' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Forkert adgangskode');
    expect(wrong.body).not.toContain('ikke den rigtige');
  });

  it('belongs to the browser that started it', async () => {
    const { server, clock } = await practice();
    const { browser } = await activatedLearner(server, clock, 'min.egen');
    const url = await startLogin(browser, 'min.egen');
    const stranger = new BrowserClass(server);
    expect((await stranger.get(url)).statusCode).toBe(404);
  });
});

describe('fraud drill', () => {
  async function toApprove(
    clock: { nowMs(): number; advance(ms: number): void },
    browser: Browser,
    token: Parameters<typeof codeAt>[0],
    userId: string,
  ) {
    clock.advance(token.periodSec * 1000);
    const url = await startLogin(browser, userId);
    await browser.post(`${url}/code`, { code: codeAt(token, clock.nowMs()) });
    await browser.get(url);
    await browser.post(`${url}/password`, { password: 'Blå hest på tur 7' });
    return { url, page: await browser.get(url) };
  }

  it('asks to approve something else; approving is wrong, rejecting is right, and the learner is told why', async () => {
    const { server, clock } = await practice();
    const { browser, token } = await activatedLearner(server, clock, 'svindel.test');
    const learner = server.ctx.db.findLearner('svindel.test')!;

    const normal = await toApprove(clock, browser, token, 'svindel.test');
    expect(normal.page.body).toContain('Log på din netbank</p>');
    await browser.post(`${normal.url}/reject`, {});
    const rejected = await browser.get(normal.url);
    expect(rejected.body).toContain('Du afviste at logge på Øvelsesbanken');
    expect(rejected.body).toContain('så du kunne godt have godkendt');

    await trainerPost(server, `/trainer/learners/${learner.id}/fraud`);
    const drill = await toApprove(clock, browser, token, 'svindel.test');
    expect(drill.page.body).toContain('Godkend overførsel af 12.500 kr. til en ny modtager');
    await browser.post(`${drill.url}/approve`, {});
    const fell = await browser.get(drill.url);
    expect(fell.body).toContain('her skulle du have afvist');
    expect(fell.body).toContain('Du startede &quot;Log på din netbank&quot;');
    expect(server.ctx.db.getLearner(learner.id)!.lastLoginAtMs).toBeNull();

    await trainerPost(server, '/trainer/fraud');
    const drill2 = await toApprove(clock, browser, token, 'svindel.test');
    expect(drill2.page.body).toContain('12.500 kr.');
    await browser.post(`${drill2.url}/reject`, {});
    expect((await browser.get(drill2.url)).body).toContain('Rigtigt! Det var en øvelse i svindel, og du afviste.');

    // The drill is used up: the next login is genuine, and approving it logs in.
    const genuine = await toApprove(clock, browser, token, 'svindel.test');
    expect(genuine.page.body).not.toContain('12.500 kr.');
    await browser.post(`${genuine.url}/approve`, {});
    expect((await browser.get(genuine.url)).body).toContain('Du er logget på Øvelsesbanken');
    expect(server.ctx.db.getLearner(learner.id)!.lastLoginAtMs).toBe(clock.nowMs());
  });

  it('keeps a drill for the next login when the learner stops before the approve step', async () => {
    const { server, clock } = await practice();
    const { browser } = await activatedLearner(server, clock, 'stop.halvvejs');
    await trainerPost(server, '/trainer/fraud');
    const url = await startLogin(browser, 'stop.halvvejs');
    await browser.post(`${url}/cancel`, {});
    expect((await browser.get(url)).body).toContain('blev afbrudt');
    expect(server.ctx.db.findLearner('stop.halvvejs')!.fraudDrill).toBe(true);
  });
});

describe('time limits', () => {
  it('stops a login after 5 minutes, lets the learner ask for more time, and the trainer can lift the limit', async () => {
    const { server, clock } = await practice();
    const { browser } = await activatedLearner(server, clock, 'lang.tid');
    const url = await startLogin(browser, 'lang.tid');
    expect(browser.last!.body).toContain('Du har 5 min. til at logge på');
    clock.advance(4 * 60_000);
    await browser.post(`${url}/extend`, {});
    clock.advance(4 * 60_000);
    expect((await browser.get(url)).statusCode).toBe(200);
    clock.advance(60_001);
    const late = await browser.get(url);
    expect(late.statusCode).toBe(410);
    expect(late.body).toContain('Tiden til at logge på er gået');

    await trainerPost(server, '/trainer/settings', { codePeriodSec: '30', blockMinutes: '5', timeLimitFactor: '4' });
    const longer = await startLogin(browser, 'lang.tid');
    expect(browser.last!.body).toContain('Du har 20 min. til at logge på');
    clock.advance(19 * 60_000);
    expect((await browser.get(longer)).statusCode).toBe(200);

    await trainerPost(server, '/trainer/settings', { codePeriodSec: '30', blockMinutes: '5', timeLimitFactor: '0' });
    const open = await startLogin(browser, 'lang.tid');
    expect(browser.last!.body).not.toContain('til at logge på.');
    clock.advance(6 * 3600_000);
    expect((await browser.get(open)).statusCode).toBe(200);
  });
});
