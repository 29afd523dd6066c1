import { writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { formatNumber, isLang, LANGS, type Lang, t } from '../../i18n/index';
import {
  checkRate,
  checkVolume,
  chooseBackend,
  composeCode,
  configPath,
  DEFAULT_DEVICE,
  durationMs,
  encodeWav,
  listAudioDevices,
  parseVoice,
  RATE_DEFAULT_PERCENT,
  REMAINING_MAX_SEC,
  readAudioConfig,
  resolveDevice,
  SpeechError,
  SpeechInputError,
  updateAudioConfig,
  utteranceText,
  VOLUME_DEFAULT_PERCENT,
  type VoiceName,
} from '../../speech/index';
import type { CliContext } from '../context';
import { UsageError } from '../errors';
import type { RegisterCommand } from './index';

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

function wholeNumber(
  value: string | undefined,
  field: 'rate' | 'volume' | 'remaining',
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d{1,5}$/.test(value.trim())) {
    const n = Number(value.trim());
    // Range errors are the composer's, so the library and the CLI say the same thing.
    if (field !== 'remaining' || n <= max) return n;
  }
  const key =
    field === 'rate'
      ? 'speech.error.badRate'
      : field === 'volume'
        ? 'speech.error.badVolume'
        : 'speech.error.badRemaining';
  throw new SpeechInputError(field, key, { value, min, max });
}

function speechLang(value: string | undefined, saved: Lang | undefined, ctx: CliContext): Lang {
  if (value === undefined) return saved ?? ctx.lang;
  if (isLang(value)) return value;
  throw new SpeechInputError('lang', 'speech.error.badLang', { value, valid: LANGS.join(', ') });
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

  const audio = program.command('audio').description(t(lang, 'cli.audio.description'));
  audio
    .command('devices')
    .description(t(lang, 'cli.audio.devices.description'))
    .option('--json', t(lang, 'cli.opt.json'))
    .action(async (opts: { json?: boolean }) => {
      const env = ctx.io.env;
      const [listed, saved] = await Promise.all([listAudioDevices({ env }), readAudioConfig(env)]);
      // The library's description of 'default' is English; ALSA's own descriptions are the system's.
      const devices = listed.map((d) =>
        d.name === DEFAULT_DEVICE ? { ...d, description: t(ctx.lang, 'cli.audio.devices.systemDefault') } : d,
      );
      if (opts.json) {
        ctx.printJson(devices.map((d) => ({ ...d, saved: d.name === saved.device })));
        return;
      }
      const width = Math.max(...devices.map((d) => d.name.length));
      for (const d of devices)
        ctx.print(`${d.name === saved.device ? '*' : ' '} ${d.name.padEnd(width)}  ${d.description}`);
    });
  audio
    .command('default')
    .description(t(lang, 'cli.audio.default.description'))
    .argument('[device]', t(lang, 'cli.audio.default.arg'))
    .option('--clear', t(lang, 'cli.audio.default.clear'))
    .addOption(new Option('--voice <voice>', t(lang, 'cli.audio.default.voice')))
    .addOption(new Option('--rate <percent>', t(lang, 'cli.speak.opt.rate')))
    .addOption(new Option('--volume <percent>', t(lang, 'cli.speak.opt.volume')))
    .action(
      async (
        device: string | undefined,
        opts: { clear?: boolean; voice?: string; rate?: string; volume?: string },
        cmd: Command,
      ) => {
        const env = ctx.io.env;
        const file = configPath(env);
        const speechLangOpt = cmd.optsWithGlobals<{ lang?: string }>().lang;
        const patch: Record<string, unknown> = {};
        if (opts.voice !== undefined) patch.voice = parseVoice(opts.voice);
        if (opts.rate !== undefined) patch.ratePercent = checkRate(wholeNumber(opts.rate, 'rate', 50, 200)!);
        if (opts.volume !== undefined) patch.volumePercent = checkVolume(wholeNumber(opts.volume, 'volume', 0, 100)!);
        // With --clear, --lang only chooses the language of this command's messages.
        if (opts.clear && (Object.keys(patch).length > 0 || device !== undefined))
          throw new UsageError('cli.audio.default.clearAndSet');
        if (speechLangOpt !== undefined && !opts.clear) patch.lang = speechLang(speechLangOpt, undefined, ctx);
        if (opts.clear) {
          await updateAudioConfig(
            { device: undefined, voice: undefined, ratePercent: undefined, volumePercent: undefined, lang: undefined },
            env,
          );
          ctx.print(t(ctx.lang, 'cli.audio.default.cleared'));
          return;
        }
        if (device !== undefined) patch.device = await resolveDevice(device, { env });
        const saved = Object.keys(patch).length > 0 ? await updateAudioConfig(patch, env) : await readAudioConfig(env);
        if (Object.keys(patch).length > 0) ctx.print(t(ctx.lang, 'cli.audio.default.saved', { file }));
        ctx.print(
          saved.device
            ? t(ctx.lang, 'cli.audio.default.current', { device: saved.device })
            : t(ctx.lang, 'cli.audio.default.none'),
        );
        ctx.print(
          t(ctx.lang, 'cli.audio.default.settings', {
            voice: saved.voice ?? 'espeak',
            lang: saved.lang ?? '-',
            rate: saved.ratePercent ?? RATE_DEFAULT_PERCENT,
            volume: saved.volumePercent ?? VOLUME_DEFAULT_PERCENT,
          }),
        );
      },
    );
};
