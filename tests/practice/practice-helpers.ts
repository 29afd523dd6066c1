import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach } from 'vitest';
import { ManualClock } from '../../src/clock';
import { generateTotp } from '../../src/otp/index';
import {
  type CreatedPracticeToken,
  createPracticeServer,
  type PracticeServer,
  type PracticeServerOptions,
} from '../../src/practice/index';

/** A practice server on a fresh SQLite store file in its own temp dir, on a free loopback port. */
export async function startPractice(
  options: Partial<PracticeServerOptions> = {},
): Promise<{ server: PracticeServer; clock: ManualClock; dir: string; storePath: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'tokenkit-practice-'));
  const storePath = join(dir, 'practice.db');
  const clock = (options.clock as ManualClock | undefined) ?? new ManualClock(Date.UTC(2026, 11, 1, 9, 0, 0));
  const server = await createPracticeServer({ store: storePath, clock, ...options });
  return {
    server,
    clock,
    dir,
    storePath,
    async stop() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `startPractice` for a test file: each server a test starts is stopped after that test (afterEach). */
export function practiceFixture(): (options?: Partial<PracticeServerOptions>) => ReturnType<typeof startPractice> {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (stops.length) await stops.pop()!();
  });
  return async (options = {}) => {
    const p = await startPractice(options);
    stops.push(p.stop);
    return p;
  };
}

/**
 * A browser in miniature over fastify's inject: keeps cookies (as a browser would for this origin),
 * and reads the CSRF token out of the last page's form.
 */
export class Browser {
  private readonly cookies = new Map<string, string>();
  last: LightMyRequestResponse | undefined;

  constructor(private readonly server: PracticeServer) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private keep(response: LightMyRequestResponse): void {
    for (const c of response.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.maxAge === 0 || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    this.last = response;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    const response = await this.server.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } });
    this.keep(response);
    return response;
  }

  /** The `_csrf` value of the last page's first form. */
  csrf(): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(this.last?.body ?? '');
    if (!m) throw new Error(`no CSRF field on the last page (${this.last?.statusCode})`);
    return m[1]!;
  }

  /** Posts a form the way a browser does (urlencoded), with the CSRF token of the last page unless given. */
  async post(url: string, fields: Record<string, string>, options: { csrf?: string | null } = {}) {
    const body = new URLSearchParams();
    const token = options.csrf === undefined ? this.csrf() : options.csrf;
    if (token !== null) body.set('_csrf', token);
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    const response = await this.server.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    this.keep(response);
    return response;
  }

  /** Follows a 303 from the last response. */
  async follow(): Promise<LightMyRequestResponse> {
    const location = this.last?.headers.location;
    if (typeof location !== 'string') throw new Error(`no redirect (${this.last?.statusCode})`);
    return this.get(location);
  }
}

/** The code a practice token shows at the clock's time (`offsetSteps` steps later or earlier). */
export function codeAt(token: CreatedPracticeToken, atMs: number, offsetSteps = 0): string {
  return generateTotp({
    secret: token.secret,
    atMs: atMs + offsetSteps * token.periodSec * 1000,
    algorithm: 'sha1',
    digits: token.digits,
    periodSec: token.periodSec,
    t0Sec: 0,
  });
}

/** A code that is not the token's code anywhere in the verifier's window. */
export function wrongCode(token: CreatedPracticeToken, atMs: number): string {
  const taken = new Set([-2, -1, 0, 1, 2].map((d) => codeAt(token, atMs, d)));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!taken.has(candidate)) return candidate;
  }
}

/** Makes `count` activation letters as the trainer does and returns them (number and printed code). */
export function makeLetters(server: PracticeServer, count: number) {
  return server.ctx.db.createLetters(
    Array.from({ length: count }, (_, i) => `TEST-${String(i).padStart(4, '0')}`),
    server.ctx.clock.nowMs(),
  );
}

/** A learner through user ID and password (not activated). Returns the browser with its session. */
export async function registerLearner(
  server: PracticeServer,
  userId: string,
  password = 'Blå hest på tur 7',
): Promise<Browser> {
  const browser = new Browser(server);
  await browser.get('/create');
  const created = await browser.post('/create', { seat: '', userId });
  if (created.statusCode !== 303) throw new Error(`create ${userId}: ${created.statusCode}`);
  await browser.follow();
  const saved = await browser.post('/create/password', { password, repeat: password });
  if (saved.statusCode !== 303) throw new Error(`password for ${userId}: ${saved.statusCode}`);
  return browser;
}

/** A learner all the way to an activated token. */
export async function activatedLearner(
  server: PracticeServer,
  clock: ManualClock,
  userId: string,
  password = 'Blå hest på tur 7',
): Promise<{ browser: Browser; token: CreatedPracticeToken }> {
  const browser = await registerLearner(server, userId, password);
  const token = server.ctx.tokens.create({ kind: 'code-display', source: 'test' });
  const [letter] = makeLetters(server, 1);
  await browser.get('/activate');
  await browser.post('/activate/type', { kind: 'code-display' });
  await browser.get('/activate');
  await browser.post('/activate/serial', { serial: token.serial });
  await browser.get('/activate');
  await browser.post('/activate/letter', { letter: String(letter!.number), code: letter!.code });
  await browser.get('/activate');
  const proof = await browser.post('/activate/proof', { code: codeAt(token, clock.nowMs()) });
  if (proof.headers.location !== '/activate/done') throw new Error(`activation of ${userId}: ${proof.statusCode}`);
  // The next login must not reuse the proof's step (a replay): move on one step.
  clock.advance(token.periodSec * 1000);
  return { browser, token };
}
