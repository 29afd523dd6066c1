/**
 * The /token page's script, served from /token/web-token.js (same origin: the CSP allows no inline code).
 * It is plain browser JavaScript kept as text, because the CLI bundle renames nothing in strings but would
 * wrap a compiled function in its keepNames helpers. The page works without it (every button is a form
 * post); the script adds:
 * - keys on the token while one of its buttons has focus (r, +, -, >, <, l: the terminal simulator's keys,
 *   sent as typed; the server maps them with the same `keyFor`), and buttons answered without a reload;
 * - the live countdown, the new code at the step boundary and the blank display after the timeout;
 * - the audio: each new message (code or beep) is fetched as a WAV and played in the <audio> element.
 */
export const WEB_TOKEN_CLIENT_SCRIPT = `'use strict';
(function () {
  var root = document.getElementById('web-token');
  if (!root) return;
  var form = document.getElementById('wt-keys');
  var display = document.getElementById('wt-display');
  var countdown = document.getElementById('wt-countdown');
  var bar = document.getElementById('wt-bar');
  var settings = document.getElementById('wt-settings');
  var audio = document.getElementById('wt-audio');
  var csrfInput = form.querySelector('input[name="_csrf"]');
  var view = JSON.parse(root.getAttribute('data-view'));
  var receivedAt = performance.now();
  var played = view.message ? view.message.seq : 0;
  var timer = 0;
  var syncing = false;
  var KEYS = ['r', 'R', '+', '=', '-', '_', '>', '.', '<', ',', 'l', 'L'];

  function text(name, params) {
    var s = root.getAttribute('data-' + name) || '';
    for (var k in params) s = s.split('{' + k + '}').join(String(params[k]));
    return s;
  }
  function group(code) {
    var groups = [];
    for (var i = 0; i < code.length; i += 3) groups.push(code.slice(i, i + 3));
    if (groups.length > 1 && groups[groups.length - 1].length === 1) groups[groups.length - 2] += groups.pop();
    return groups.join(' ');
  }
  function left(ms) { return Math.max(0, ms - (performance.now() - receivedAt)); }

  function render() {
    var code = view.code;
    var shownCode = display.querySelector('#wt-code');
    if (code === null || left(view.offInMs) <= 0) {
      if (!display.querySelector('#wt-off')) {
        display.textContent = '';
        var off = document.createElement('span');
        off.id = 'wt-off';
        off.className = 'wt-off';
        off.textContent = text('off', {});
        display.appendChild(off);
      }
      countdown.textContent = '';
      bar.value = 0;
    } else {
      var grouped = group(code);
      if (!shownCode || shownCode.textContent !== grouped) {
        display.textContent = '';
        var label = document.createElement('span');
        label.className = 'wt-visually-hidden';
        label.textContent = text('code-label', {}) + ' ';
        var digits = document.createElement('span');
        digits.id = 'wt-code';
        digits.className = 'wt-code';
        digits.textContent = grouped;
        display.appendChild(label);
        display.appendChild(digits);
      }
      var seconds = Math.ceil(left(view.remainingMs) / 1000);
      countdown.textContent = text('valid-for', { seconds: seconds });
      bar.max = view.periodSec;
      bar.value = seconds;
    }
    if (settings && view.volumePercent !== undefined)
      settings.textContent = text('settings', { volume: view.volumePercent, rate: view.ratePercent });
  }

  function play() {
    if (!audio || !view.message || view.message.seq <= played) return;
    played = view.message.seq;
    audio.hidden = false;
    audio.src = '/token/audio/' + view.message.seq + '.wav';
    var p = audio.play();
    if (p && p.catch) p.catch(function () {});
  }

  function accept(next) {
    if (next.lang !== view.lang) { window.location.assign('/token?lang=' + next.lang); return; }
    view = next;
    receivedAt = performance.now();
    render();
    play();
    schedule();
  }

  // Wake when the shown second changes, at the step boundary (fetch the new code) and at the blanking.
  function schedule() {
    clearTimeout(timer);
    if (view.code === null) return;
    var offLeft = left(view.offInMs);
    var codeLeft = left(view.remainingMs);
    if (offLeft <= 0 || codeLeft <= 0) { sync(); return; }
    var nextSecond = (codeLeft % 1000) + 1;
    timer = setTimeout(function () { render(); schedule(); }, Math.min(nextSecond, offLeft + 1));
  }

  function sync() {
    if (syncing) return;
    syncing = true;
    fetch('/token/state', { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (next) {
        syncing = false;
        if (next) accept(next); else render();
      }, function () { syncing = false; render(); });
  }

  function send(key) {
    var body = new URLSearchParams();
    body.set('key', key);
    if (csrfInput) body.set('_csrf', csrfInput.value);
    return fetch('/token/key', {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
      credentials: 'same-origin',
    }).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    }).then(accept, function () {
      // The server could not answer in JSON (a stale CSRF token, a restart): post the form the plain way.
      var field = document.createElement('input');
      field.type = 'hidden';
      field.name = 'key';
      field.value = key;
      form.appendChild(field);
      form.submit();
    });
  }

  form.addEventListener('submit', function (e) {
    var button = e.submitter;
    if (!button || button.name !== 'key') return;
    e.preventDefault();
    send(button.value);
  });
  form.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.altKey || e.metaKey || KEYS.indexOf(e.key) < 0) return;
    e.preventDefault();
    send(e.key);
  });
  document.addEventListener('visibilitychange', function () { if (!document.hidden) sync(); });
  render();
  schedule();
})();
`;

/** Styles of the token (the site's layout and colours are the practice server's). */
export const WEB_TOKEN_STYLES = `
.wt-device { border: 2px solid #444; border-radius: 1rem; padding: 1rem; max-width: 36rem; }
.wt-screen { background: #f4f4f4; color: #111; border: 1px solid #444; border-radius: .5rem; padding: .75rem; margin-bottom: 1rem; }
.wt-display { margin: 0; min-height: 3rem; font-size: 1.25rem; }
.wt-code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-variant-numeric: tabular-nums; font-size: 2.5rem; font-weight: 700; letter-spacing: .05em; white-space: nowrap; }
.wt-audio-code-reader .wt-code { font-size: clamp(2.75rem, 14vw, 6rem); }
.wt-countdown { margin: .25rem 0; font-size: 1.125rem; }
.wt-bar { width: 100%; height: .75rem; }
.wt-keys { display: flex; flex-direction: column; gap: .75rem; }
.wt-more { display: flex; flex-wrap: wrap; gap: .5rem; }
.wt-button, .wt-key, .wt-choose { font: inherit; border-radius: .5rem; padding: .6rem 1rem; cursor: pointer; border: 2px solid #222; }
.wt-key, .wt-choose { background: #fff; color: #111; }
.wt-button { font-size: 1.25rem; font-weight: 700; min-height: 3.5rem; }
.wt-grey { background: #c8c8c8; color: #111; }
.wt-red { background: #b3001b; color: #fff; border-color: #5c000e; }
.wt-button:focus-visible, .wt-key:focus-visible, .wt-choose:focus-visible { outline: 4px solid #1a4fa0; outline-offset: 3px; }
.wt-settings, .wt-status { margin: .75rem 0 0; }
.wt-device audio { width: 100%; margin-top: .75rem; }
.wt-serial strong { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 1.25rem; white-space: nowrap; }
.wt-choices { list-style: none; padding: 0; display: grid; gap: 1rem; }
.wt-choice p { margin: .25rem 0 0; }
.wt-error { border-left: 4px solid #b3001b; padding-left: .75rem; }
.wt-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
@media (forced-colors: active) {
  .wt-button, .wt-key, .wt-choose { border: 2px solid ButtonText; }
  .wt-screen, .wt-device { border-color: CanvasText; }
  .wt-button:focus-visible, .wt-key:focus-visible, .wt-choose:focus-visible { outline-color: Highlight; }
}
`;
