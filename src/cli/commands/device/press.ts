import type { Command } from 'commander';
import { t } from '../../../i18n/index';
import { MessageType } from '../../../protocol/index';
import type { CliContext } from '../../context';
import { render } from '../../render';
import { addTargetOptions, type DeviceTargetOptions, withDevice } from './target';

/** How long a long press waits for the board's BATTERY event after the reply (it is sent before it). */
const BATTERY_WAIT_MS = 500;

export function registerPress(device: Command, ctx: CliContext): void {
  const { lang } = ctx;
  addTargetOptions(device.command('press').description(t(lang, 'cli.device.press.description')), lang)
    .option('--long', t(lang, 'cli.device.opt.long'))
    .option('--json', t(lang, 'cli.opt.json'))
    .action(async (opts: DeviceTargetOptions & { long?: boolean; json?: boolean }) => {
      const long = opts.long ?? false;
      let serial = '';
      let battery: { percent: number; low: boolean } | undefined;
      const result = await withDevice(opts, ctx, async (client) => {
        serial = client.info.serial;
        // A long press shows the status; the board reports its battery as an event beside the reply.
        const gotBattery = new Promise<void>((resolve) => {
          const stop = client.onEvent((event) => {
            if (event.type !== MessageType.BATTERY) return;
            battery = { percent: event.percent, low: event.low };
            stop();
            resolve();
          });
          setTimeout(() => (stop(), resolve()), BATTERY_WAIT_MS).unref();
        });
        const outcome = await client.press({ long });
        if (long) await gotBattery;
        return outcome;
      });
      render(
        ctx,
        opts,
        result.kind === 'code'
          ? { code: result.code, step: result.step, remainingMs: result.remainingMs }
          : {
              code: null,
              long,
              ...(long ? { serial, batteryPercent: battery?.percent ?? null, batteryLow: battery?.low ?? null } : {}),
            },
        () =>
          result.kind === 'code'
            ? result.code
            : long
              ? t(lang, 'cli.device.press.long', {
                  serial,
                  battery: battery
                    ? `${battery.percent}%${battery.low ? t(lang, 'cli.sim.low') : ''}`
                    : t(lang, 'cli.device.press.batteryUnknown'),
                })
              : t(lang, 'cli.device.press.noCode'),
      );
    });
}
