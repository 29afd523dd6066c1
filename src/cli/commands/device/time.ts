import { type Command, Option } from 'commander';
import { t } from '../../../i18n/index';
import type { CliContext } from '../../context';
import { EXIT } from '../../exit-codes';
import { parseTimeMs } from '../../parse-values';
import { fixed, formatOffsetMs, render, round3 } from '../../render';
import { addTargetOptions, type DeviceTargetOptions, withDevice } from './target';

export function registerTime(device: Command, ctx: CliContext): void {
  const { lang } = ctx;
  addTargetOptions(device.command('time').description(t(lang, 'cli.device.time.description')), lang)
    .addOption(new Option('--set <time>', t(lang, 'cli.device.opt.set')))
    .option('--force', t(lang, 'cli.device.opt.force'))
    .option('--json', t(lang, 'cli.opt.json'))
    .action(async (opts: DeviceTargetOptions & { set?: string; force?: boolean; json?: boolean }) => {
      const target =
        opts.set === undefined
          ? undefined
          : opts.set.trim().toLowerCase() === 'now'
            ? ('now' as const)
            : parseTimeMs(opts.set, '--set');
      const { reading, adjusted } = await withDevice(
        opts,
        ctx,
        async (client) => {
          // Read first: the round trip it measures compensates SET_TIME 'now'.
          const first = await client.getTime();
          if (target === undefined) return { reading: first, adjusted: undefined };
          const result = await client.setTime(target, { force: opts.force ?? false });
          return { reading: await client.getTime(), adjusted: result.adjusted };
        },
        { setsClock: target !== undefined },
      );
      // A refused soft set did not do what was asked: not a success (the line says to add --force).
      if (adjusted === false) ctx.exitCode = EXIT.NOT_VALID;
      const data = {
        deviceMs: reading.deviceMs,
        hostMs: round3(reading.hostMs),
        offsetMs: round3(reading.offsetMs),
        uncertaintyMs: round3(reading.uncertaintyMs),
        rttMs: round3(reading.rttMs),
        ...(adjusted !== undefined ? { adjusted } : {}),
      };
      render(ctx, opts, data, () => [
        ...(adjusted === true ? [t(lang, 'cli.device.time.set')] : []),
        ...(adjusted === false ? [t(lang, 'cli.device.time.notSet')] : []),
        t(lang, 'cli.device.time.line', {
          device: new Date(reading.deviceMs).toISOString(),
          offset: formatOffsetMs(lang, reading.offsetMs),
          uncertainty: fixed(lang, reading.uncertaintyMs),
        }),
      ]);
    });
}
