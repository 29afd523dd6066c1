import type { Command } from 'commander';
import { t } from '../../../i18n/index';
import { StoreError, validateUser } from '../../../store/index';
import type { CliContext } from '../../context';
import { iso, tokenJson, withStore } from './shared';

export function pad(cells: string[][]): string[] {
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
}

export function registerList(group: Command, ctx: CliContext): void {
  const { lang } = ctx;
  group
    .command('list')
    .description(t(lang, 'cli.token.list.description'))
    .option('--json', t(lang, 'cli.opt.json'))
    .action((opts: { json?: boolean }, command: Command) => {
      const { tokens, path } = withStore(command, ctx, (store) => ({ tokens: store.list(), path: store.path }));
      if (opts.json) {
        ctx.printJson({ store: path, tokens: tokens.map(tokenJson) });
        return;
      }
      if (tokens.length === 0) {
        ctx.print(t(lang, 'cli.token.out.empty', { path }));
        return;
      }
      const nowMs = Date.now();
      const head = t(lang, 'cli.token.out.listHead').split('  ');
      const rows = tokens.map((tk) => [
        tk.user,
        tk.kind,
        tk.algorithm,
        String(tk.digits),
        tk.kind === 'totp' ? `${tk.periodSec} s` : `#${tk.counter}`,
        tk.lastUsedAtMs === null ? t(lang, 'cli.token.out.never') : iso(tk.lastUsedAtMs),
        String(tk.failureCount),
        tk.lockedUntilMs !== null && tk.lockedUntilMs > nowMs
          ? iso(tk.lockedUntilMs)
          : t(lang, 'cli.token.out.notLocked'),
      ]);
      for (const line of pad([head, ...rows])) ctx.print(line);
    });
}

export function registerRemove(group: Command, ctx: CliContext): void {
  const { lang } = ctx;
  group
    .command('remove')
    .description(t(lang, 'cli.token.remove.description'))
    .argument('<user>', t(lang, 'cli.token.arg.user'))
    .option('--json', t(lang, 'cli.opt.json'))
    .action((user: string, opts: { json?: boolean }, command: Command) => {
      validateUser(user);
      const removed = withStore(command, ctx, (store) => store.remove(user));
      if (!removed) throw new StoreError('notFound', 'store.error.notFound', { user });
      if (opts.json) ctx.printJson({ user, removed });
      else ctx.print(t(lang, 'cli.token.out.removed', { user }));
    });
}
