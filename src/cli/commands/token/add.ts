import { type Command, Option } from 'commander';
import { t } from '../../../i18n/index';
import { buildOtpauthUri, generateSecret, keySpec } from '../../../otp/index';
import { type NewToken, validateUser } from '../../../store/index';
import type { CliContext } from '../../context';
import { UsageError } from '../../errors';
import { printQr } from '../../render';
import {
  addSecretOptions,
  counterFromOption,
  givenSecretFlags,
  otpParamsFromOptions,
  type RawSecretOptions,
  secretFromOptions,
  secretGiven,
} from '../../secret-options';
import { DEFAULT_ISSUER, tokenJson, withStore } from './shared';

export interface AddOpts extends RawSecretOptions {
  generate?: boolean;
  hotp?: boolean;
  counter?: string;
  issuer?: string;
  showSecret?: boolean;
  qr?: boolean;
  json?: boolean;
}

export function uriFor(token: NewToken): string {
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

export function registerAdd(group: Command, ctx: CliContext): void {
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
    .addOption(new Option('--qr', t(lang, 'cli.token.opt.qr')).conflicts('json'))
    .option('--json', t(lang, 'cli.opt.json'))
    .action(async (user: string, opts: AddOpts, command: Command) => {
      validateUser(user);
      const given = givenSecretFlags(opts);
      let token: NewToken;
      if (opts.generate) {
        if (given.length > 0) throw new UsageError('cli.token.error.generateConflict', { given: given.join(', ') });
        token = { user, kind: opts.hotp ? 'hotp' : 'totp', secret: generateSecret(), ...otpParamsFromOptions(opts) };
      } else {
        if (!secretGiven(opts, ctx.io.env)) throw new UsageError('cli.token.error.noSecret');
        const r = secretFromOptions(opts, ctx.io.env);
        const kind = opts.hotp || r.type === 'hotp' ? 'hotp' : 'totp';
        token = {
          user,
          kind,
          ...keySpec(r),
        };
        if (kind === 'hotp' && r.counter !== undefined) token.counter = r.counter;
        if (r.issuer !== undefined) token.issuer = r.issuer;
      }
      if (opts.counter !== undefined) {
        if (token.kind !== 'hotp') throw new UsageError('cli.token.error.counterNeedsHotp');
        token.counter = counterFromOption(opts.counter);
      }
      if (opts.issuer !== undefined) token.issuer = opts.issuer;
      const showUri = Boolean(opts.generate || opts.showSecret || opts.qr);
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
        if (opts.qr) await printQr(ctx, uri);
        if (stored.kind === 'totp' && stored.t0Sec !== 0)
          ctx.print(t(lang, 'cli.token.out.t0Note', { t0Sec: stored.t0Sec }));
      }
    });
}
