import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBoard } from '../../../src/device/index';
import { startPtyPair } from '../../../src/link/pty-pair';
import { type BoardRoom, createBoardsPlugin } from '../../../src/practice/boards/index';
import { webTokenPlugin } from '../../../src/practice/web-token/index';
import { type SerialSimHandle, startSerialSim } from '../../../src/sim/index';
import { spawnFirmwareAvr } from '../../firmware/avr-process';
import {
  type BrowserContext,
  hasChromium,
  launchBrowser,
  type Page,
  screenshot,
  type TestBrowser,
} from '../../helpers/browser';
import { hasTool } from '../../helpers/tools';
import {
  activate,
  createLearner,
  finishLogin,
  makeLetter,
  pressWebToken,
  type Site,
  startLogin,
  startSite,
  submit,
} from './site';

const PASSWORD = 'Blå hest på tur 7';

describe.skipIf(!(hasChromium() && hasTool('socat', 'socat')))('the learner flow in Chromium', () => {
  let browser: TestBrowser;
  let site: Site;
  let sim: SerialSimHandle;
  let dir: string;
  let link: string;
  let trainer: Page;
  let room: BoardRoom | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tokenkit-flow-'));
    link = join(dir, 'board0');
    [browser, site] = await Promise.all([
      launchBrowser(),
      startSite({
        manualClock: true,
        defaultPlugins: [
          webTokenPlugin,
          createBoardsPlugin({ discover: false, serialPaths: [link], intervalMs: 100, onRoom: (r) => (room = r) }),
        ],
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
      press: () => pressWebToken(tab, () => tab.getByRole('button', { name: 'Grå knap: vis koden' }).click()),
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
    const periodMs = site.server.ctx.settings().codePeriodSec * 1000;
    const near = new Set([-2, -1, 0, 1, 2].map((d) => site.codeAt(serial, site.clock.nowMs() + d * periodMs)));
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

  /**
   * A board in the room: the trainer hands it to the learner on the console; the learner activates it and
   * logs in with the codes it shows, its button pressed over the wire. Its clock follows the site's
   * (SET_TIME), as the room set it when it gave the board its key.
   */
  async function boardFlow(board: { link: string; serial: string }, seat: string, userId: string) {
    const page = await learnerPage();
    await createLearner(page, site.url, { seat, userId, password: PASSWORD });
    // The board appears on the console once the room has seen the pty (the console starts the room).
    await trainer.goto(`${site.url}/trainer`);
    await expect
      .poll(
        async () => {
          await trainer.reload();
          return trainer
            .locator('#boards tr', { hasText: board.serial })
            .textContent()
            .catch(() => '');
        },
        { timeout: 20_000 },
      )
      .toContain('Klar');
    const row = trainer.locator('#boards tr', { hasText: board.serial });
    await row.locator('select').selectOption({ label: seat });
    await Promise.all([trainer.waitForNavigation(), row.getByRole('button', { name: 'Giv enheden' }).click()]);
    await expect
      .poll(() => trainer.locator('#boards tr', { hasText: board.serial }).textContent())
      .toContain(`Givet til ${seat}`);
    // No secret reaches the console.
    const record = site.server.ctx.store.get(site.server.ctx.tokens.get(board.serial)!.storeUser)!;
    expect(await trainer.content()).not.toContain(Buffer.from(record.secret).toString('hex'));
    const pressBoard = async () => {
      const client = await openBoard({ port: board.link }, { reconnect: false, timeoutMs: 5000 });
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
    await activate(page, site.url, { kind: 'code-display', serial: board.serial, letter, code: pressBoard });
    expect(new URL(page.url()).pathname).toBe('/activate/done');
    site.nextStep();
    const loginPath = await startLogin(page, site.url, userId.toLowerCase());
    await finishLogin(page, loginPath, await pressBoard(), PASSWORD);
    await submit(page, `${loginPath}/approve`);
    expect(await page.locator('main').textContent()).toMatch(/Du er logget på/);
    return page;
  }

  it('serial board (tokenkit sim --serial on a pty): the trainer hands it out, the learner types the codes it shows', async () => {
    await boardFlow({ link, serial: sim.serial }, 'Plads 2', 'Åse{board}');
    await screenshot(trainer, 'trainer-letters-da');
    await trainer.goto(`${site.url}/trainer`);
    await screenshot(trainer, 'trainer-console-da');
  });

  it('emulated board (the C firmware in avr8js, dist/firmware-avr.js on a pty): the same, with the real firmware', async () => {
    const avrLink = join(dir, 'avr0');
    const pair = await startPtyPair({ hostLink: avrLink });
    try {
      const { child: avr, serial } = await spawnFirmwareAvr(['--tty', pair.boardPath]);
      const exited = new Promise((resolve) =>
        avr.exitCode !== null ? resolve(avr.exitCode) : avr.once('exit', resolve),
      );
      try {
        room!.addSerialPath(avrLink);
        await boardFlow({ link: avrLink, serial }, 'Plads 5', 'Emil.Avr');
      } finally {
        avr.kill('SIGTERM');
        await exited;
      }
    } finally {
      await pair.stop();
    }
  }, 60_000);

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
