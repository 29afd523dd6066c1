import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type MessageKey, t } from '../i18n/index';
import type { PracticeContext } from './context';
import { FORM_SCRIPT_PATH } from './create-routes';
import { checkTokenCode, cprField, sessionLearner, signedInAs, tokenWord } from './flow-helpers';
import { csrfField, errorSummary, type FormError, field, formFields } from './forms';
import { html, type SafeHtml } from './html';
import { LETTER_MAX_TRIES, letterCodeMatches } from './letters';
import { verifyPassword } from './passwords';
import { PRACTICE_TOKEN_KINDS, type PracticeTokenKind } from './practice-db';
import { foldUserId } from './rules';
import { isPracticeTokenKind, normalizeSerial } from './tokens';

interface ActivationState {
  kind?: PracticeTokenKind;
  serial?: string;
  letter?: number;
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

function readState(raw: string | null | undefined): ActivationState {
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as ActivationState;
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

export function registerActivateRoutes(app: FastifyInstance, ctx: PracticeContext): void {
  const limit = { config: { rateLimit: ctx.limits.activation } };

  const saveState = (request: FastifyRequest, state: ActivationState | null) => {
    const session = request.practiceSession!;
    const activation = state === null ? null : JSON.stringify(state);
    ctx.db.updateSession(session.idHash, { activation });
    session.activation = activation;
  };

  const send = (request: FastifyRequest, reply: FastifyReply, title: string, body: SafeHtml, status = 200) =>
    ctx.sendPage(
      request,
      reply,
      {
        title,
        body: html`${body}${signedInAs(ctx, request, reply)}`,
        current: 'activate',
        scripts: [FORM_SCRIPT_PATH],
      },
      status,
    );

  const step = (request: FastifyRequest, n: number) =>
    html`<p class="muted">${t(request.lang, 'practice.activate.step', { n, of: 4 })}</p>`;

  const restart = (request: FastifyRequest, reply: FastifyReply) =>
    html`<form method="post" action="/activate/restart">${csrfField(ctx.csrfToken(request, reply))}<button type="submit" class="secondary">${t(request.lang, 'practice.activate.restart')}</button></form>`;

  const signInPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    errors: FormError[] = [],
    userId = '',
    status = 200,
  ) => {
    const lang = request.lang;
    const body = html`${errorSummary(lang, errors)}
<p>${t(lang, 'practice.activate.signInIntro')}</p>
<form method="post" action="/activate/sign-in" novalidate>
${csrfField(ctx.csrfToken(request, reply))}
${field({ id: 'userid', name: 'userId', label: t(lang, 'practice.login.userId'), value: userId, autocomplete: 'username', spellcheck: false, error: errors.find((e) => e.fieldId === 'userid')?.text, cprWarning: t(lang, 'practice.cpr.live') })}
${field({ id: 'password', name: 'password', type: 'password', label: t(lang, 'practice.login.password'), autocomplete: 'current-password', error: errors.find((e) => e.fieldId === 'password')?.text })}
<button type="submit">${t(lang, 'practice.form.continue')}</button>
</form>
<p><a href="/create">${t(lang, 'practice.activate.noUserId')}</a></p>`;
    return send(request, reply, t(lang, 'practice.activate.signInTitle'), body, status);
  };

  const typePage = (request: FastifyRequest, reply: FastifyReply, errors: FormError[] = [], status = 200) => {
    const lang = request.lang;
    const error = errors[0]?.text;
    const body = html`${errorSummary(lang, errors)}${step(request, 1)}
<form method="post" action="/activate/type" novalidate>
${csrfField(ctx.csrfToken(request, reply))}
<fieldset${error ? html` aria-describedby="kind-error"` : ''}>
<legend>${t(lang, 'practice.activate.typeQuestion')}</legend>
${error ? html`<span class="error-text" id="kind-error">${error}</span>` : ''}
${PRACTICE_TOKEN_KINDS.map(
  (kind, i) =>
    html`<div class="choice"><input type="radio" name="kind" value="${kind}" id="${i === 0 ? 'kind' : `kind-${kind}`}" aria-describedby="kind-${kind}-hint"><div><label for="${i === 0 ? 'kind' : `kind-${kind}`}">${capitalize(tokenWord(lang, kind))}</label><span class="hint" id="kind-${kind}-hint">${t(lang, `practice.activate.typeHint.${kind}`)}</span></div></div>`,
)}
</fieldset>
<button type="submit">${t(lang, 'practice.form.continue')}</button>
</form>`;
    return send(request, reply, t(lang, 'practice.activate.title'), body, status);
  };

  const serialPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    state: ActivationState,
    errors: FormError[] = [],
    value = '',
    status = 200,
  ) => {
    const lang = request.lang;
    const word = tokenWord(lang, state.kind);
    const body = html`${errorSummary(lang, errors)}${step(request, 2)}
<form method="post" action="/activate/serial" novalidate>
${csrfField(ctx.csrfToken(request, reply))}
${field({ id: 'serial', name: 'serial', label: t(lang, 'practice.activate.serial', { token: word }), hint: t(lang, 'practice.activate.serialHint', { token: word }), value, error: errors[0]?.text, spellcheck: false, maxLength: 40, cprWarning: t(lang, 'practice.cpr.live') })}
<button type="submit">${t(lang, 'practice.form.continue')}</button>
</form>
${restart(request, reply)}`;
    return send(request, reply, t(lang, 'practice.activate.title'), body, status);
  };

  const letterPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    errors: FormError[] = [],
    number = '',
    status = 200,
  ) => {
    const lang = request.lang;
    const errorFor = (id: string) => errors.find((e) => e.fieldId === id)?.text;
    const body = html`${errorSummary(lang, errors)}${step(request, 3)}
<p>${t(lang, 'practice.activate.letterIntro')}</p>
<form method="post" action="/activate/letter" novalidate>
${csrfField(ctx.csrfToken(request, reply))}
${field({ id: 'letter', name: 'letter', label: t(lang, 'practice.activate.letterNumber'), hint: t(lang, 'practice.activate.letterNumberHint'), value: number, inputmode: 'numeric', maxLength: 8, error: errorFor('letter') })}
${field({ id: 'activation-code', name: 'code', label: t(lang, 'practice.activate.letterCode'), hint: t(lang, 'practice.activate.letterCodeHint'), error: errorFor('activation-code'), spellcheck: false, maxLength: 20 })}
<button type="submit">${t(lang, 'practice.form.continue')}</button>
</form>
${restart(request, reply)}`;
    return send(request, reply, t(lang, 'practice.activate.title'), body, status);
  };

  const proofPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    state: ActivationState,
    errors: FormError[] = [],
    status = 200,
  ) => {
    const lang = request.lang;
    const word = tokenWord(lang, state.kind);
    const body = html`${errorSummary(lang, errors)}${step(request, 4)}
<p>${t(lang, 'practice.activate.proofIntro', { token: word })}</p>
<form method="post" action="/activate/proof" novalidate>
${csrfField(ctx.csrfToken(request, reply))}
${field({ id: 'code', name: 'code', label: t(lang, 'practice.code.label', { token: word }), hint: t(lang, 'practice.code.hint'), error: errors[0]?.text, code: true, maxLength: 12 })}
<button type="submit">${t(lang, 'practice.activate.activate')}</button>
</form>
${restart(request, reply)}`;
    return send(request, reply, t(lang, 'practice.activate.title'), body, status);
  };

  /** The learner, or the reply that sends them where they must go first. */
  const requireLearner = (request: FastifyRequest, reply: FastifyReply) => {
    const learner = sessionLearner(ctx, request);
    if (!learner) return { reply: signInPage(request, reply) };
    if (learner.passwordHash === null) return { reply: reply.redirect('/create/password', 303) };
    if (learner.tokenSerial !== null) return { reply: reply.redirect('/activate/done', 303) };
    return { learner };
  };

  app.get('/activate', async (request, reply) => {
    const got = requireLearner(request, reply);
    if (!got.learner) return got.reply;
    const state = readState(request.practiceSession?.activation);
    if (!state.kind) return typePage(request, reply);
    if (!state.serial) return serialPage(request, reply, state);
    if (!state.letter) return letterPage(request, reply);
    return proofPage(request, reply, state);
  });

  app.post('/activate/sign-in', limit, async (request, reply) => {
    const lang = request.lang;
    const fields = formFields(request, ['userId', 'password'] as const);
    if (cprField(fields, ['userId', 'password'])) {
      return signInPage(request, reply, [{ fieldId: 'userid', text: t(lang, 'practice.cpr.refused') }], '', 422);
    }
    const learner = ctx.db.findLearner(foldUserId(fields.userId));
    const ok = learner?.passwordHash ? await verifyPassword(fields.password, learner.passwordHash) : false;
    if (!learner || !ok) {
      const text = t(lang, 'practice.activate.signInWrong');
      return signInPage(request, reply, [{ fieldId: 'userid', text }], fields.userId.slice(0, 60), 422);
    }
    ctx.renewSession(request, reply, { learnerId: learner.id, activation: null });
    return reply.redirect('/activate', 303);
  });

  app.post('/activate/restart', async (request, reply) => {
    if (request.practiceSession) saveState(request, null);
    return reply.redirect('/activate', 303);
  });

  app.post('/activate/type', limit, async (request, reply) => {
    const got = requireLearner(request, reply);
    if (!got.learner) return got.reply;
    const { kind } = formFields(request, ['kind'] as const);
    if (!isPracticeTokenKind(kind)) {
      return typePage(
        request,
        reply,
        [{ fieldId: 'kind', text: t(request.lang, 'practice.activate.typeMissing') }],
        422,
      );
    }
    saveState(request, { kind });
    return reply.redirect('/activate', 303);
  });

  app.post('/activate/serial', limit, async (request, reply) => {
    const lang = request.lang;
    const got = requireLearner(request, reply);
    if (!got.learner) return got.reply;
    const state = readState(request.practiceSession?.activation);
    if (!state.kind) return reply.redirect('/activate', 303);
    const fields = formFields(request, ['serial'] as const);
    const fail = (key: MessageKey, keep = true) =>
      serialPage(
        request,
        reply,
        state,
        [{ fieldId: 'serial', text: t(lang, key, { token: tokenWord(lang, state.kind) }) }],
        keep ? fields.serial.slice(0, 40) : '',
        422,
      );
    const serial = normalizeSerial(fields.serial);
    // A board's own serial number may be ten digits: a token the site knows by it is not a CPR number.
    if (cprField(fields, ['serial']) && !ctx.tokens.get(serial)) return fail('practice.cpr.refused', false);
    if (serial === '') return fail('practice.activate.serialMissing');
    const token = ctx.tokens.get(serial);
    if (!token || !ctx.store.get(token.storeUser)) return fail('practice.activate.serialUnknown');
    const holder = ctx.db.learnerByToken(token.serial);
    if (holder && holder.id !== got.learner.id) return fail('practice.activate.serialTaken');
    if (token.kind !== state.kind) {
      return fail(
        token.kind === 'audio-code-reader' ? 'practice.activate.serialIsReader' : 'practice.activate.serialIsDisplay',
      );
    }
    saveState(request, { ...state, serial: token.serial });
    return reply.redirect('/activate', 303);
  });

  app.post('/activate/letter', limit, async (request, reply) => {
    const lang = request.lang;
    const got = requireLearner(request, reply);
    if (!got.learner) return got.reply;
    const state = readState(request.practiceSession?.activation);
    if (!state.kind || !state.serial) return reply.redirect('/activate', 303);
    const fields = formFields(request, ['letter', 'code'] as const);
    const number = /^\s*\d{1,8}\s*$/.test(fields.letter) ? Number(fields.letter) : Number.NaN;
    const letter = Number.isNaN(number) ? undefined : ctx.db.getLetter(number);
    const again = (fieldId: string, key: MessageKey, params = {}) =>
      letterPage(request, reply, [{ fieldId, text: t(lang, key, params) }], fields.letter.slice(0, 8), 422);
    if (!letter) return again('letter', 'practice.activate.letterUnknown');
    if (letter.blockedAtMs !== null) return again('letter', 'practice.activate.letterBlocked');
    if (letter.usedBy !== null) return again('letter', 'practice.activate.letterUsed');
    if (!letterCodeMatches(fields.code, letter.code)) {
      const after = ctx.db.letterWrong(letter.number, LETTER_MAX_TRIES, ctx.clock.nowMs());
      ctx.events.record('letterWrong', got.learner.id, { letter: letter.number, blocked: after?.blockedAtMs !== null });
      if (after?.blockedAtMs !== null) return again('activation-code', 'practice.activate.letterNowBlocked');
      const left = LETTER_MAX_TRIES - (after?.wrongTries ?? LETTER_MAX_TRIES);
      return again(
        'activation-code',
        left === 1 ? 'practice.activate.letterWrongOne' : 'practice.activate.letterWrong',
        {
          left,
        },
      );
    }
    saveState(request, { ...state, letter: letter.number });
    return reply.redirect('/activate', 303);
  });

  app.post('/activate/proof', limit, async (request, reply) => {
    const lang = request.lang;
    const got = requireLearner(request, reply);
    if (!got.learner) return got.reply;
    const learner = got.learner;
    const state = readState(request.practiceSession?.activation);
    if (!state.kind || !state.serial || !state.letter) return reply.redirect('/activate', 303);
    const token = ctx.tokens.get(state.serial);
    if (!token) {
      saveState(request, { kind: state.kind });
      return reply.redirect('/activate', 303);
    }
    const { code } = formFields(request, ['code'] as const);
    const word = tokenWord(lang, state.kind);
    const fail = (key: MessageKey, params = {}) =>
      proofPage(request, reply, state, [{ fieldId: 'code', text: t(lang, key, { token: word, ...params }) }], 422);
    const checked = checkTokenCode(ctx, request, reply, {
      learnerId: learner.id,
      storeUser: token.storeUser,
      kind: state.kind,
      code,
      againHref: '/activate',
      fail,
      wrongDetail: () => ({ serial: token.serial }),
    });
    if (!checked.accepted) return checked.sent;
    if (!ctx.db.activate(learner.id, token.serial, state.letter, ctx.clock.nowMs())) {
      saveState(request, { kind: state.kind });
      return serialPage(request, reply, { kind: state.kind }, [
        { fieldId: 'serial', text: t(lang, 'practice.activate.raced', { token: word }) },
      ]);
    }
    saveState(request, null);
    ctx.events.record('activated', learner.id, { serial: token.serial, kind: token.kind });
    return reply.redirect('/activate/done', 303);
  });

  app.get('/activate/done', async (request, reply) => {
    const lang = request.lang;
    const learner = sessionLearner(ctx, request);
    if (!learner || learner.tokenSerial === null) return reply.redirect('/activate', 303);
    const token = ctx.tokens.get(learner.tokenSerial);
    const word = tokenWord(lang, token?.kind);
    const body = html`<div class="success"><p>${t(lang, 'practice.activate.done', { token: word, serial: learner.tokenSerial })}</p></div>
<p>${t(lang, 'practice.activate.doneNext')}</p>
<p><a class="button" href="/login">${t(lang, 'practice.nav.login')}</a></p>
${signedInAs(ctx, request, reply)}`;
    return ctx.sendPage(request, reply, { title: t(lang, 'practice.activate.doneTitle'), body, current: 'activate' });
  });
}
