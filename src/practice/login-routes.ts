import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type MessageKey, t } from '../i18n/index';
import type { PracticeContext } from './context';
import { FORM_SCRIPT_PATH } from './create-routes';
import { checkTokenCode, cprField, minutesFrom, tokenWord } from './flow-helpers';
import { actionForm, csrfField, errorSummary, type FormError, field, formFields } from './forms';
import { html, type SafeHtml } from './html';
import { verifyPassword } from './passwords';
import type { LoginRequest } from './practice-db';
import { foldUserId } from './rules';
import {
  fraudAction,
  isPracticeService,
  PRACTICE_SERVICES,
  type PracticeService,
  serviceAction,
  serviceName,
} from './services';

/** How long a learner has to finish a login, before the trainer's extension (factor). */
export const LOGIN_TIME_LIMIT_MS = 5 * 60_000;
const NO_DEADLINE_AT_MS = 8_640_000_000_000_000; // the largest Date: a login the trainer lifted the limit on

export function registerLoginRoutes(app: FastifyInstance, ctx: PracticeContext): void {
  const limit = { config: { rateLimit: ctx.limits.login } };

  const deadline = (nowMs: number) => {
    const factor = ctx.settings().timeLimitFactor;
    return factor === 0 ? NO_DEADLINE_AT_MS : Math.floor(nowMs + LOGIN_TIME_LIMIT_MS * factor);
  };

  /** The request if it belongs to this browser and is still open; else the reply already sent. */
  const load = (request: FastifyRequest, reply: FastifyReply): { login: LoginRequest } | { reply: FastifyReply } => {
    const { id } = request.params as { id: string };
    const login = typeof id === 'string' && id.length <= 64 ? ctx.db.getLoginRequest(id) : undefined;
    const session = request.practiceSession;
    if (!login || !session || !login.sessionHash.equals(session.idHash)) {
      return { reply: ctx.sendPage(request, reply, notFoundPage(request), 404) };
    }
    if (login.step !== 'done' && ctx.clock.nowMs() >= login.expiresAtMs) {
      return { reply: ctx.sendPage(request, reply, expiredPage(request), 410) };
    }
    return { login };
  };

  const notFoundPage = (request: FastifyRequest) => {
    const lang = request.lang;
    return {
      title: t(lang, 'practice.login.goneTitle'),
      body: html`<p>${t(lang, 'practice.login.gone')}</p><p><a class="button" href="/login">${t(lang, 'practice.login.startAgain')}</a></p>`,
      current: 'login' as const,
    };
  };

  const expiredPage = (request: FastifyRequest) => {
    const lang = request.lang;
    return {
      title: t(lang, 'practice.login.expiredTitle'),
      body: html`<div class="warning" role="alert"><p>${t(lang, 'practice.login.expired')}</p></div><p><a class="button" href="/login">${t(lang, 'practice.login.startAgain')}</a></p>`,
      current: 'login' as const,
    };
  };

  /** The login box: which service, what is being approved, how long is left, and the step's form. */
  const box = (request: FastifyRequest, reply: FastifyReply, login: LoginRequest, inner: SafeHtml) => {
    const lang = request.lang;
    const service = login.service as PracticeService;
    const leftMs = login.expiresAtMs - ctx.clock.nowMs();
    const limited = login.expiresAtMs < NO_DEADLINE_AT_MS;
    return html`<section class="login-box" aria-labelledby="login-service">
<p class="service" id="login-service">${serviceName(lang, service)}</p>
<p>${t(lang, 'practice.login.youStarted', { action: serviceAction(lang, service) })}</p>
${inner}
</section>
${
  limited
    ? html`<div class="notice" id="time-left"><p>${t(lang, 'practice.login.timeLeft', { minutes: minutesFrom(leftMs) })}</p>
${actionForm({ action: `/login/${login.id}/extend`, csrf: ctx.csrfToken(request, reply), label: t(lang, 'practice.login.moreTime'), className: 'secondary' })}</div>`
    : ''
}
${
  // At the approve step "Reject" is the way out; a second button for the same would only confuse.
  login.step === 'approve'
    ? ''
    : actionForm({
        action: `/login/${login.id}/cancel`,
        csrf: ctx.csrfToken(request, reply),
        label: t(lang, 'practice.login.abort'),
        className: 'secondary',
      })
}`;
  };

  const stepPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    login: LoginRequest,
    errors: FormError[] = [],
    status = 200,
    userId = '',
  ) => {
    const lang = request.lang;
    const csrf = ctx.csrfToken(request, reply);
    const learner = login.learnerId !== null ? ctx.db.getLearner(login.learnerId) : undefined;
    const kind = learner?.tokenSerial ? ctx.tokens.get(learner.tokenSerial)?.kind : undefined;
    const word = tokenWord(lang, kind);
    const error = errors[0]?.text;
    let inner: SafeHtml;
    let title: string;
    switch (login.step) {
      case 'userId':
        title = t(lang, 'practice.login.userIdTitle');
        inner = html`<form method="post" action="/login/${login.id}/user-id" novalidate>${csrfField(csrf)}
${field({ id: 'userid', name: 'userId', label: t(lang, 'practice.login.userId'), value: userId, error, autocomplete: 'username', spellcheck: false, maxLength: 200, cprWarning: t(lang, 'practice.cpr.live') })}
<button type="submit">${t(lang, 'practice.form.continue')}</button></form>`;
        break;
      case 'code':
        title = t(lang, 'practice.login.codeTitle', { token: word });
        inner = html`<p>${t(lang, 'practice.login.codeIntro', { token: word, userId: learner?.userId ?? '' })}</p>
<form method="post" action="/login/${login.id}/code" novalidate>${csrfField(csrf)}
${field({ id: 'code', name: 'code', label: t(lang, 'practice.code.label', { token: word }), hint: t(lang, 'practice.code.hint'), error, code: true, maxLength: 12 })}
<button type="submit">${t(lang, 'practice.form.continue')}</button></form>`;
        break;
      case 'password':
        title = t(lang, 'practice.login.passwordTitle');
        inner = html`<form method="post" action="/login/${login.id}/password" novalidate>${csrfField(csrf)}
${field({ id: 'password', name: 'password', type: 'password', label: t(lang, 'practice.login.password'), hint: t(lang, 'practice.login.passwordHint'), error, autocomplete: 'current-password', maxLength: 200 })}
<button type="submit">${t(lang, 'practice.login.logIn')}</button></form>`;
        break;
      default: {
        const service = login.service as PracticeService;
        const text = login.fraud ? fraudAction(lang, service) : serviceAction(lang, service);
        title = t(lang, 'practice.login.approveTitle');
        inner = html`<p>${t(lang, 'practice.login.approveAsk', { service: serviceName(lang, service) })}</p>
<p class="approve-text" id="approve-text">${text}</p>
<p>${t(lang, 'practice.login.approveCheck')}</p>
<div class="inline-form">
${actionForm({ action: `/login/${login.id}/approve`, csrf, label: t(lang, 'practice.login.approve') })}
${actionForm({ action: `/login/${login.id}/reject`, csrf, label: t(lang, 'practice.login.reject'), className: 'danger' })}
</div>`;
      }
    }
    const body = html`${errorSummary(lang, errors)}${box(request, reply, login, inner)}`;
    return ctx.sendPage(request, reply, { title, body, current: 'login', scripts: [FORM_SCRIPT_PATH] }, status);
  };

  app.get('/login', async (request, reply) => {
    const lang = request.lang;
    const csrf = ctx.csrfToken(request, reply);
    const body = html`<p>${t(lang, 'practice.login.chooseIntro')}</p>
<ul class="services">
${PRACTICE_SERVICES.map(
  (
    service,
  ) => html`<li><form method="post" action="/login/start">${csrfField(csrf)}<input type="hidden" name="service" value="${service}">
<button type="submit">${t(lang, 'practice.login.startService', { service: serviceName(lang, service) })}</button>
<span class="hint">${serviceAction(lang, service)}</span></form></li>`,
)}
</ul>`;
    return ctx.sendPage(request, reply, { title: t(lang, 'practice.login.chooseTitle'), body, current: 'login' });
  });

  app.post('/login/start', async (request, reply) => {
    const { service } = formFields(request, ['service'] as const);
    if (!isPracticeService(service)) return reply.redirect('/login', 303);
    const session = ctx.ensureSession(request, reply);
    const nowMs = Math.floor(ctx.clock.nowMs());
    const id = Buffer.from(ctx.random(16)).toString('base64url');
    ctx.db.createLoginRequest({
      id,
      sessionHash: session.idHash,
      service,
      createdAtMs: nowMs,
      expiresAtMs: deadline(nowMs),
    });
    return reply.redirect(`/login/${id}`, 303);
  });

  app.get('/login/:id', async (request, reply) => {
    const got = load(request, reply);
    if ('reply' in got) return got.reply;
    if (got.login.step === 'done') return resultPage(request, reply, got.login);
    return stepPage(request, reply, got.login);
  });

  app.post('/login/:id/extend', async (request, reply) => {
    const got = load(request, reply);
    if ('reply' in got) return got.reply;
    ctx.db.updateLoginRequest(got.login.id, { expiresAtMs: deadline(ctx.clock.nowMs()) });
    return reply.redirect(`/login/${got.login.id}`, 303);
  });

  app.post('/login/:id/user-id', limit, async (request, reply) => {
    const lang = request.lang;
    const got = load(request, reply);
    if ('reply' in got) return got.reply;
    const { login } = got;
    if (login.step !== 'userId') return reply.redirect(`/login/${login.id}`, 303);
    const fields = formFields(request, ['userId'] as const);
    const fail = (key: MessageKey, keep: boolean) =>
      stepPage(
        request,
        reply,
        login,
        [{ fieldId: 'userid', text: t(lang, key) }],
        422,
        keep ? fields.userId.slice(0, 60) : '',
      );
    if (cprField(fields, ['userId'])) return fail('practice.cpr.refused', false);
    const learner = ctx.db.findLearner(foldUserId(fields.userId));
    if (!learner || learner.passwordHash === null) return fail('practice.login.userIdUnknown', true);
    if (learner.tokenSerial === null) return fail('practice.login.noToken', true);
    const fraud = learner.fraudDrill;
    if (fraud) ctx.db.setFraudDrill(learner.id, false);
    ctx.db.updateLoginRequest(login.id, { learnerId: learner.id, step: 'code', fraud });
    ctx.events.record('loginStarted', learner.id, { service: login.service, fraud });
    return reply.redirect(`/login/${login.id}`, 303);
  });

  app.post('/login/:id/code', limit, async (request, reply) => {
    const lang = request.lang;
    const got = load(request, reply);
    if ('reply' in got) return got.reply;
    const { login } = got;
    if (login.step !== 'code' || login.learnerId === null) return reply.redirect(`/login/${login.id}`, 303);
    const learner = ctx.db.getLearner(login.learnerId);
    const token = learner?.tokenSerial ? ctx.tokens.get(learner.tokenSerial) : undefined;
    if (!learner || !token) {
      ctx.db.updateLoginRequest(login.id, { step: 'userId', learnerId: null });
      return reply.redirect(`/login/${login.id}`, 303);
    }
    const word = tokenWord(lang, token.kind);
    const { code } = formFields(request, ['code'] as const);
    const fail = (key: MessageKey, params = {}) =>
      stepPage(request, reply, login, [{ fieldId: 'code', text: t(lang, key, { token: word, ...params }) }], 422);
    const checked = checkTokenCode(ctx, request, reply, {
      learnerId: learner.id,
      storeUser: token.storeUser,
      kind: token.kind,
      code,
      againHref: '/login',
      fail,
      wrongDetail: (failures) => ({ failures }),
      onReplayed: () => ctx.events.record('codeReplayed', learner.id),
      onBlocked: () => ctx.db.updateLoginRequest(login.id, { step: 'done', outcome: 'aborted' }),
    });
    if (!checked.accepted) return checked.sent;
    ctx.db.updateLoginRequest(login.id, { step: 'password' });
    ctx.events.record('codeAccepted', learner.id, { driftSteps: checked.delta });
    return reply.redirect(`/login/${login.id}`, 303);
  });

  app.post('/login/:id/password', limit, async (request, reply) => {
    const lang = request.lang;
    const got = load(request, reply);
    if ('reply' in got) return got.reply;
    const { login } = got;
    if (login.step !== 'password' || login.learnerId === null) return reply.redirect(`/login/${login.id}`, 303);
    const learner = ctx.db.getLearner(login.learnerId);
    const { password } = formFields(request, ['password'] as const);
    const ok = learner?.passwordHash ? await verifyPassword(password, learner.passwordHash) : false;
    if (!ok) {
      ctx.events.record('wrongPassword', login.learnerId);
      return stepPage(
        request,
        reply,
        login,
        [{ fieldId: 'password', text: t(lang, 'practice.login.passwordWrong') }],
        422,
      );
    }
    ctx.db.updateLoginRequest(login.id, { step: 'approve' });
    return reply.redirect(`/login/${login.id}`, 303);
  });

  const finish = (decision: 'approved' | 'cancelled') => async (request: FastifyRequest, reply: FastifyReply) => {
    const got = load(request, reply);
    if ('reply' in got) return got.reply;
    const { login } = got;
    if (login.step === 'done') return reply.redirect(`/login/${login.id}`, 303);
    // Cancelling is possible at every step; approving only once the credentials are in.
    if (decision === 'approved' && login.step !== 'approve') return reply.redirect(`/login/${login.id}`, 303);
    const answered = login.step === 'approve';
    ctx.db.updateLoginRequest(login.id, { step: 'done', outcome: answered ? decision : 'aborted' });
    if (login.learnerId !== null) {
      if (answered && decision === 'approved' && !login.fraud) ctx.db.markLogin(login.learnerId, ctx.clock.nowMs());
      // A drill the learner never saw (stopped before the approve step) waits for the next login.
      if (!answered && login.fraud) ctx.db.setFraudDrill(login.learnerId, true);
      const kind = !answered
        ? 'loginAborted'
        : login.fraud
          ? decision === 'approved'
            ? 'fraudApproved'
            : 'fraudRejected'
          : decision === 'approved'
            ? 'loggedIn'
            : 'rejected';
      ctx.events.record(kind, login.learnerId, {
        service: login.service,
        fraud: login.fraud,
        approved: decision === 'approved',
      });
    }
    return reply.redirect(`/login/${login.id}`, 303);
  };
  app.post('/login/:id/approve', finish('approved'));
  app.post('/login/:id/reject', finish('cancelled'));
  app.post('/login/:id/cancel', finish('cancelled'));

  const resultPage = (request: FastifyRequest, reply: FastifyReply, login: LoginRequest) => {
    const lang = request.lang;
    const service = login.service as PracticeService;
    const params = {
      service: serviceName(lang, service),
      action: serviceAction(lang, service),
      fraudText: fraudAction(lang, service),
    };
    const approved = login.outcome === 'approved';
    let title: string;
    let box: SafeHtml;
    if (login.outcome === 'aborted') {
      title = t(lang, 'practice.result.abortedTitle');
      box = html`<div class="notice" role="status"><p>${t(lang, 'practice.result.aborted', params)}</p></div>`;
    } else if (login.fraud && approved) {
      title = t(lang, 'practice.result.fraudApprovedTitle');
      box = html`<div class="warning" role="alert"><p><strong>${t(lang, 'practice.result.fraudApproved', params)}</strong></p><p>${t(lang, 'practice.result.fraudWhy', params)}</p><p>${t(lang, 'practice.result.fraudReal')}</p></div>`;
    } else if (login.fraud) {
      title = t(lang, 'practice.result.fraudRejectedTitle');
      box = html`<div class="success" role="status"><p><strong>${t(lang, 'practice.result.fraudRejected', params)}</strong></p><p>${t(lang, 'practice.result.fraudWhy', params)}</p></div>`;
    } else if (approved) {
      title = t(lang, 'practice.result.approvedTitle');
      box = html`<div class="success" role="status"><p><strong>${t(lang, 'practice.result.approved', params)}</strong></p><p>${t(lang, 'practice.result.approvedWhy', params)}</p></div>`;
    } else {
      title = t(lang, 'practice.result.rejectedTitle');
      box = html`<div class="notice" role="status"><p><strong>${t(lang, 'practice.result.rejected', params)}</strong></p><p>${t(lang, 'practice.result.rejectedWhy', params)}</p></div>`;
    }
    const body = html`${box}<p><a class="button" href="/login">${t(lang, 'practice.login.again')}</a></p>`;
    return ctx.sendPage(request, reply, { title, body, current: 'login' });
  };
}
