import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MessageKey, t } from '../../../src/i18n/index';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USER_ID_MAX_LENGTH,
  USER_ID_MIN_LENGTH,
} from '../../../src/practice/rules';
import { type BrowserContext, hasChromium, launchBrowser, type Page, type TestBrowser } from '../../helpers/browser';
import { USER_ID_CASES } from '../user-id-cases';
import { createLearner, type Site, startSite, submit } from './site';

const PASSWORD = 'Blå hest på tur 7';

describe.skipIf(!hasChromium())('the forms in Chromium: user IDs, passwords, CSRF, escaping', () => {
  let browser: TestBrowser;
  let site: Site;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchBrowser(), startSite()]);
    context = await browser.context();
    page = await context.newPage();
    // An injected script that ran would most likely show itself as a dialog.
    context.on('page', (p) => p.on('dialog', (d) => void dialogs.push(d.message()).valueOf()));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await site?.stop();
  });

  /** Types a user ID into the real form: the live checklist's verdict, then the server's on submit. */
  async function tryUserId(userId: string) {
    // A new browser session each time: one session makes one learner.
    await context.clearCookies();
    await page.goto(`${site.url}/create`);
    await page.locator('#userid').fill(userId);
    const states = await page.evaluate(
      `Object.fromEntries([...document.querySelectorAll('#userid-rules li[data-pattern]')].map((li) => [li.dataset.rule, li.dataset.state || '']))`,
    );
    await submit(page, '/create');
    const accepted = new URL(page.url()).pathname === '/create/password';
    const error = accepted ? null : await page.locator('#userid-error, #seat-error').first().textContent();
    const invalid = accepted ? null : await page.locator('#userid').getAttribute('aria-invalid');
    return { states: states as Record<string, string>, accepted, error: error?.trim() ?? null, invalid };
  }

  it(`a table of ${USER_ID_CASES.length} user IDs: the live checklist and the server agree with MitID's rules`, async () => {
    expect(USER_ID_CASES.length).toBeGreaterThanOrEqual(25);
    const params = { min: USER_ID_MIN_LENGTH, max: USER_ID_MAX_LENGTH };
    const failures: string[] = [];
    for (const c of USER_ID_CASES) {
      // The user IDs made first: new, or already made by an earlier row (which is just as taken).
      for (const earlier of c.taken ?? []) {
        const made = await tryUserId(earlier);
        if (!made.accepted && made.error !== t('da', 'practice.userId.error.taken'))
          failures.push(`${JSON.stringify(earlier)} (made first) was refused: ${made.error}`);
      }
      const got = await tryUserId(c.userId);
      const label = `${JSON.stringify(c.userId)} (${c.why})`;
      if (c.problem === null) {
        if (!got.accepted) failures.push(`${label}: refused: ${got.error}`);
        continue;
      }
      if (got.accepted) {
        failures.push(`${label}: accepted, expected ${c.problem}`);
        continue;
      }
      if (got.invalid !== 'true') failures.push(`${label}: the field is not marked invalid`);
      const expected =
        c.problem === 'cpr' ? t('da', 'practice.cpr.refused') : t('da', `practice.userId.error.${c.problem}`, params);
      if (got.error !== expected) failures.push(`${label}: error ${JSON.stringify(got.error)}, expected ${expected}`);
      // The checklist ticks in the browser with the server's own patterns: the broken rule shows unmet.
      if (c.problem !== 'taken' && c.problem !== 'cpr' && c.userId !== '' && got.states[c.problem] !== 'unmet')
        failures.push(`${label}: the checklist shows ${c.problem} as '${got.states[c.problem]}'`);
      if ((c.problem === 'taken' || c.problem === 'cpr') && Object.values(got.states).some((s) => s !== 'met'))
        failures.push(`${label}: the checklist shows a rule unmet: ${JSON.stringify(got.states)}`);
    }
    expect(failures).toEqual([]);
  });

  it('password rules: length, the user ID, ten digits in a row, obvious words and sequences, the repeat', async () => {
    const cases: { password: string; repeat?: string; problem: string | null }[] = [
      { password: 'kort7', problem: 'length' },
      { password: 'x'.repeat(65), problem: 'length' },
      { password: 'mit Kodeord.Test her', problem: 'containsUserId' },
      // Ten digits in a row could be a CPR number: the site refuses to keep it before the rule is checked.
      { password: 'abc1234567890', problem: 'cpr' },
      { password: 'password', problem: 'obvious' },
      { password: '12345678', problem: 'obvious' },
      { password: 'qwertyui', problem: 'obvious' },
      { password: 'Sol over Gudhjem 4', repeat: 'Sol over Gudhjem 5', problem: 'repeat' },
      { password: 'Sol over Gudhjem 4', problem: null },
    ];
    await createLearnerUntilPassword('Kodeord.Test');
    const failures: string[] = [];
    for (const c of cases) {
      await page.goto(`${site.url}/create/password`);
      await page.locator('#password').fill(c.password);
      await page.locator('#repeat').fill(c.repeat ?? c.password);
      await submit(page, '/create/password');
      const path = new URL(page.url()).pathname;
      if (c.problem === null) {
        if (path !== '/activate') failures.push(`${c.password}: not accepted (${path})`);
        continue;
      }
      const fieldId = c.problem === 'repeat' ? 'repeat' : 'password';
      const error = (await page.locator(`#${fieldId}-error`).textContent())?.trim();
      const expected =
        c.problem === 'cpr'
          ? t('da', 'practice.cpr.refused')
          : t('da', `practice.password.error.${c.problem}` as MessageKey, {
              min: PASSWORD_MIN_LENGTH,
              max: PASSWORD_MAX_LENGTH,
            });
      if (error !== expected) failures.push(`${c.password}: ${JSON.stringify(error)}, expected ${expected}`);
      // Never shown again, not even in the fields.
      for (const id of ['password', 'repeat'])
        if ((await page.locator(`#${id}`).inputValue()) !== '') failures.push(`${c.password}: shown again in #${id}`);
      if ((await page.content()).includes(`value="${c.password}"`)) failures.push(`${c.password}: in the page`);
    }
    expect(failures).toEqual([]);
  });

  async function createLearnerUntilPassword(userId: string) {
    await context.clearCookies();
    await page.goto(`${site.url}/create`);
    await page.locator('#userid').fill(userId);
    await submit(page, '/create');
    expect(new URL(page.url()).pathname).toBe('/create/password');
  }

  it('refuses a form without its CSRF token, and a post from another site, with a clear page and a 4xx', async () => {
    await context.clearCookies();
    await page.goto(`${site.url}/create`);
    await page.locator('#userid').fill('uden.csrf');
    await page.evaluate(`document.querySelector('form[action="/create"] input[name="_csrf"]').value = 'forged'`);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/create') && r.request().method() === 'POST'),
      page.locator('form[action="/create"] button[type="submit"]').click(),
    ]);
    expect(response.status()).toBe(403);
    await page.waitForLoadState();
    expect(await page.locator('h1').textContent()).toBe(t('da', 'practice.error.title'));
    expect(await page.locator('main').textContent()).not.toMatch(/at \w+ \(|Error:|stack/);
    // Another origin's page posting to the site: the SameSite=Strict cookies stay home, so no session and
    // no CSRF secret come along.
    const other = await context.newPage();
    await other.goto('about:blank');
    await other.setContent(
      `<form method="post" action="${site.url}/create"><input name="userId" value="fra.andet.sted"><button>send</button></form>`,
    );
    const [crossSite] = await Promise.all([
      other.waitForResponse((r) => r.url() === `${site.url}/create`),
      other.locator('button').click(),
    ]);
    expect(crossSite.status()).toBe(403);
    await other.close();
    expect(site.server.ctx.db.findLearner('fra.andet.sted')).toBeUndefined();
    expect(site.server.ctx.db.findLearner('uden.csrf')).toBeUndefined();
  });

  it('escapes what learners type: markup in a seat name, a refused user ID and the URL stays text', async () => {
    const xss = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    await context.clearCookies();
    const learnerContext = await browser.context();
    const learner = await learnerContext.newPage();
    learner.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    // A seat name with markup, shown on the trainer console.
    await createLearner(learner, site.url, { seat: '"><b>Bord 9</b>', userId: 'escape.test{1}', password: PASSWORD });
    await page.goto(`${site.url}/trainer`);
    expect(await page.locator('main b').count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('"><b>Bord 9</b>');
    // A refused user ID comes back in the field as its value, not as markup.
    await page.goto(`${site.url}/create`);
    await page.locator('#userid').fill(`abc${xss}`);
    await submit(page, '/create');
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(await page.locator('#userid').inputValue()).toBe(`abc${xss}`);
    // Query strings and unknown paths are never reflected as markup.
    await page.goto(`${site.url}/${encodeURIComponent(xss)}?lang=${encodeURIComponent(xss)}`);
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await learnerContext.close();
  });
});
