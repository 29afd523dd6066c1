import { SystemClock } from '../../../src/clock';
import { generateTotp } from '../../../src/otp/index';
import type { PracticeServerOptions } from '../../../src/practice/index';
import { normalizeSerial } from '../../../src/practice/index';
import { startPractice } from '../practice-helpers';

/**
 * The whole practice site for a browser: a real server on a free loopback port, a fresh SQLite store file,
 * the wall clock (the browser's countdown and the server's codes run on real time).
 */
export async function startSite(options: Partial<PracticeServerOptions> = {}) {
  const site = await startPractice({ clock: new SystemClock(), ...options });
  const { server } = site;
  return {
    ...site,
    url: server.url.replace(/\/$/, ''),
    /** The code a practice token (by serial number) shows at `atMs`: read from the store, server side. */
    codeAt(serial: string, atMs: number): string {
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
  };
}
export type Site = Awaited<ReturnType<typeof startSite>>;
