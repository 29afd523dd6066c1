import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../clock';
import type { Lang } from '../i18n/index';
import type { TokenStore } from '../store/index';
import type { PracticeEvents } from './events';
import type { SafeHtml } from './html';
import type { PageOptions } from './layout';
import type { PracticeDb, PracticeSettings, SessionRow } from './practice-db';
import type { PracticeTokens } from './tokens';

declare module 'fastify' {
  interface FastifyRequest {
    /** The page language: ?lang=, else the tk_lang cookie, else the server's default (Danish). */
    lang: Lang;
    /** The browser's practice session, when it has one (see PracticeContext.ensureSession). */
    practiceSession: SessionRow | null;
  }
}

/** Per-route rate limit options for @fastify/rate-limit (route `config: { rateLimit }`). */
export interface RateLimitRule {
  max: number;
  timeWindow: number;
}

/**
 * A block of HTML on the trainer console (the boards panel, for one), rendered on every console view.
 * `reply` is for `ctx.csrfToken` in the panel's own forms.
 */
export type ConsolePanel = (request: FastifyRequest, reply: FastifyReply) => SafeHtml;

/**
 * What a plugin of the practice site gets: the shared state and the page helpers. Plugins are fastify
 * plugins registered after the core (sessions, CSRF, headers, error pages), so every hook applies to
 * their routes too: a POST without a valid CSRF token never reaches their handler.
 */
export interface PracticeContext {
  store: TokenStore;
  db: PracticeDb;
  clock: Clock;
  /** Cryptographic randomness (injectable for tests). */
  random: (size: number) => Uint8Array;
  tokens: PracticeTokens;
  events: PracticeEvents;
  /** The trainer's current settings (read fresh each call). */
  settings(): PracticeSettings;
  /** Whether the site is served beyond loopback (then the trainer pages need the passphrase). */
  exposed: boolean;
  /** Rate limits for login-like and activation-like POST routes. */
  limits: { login: RateLimitRule; activation: RateLimitRule };
  /** The browser's session, made (and its cookie set) when it has none. */
  ensureSession(request: FastifyRequest, reply: FastifyReply): SessionRow;
  /**
   * Replaces the browser's session by a new one (new id and cookie, the old row deleted) with `change`
   * applied: call it when a session gains a learner or the trainer. Make CSRF tokens after it.
   */
  renewSession(
    request: FastifyRequest,
    reply: FastifyReply,
    change: { learnerId?: number | null; trainer?: boolean; activation?: string | null },
  ): SessionRow;
  /** A CSRF token for this browser: put it in a hidden `_csrf` field, or an `x-csrf-token` header for fetch. */
  csrfToken(request: FastifyRequest, reply: FastifyReply): string;
  /** A whole page (renderPage) with the request's language, URL and a CSRF token for scripts filled in. */
  page(request: FastifyRequest, reply: FastifyReply, options: Omit<PageOptions, 'lang' | 'url'>): string;
  /** Sends a page as text/html with `status` (default 200). */
  sendPage(
    request: FastifyRequest,
    reply: FastifyReply,
    options: Omit<PageOptions, 'lang' | 'url'>,
    status?: number,
  ): FastifyReply;
  /** Whether the request comes from a signed-in trainer (on loopback without a passphrase: always). */
  isTrainer(request: FastifyRequest): boolean;
  /** A preHandler for trainer-only routes: redirects to the trainer sign-in when not a trainer. */
  requireTrainer(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** Adds a panel to the trainer console. */
  addConsolePanel(panel: ConsolePanel): void;
  /** The console's panels, in the order they were added. */
  consolePanels(): readonly ConsolePanel[];
}

/**
 * A part of the site living in its own folder (src/practice/web-token/, src/practice/boards/):
 * `createPracticeServer` calls `app.register(plugin, { ctx })` for each, after the core routes.
 */
export type PracticePlugin = (app: FastifyInstance, options: { ctx: PracticeContext }) => Promise<void>;
