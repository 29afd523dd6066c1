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

/** A web token's key found again by its id, after a server restart (the model is in memory only). */
export interface KeptToken extends MintedToken {
  kind: WebTokenKind;
}

export interface WebTokenRegistryOptions {
  /** Makes the serial and secret of a new web token (default: random, known to nothing else: tests). */
  mint?: (kind: WebTokenKind) => MintedToken;
  /** The id (the browser's cookie) for a new token's serial (default: 16 random bytes). */
  idFor?: (serial: string) => string;
  /** Finds the key of a token this registry no longer holds (a restart): it is started again from it. */
  restore?: (id: string) => KeptToken | undefined;
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
  /** Restores in progress, so two requests at once for a token after a restart start it once. */
  private readonly starting = new Map<string, Promise<WebToken>>();
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
    const minted = this.mint(kind);
    const id = this.opts.idFor?.(minted.serial) ?? Buffer.from(this.random(16)).toString('base64url');
    return this.start(id, kind, lang, minted);
  }

  /** The token with this id: held here, or started again from its kept key (`restore`). */
  async find(id: string | undefined, lang: Lang): Promise<WebToken | undefined> {
    if (id === undefined) return undefined;
    const held = this.tokens.get(id);
    if (held) return held;
    const pending = this.starting.get(id);
    if (pending) return pending;
    const kept = this.opts.restore?.(id);
    if (!kept) return undefined;
    const started = this.start(id, kept.kind, lang, kept).finally(() => this.starting.delete(id));
    this.starting.set(id, started);
    return started;
  }

  private async start(id: string, kind: WebTokenKind, lang: Lang, minted: MintedToken): Promise<WebToken> {
    const profile = getProfile(kind);
    const token = await WebToken.create({
      id,
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
