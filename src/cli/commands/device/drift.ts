import { type Command, Option } from 'commander';
import { t } from '../../../i18n/index';
import type { CliContext } from '../../context';
import { parseDurationMs, parseInteger } from '../../parse-values';
import { fixed, formatOffsetMs, render, round3 } from '../../render';
import { addTargetOptions, type DeviceTargetOptions, withDevice } from './target';

/** A crystal is good to about ±20 ppm: an error bar wider than this says little about the board. */
const USEFUL_UNCERTAINTY_PPM = 10;

export function registerDrift(device: Command, ctx: CliContext): void {
  const { lang } = ctx;
  addTargetOptions(device.command('drift').description(t(lang, 'cli.device.drift.description')), lang)
    .addOption(new Option('--duration <d>', t(lang, 'cli.device.opt.duration')))
    .addOption(new Option('--interval <ms>', t(lang, 'cli.device.opt.interval')))
    .option('--json', t(lang, 'cli.opt.json'))
    .action(async (opts: DeviceTargetOptions & { duration?: string; interval?: string; json?: boolean }) => {
      const durationMs =
        opts.duration !== undefined ? parseDurationMs(opts.duration, '--duration', 7 * 86_400_000, '7d') : 60_000;
      const intervalMs = opts.interval !== undefined ? parseInteger(opts.interval, '--interval', 10, 3_600_000) : 1000;
      const { checkDriftRun, durationForUncertaintyMs, measureDrift } = await import('../../../device/index');
      // Refused before the port is opened: one or two reads give a slope with no error bar.
      checkDriftRun(durationMs, intervalMs);
      const fit = await withDevice(opts, ctx, (client) =>
        measureDrift(client, { durationMs, intervalMs, signal: ctx.signal }),
      );
      const finite = Number.isFinite(fit.driftUncertaintyPpm);
      const longerMs =
        !finite || fit.driftUncertaintyPpm > USEFUL_UNCERTAINTY_PPM
          ? durationForUncertaintyMs(fit, USEFUL_UNCERTAINTY_PPM)
          : undefined;
      const data = {
        samples: fit.samples,
        spanMs: round3(fit.spanMs),
        offsetMs: round3(fit.offsetMs),
        uncertaintyMs: round3(fit.maxUncertaintyMs),
        driftPpm: round3(fit.driftPpm),
        driftUncertaintyPpm: finite ? round3(fit.driftUncertaintyPpm) : null,
        residualMs: round3(fit.residualMs),
      };
      render(ctx, opts, data, () => [
        t(lang, 'cli.device.drift.result', {
          offset: formatOffsetMs(lang, fit.offsetMs),
          uncertainty: fixed(lang, fit.maxUncertaintyMs),
          ppm: fixed(lang, fit.driftPpm),
          ppmUncertainty: finite ? fixed(lang, fit.driftUncertaintyPpm) : '∞',
          perDay: fixed(lang, (fit.driftPpm * 86_400) / 1e6, 2),
          samples: fit.samples,
          seconds: fixed(lang, fit.spanMs / 1000),
          residual: fixed(lang, fit.residualMs, 2),
        }),
        ...(longerMs !== undefined && Number.isFinite(longerMs)
          ? [
              t(lang, 'cli.device.drift.longer', {
                target: USEFUL_UNCERTAINTY_PPM,
                seconds: Math.ceil(longerMs / 1000),
              }),
            ]
          : []),
      ]);
    });
}
