import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Lang, type MessageKey, t } from '../i18n/index';
import { TokenVerifier } from '../verify/index';
import type { PracticeContext } from './context';
import type { PracticeEvent } from './events';
import { clockTime, tokenWord } from './flow-helpers';
import { actionForm, BadFormError, csrfField, errorSummary, type FormError, field, formFields } from './forms';
import { html, type SafeHtml } from './html';
import { LETTER_MAX_TRIES, newLetterCode } from './letters';
import { type Learner, PRACTICE_TOKEN_KINDS, type PracticeToken } from './practice-db';
import { SECURITY_HEADERS } from './security';
import { isPracticeTokenKind } from './tokens';

export const CONSOLE_SCRIPT_PATH = '/static/console.js';
export const CODE_PERIODS_SEC = [30, 60] as const;
export const BLOCK_MINUTES = [1, 2, 5, 10, 15, 30, 60] as const;
/** 0: no time limit at all. */
export const TIME_LIMIT_FACTORS = [1, 2, 4, 0] as const;
export const MAX_LETTERS_AT_ONCE = 40;
/** An SSE comment this often keeps proxies and browsers from timing the stream out. */
const HEARTBEAT_MS = 25_000;

export interface TrainerRoutesOptions {
  /** Checks a typed passphrase (constant time); null when the site has none (loopback without one). */
  checkPassphrase: ((candidate: string) => Promise<boolean>) | null;
}

type Progress = 'userId' | 'password' | 'activated' | 'loggedIn';

function progressOf(learner: Learner): Progress {
  if (learner.lastLoginAtMs !== null) return 'loggedIn';
  if (learner.tokenSerial !== null) return 'activated';
  if (learner.passwordHash !== null) return 'password';
  return 'userId';
}
const PROGRESS_ORDER: readonly Progress[] = ['userId', 'password', 'activated', 'loggedIn'];

export function registerTrainerRoutes(app: FastifyInstance, ctx: PracticeContext, options: TrainerRoutesOptions): void {
  const trainerOnly = { preHandler: ctx.requireTrainer };
  const streams = new Set<ServerResponse>();

  /** Until when the learner's token (looked up by the caller) is locked, or null. */
  const lockOf = (token: PracticeToken | undefined): number | null => {
    const record = token ? ctx.store.get(token.storeUser) : undefined;
    return record?.lockedUntilMs !== null &&
      record?.lockedUntilMs !== undefined &&
      record.lockedUntilMs > ctx.clock.nowMs()
      ? record.lockedUntilMs
      : null;
  };

  const learnerName = (lang: Lang, learner: Learner) =>
    (learner.seat !== '' ? learner.seat : learner.userId) || t(lang, 'practice.trainer.noSeat');

  const learnersTable = (request: FastifyRequest, reply: FastifyReply): SafeHtml => {
    const lang = request.lang;
    const csrf = ctx.csrfToken(request, reply);
    const learners = ctx.db.listLearners();
    if (learners.length === 0) return html`<p id="learners-empty">${t(lang, 'practice.trainer.noLearners')}</p>`;
    const rows = learners.map((learner) => {
      const token = learner.tokenSerial ? ctx.tokens.get(learner.tokenSerial) : undefined;
      const lockedUntil = lockOf(token);
      const progress = progressOf(learner);
      const name = learnerName(lang, learner);
      const step = PROGRESS_ORDER.indexOf(progress) + 1;
      return html`<tr>
<th scope="row">${learner.seat || html`<span class="muted">${t(lang, 'practice.trainer.noSeat')}</span>`}</th>
<td>${learner.userId}</td>
<td>${token ? html`${tokenWord(lang, token.kind)}<br><span class="muted">${token.serial}</span>` : html`<span class="muted">${t(lang, 'practice.trainer.noToken')}</span>`}</td>
<td>${t(lang, 'practice.trainer.progress', { n: step, of: PROGRESS_ORDER.length, step: t(lang, `practice.trainer.progress.${progress}`) })}${learner.fraudDrill ? html`<br><span class="muted">${t(lang, 'practice.trainer.fraudArmed')}</span>` : ''}</td>
<td>${learner.failedTries}</td>
<td>${lockedUntil !== null ? html`<strong>${t(lang, 'practice.trainer.blockedUntil', { time: clockTime(lang, lockedUntil) })}</strong>` : t(lang, 'practice.trainer.notBlocked')}${learner.blocks > 0 ? html`<br><span class="muted">${t(lang, 'practice.trainer.blocks', { n: learner.blocks })}</span>` : ''}</td>
<td>
${token ? actionForm({ action: `/trainer/learners/${learner.id}/unlock`, csrf, label: t(lang, 'practice.trainer.unlock'), ariaLabel: t(lang, 'practice.trainer.unlockFor', { name }) }) : ''}
${actionForm({ action: `/trainer/learners/${learner.id}/fraud`, csrf, label: t(lang, 'practice.trainer.fraudOne'), className: 'secondary', ariaLabel: t(lang, 'practice.trainer.fraudFor', { name }) })}
${actionForm({ action: `/trainer/learners/${learner.id}/reset`, csrf, label: t(lang, 'practice.trainer.reset'), className: 'danger', ariaLabel: t(lang, 'practice.trainer.resetFor', { name }) })}
</td>
</tr>`;
    });
    return html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="learners-caption"><table>
<caption id="learners-caption">${t(lang, 'practice.trainer.learnersCaption', { n: learners.length })}</caption>
<thead><tr><th scope="col">${t(lang, 'practice.trainer.col.seat')}</th><th scope="col">${t(lang, 'practice.trainer.col.userId')}</th><th scope="col">${t(lang, 'practice.trainer.col.token')}</th><th scope="col">${t(lang, 'practice.trainer.col.progress')}</th><th scope="col">${t(lang, 'practice.trainer.col.failed')}</th><th scope="col">${t(lang, 'practice.trainer.col.blocked')}</th><th scope="col">${t(lang, 'practice.trainer.col.actions')}</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
  };

  const eventText = (lang: Lang, event: PracticeEvent): string => {
    const learner = event.learnerId !== null ? ctx.db.getLearner(event.learnerId) : undefined;
    const who = learner ? learnerName(lang, learner) : t(lang, 'practice.trainer.class');
    return t(lang, `practice.event.${event.kind}` as MessageKey, { who, ...event.detail } as Record<string, string>);
  };

  const history = (request: FastifyRequest): SafeHtml => {
    const lang = request.lang;
    const events = ctx.events.recent(12);
    return events.length === 0
      ? html`<p>${t(lang, 'practice.trainer.noEvents')}</p>`
      : html`<ul>${events.map((e) => html`<li>${clockTime(lang, e.atMs)}: ${eventText(lang, e)}</li>`)}</ul>`;
  };

  const consolePage = (request: FastifyRequest, reply: FastifyReply, errors: FormError[] = [], status = 200) => {
    const lang = request.lang;
    const csrf = ctx.csrfToken(request, reply);
    const settings = ctx.settings();
    const letters = ctx.db.listLetters();
    const unused = letters.filter((l) => l.usedBy === null && l.blockedAtMs === null).length;
    const blockedLetters = letters.filter((l) => l.blockedAtMs !== null).length;
    const option = (value: number, current: number, label: string) =>
      html`<option value="${value}"${value === current ? html` selected` : ''}>${label}</option>`;
    const body = html`${errorSummary(lang, errors)}
<p class="muted" id="live-status" role="status" data-template="${t(lang, 'practice.trainer.updated', { time: '{time}' })}">${t(lang, 'practice.trainer.updated', { time: clockTime(lang, ctx.clock.nowMs()) })}</p>
<h2 id="learners-title">${t(lang, 'practice.trainer.learners')}</h2>
<div id="learners" data-src="/trainer/learners">${learnersTable(request, reply)}</div>
<h2>${t(lang, 'practice.trainer.classTitle')}</h2>
<div class="inline-form">
${actionForm({ action: '/trainer/fraud', csrf, label: t(lang, 'practice.trainer.fraudAll') })}
</div>
<p class="hint">${t(lang, 'practice.trainer.fraudHint')}</p>
<form method="post" action="/trainer/reset" class="inline-form" novalidate>
${csrfField(csrf)}
<div class="choice"><input type="checkbox" id="confirm-reset" name="confirm" value="yes"${errors.some((e) => e.fieldId === 'confirm-reset') ? html` aria-invalid="true" aria-describedby="confirm-reset-error"` : ''}><label for="confirm-reset">${t(lang, 'practice.trainer.resetConfirm')}</label></div>
${errors.some((e) => e.fieldId === 'confirm-reset') ? html`<span class="error-text" id="confirm-reset-error">${t(lang, 'practice.trainer.resetNeedsConfirm')}</span>` : ''}
<button type="submit" class="danger">${t(lang, 'practice.trainer.resetClass')}</button>
</form>
<h2>${t(lang, 'practice.trainer.lettersTitle')}</h2>
<p>${t(lang, 'practice.trainer.lettersStatus', { unused, blocked: blockedLetters })} <a href="/trainer/letters">${t(lang, 'practice.trainer.lettersShow')}</a></p>
<form method="post" action="/trainer/letters" class="inline-form" novalidate>
${csrfField(csrf)}
${field({ id: 'letter-count', name: 'count', label: t(lang, 'practice.trainer.lettersCount', { max: MAX_LETTERS_AT_ONCE }), value: '10', inputmode: 'numeric', maxLength: 2, error: errors.find((e) => e.fieldId === 'letter-count')?.text })}
<button type="submit">${t(lang, 'practice.trainer.lettersMake')}</button>
</form>
<h2>${t(lang, 'practice.trainer.settingsTitle')}</h2>
<form method="post" action="/trainer/settings" novalidate>
${csrfField(csrf)}
<div class="field"><label for="code-period">${t(lang, 'practice.trainer.codePeriod')}</label><span class="hint" id="code-period-hint">${t(lang, 'practice.trainer.codePeriodHint')}</span>
<select id="code-period" name="codePeriodSec" aria-describedby="code-period-hint">${CODE_PERIODS_SEC.map((s) => option(s, settings.codePeriodSec, t(lang, 'practice.trainer.seconds', { n: s })))}</select></div>
<div class="field"><label for="block-length">${t(lang, 'practice.trainer.blockLength')}</label>
<select id="block-length" name="blockMinutes">${BLOCK_MINUTES.map((m) => option(m, Math.round(settings.blockMs / 60_000), t(lang, m === 1 ? 'practice.trainer.minute' : 'practice.trainer.minutes', { n: m })))}</select></div>
<div class="field"><label for="time-limit">${t(lang, 'practice.trainer.timeLimit')}</label><span class="hint" id="time-limit-hint">${t(lang, 'practice.trainer.timeLimitHint')}</span>
<select id="time-limit" name="timeLimitFactor" aria-describedby="time-limit-hint">${TIME_LIMIT_FACTORS.map((f) => option(f, settings.timeLimitFactor, t(lang, `practice.trainer.timeLimit.${f}`)))}</select></div>
<button type="submit">${t(lang, 'practice.trainer.save')}</button>
</form>
${ctx.consolePanels().map((panel) => panel(request, reply))}
${storeTokens(request, reply)}
<h2>${t(lang, 'practice.trainer.eventsTitle')}</h2>
<div id="events" data-src="/trainer/history">${history(request)}</div>
${options.checkPassphrase ? actionForm({ action: '/trainer/logout', csrf, label: t(lang, 'practice.trainer.logout'), className: 'secondary' }) : ''}`;
    return ctx.sendPage(
      request,
      reply,
      {
        title: t(lang, 'practice.trainer.title'),
        body,
        current: 'trainer',
        wide: true,
        scripts: [CONSOLE_SCRIPT_PATH],
      },
      status,
    );
  };

  /** Tokens added with `tokenkit token add` (the terminal simulator's, say), to use in the class. */
  const storeTokens = (request: FastifyRequest, reply: FastifyReply): SafeHtml => {
    const lang = request.lang;
    const names = ctx.tokens.adoptable();
    const csrf = ctx.csrfToken(request, reply);
    return html`<h2>${t(lang, 'practice.trainer.storeTitle')}</h2>
<p class="hint">${t(lang, 'practice.trainer.storeHint')}</p>
${
  names.length === 0
    ? html`<p>${t(lang, 'practice.trainer.storeNone')}</p>`
    : html`<ul>${names.map(
        (
          name,
          i,
        ) => html`<li><form method="post" action="/trainer/tokens/adopt" class="inline-form">${csrfField(csrf)}<input type="hidden" name="storeUser" value="${name}">
<div class="field"><label for="adopt-${i}">${t(lang, 'practice.trainer.storeKind', { name })}</label><select id="adopt-${i}" name="kind">${PRACTICE_TOKEN_KINDS.map((kind) => html`<option value="${kind}">${tokenWord(lang, kind)}</option>`)}</select></div>
<button type="submit">${t(lang, 'practice.trainer.storeAdopt')}</button></form></li>`,
      )}</ul>`
}`;
  };

  const loginPage = (request: FastifyRequest, reply: FastifyReply, error?: string, status = 200) => {
    const lang = request.lang;
    const next = safeNext((request.query as Record<string, unknown>).next);
    const body = html`${errorSummary(lang, error ? [{ fieldId: 'passphrase', text: error }] : [])}
<p>${t(lang, 'practice.trainer.loginIntro')}</p>
<form method="post" action="/trainer/login" novalidate>
${csrfField(ctx.csrfToken(request, reply))}
<input type="hidden" name="next" value="${next}">
${field({ id: 'passphrase', name: 'passphrase', type: 'password', label: t(lang, 'practice.trainer.passphrase'), error, autocomplete: 'current-password', maxLength: 200 })}
<button type="submit">${t(lang, 'practice.trainer.signIn')}</button>
</form>`;
    return ctx.sendPage(
      request,
      reply,
      { title: t(lang, 'practice.trainer.loginTitle'), body, current: 'trainer' },
      status,
    );
  };

  app.get('/trainer/login', async (request, reply) => {
    if (ctx.isTrainer(request)) return reply.redirect('/trainer', 303);
    return loginPage(request, reply);
  });

  app.post('/trainer/login', { config: { rateLimit: ctx.limits.login } }, async (request, reply) => {
    const fields = formFields(request, ['passphrase', 'next'] as const);
    const next = safeNext(fields.next);
    if (!options.checkPassphrase) return reply.redirect(next, 303);
    if (!(await options.checkPassphrase(fields.passphrase))) {
      request.query = { next } as never;
      return loginPage(request, reply, t(request.lang, 'practice.trainer.passphraseWrong'), 422);
    }
    ctx.renewSession(request, reply, { trainer: true });
    return reply.redirect(next, 303);
  });

  app.post('/trainer/logout', async (request, reply) => {
    if (request.practiceSession) ctx.db.updateSession(request.practiceSession.idHash, { trainer: false });
    return reply.redirect('/', 303);
  });

  app.get('/trainer', trainerOnly, async (request, reply) => consolePage(request, reply));

  app.get('/trainer/learners', trainerOnly, async (request, reply) =>
    reply.type('text/html; charset=utf-8').send(learnersTable(request, reply).value),
  );

  app.get('/trainer/history', trainerOnly, async (request, reply) =>
    reply.type('text/html; charset=utf-8').send(history(request).value),
  );

  app.get('/trainer/events', trainerOnly, (request, reply) => {
    const raw = reply.raw;
    reply.hijack();
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      ...SECURITY_HEADERS,
      connection: 'keep-alive',
    });
    raw.write(': tokenkit practice\n\n');
    streams.add(raw);
    const stop = ctx.events.subscribe((event) => {
      // Only what changed and for whom: the console fetches the table itself, as a signed-in trainer.
      raw.write(
        `event: change\ndata: ${JSON.stringify({ id: event.id, kind: event.kind, learnerId: event.learnerId })}\n\n`,
      );
    });
    const heartbeat = setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const end = () => {
      clearInterval(heartbeat);
      stop();
      streams.delete(raw);
    };
    request.raw.on('close', end);
    raw.on('close', end);
  });

  // Open event streams would keep close() waiting for ever.
  app.addHook('preClose', async () => {
    for (const raw of streams) raw.end();
    streams.clear();
  });

  const learnerAction = (run: (learner: Learner) => void) => async (request: FastifyRequest, reply: FastifyReply) => {
    const { id } = request.params as { id: string };
    const learner = /^\d{1,12}$/.test(id) ? ctx.db.getLearner(Number(id)) : undefined;
    if (learner) run(learner);
    return reply.redirect('/trainer', 303);
  };

  const unlockToken = (learner: Learner) => {
    const token = learner.tokenSerial ? ctx.tokens.get(learner.tokenSerial) : undefined;
    if (token && ctx.store.get(token.storeUser)) {
      new TokenVerifier({ store: ctx.store, clock: ctx.clock }).unlock(token.storeUser);
    }
  };

  app.post(
    '/trainer/learners/:id/unlock',
    trainerOnly,
    learnerAction((learner) => {
      unlockToken(learner);
      ctx.events.record('unlocked', learner.id);
    }),
  );

  app.post(
    '/trainer/learners/:id/fraud',
    trainerOnly,
    learnerAction((learner) => {
      ctx.db.setFraudDrill(learner.id, true);
      ctx.events.record('fraudArmed', learner.id);
    }),
  );

  app.post(
    '/trainer/learners/:id/reset',
    trainerOnly,
    learnerAction((learner) => {
      unlockToken(learner);
      ctx.db.deleteLearner(learner.id);
      ctx.events.record('learnerReset', null, { name: learnerName('da', learner) });
    }),
  );

  app.post('/trainer/fraud', trainerOnly, async (_request, reply) => {
    const n = ctx.db.setFraudDrill(null, true);
    ctx.events.record('fraudArmedAll', null, { n });
    return reply.redirect('/trainer', 303);
  });

  app.post('/trainer/reset', trainerOnly, async (request, reply) => {
    const { confirm } = formFields(request, ['confirm'] as const);
    if (confirm !== 'yes') {
      return consolePage(
        request,
        reply,
        [{ fieldId: 'confirm-reset', text: t(request.lang, 'practice.trainer.resetNeedsConfirm') }],
        422,
      );
    }
    for (const learner of ctx.db.listLearners()) unlockToken(learner);
    ctx.db.resetClass();
    ctx.events.record('classReset', null);
    return reply.redirect('/trainer', 303);
  });

  app.post('/trainer/settings', trainerOnly, async (request, reply) => {
    const fields = formFields(request, ['codePeriodSec', 'blockMinutes', 'timeLimitFactor'] as const);
    const pick = <T extends number>(name: string, value: string, allowed: readonly T[]): T => {
      const n = Number(value);
      if (!/^\d{1,3}$/.test(value) || !allowed.includes(n as T)) throw new BadFormError(name);
      return n as T;
    };
    const codePeriodSec = pick('codePeriodSec', fields.codePeriodSec, CODE_PERIODS_SEC);
    const blockMinutes = pick('blockMinutes', fields.blockMinutes, BLOCK_MINUTES);
    const timeLimitFactor = pick('timeLimitFactor', fields.timeLimitFactor, TIME_LIMIT_FACTORS);
    ctx.db.saveSettings({ codePeriodSec, blockMs: blockMinutes * 60_000, timeLimitFactor });
    ctx.events.record('settings', null, { codePeriodSec, blockMinutes, timeLimitFactor });
    return reply.redirect('/trainer', 303);
  });

  app.post('/trainer/tokens/adopt', trainerOnly, async (request, reply) => {
    const { storeUser, kind } = formFields(request, ['storeUser', 'kind'] as const);
    if (!isPracticeTokenKind(kind) || !ctx.tokens.adoptable().includes(storeUser)) throw new BadFormError('storeUser');
    const token = ctx.tokens.adopt(storeUser, kind);
    ctx.events.record('tokenAdopted', null, { serial: token.serial });
    return reply.redirect('/trainer', 303);
  });

  app.post('/trainer/letters', trainerOnly, async (request, reply) => {
    const { count } = formFields(request, ['count'] as const);
    const n = /^\s*\d{1,3}\s*$/.test(count) ? Number(count) : Number.NaN;
    if (!(n >= 1 && n <= MAX_LETTERS_AT_ONCE)) {
      const text = t(request.lang, 'practice.trainer.lettersCountError', { max: MAX_LETTERS_AT_ONCE });
      return consolePage(request, reply, [{ fieldId: 'letter-count', text }], 422);
    }
    const codes = Array.from({ length: n }, () => newLetterCode(ctx.random));
    ctx.db.createLetters(codes, ctx.clock.nowMs());
    ctx.events.record('letters', null, { n });
    return reply.redirect('/trainer/letters', 303);
  });

  app.get('/trainer/letters', trainerOnly, async (request, reply) => {
    const lang = request.lang;
    const letters = ctx.db.listLetters();
    const open = letters.filter((l) => l.usedBy === null && l.blockedAtMs === null);
    const done = letters.filter((l) => l.usedBy !== null || l.blockedAtMs !== null);
    const body = html`<p class="no-print">${t(lang, 'practice.letters.printHint')} <a href="/trainer">${t(lang, 'practice.letters.back')}</a></p>
${open.length === 0 ? html`<p>${t(lang, 'practice.letters.none')}</p>` : ''}
${open.map(
  (letter) => html`<article class="letter" aria-labelledby="letter-${letter.number}">
<p><strong>${t(lang, 'practice.banner')}</strong></p>
<h2 id="letter-${letter.number}">${t(lang, 'practice.letters.heading', { number: letter.number })}</h2>
<p>${t(lang, 'practice.letters.number')} <strong>${letter.number}</strong></p>
<p>${t(lang, 'practice.letters.code')} <span class="code">${letter.code}</span></p>
<ol><li>${t(lang, 'practice.letters.step1')}</li><li>${t(lang, 'practice.letters.step2')}</li><li>${t(lang, 'practice.letters.step3', { tries: LETTER_MAX_TRIES })}</li></ol>
</article>`,
)}
${
  done.length > 0
    ? html`<div class="no-print"><h2>${t(lang, 'practice.letters.doneTitle')}</h2><ul>${done.map((l) => {
        const who = l.usedBy !== null ? ctx.db.getLearner(l.usedBy) : undefined;
        return html`<li>${t(lang, l.blockedAtMs !== null ? 'practice.letters.blocked' : 'practice.letters.used', { number: l.number, who: who ? learnerName(lang, who) : '–' })}</li>`;
      })}</ul></div>`
    : ''
}`;
    return ctx.sendPage(request, reply, { title: t(lang, 'practice.letters.title'), body, current: 'trainer' });
  });
}

/** Only paths on this site under /trainer: a `next` that points elsewhere goes to the console. */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/trainer(\/[A-Za-z0-9/_-]*)?$/.test(value) ? value : '/trainer';
}
