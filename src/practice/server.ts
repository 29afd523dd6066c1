import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type Clock, SystemClock } from '../clock';
import { hasMessage, isLang, type Lang, type MessageKey, t } from '../i18n/index';
import { SqliteTokenStore, type TokenStore } from '../store/index';
import { registerActivateRoutes } from './activate-routes';
import { CONSOLE_SCRIPT } from './assets/console-script';
import { FORMS_SCRIPT } from './assets/forms-script';
import { PRACTICE_CSS } from './assets/practice-css';
import { boardsPlugin } from './boards/plugin';
import type { ConsolePanel, PracticeContext, PracticePlugin, RateLimitRule } from './context';
import { FORM_SCRIPT_PATH, registerCreateRoutes } from './create-routes';
import { PracticeError } from './errors';
import { PracticeEvents } from './events';
import { sessionLearner, signedInAs } from './flow-helpers';
import { html } from './html';
import { type PageOptions, renderPage, STYLESHEET_PATH } from './layout';
import { registerLoginRoutes } from './login-routes';
import { hashPassword, verifyPassword } from './passwords';
import { hashSessionId, PracticeDb, type SessionRow } from './practice-db';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './security';
import { PracticeTokens } from './tokens';
import { CONSOLE_SCRIPT_PATH, registerTrainerRoutes } from './trainer-routes';
import { webTokenPlugin } from './web-token/plugin';

export { CONTENT_SECURITY_POLICY };

export const SESSION_COOKIE = 'tk_session';
export const LANG_COOKIE = 'tk_lang';
export const CSRF_COOKIE = 'tk_csrf';
/** A class day, and then some. */
export const SESSION_LIFETIME_MS = 12 * 3600_000;
export const PASSPHRASE_MIN_LENGTH = 8;
/** Form posts are small: a user ID of 48 characters, a password of 64. */
const BODY_LIMIT_BYTES = 16 * 1024;

export interface PracticeServerOptions {
  /** The token store: a file path (opened and closed by the server) or an open TokenStore (left open). */
  store: string | TokenStore;
  /** Default 127.0.0.1. Anything beyond loopback needs `trainerPassphrase`. */
  host?: string;
  /** Default 0: a free port (the URL says which). */
  port?: number;
  /** The language of a page when the browser has not chosen one (default 'da'). */
  lang?: Lang;
  /** Guards the trainer pages; required when `host` is beyond loopback. Kept only as a scrypt hash. */
  trainerPassphrase?: string;
  clock?: Clock;
  /** Cryptographic randomness (default node:crypto randomBytes). */
  random?: (size: number) => Uint8Array;
  /** Request log lines (pino JSON) go here; default: no request log. Never holds bodies or cookies. */
  logStream?: NodeJS.WritableStream;
  /** Parts of the site in their own folders (the web token, boards), registered after the core. */
  plugins?: readonly PracticePlugin[];
  /** The shipped parts (default DEFAULT_PLUGINS): tests swap one for a configured copy. */
  defaultPlugins?: readonly PracticePlugin[];
  /** Rate limits per client address for login and activation posts (default 30 per minute each). */
  limits?: Partial<PracticeContext['limits']>;
}

export interface PracticeServer {
  /** http://host:port/ (IPv6 hosts in brackets). */
  url: string;
  app: FastifyInstance;
  ctx: PracticeContext;
  /** Stops listening, ends live streams, closes the practice database (and the store when it opened it). */
  close(): Promise<void>;
}

/** 127.0.0.0/8, ::1 and localhost: only this computer can connect. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::ffff:127.0.0.1';
}

function urlFor(host: string, port: number): string {
  const shown = host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}/`;
}

/**
 * The URLs other computers can use: for a wildcard host (0.0.0.0, ::) one per non-internal address of
 * this computer (IPv4 first), else the server's own URL.
 */
export function reachableUrls(server: { url: string }, interfaces = networkInterfaces()): string[] {
  const { hostname, port } = new URL(server.url);
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host !== '0.0.0.0' && host !== '::') return [server.url];
  const addresses = Object.values(interfaces)
    .flat()
    .filter((a) => a !== undefined && !a.internal && (host === '::' || a.family === 'IPv4'))
    .sort((a, b) => (a!.family === b!.family ? 0 : a!.family === 'IPv4' ? -1 : 1));
  // No network yet (a laptop before the classroom's Wi-Fi): the wildcard URL still works on this computer.
  return addresses.length > 0 ? addresses.map((a) => urlFor(a!.address, Number(port))) : [server.url];
}

/** Plugins that ship with tokenkit (the web token, boards) are appended here as they land. */
export const DEFAULT_PLUGINS: readonly PracticePlugin[] = [webTokenPlugin, boardsPlugin];

/**
 * Starts the practice site: learners create a user ID, activate a token and log in with its codes; a
 * trainer console runs the class. State lives in the token store's file (practice tables, migration 3).
 * Resolves once it listens. Throws PracticeError (passphraseRequired, passphraseShort, badPort, listen)
 * or StoreError (the store file).
 */
export async function createPracticeServer(options: PracticeServerOptions): Promise<PracticeServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new PracticeError('badPort', 'practice.server.badPort', { value: String(port).slice(0, 12) });
  }
  const exposed = !isLoopbackHost(host);
  const passphrase = options.trainerPassphrase;
  if (passphrase !== undefined && passphrase.length < PASSPHRASE_MIN_LENGTH) {
    throw new PracticeError('passphraseShort', 'practice.server.passphraseShort', {
      length: passphrase.length,
      min: PASSPHRASE_MIN_LENGTH,
    });
  }
  if (exposed && passphrase === undefined) {
    throw new PracticeError('passphraseRequired', 'practice.server.passphraseRequired', { host });
  }
  const clock = options.clock ?? new SystemClock();
  const random = options.random ?? ((size: number) => new Uint8Array(randomBytes(size)));
  const defaultLang: Lang = options.lang ?? 'da';
  const ownsStore = typeof options.store === 'string';
  const store: TokenStore =
    typeof options.store === 'string' ? new SqliteTokenStore({ path: options.store, clock }) : options.store;
  let db: PracticeDb;
  try {
    db = new PracticeDb(store.path);
  } catch (error) {
    if (ownsStore) store.close();
    throw error;
  }
  // The passphrase is kept as a salted scrypt hash only; the salt is new each start.
  const passphraseHash = passphrase === undefined ? null : await hashPassword(passphrase, random);

  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    logger: options.logStream ? { level: 'info', stream: options.logStream } : false,
  });

  const panels: ConsolePanel[] = [];
  const events = new PracticeEvents(db, clock);
  const tokens = new PracticeTokens(db, store, clock, random, () => db.settings().codePeriodSec);
  const defaultRule: RateLimitRule = { max: 30, timeWindow: 60_000 };
  const limits = {
    login: options.limits?.login ?? defaultRule,
    activation: options.limits?.activation ?? defaultRule,
  };

  const newSession = (request: FastifyRequest, reply: FastifyReply): SessionRow => {
    const id = Buffer.from(random(32)).toString('base64url');
    const nowMs = Math.floor(clock.nowMs());
    const session = db.createSession(hashSessionId(id), nowMs, nowMs + SESSION_LIFETIME_MS);
    reply.setCookie(SESSION_COOKIE, id, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      maxAge: Math.floor(SESSION_LIFETIME_MS / 1000),
    });
    request.practiceSession = session;
    return session;
  };

  const ensureSession = (request: FastifyRequest, reply: FastifyReply): SessionRow =>
    request.practiceSession ?? newSession(request, reply);

  // A new id whenever a session gains a learner or the trainer: an id someone planted or saw before
  // the sign-in is worth nothing after it.
  const renewSession: PracticeContext['renewSession'] = (request, reply, change) => {
    const old = request.practiceSession;
    if (old) db.deleteSession(old.idHash);
    const session = newSession(request, reply);
    const next = {
      learnerId: change.learnerId !== undefined ? change.learnerId : (old?.learnerId ?? null),
      trainer: change.trainer ?? old?.trainer ?? false,
      activation: change.activation !== undefined ? change.activation : (old?.activation ?? null),
    };
    db.updateSession(session.idHash, next);
    Object.assign(session, next);
    return session;
  };

  // One token per response: a second generateCsrf in the same request would mint a second secret
  // cookie (the request's cookies do not change), and the forms' first token would no longer match.
  const tokensByRequest = new WeakMap<FastifyRequest, string>();
  const csrfToken = (request: FastifyRequest, reply: FastifyReply): string => {
    const known = tokensByRequest.get(request);
    if (known !== undefined) return known;
    const session = ensureSession(request, reply);
    const token = reply.generateCsrf({ userInfo: session.idHash.toString('hex') });
    tokensByRequest.set(request, token);
    return token;
  };

  const isTrainer = (request: FastifyRequest): boolean =>
    passphraseHash === null || request.practiceSession?.trainer === true;

  const page = (request: FastifyRequest, reply: FastifyReply, pageOptions: Omit<PageOptions, 'lang' | 'url'>) =>
    renderPage({
      ...pageOptions,
      lang: request.lang,
      url: request.url,
      csrfToken: pageOptions.csrfToken ?? (pageOptions.scripts?.length ? csrfToken(request, reply) : undefined),
    });

  const ctx: PracticeContext = {
    store,
    db,
    clock,
    random,
    tokens,
    events,
    settings: () => db.settings(),
    exposed,
    limits,
    ensureSession,
    renewSession,
    csrfToken,
    page,
    sendPage(request, reply, pageOptions, status = 200) {
      return reply
        .code(status)
        .type('text/html; charset=utf-8')
        .send(page(request, reply, pageOptions));
    },
    isTrainer,
    async requireTrainer(request, reply) {
      if (isTrainer(request)) return;
      await reply.redirect(`/trainer/login?next=${encodeURIComponent(request.url)}`, 303);
    },
    addConsolePanel: (panel) => void panels.push(panel),
    consolePanels: () => panels,
  };

  app.decorateRequest('lang', defaultLang);
  app.decorateRequest('practiceSession', null);

  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  // Forms only: a JSON or text body is refused (415) rather than read by the same handlers.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  await app.register(fastifyCsrf, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true },
    // Bound to the session (cookie tossing: a token minted for another browser's session fails).
    getUserInfo: (request: FastifyRequest) => request.practiceSession?.idHash.toString('hex') ?? '',
    csrfOpts: { hmacKey: db.secretSetting('csrfHmacKey', () => Buffer.from(random(32)).toString('base64url')) },
    getToken: (request: FastifyRequest) => {
      const body = request.body as Record<string, unknown> | undefined;
      const fromBody = body && typeof body._csrf === 'string' ? body._csrf : undefined;
      const header = request.headers['x-csrf-token'];
      return fromBody ?? (typeof header === 'string' ? header : '');
    },
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error('rate limited'), { statusCode: context.statusCode }),
  });

  app.addHook('onRequest', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const asked = typeof query.lang === 'string' && isLang(query.lang) ? query.lang : undefined;
    const cookieLang = request.cookies[LANG_COOKIE];
    if (asked) {
      request.lang = asked;
      if (cookieLang !== asked) reply.setCookie(LANG_COOKIE, asked, { path: '/', sameSite: 'strict', httpOnly: true });
    } else if (cookieLang && isLang(cookieLang)) {
      request.lang = cookieLang;
    }
    const sid = request.cookies[SESSION_COOKIE];
    if (sid && sid.length <= 64) request.practiceSession = db.getSession(hashSessionId(sid), clock.nowMs()) ?? null;
  });

  // CSRF on every unsafe request, plugins' routes included (the body is parsed by now).
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return done();
    app.csrfProtection(request, reply, done);
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: { type: error.name, message: error.message } }, 'practice error');
    const known = [400, 403, 404, 405, 413, 415, 429];
    const candidate = `practice.error.${status}`;
    const key: MessageKey =
      status === 500
        ? 'practice.error.500'
        : known.includes(status) && hasMessage(candidate)
          ? candidate
          : 'practice.error.4xx';
    return sendErrorPage(request, reply, status, key);
  });

  app.setNotFoundHandler((request, reply) => sendErrorPage(request, reply, 404, 'practice.error.404'));

  function sendErrorPage(request: FastifyRequest, reply: FastifyReply, status: number, key: MessageKey) {
    const lang = request.lang;
    const body = html`<p>${t(lang, key)}</p><p><a href="/">${t(lang, 'practice.error.home')}</a></p>`;
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(renderPage({ lang, title: t(lang, 'practice.error.title'), body, url: request.url }));
  }

  app.get(STYLESHEET_PATH, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(PRACTICE_CSS),
  );

  /** For a learner who comes back to the home page: where they left off. */
  const nextStep = (request: FastifyRequest, reply: FastifyReply) => {
    const learner = sessionLearner(ctx, request);
    if (!learner) return html``;
    const lang = request.lang;
    const [href, key]: [string, MessageKey] =
      learner.passwordHash === null
        ? ['/create/password', 'practice.home.nextPassword']
        : learner.tokenSerial === null
          ? ['/activate', 'practice.home.nextActivate']
          : ['/login', 'practice.home.nextLogin'];
    return html`<p><a class="button" href="${href}">${t(lang, key)}</a></p>${signedInAs(ctx, request, reply)}`;
  };

  app.get('/', async (request, reply) => {
    const lang = request.lang;
    const body = html`<p>${t(lang, 'practice.home.intro')}</p>
<h2>${t(lang, 'practice.home.steps')}</h2>
<ol>
<li><a href="/create">${t(lang, 'practice.home.step1')}</a></li>
<li><a href="/activate">${t(lang, 'practice.home.step2')}</a></li>
<li><a href="/login">${t(lang, 'practice.home.step3')}</a></li>
</ol>
<p>${t(lang, 'practice.home.noBoard')} <a href="/token">${t(lang, 'practice.nav.token')}</a></p>
${nextStep(request, reply)}`;
    return ctx.sendPage(request, reply, { title: t(lang, 'practice.home.title'), body, current: 'home' });
  });

  for (const [path, script] of [
    [FORM_SCRIPT_PATH, FORMS_SCRIPT],
    [CONSOLE_SCRIPT_PATH, CONSOLE_SCRIPT],
  ] as const) {
    app.get(path, async (_request, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(script),
    );
  }

  registerCreateRoutes(app, ctx);
  registerActivateRoutes(app, ctx);
  registerLoginRoutes(app, ctx);
  registerTrainerRoutes(app, ctx, {
    checkPassphrase: passphraseHash === null ? null : (candidate) => verifyPassword(candidate, passphraseHash),
  });

  for (const plugin of [...(options.defaultPlugins ?? DEFAULT_PLUGINS), ...(options.plugins ?? [])])
    await app.register(plugin, { ctx });

  const closeAll = async () => {
    await app.close();
    db.close();
    if (ownsStore) store.close();
  };

  let address: string;
  try {
    address = await app.listen({ host, port });
  } catch (error) {
    await closeAll();
    const detail = (error as { code?: string }).code ?? 'error';
    throw new PracticeError('listen', 'practice.server.listen', { host, port, detail }, { cause: error });
  }
  const bound = app.server.address();
  const url = typeof bound === 'object' && bound ? urlFor(host, bound.port) : address;
  return { url, app, ctx, close: closeAll };
}
