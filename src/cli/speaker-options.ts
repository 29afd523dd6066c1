import type { Command } from 'commander';
import { TokenkitError } from '../errors';
import { defineMessages, type Lang, t } from '../i18n/index';
import { createSpeaker, parseVoice, readAudioConfig, resolveDevice, type Speaker } from '../speech/index';
import type { CliContext } from './context';

export const SPEAKER_OPTION_MESSAGES = defineMessages({
  'cli.speaker.opt.voice': {
    en: 'audio reader speech engine: espeak, festival or say (default: saved, else espeak-ng, else festival)',
    da: 'kodeoplæserens talemotor: espeak, festival eller say (standard: gemt, ellers espeak-ng, ellers festival)',
  },
  'cli.speaker.opt.device': {
    en: 'audio output device for the headphones (see tokenkit audio devices; default: saved, else the system default)',
    da: 'lydenhed til hovedtelefonerne (se tokenkit audio devices; standard: gemt, ellers systemets standard)',
  },
  'cli.speaker.opt.noSpeech': { en: 'audio reader without sound', da: 'kodeoplæser uden lyd' },
  'cli.speaker.silent': {
    en: 'No speech: {reason}. The reader keeps working silently.',
    da: 'Ingen tale: {reason}. Oplæseren fortsætter uden lyd.',
  },
});

export interface SpeakerOptions {
  voice?: string;
  device?: string;
  /** False with --no-speech. */
  speech: boolean;
}

/** --voice, --device and --no-speech, for every command that runs an audio code reader. */
export function addSpeakerOptions(cmd: Command, lang: Lang): Command {
  return cmd
    .option('--voice <name>', t(lang, 'cli.speaker.opt.voice'))
    .option('--device <name>', t(lang, 'cli.speaker.opt.device'))
    .option('--no-speech', t(lang, 'cli.speaker.opt.noSpeech'));
}

/** The one line that tells a person why the reader is silent (no engine, no player). */
export function silentReason(error: unknown, lang: Lang): string {
  const reason = error instanceof TokenkitError ? error.localized(lang) : String(error);
  return t(lang, 'cli.speaker.silent', { reason: reason.replace(/\.$/, '') });
}

/**
 * The audio reader's Speaker from the options, the saved audio settings (tokenkit audio default) and
 * the profile's defaults, in that order of precedence. A missing engine or player is not an error here:
 * the reader must keep working, so it comes back as `silent` (one localized line) with no speaker. An
 * unknown voice or device is the user's mistake and throws (exit 2, listing the valid ones).
 */
export async function openSpeaker(
  opts: SpeakerOptions,
  ctx: CliContext,
  defaults: { ratePercent: number; volumePercent: number },
): Promise<{ speaker?: Speaker; silent?: string }> {
  if (!opts.speech) return {};
  const env = ctx.io.env;
  const saved = await readAudioConfig(env);
  const voice = opts.voice !== undefined ? parseVoice(opts.voice) : saved.voice;
  try {
    // With no aplay installed resolving the device is a missing player (silent), not a bad name.
    const device = opts.device !== undefined ? await resolveDevice(opts.device, { env }) : saved.device;
    const speaker = await createSpeaker({
      lang: ctx.lang,
      env,
      ...(voice !== undefined ? { voice } : {}),
      ...(device !== undefined ? { device } : {}),
      volumePercent: saved.volumePercent ?? defaults.volumePercent,
      ratePercent: saved.ratePercent ?? defaults.ratePercent,
    });
    return { speaker };
  } catch (error) {
    if (!(error instanceof TokenkitError) || error.name !== 'SpeechUnavailableError') throw error;
    return { silent: silentReason(error, ctx.lang) };
  }
}
