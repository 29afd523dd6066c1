// The cookie plugin's request/reply decorations (registered by the practice server).
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TokenkitError } from '../../errors';
import { type Lang, type MessageKey, t } from '../../i18n/index';
import { isFaceKind } from '../../terminal/index';
import type { TokenAudio } from './audio';
import { WEB_TOKEN_CLIENT_SCRIPT, WEB_TOKEN_STYLES } from './client-script';
import { renderChooser, renderTokenError, renderTokenPage, WEB_TOKEN_SCRIPT_PATH, WEB_TOKEN_STYLE_PATH } from './page';
import type { WebTokenRegistry } from './registry';
import type { WebToken, WebTokenMessage } from './web-token';

/** The cookie that says which web token is this browser's: an unguessable id, never the secret. */
export const WEB_TOKEN_COOKIE = 'tokenkit_web_token';

export interface WebTokenRoutesOptions {
  tokens: WebTokenRegistry;
  audio: TokenAudio;
  /** Sends a whole page (the site's layout around `body`, which is trusted HTML) with `status`. */
  sendPage(
    request: FastifyRequest,
    reply: FastifyReply,
    page: { lang: Lang; title: string; body: string },
    status: number,
  ): FastifyReply;
  /** A CSRF token for this browser's forms (the host checks it on every POST). */
  csrfToken(request: FastifyRequest, reply: FastifyReply): string;
  /** The page language of a request (the site's rule: ?lang=, cookie, Danish default). */
  langOf(request: FastifyRequest): Lang;
  /** Told about every new web token (e.g. for the trainer console's live view). */
  onCreated?(token: WebToken): void;
}

/**
 * `/token`: the web token. Needs @fastify/cookie and @fastify/formbody on the instance, and a host that
 * checks the CSRF token of every POST before its handler runs (the practice server's core does).
 *
 * - GET  /token             the token of this browser, or the choice of a code display / audio reader
 * - POST /token  kind=...   a new web token of that kind for this browser
 * - POST /token/new         back to the choice (the old token stays registered for its learner)
 * - POST /token/key key=K   one key, as typed (' ' the button, r, +, -, >, <, l); JSON for the script
 *                           (Accept: application/json), else 303 back to /token (the no-JS form);
 *                           after L to /token?lang=.. (the site's language switch)
 * - GET  /token/state       the view as JSON (the script's step-boundary and blank sync)
 * - GET  /token/audio/N.wav message N as a WAV made by the speech layer
 */
export async function webTokenRoutes(app: FastifyInstance, opts: WebTokenRoutesOptions): Promise<void> {
  const { tokens, audio } = opts;
  const wavs = new WeakMap<WebTokenMessage, Promise<Uint8Array>>();

  const tokenOf = (request: FastifyRequest) => tokens.find(request.cookies?.[WEB_TOKEN_COOKIE], opts.langOf(request));
  const wantsJson = (request: FastifyRequest) => /\bapplication\/json\b/.test(request.headers.accept ?? '');
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');
  const page = (
    request: FastifyRequest,
    reply: FastifyReply,
    o: { lang: Lang; title: string; body: string },
    status = 200,
  ) => opts.sendPage(request, noStore(reply), o, status);
  const fail = (request: FastifyRequest, reply: FastifyReply, status: number, key: MessageKey, lang: Lang) =>
    wantsJson(request)
      ? noStore(reply)
          .code(status)
          .send({ error: t(lang, key) })
      : page(
          request,
          reply,
          { lang, title: t(lang, 'webToken.pageTitle'), body: renderTokenError(lang, t(lang, key)) },
          status,
        );
  const chooser = (request: FastifyRequest, reply: FastifyReply, lang: Lang, error?: string) =>
    page(
      request,
      reply,
      {
        lang,
        title: t(lang, 'webToken.choose.heading'),
        body: renderChooser(lang, opts.csrfToken(request, reply), error),
      },
      error ? 400 : 200,
    );

  app.get(WEB_TOKEN_SCRIPT_PATH, (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(WEB_TOKEN_CLIENT_SCRIPT),
  );
  app.get(WEB_TOKEN_STYLE_PATH, (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(WEB_TOKEN_STYLES),
  );

  app.get('/token', async (request, reply) => {
    const token = await tokenOf(request);
    const lang = opts.langOf(request);
    if (!token) return chooser(request, reply, lang);
    // The site's language and the token's (its L key) are one setting: the page's language wins here,
    // and the L key sends the browser to /token?lang=..., which the site remembers.
    token.lang = lang;
    const view = token.view();
    // Only right after the key that made it (?say=N): a reload or a language switch is not a new press.
    const say = (request.query as { say?: unknown }).say;
    const autoplay = view.message !== undefined && say === String(view.message.seq);
    const silentReason = token.kind === 'audio-code-reader' ? await audio.silentReason(lang) : undefined;
    return page(request, reply, {
      lang,
      title: t(lang, token.kind === 'audio-code-reader' ? 'term.title.audioReader' : 'term.title.codeDisplay'),
      body: renderTokenPage({
        view,
        csrfToken: opts.csrfToken(request, reply),
        autoplay,
        ...(silentReason ? { silentReason } : {}),
      }),
    });
  });

  app.post('/token', async (request, reply) => {
    const lang = opts.langOf(request);
    const kind = (request.body as { kind?: unknown } | undefined)?.kind;
    if (!isFaceKind(kind)) return chooser(request, reply, lang, t(lang, 'webToken.error.badKind'));
    const token = await tokens.create(kind, lang);
    opts.onCreated?.(token);
    reply.setCookie(WEB_TOKEN_COOKIE, token.id, { path: '/token', httpOnly: true, sameSite: 'strict' });
    return reply.redirect('/token', 303);
  });

  app.post('/token/new', (_request, reply) => {
    reply.clearCookie(WEB_TOKEN_COOKIE, { path: '/token' });
    return reply.redirect('/token', 303);
  });

  app.post('/token/key', async (request, reply) => {
    const token = await tokenOf(request);
    const lang = token?.lang ?? opts.langOf(request);
    if (!token) return fail(request, reply, 409, 'webToken.error.noToken', lang);
    const key = (request.body as { key?: unknown } | undefined)?.key;
    // One typed character; anything longer is not a key (and is never echoed back).
    if (typeof key !== 'string' || [...key].length !== 1)
      return fail(request, reply, 400, 'webToken.error.badKey', lang);
    const before = token.view().message?.seq ?? 0;
    const applied = token.applyKey(key);
    if (wantsJson(request)) return noStore(reply).send(token.view());
    if (applied === 'language') return reply.redirect(`/token?lang=${token.lang}`, 303);
    // A key that made something to hear (a code, a beep): the page it leads to plays it.
    const after = token.view().message?.seq ?? 0;
    return reply.redirect(after > before ? `/token?say=${after}` : '/token', 303);
  });

  app.get('/token/state', async (request, reply) => {
    const token = await tokenOf(request);
    if (!token) return fail(request, reply, 409, 'webToken.error.noToken', opts.langOf(request));
    return noStore(reply).send(token.view());
  });

  app.get('/token/audio/:file', async (request, reply) => {
    const token = await tokenOf(request);
    const lang = token?.lang ?? opts.langOf(request);
    const match = /^(\d{1,9})\.wav$/.exec((request.params as { file: string }).file);
    const message = match ? token?.message(Number(match[1])) : undefined;
    if (!token) return fail(request, reply, 409, 'webToken.error.noToken', lang);
    if (!message) return fail(request, reply, 404, 'webToken.error.noAudio', lang);
    let wav = wavs.get(message);
    if (!wav) {
      wav = audio.wav(message.utterance);
      wavs.set(message, wav);
      // A failed synthesis is not kept: the next request tries again.
      wav.catch(() => wavs.delete(message));
    }
    try {
      return noStore(reply)
        .type('audio/wav')
        .send(Buffer.from(await wav));
    } catch (error) {
      const reason = error instanceof TokenkitError ? error.localized(lang) : t(lang, 'webToken.error.noAudio');
      return noStore(reply)
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(t(lang, 'webToken.audio.noVoice', { reason }));
    }
  });
}
