import { t } from '../../../i18n/index';
import type { RegisterCommand } from '../index';
import { registerAdd } from './add';
import { registerList, registerRemove } from './list';
import { registerUnlock } from './unlock';
import { registerResync, registerVerify } from './verify';

export const register: RegisterCommand = (program, ctx) => {
  const { lang } = ctx;
  const group = program
    .command('token')
    .description(t(lang, 'cli.token.description'))
    .addHelpText('after', `\n${t(lang, 'cli.token.help.practice')}`);
  registerAdd(group, ctx);
  registerList(group, ctx);
  registerRemove(group, ctx);
  registerVerify(group, ctx);
  registerResync(group, ctx);
  registerUnlock(group, ctx);
  for (const sub of group.commands) sub.addHelpText('after', `\n${t(lang, 'cli.token.help.practice')}`);
};
