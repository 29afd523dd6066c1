import { type Command, Option } from 'commander';
import type { StoredSecret } from '../../../firmware-sim/index';
import { t } from '../../i18n/index';
import { buildOtpauthUri } from '../../otp/index';
import { DEFAULT_PROFILE_ID, PROFILE_IDS, resolveProfile } from '../../profiles/index';
import { readAudioConfig } from '../../speech/index';
import { validateUser } from '../../store/index';
import type { CliContext } from '../context';
import { UsageError } from '../errors';
import { EXIT } from '../exit-codes';
import { printQr } from '../render';
import { addSecretOptions } from '../secret-options';
import { runBoardUntilInterrupted, type SimBoardOptions, simBoardSetup } from '../sim-options';
import { addSpeakerOptions, openSpeaker, type SpeakerOptions } from '../speaker-options';
import { withCliStore } from '../store';
import type { RegisterCommand } from './index';

interface SimOptions extends SimBoardOptions, SpeakerOptions {
  serial?: boolean;
  hid?: boolean;
  link?: string;
  headless?: boolean;
  plain?: boolean;
  showSecret?: boolean;
  qr?: boolean;
  register?: string;
}

async function runTerminal(opts: SimOptions, ctx: CliContext, command: Command, langGiven: boolean): Promise<void> {
  const { io } = ctx;
  const setup = simBoardSetup(opts, io.env);
  const { profile } = setup;
  // The audio reader starts in the saved language (tokenkit audio default --lang) unless --lang is given.
  const lang =
    opts.speech && !langGiven && profile.speech ? ((await readAudioConfig(io.env)).lang ?? ctx.lang) : ctx.lang;
  const { runTerminalBoard, practiceSecret } = await import('../../sim/index');
  const { secret, flashPath } = await practiceSecret(setup, io.env);
  if (opts.register !== undefined) await registerPracticeToken(opts.register, secret, command, { ...ctx, lang });
  if (opts.showSecret || opts.qr) {
    const uri = buildOtpauthUri({
      secret: secret.secret,
      issuer: 'tokenkit',
      account: profile.id,
      algorithm: secret.algorithm,
      digits: secret.digits,
      periodSec: secret.periodSec,
    });
    io.stdout(`${t(lang, 'sim.showSecret', { uri })}\n`);
    if (opts.qr) await printQr(ctx, uri);
  }
  const { speaker, silent } = profile.speech ? await openSpeaker(opts, { ...ctx, lang }, profile.speech) : {};
  const stdin = io.stdin as (NodeJS.ReadStream & { isTTY?: boolean }) | undefined;
  const drawn = !opts.plain && io.isTTY && Boolean(stdin?.isTTY);
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  ctx.signal.addEventListener('abort', onAbort);
  // A pipe that ends (echo | tokenkit sim --plain) ends the simulator.
  stdin?.on('end', onAbort);
  try {
    const ending = await runTerminalBoard({
      ...setup,
      secret,
      ...(flashPath ? { flashPath } : {}),
      lang,
      input: stdin ?? { on() {}, off() {} },
      output: drawn ? process.stdout : { write: (s: string) => io.stdout(s) },
      plain: !drawn,
      color: ctx.color,
      signal: stop.signal,
      ...(speaker ? { speaker } : {}),
      ...(silent ? { status: silent } : {}),
    });
    if (ending === 'interrupted') ctx.exitCode = EXIT.INTERRUPTED;
  } finally {
    stdin?.off('end', onAbort);
    ctx.signal.removeEventListener('abort', onAbort);
    await speaker?.close();
  }
}

/**
 * `sim --register USER`: the practice token goes into the store for USER in one step, so `token verify`
 * (and the practice site) check its codes. Again with the same token is fine; another token for USER is
 * refused as `token add` refuses it.
 */
async function registerPracticeToken(
  user: string,
  secret: StoredSecret,
  command: Command,
  ctx: CliContext,
): Promise<void> {
  validateUser(user);
  await withCliStore(command, ctx, (store) => {
    const existing = store.get(user);
    const same =
      existing !== undefined &&
      existing.kind === 'totp' &&
      Buffer.from(existing.secret).equals(Buffer.from(secret.secret)) &&
      existing.algorithm === secret.algorithm &&
      existing.digits === secret.digits &&
      existing.periodSec === secret.periodSec &&
      existing.t0Sec === secret.t0Sec;
    if (!same) store.add({ user, kind: 'totp', ...secret, issuer: 'tokenkit' });
    ctx.io.stdout(`${t(ctx.lang, same ? 'sim.registeredAlready' : 'sim.registered', { user, path: store.path })}\n`);
  });
}

async function runOnWire(opts: SimOptions, ctx: CliContext): Promise<void> {
  const setup = simBoardSetup(opts, ctx.io.env);
  const spec = { ...setup, ...(opts.link ? { link: opts.link } : {}) };
  const profile = setup.profile.id;
  if (opts.hid) {
    const { startHidSim } = await import('../../sim/index');
    await runBoardUntilInterrupted(
      ctx,
      opts,
      (onEvent) => startHidSim(spec, onEvent, ctx.io.env),
      (sim) => {
        if (!opts.link) ctx.print(sim.socketPath);
        if (!opts.headless)
          ctx.print(
            t(ctx.lang, 'cli.simHid.ready', { profile, vidpid: sim.vidPid, serial: sim.serial, path: sim.socketPath }),
          );
      },
      (sim) => sim.socketPath,
    );
    return;
  }
  const { startSerialSim } = await import('../../sim/index');
  await runBoardUntilInterrupted(
    ctx,
    opts,
    (onEvent) => startSerialSim({ ...spec, registerIn: ctx.io.env }, onEvent),
    (sim) => {
      if (!opts.link) ctx.print(sim.hostPath);
      if (!opts.headless)
        ctx.print(t(ctx.lang, 'cli.simSerial.ready', { profile, serial: sim.serial, path: sim.hostPath }));
    },
    (sim) => sim.hostPath,
  );
}

export const register: RegisterCommand = (program, ctx) => {
  const { lang } = ctx;
  const cmd = program
    .command('sim')
    .description(t(lang, 'sim.description'))
    .addOption(
      new Option('--profile <id>', t(lang, 'sim.opt.profile', { ids: PROFILE_IDS.join(', ') })).default(
        DEFAULT_PROFILE_ID,
      ),
    )
    .option('--serial', t(lang, 'sim.opt.serial'))
    .option('--hid', t(lang, 'sim.opt.hid'))
    .option('--link <path>', t(lang, 'sim.opt.link'))
    .option('--headless', t(lang, 'sim.opt.headless'))
    .addOption(new Option('--mode <mode>', t(lang, 'sim.opt.mode')).choices(['smart', 'display']))
    .option('--start-time <time>', t(lang, 'sim.opt.startTime'))
    .option('--drift-ppm <ppm>', t(lang, 'sim.opt.driftPpm'))
    .option('--plain', t(lang, 'sim.opt.plain'))
    .option('--show-secret', t(lang, 'sim.opt.showSecret'))
    .option('--qr', t(lang, 'sim.opt.qr'))
    .addOption(new Option('--register <user>', t(lang, 'sim.opt.register')))
    .addOption(new Option('--firmware <kind>', t(lang, 'cli.simAvr.opt.firmware')).choices(['ts', 'avr']));
  addSpeakerOptions(cmd, lang);
  addSecretOptions(cmd, lang, { params: false });
  cmd.action(async (opts: SimOptions & { firmware?: string }, command: Command) => {
    if (opts.firmware === 'avr') return (await import('../sim-avr')).runAvrSim(opts, ctx);
    if (opts.mode !== undefined && !opts.serial)
      throw new UsageError('sim.error.serialOnly', { option: '--mode', with: '--serial' });
    // Only the terminal's audio reader speaks: elsewhere these options would be silently ignored.
    if (opts.serial || opts.hid || !resolveProfile(opts.profile).speech) {
      for (const [flag, given] of [
        ['--voice', opts.voice !== undefined],
        ['--device', opts.device !== undefined],
        ['--no-speech', !opts.speech],
      ] as const) {
        if (given) throw new UsageError('sim.error.speakerOnly', { option: flag });
      }
    }
    if (opts.hid && opts.serial) throw new UsageError('sim.error.hidAndSerial');
    if (opts.serial || opts.hid) {
      for (const [flag, on] of [
        ['--register', opts.register],
        ['--qr', opts.qr],
      ] as const)
        if (on !== undefined) throw new UsageError('sim.error.terminalOnly', { option: flag });
      return runOnWire(opts, ctx);
    }
    for (const [flag, on] of [
      ['--link', opts.link],
      ['--headless', opts.headless],
    ] as const) {
      if (on !== undefined) throw new UsageError('sim.error.serialOnly', { option: flag, with: '--serial / --hid' });
    }
    await runTerminal(opts, ctx, command, command.optsWithGlobals<{ lang?: string }>().lang !== undefined);
  });
};
