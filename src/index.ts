/** tokenkit's library API. It never imports the CLI or the terminal UI. */
export * from './errors';
export * from './clock';
export { detectLang, t, type Lang } from './i18n/index';
