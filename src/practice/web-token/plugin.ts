import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PracticePlugin } from '../context';
import { raw } from '../html';
import { SpeechTokenAudio, type TokenAudio } from './audio';
import { WEB_TOKEN_SCRIPT_PATH } from './page';
import { WebTokenRegistry } from './registry';
import { webTokenRoutes } from './routes';

/**
 * The web token as a part of the practice site. Each new web token is a practice token made by the site
 * (`ctx.tokens.create`: a store row by serial number, with the class's code period), so activation finds
 * it like any other; the page and the trainer console only ever see its serial number.
 */
export function createWebTokenPlugin(o: { audio?: TokenAudio; maxTokens?: number } = {}): PracticePlugin {
  return async (app, { ctx }) => {
    // The cookie names the token by serial number with a MAC of the site's own key: unguessable like a
    // random id, and still valid after a restart, when the token is started again from its store row.
    const cookieKey = ctx.db.secretSetting('webTokenCookieKey', () =>
      Buffer.from(ctx.random(32)).toString('base64url'),
    );
    const mac = (serial: string) => createHmac('sha256', cookieKey).update(serial).digest('base64url');
    const tokens = new WebTokenRegistry({
      clock: ctx.clock,
      randomBytes: ctx.random,
      ...(o.maxTokens ? { maxTokens: o.maxTokens } : {}),
      mint: (kind) => {
        const created = ctx.tokens.create({ kind, source: 'web' });
        return { serial: created.serial, secret: created.secret, periodSec: created.periodSec, digits: created.digits };
      },
      idFor: (serial) => `${serial}.${mac(serial)}`,
      restore: (id) => {
        const dot = id.lastIndexOf('.');
        const serial = id.slice(0, dot);
        const given = Buffer.from(id.slice(dot + 1));
        const expected = Buffer.from(mac(serial));
        if (dot <= 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
        const token = ctx.tokens.get(serial);
        const record = token && token.source === 'web' ? ctx.store.get(token.storeUser) : undefined;
        if (!token || !record) return undefined;
        return { kind: token.kind, serial, secret: record.secret, periodSec: record.periodSec, digits: record.digits };
      },
    });
    app.addHook('onClose', async () => tokens.close());
    const csrfToken = (request: FastifyRequest, reply: FastifyReply) => ctx.csrfToken(request, reply);
    await app.register(webTokenRoutes, {
      tokens,
      audio: o.audio ?? new SpeechTokenAudio(),
      langOf: (request) => request.lang,
      csrfToken,
      sendPage: (request, reply, page, status) =>
        ctx.sendPage(
          request,
          reply,
          {
            title: page.title,
            body: raw(page.body),
            scripts: [WEB_TOKEN_SCRIPT_PATH],
            current: 'token',
            csrfToken: csrfToken(request, reply),
          },
          status,
        ),
      onCreated: (token) => void ctx.events.record('webTokenCreated', null, { serial: token.serial, kind: token.kind }),
    });
  };
}

/** The web token with the speech layer's own engine choice: what `tokenkit practice` serves. */
export const webTokenPlugin: PracticePlugin = createWebTokenPlugin();
