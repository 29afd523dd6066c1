import { type Command, Option } from 'commander';
import { type Clock, SystemClock } from '../../../clock';
import { type Lang, t } from '../../../i18n/index';
import { StoreError, type TokenRecord, validateUser } from '../../../store/index';
import {
  type TokenResyncResult,
  TokenVerifier,
  type TokenVerifyResult,
  VERIFIER_DEFAULTS,
} from '../../../verify/index';
import type { CliContext } from '../../context';
import { UsageError } from '../../errors';
import { EXIT } from '../../exit-codes';
import { parseDurationMs } from '../../parse-values';
import { iso, MAX_LOCKOUT_MS, normalizeCode, signed, withStore } from './shared';

export interface VerifyOpts {
  time?: string;
  lockout?: string;
  json?: boolean;
}

export function verifyOptions(cmd: Command, lang: Lang): Command {
  return cmd
    .addOption(new Option('--time <T>').hideHelp()) // refused with a line that says why (runVerifier)
    .addOption(new Option('--lockout <duration>', t(lang, 'cli.token.opt.lockout')))
    .option('--json', t(lang, 'cli.opt.json'));
}

/** The clock of stateful commands: the real one (tests inject theirs through CliIo). */
export const clockOf = (ctx: CliContext): Clock => ctx.io.clock ?? new SystemClock();

/** Runs one verifier call on a token, on the real clock: a made-up --time would write made-up state. */
export function runVerifier<R>(
  command: Command,
  ctx: CliContext,
  user: string,
  opts: VerifyOpts,
  call: (verifier: TokenVerifier, token: TokenRecord) => R,
): { result: R; token: TokenRecord } {
  if (opts.time !== undefined) throw new UsageError('cli.token.error.timeRefused', { command: command.name() });
  validateUser(user);
  const lockoutMs =
    opts.lockout !== undefined
      ? parseDurationMs(opts.lockout, '--lockout', MAX_LOCKOUT_MS, '31d')
      : VERIFIER_DEFAULTS.lockoutMs;
  const clock = clockOf(ctx);
  return withStore(
    command,
    ctx,
    (store) => {
      const token = store.get(user);
      if (!token) throw new StoreError('notFound', 'store.error.notFound', { user });
      const verifier = new TokenVerifier({ store, clock, lockoutMs });
      return { result: call(verifier, token), token };
    },
    clock,
  );
}

export function report(
  ctx: CliContext,
  user: string,
  token: TokenRecord,
  result: TokenVerifyResult | TokenResyncResult,
  json: boolean | undefined,
): void {
  const { lang } = ctx;
  ctx.exitCode = result.ok ? EXIT.OK : result.reason === 'locked' ? EXIT.LOCKED : EXIT.NOT_VALID;
  if (json) {
    ctx.printJson({ user, ...result });
    return;
  }
  const hotp = token.kind === 'hotp';
  switch (result.reason) {
    case 'accepted':
      ctx.print(
        t(lang, hotp ? 'cli.token.out.acceptedHotp' : 'cli.token.out.accepted', {
          delta: hotp ? result.delta : signed(result.delta),
          step: result.step,
        }),
      );
      break;
    case 'wrong':
      if (result.lockedUntilMs !== null)
        ctx.print(
          t(lang, 'cli.token.out.wrongLocked', { failures: result.failures, until: iso(result.lockedUntilMs), user }),
        );
      else ctx.print(t(lang, 'cli.token.out.wrong', { failures: result.failures, max: VERIFIER_DEFAULTS.maxFailures }));
      break;
    case 'replayed':
      ctx.print(t(lang, hotp ? 'cli.token.out.replayedHotp' : 'cli.token.out.replayed', { step: result.step }));
      break;
    case 'locked':
      ctx.print(t(lang, 'cli.token.out.locked', { until: iso(result.untilMs), user }));
      break;
    case 'resynced':
      ctx.print(
        hotp
          ? t(lang, 'cli.token.out.resyncedHotp', { step: result.step })
          : t(lang, 'cli.token.out.resynced', { delta: signed(result.delta), step: result.step }),
      );
      break;
    case 'stale':
      ctx.print(t(lang, 'cli.token.out.stale', { step: result.step }));
      break;
  }
}

export function registerVerify(group: Command, ctx: CliContext): void {
  const { lang } = ctx;
  const cmd = group
    .command('verify')
    .description(t(lang, 'cli.token.verify.description'))
    .argument('<user>', t(lang, 'cli.token.arg.user'))
    .argument('<code>', t(lang, 'cli.token.arg.code'));
  verifyOptions(cmd, lang).action((user: string, code: string, opts: VerifyOpts, command: Command) => {
    const { result, token } = runVerifier(command, ctx, user, opts, (verifier, tk) =>
      verifier.verify(user, normalizeCode(code, tk)),
    );
    report(ctx, user, token, result, opts.json);
  });
}

export function registerResync(group: Command, ctx: CliContext): void {
  const { lang } = ctx;
  const cmd = group
    .command('resync')
    .description(t(lang, 'cli.token.resync.description'))
    .argument('<user>', t(lang, 'cli.token.arg.user'))
    .argument('<code1>', t(lang, 'cli.token.arg.code1'))
    .argument('<code2>', t(lang, 'cli.token.arg.code2'));
  verifyOptions(cmd, lang).action((user: string, code1: string, code2: string, opts: VerifyOpts, command: Command) => {
    const { result, token } = runVerifier(command, ctx, user, opts, (verifier, tk) =>
      verifier.resync(user, normalizeCode(code1, tk), normalizeCode(code2, tk)),
    );
    report(ctx, user, token, result, opts.json);
  });
}
