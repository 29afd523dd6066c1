import { type Command, Option } from 'commander';
import { type Clock, SystemClock } from '../../clock';
import { type Lang, t } from '../../i18n/index';
import { buildOtpauthUri, generateSecret } from '../../otp/index';
import {
  type NewToken,
  openTokenStore,
  type SqliteTokenStore,
  StoreError,
  type TokenRecord,
  validateUser,
} from '../../store/index';
import { type TokenResyncResult, TokenVerifier, type TokenVerifyResult, VERIFIER_DEFAULTS } from '../../verify/index';
import type { CliContext } from '../context';
import { UsageError } from '../errors';
import { EXIT } from '../exit-codes';
import { parseDurationMs } from '../parse-values';
import {
  addSecretOptions,
  counterFromOption,
  otpParamsFromOptions,
  type RawSecretOptions,
  secretFromOptions,
} from '../secret-options';
import type { RegisterCommand } from './index';

interface AddOpts extends RawSecretOptions {
  generate?: boolean;
  hotp?: boolean;
  counter?: string;
  issuer?: string;
  showSecret?: boolean;
  json?: boolean;
}

interface VerifyOpts {
  time?: string;
  lockout?: string;
  json?: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
const DEFAULT_ISSUER = 'tokenkit';
const MAX_LOCKOUT_MS = 31 * 86_400_000;

/** Opens the store named by --store (a global option), TOKENKIT_STORE or the XDG default. */
function openStore(cmd: Command, ctx: CliContext, clock?: Clock): SqliteTokenStore {
  const { store } = cmd.optsWithGlobals<{ store?: string }>();
  const storeClock = clock ?? ctx.io.clock;
  return openTokenStore({ path: store, env: ctx.io.env, ...(storeClock ? { clock: storeClock } : {}) });
}

function withStore<T>(cmd: Command, ctx: CliContext, fn: (store: SqliteTokenStore) => T, clock?: Clock): T {
  const store = openStore(cmd, ctx, clock);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

/** The code as the token shows it: spaces and dashes dropped, exactly `digits` digits, else bad input (not a guess). */
function normalizeCode(code: string, token: TokenRecord): string {
  const clean = code.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(clean) || clean.length !== token.digits) {
    throw new UsageError('cli.token.error.codeFormat', {
      code: code.slice(0, 16),
      digits: token.digits,
      user: token.user,
    });
  }
  return clean;
}

/** Public fields of a token for list/add output: never the secret. */
function tokenJson(token: TokenRecord) {
  return {
    user: token.user,
    type: token.kind,
    algorithm: token.algorithm,
    digits: token.digits,
    periodSec: token.periodSec,
    t0Sec: token.t0Sec,
    ...(token.kind === 'hotp' ? { counter: token.counter } : { driftSteps: token.driftSteps }),
    issuer: token.issuer,
    lastStep: token.lastStep,
    failureCount: token.failureCount,
    lockedUntilMs: token.lockedUntilMs,
    lastUsedAtMs: token.lastUsedAtMs,
    createdAtMs: token.createdAtMs,
    updatedAtMs: token.updatedAtMs,
  };
}

function uriFor(token: NewToken): string {
  return buildOtpauthUri({
    type: token.kind,
    secret: token.secret,
    account: token.user,
    issuer: token.issuer ?? DEFAULT_ISSUER,
    algorithm: token.algorithm,
    digits: token.digits,
    ...(token.kind === 'hotp' ? { counter: token.counter ?? 0 } : { periodSec: token.periodSec }),
  });
}

function registerAdd(group: Command, ctx: CliContext): void {
  const { lang } = ctx;
  const cmd = group
    .command('add')
    .description(t(lang, 'cli.token.add.description'))
    .argument('<user>', t(lang, 'cli.token.arg.user'))
    .option('--generate', t(lang, 'cli.token.opt.generate'));
  addSecretOptions(cmd, lang);
  cmd
    .option('--hotp', t(lang, 'cli.token.opt.hotp'))
    .addOption(new Option('--counter <n>', t(lang, 'cli.token.opt.counter')))
    .addOption(new Option('--issuer <name>', t(lang, 'cli.token.opt.issuer')))
    .option('--show-secret', t(lang, 'cli.token.opt.showSecret'))
    .option('--json', t(lang, 'cli.opt.json'))
    .action((user: string, opts: AddOpts, command: Command) => {
      validateUser(user);
      const given = (['secret', 'secretHex', 'uri'] as const).filter((k) => opts[k] !== undefined);
      let token: NewToken;
      if (opts.generate) {
        if (given.length > 0) {
          const flag = { secret: '--secret', secretHex: '--secret-hex', uri: '--uri' };
          throw new UsageError('cli.token.error.generateConflict', { given: given.map((k) => flag[k]).join(', ') });
        }
        token = { user, kind: opts.hotp ? 'hotp' : 'totp', secret: generateSecret(), ...otpParamsFromOptions(opts) };
      } else {
        if (given.length === 0 && !(ctx.io.env.TOKENKIT_SECRET ?? '').trim())
          throw new UsageError('cli.token.error.noSecret');
        const r = secretFromOptions(opts, ctx.io.env);
        const kind = opts.hotp || r.type === 'hotp' ? 'hotp' : 'totp';
        token = {
          user,
          kind,
          secret: r.secret,
          algorithm: r.algorithm,
          digits: r.digits,
          periodSec: r.periodSec,
          t0Sec: r.t0Sec,
        };
        if (kind === 'hotp' && r.counter !== undefined) token.counter = r.counter;
        if (r.issuer !== undefined) token.issuer = r.issuer;
      }
      if (opts.counter !== undefined) {
        if (token.kind !== 'hotp') throw new UsageError('cli.token.error.counterNeedsHotp');
        token.counter = counterFromOption(opts.counter);
      }
      if (opts.issuer !== undefined) token.issuer = opts.issuer;
      const showUri = Boolean(opts.generate || opts.showSecret);
      // Built before storing: a user name the URI format cannot hold fails here with nothing stored.
      const uri = showUri ? uriFor(token) : undefined;
      const stored = withStore(command, ctx, (store) => store.add(token));
      if (opts.json) {
        ctx.printJson({ ...tokenJson(stored), ...(uri ? { uri } : {}) });
        return;
      }
      const period = stored.kind === 'totp' ? t(lang, 'cli.token.out.period', { periodSec: stored.periodSec }) : '';
      ctx.print(
        t(lang, 'cli.token.out.added', {
          kind: stored.kind.toUpperCase(),
          user,
          algorithm: stored.algorithm,
          digits: stored.digits,
          period,
        }),
      );
      if (uri) {
        ctx.print(t(lang, 'cli.token.out.uriHint'));
        ctx.print(uri);
        if (stored.kind === 'totp' && stored.t0Sec !== 0)
          ctx.print(t(lang, 'cli.token.out.t0Note', { t0Sec: stored.t0Sec }));
      }
    });
}

function pad(cells: string[][]): string[] {
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
}

function registerList(group: Command, ctx: CliContext): void {
  const { lang } = ctx;
  group
    .command('list')
    .description(t(lang, 'cli.token.list.description'))
    .option('--json', t(lang, 'cli.opt.json'))
    .action((opts: { json?: boolean }, command: Command) => {
      const { tokens, path } = withStore(command, ctx, (store) => ({ tokens: store.list(), path: store.path }));
      if (opts.json) {
        ctx.printJson({ store: path, tokens: tokens.map(tokenJson) });
        return;
      }
      if (tokens.length === 0) {
        ctx.print(t(lang, 'cli.token.out.empty', { path }));
        return;
      }
      const nowMs = Date.now();
      const head = t(lang, 'cli.token.out.listHead').split('  ');
      const rows = tokens.map((tk) => [
        tk.user,
        tk.kind,
        tk.algorithm,
        String(tk.digits),
        tk.kind === 'totp' ? `${tk.periodSec} s` : `#${tk.counter}`,
        tk.lastUsedAtMs === null ? t(lang, 'cli.token.out.never') : iso(tk.lastUsedAtMs),
        String(tk.failureCount),
        tk.lockedUntilMs !== null && tk.lockedUntilMs > nowMs
          ? iso(tk.lockedUntilMs)
          : t(lang, 'cli.token.out.notLocked'),
      ]);
      for (const line of pad([head, ...rows])) ctx.print(line);
    });
}

function registerRemove(group: Command, ctx: CliContext): void {
  const { lang } = ctx;
  group
    .command('remove')
    .description(t(lang, 'cli.token.remove.description'))
    .argument('<user>', t(lang, 'cli.token.arg.user'))
    .option('--json', t(lang, 'cli.opt.json'))
    .action((user: string, opts: { json?: boolean }, command: Command) => {
      validateUser(user);
      const removed = withStore(command, ctx, (store) => store.remove(user));
      if (!removed) throw new StoreError('notFound', 'store.error.notFound', { user });
      if (opts.json) ctx.printJson({ user, removed });
      else ctx.print(t(lang, 'cli.token.out.removed', { user }));
    });
}

function verifyOptions(cmd: Command, lang: Lang): Command {
  return cmd
    .addOption(new Option('--time <T>').hideHelp()) // refused with a line that says why (runVerifier)
    .addOption(new Option('--lockout <duration>', t(lang, 'cli.token.opt.lockout')))
    .option('--json', t(lang, 'cli.opt.json'));
}

/** The clock of stateful commands: the real one (tests inject theirs through CliIo). */
const clockOf = (ctx: CliContext): Clock => ctx.io.clock ?? new SystemClock();

/** Runs one verifier call on a token, on the real clock: a made-up --time would write made-up state. */
function runVerifier<R>(
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

function report(
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

function registerVerify(group: Command, ctx: CliContext): void {
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

function registerResync(group: Command, ctx: CliContext): void {
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

function registerUnlock(group: Command, ctx: CliContext): void {
  const { lang } = ctx;
  group
    .command('unlock')
    .description(t(lang, 'cli.token.unlock.description'))
    .argument('<user>', t(lang, 'cli.token.arg.user'))
    .option('--json', t(lang, 'cli.opt.json'))
    .action((user: string, opts: { json?: boolean }, command: Command) => {
      validateUser(user);
      const clock = clockOf(ctx);
      const { wasLocked, repaired } = withStore(
        command,
        ctx,
        (store) => new TokenVerifier({ store, clock }).unlock(user),
        clock,
      );
      if (opts.json) ctx.printJson({ user, unlocked: true, wasLocked, ...(repaired.length > 0 ? { repaired } : {}) });
      else {
        ctx.print(t(lang, wasLocked ? 'cli.token.out.unlocked' : 'cli.token.out.wasNotLocked', { user }));
        if (repaired.length > 0) ctx.print(t(lang, 'cli.token.out.repaired', { fields: repaired.join(', ') }));
      }
    });
}

export const register: RegisterCommand = (program, ctx) => {
  const { lang } = ctx;
  const group = program
    .command('token')
    .description(t(lang, 'cli.token.description'))
    .addHelpText('after', `\n${t(lang, 'cli.token.help.practice')}`);
  registerAdd(group, ctx);
  registerList(group, ctx);
  registerRemove(group, ctx);
  registerVerify(group, ctx);
  registerResync(group, ctx);
  registerUnlock(group, ctx);
  for (const sub of group.commands) sub.addHelpText('after', `\n${t(lang, 'cli.token.help.practice')}`);
};
