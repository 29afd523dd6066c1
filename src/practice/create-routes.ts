import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Lang, type MessageKey, t } from '../i18n/index';
import type { PracticeContext } from './context';
import { cprField, SIGN_OUT_PATH, sessionLearner, signedInAs } from './flow-helpers';
import { csrfField, errorSummary, type FormError, field, formFields } from './forms';
import { html } from './html';
import { hashPassword } from './passwords';
import {
  checkPassword,
  checkUserId,
  foldUserId,
  looksLikeCpr,
  normalizeUserId,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USER_ID_MAX_LENGTH,
  USER_ID_MIN_LENGTH,
  USER_ID_RULES,
  USER_ID_SIGNS,
} from './rules';

export const FORM_SCRIPT_PATH = '/static/forms.js';
const SEAT_MAX_LENGTH = 40;

function userIdChecklist(lang: Lang) {
  const params = { min: USER_ID_MIN_LENGTH, max: USER_ID_MAX_LENGTH, signs: USER_ID_SIGNS.split('').join(' ') };
  return html`<ul class="checklist" id="userid-rules" data-for="userid" data-met="${t(lang, 'practice.rule.met')}" data-unmet="${t(lang, 'practice.rule.unmet')}">
${USER_ID_RULES.map(
  (rule) =>
    html`<li data-rule="${rule.id}" data-pattern="${rule.pattern}" data-expect="${String(rule.expect)}"><span class="text">${t(lang, `practice.userId.rule.${rule.id}`, params)}</span><span class="state"></span></li>`,
)}
<li data-rule="unique"><span class="text">${t(lang, 'practice.userId.rule.unique')}</span></li>
</ul>
<p class="visually-hidden" id="userid-rules-live" aria-live="polite"></p>`;
}

function problemText(lang: Lang, problem: string): string {
  return t(lang, `practice.userId.error.${problem}` as MessageKey, {
    min: USER_ID_MIN_LENGTH,
    max: USER_ID_MAX_LENGTH,
  });
}

export function registerCreateRoutes(app: FastifyInstance, ctx: PracticeContext): void {
  const userIdPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { seat?: string; userId?: string; errors?: FormError[] } = {},
    status = 200,
  ) => {
    const lang = request.lang;
    const errors = state.errors ?? [];
    const errorFor = (id: string) => errors.find((e) => e.fieldId === id)?.text;
    const body = html`${errorSummary(lang, errors)}
<p>${t(lang, 'practice.create.intro')}</p>
<form method="post" action="/create" novalidate>
${csrfField(ctx.csrfToken(request, reply))}
${field({
  id: 'seat',
  name: 'seat',
  label: t(lang, 'practice.create.seat'),
  hint: t(lang, 'practice.create.seatHint'),
  error: errorFor('seat'),
  value: state.seat ?? '',
  maxLength: SEAT_MAX_LENGTH,
  required: false,
  cprWarning: t(lang, 'practice.cpr.live'),
})}
${field({
  id: 'userid',
  name: 'userId',
  label: t(lang, 'practice.create.userId'),
  hint: t(lang, 'practice.create.userIdHint'),
  error: errorFor('userid'),
  value: state.userId ?? '',
  maxLength: 200,
  autocomplete: 'username',
  spellcheck: false,
  describedBy: ['userid-rules'],
  cprWarning: t(lang, 'practice.cpr.live'),
  after: userIdChecklist(lang),
})}
<button type="submit">${t(lang, 'practice.form.continue')}</button>
</form>`;
    return ctx.sendPage(
      request,
      reply,
      { title: t(lang, 'practice.create.title'), body, current: 'create', scripts: [FORM_SCRIPT_PATH] },
      status,
    );
  };

  app.get('/create', async (request, reply) => {
    const learner = sessionLearner(ctx, request);
    if (learner && learner.passwordHash === null) return reply.redirect('/create/password', 303);
    return userIdPage(request, reply);
  });

  app.post('/create', async (request, reply) => {
    const lang = request.lang;
    const fields = formFields(request, ['seat', 'userId'] as const);
    const seat = fields.seat.normalize('NFC').trim();
    const userId = normalizeUserId(fields.userId);
    const problem = checkUserId(userId, (folded) => ctx.db.isUserIdTaken(folded));
    // Nothing that looks like a CPR number is kept, or shown again: both fields come back empty.
    if (problem === 'notCpr' || looksLikeCpr(userId) || looksLikeCpr(seat)) {
      const fieldId = problem === 'notCpr' || looksLikeCpr(userId) ? 'userid' : 'seat';
      const text = problem === 'notCpr' ? problemText(lang, problem) : t(lang, 'practice.cpr.refused');
      return userIdPage(request, reply, { errors: [{ fieldId, text }] }, 422);
    }
    const errors: FormError[] = [];
    if ([...seat].length > SEAT_MAX_LENGTH || /[\p{Cc}\p{Cf}]/u.test(seat)) {
      errors.push({ fieldId: 'seat', text: t(lang, 'practice.create.seatError', { max: SEAT_MAX_LENGTH }) });
    }
    if (problem) errors.push({ fieldId: 'userid', text: problemText(lang, problem) });
    if (errors.length > 0) return userIdPage(request, reply, { seat, userId, errors }, 422);
    const learner = ctx.db.createLearner({ seat, userId, folded: foldUserId(userId), nowMs: ctx.clock.nowMs() });
    if (!learner) {
      return userIdPage(
        request,
        reply,
        { seat, userId, errors: [{ fieldId: 'userid', text: problemText(lang, 'taken') }] },
        422,
      );
    }
    ctx.renewSession(request, reply, { learnerId: learner.id, activation: null });
    ctx.events.record('created', learner.id, { seat });
    return reply.redirect('/create/password', 303);
  });

  const passwordPage = (request: FastifyRequest, reply: FastifyReply, errors: FormError[] = [], status = 200) => {
    const lang = request.lang;
    const learner = sessionLearner(ctx, request)!;
    const errorFor = (id: string) => errors.find((e) => e.fieldId === id)?.text;
    const params = { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH };
    const body = html`${errorSummary(lang, errors)}
<p>${t(lang, 'practice.password.intro', { userId: learner.userId })}</p>
<div class="warning"><p>${t(lang, 'practice.password.notReal')}</p></div>
<form method="post" action="/create/password" novalidate>
${csrfField(ctx.csrfToken(request, reply))}
${field({
  id: 'password',
  name: 'password',
  type: 'password',
  label: t(lang, 'practice.password.label'),
  error: errorFor('password'),
  autocomplete: 'new-password',
  maxLength: 200,
  describedBy: ['password-rules'],
  cprWarning: t(lang, 'practice.cpr.live'),
  after: html`<ul class="hint-list" id="password-rules">
<li>${t(lang, 'practice.password.rule.length', params)}</li>
<li>${t(lang, 'practice.password.rule.containsUserId')}</li>
<li>${t(lang, 'practice.password.rule.tenDigits')}</li>
<li>${t(lang, 'practice.password.rule.obvious')}</li>
</ul>`,
})}
${field({
  id: 'repeat',
  name: 'repeat',
  type: 'password',
  label: t(lang, 'practice.password.repeat'),
  error: errorFor('repeat'),
  autocomplete: 'new-password',
  maxLength: 200,
})}
<button type="submit">${t(lang, 'practice.password.save')}</button>
</form>
${signedInAs(ctx, request, reply)}`;
    return ctx.sendPage(
      request,
      reply,
      { title: t(lang, 'practice.password.title'), body, current: 'create', scripts: [FORM_SCRIPT_PATH] },
      status,
    );
  };

  app.post(SIGN_OUT_PATH, async (request, reply) => {
    if (request.practiceSession) ctx.renewSession(request, reply, { learnerId: null, activation: null });
    return reply.redirect('/', 303);
  });

  app.get('/create/password', async (request, reply) => {
    const learner = sessionLearner(ctx, request);
    if (!learner) return reply.redirect('/create', 303);
    if (learner.passwordHash !== null) return reply.redirect('/activate', 303);
    return passwordPage(request, reply);
  });

  app.post('/create/password', async (request, reply) => {
    const lang = request.lang;
    const learner = sessionLearner(ctx, request);
    if (!learner) return reply.redirect('/create', 303);
    if (learner.passwordHash !== null) return reply.redirect('/activate', 303);
    const fields = formFields(request, ['password', 'repeat'] as const);
    if (cprField(fields, ['password', 'repeat'])) {
      return passwordPage(request, reply, [{ fieldId: 'password', text: t(lang, 'practice.cpr.refused') }], 422);
    }
    const problem = checkPassword(fields.password, learner.userId);
    if (problem) {
      const text = t(lang, `practice.password.error.${problem}`, {
        min: PASSWORD_MIN_LENGTH,
        max: PASSWORD_MAX_LENGTH,
      });
      return passwordPage(request, reply, [{ fieldId: 'password', text }], 422);
    }
    if (fields.password.normalize('NFC') !== fields.repeat.normalize('NFC')) {
      return passwordPage(
        request,
        reply,
        [{ fieldId: 'repeat', text: t(lang, 'practice.password.error.repeat') }],
        422,
      );
    }
    ctx.db.setPassword(learner.id, await hashPassword(fields.password, ctx.random));
    ctx.events.record('password', learner.id);
    return reply.redirect('/activate', 303);
  });
}
