import { writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { formatNumber, t } from '../../../i18n/index';
import {
  chooseBackend,
  composeCode,
  durationMs,
  encodeWav,
  parseVoice,
  REMAINING_MAX_SEC,
  readAudioConfig,
  resolveDevice,
  SpeechError,
  utteranceText,
  type VoiceName,
} from '../../../speech/index';
import type { CliContext } from '../../context';
import { UsageError } from '../../errors';
import type { RegisterCommand } from '../index';
import { registerAudio } from './audio';
import { speechLang, wholeNumber } from './shared';

interface SpeakOptions {
  lang?: string;
  voice?: string;
  rate?: string;
  volume?: string;
  device?: string;
  wav?: string;
  remaining?: string;
  beep?: boolean;
  text?: boolean;
}

async function speak(codeArg: string, opts: SpeakOptions, ctx: CliContext): Promise<void> {
  if (opts.wav !== undefined && opts.device !== undefined) throw new UsageError('cli.speak.error.wavAndDevice');
  const env = ctx.io.env;
  const saved = await readAudioConfig(env);
  const lang = speechLang(opts.lang, saved.lang, ctx);
  const voice: VoiceName | undefined = opts.voice !== undefined ? parseVoice(opts.voice) : saved.voice;
  const utterance = composeCode(codeArg, {
    lang,
    ratePercent: wholeNumber(opts.rate, 'rate', 50, 200) ?? saved.ratePercent,
    volumePercent: wholeNumber(opts.volume, 'volume', 0, 100) ?? saved.volumePercent,
    remainingSec: wholeNumber(opts.remaining, 'remaining', 0, REMAINING_MAX_SEC),
    beep: opts.beep ?? false,
  });
  const { backend, fellBackFrom } = await chooseBackend({ voice, lang, env });
  if (fellBackFrom) ctx.io.stderr(`${t(ctx.lang, 'cli.speak.fellBack', { voice: fellBackFrom })}\n`);
  if (opts.text) ctx.print(utteranceText(utterance));
  if (opts.wav !== undefined) {
    const wav = await backend.synthesize(utterance, { signal: ctx.signal });
    try {
      await writeFile(opts.wav, encodeWav(wav));
    } catch (error) {
      throw new SpeechError('speech.error.wavWrite', {
        file: opts.wav,
        detail: (error as Error).message.replace(/^\w+: /, ''),
      });
    }
    ctx.print(
      t(ctx.lang, 'cli.speak.wrote', {
        file: opts.wav,
        seconds: formatNumber(ctx.lang, durationMs(wav) / 1000, 1),
        engine: backend.name,
      }),
    );
    return;
  }
  const device = opts.device !== undefined ? await resolveDevice(opts.device, { env }) : saved.device;
  await backend.speak(utterance, { device, signal: ctx.signal });
}

export const register: RegisterCommand = (program: Command, ctx: CliContext) => {
  const { lang } = ctx;
  program
    .command('speak')
    .description(t(lang, 'cli.speak.description'))
    .argument('<code...>', t(lang, 'cli.speak.arg.code'))
    .addOption(new Option('--voice <voice>', t(lang, 'cli.speak.opt.voice')))
    .addOption(new Option('--rate <percent>', t(lang, 'cli.speak.opt.rate')))
    .addOption(new Option('--volume <percent>', t(lang, 'cli.speak.opt.volume')))
    .addOption(new Option('--device <device>', t(lang, 'cli.speak.opt.device')))
    .addOption(new Option('--wav <file>', t(lang, 'cli.speak.opt.wav')))
    .addOption(new Option('--remaining <seconds>', t(lang, 'cli.speak.opt.remaining')))
    .option('--beep', t(lang, 'cli.speak.opt.beep'))
    .option('--text', t(lang, 'cli.speak.opt.text'))
    .action(async (code: string[], _opts: SpeakOptions, cmd: Command) => {
      await speak(code.join(' '), cmd.optsWithGlobals<SpeakOptions>(), ctx);
    });
  registerAudio(program, ctx);
};
