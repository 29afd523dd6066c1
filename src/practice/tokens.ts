import type { Clock } from '../clock';
import { StoreError, type TokenStore } from '../store/index';
import { isFaceKind } from '../terminal/index';
import type { PracticeDb, PracticeToken, PracticeTokenKind } from './practice-db';

/** Upper case with spaces, dashes and dots taken out: what a learner types is compared in this form. */
export function normalizeSerial(input: string): string {
  return input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s.\-–]/g, '');
}

export function isPracticeTokenKind(value: unknown): value is PracticeTokenKind {
  return isFaceKind(value);
}

/** The store user name of a practice token's row in `tokens`. */
export function storeUserForSerial(serial: string): string {
  return `practice-${serial}`;
}

export interface CreatePracticeTokenOptions {
  kind: PracticeTokenKind;
  /** 'web' for the /token page, 'board' for a provisioned board; shown on the trainer console. */
  source: string;
  /** A board's own serial number; default: a new one (TK + 7 digits). */
  serial?: string;
  /** The secret to use (a board's, when it was provisioned with it); default: 20 random bytes. */
  secret?: Uint8Array;
  /** Default: the class's code period (the trainer's setting). */
  periodSec?: number;
}

export interface CreatedPracticeToken extends PracticeToken {
  /** For the server side only (provisioning a board, the web token's model): never put it in a page. */
  secret: Uint8Array;
  periodSec: number;
  digits: number;
}

/**
 * Practice tokens: store rows (secret + verifier state, in `tokens`) that a learner can activate by
 * serial number. The web token and the board workflows make theirs through `create`.
 */
export class PracticeTokens {
  constructor(
    private readonly db: PracticeDb,
    private readonly store: TokenStore,
    private readonly clock: Clock,
    private readonly random: (size: number) => Uint8Array,
    private readonly periodSec: () => number,
  ) {}

  /** Adds the store row, then the practice row; a serial already in the store is refused (StoreError duplicate). */
  create(options: CreatePracticeTokenOptions): CreatedPracticeToken {
    const serial = options.serial !== undefined ? normalizeSerial(options.serial) : this.newSerial();
    const secret = options.secret ?? this.random(20);
    const periodSec = options.periodSec ?? this.periodSec();
    const storeUser = storeUserForSerial(serial);
    const createdAtMs = Math.floor(this.clock.nowMs());
    const token: PracticeToken = { serial, storeUser, kind: options.kind, source: options.source, createdAtMs };
    // Two connections to one file: never inside a practice transaction (it would hold the write lock
    // the store's connection waits for). The store row goes first, and back out if the practice row fails.
    this.store.add({ user: storeUser, kind: 'totp', secret, algorithm: 'sha1', digits: 6, periodSec, t0Sec: 0 });
    try {
      this.db.addToken(token);
    } catch (error) {
      this.store.remove(storeUser);
      throw error;
    }
    return { ...token, secret, periodSec, digits: 6 };
  }

  /**
   * Makes a token already in the store (`tokenkit token add NAME --uri ...`, for instance the terminal
   * simulator's) a practice token: its serial is the store name, normalised. The secret stays where it is.
   * StoreError{kind:'notFound'} when there is no such store token; a name already in use is refused by
   * the practice table (SQLite constraint).
   */
  adopt(storeUser: string, kind: PracticeTokenKind): PracticeToken {
    if (!this.store.get(storeUser)) throw new StoreError('notFound', 'store.error.notFound', { user: storeUser });
    const token: PracticeToken = {
      serial: normalizeSerial(storeUser),
      storeUser,
      kind,
      source: 'store',
      createdAtMs: Math.floor(this.clock.nowMs()),
    };
    this.db.addToken(token);
    return token;
  }

  /** Store tokens that are not practice tokens yet (the ones `adopt` can take), by store name. */
  adoptable(): string[] {
    const tokens = this.db.listTokens();
    const known = new Set(tokens.map((t) => t.storeUser));
    const serials = new Set(tokens.map((t) => t.serial));
    return this.store
      .list()
      .map((t) => t.user)
      .filter((user) => !known.has(user) && !serials.has(normalizeSerial(user)) && normalizeSerial(user) !== '');
  }

  get(serial: string): PracticeToken | undefined {
    return this.db.getToken(normalizeSerial(serial));
  }

  list(): PracticeToken[] {
    return this.db.listTokens();
  }

  /** Removes the practice row and its store row. */
  remove(serial: string): boolean {
    const token = this.get(serial);
    if (!token) return false;
    this.db.removeToken(token.serial);
    this.store.remove(token.storeUser);
    return true;
  }

  private newSerial(): string {
    for (;;) {
      const bytes = this.random(4);
      const n = (((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0) % 10_000_000;
      const serial = `TK${String(n).padStart(7, '0')}`;
      if (!this.db.getToken(serial)) return serial;
    }
  }
}
