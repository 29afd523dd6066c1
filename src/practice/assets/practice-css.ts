/**
 * The site's one stylesheet, served at /static/practice.css (kept in the bundle as a string, so the
 * built CLI needs no asset files). Contrast: every text/background pair below is at least 4.5:1
 * (body #1a1a1a on #fff is 17:1; links #0b4ea2 on #fff 8.1:1; the banner #fff on #8a1c00 8.6:1; muted
 * #4a4a4a on #fff 8.9:1; errors #a00000 on #fff 7.7:1). Layout is one column that reflows at 320 CSS
 * px; forced-colors mode keeps borders and focus rings with system colours.
 */
export const PRACTICE_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html { font-size: 100%; -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
  font-size: 1.125rem;
  line-height: 1.5;
  color: #1a1a1a;
  background: #ffffff;
  overflow-wrap: anywhere;
}
a { color: #0b4ea2; text-decoration: underline; text-underline-offset: 0.15em; }
a:hover { color: #06306a; }
:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; box-shadow: 0 0 0 6px #ffd23f; }
.skip {
  position: absolute; left: 0.5rem; top: -4rem; padding: 0.5rem 1rem;
  background: #ffffff; color: #0b4ea2; border: 2px solid #0b4ea2; z-index: 10;
}
.skip:focus { top: 0.5rem; }
.site-header { border-bottom: 1px solid #767676; }
.practice-banner {
  margin: 0; padding: 0.5rem 1rem; background: #8a1c00; color: #ffffff; font-size: 1rem;
}
.practice-banner strong { font-size: 1.125rem; letter-spacing: 0.02em; margin-right: 0.5rem; }
.header-row {
  display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline;
  gap: 0.5rem 1rem; max-width: 48rem; margin: 0 auto; padding: 0.5rem 1rem 0;
}
.header-row p { margin: 0; }
.site-name { font-weight: 700; }
.nav {
  display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; list-style: none;
  max-width: 48rem; margin: 0 auto; padding: 0.5rem 1rem;
}
.nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 0.2em; }
main { display: block; max-width: 48rem; margin: 0 auto; padding: 1rem; }
main.wide, .wide .header-row, .wide .nav, .wide .site-footer { max-width: 80rem; }
main:focus { outline: none; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.375rem; margin: 1.5rem 0 0.5rem; }
.muted { color: #4a4a4a; }
.site-footer { max-width: 48rem; margin: 2rem auto 0; padding: 1rem; border-top: 1px solid #767676; color: #4a4a4a; font-size: 1rem; }
form { margin: 1rem 0; }
.field { margin: 0 0 1.25rem; }
label, legend { display: block; font-weight: 700; margin-bottom: 0.25rem; }
fieldset { border: 1px solid #767676; border-radius: 4px; margin: 0 0 1.25rem; padding: 0.75rem 1rem; }
fieldset label { display: inline; font-weight: 400; }
.hint { display: block; color: #4a4a4a; font-size: 1rem; margin: 0 0 0.25rem; }
input[type="text"], input[type="password"], input[type="number"], select {
  display: block; width: 100%; max-width: 28rem; font: inherit; padding: 0.5rem 0.625rem;
  color: #1a1a1a; background: #ffffff; border: 2px solid #595959; border-radius: 4px;
}
input.code { max-width: 12rem; font-size: 1.5rem; letter-spacing: 0.1em; font-variant-numeric: tabular-nums; }
input[aria-invalid="true"] { border-color: #a00000; border-width: 3px; }
.choice { display: flex; align-items: flex-start; gap: 0.5rem; margin: 0.25rem 0; }
.choice input { width: 1.25rem; height: 1.25rem; margin-top: 0.2rem; flex: none; }
button, .button {
  display: inline-block; font: inherit; font-weight: 700; padding: 0.625rem 1.25rem; margin: 0 0.5rem 0.5rem 0;
  color: #ffffff; background: #0b4ea2; border: 2px solid #0b4ea2; border-radius: 4px; cursor: pointer;
  text-decoration: none; min-height: 44px;
}
button:hover, .button:hover { background: #06306a; border-color: #06306a; color: #ffffff; }
button.secondary, .button.secondary { color: #0b4ea2; background: #ffffff; }
button.secondary:hover { background: #e8f0fb; color: #06306a; }
button.danger { background: #a00000; border-color: #a00000; }
button.danger:hover { background: #6e0000; border-color: #6e0000; }
.error-text { display: block; color: #a00000; font-weight: 700; margin: 0.25rem 0; }
.error-summary, .notice, .warning, .success {
  border: 3px solid #a00000; border-radius: 4px; padding: 0.75rem 1rem; margin: 0 0 1.25rem; background: #ffffff;
}
.error-summary h2 { margin-top: 0; font-size: 1.25rem; color: #a00000; }
.notice { border-color: #0b4ea2; }
.warning { border-color: #8a5a00; background: #fff8e5; }
.success { border-color: #1d6b2f; background: #eef8f0; }
.checklist { list-style: none; padding: 0; margin: 0.5rem 0 1rem; }
.checklist li { padding-left: 1.75rem; position: relative; margin: 0.25rem 0; }
.checklist li::before { content: "○"; position: absolute; left: 0.25rem; }
.checklist li[data-state="met"]::before { content: "✓"; color: #1d6b2f; font-weight: 700; }
.checklist li[data-state="unmet"]::before { content: "✗"; color: #a00000; font-weight: 700; }
.checklist .state { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.login-box { border: 2px solid #1a1a1a; border-radius: 8px; padding: 1rem 1.25rem; margin: 1rem 0; max-width: 34rem; }
.login-box .service { font-size: 1.25rem; font-weight: 700; margin: 0 0 0.25rem; }
.approve-text { font-size: 1.25rem; font-weight: 700; border-left: 6px solid #0b4ea2; padding: 0.5rem 0.75rem; background: #f2f6fc; }
.table-wrap { overflow-x: auto; max-width: 100%; }
/* A data table keeps its columns on a narrow screen and scrolls in its own box (WCAG 1.4.10 allows it). */
table { border-collapse: collapse; width: 100%; min-width: 44rem; font-size: 1rem; overflow-wrap: normal; }
caption { text-align: left; font-weight: 700; padding: 0.25rem 0; }
th, td { border: 1px solid #767676; padding: 0.375rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td form { margin: 0; display: inline; }
td button { font-size: 0.9375rem; padding: 0.25rem 0.625rem; min-height: 36px; margin: 0.125rem 0.25rem 0.125rem 0; }
.inline-form { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: flex-end; }
.inline-form .field { margin-bottom: 0.5rem; }
.letter { border: 2px dashed #595959; padding: 1rem; margin: 0 0 1rem; break-inside: avoid; page-break-inside: avoid; }
.letter .code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 1.75rem; letter-spacing: 0.15em; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
@media (max-width: 30rem) {
  body { font-size: 1rem; }
  h1 { font-size: 1.5rem; }
  th, td { padding: 0.25rem; }
}
@media print {
  .site-header .header-row, .site-header nav, .site-footer, .skip, .no-print { display: none; }
  .practice-banner { background: #ffffff; color: #000000; border: 2px solid #000000; }
}
@media (forced-colors: active) {
  .practice-banner { border: 2px solid CanvasText; }
  :focus-visible { outline: 3px solid Highlight; box-shadow: none; }
  button, .button { border: 2px solid ButtonText; }
  .checklist li::before { forced-color-adjust: auto; }
  .error-summary, .notice, .warning, .success, .login-box, .letter { border-color: CanvasText; }
  input[aria-invalid="true"] { border-style: double; border-width: 4px; }
}
@media (prefers-reduced-motion: reduce) { * { transition: none !important; animation: none !important; } }
`;
