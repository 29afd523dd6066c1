import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  type BrowserContext,
  describeViolations,
  focusState,
  hasChromium,
  launchBrowser,
  type Page,
  screenshot,
  scrollWidth,
  type TestBrowser,
} from '../../helpers/browser';
import { makeLetter, pressWebToken, type Site, startSite, submit } from './site';

const PASSWORD = 'Blå hest på tur 7';
const NARROW = { width: 320, height: 720 };

describe.skipIf(!hasChromium())(
  'accessibility in Chromium: axe-core, 320 px reflow, keyboard only, forced colours',
  () => {
    let browser: TestBrowser;
    let site: Site;
    const contexts: BrowserContext[] = [];
    const problems: string[] = [];
    const checked = new Set<string>();

    beforeAll(async () => {
      [browser, site] = await Promise.all([launchBrowser(), startSite({ manualClock: true })]);
    });
    afterAll(async () => {
      for (const c of contexts) await c.close();
      await browser?.close();
      await site?.stop();
    });

    async function newPage(viewport = NARROW): Promise<Page> {
      const context = await browser.context({ viewport });
      contexts.push(context);
      return context.newPage();
    }

    /**
     * The page as it is now, in Danish and in English: axe-core finds no violation, and nothing scrolls
     * sideways at 320 CSS px (400 % zoom of a 1280 px window). Problems are collected, so one run lists all.
     */
    async function check(
      page: Page,
      name: string,
      redo?: { formUrl: string; again: () => Promise<void> },
    ): Promise<void> {
      const inspect = async (lang: string) => {
        const violations = await axeViolations(page);
        if (violations.length) problems.push(describeViolations(`${name} (${lang})`, violations));
        const width = await scrollWidth(page);
        if (width > NARROW.width) problems.push(`${name} (${lang}): scrollWidth ${width} > ${NARROW.width}`);
      };
      if (redo) {
        // A page that answers a post (a form with its errors): checked as it is, then made again in English.
        await inspect('da');
        await page.goto(`${redo.formUrl}?lang=en`);
        await redo.again();
        await inspect('en');
        await page.goto(`${redo.formUrl}?lang=da`);
      } else {
        const url = new URL(page.url());
        for (const lang of ['en', 'da']) {
          url.searchParams.set('lang', lang);
          await page.goto(url.href);
          await inspect(lang);
        }
      }
      checked.add(name);
    }

    it('every page, in both languages: the learner flow from home to the result, the web tokens, the trainer pages', async () => {
      const trainer = await newPage();
      const page = await newPage();
      // The checker itself finds what it should: a page without a language and an image without a text.
      await page.setContent('<!doctype html><html><head><title>x</title></head><body><img src="data:,"></body></html>');
      expect((await axeViolations(page)).map((v) => v.id)).toEqual(
        expect.arrayContaining(['html-has-lang', 'image-alt']),
      );
      await page.goto(`${site.url}/`);
      await check(page, 'home');
      await page.goto(`${site.url}/create`);
      await check(page, 'create');
      const badUserId = async () => {
        await page.locator('#userid').fill('abc');
        await submit(page, '/create');
      };
      await badUserId();
      await check(page, 'create with an error', { formUrl: `${site.url}/create`, again: badUserId });
      await page.locator('#seat').fill('Plads 7');
      await page.locator('#userid').fill('Tilgængelig.Test');
      await submit(page, '/create');
      await check(page, 'password');
      await page.locator('#password').fill(PASSWORD);
      await page.locator('#repeat').fill(PASSWORD);
      await submit(page, '/create/password');
      await check(page, 'activate: token type');

      const token = await page.context().newPage();
      await token.goto(`${site.url}/token`);
      await check(token, 'token: choose');
      await token.getByRole('button', { name: 'Brug en kodeviser' }).click();
      await token.locator('#wt-press').waitFor();
      await check(token, 'token: code display');
      const serial = (await token.locator('#wt-serial').textContent())!;
      const press = () => pressWebToken(token);

      await page.locator('#kind').check();
      await submit(page, '/activate/type');
      await check(page, 'activate: serial');
      await page.locator('#serial').fill(serial);
      await submit(page, '/activate/serial');
      await check(page, 'activate: letter');
      const letter = await makeLetter(trainer, site.url);
      await check(trainer, 'trainer: letters');
      await page.locator('#letter').fill(letter.number);
      await page.locator('#activation-code').fill(letter.code);
      await submit(page, '/activate/letter');
      await check(page, 'activate: proof');
      await page.locator('#code').fill(await press());
      await submit(page, '/activate/proof');
      await check(page, 'activate: done');
      await check(token, 'token: code display, code shown');
      site.nextStep();

      await page.goto(`${site.url}/login`);
      await check(page, 'login: services');
      await submit(page, '/login/start');
      const loginPath = new URL(page.url()).pathname;
      await check(page, 'login: user ID');
      await page.locator('#userid').fill('tilgængelig.test');
      await submit(page, `${loginPath}/user-id`);
      await check(page, 'login: code');
      const wrongCode = async () => {
        await page.locator('#code').fill('000000');
        await submit(page, `${loginPath}/code`);
      };
      await wrongCode();
      await check(page, 'login: wrong code', { formUrl: `${site.url}${loginPath}`, again: wrongCode });
      await page.locator('#code').fill(await press());
      await submit(page, `${loginPath}/code`);
      await check(page, 'login: password');
      await page.locator('#password').fill(PASSWORD);
      await submit(page, `${loginPath}/password`);
      await check(page, 'login: approve');
      await submit(page, `${loginPath}/approve`);
      await check(page, 'login: result');

      // Three wrong codes: the block page.
      await page.goto(`${site.url}/login`);
      await submit(page, '/login/start');
      const blockedPath = new URL(page.url()).pathname;
      await page.locator('#userid').fill('tilgængelig.test');
      await submit(page, `${blockedPath}/user-id`);
      const wrongAgain = async () => {
        await page.locator('#code').fill('000000');
        await submit(page, `${blockedPath}/code`);
      };
      for (let i = 0; i < 3; i++) await wrongAgain();
      expect(await page.locator('h1').textContent()).toBe('Din kodeviser er spærret');
      await check(page, 'login: blocked', {
        formUrl: `${site.url}${blockedPath}`,
        again: async () => {
          // Blocked: the code form still answers with the block page.
          if (await page.locator('#code').count()) await wrongAgain();
        },
      });

      await trainer.goto(`${site.url}/trainer`);
      await check(trainer, 'trainer: console');
      await page.goto(`${site.url}/no-such-page`);
      await check(page, 'not found');

      // The audio code reader, after a press (the code, the settings and the audio player on the page).
      await token.goto(`${site.url}/token`);
      await submit(token, '/token/new');
      await token.getByRole('button', { name: /kodeoplæser|audio code reader/ }).click();
      await pressWebToken(token);
      await check(token, 'token: audio code reader');
      // The trainer's sign-in, on a site with a trainer passphrase.
      const guarded = await startSite({ trainerPassphrase: 'lærer-kode-2026' });
      try {
        await trainer.goto(`${guarded.url}/trainer`);
        expect(new URL(trainer.url()).pathname).toBe('/trainer/login');
        await check(trainer, 'trainer: sign in');
      } finally {
        await guarded.stop();
      }
      expect(problems.join('\n\n')).toBe('');
      expect(checked.size).toBeGreaterThanOrEqual(25);
    }, 120_000);

    it('keyboard only: a learner makes a user ID and uses the web token with Tab, typing and Space, with a visible focus at every stop', async () => {
      const page = await newPage({ width: 1280, height: 900 });
      const unseen: string[] = [];
      /** Presses Tab until `selector` has focus (at most 40 stops), checking that every stop shows its focus. */
      const tabTo = async (selector: string) => {
        for (let i = 0; i < 40; i++) {
          await page.keyboard.press('Tab');
          const focus = await focusState(page);
          if (focus && !focus.visible) unseen.push(`${new URL(page.url()).pathname}: ${focus.tag} "${focus.text}"`);
          if (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) return;
        }
        throw new Error(`Tab never reached ${selector} on ${page.url()}`);
      };
      await page.goto(`${site.url}/`);
      // The skip link comes first and leads to the content.
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement?.getAttribute("href")')).toBe('#main');
      await tabTo('a[href="/create"]');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      await tabTo('#seat');
      await page.keyboard.type('Plads 8');
      await tabTo('#userid');
      await page.keyboard.type('Tastatur.Bruger');
      await tabTo('form[action="/create"] button[type="submit"]');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      expect(new URL(page.url()).pathname).toBe('/create/password');
      await tabTo('#password');
      await page.keyboard.type(PASSWORD);
      await tabTo('#repeat');
      await page.keyboard.type(PASSWORD);
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      expect(new URL(page.url()).pathname).toBe('/activate');
      await screenshot(page, 'activate-type-da');
      // The web token from the navigation, chosen and pressed by keyboard.
      await tabTo('a[href="/token"]');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      await tabTo('button[value="code-display"]');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Space')]);
      await tabTo('#wt-press');
      expect(await pressWebToken(page, () => page.keyboard.press('Space'))).toMatch(/^\d{6}$/);
      // The token's L key works while its button has focus.
      await page.keyboard.press('l');
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
      expect(unseen).toEqual([]);
    });

    it('forced colours (Windows high contrast): buttons keep a border, focus stays visible, axe still passes', async () => {
      const page = await newPage({ width: 1280, height: 900 });
      await page.emulateMedia({ forcedColors: 'active' });
      const issues: string[] = [];
      for (const path of ['/', '/create', '/token', '/trainer']) {
        await page.goto(`${site.url}${path}?lang=da`);
        const borderless = await page.evaluate(`[...document.querySelectorAll('button')].filter((b) => {
        const s = getComputedStyle(b);
        return !(parseFloat(s.borderTopWidth) > 0 && s.borderTopStyle !== 'none');
      }).map((b) => b.textContent.trim())`);
        if ((borderless as string[]).length)
          issues.push(`${path}: buttons without a border: ${(borderless as string[]).join(', ')}`);
        const violations = await axeViolations(page);
        if (violations.length) issues.push(describeViolations(`${path} (forced colours)`, violations));
        await page.locator('main button, main a').first().focus();
        await page.keyboard.press('Tab');
        await page.keyboard.press('Shift+Tab');
        const focus = await focusState(page);
        if (focus && !focus.visible) issues.push(`${path}: focus not visible on ${focus.tag} "${focus.text}"`);
      }
      await page.goto(`${site.url}/token?lang=da`);
      await screenshot(page, 'token-forced-colours-da');
      expect(issues).toEqual([]);
    });
  },
);
