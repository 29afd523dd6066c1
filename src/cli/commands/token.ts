import { type Command, Option } from 'commander';
import { type Clock, SystemClock } from '../../clock';
import { defineMessages, type Lang, t } from '../../i18n/index';
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

export const TOKEN_CLI_MESSAGES = defineMessages({
  'cli.token.description': {
    en: 'practice tokens kept in the store: add, list, remove, verify codes (replay, drift, lockout), resync, unlock',
    da: 'øvelsestokens i lageret: tilføj, vis, fjern, verificér koder (genbrug, afvigelse, spærring), gensynkronisér, lås op',
  },
  'cli.token.help.practice': {
    en: 'Practice tokens only: never enter a real MitID user ID, password or code here. Secrets are kept unencrypted in the store file (mode 0600).',
    da: 'Kun øvelsestokens: indtast aldrig et rigtigt MitID-bruger-id, en adgangskode eller en kode her. Hemmeligheder gemmes ukrypteret i lagerfilen (tilstand 0600).',
  },
  'cli.token.add.description': {
    en: 'add a token for USER from --uri, --secret or --secret-hex, or --generate a new secret (prints its otpauth:// URI)',
    da: 'tilføj et token for BRUGER fra --uri, --secret eller --secret-hex, eller --generate en ny hemmelighed (udskriver dens otpauth://-URI)',
  },
  'cli.token.list.description': {
    en: 'list the tokens in the store (never their secrets)',
    da: 'vis tokens i lageret (aldrig deres hemmeligheder)',
  },
  'cli.token.remove.description': {
    en: "remove USER's token and its state",
    da: 'fjern BRUGERs token og dets tilstand',
  },
  'cli.token.verify.description': {
    en: 'verify a code for USER and record it: exit 0 accepted, 1 wrong or replayed, 3 locked out',
    da: 'verificér en kode for BRUGER og gem udfaldet: afslutningskode 0 godkendt, 1 forkert eller genbrugt, 3 spærret',
  },
  'cli.token.resync.description': {
    en: "resynchronise USER's token from two consecutive codes, searched ±24 h (TOTP) or 1000 counters ahead (HOTP)",
    da: 'gensynkronisér BRUGERs token fra to på hinanden følgende koder, søgt ±24 t (TOTP) eller 1000 tællere frem (HOTP)',
  },
  'cli.token.unlock.description': {
    en: "lift USER's lockout and clear the failure count",
    da: 'ophæv BRUGERs spærring og nulstil antallet af fejl',
  },
  'cli.token.arg.user': { en: 'user name (1 to 128 printable characters)', da: 'brugernavn (1 til 128 synlige tegn)' },
  'cli.token.arg.code': {
    en: 'the code shown by the token (spaces are ignored)',
    da: 'koden, tokenet viser (mellemrum ignoreres)',
  },
  'cli.token.arg.code1': { en: 'a code from the token', da: 'en kode fra tokenet' },
  'cli.token.arg.code2': { en: 'the next code from the token', da: 'den næste kode fra tokenet' },
  'cli.token.opt.generate': {
    en: 'generate a new random 20-byte secret and print its otpauth:// URI',
    da: 'generér en ny tilfældig hemmelighed på 20 bytes og udskriv dens otpauth://-URI',
  },
  'cli.token.opt.hotp': {
    en: 'a counter-based HOTP token (default TOTP)',
    da: 'et tællerbaseret HOTP-token (standard TOTP)',
  },
  'cli.token.opt.counter': {
    en: 'HOTP: the next counter the token shows (default 0)',
    da: 'HOTP: den næste tæller, tokenet viser (standard 0)',
  },
  'cli.token.opt.issuer': {
    en: 'issuer shown in authenticator apps (default tokenkit)',
    da: 'udsteder vist i godkendelsesapps (standard tokenkit)',
  },
  'cli.token.opt.showSecret': {
    en: "also print the token's otpauth:// URI, which contains the secret",
    da: 'udskriv også tokenets otpauth://-URI, som indeholder hemmeligheden',
  },
  'cli.token.error.timeRefused': {
    en: "--time would store state from a made-up time (a future one clears a lock and makes every real code 'replayed' until then): 'token {command}' uses the real clock; check a code at another time with 'tokenkit verify CODE --time T', which stores nothing",
    da: "--time ville gemme tilstand ud fra et opdigtet tidspunkt (et fremtidigt ophæver en spærring og gør alle rigtige koder 'genbrugt' indtil da): 'token {command}' bruger det rigtige ur; tjek en kode på et andet tidspunkt med 'tokenkit verify KODE --time T', som ikke gemmer noget",
  },
  'cli.token.opt.lockout': {
    en: 'how long 3 wrong codes lock the token, e.g. 5m (default), 30s, 1h; 0 for no lock',
    da: 'hvor længe 3 forkerte koder spærrer tokenet, f.eks. 5m (standard), 30s, 1h; 0 for ingen spærring',
  },
  'cli.token.error.noSecret': {
    en: 'no secret given: use --generate, or --uri otpauth://..., --secret BASE32 or --secret-hex HEX',
    da: 'ingen hemmelighed angivet: brug --generate, eller --uri otpauth://..., --secret BASE32 eller --secret-hex HEX',
  },
  'cli.token.error.generateConflict': {
    en: '--generate makes a new secret: leave out {given}',
    da: '--generate laver en ny hemmelighed: udelad {given}',
  },
  'cli.token.error.counterNeedsHotp': {
    en: '--counter applies to HOTP tokens only: add --hotp',
    da: '--counter gælder kun HOTP-tokens: tilføj --hotp',
  },
  'cli.token.error.codeFormat': {
    en: "code '{code}' must be exactly {digits} digits, as {user}'s token shows them",
    da: "koden '{code}' skal være præcis {digits} cifre, som tokenet for {user} viser dem",
  },
  'cli.token.out.added': {
    en: 'added {kind} token for {user} ({algorithm}, {digits} digits{period})',
    da: '{kind}-token tilføjet for {user} ({algorithm}, {digits} cifre{period})',
  },
  'cli.token.out.period': { en: ', {periodSec} s', da: ', {periodSec} s' },
  'cli.token.out.uriHint': {
    en: 'Scan or paste this URI into a practice authenticator; it contains the secret:',
    da: 'Scan eller indsæt denne URI i en godkendelsesapp til øvelse; den indeholder hemmeligheden:',
  },
  'cli.token.out.t0Note': {
    en: 'note: otpauth URIs cannot carry T0 ({t0Sec}); set it again when importing',
    da: 'bemærk: en otpauth-URI kan ikke indeholde T0 ({t0Sec}); angiv den igen ved import',
  },
  'cli.token.out.empty': { en: 'no tokens in {path}', da: 'ingen tokens i {path}' },
  'cli.token.out.listHead': {
    en: 'user  type  algorithm  digits  period  last used (UTC)  failures  locked until (UTC)',
    da: 'bruger  type  algoritme  cifre  periode  sidst brugt (UTC)  fejl  spærret til (UTC)',
  },
  'cli.token.out.never': { en: 'never', da: 'aldrig' },
  'cli.token.out.notLocked': { en: '-', da: '-' },
  'cli.token.out.removed': { en: 'removed the token for {user}', da: 'Tokenet for {user} er fjernet' },
  'cli.token.out.accepted': {
    en: 'accepted: delta {delta} (step {step})',
    da: 'godkendt: delta {delta} (trin {step})',
  },
  'cli.token.out.acceptedHotp': {
    en: 'accepted: counter {step} ({delta} ahead of the expected one)',
    da: 'godkendt: tæller {step} ({delta} foran den forventede)',
  },
  'cli.token.out.wrong': {
    en: 'wrong code: {failures} of {max} wrong in a row',
    da: 'forkert kode: {failures} af {max} forkerte i træk',
  },
  'cli.token.out.wrongLocked': {
    en: "wrong code: {failures} wrong in a row, so the token is locked until {until} (or run 'tokenkit token unlock {user}')",
    da: "forkert kode: {failures} forkerte i træk, så tokenet er spærret til {until} (eller kør 'tokenkit token unlock {user}')",
  },
  'cli.token.out.replayed': {
    en: 'replayed: the code of step {step} was already used; wait for the next code',
    da: 'genbrugt: koden for trin {step} er allerede brugt; vent på den næste kode',
  },
  'cli.token.out.replayedHotp': {
    en: 'replayed: the code of counter {step} was already used; press the button for a new one',
    da: 'genbrugt: koden for tæller {step} er allerede brugt; tryk på knappen for en ny',
  },
  'cli.token.out.locked': {
    en: "locked out until {until} after too many wrong codes: wait, or run 'tokenkit token unlock {user}'",
    da: "spærret til {until} efter for mange forkerte koder: vent, eller kør 'tokenkit token unlock {user}'",
  },
  'cli.token.out.resynced': {
    en: 'resynced: the token runs {delta} steps off (step {step}); log in with its next code',
    da: 'synkroniseret: tokenet går {delta} trin forkert (trin {step}); log ind med dets næste kode',
  },
  'cli.token.out.resyncedHotp': {
    en: 'resynced: the token is at counter {step}; log in with its next code',
    da: 'synkroniseret: tokenet er ved tæller {step}; log ind med dets næste kode',
  },
  'cli.token.out.stale': {
    en: 'not resynced: the codes of step {step} are older than a slow token can be; use two codes the token shows now',
    da: 'ikke synkroniseret: koderne for trin {step} er ældre, end et langsomt token kan være; brug to koder, som tokenet viser nu',
  },
  'cli.token.out.repaired': {
    en: 'repaired state written from a future time ({fields}): the next code works',
    da: 'tilstand skrevet ud fra et fremtidigt tidspunkt er rettet ({fields}): den næste kode virker',
  },
  'cli.token.out.unlocked': { en: 'unlocked the token for {user}', da: 'Tokenet for {user} er låst op' },
  'cli.token.out.wasNotLocked': {
    en: 'the token for {user} was not locked; its failure count is cleared',
    da: 'Tokenet for {user} var ikke spærret; antallet af fejl er nulstillet',
  },
});

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
