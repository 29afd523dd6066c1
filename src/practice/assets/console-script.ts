/**
 * /static/console.js: live updates on the trainer console. Server-sent events (/trainer/events) say
 * that something changed; the script then fetches the learners table again and puts it in place,
 * keeping the keyboard focus on the same button. Without it the console still works: reload the page.
 * Every element with a data-src (the learners table, the event list) is refreshed that way.
 * Plain ES5 kept as text: served as it is.
 */
export const CONSOLE_SCRIPT = `'use strict';
(function () {
  var regions = document.querySelectorAll('[data-src]');
  var status = document.getElementById('live-status');
  if (!regions.length || !window.EventSource || !window.fetch) return;
  var lang = document.documentElement.lang || 'da';
  var template = status ? status.getAttribute('data-template') : '';
  var timer = 0;

  function focusKey(region) {
    var active = document.activeElement;
    if (!active || !region.contains(active)) return null;
    var form = active.closest ? active.closest('form') : null;
    return form ? form.getAttribute('action') : null;
  }

  function refresh(region) {
    return fetch(region.getAttribute('data-src'), { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (markup) {
        var key = focusKey(region);
        region.innerHTML = markup;
        if (key) {
          var form = region.querySelector('form[action="' + key + '"]');
          var button = form && form.querySelector('button');
          if (button) button.focus();
        }
      });
  }

  function refreshAll() {
    var pending = [];
    for (var i = 0; i < regions.length; i++) pending.push(refresh(regions[i]));
    Promise.all(pending).then(function () {
      if (status && template) {
        var time = new Date().toLocaleTimeString(lang === 'da' ? 'da-DK' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
        status.textContent = template.split('{time}').join(time);
      }
    }).catch(function () {});
  }

  var source = new EventSource('/trainer/events');
  source.addEventListener('change', function () {
    clearTimeout(timer);
    timer = setTimeout(refreshAll, 300);
  });
})();
`;
