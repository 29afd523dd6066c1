/** tokenkit's library API. It never imports the CLI or the terminal UI. */

export * from './clock';
export * from './device/index';
export * from './errors';
export { detectLang, type Lang, t } from './i18n/index';
export * from './link/index';
export * from './otp/index';
// The OTP engine's limits win where the wire protocol re-declares the same names (protocol/messages.ts).
export { MAX_DIGITS, MIN_DIGITS } from './otp/index';
export * from './profiles/index';
export * from './protocol/index';
export * from './speech/index';
export * from './store/index';
export * from './verify/index';
