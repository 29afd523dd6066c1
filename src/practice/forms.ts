import type { FastifyRequest } from 'fastify';
import type { Lang } from '../i18n/index';
import { t } from '../i18n/index';
import { html, type SafeHtml } from './html';
import { CPR_PATTERN } from './rules';

/** A request the site cannot read (a field sent twice, a non-form body): answered with the 400 page. */
export class BadFormError extends Error {
  readonly statusCode = 400;
  constructor(readonly field: string) {
    super(`bad form field ${field}`);
  }
}

/**
 * The posted form's fields as strings. Missing fields are ''; a field sent twice or a body that is not
 * a form is a BadFormError (the 400 page). `_csrf` is left out (the CSRF hook has checked it).
 */
export function formFields<K extends string>(request: FastifyRequest, names: readonly K[]): Record<K, string> {
  const body = request.body;
  if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
    throw new BadFormError('body');
  }
  const values = (body ?? {}) as Record<string, unknown>;
  const out = {} as Record<K, string>;
  for (const name of names) {
    const value = values[name];
    if (value === undefined) out[name] = '';
    else if (typeof value === 'string') out[name] = value;
    else throw new BadFormError(name);
  }
  return out;
}

export interface FieldOptions {
  id: string;
  name: string;
  label: string;
  hint?: string | SafeHtml;
  error?: string | undefined;
  /** Shown again after an error; never pass a password or anything that looked like a CPR number. */
  value?: string;
  type?: 'text' | 'password';
  inputmode?: 'numeric' | 'text';
  autocomplete?: string;
  /** More ids for aria-describedby (a checklist under the field). */
  describedBy?: readonly string[];
  /** Extra markup after the input (a checklist). */
  after?: SafeHtml;
  /** A code from a token: large, numeric keyboard, autocomplete one-time-code, paste allowed. */
  code?: boolean;
  maxLength?: number;
  required?: boolean;
  /** The warning shown live (by the script) when the typed value looks like a CPR number. */
  cprWarning?: string;
  spellcheck?: boolean;
}

/**
 * A labelled input with its hint and error tied to it (aria-describedby, aria-invalid). The error text
 * is also in the page's error summary (role=alert), which is what is announced on arrival.
 */
export function field(options: FieldOptions): SafeHtml {
  const hintId = `${options.id}-hint`;
  const errorId = `${options.id}-error`;
  const cprId = `${options.id}-cpr`;
  const described = [
    options.hint ? hintId : null,
    options.error ? errorId : null,
    options.cprWarning ? cprId : null,
    ...(options.describedBy ?? []),
  ].filter((x): x is string => x !== null);
  const code = options.code === true;
  return html`<div class="field">
<label for="${options.id}">${options.label}</label>
${options.hint ? html`<span class="hint" id="${hintId}">${options.hint}</span>` : ''}
${options.error ? html`<span class="error-text" id="${errorId}">${options.error}</span>` : ''}
<input id="${options.id}" name="${options.name}" type="${options.type ?? 'text'}"${code ? html` class="code"` : ''}
 value="${options.type === 'password' ? '' : (options.value ?? '')}"
 ${code || options.inputmode === 'numeric' ? html`inputmode="numeric" ` : ''}autocomplete="${code ? 'one-time-code' : (options.autocomplete ?? 'off')}"
 ${options.maxLength ? html`maxlength="${options.maxLength}" ` : ''}${options.required !== false ? html`required ` : ''}${options.spellcheck === false || code ? html`spellcheck="false" ` : ''}${options.cprWarning ? html`data-cpr-pattern="${CPR_PATTERN}" ` : ''}${options.error ? html`aria-invalid="true" ` : ''}${described.length ? html`aria-describedby="${described.join(' ')}"` : ''}>
${options.cprWarning ? html`<span class="cpr-live error-text" id="${cprId}" aria-live="polite" data-text="${options.cprWarning}"></span>` : ''}
${options.after ?? ''}
</div>`;
}

export interface FormError {
  /** The id of the field the error belongs to (the summary links to it). */
  fieldId: string;
  text: string;
}

/** The box at the top of a form listing its errors, announced on arrival (role=alert), each a link to its field. */
export function errorSummary(lang: Lang, errors: readonly FormError[]): SafeHtml {
  if (errors.length === 0) return html``;
  // autofocus: the summary takes the focus when the page comes back, so the keyboard and the screen
  // reader start at what to fix (role=alert alone is not read out by every screen reader on page load).
  return html`<div class="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="error-summary-title">
<h2 id="error-summary-title">${t(lang, 'practice.form.errors')}</h2>
<ul>${errors.map((e) => html`<li><a href="#${e.fieldId}">${e.text}</a></li>`)}</ul>
</div>`;
}

/** The CSRF field every form carries. */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/** A one-button form (POST) for actions: unlock, reset, approve, cancel. */
export function actionForm(options: {
  action: string;
  csrf: string;
  label: string;
  className?: string;
  hidden?: Record<string, string>;
  /** An accessible name when the visible label is short ("Unlock" in a table row: "Unlock Bord 4"). */
  ariaLabel?: string;
}): SafeHtml {
  return html`<form method="post" action="${options.action}">${csrfField(options.csrf)}${Object.entries(
    options.hidden ?? {},
  ).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}<button type="submit"${
    options.className ? html` class="${options.className}"` : ''
  }${options.ariaLabel ? html` aria-label="${options.ariaLabel}"` : ''}>${options.label}</button></form>`;
}
