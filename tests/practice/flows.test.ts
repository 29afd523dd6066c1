import { describe, expect, it } from 'vitest';
import { activatedLearner, Browser, codeAt, practiceFixture } from './practice-helpers';

const practice = practiceFixture();

describe('learner flow', () => {
  it('creates a user ID, activates a token with a letter and logs in with its code, in MitID order', async () => {
    const { server, clock } = await practice();
    const { browser, token } = await activatedLearner(server, clock, 'Søren.Ø');
    await browser.get('/login');
    const start = await browser.post('/login/start', { service: 'bank' });
    expect(start.statusCode).toBe(303);
    const loginUrl = start.headers.location as string;
    const first = await browser.follow();
    expect(first.body).toContain('Øvelsesbanken');
    expect(first.body).toContain('Log på din netbank');
    await browser.post(`${loginUrl}/user-id`, { userId: 'søren.ø' });
    const codeStep = await browser.follow();
    expect(codeStep.body).toContain('autocomplete="one-time-code"');
    expect(codeStep.body).toContain('inputmode="numeric"');
    await browser.post(`${loginUrl}/code`, { code: codeAt(token, clock.nowMs()) });
    const passwordStep = await browser.follow();
    expect(passwordStep.body).toContain('type="password"');
    await browser.post(`${loginUrl}/password`, { password: 'Blå hest på tur 7' });
    const approve = await browser.follow();
    expect(approve.body).toContain('Godkend');
    await browser.post(`${loginUrl}/approve`, {});
    const done = await browser.follow();
    expect(done.body).toContain('Du er logget på Øvelsesbanken');
  });

  it('shows a returning learner where they left off on the home page', async () => {
    const { server, clock } = await practice();
    const browser = new Browser(server);
    await browser.get('/create');
    await browser.post('/create', { userId: 'kommer.igen' });
    expect((await browser.get('/')).body).toContain('href="/create/password">Fortsæt: vælg en adgangskode');
    await browser.get('/create/password');
    await browser.post('/create/password', { password: 'Blå hest på tur 7', repeat: 'Blå hest på tur 7' });
    expect((await browser.get('/')).body).toContain('href="/activate">Fortsæt: aktivér din kodeviser');
    const { browser: done } = await activatedLearner(server, clock, 'har.token');
    expect((await done.get('/?lang=en')).body).toContain('href="/login">Go on: log in');
    expect((await new Browser(server).get('/')).body).not.toContain('Fortsæt:');
  });

  it('serves the pages it links to', async () => {
    const { server } = await practice();
    const browser = new Browser(server);
    for (const url of ['/', '/create', '/activate', '/login', '/trainer', '/static/practice.css', '/static/forms.js']) {
      const res = await browser.get(url);
      expect(res.statusCode, url).toBe(200);
    }
  });
});
