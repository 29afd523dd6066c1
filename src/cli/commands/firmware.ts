import type { Command } from 'commander';
import { t } from '../../i18n/index';
import { BOARDS } from '../../profiles/index';
import type { CliContext } from '../context';
import { fixed, render } from '../render';
import { registerFlash } from './firmware-flash';
import { chooseImage, FLASH_BYTES, imageData, loadFlashModule } from './firmware-image';
import type { RegisterCommand } from './index';

function registerList(firmware: Command, ctx: CliContext): void {
  const { lang } = ctx;
  firmware
    .command('list')
    .description(t(lang, 'cli.firmware.list.description'))
    .option('--json', t(lang, 'cli.opt.json'))
    .action(async (opts: { json?: boolean }) => {
      const { listShippedFirmware, prebuiltDir, flashableBoards } = await loadFlashModule();
      const shipped = listShippedFirmware();
      const boards = flashableBoards(BOARDS);
      const data = {
        firmware: shipped.map((f) => ({ id: f.id, hex: f.hexPath, ...f.manifest, boards: f.boards.map((b) => b.id) })),
        boards: boards.map((b) => ({ id: b.id, name: b.name, bootMs: b.bootMs ?? null, ...b.flash })),
      };
      render(ctx, opts, data, () => [
        ...(shipped.length === 0 ? [t(lang, 'cli.firmware.list.none', { dir: prebuiltDir() })] : []),
        ...shipped.map((f) =>
          t(lang, 'cli.firmware.list.firmware', {
            id: f.id,
            version: f.manifest.version ?? t(lang, 'cli.firmware.unknownVersion'),
            sha: (f.manifest.sha256 ?? '?').slice(0, 12),
            boards: f.boards.map((b) => b.id).join(', '),
          }),
        ),
        t(lang, 'cli.firmware.list.boards'),
        ...boards.map((b) =>
          t(lang, 'cli.firmware.list.board', {
            id: b.id,
            name: b.name,
            baud: b.flash!.baudRate,
            bootMs: b.bootMs ?? 0,
          }),
        ),
      ]);
    });
}

function registerInfo(firmware: Command, ctx: CliContext): void {
  const { lang } = ctx;
  firmware
    .command('info')
    .description(t(lang, 'cli.firmware.info.description'))
    .option('--hex <file>', t(lang, 'cli.firmware.opt.hex'))
    .option('--json', t(lang, 'cli.opt.json'))
    .action(async (opts: { hex?: string; json?: boolean }) => {
      const f = await chooseImage(opts.hex, BOARDS.find((b) => b.flash)!.flash!.firmware);
      const data = imageData(f);
      render(ctx, opts, data, () => [
        t(lang, 'cli.firmware.info.file', { value: f.path }),
        t(lang, 'cli.firmware.info.version', { value: data.version ?? t(lang, 'cli.firmware.unknownVersion') }),
        t(lang, 'cli.firmware.info.profile', { value: f.profileId }),
        t(lang, 'cli.firmware.info.sha256', { value: f.sha256 }),
        t(lang, 'cli.firmware.info.size', {
          bytes: data.flashBytes,
          max: FLASH_BYTES,
          percent: fixed(lang, (100 * data.flashBytes) / FLASH_BYTES),
        }),
        ...(data.sizes
          ? [
              t(lang, 'cli.firmware.info.sizes', {
                value: Object.entries(data.sizes)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(', '),
              }),
            ]
          : []),
        f.shipped
          ? t(lang, 'cli.firmware.info.shipped', { id: f.shipped.id })
          : t(lang, 'cli.firmware.info.notShipped'),
      ]);
    });
}

export const register: RegisterCommand = (program, ctx) => {
  const firmware = program.command('firmware').description(t(ctx.lang, 'cli.firmware.description'));
  registerList(firmware, ctx);
  registerInfo(firmware, ctx);
  registerFlash(firmware, ctx);
};
