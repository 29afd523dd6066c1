import { type Command, Option } from 'commander';
import type { FlashBoardResult, FlashProgress, ProvisionKey } from '../../device/index';
import { type Lang, t } from '../../i18n/index';
import { encodeBase32, generateSecret } from '../../otp/index';
import { BOARDS, getProfile } from '../../profiles/index';
import type { CliContext } from '../context';
import { UsageError } from '../errors';
import { parseInteger } from '../parse-values';
import { fixed, render } from '../render';
import { openCliStore } from '../store';
import { warnAboutClock } from './device/target';
import { chooseImage, imageData, loadFlashModule } from './firmware-image';

interface FlashOptions {
  board: string;
  port?: string;
  hex?: string;
  generate?: boolean;
  register?: string;
  showSecret?: boolean;
  timeout?: string;
  verbose?: boolean;
  json?: boolean;
}

export function registerFlash(firmware: Command, ctx: CliContext): void {
  const { lang } = ctx;
  const choices = BOARDS.filter((b) => b.flash).map((b) => b.id);
  firmware
    .command('flash')
    .description(t(lang, 'cli.firmware.flash.description'))
    .addOption(
      new Option(
        '--board <id>',
        t(lang, 'cli.firmware.opt.board', { choices: choices.join(', ') }),
      ).makeOptionMandatory(),
    )
    .option('--port <path>', t(lang, 'cli.firmware.opt.port'))
    .option('--hex <file>', t(lang, 'cli.firmware.opt.hex'))
    .option('--generate', t(lang, 'cli.firmware.opt.generate'))
    .option('--register <user>', t(lang, 'cli.firmware.opt.register'))
    .option('--show-secret', t(lang, 'cli.device.opt.showSecret'))
    .option('--timeout <ms>', t(lang, 'cli.device.opt.timeout'))
    .option('--verbose', t(lang, 'cli.firmware.opt.verbose'))
    .option('--json', t(lang, 'cli.opt.json'))
    .action(async (opts: FlashOptions, command: Command) => {
      const lib = await loadFlashModule();
      // Everything that can be refused is refused before avrdude touches the board.
      const board = lib.flashBoardById(opts.board, BOARDS);
      if (opts.register !== undefined && !opts.generate)
        throw new UsageError('cli.firmware.error.registerNeedsGenerate');
      if (opts.showSecret && !opts.generate) throw new UsageError('cli.firmware.error.showSecretNeedsGenerate');
      const timeoutMs = opts.timeout !== undefined ? parseInteger(opts.timeout, '--timeout', 1, 600_000) : undefined;
      const image = await chooseImage(opts.hex, board.flash!.firmware);
      const port = opts.port ?? (await lib.onlyFlashablePort());
      const profile = getProfile(board.profile);
      const key: ProvisionKey | undefined = opts.generate
        ? {
            kind: 'totp',
            secret: generateSecret({ bytes: 20 }),
            algorithm: profile.algorithm,
            digits: profile.digits,
            periodSec: profile.periodSec,
            t0Sec: profile.t0Sec,
          }
        : undefined;
      const store = opts.register !== undefined ? await openCliStore(command, ctx) : undefined;
      try {
        if (store && opts.register !== undefined) lib.checkUserFree(store, opts.register);
        if (!opts.json)
          ctx.print(
            t(lang, 'cli.firmware.flash.start', {
              firmware: image.shipped?.id ?? image.path,
              version: imageData(image).version ?? '',
              board: board.id,
              port,
            }),
          );
        const result = await lib.flashBoard({
          board,
          port,
          firmware: image,
          env: ctx.io.env,
          ...(timeoutMs ? { timeoutMs } : {}),
          ...(key
            ? { provision: { key, ...(store && opts.register ? { register: { store, user: opts.register } } : {}) } }
            : {}),
          onProgress: (p) => {
            if (p.stage === 'avrdude' && opts.verbose) ctx.io.stderr(`${p.line}\n`);
            if (opts.json || p.stage === 'avrdude') return;
            ctx.print(progressLine(lang, p));
          },
        });
        const secret = opts.showSecret && key ? encodeBase32(key.secret) : undefined;
        const data = {
          port,
          board: board.id,
          firmware: imageData(image),
          flashMs: Math.round(result.flashMs),
          bootWaitMs: Math.round(result.bootWaitMs),
          serial: result.info.serial,
          deviceMs: result.clock.deviceMs,
          provisioned: result.provisioned,
          registered: opts.register ?? null,
          ...(secret ? { secret } : {}),
        };
        warnAboutClock(ctx, result.info, true);
        render(ctx, opts, data, () => doneLines(lang, port, result, opts.register, secret));
      } finally {
        store?.close();
      }
    });
}

function progressLine(lang: Lang, p: Exclude<FlashProgress, { stage: 'avrdude' }>): string {
  switch (p.stage) {
    case 'flashed':
      return t(lang, 'cli.firmware.flash.flashed', { bytes: p.bytes ?? '?', seconds: fixed(lang, p.flashMs / 1000) });
    case 'booted':
      return t(lang, 'cli.firmware.flash.booted', {
        serial: p.info.serial,
        version: p.info.firmwareVersion,
        seconds: fixed(lang, p.bootMs / 1000),
      });
    case 'clock-set':
      return t(lang, 'cli.firmware.flash.clock', { time: new Date(p.result.deviceMs).toISOString() });
    case 'provisioned':
      return t(lang, 'cli.device.provision.done', { port: p.info.port, serial: p.info.serial });
  }
}

function doneLines(
  lang: Lang,
  port: string,
  r: FlashBoardResult,
  user: string | undefined,
  secret: string | undefined,
) {
  return [
    ...(user !== undefined ? [t(lang, 'cli.device.provision.registered', { user })] : []),
    ...(secret ? [t(lang, 'cli.device.provision.secret', { secret })] : []),
    ...(r.provisioned && user === undefined && !secret ? [t(lang, 'cli.device.provision.notShown')] : []),
    t(lang, r.provisioned ? 'cli.firmware.flash.done' : 'cli.firmware.flash.noSecret', { port }),
  ];
}
