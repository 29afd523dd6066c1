import type { Command } from 'commander';
import { t } from '../../../i18n/index';
import type { CliContext } from '../../context';
import { render } from '../../render';

export function registerList(device: Command, ctx: CliContext): void {
  const { lang } = ctx;
  device
    .command('list')
    .description(t(lang, 'cli.device.list.description'))
    .option('--all', t(lang, 'cli.device.opt.all'))
    .option('--json', t(lang, 'cli.opt.json'))
    .action(async (opts: { all?: boolean; json?: boolean }) => {
      const { discoverBoards } = await import('../../../device/index');
      const found = await discoverBoards(ctx.io.env, opts.all ?? false);
      const data = found.map((p) => ({
        transport: p.transport,
        path: p.path,
        vendorId: p.vendorId ?? null,
        productId: p.productId ?? null,
        serialNumber: p.serialNumber ?? null,
        manufacturer: p.manufacturer ?? null,
        board: p.board?.id ?? null,
        profile: p.board?.profile ?? null,
        mode: p.board?.mode ?? null,
      }));
      render(ctx, opts, data, () =>
        found.length === 0
          ? t(lang, 'cli.device.list.none')
          : found.map((p) => {
              const ids = p.vendorId && p.productId ? `${p.vendorId}:${p.productId}` : '-';
              const board = p.board
                ? `${p.board.id} (${p.board.profile}, ${p.board.mode})`
                : t(lang, 'cli.device.list.unknown');
              return `${p.path}  ${p.transport}  ${ids}  ${board}${p.serialNumber ? `  ${p.serialNumber}` : ''}`;
            }),
      );
    });
}
