import { renderDisplayBlocks } from '../../firmware-sim/avr/index';
import { untilAborted } from '../clock';
import { t } from '../i18n/index';
import type { CliContext } from './context';
import { UsageError } from './errors';
import { EXIT } from './exit-codes';
import { type SimBoardOptions, simBoardSetup } from './sim-options';

export interface AvrSimOptions extends SimBoardOptions {
  serial?: boolean;
  hid?: boolean;
  link?: string;
  headless?: boolean;
  plain?: boolean;
  register?: string;
  qr?: boolean;
  showSecret?: boolean;
  voice?: string;
  device?: string;
  /** false with --no-speech. */
  speech?: boolean;
}

/**
 * `tokenkit sim --firmware avr`: the shipped C firmware in avr8js. With --serial it serves a socat pty (every
 * `tokenkit device` command works against it); otherwise this terminal shows its decoded 8-digit display and
 * the keyboard is its button. The practice token's secret (or --secret/--uri) is provisioned at start.
 */
export async function runAvrSim(opts: AvrSimOptions, ctx: CliContext): Promise<void> {
  for (const [flag, given] of [
    ['--hid', opts.hid],
    ['--mode', opts.mode],
    ['--drift-ppm', opts.driftPpm],
    // Options of the TypeScript sim's terminal and speech, which the C firmware's board does not have.
    ['--register', opts.register],
    ['--qr', opts.qr],
    ['--show-secret', opts.showSecret],
    ['--voice', opts.voice],
    ['--device', opts.device],
    ['--no-speech', opts.speech === false ? true : undefined],
  ] as const)
    if (given !== undefined && given !== false) throw new UsageError('cli.simAvr.error.unsupported', { option: flag });
  const setup = simBoardSetup(opts, ctx.io.env);
  const { practiceSecret, bootAvrBoard, startAvrSerialSim } = await import('../sim/index');
  const secret = setup.secret ?? (await practiceSecret(setup, ctx.io.env)).secret;
  const board = bootAvrBoard(setup.startMs !== undefined ? { startMs: setup.startMs } : {});
  // The practice token's key goes onto the chip over its own UART, as `device provision` would put it.
  const { DeviceClient } = await import('../device/index');
  try {
    const client = await DeviceClient.overLink(board.link, { timeoutMs: 3000 });
    try {
      await client.provision(secret);
    } finally {
      await client.close();
    }
  } catch (error) {
    await board.close();
    throw error;
  }
  board.reconnect(); // the client closed that host link; the chip runs on
  if (opts.serial) {
    const sim = await startAvrSerialSim(board, opts.link ? { link: opts.link } : {});
    try {
      if (!opts.link) ctx.print(sim.hostPath);
      if (!opts.headless) ctx.print(t(ctx.lang, 'cli.simAvr.ready', { path: sim.hostPath }));
      await untilAborted(ctx.signal);
    } finally {
      await sim.stop();
    }
    return;
  }
  const stdin = ctx.io.stdin as (NodeJS.ReadStream & { isTTY?: boolean }) | undefined;
  const drawn = !opts.plain && ctx.io.isTTY && Boolean(stdin?.isTTY);
  const quit = new AbortController();
  const onAbort = () => quit.abort();
  ctx.signal.addEventListener('abort', onAbort);
  const show = () => {
    const d = board.display;
    if (drawn)
      ctx.io.stdout(`\x1b[H\x1b[2J${t(ctx.lang, 'cli.simAvr.keys')}\n\n${renderDisplayBlocks(d).join('\n')}\n`);
    else ctx.print(d.on ? t(ctx.lang, 'cli.simAvr.shows', { digits: d.digits }) : t(ctx.lang, 'cli.simAvr.off'));
  };
  const offDisplay = board.onDisplay(show);
  const onKey = (chunk: Buffer | string) => {
    for (const ch of chunk.toString()) {
      if (ch === ' ' || ch === '\r' || ch === '\n') board.press();
      else if (ch === 'q' || ch === '\x03') {
        // Ctrl-C typed in raw mode is a key, not SIGINT: still an interruption (exit 130), as in sim.
        if (ch === '\x03') ctx.exitCode = EXIT.INTERRUPTED;
        quit.abort();
      }
    }
  };
  if (drawn) stdin?.setRawMode?.(true);
  stdin?.on('data', onKey);
  stdin?.on('end', onAbort);
  try {
    if (!drawn) ctx.print(t(ctx.lang, 'cli.simAvr.keys'));
    show();
    await untilAborted(quit.signal);
  } finally {
    stdin?.off('data', onKey);
    stdin?.off('end', onAbort);
    if (drawn) stdin?.setRawMode?.(false);
    stdin?.pause();
    ctx.signal.removeEventListener('abort', onAbort);
    offDisplay();
    await board.close();
  }
}
