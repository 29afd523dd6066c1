import { type Lang, t } from '../i18n/index';
import { groupCode } from '../otp/index';
import { SpeechInputError } from './errors';

/**
 * What a speech engine is asked to say: text parts from tokenkit's own catalogue (single digits and the
 * fixed phrases below), explicit pauses, and beeps. Backends render pauses and beeps themselves, so the
 * gap between two digits is a measured stretch of silence, not whatever an engine does at a space.
 */
export type UtterancePart =
  | { kind: 'text'; text: string }
  | { kind: 'pause'; durationMs: number }
  | { kind: 'beep'; frequencyHz: number; durationMs: number };

export interface Utterance {
  lang: Lang;
  parts: UtterancePart[];
  /** Tempo in percent of normal (100). Changes tempo only, never pitch. Pauses scale with it. */
  ratePercent: number;
  /** Loudness in percent of full scale (0-100). */
  volumePercent: number;
}

export const RATE_MIN_PERCENT = 50;
export const RATE_MAX_PERCENT = 200;
export const RATE_DEFAULT_PERCENT = 100;
export const RATE_STEP_PERCENT = 10;
export const VOLUME_MIN_PERCENT = 0;
export const VOLUME_MAX_PERCENT = 100;
export const VOLUME_DEFAULT_PERCENT = 80;
export const VOLUME_STEP_PERCENT = 10;
/** At normal rate. Long enough that an energy envelope sees each digit alone (see tests/speech). */
export const DIGIT_PAUSE_MS = 350;
export const GROUP_PAUSE_MS = 750;
export const PHRASE_PAUSE_MS = 600;
export const BEEP_FREQUENCY_HZ = 880;
export const BEEP_DURATION_MS = 150;
export const CODE_MIN_DIGITS = 6;
export const CODE_MAX_DIGITS = 10;
export const REMAINING_MAX_SEC = 3600;

/** Phrase keys the composer may use; `isComposedText` accepts exactly these renderings and single digits. */
const PHRASE_KEYS = [
  'speech.phrase.validFor',
  'speech.phrase.validForOne',
  'speech.phrase.expired',
  'speech.phrase.volume',
  'speech.phrase.rate',
  'speech.phrase.language',
  'speech.phrase.nothingToRepeat',
  'speech.phrase.unknownKey',
  'speech.phrase.help',
] as const;

/** What the reader says besides codes: the spoken confirmation of a key. */
export type SpokenPhrase =
  | { kind: 'volume' | 'rate'; percent: number }
  | { kind: 'language' | 'nothingToRepeat' | 'unknownKey' | 'help' };

/** A spoken key confirmation (one catalogue phrase) as an utterance with the given settings. */
export function composePhrase(
  phrase: SpokenPhrase,
  options: { lang: Lang; ratePercent?: number; volumePercent?: number },
): Utterance {
  const text = t(options.lang, `speech.phrase.${phrase.kind}`, 'percent' in phrase ? { n: phrase.percent } : {});
  return {
    lang: options.lang,
    parts: [{ kind: 'text', text }],
    ratePercent: checkRate(options.ratePercent ?? RATE_DEFAULT_PERCENT),
    volumePercent: checkVolume(options.volumePercent ?? VOLUME_DEFAULT_PERCENT),
  };
}

/** The key-confirmation beep (a setting changed) at the given settings: what the reader plays for loudness. */
export function composeBeep(options: { lang: Lang; ratePercent: number; volumePercent: number }): Utterance {
  return {
    lang: options.lang,
    ratePercent: options.ratePercent,
    volumePercent: options.volumePercent,
    parts: [{ kind: 'beep', frequencyHz: BEEP_FREQUENCY_HZ, durationMs: BEEP_DURATION_MS }],
  };
}

/** Strips spaces and checks a code is 6-10 digits; throws SpeechInputError{field:'code'} otherwise. */
export function normalizeCode(input: string): string {
  const code = input.replace(/\s+/g, '');
  if (!/^\d+$/.test(code) || code.length < CODE_MIN_DIGITS || code.length > CODE_MAX_DIGITS) {
    throw new SpeechInputError('code', 'speech.error.badCode', {
      value: input.length > 40 ? `${input.slice(0, 40)}…` : input,
    });
  }
  return code;
}

/** The display's grouping (src/otp/format.ts), so the voice pauses where the screen leaves a gap. */
export const groupDigits = groupCode;

export interface ComposeOptions {
  lang: Lang;
  ratePercent?: number;
  volumePercent?: number;
  /** Adds "valid for N more seconds" (0 or less: "the code has expired"). */
  remainingSec?: number;
  /** A short beep after the message, so the listener knows it is complete. */
  beep?: boolean;
}

export function validityPhrase(lang: Lang, remainingSec: number): string {
  const n = Math.floor(remainingSec);
  if (n <= 0) return t(lang, 'speech.phrase.expired');
  return t(lang, n === 1 ? 'speech.phrase.validForOne' : 'speech.phrase.validFor', { n });
}

/** The reader's message for a code: digit by digit, in groups, with pauses; then validity and beep. */
export function composeCode(codeInput: string, options: ComposeOptions): Utterance {
  const code = normalizeCode(codeInput);
  const parts: UtterancePart[] = [];
  groupDigits(code).forEach((group, g) => {
    if (g > 0) parts.push({ kind: 'pause', durationMs: GROUP_PAUSE_MS });
    [...group].forEach((digit, d) => {
      if (d > 0) parts.push({ kind: 'pause', durationMs: DIGIT_PAUSE_MS });
      parts.push({ kind: 'text', text: digit });
    });
  });
  if (options.remainingSec !== undefined) {
    parts.push({ kind: 'pause', durationMs: PHRASE_PAUSE_MS });
    parts.push({ kind: 'text', text: validityPhrase(options.lang, options.remainingSec) });
  }
  if (options.beep) {
    parts.push({ kind: 'pause', durationMs: PHRASE_PAUSE_MS / 2 });
    parts.push({ kind: 'beep', frequencyHz: BEEP_FREQUENCY_HZ, durationMs: BEEP_DURATION_MS });
  }
  return {
    lang: options.lang,
    parts,
    ratePercent: checkRate(options.ratePercent ?? RATE_DEFAULT_PERCENT),
    volumePercent: checkVolume(options.volumePercent ?? VOLUME_DEFAULT_PERCENT),
  };
}

/** The utterance as one line of text ("4 5 2, 9 1 7. Valid for 23 more seconds."), for logs and --plain. */
export function utteranceText(u: Utterance): string {
  let out = '';
  for (const part of u.parts) {
    if (part.kind === 'text') out += part.text;
    else if (part.kind === 'pause')
      out += part.durationMs >= GROUP_PAUSE_MS ? ', ' : part.durationMs >= PHRASE_PAUSE_MS ? '. ' : ' ';
  }
  return out.trim();
}

/** Pause length at the utterance's rate: faster speech, shorter pauses. */
export function scaledPauseMs(durationMs: number, ratePercent: number): number {
  return Math.round((durationMs * 100) / ratePercent);
}

export function checkRate(value: number): number {
  if (!Number.isInteger(value) || value < RATE_MIN_PERCENT || value > RATE_MAX_PERCENT) {
    throw new SpeechInputError('rate', 'speech.error.badRate', { value, min: RATE_MIN_PERCENT, max: RATE_MAX_PERCENT });
  }
  return value;
}

export function checkVolume(value: number): number {
  if (!Number.isInteger(value) || value < VOLUME_MIN_PERCENT || value > VOLUME_MAX_PERCENT) {
    throw new SpeechInputError('volume', 'speech.error.badVolume', {
      value,
      min: VOLUME_MIN_PERCENT,
      max: VOLUME_MAX_PERCENT,
    });
  }
  return value;
}

const SAFE_CHARS = /^[0-9A-Za-zæøåÆØÅ .]+$/;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

let phrasePatterns: RegExp[] | undefined;

/**
 * Whether `text` is something the composer could have produced: one digit, or one catalogue phrase in
 * either language with a whole number in it. Engines that interpret their input (festival's Scheme via
 * the say package) only ever receive text that passes this check.
 */
export function isComposedText(text: string): boolean {
  if (!SAFE_CHARS.test(text)) return false;
  if (/^\d$/.test(text)) return true;
  phrasePatterns ??= PHRASE_KEYS.flatMap((key) =>
    (['en', 'da'] as const).map((lang) => {
      const template = t(lang, key, { n: '\u0000' });
      return new RegExp(`^${escapeRegExp(template).replace('\u0000', '\\d{1,4}')}$`);
    }),
  );
  return phrasePatterns.some((re) => re.test(text));
}
