import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBoard } from '../../../src/device/index';
import { createBoardsPlugin } from '../../../src/practice/boards/index';
import { webTokenPlugin } from '../../../src/practice/web-token/index';
import { type SerialSimHandle, startSerialSim } from '../../../src/sim/index';
import {
  type BrowserContext,
  hasChromium,
  launchBrowser,
  type Page,
  screenshot,
  type TestBrowser,
} from '../../helpers/browser';
import { hasTool } from '../../helpers/tools';
import { activate, createLearner, finishLogin, makeLetter, type Site, startLogin, startSite, submit } from './site';

const PASSWORD = 'Blå hest på tur 7';

describe.skipIf(!(hasChromium() && hasTool('socat', 'socat')))('the learner flow in Chromium', () => {
  let browser: TestBrowser;
  let site: Site;
  let sim: SerialSimHandle;
  let dir: string;
  let link: string;
  let trainer: Page;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tokenkit-flow-'));
    link = join(dir, 'board0');
    [browser, site] = await Promise.all([
      launchBrowser(),
      startSite({
        manualClock: true,
        defaultPlugins: [webTokenPlugin, createBoardsPlugin({ discover: false, serialPaths: [link], intervalMs: 100 })],
      }),
    ]);
    sim = await startSerialSim({ link, profile: 'code-display' });
    const trainerContext = await browser.context();
    contexts.push(trainerContext);
    trainer = await trainerContext.newPage();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await site?.stop();
    await sim?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function learnerPage(): Promise<Page> {
    const context = await browser.context();
    contexts.push(context);
    return context.newPage();
  }

  /** The web token in a second tab of the learner's browser: press the grey button, read the code. */
  async function webToken(page: Page) {
    const tab = await page.context().newPage();
    await tab.goto(`${site.url}/token`);
    await tab.getByRole('button', { name: 'Brug en kodeviser' }).click();
    await tab.locator('#wt-serial').waitFor();
    const serial = (await tab.locator('#wt-serial').textContent())!;
    return {
      serial,
      tab,
      async press(): Promise<string> {
        const shown = () => tab.evaluate('document.getElementById("wt-code")?.textContent ?? null');
        const before = await shown();
        await tab.getByRole('button', { name: 'Grå knap: vis koden' }).click();
        await expect.poll(shown).not.toBe(before);
        return String(await shown()).replace(/\s/g, '');
      },
    };
  }

  /** A learner through user ID, password and activation with a web token; the clock one step past the proof. */
  async function activatedWithWebToken(seat: string, userId: string) {
    const page = await learnerPage();
    await createLearner(page, site.url, { seat, userId, password: PASSWORD });
    const token = await webToken(page);
    const letter = await makeLetter(trainer, site.url);
    await activate(page, site.url, { kind: 'code-display', serial: token.serial, letter, code: token.press });
    expect(new URL(page.url()).pathname).toBe('/activate/done');
    site.nextStep();
    return { page, token };
  }

  /** A six-digit code that is not the token's anywhere near now. */
  function wrongCodeFor(serial: string): string {
    const period = site.server.ctx.settings().codePeriodSec * 1000;
    const near = new Set([-2, -1, 0, 1, 2].map((d) => site.codeAt(serial, site.clock.nowMs() + d * period)));
    for (let n = 123456; ; n++) if (!near.has(String(n))) return String(n);
  }

  it('web token: user ID, password, activation with the letter and a code, login, approve', async () => {
    const page = await learnerPage();
    await createLearner(page, site.url, { seat: 'Plads 1', userId: 'Søren.Ø', password: PASSWORD });
    const token = await webToken(page);
    const letter = await makeLetter(trainer, site.url);
    await activate(page, site.url, { kind: 'code-display', serial: token.serial, letter, code: token.press });
    expect(new URL(page.url()).pathname).toBe('/activate/done');
    await screenshot(page, 'activation-done-da');
    // The code used for activation cannot log in (a replay): the next step's code does.
    site.nextStep();
    const loginPath = await startLogin(page, site.url, 'søren.ø');
    const code = await token.press();
    expect(code).toBe(site.codeAt(token.serial));
    await finishLogin(page, loginPath, code, PASSWORD);
    await screenshot(page, 'login-approve-da');
    await submit(page, `${loginPath}/approve`);
    expect(await page.locator('main').textContent()).toMatch(/Du er logget på/);
    await screenshot(token.tab, 'web-token-code-display-da');
  });

  it('serial board (tokenkit sim --serial on a pty): the trainer hands it out, the learner types the codes it shows', async () => {
    const page = await learnerPage();
    await createLearner(page, site.url, { seat: 'Plads 2', userId: 'Åse{board}', password: PASSWORD });
    // The board appears on the console once the room has seen the pty (the console starts the room).
    await trainer.goto(`${site.url}/trainer`);
    await expect
      .poll(async () => {
        await trainer.reload();
        return trainer.locator('#boards').textContent();
      })
      .toContain(sim.serial);
    const row = trainer.locator('#boards tr', { hasText: sim.serial });
    await expect.poll(() => row.textContent()).toContain('Klar');
    await row.locator('select').selectOption({ label: 'Plads 2' });
    await Promise.all([trainer.waitForNavigation(), row.getByRole('button', { name: 'Giv enheden' }).click()]);
    await expect
      .poll(() => trainer.locator('#boards tr', { hasText: sim.serial }).textContent())
      .toContain('Givet til Plads 2');
    await screenshot(trainer, 'trainer-console-da');
    // No secret reaches the console.
    const record = site.server.ctx.store.get(site.server.ctx.tokens.get(sim.serial)!.storeUser)!;
    expect(await trainer.content()).not.toContain(Buffer.from(record.secret).toString('hex'));

    /** The board's button, pressed over the wire; its clock follows the site's (SET_TIME), as the room set it. */
    const pressBoard = async () => {
      const client = await openBoard({ port: link }, { reconnect: false });
      try {
        await client.setTime(site.clock.nowMs(), { force: true });
        const press = await client.press();
        if (press.kind !== 'code') throw new Error('the board showed no code');
        return press.code;
      } finally {
        await client.close();
      }
    };
    const letter = await makeLetter(trainer, site.url);
    await activate(page, site.url, { kind: 'code-display', serial: sim.serial, letter, code: pressBoard });
    expect(new URL(page.url()).pathname).toBe('/activate/done');
    site.nextStep();
    const loginPath = await startLogin(page, site.url, 'åse{board}');
    await finishLogin(page, loginPath, await pressBoard(), PASSWORD);
    await submit(page, `${loginPath}/approve`);
    expect(await page.locator('main').textContent()).toMatch(/Du er logget på/);
  });

  it('three wrong codes block the token on a page that says what to do; the trainer unlocks it from the console', async () => {
    const { page, token } = await activatedWithWebToken('Plads 3', 'Bo_Blok');
    const loginPath = await startLogin(page, site.url, 'bo_blok');
    const wrong = wrongCodeFor(token.serial);
    await page.locator('#code').fill(wrong);
    await submit(page, `${loginPath}/code`);
    expect(await page.locator('main').textContent()).toContain('Du har 2 forsøg tilbage');
    // The error is tied to its field and announced.
    expect(await page.locator('#code').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#code').fill(wrong);
    await submit(page, `${loginPath}/code`);
    expect(await page.locator('main').textContent()).toContain('1 forsøg tilbage');
    await page.locator('#code').fill(wrong);
    await submit(page, `${loginPath}/code`);
    expect(await page.locator('h1').textContent()).toBe('Din kodeviser er spærret');
    expect(await page.locator('main').textContent()).toMatch(/underviser/i);
    await screenshot(page, 'blocked-da');
    // While blocked, even the right code is refused.
    const stillBlocked = await startLogin(page, site.url, 'bo_blok');
    await page.locator('#code').fill(await token.press());
    await submit(page, `${stillBlocked}/code`);
    expect(await page.locator('h1').textContent()).toBe('Din kodeviser er spærret');
    // The trainer unlocks; the learner logs in with the next code.
    await trainer.goto(`${site.url}/trainer`);
    await Promise.all([
      trainer.waitForNavigation(),
      trainer.getByRole('button', { name: 'Lås op for Plads 3' }).click(),
    ]);
    site.nextStep();
    const again = await startLogin(page, site.url, 'bo_blok');
    await finishLogin(page, again, await token.press(), PASSWORD);
    await submit(page, `${again}/approve`);
    expect(await page.locator('main').textContent()).toMatch(/Du er logget på/);
  });

  it('fraud drill: the approve text does not match what the learner started; rejecting is right, and the page says why', async () => {
    const { page, token } = await activatedWithWebToken('Plads 4', 'Ida.Svindel');
    await trainer.goto(`${site.url}/trainer`);
    await Promise.all([
      trainer.waitForNavigation(),
      trainer.getByRole('button', { name: 'Svindeløvelse for Plads 4' }).click(),
    ]);
    const loginPath = await startLogin(page, site.url, 'ida.svindel');
    await finishLogin(page, loginPath, await token.press(), PASSWORD);
    const text = await page.locator('#approve-text').textContent();
    expect(text).not.toBe('Log på din netbank');
    await screenshot(page, 'fraud-drill-da');
    await submit(page, `${loginPath}/reject`);
    expect(await page.locator('h1').textContent()).toBe('Rigtigt: du afviste');
    expect(await page.locator('main').textContent()).toContain(text);
  });
});
