import { type Lang, t } from '../../i18n/index';
import { groupCode } from '../../otp/index';
import { escapeHtml } from '../html';
import type { WebTokenView } from './web-token';

const csrfField = (csrfToken: string | undefined) =>
  csrfToken === undefined ? '' : `<input type="hidden" name="_csrf" value="${escapeHtml(csrfToken)}">`;

export const WEB_TOKEN_SCRIPT_PATH = '/token/web-token.js';
export const WEB_TOKEN_STYLE_PATH = '/token/web-token.css';

/** The page where a learner without a board picks a code display or an audio code reader. */
export function renderChooser(lang: Lang, csrfToken: string | undefined, error?: string): string {
  const option = (kind: string, label: string, help: string) => `
    <li class="wt-choice">
      <button type="submit" name="kind" value="${kind}" class="wt-choose" aria-describedby="wt-help-${kind}">${escapeHtml(label)}</button>
      <p id="wt-help-${kind}">${escapeHtml(help)}</p>
    </li>`;
  return `<link rel="stylesheet" href="${WEB_TOKEN_STYLE_PATH}">
<div class="wt">
  ${error ? `<p class="wt-error" role="alert">${escapeHtml(error)}</p>` : ''}
  <p>${escapeHtml(t(lang, 'webToken.choose.intro'))}</p>
  <form method="post" action="/token">
    ${csrfField(csrfToken)}
    <ul class="wt-choices">
      ${option('code-display', t(lang, 'webToken.choose.codeDisplay'), t(lang, 'webToken.choose.codeDisplayHelp'))}
      ${option('audio-code-reader', t(lang, 'webToken.choose.audioReader'), t(lang, 'webToken.choose.audioReaderHelp'))}
    </ul>
  </form>
</div>`;
}

export interface TokenPageOptions {
  view: WebTokenView;
  csrfToken: string | undefined;
  /** Why the reader is silent (no speech engine), shown on the token. */
  silentReason?: string;
  /** The page answers the key that made its newest message: that one plays by itself (no-JS). */
  autoplay?: boolean;
}

export function audioUrl(seq: number): string {
  return `/token/audio/${seq}.wav`;
}

/**
 * The token itself. Without JavaScript it is a form: each button posts its key to /token/key and the
 * answer is this page again, showing the code. The script (same origin, no inline code) then adds the
 * live countdown, the blanking, the keys and the audio; it reads its texts from the data- attributes.
 */
export function renderTokenPage(o: TokenPageOptions): string {
  const { view } = o;
  const { lang } = view;
  const reader = view.kind === 'audio-code-reader';
  const title = t(lang, reader ? 'term.title.audioReader' : 'term.title.codeDisplay');
  const offText = t(lang, reader ? 'term.off.audioReader' : 'term.off.codeDisplay');
  const code = view.code === null ? '' : groupCode(view.code).join(' ');
  const seconds = Math.ceil(view.remainingMs / 1000);
  const key = (value: string, label: string, cls = 'wt-key', extra = '') =>
    `<button type="submit" name="key" value="${escapeHtml(value)}" class="${cls}"${extra}>${escapeHtml(label)}</button>`;
  const settings = reader
    ? t(lang, 'webToken.settings', { volume: view.volumePercent ?? 0, rate: view.ratePercent ?? 0 })
    : '';
  const audio =
    reader && view.message
      ? `<audio id="wt-audio" controls${o.autoplay ? ' autoplay' : ''} src="${audioUrl(view.message.seq)}" aria-label="${escapeHtml(t(lang, 'webToken.audio.label'))}"></audio>`
      : reader
        ? `<audio id="wt-audio" controls hidden aria-label="${escapeHtml(t(lang, 'webToken.audio.label'))}"></audio>`
        : '';
  const data = {
    view: JSON.stringify(view),
    'valid-for': t(lang, 'term.validFor', { seconds: '{seconds}' }),
    off: offText,
    settings: reader ? t(lang, 'webToken.settings', { volume: '{volume}', rate: '{rate}' }) : '',
    'code-label': t(lang, 'webToken.codeLabel'),
  };
  const dataAttrs = Object.entries(data)
    .map(([name, value]) => `data-${name}="${escapeHtml(String(value))}"`)
    .join(' ');
  return `<link rel="stylesheet" href="${WEB_TOKEN_STYLE_PATH}">
<div class="wt wt-${view.kind}" id="web-token" ${dataAttrs}>
  <p>${escapeHtml(t(lang, 'webToken.howTo'))}</p>
  <section class="wt-device" aria-label="${escapeHtml(title)}">
    <div class="wt-screen">
      <p class="wt-display" id="wt-display" role="status" aria-live="polite" aria-atomic="true">${
        view.code === null
          ? `<span class="wt-off" id="wt-off">${escapeHtml(offText)}</span>`
          : `<span class="wt-visually-hidden">${escapeHtml(t(lang, 'webToken.codeLabel'))} </span><span class="wt-code" id="wt-code">${escapeHtml(code)}</span>`
      }</p>
      <p class="wt-countdown" id="wt-countdown">${view.code === null ? '' : escapeHtml(t(lang, 'term.validFor', { seconds }))}</p>
      <progress class="wt-bar" id="wt-bar" aria-hidden="true" max="${view.periodSec}" value="${view.code === null ? 0 : seconds}"></progress>
    </div>
    <form method="post" action="/token/key" id="wt-keys" class="wt-keys">
      ${csrfField(o.csrfToken)}
      ${key(' ', t(lang, reader ? 'webToken.button.red' : 'webToken.button.grey'), `wt-button ${reader ? 'wt-red' : 'wt-grey'}`, ' id="wt-press"')}
      <div class="wt-more">
        ${
          reader
            ? [
                key('r', t(lang, 'webToken.button.repeat')),
                key('+', t(lang, 'webToken.button.volumeUp')),
                key('-', t(lang, 'webToken.button.volumeDown')),
                key('>', t(lang, 'webToken.button.rateUp')),
                key('<', t(lang, 'webToken.button.rateDown')),
              ].join('\n        ')
            : ''
        }
        ${key('l', t(lang, 'webToken.button.lang'), 'wt-key', ` lang="${lang === 'da' ? 'en' : 'da'}"`)}
      </div>
    </form>
    ${reader ? `<p class="wt-settings" id="wt-settings">${escapeHtml(settings)}</p>` : ''}
    ${audio}
    ${o.silentReason ? `<p class="wt-status" id="wt-status">${escapeHtml(o.silentReason)}</p>` : ''}
  </section>
  <p class="wt-serial"><span>${escapeHtml(t(lang, 'webToken.serial'))}:</span> <strong id="wt-serial">${escapeHtml(view.serial)}</strong></p>
  <p>${escapeHtml(t(lang, 'webToken.serialHelp'))}</p>
  <h2>${escapeHtml(t(lang, 'webToken.keys.heading'))}</h2>
  <p>${escapeHtml(t(lang, reader ? 'webToken.keys.reader' : 'webToken.keys.display'))}</p>
  <noscript><p>${escapeHtml(t(lang, 'webToken.noScript'))}</p></noscript>
  <form method="post" action="/token/new" class="wt-another">
    ${csrfField(o.csrfToken)}
    <button type="submit" class="wt-key">${escapeHtml(t(lang, 'webToken.another'))}</button>
  </form>
</div>`;
}

/** A short error page body (bad key, unknown token) with the way back. */
export function renderTokenError(lang: Lang, message: string): string {
  return `<link rel="stylesheet" href="${WEB_TOKEN_STYLE_PATH}">
<div class="wt">
  <p class="wt-error" role="alert">${escapeHtml(message)}</p>
  <p><a href="/token">${escapeHtml(t(lang, 'webToken.backToToken'))}</a></p>
</div>`;
}
