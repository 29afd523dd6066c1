import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserContext, hasChromium, launchBrowser, type Page, type TestBrowser } from '../../helpers/browser';
import { createLearner, type Site, startSite } from './site';

const PASSWORD = 'Blå hest på tur 7';

/**
 * The trainer console's live updates in a real browser: /static/console.js listens to /trainer/events
 * (server-sent events) and fetches the learners table again, without reloading the page and keeping the
 * trainer's keyboard focus on the same button.
 */
describe.skipIf(!hasChromium())('the trainer console updates live in Chromium', () => {
  let browser: TestBrowser;
  let site: Site;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchBrowser(), startSite()]);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await site?.stop();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.context();
    contexts.push(context);
    return context.newPage();
  }

  it('a learner who signs up appears on the open console, with no reload and the focus kept', async () => {
    const first = await newPage();
    await createLearner(first, site.url, { seat: 'Plads 1', userId: 'live.en', password: PASSWORD });

    const trainer = await newPage();
    await trainer.goto(`${site.url}/trainer`);
    const learners = trainer.locator('#learners');
    await expect.poll(() => learners.textContent()).toContain('Plads 1');
    expect(await learners.textContent()).not.toContain('Plads 2');
    // A mark on this page's window: a reload would lose it.
    await trainer.evaluate('window.liveMark = 42');
    const status = trainer.locator('#live-status');
    await trainer.evaluate(`document.getElementById('live-status').textContent = 'before'`);
    // The trainer is on the first learner's reset button when the table changes.
    const reset = trainer.locator('#learners form[action$="/reset"] button').first();
    await reset.focus();
    const focusedForm = `document.activeElement?.closest('form')?.getAttribute('action')`;
    const action = await trainer.evaluate<string | undefined>(focusedForm);
    expect(action).toMatch(/^\/trainer\/learners\/\d+\/reset$/);

    const second = await newPage();
    await createLearner(second, site.url, { seat: 'Plads 2', userId: 'live.to', password: PASSWORD });

    await expect.poll(() => learners.textContent(), { timeout: 10_000 }).toContain('Plads 2');
    expect(await trainer.evaluate('window.liveMark')).toBe(42);
    // The status line says when it was updated (its template, in Danish by default), and the focus stayed.
    await expect.poll(() => status.textContent()).not.toBe('before');
    expect(await status.textContent()).toMatch(/\d{2}[.:]\d{2}/);
    expect(await trainer.evaluate(focusedForm)).toBe(action);
  });
});
