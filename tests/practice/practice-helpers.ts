import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { ManualClock } from '../../src/clock';
import { createPracticeServer, type PracticeServer, type PracticeServerOptions } from '../../src/practice/index';

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
