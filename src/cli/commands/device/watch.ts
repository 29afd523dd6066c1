import type { Command } from 'commander';
import type { WatchEvent } from '../../../device/index';
import { TokenkitError } from '../../../errors';
import { t } from '../../../i18n/index';
import { keySpec, type OtpKeySpec } from '../../../otp/index';
import { MessageType } from '../../../protocol/index';
import type { CliContext } from '../../context';
import { UsageError } from '../../errors';
import { clockTime, renderEvent } from '../../render';
import { addSecretOptions, givenSecretFlags, type RawSecretOptions, secretFromOptions } from '../../secret-options';
import { addSpeakerOptions, openSpeaker, type SpeakerOptions } from '../../speaker-options';
import { withCliStore } from '../../store';
import { eventLine } from './event-line';
import { addTargetOptions, type DeviceTargetOptions, parseTarget } from './target';

type WatchOptions = DeviceTargetOptions & SpeakerOptions & RawSecretOptions & { user?: string; json?: boolean };

/** The key a display board's codes come from: --user from the store, or the secret options; none is fine. */
async function hostKeyFromOptions(
  opts: WatchOptions,
  command: Command,
  ctx: CliContext,
): Promise<OtpKeySpec | undefined> {
  const secretFlagGiven = givenSecretFlags(opts).length > 0;
  if (opts.user !== undefined) {
    if (secretFlagGiven) throw new UsageError('cli.device.error.userAndSecret');
    const user = opts.user;
    return withCliStore(command, ctx, async (store) => {
      const token = store.get(user);
      if (!token)
        throw new (await import('../../../store/index')).StoreError('notFound', 'store.error.notFound', { user });
      return keySpec(token);
    });
  }
  if (!secretFlagGiven) return undefined;
  const r = secretFromOptions(opts, ctx.io.env);
  return keySpec(r);
}

function renderWatch(ctx: CliContext, opts: WatchOptions, e: WatchEvent): void {
  const { lang } = ctx;
  const problem = (error: unknown) => (error instanceof TokenkitError ? error.localized(lang) : String(error));
  switch (e.kind) {
    case 'connected':
      renderEvent(ctx, opts, { event: 'connected', atMs: e.atMs, port: e.port, serial: e.serial }, () =>
        t(lang, 'cli.device.watch.start', { port: e.port, serial: e.serial }),
      );
      break;
    case 'need-key':
      ctx.io.stderr(`${t(lang, 'cli.device.watch.needKey')}\n`);
      break;
    case 'driving':
      if (!opts.json) ctx.print(t(lang, 'cli.device.watch.driving'));
      break;
    case 'display':
      renderEvent(ctx, opts, { event: 'display', atMs: e.atMs, code: e.code, remainingMs: e.remainingMs }, () =>
        t(lang, 'cli.device.watch.pushed', {
          time: clockTime(e.atMs),
          code: e.code,
          seconds: Math.ceil(e.remainingMs / 1000),
        }),
      );
      break;
    case 'board': {
      const { type, requestId: _id, ...fields } = e.event;
      renderEvent(ctx, opts, { event: MessageType[type].toLowerCase(), atMs: e.atMs, ...fields }, () =>
        eventLine(lang, e.event, e.atMs),
      );
      break;
    }
    case 'disconnected':
      renderEvent(ctx, opts, { event: e.kind, atMs: e.atMs }, () =>
        t(lang, 'cli.device.event.disconnected', { time: clockTime(e.atMs) }),
      );
      break;
    case 'reconnected': {
      const changed = e.info.serial !== e.previousSerial;
      renderEvent(
        ctx,
        opts,
        {
          event: e.kind,
          atMs: e.atMs,
          serial: e.info.serial,
          ...(changed ? { previousSerial: e.previousSerial, profileId: e.info.profileId, mode: e.info.mode } : {}),
          changedBoard: changed,
        },
        () =>
          changed
            ? t(lang, 'cli.device.event.reconnectedOther', {
                time: clockTime(e.atMs),
                serial: e.info.serial,
                previous: e.previousSerial,
              })
            : t(lang, 'cli.device.event.reconnected', { time: clockTime(e.atMs) }),
      );
      break;
    }
    case 'display-error':
      ctx.io.stderr(`${t(lang, 'cli.error.prefix', { message: problem(e.error) })}\n`);
      break;
    case 'speech-error':
      void import('../../../speech/index').then(({ silentReason }) =>
        ctx.io.stderr(`${silentReason(e.error, lang)}\n`),
      );
  }
}

export function registerWatch(device: Command, ctx: CliContext): void {
  const { lang } = ctx;
  const cmd = addSpeakerOptions(
    addTargetOptions(device.command('watch').description(t(lang, 'cli.device.watch.description')), lang),
    lang,
  )
    .option('--user <name>', t(lang, 'cli.device.opt.user'))
    .option('--json', t(lang, 'cli.opt.json'));
  addSecretOptions(cmd, lang);
  cmd.action(async (opts: WatchOptions, command: Command) => {
    if (ctx.signal.aborted) return;
    // Read the key before opening the port, so a wrong user or secret stops here with nothing opened.
    const hostKey = await hostKeyFromOptions(opts, command, ctx);
    const { target, client: clientOpts } = parseTarget(opts, ctx);
    const { openBoard, watchBoard } = await import('../../../device/index');
    // Watching is long-lived: reconnect when the board is unplugged and comes back.
    const client = await openBoard(target, { ...clientOpts, reconnect: true, reconnectWaitMs: 365 * 86_400_000 });
    try {
      await watchBoard(client, {
        ...(hostKey ? { hostKey } : {}),
        // An audio code reader board speaks on this computer's headphones: the board only shows digits.
        openSpeaker: async (speech) => {
          const { speaker, silent } = await openSpeaker(opts, ctx, speech);
          if (silent) ctx.io.stderr(`${silent}\n`);
          return speaker;
        },
        onEvent: (e) => renderWatch(ctx, opts, e),
        signal: ctx.signal,
      });
    } finally {
      await client.close();
    }
  });
}
