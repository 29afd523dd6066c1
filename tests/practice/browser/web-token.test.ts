import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWav, durationMs, voicedSegments } from '../../../src/speech/index';
import {
  axeViolations,
  describeViolations,
  hasChromium,
  launchBrowser,
  screenshot,
  scrollWidth,
  type TestBrowser,
} from '../../helpers/browser';
import { hasTool } from '../../helpers/tools';
import { pressWebToken, type Site, startSite } from './site';

const run = hasChromium() && hasTool('espeak-ng', 'espeak-ng');

describe.skipIf(!run)('the web token in Chromium (the practice site, its CSP on)', () => {
  let browser: TestBrowser;
  let host: Site;
  beforeAll(async () => {
    [browser, host] = await Promise.all([launchBrowser(), startSite()]);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  const codeOf = (serial: string) => (atMs: number) => host.codeAt(serial, atMs);

  it('works without JavaScript: choose a code display, press the grey button, the page shows the code', async () => {
    const context = await browser.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${host.url}/token`);
    expect(await page.locator('html').getAttribute('lang')).toBe('da');
    await screenshot(page, 'web-token-choose-da');
    await page.getByRole('button', { name: 'Brug en kodeviser' }).click();
    await expect.poll(() => page.url()).toBe(`${host.url}/token`);
    const serial = (await page.locator('#wt-serial').textContent())!;
    expect(serial).toMatch(/^TK\d{7}$/);
    expect(host.server.ctx.tokens.get(serial)).toMatchObject({ kind: 'code-display', source: 'web' });
    expect(await page.locator('#wt-display').textContent()).toContain('Tryk på den grå knap');
    const before = Date.now();
    await page.getByRole('button', { name: 'Grå knap: vis koden' }).click();
    const shown = (await page.locator('#wt-code').textContent())!.replace(' ', '');
    const after = Date.now();
    expect([codeOf(serial)(before), codeOf(serial)(after)]).toContain(shown);
    expect(await page.locator('#wt-countdown').textContent()).toMatch(/^Gyldig i \d+ s$/);
    // No secret of any kind reaches the page.
    const html = await page.content();
    const record = host.server.ctx.store.get(host.server.ctx.tokens.get(serial)!.storeUser)!;
    expect(html).not.toContain(Buffer.from(record.secret).toString('hex'));
    expect(html).not.toContain(Buffer.from(record.secret).toString('base64'));
    expect(html).not.toMatch(/otpauth:|secret/i);
    await context.close();
  });

  it('audio reader with JavaScript: keys on the focused button, the code read aloud from a WAV, live countdown, L switches language', async () => {
    const context = await browser.context();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      // The bare host serves no favicon; everything else must load.
      if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico'))
        errors.push(`${m.text()} ${m.location().url}`);
    });
    await page.goto(`${host.url}/token`);
    await page.getByRole('button', { name: 'Brug en kodeoplæser' }).click();
    await page.locator('#wt-press').waitFor();
    const serial = (await page.locator('#wt-serial').textContent())!;
    const wavs: Buffer[] = [];
    page.on('response', (r) => {
      // A WAV whose page was navigated away from (L reloads in the other language) has no body any more:
      // skip it rather than leave an unhandled rejection that fails the whole vitest run.
      if (r.url().includes('/token/audio/'))
        r.body().then(
          (b) => wavs.push(b),
          () => {},
        );
    });
    await page.locator('#wt-press').focus();
    const before = Date.now();
    const shown = await pressWebToken(page, () => page.keyboard.press('Space'));
    expect([codeOf(serial)(before), codeOf(serial)(Date.now())]).toContain(shown);
    // The <audio> element plays the message the server made with espeak-ng.
    await expect.poll(() => wavs.length).toBeGreaterThan(0);
    const wav = decodeWav(new Uint8Array(wavs[0]!));
    expect(durationMs(wav)).toBeGreaterThan(2000);
    // Six digits and the validity phrase: at least seven voiced stretches.
    expect(voicedSegments(wav).length).toBeGreaterThanOrEqual(7);
    await expect
      .poll(() => page.evaluate('document.getElementById("wt-audio").src'))
      .toMatch(/\/token\/audio\/\d+\.wav$/);
    // The countdown moves without a reload.
    const first = await page.locator('#wt-countdown').textContent();
    await expect.poll(() => page.locator('#wt-countdown').textContent(), { timeout: 3000 }).not.toBe(first);
    // R reads the code again: a new message, fetched and played.
    const heard = wavs.length;
    await page.keyboard.press('r');
    await expect.poll(() => wavs.length).toBeGreaterThan(heard);
    await screenshot(page, 'web-token-audio-reader-da');
    // Volume and rate keys, as in the terminal simulator.
    await page.keyboard.press('+');
    await expect.poll(() => page.locator('#wt-settings').textContent()).toBe('Lydstyrke 90 %, taletempo 100 %');
    await page.keyboard.press('<');
    await expect.poll(() => page.locator('#wt-settings').textContent()).toBe('Lydstyrke 90 %, taletempo 90 %');
    await page.keyboard.press('l');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.locator('#wt-press').waitFor();
    expect(await page.locator('#wt-settings').textContent()).toBe('Volume 90%, speech rate 90%');
    await screenshot(page, 'web-token-audio-reader-en');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('axe-core finds nothing, and the page reflows at 320 px, in both languages', async () => {
    const context = await browser.context({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    const problems: string[] = [];
    for (const lang of ['da', 'en']) {
      await page.goto(`${host.url}/token?lang=${lang}`);
      problems.push(describeViolations(page.url(), await axeViolations(page)));
      expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
    }
    await page.getByRole('button', { name: /audio code reader|kodeoplæser/ }).click();
    await pressWebToken(page);
    for (const lang of ['en', 'da']) {
      await page.goto(`${host.url}/token?lang=${lang}`);
      problems.push(describeViolations(page.url(), await axeViolations(page)));
      expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
    }
    expect(problems.filter(Boolean).join('\n')).toBe('');
    await context.close();
  });
});
