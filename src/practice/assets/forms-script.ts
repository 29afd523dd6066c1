/**
 * /static/forms.js: progressive enhancement for the forms (each works without it). It ticks the user
 * ID checklist as the learner types, using the rule patterns the server put in the page (the same
 * ones it checks with), announces a rule that changes state in a polite live region, and shows the
 * CPR warning as soon as a field looks like a CPR number. Plain ES5 kept as text: served as it is.
 */
export const FORMS_SCRIPT = `'use strict';
(function () {
  function each(list, fn) { for (var i = 0; i < list.length; i++) fn(list[i], i); }

  each(document.querySelectorAll('ul.checklist[data-for]'), function (list) {
    var input = document.getElementById(list.getAttribute('data-for'));
    var live = document.getElementById(list.id + '-live');
    if (!input) return;
    var items = list.querySelectorAll('li[data-pattern]');
    var before = [];
    var timer = 0;
    function update(announce) {
      var value = (input.value || '').normalize ? input.value.normalize('NFC') : input.value;
      var changed = [];
      each(items, function (li, i) {
        var state = '';
        if (value !== '') {
          var matches = new RegExp(li.getAttribute('data-pattern'), 'u').test(value);
          state = matches === (li.getAttribute('data-expect') === 'true') ? 'met' : 'unmet';
        }
        if (state) li.setAttribute('data-state', state); else li.removeAttribute('data-state');
        var mark = li.querySelector('.state');
        var word = state ? list.getAttribute('data-' + state) : '';
        if (mark) mark.textContent = word ? ' (' + word + ')' : '';
        if (state && before[i] !== state) changed.push(li.querySelector('.text').textContent + ': ' + word);
        before[i] = state;
      });
      if (announce && live && changed.length) {
        clearTimeout(timer);
        // After a pause in typing, so a screen reader is not interrupted on every key.
        timer = setTimeout(function () { live.textContent = changed.join('. '); }, 600);
      }
    }
    input.addEventListener('input', function () { update(true); });
    update(false);
  });

  each(document.querySelectorAll('input[data-cpr-pattern]'), function (input) {
    var pattern = new RegExp(input.getAttribute('data-cpr-pattern'), 'u');
    var box = document.getElementById(input.id + '-cpr');
    if (!box) return;
    var shown = false;
    function check() {
      var looks = pattern.test(input.value || '');
      if (looks !== shown) box.textContent = looks ? box.getAttribute('data-text') : '';
      shown = looks;
    }
    input.addEventListener('input', check);
    check();
  });
})();
`;
