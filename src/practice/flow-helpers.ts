import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Lang, type MessageKey, type MessageParams, t } from '../i18n/index';
import { TokenVerifier } from '../verify/index';
import type { PracticeContext } from './context';
import type { PracticeEvent } from './events';
import { actionForm } from './forms';
import { html, type SafeHtml } from './html';
import type { Learner } from './practice-db';
import { looksLikeCpr } from './rules';

/** The learner the browser's session belongs to, if any. */
export function sessionLearner(ctx: PracticeContext, request: FastifyRequest): Learner | undefined {
  const id = request.practiceSession?.learnerId;
  return id === null || id === undefined ? undefined : ctx.db.getLearner(id);
}

/** "Signed in as …, not you? Sign out": on a shared classroom computer the next learner starts afresh. */
export function signedInAs(ctx: PracticeContext, request: FastifyRequest, reply: FastifyReply): SafeHtml {
  const learner = sessionLearner(ctx, request);
  if (!learner) return html``;
  const lang = request.lang;
  return html`<div class="notice signed-in"><p>${t(lang, 'practice.session.as', { userId: learner.userId })}</p>
${actionForm({ action: SIGN_OUT_PATH, csrf: ctx.csrfToken(request, reply), label: t(lang, 'practice.session.signOut'), className: 'secondary' })}</div>`;
}

export const SIGN_OUT_PATH = '/sign-out';

/** MitID's three wrong codes, then a block as long as the trainer set. */
export const MAX_WRONG_CODES = 3;

export function verifierFor(ctx: PracticeContext): TokenVerifier {
  return new TokenVerifier({
    store: ctx.store,
    clock: ctx.clock,
    maxFailures: MAX_WRONG_CODES,
    lockoutMs: ctx.settings().blockMs,
  });
}

/** Token codes as typed: spaces (the display groups digits) and dashes are ignored. */
export function cleanCode(input: string): string {
  return input.normalize('NFKC').replace(/[\s-]/g, '');
}

/** The first field whose value looks like a CPR number, if any. */
export function cprField<K extends string>(fields: Record<K, string>, names: readonly K[]): K | undefined {
  return names.find((name) => looksLikeCpr(fields[name]));
}

/** A clock time in the page language ("10:35"). */
export function clockTime(lang: Lang, atMs: number): string {
  return new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', { hour: '2-digit', minute: '2-digit' }).format(
    new Date(atMs),
  );
}

/** Whole minutes, rounded up, never below 1. */
export function minutesFrom(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}

/** The word for the learner's kind of token ("kodeviser" / "kodeoplæser"). */
export function tokenWord(lang: Lang, kind: string | undefined): string {
  return t(lang, kind === 'audio-code-reader' ? 'practice.token.audioReader' : 'practice.token.codeDisplay');
}

/** The page for a blocked token: what happened and what to do now. 423 Locked. */
export function sendBlocked(
  ctx: PracticeContext,
  request: FastifyRequest,
  reply: FastifyReply,
  untilMs: number,
  kind: string | undefined,
  againHref: string,
): FastifyReply {
  const lang = request.lang;
  const word = tokenWord(lang, kind);
  const body = html`<div class="warning" role="alert">
<p><strong>${t(lang, 'practice.blocked.what', { token: word })}</strong></p>
<p>${t(lang, 'practice.blocked.until', {
    time: clockTime(lang, untilMs),
    minutes: minutesFrom(untilMs - ctx.clock.nowMs()),
  })}</p>
</div>
<h2>${t(lang, 'practice.blocked.todo')}</h2>
<ul>
<li>${t(lang, 'practice.blocked.todoTrainer')}</li>
<li>${t(lang, 'practice.blocked.todoWait')}</li>
<li>${t(lang, 'practice.blocked.todoReal')}</li>
</ul>
<p><a class="button secondary" href="${againHref}">${t(lang, 'practice.blocked.again')}</a></p>`;
  return ctx.sendPage(request, reply, { title: t(lang, 'practice.blocked.title', { token: word }), body }, 423);
}

/**
 * A code the learner typed from their token, checked by the verifier (activation's proof and the login's
 * code step): accepted, or the reply that says why not already sent. A wrong code is counted, and the
 * third blocks the token on the page that says what to do; `fail` shows an error on the code field.
 */
export function checkTokenCode(
  ctx: PracticeContext,
  request: FastifyRequest,
  reply: FastifyReply,
  o: {
    learnerId: number;
    storeUser: string;
    /** The kind of token, for the blocked page's wording. */
    kind: string;
    code: string;
    /** Where the blocked page's "try again" goes. */
    againHref: string;
    fail: (key: MessageKey, params?: MessageParams) => FastifyReply;
    /** The wrongCode/blocked event's detail. */
    wrongDetail: (failures: number) => PracticeEvent['detail'];
    onReplayed?: () => void;
    onBlocked?: () => void;
  },
): { accepted: true; delta: number } | { accepted: false; sent: FastifyReply } {
  const cleaned = cleanCode(o.code);
  if (!/^\d{6,10}$/.test(cleaned)) return { accepted: false, sent: o.fail('practice.code.format') };
  const result = verifierFor(ctx).verify(o.storeUser, cleaned);
  switch (result.reason) {
    case 'accepted':
      return { accepted: true, delta: result.delta };
    case 'replayed':
      o.onReplayed?.();
      return { accepted: false, sent: o.fail('practice.code.replayed') };
    case 'locked':
      return { accepted: false, sent: sendBlocked(ctx, request, reply, result.untilMs, o.kind, o.againHref) };
    case 'wrong': {
      const blocked = result.lockedUntilMs !== null;
      ctx.db.countWrongCode(o.learnerId, blocked);
      ctx.events.record(blocked ? 'blocked' : 'wrongCode', o.learnerId, o.wrongDetail(result.failures));
      if (result.lockedUntilMs !== null) {
        o.onBlocked?.();
        return { accepted: false, sent: sendBlocked(ctx, request, reply, result.lockedUntilMs, o.kind, o.againHref) };
      }
      const left = MAX_WRONG_CODES - result.failures;
      return { accepted: false, sent: o.fail(left === 1 ? 'practice.code.wrongOne' : 'practice.code.wrong', { left }) };
    }
  }
}
