import { type Command, Option } from 'commander';
import { t } from '../../../i18n/index';
import {
  checkRate,
  checkVolume,
  configPath,
  DEFAULT_DEVICE,
  listAudioDevices,
  parseVoice,
  RATE_DEFAULT_PERCENT,
  readAudioConfig,
  resolveDevice,
  updateAudioConfig,
  VOLUME_DEFAULT_PERCENT,
} from '../../../speech/index';
import type { CliContext } from '../../context';
import { UsageError } from '../../errors';
import { speechLang, wholeNumber } from './shared';

/** tokenkit audio devices | default: the reader's outputs and saved settings. */
export function registerAudio(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
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
}
