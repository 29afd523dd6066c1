import type { Command } from 'commander';
import { t } from '../../../i18n/index';
import { validateUser } from '../../../store/index';
import { TokenVerifier } from '../../../verify/index';
import type { CliContext } from '../../context';
import { withStore } from './shared';
import { clockOf } from './verify';

/** `token unlock USER`: clears a lockout, and repairs state a wrong clock left behind (TokenVerifier.unlock). */
export function registerUnlock(group: Command, ctx: CliContext): void {
  const { lang } = ctx;
  group
    .command('unlock')
    .description(t(lang, 'cli.token.unlock.description'))
    .argument('<user>', t(lang, 'cli.token.arg.user'))
    .option('--json', t(lang, 'cli.opt.json'))
    .action((user: string, opts: { json?: boolean }, command: Command) => {
      validateUser(user);
      const clock = clockOf(ctx);
      const { wasLocked, repaired } = withStore(
        command,
        ctx,
        (store) => new TokenVerifier({ store, clock }).unlock(user),
        clock,
      );
      if (opts.json) ctx.printJson({ user, unlocked: true, wasLocked, ...(repaired.length > 0 ? { repaired } : {}) });
      else {
        ctx.print(t(lang, wasLocked ? 'cli.token.out.unlocked' : 'cli.token.out.wasNotLocked', { user }));
        if (repaired.length > 0) ctx.print(t(lang, 'cli.token.out.repaired', { fields: repaired.join(', ') }));
      }
    });
}
