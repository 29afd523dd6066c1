import { TokenkitError } from '../errors';
import { type Lang, t } from '../i18n/index';
import { readAudioConfig } from './audio-config';
import { resolveDevice } from './devices';
import { SpeechUnavailableError } from './errors';
import { createSpeaker, parseVoice } from './select';
import type { Speaker } from './speaker';

/** The one line that tells a person why the reader is silent (no engine, no player, a failed output). */
export function silentReason(error: unknown, lang: Lang): string {
  const reason = error instanceof TokenkitError ? error.localized(lang) : String(error);
  return t(lang, 'speech.silent', { reason: reason.replace(/\.$/, '') });
}

export interface ReaderSpeakerOptions {
  /** False: no speech at all (--no-speech). */
  speech: boolean;
  voice?: string;
  device?: string;
  lang: Lang;
  env: NodeJS.ProcessEnv;
  /** The profile's defaults, used where nothing was saved (tokenkit audio default). */
  defaults: { ratePercent: number; volumePercent: number };
}

/**
 * The audio reader's Speaker from the options, the saved audio settings and the profile's defaults, in
 * that order of precedence. A missing engine or player is not an error: the reader must keep working, so
 * it comes back as `silent` (one localized line) with no speaker. An unknown voice or device is the
 * user's mistake and throws (exit 2, listing the valid ones).
 */
export async function openReaderSpeaker(o: ReaderSpeakerOptions): Promise<{ speaker?: Speaker; silent?: string }> {
  if (!o.speech) return {};
  const saved = await readAudioConfig(o.env);
  const voice = o.voice !== undefined ? parseVoice(o.voice) : saved.voice;
  try {
    // With no aplay installed resolving the device is a missing player (silent), not a bad name.
    const device = o.device !== undefined ? await resolveDevice(o.device, { env: o.env }) : saved.device;
    const speaker = await createSpeaker({
      lang: o.lang,
      env: o.env,
      ...(voice !== undefined ? { voice } : {}),
      ...(device !== undefined ? { device } : {}),
      volumePercent: saved.volumePercent ?? o.defaults.volumePercent,
      ratePercent: saved.ratePercent ?? o.defaults.ratePercent,
    });
    return { speaker };
  } catch (error) {
    if (!(error instanceof SpeechUnavailableError)) throw error;
    return { silent: silentReason(error, o.lang) };
  }
}

/** A profile's speech defaults as Speaker percentages. */
export function speechDefaults(speech: { rate: number; volume: number }): {
  ratePercent: number;
  volumePercent: number;
} {
  return { ratePercent: Math.round(speech.rate * 100), volumePercent: Math.round(speech.volume * 100) };
}
