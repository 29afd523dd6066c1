import { expect } from 'vitest';
import { type Clock, ManualClock, SystemClock } from '../../../src/clock';
import { generateTotp } from '../../../src/otp/index';
import type { PracticeServerOptions } from '../../../src/practice/index';
import { normalizeSerial } from '../../../src/practice/index';
import type { Page } from '../../helpers/browser';
import { startPractice } from '../practice-helpers';

/**
 * The whole practice site for a browser: a real server on a free loopback port and a fresh SQLite store
 * file. `manualClock`: the server's clock (verifier, web tokens, boards' SET_TIME) only moves when the test
 * says, 1 s into a step, so a test steps past a used code without waiting. Otherwise the wall clock.
 */
export async function startSite(options: Partial<PracticeServerOptions> & { manualClock?: boolean } = {}) {
  const { manualClock, ...rest } = options;
  const clock: Clock = manualClock
    ? new ManualClock(Math.floor(Date.now() / 30_000) * 30_000 + 1000)
    : new SystemClock();
  const site = await startPractice({ clock, ...rest });
  const { server } = site;
  return {
    ...site,
    clock,
    url: server.url.replace(/\/$/, ''),
    /** The code a practice token (by serial number) shows at `atMs`: read from the store, server side. */
    codeAt(serial: string, atMs: number = clock.nowMs()): string {
      const token = server.ctx.tokens.get(normalizeSerial(serial));
      if (!token) throw new Error(`no practice token ${serial}`);
      const record = server.ctx.store.get(token.storeUser)!;
      return generateTotp({
        secret: record.secret,
        atMs,
        algorithm: record.algorithm,
        digits: record.digits,
        periodSec: record.periodSec,
        t0Sec: record.t0Sec,
      });
    },
    /** Moves a manual clock one code period on (past the step of the code just used). */
    nextStep(): void {
      if (!(clock instanceof ManualClock)) throw new Error('nextStep needs manualClock');
      clock.advance(server.ctx.settings().codePeriodSec * 1000);
    },
  };
}
export type Site = Awaited<ReturnType<typeof startSite>>;

/** Submits the form that posts to `action` (its submit button), and waits for the next page. */
export async function submit(page: Page, action: string, button?: string): Promise<void> {
  const form = page.locator(`form[action="${action}"]`).first();
  const submitButton = button
    ? form.getByRole('button', { name: button })
    : form.locator('button[type="submit"]').first();
  await Promise.all([page.waitForNavigation(), submitButton.click()]);
}

/**
 * Presses the web token's button (or does `press`, e.g. a Space on the focused button) and returns the code
 * that press made: the one in the server's answer to POST /token/key, once the page shows it too. Reading
 * #wt-code right after the click is a race: a code still on the display from an earlier press (the page's
 * countdown runs on the browser's time, not the site's manual clock) is read before the answer arrives,
 * and that code was already used (a replay), so the login stays on the code step.
 */
export async function pressWebToken(
  page: Page,
  press: () => Promise<unknown> = () => page.locator('#wt-press').click(),
) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/token/key'),
    press(),
  ]);
  const view = (await response.json()) as { code: string | null };
  if (view.code === null) throw new Error(`the web token shows no code after the press: ${JSON.stringify(view)}`);
  const code = view.code;
  await expect
    .poll(async () =>
      (
        await page
          .locator('#wt-code')
          .textContent({ timeout: 1000 })
          .catch(() => null)
      )?.replace(/\s/g, ''),
    )
    .toBe(code);
  return code;
}

/** A learner makes a user ID (with a seat name) and a password, as on the site. */
export async function createLearner(page: Page, url: string, o: { seat: string; userId: string; password: string }) {
  await page.goto(`${url}/create`);
  await page.locator('#seat').fill(o.seat);
  await page.locator('#userid').fill(o.userId);
  await submit(page, '/create');
  await page.locator('#password').fill(o.password);
  await page.locator('#repeat').fill(o.password);
  await submit(page, '/create/password');
}

/** The trainer makes one activation letter and reads its number and code off the printable page. */
export async function makeLetter(page: Page, url: string): Promise<{ number: string; code: string }> {
  await page.goto(`${url}/trainer`);
  await page.locator('#letter-count').fill('1');
  await submit(page, '/trainer/letters');
  const letter = page.locator('article.letter').last();
  const number = (await letter.locator('p strong').nth(1).textContent())!.trim();
  const code = (await letter.locator('.code').textContent())!.trim();
  return { number, code };
}

/** Activation in MitID's order: token type, serial number, letter, one code from the token. */
export async function activate(
  page: Page,
  url: string,
  o: {
    kind: 'code-display' | 'audio-code-reader';
    serial: string;
    letter: { number: string; code: string };
    code: () => Promise<string>;
  },
) {
  await page.goto(`${url}/activate`);
  await page.locator(o.kind === 'code-display' ? '#kind' : '#kind-audio-code-reader').check();
  await submit(page, '/activate/type');
  await page.locator('#serial').fill(o.serial);
  await submit(page, '/activate/serial');
  await page.locator('#letter').fill(o.letter.number);
  await page.locator('#activation-code').fill(o.letter.code);
  await submit(page, '/activate/letter');
  await page.locator('#code').fill(await o.code());
  await submit(page, '/activate/proof');
}

/** Starts a login at the first practice service and gives the user ID; the page then asks for a code. */
export async function startLogin(page: Page, url: string, userId: string): Promise<string> {
  await page.goto(`${url}/login`);
  await submit(page, '/login/start');
  const loginPath = new URL(page.url()).pathname;
  await page.locator('#userid').fill(userId);
  await submit(page, `${loginPath}/user-id`);
  return loginPath;
}

/** The code and password steps; ends on the approve-or-cancel page. */
export async function finishLogin(page: Page, loginPath: string, code: string, password: string) {
  await page.locator('#code').fill(code);
  await submit(page, `${loginPath}/code`);
  await page.locator('#password').fill(password);
  await submit(page, `${loginPath}/password`);
}
