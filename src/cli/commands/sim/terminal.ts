import type { Command } from 'commander';
import type { StoredSecret } from '../../../../firmware-sim/index';
import { t } from '../../../i18n/index';
import { buildOtpauthUri } from '../../../otp/index';
import { readAudioConfig } from '../../../speech/index';
import { validateUser } from '../../../store/index';
import type { CliContext } from '../../context';
import { EXIT } from '../../exit-codes';
import { printQr } from '../../render';
import { simBoardSetup } from '../../sim-options';
import { openSpeaker } from '../../speaker-options';
import { withCliStore } from '../../store';
import type { SimOptions } from './options';

/** `tokenkit sim` in the terminal: the drawn (or --plain) token, with the audio reader's speaker. */
export async function runTerminal(
  opts: SimOptions,
  ctx: CliContext,
  command: Command,
  langGiven: boolean,
): Promise<void> {
  const { io } = ctx;
  const setup = simBoardSetup(opts, io.env);
  const { profile } = setup;
  // The audio reader starts in the saved language (tokenkit audio default --lang) unless --lang is given.
  const lang =
    opts.speech && !langGiven && profile.speech ? ((await readAudioConfig(io.env)).lang ?? ctx.lang) : ctx.lang;
  const { runTerminalBoard, practiceSecret } = await import('../../../sim/index');
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
