/**
 * src/practice: the practice login site (`tokenkit practice`): server-rendered pages over verify/,
 * store/ and the token faces. See createPracticeServer; parts in their own folders plug in as
 * PracticePlugin.
 */
export type { ConsolePanel, PracticeContext, PracticePlugin, RateLimitRule } from './context';
export { PracticeError, type PracticeErrorKind } from './errors';
export { type PracticeEvent, PracticeEvents } from './events';
export { escapeHtml, type HtmlValue, html, raw, SafeHtml } from './html';
export { type PageOptions, renderPage, STYLESHEET_PATH, urlInLang } from './layout';
export { newTrainerPassphrase } from './letters';
export {
  DEFAULT_SETTINGS,
  PRACTICE_TOKEN_KINDS,
  type PracticeSettings,
  type PracticeToken,
  type PracticeTokenKind,
} from './practice-db';
export {
  CONTENT_SECURITY_POLICY,
  createPracticeServer,
  DEFAULT_PLUGINS,
  isLoopbackHost,
  type PracticeServer,
  type PracticeServerOptions,
  reachableUrls,
} from './server';
export { type CreatedPracticeToken, type CreatePracticeTokenOptions, normalizeSerial, PracticeTokens } from './tokens';
