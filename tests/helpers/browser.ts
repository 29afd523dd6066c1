import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { hasTool } from './tools';

/**
 * Headless Chromium from the Debian package, driven by playwright-core: never a browser download.
 * One browser per test file (launch in beforeAll, close in afterAll), one context per scenario.
 */
const CHROMIUM_PATH = process.env.TOKENKIT_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // The audio reader's <audio> plays after a key press (a real user gesture); headless has no speakers.
  '--mute-audio',
];

/** Whether the browser tests can run (fails under CI=true when chromium is missing, skips locally). */
export function hasChromium(): boolean {
  return hasTool(CHROMIUM_PATH === '/usr/bin/chromium' ? 'chromium' : CHROMIUM_PATH, 'chromium');
}

export interface TestBrowser {
  browser: Browser;
  /** A fresh context (cookies, storage) with short action timeouts, so a missing element fails fast. */
  context(options?: Parameters<Browser['newContext']>[0]): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * Launches the browser headless with a fresh profile of its own (a new temp dir, removed on close), so no
 * state leaks between test files or runs.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const profileDir = mkdtempSync(join(tmpdir(), 'tokenkit-chromium-'));
  // launch() makes its own throw-away profile; the env var keeps Chromium's caches out of $HOME too.
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, HOME: profileDir, XDG_CONFIG_HOME: profileDir, XDG_CACHE_HOME: profileDir },
  });
  return {
    browser,
    async context(options) {
      const context = await browser.newContext(options);
      context.setDefaultTimeout(10_000);
      return context;
    },
    async close() {
      await browser.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

const AXE_SOURCE = readFileSync(
  fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)),
  'utf8',
);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core (all its default rules: WCAG 2.x A/AA and best practices) on the page as it is now and
 * returns the violations. The script is evaluated through the DevTools protocol, which the page's
 * Content-Security-Policy does not apply to, so the CSP under test stays on.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  // Strings, not functions: the tests compile without the DOM library.
  return page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + (n.failureSummary || '')),
    })))`);
}

/** A readable list of violations for an assertion message. */
export function describeViolations(url: string, violations: AxeViolation[]): string {
  return violations.map((v) => `${url}: ${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.join('\n  ')}`).join('\n');
}

/** document.documentElement.scrollWidth: at most the viewport width when nothing scrolls sideways. */
export function scrollWidth(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth');
}

/**
 * The element that has focus and whether it is visibly marked: a focus outline or box-shadow of non-zero
 * width (the site's :focus-visible style), as computed by the browser.
 */
export function focusState(page: Page): Promise<{ tag: string; text: string; visible: boolean } | null> {
  return page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    return {
      tag: el.tagName.toLowerCase(),
      text: (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 80),
      visible: outline || shadow,
    };
  })()`);
}

/** Screenshots go to docs/screenshots/ only when TOKENKIT_SCREENSHOTS is set (npm run screenshots). */
const SCREENSHOT_DIR = process.env.TOKENKIT_SCREENSHOTS
  ? fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))
  : undefined;

export async function screenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOT_DIR) return;
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

export type { Browser, BrowserContext, Page };
