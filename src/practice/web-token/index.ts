// The web token: /token, a code display or audio code reader in the browser, run on the server with the
// terminal simulator's token model (firmware-sim + terminal keyFor) and the speech layer's audio.

export { SpeechTokenAudio, type TokenAudio } from './audio';
export { WEB_TOKEN_CLIENT_SCRIPT, WEB_TOKEN_STYLES } from './client-script';
export { WEB_TOKEN_MESSAGES } from './messages';
export { renderChooser, renderTokenPage } from './page';
export { createWebTokenPlugin, webTokenPlugin } from './plugin';
export { type MintedToken, WebTokenRegistry, type WebTokenRegistryOptions } from './registry';
export { WEB_TOKEN_COOKIE, type WebTokenRoutesOptions, webTokenRoutes } from './routes';
export { WEB_TOKEN_KINDS, WebToken, type WebTokenKind, type WebTokenMessage, type WebTokenView } from './web-token';
