import { type ErrorCategory, TokenkitError } from '../errors';
import { OPEN_SPEAKER_MESSAGES, SPEECH_MESSAGES } from './messages';

/** The speech layer's texts (./messages.ts): what its errors are rendered from (src/errors.ts). */
const SPEECH_TEXTS = { ...SPEECH_MESSAGES, ...OPEN_SPEAKER_MESSAGES };
type SpeechKey = keyof typeof SPEECH_TEXTS;

import type { MessageParams } from '../i18n/index';

/** The speech layer's base error. Anything not more specific below is bad input (exit 2). */
export class SpeechError extends TokenkitError {
  constructor(key: SpeechKey, params: MessageParams = {}, options?: { cause?: unknown }) {
    super(SPEECH_TEXTS, key, params, options);
  }
}

/** A value the caller gave is not acceptable; `field` says which (code, voice, lang, device, rate, volume). */
export class SpeechInputError extends SpeechError {
  constructor(
    readonly field: 'code' | 'voice' | 'lang' | 'device' | 'rate' | 'volume' | 'remaining' | 'wav',
    key: SpeechKey,
    params: MessageParams = {},
  ) {
    super(key, params);
  }
}

/**
 * The speech engine or player program is not installed (or cannot do what was asked, like festival and
 * Danish). `tool` is the program, `debianPackage` what to install. Exit 5.
 */
export class SpeechUnavailableError extends SpeechError {
  override readonly category: ErrorCategory = 'missing-tool';
  constructor(
    readonly tool: string,
    readonly debianPackage: string,
    key: SpeechKey = 'speech.error.missingTool',
    params: MessageParams = {},
  ) {
    super(key, { tool, package: debianPackage, ...params });
  }
}

/**
 * The audio output device refused or failed (aplay/paplay exited non-zero), or the player was killed by
 * someone else (`signal`, e.g. SIGKILL). Exit 4.
 */
export class SpeechDeviceError extends SpeechError {
  override readonly category: ErrorCategory = 'device';
  constructor(
    readonly device: string,
    readonly detail: string,
    readonly signal?: NodeJS.Signals,
  ) {
    super(
      signal ? 'speech.error.playerKilled' : 'speech.error.playback',
      signal ? { device, signal } : { device, detail },
    );
  }
}

/** Speech was cancelled through its AbortSignal (a new code arrived, the user quit). Exit 130 from the CLI. */
export class SpeechAbortedError extends SpeechError {
  override readonly category: ErrorCategory = 'interrupted';
  constructor() {
    super('speech.error.aborted');
  }
}

/**
 * Text that tokenkit did not compose was about to reach an engine that interprets it (festival's Scheme
 * via the say package). A bug guard: it fires before any process starts. Exit 70.
 */
export class UnsafeSpeechTextError extends SpeechError {
  override readonly category: ErrorCategory = 'internal';
  constructor(readonly backend: string) {
    super('speech.error.unsafeText', { backend });
  }
}
