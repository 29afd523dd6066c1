import { type Command, Option } from 'commander';
import type { BoardTarget, DeviceClient, DeviceClientOptions } from '../../../device/index';
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

/** Runs `work` with the named board open (no reconnect) and always closes it. */
export async function withDevice<T>(
  opts: DeviceTargetOptions,
  ctx: CliContext,
  work: (client: DeviceClient) => Promise<T>,
): Promise<T> {
  const { target, client } = parseTarget(opts, ctx);
  const { withBoard } = await import('../../../device/index');
  return withBoard(target, client, work);
}
