/** tokenkit's library API. It never imports the CLI or the terminal UI. */
export * from './errors';
export * from './clock';
export { detectLang, t, type Lang } from './i18n/index';
export * from './otp/index';
export * from './verify/index';
export * from './store/index';
export * from './protocol/index';
export * from './link/index';
export * from './device/index';
export * from './speech/index';
export * from './profiles/index';
// The OTP engine's limits win where the wire protocol re-declares the same names (protocol/messages.ts).
export { MAX_DIGITS, MIN_DIGITS, MAX_SECRET_BYTES } from './otp/index';
