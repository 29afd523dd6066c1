import { type Lang, type MessageKey, t } from '../i18n/index';
import { html, type SafeHtml } from './html';

/** The paths of the served assets (one stylesheet, small progressive-enhancement scripts). */
export const STYLESHEET_PATH = '/static/practice.css';

export interface PageOptions {
  lang: Lang;
  /** The page's own heading (h1) and the first part of the document title. */
  title: string;
  /** The page body under the heading; build it with `html` so everything is escaped. */
  body: SafeHtml;
  /**
   * The request's path and query (request.url), for the language switch: the same page in the other
   * language. Default '/'.
   */
  url?: string;
  /** Scripts to load (paths under /static/, served by the site). None: the page works without them. */
  scripts?: readonly string[];
  /** A CSRF token for scripts that post (read from <meta name="csrf-token">). Forms carry their own. */
  csrfToken?: string;
  /** Which top navigation item is the current page. */
  current?: 'home' | 'create' | 'activate' | 'login' | 'token' | 'trainer';
  /** A wider main column (the trainer console's table). */
  wide?: boolean;
}

/** The same URL with `lang` set to `lang`, other query parameters kept. */
export function urlInLang(url: string, lang: Lang): string {
  const parsed = new URL(url, 'http://practice.invalid');
  parsed.searchParams.set('lang', lang);
  return `${parsed.pathname}${parsed.search}`;
}

const NAV: readonly { id: NonNullable<PageOptions['current']>; href: string; key: MessageKey }[] = [
  { id: 'home', href: '/', key: 'practice.nav.home' },
  { id: 'create', href: '/create', key: 'practice.nav.create' },
  { id: 'activate', href: '/activate', key: 'practice.nav.activate' },
  { id: 'login', href: '/login', key: 'practice.nav.login' },
  { id: 'token', href: '/token', key: 'practice.nav.token' },
  { id: 'trainer', href: '/trainer', key: 'practice.nav.trainer' },
];

/**
 * A whole page: the practice banner on top (every page says it is not real MitID), a skip link, the
 * language switch, the navigation, the heading and the body. No inline script or style: the
 * Content-Security-Policy forbids both.
 */
export function renderPage(options: PageOptions): string {
  const { lang, title, body } = options;
  const other: Lang = lang === 'da' ? 'en' : 'da';
  const url = options.url ?? '/';
  const nav = NAV.map(
    (item) =>
      html`<li><a href="${item.href}"${options.current === item.id ? html` aria-current="page"` : ''}>${t(lang, item.key)}</a></li>`,
  );
  const page = html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – ${t(lang, 'practice.banner')}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
${options.csrfToken ? html`<meta name="csrf-token" content="${options.csrfToken}">` : ''}
${(options.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body${options.wide ? html` class="wide"` : ''}>
<a class="skip" href="#main">${t(lang, 'practice.skip')}</a>
<header class="site-header">
<p class="practice-banner"><strong>${t(lang, 'practice.banner')}</strong> <span>${t(lang, 'practice.banner.detail')}</span></p>
<div class="header-row">
<p class="site-name">${t(lang, 'practice.site')}</p>
<p class="lang-switch"><a href="${urlInLang(url, other)}" hreflang="${other}" lang="${other}" aria-label="${t(lang, 'practice.lang.switchLabel')}">${t(lang, 'practice.lang.switch')}</a></p>
</div>
<nav aria-label="${t(lang, 'practice.nav.label')}"><ul class="nav">${nav}</ul></nav>
</header>
<main id="main" tabindex="-1"${options.wide ? html` class="wide"` : ''}>
<h1>${title}</h1>
${body}
</main>
<footer class="site-footer"><p>${t(lang, 'practice.footer')}</p></footer>
</body>
</html>
`;
  return page.value;
}
