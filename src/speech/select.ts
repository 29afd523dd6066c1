import type { Clock } from '../clock';
import type { Lang } from '../i18n/index';
import { type SpeechBackend, VOICE_NAMES, type VoiceName } from './backend';
import { SpeechInputError, SpeechUnavailableError } from './errors';
import { ESPEAK_BIN, ESPEAK_PACKAGE, EspeakBackend } from './espeak-backend';
import { FESTIVAL_PACKAGE, FestivalBackend } from './festival-backend';
import { SayBackend } from './say-backend';
import { Speaker, type SpeakerListener, type SpeakerSettings } from './speaker';

export function parseVoice(value: string): VoiceName {
  if ((VOICE_NAMES as readonly string[]).includes(value)) return value as VoiceName;
  throw new SpeechInputError('voice', 'speech.error.badVoice', { value, valid: VOICE_NAMES.join(', ') });
}

export function backendFor(voice: VoiceName, env: NodeJS.ProcessEnv = process.env): SpeechBackend {
  switch (voice) {
    case 'espeak':
      return new EspeakBackend({ env });
    case 'festival':
      return new FestivalBackend({ env });
    case 'say':
      return new SayBackend({ env });
  }
}

export interface BackendChoice {
  backend: SpeechBackend;
  /** Set when the asked-for voice cannot speak `lang` and espeak-ng speaks instead. */
  fellBackFrom?: VoiceName;
}

/**
 * The engine for `voice` (default: espeak-ng, else festival) in `lang`. Festival and say-on-Linux have
 * no Danish voice: Danish then falls back to espeak-ng (`fellBackFrom` says so, for a notice), and if
 * espeak-ng is missing too the error says both things. Missing engine → SpeechUnavailableError naming
 * the Debian package.
 */
export async function chooseBackend(o: {
  voice?: VoiceName;
  lang: Lang;
  env?: NodeJS.ProcessEnv;
}): Promise<BackendChoice> {
  const env = o.env ?? process.env;
  const espeak = new EspeakBackend({ env });
  if (!o.voice) {
    if (await espeak.available()) return { backend: espeak };
    const festival = new FestivalBackend({ env });
    if (o.lang === 'en' && (await festival.available())) return { backend: festival };
    if (o.lang === 'da' && (await festival.available()))
      throw new SpeechUnavailableError('festival', ESPEAK_PACKAGE, 'speech.error.festivalNoDanish');
    throw new SpeechUnavailableError(ESPEAK_BIN, ESPEAK_PACKAGE, 'speech.error.noEngine');
  }
  const backend = backendFor(o.voice, env);
  if (!backend.languages.includes(o.lang)) {
    if (await espeak.available()) return { backend: espeak, fellBackFrom: o.voice };
    throw new SpeechUnavailableError(
      o.voice === 'festival' ? 'festival' : backend.name,
      ESPEAK_PACKAGE,
      'speech.error.festivalNoDanish',
    );
  }
  if (!(await backend.available())) {
    if (o.voice === 'espeak') throw new SpeechUnavailableError(ESPEAK_BIN, ESPEAK_PACKAGE);
    if (o.voice === 'festival') throw new SpeechUnavailableError('text2wave', FESTIVAL_PACKAGE);
    // say: on Linux it needs festival; elsewhere the platform's own program.
    throw new SpeechUnavailableError(
      process.platform === 'darwin' ? 'say' : 'festival',
      process.platform === 'darwin' ? 'say (part of macOS)' : FESTIVAL_PACKAGE,
    );
  }
  return { backend };
}

/**
 * A ready Speaker for the simulator or a board: the chosen engine, espeak-ng as the fallback for
 * languages it lacks; the Speaker warms the engine's digit cache in the background.
 * Throws like `chooseBackend` when no engine can speak at all.
 */
export async function createSpeaker(
  o: {
    voice?: VoiceName;
    env?: NodeJS.ProcessEnv;
    clock?: Clock;
    listener?: SpeakerListener;
  } & Partial<SpeakerSettings>,
): Promise<Speaker> {
  const lang = o.lang ?? 'en';
  const env = o.env ?? process.env;
  const { backend } = await chooseBackend({ voice: o.voice, lang, env });
  const espeak = backend instanceof EspeakBackend ? backend : new EspeakBackend({ env });
  const fallback = backend === espeak ? undefined : (await espeak.available()) ? espeak : undefined;
  // The Speaker warms the digit cache for its language and rate itself (and again after changes).
  return new Speaker({ ...o, lang, backend, fallback });
}
