import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import type { Scheduler } from '../../../firmware-sim/index';
import { type Clock, SystemClock } from '../../clock';
import type { Lang } from '../../i18n/index';
import { getProfile } from '../../profiles/index';
import { WebToken, type WebTokenKind } from './web-token';

/**
 * A new practice token's identity and key, made where activation will look it up (the practice server's
 * PracticeTokens: a store row by serial). The secret stays on the server.
 */
export interface MintedToken {
  serial: string;
  secret: Uint8Array;
  periodSec: number;
  digits: number;
}

export interface WebTokenRegistryOptions {
  /** Makes the serial and secret of a new web token (default: random, known to nothing else: tests). */
  mint?: (kind: WebTokenKind) => MintedToken;
  clock?: Clock;
  scheduler?: Scheduler;
  randomBytes?: (n: number) => Uint8Array;
  /** Most tokens kept at once; the least recently used one goes first when a new one needs room. */
  maxTokens?: number;
}

const DEFAULT_MAX_TOKENS = 1000;

/**
 * The web tokens of a running practice server, by their unguessable id (the browser's cookie). In memory:
 * the token's model runs here, its key lives where `mint` put it.
 */
export class WebTokenRegistry {
  private readonly tokens = new Map<string, WebToken>();
  private readonly clock: Clock;
  private readonly random: (n: number) => Uint8Array;
  private readonly maxTokens: number;
  private readonly mint: (kind: WebTokenKind) => MintedToken;

  constructor(private readonly opts: WebTokenRegistryOptions = {}) {
    this.clock = opts.clock ?? new SystemClock();
    this.random = opts.randomBytes ?? ((n) => new Uint8Array(cryptoRandomBytes(n)));
    this.maxTokens = opts.maxTokens ?? DEFAULT_MAX_TOKENS;
    this.mint =
      opts.mint ??
      ((kind) => {
        const profile = getProfile(kind);
        const serial = [...this.random(9)].map((b) => String(b % 10)).join('');
        return { serial: `TK${serial}`, secret: this.random(20), periodSec: profile.periodSec, digits: profile.digits };
      });
  }

  get size(): number {
    return this.tokens.size;
  }

  async create(kind: WebTokenKind, lang: Lang): Promise<WebToken> {
    const profile = getProfile(kind);
    const minted = this.mint(kind);
    const token = await WebToken.create({
      id: Buffer.from(this.random(16)).toString('base64url'),
      kind,
      lang,
      serial: minted.serial,
      secret: {
        secret: minted.secret,
        algorithm: profile.algorithm,
        digits: minted.digits,
        periodSec: minted.periodSec,
        t0Sec: profile.t0Sec,
      },
      clock: this.clock,
      ...(this.opts.scheduler ? { scheduler: this.opts.scheduler } : {}),
      randomBytes: this.random,
    });
    while (this.tokens.size >= this.maxTokens) this.evictLeastRecentlyUsed();
    this.tokens.set(token.id, token);
    return token;
  }

  get(id: string | undefined): WebToken | undefined {
    return id === undefined ? undefined : this.tokens.get(id);
  }

  remove(id: string): boolean {
    this.tokens.get(id)?.stop();
    return this.tokens.delete(id);
  }

  /** Stops every token's timers (server shutdown). */
  close(): void {
    for (const token of this.tokens.values()) token.stop();
    this.tokens.clear();
  }

  private evictLeastRecentlyUsed(): void {
    let oldest: WebToken | undefined;
    for (const token of this.tokens.values()) if (!oldest || token.lastUsedAtMs < oldest.lastUsedAtMs) oldest = token;
    if (oldest) this.remove(oldest.id);
  }
}
