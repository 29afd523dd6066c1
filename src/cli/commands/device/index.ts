import { t } from '../../../i18n/index';
import type { RegisterCommand } from '../index';
import { registerDrift } from './drift';
import { registerInfo } from './info';
import { registerList } from './list';
import { registerPress } from './press';
import { registerProvision } from './provision';
import { registerTime } from './time';
import { registerWatch } from './watch';

/** `tokenkit device`: one file per subcommand; each parses, calls one src/device workflow, renders. */
export const register: RegisterCommand = (program, ctx) => {
  const device = program.command('device').description(t(ctx.lang, 'cli.device.description'));
  registerList(device, ctx);
  registerInfo(device, ctx);
  registerProvision(device, ctx);
  registerTime(device, ctx);
  registerPress(device, ctx);
  registerWatch(device, ctx);
  registerDrift(device, ctx);
};
