import { type Command, Option } from 'commander';
import type { BoardTarget, DeviceClient, DeviceClientOptions, DeviceInfo } from '../../../device/index';
import { type Lang, t } from '../../../i18n/index';
import { trafficSinkFromEnv } from '../../../link/index';
import type { CliContext } from '../../context';
import { parseInteger } from '../../parse-values';

/** How a command names its board: --port, --hid, --baud, --timeout as commander hands them over. */
export interface DeviceTargetOptions {
  port?: string;
  hid?: string;
  baud?: string;
  timeout?: string;
  bootWait?: string;
}

/** --port, --hid, --baud, --timeout on a device command. */
export function addTargetOptions(cmd: Command, lang: Lang): Command {
  return cmd
    .addOption(new Option('--port <path>', t(lang, 'cli.device.opt.port')))
    .addOption(new Option('--hid <target>', t(lang, 'cli.device.opt.hid')))
    .addOption(new Option('--baud <rate>', t(lang, 'cli.device.opt.baud')))
    .addOption(new Option('--timeout <ms>', t(lang, 'cli.device.opt.timeout')))
    .addOption(new Option('--boot-wait <ms>', t(lang, 'cli.device.opt.bootWait')));
}

/**
 * The parsed target and client options: every value is checked before any port is touched, whichever
 * transport ends up used. TOKENKIT_DEBUG=traffic logs the traffic on stderr.
 */
export function parseTarget(
  opts: DeviceTargetOptions,
  ctx: CliContext,
): { target: BoardTarget; client: DeviceClientOptions & { env: NodeJS.ProcessEnv } } {
  const timeoutMs = opts.timeout !== undefined ? parseInteger(opts.timeout, '--timeout', 1, 600_000) : undefined;
  const baudRate = opts.baud !== undefined ? parseInteger(opts.baud, '--baud', 300, 4_000_000) : undefined;
  const bootMs = opts.bootWait !== undefined ? parseInteger(opts.bootWait, '--boot-wait', 0, 60_000) : undefined;
  const traffic = trafficSinkFromEnv(ctx.io.env, ctx.io.stderr);
  return {
    target: {
      ...(opts.port !== undefined ? { port: opts.port } : {}),
      ...(bootMs !== undefined ? { bootMs } : {}),
      ...(opts.hid !== undefined ? { hid: opts.hid } : {}),
      ...(baudRate ? { baudRate } : {}),
    },
    client: { env: ctx.io.env, ...(timeoutMs ? { timeoutMs } : {}), ...(traffic ? { traffic } : {}) },
  };
}

/**
 * Runs `work` with the named board open (no reconnect) and always closes it. A board that says its clock
 * cannot be trusted (INFO clockFlags) gets a warning on stderr naming the command that fixes it; `setsClock`
 * (device time --set) leaves out the "not set" one, which that command just fixed.
 */
export async function withDevice<T>(
  opts: DeviceTargetOptions,
  ctx: CliContext,
  work: (client: DeviceClient) => Promise<T>,
  { setsClock = false }: { setsClock?: boolean } = {},
): Promise<T> {
  const { target, client } = parseTarget(opts, ctx);
  const { withBoard } = await import('../../../device/index');
  let info: DeviceInfo | undefined;
  const result = await withBoard(target, client, (c) => {
    info = c.info;
    return work(c);
  });
  if (info) warnAboutClock(ctx, info, setsClock);
  return result;
}

/** One warning line when the board's clock is unset or has no RTC behind it (stderr, never in --json data). */
export function warnAboutClock(ctx: CliContext, info: DeviceInfo, setsClock = false): void {
  if (info.clock?.unreliable) ctx.io.stderr(`${t(ctx.lang, 'cli.device.warn.clockUnreliable', { port: info.port })}\n`);
  else if (info.clock?.unset && !setsClock)
    ctx.io.stderr(`${t(ctx.lang, 'cli.device.warn.clockUnset', { port: info.port })}\n`);
}
