import type { Command } from 'commander';
import { type Lang, t } from '../i18n/index';
import type { SpeechDefaults } from '../profiles/index';
import { openReaderSpeaker, type Speaker, speechDefaults } from '../speech/index';
import type { CliContext } from './context';

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

/** The reader's Speaker for these options and a profile's speech defaults (src/speech openReaderSpeaker). */
export function openSpeaker(
  opts: SpeakerOptions,
  ctx: Pick<CliContext, 'lang' | 'io'>,
  defaults: Pick<SpeechDefaults, 'rate' | 'volume'>,
): Promise<{ speaker?: Speaker; silent?: string }> {
  return openReaderSpeaker({
    speech: opts.speech,
    ...(opts.voice !== undefined ? { voice: opts.voice } : {}),
    ...(opts.device !== undefined ? { device: opts.device } : {}),
    lang: ctx.lang,
    env: ctx.io.env,
    defaults: speechDefaults(defaults),
  });
}
