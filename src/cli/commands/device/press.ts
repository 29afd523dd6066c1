import type { Command } from 'commander';
import { t } from '../../../i18n/index';
import type { CliContext } from '../../context';
import { render } from '../../render';
import { addTargetOptions, type DeviceTargetOptions, withDevice } from './target';

export function registerPress(device: Command, ctx: CliContext): void {
  const { lang } = ctx;
  addTargetOptions(device.command('press').description(t(lang, 'cli.device.press.description')), lang)
    .option('--long', t(lang, 'cli.device.opt.long'))
    .option('--json', t(lang, 'cli.opt.json'))
    .action(async (opts: DeviceTargetOptions & { long?: boolean; json?: boolean }) => {
      const result = await withDevice(opts, ctx, (client) => client.press({ long: opts.long ?? false }));
      render(
        ctx,
        opts,
        result.kind === 'code'
          ? { code: result.code, step: result.step, remainingMs: result.remainingMs }
          : { code: null, long: opts.long ?? false },
        () =>
          result.kind === 'code'
            ? result.code
            : t(lang, opts.long ? 'cli.device.press.long' : 'cli.device.press.noCode'),
      );
    });
}
