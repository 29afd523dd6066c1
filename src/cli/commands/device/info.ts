import type { Command } from 'commander';
import { t } from '../../../i18n/index';
import { CAPABILITY } from '../../../protocol/index';
import type { CliContext } from '../../context';
import { render } from '../../render';
import { addTargetOptions, type DeviceTargetOptions, withDevice } from './target';

const CAPABILITY_NAMES = Object.entries(CAPABILITY) as [string, number][];
function capabilityList(bits: number): string[] {
  return CAPABILITY_NAMES.filter(([, bit]) => (bits & bit) !== 0).map(([name]) => name.toLowerCase().replace('_', '-'));
}

export function registerInfo(device: Command, ctx: CliContext): void {
  const { lang } = ctx;
  addTargetOptions(device.command('info').description(t(lang, 'cli.device.info.description')), lang)
    .option('--json', t(lang, 'cli.opt.json'))
    .action(async (opts: DeviceTargetOptions & { json?: boolean }) => {
      const info = await withDevice(opts, ctx, async (client) => client.info);
      const capabilities = capabilityList(info.capabilities);
      const yesNo = (b: boolean) => t(lang, b ? 'cli.device.yes' : 'cli.device.no');
      render(ctx, opts, { ...info, capabilities, capabilityBits: info.capabilities }, () => [
        t(lang, 'cli.device.info.port', { value: info.port }),
        t(lang, 'cli.device.info.serial', { value: info.serial }),
        t(lang, 'cli.device.info.profile', { value: info.profileId }),
        t(lang, 'cli.device.info.mode', { value: t(lang, `cli.device.mode.${info.mode}`) }),
        t(lang, 'cli.device.info.firmware', { value: info.firmwareVersion }),
        t(lang, 'cli.device.info.protocol', { value: info.protocolVersion }),
        t(lang, 'cli.device.info.provisioned', { value: yesNo(info.provisioned) }),
        t(lang, 'cli.device.info.capabilities', { value: capabilities.join(', ') }),
      ]);
    });
}
