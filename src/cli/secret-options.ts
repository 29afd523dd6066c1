import { type Command, Option } from 'commander';
import { type Lang, t } from '../i18n/index';
import {
  checkCounter,
  checkDigits,
  checkPeriod,
  checkT0,
  decodeBase32,
  OTP_DEFAULTS,
  type OtpAlgorithm,
  type OtpKeySpec,
  parseAlgorithm,
  parseOtpauthUri,
  secretBytes,
  secretFromHex,
} from '../otp/index';
import { UsageError } from './errors';

/** The secret and OTP parameters a command line describes; no field is ever printed unless asked (--show-secret). */
export interface SecretFromOptions extends OtpKeySpec {
  /** Where the secret came from. */
  source: 'secret' | 'secret-hex' | 'uri' | 'env';
  /** 'hotp' only when the URI says so; commands with a --hotp flag decide themselves. */
  type: 'totp' | 'hotp';
  /** From an hotp URI. */
  counter?: number;
  issuer?: string;
  account?: string;
}

/** Raw option values as commander hands them over (strings). */
export interface RawSecretOptions {
  secret?: string;
  secretHex?: string;
  uri?: string;
  algorithm?: string;
  digits?: string;
  period?: string;
  t0?: string;
}

/**
 * Adds --secret, --secret-hex, --uri and (unless `params: false`) --algorithm, --digits, --period, --t0
 * to a command, with help in `lang`. Read them back with `secretFromOptions(cmd.opts(), env)`.
 */
export function addSecretOptions(cmd: Command, lang: Lang, options: { params?: boolean } = {}): Command {
  cmd
    .addOption(new Option('--secret <base32>', t(lang, 'cli.secret.opt.secret')))
    .addOption(new Option('--secret-hex <hex>', t(lang, 'cli.secret.opt.secretHex')))
    .addOption(new Option('--uri <uri>', t(lang, 'cli.secret.opt.uri')));
  if (options.params !== false) {
    cmd
      .addOption(new Option('--algorithm <name>', t(lang, 'cli.secret.opt.algorithm')))
      .addOption(new Option('--digits <n>', t(lang, 'cli.secret.opt.digits')))
      .addOption(new Option('--period <seconds>', t(lang, 'cli.secret.opt.period')))
      .addOption(new Option('--t0 <seconds>', t(lang, 'cli.secret.opt.t0')));
  }
  return cmd;
}

/**
 * A numeric option through the OTP layer's own check, so the message is the engine's (e.g. digits 6..10).
 * Anything that is not a safe whole number reaches the check as the text typed, so the message shows it
 * as typed (not 9007199254740993 rounded to ...992).
 */
function numberFor(raw: string, check: (n: number) => number): number {
  const text = raw.trim();
  const n = /^[+-]?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  return check(Number.isSafeInteger(n) ? n + 0 : (text as unknown as number));
}

/** --counter N for HOTP: 0 to 2^53-1, with the engine's message. */
export function counterFromOption(raw: string): number {
  return numberFor(raw, checkCounter);
}

/** The OTP parameters a command line gives: --algorithm, --digits, --period, --t0 over `base` (defaults, or a URI's). */
export function otpParamsFromOptions(
  opts: RawSecretOptions,
  base: { algorithm: OtpAlgorithm; digits: number; periodSec: number } = OTP_DEFAULTS,
): { algorithm: OtpAlgorithm; digits: number; periodSec: number; t0Sec: number } {
  return {
    algorithm: opts.algorithm !== undefined ? parseAlgorithm(opts.algorithm) : base.algorithm,
    digits: opts.digits !== undefined ? numberFor(opts.digits, checkDigits) : base.digits,
    periodSec: opts.period !== undefined ? numberFor(opts.period, checkPeriod) : base.periodSec,
    t0Sec: opts.t0 !== undefined ? numberFor(opts.t0, checkT0) : OTP_DEFAULTS.t0Sec,
  };
}

const SECRET_FLAGS = { secret: '--secret', secretHex: '--secret-hex', uri: '--uri' } as const;

/** The secret options given on the command line, as their flags (--secret, --secret-hex, --uri). */
export function givenSecretFlags(opts: Pick<RawSecretOptions, 'secret' | 'secretHex' | 'uri'>): string[] {
  return (Object.keys(SECRET_FLAGS) as (keyof typeof SECRET_FLAGS)[])
    .filter((k) => opts[k] !== undefined)
    .map((k) => SECRET_FLAGS[k]);
}

/** Whether a secret was given at all: one of those options, or a non-blank $TOKENKIT_SECRET. */
export function secretGiven(
  opts: Pick<RawSecretOptions, 'secret' | 'secretHex' | 'uri'>,
  env: NodeJS.ProcessEnv,
): boolean {
  return givenSecretFlags(opts).length > 0 || (env.TOKENKIT_SECRET ?? '').trim() !== '';
}

/**
 * Resolves the secret options: exactly one of --secret, --secret-hex, --uri (else $TOKENKIT_SECRET as
 * Base32). URI parameters apply unless overridden by --algorithm/--digits/--period. Throws UsageError or
 * OtpInputError (both exit 2) with messages that never contain the secret.
 */
export function secretFromOptions(opts: RawSecretOptions, env: NodeJS.ProcessEnv = {}): SecretFromOptions {
  const given = givenSecretFlags(opts);
  if (given.length > 1) throw new UsageError('cli.secret.error.conflict', { given: given.join(', ') });
  let base: Omit<SecretFromOptions, 't0Sec'>;
  if (opts.uri !== undefined) {
    const key = parseOtpauthUri(opts.uri);
    base = { ...key, source: 'uri' };
    if (base.issuer === undefined) delete base.issuer;
  } else {
    let secret: Uint8Array;
    let source: SecretFromOptions['source'];
    if (opts.secret !== undefined) {
      secret = secretBytes(decodeBase32(opts.secret));
      source = 'secret';
    } else if (opts.secretHex !== undefined) {
      secret = secretFromHex(opts.secretHex);
      source = 'secret-hex';
    } else if (env.TOKENKIT_SECRET !== undefined && env.TOKENKIT_SECRET.trim() !== '') {
      secret = secretBytes(decodeBase32(env.TOKENKIT_SECRET));
      source = 'env';
    } else {
      throw new UsageError('cli.secret.error.missing');
    }
    base = {
      secret,
      source,
      type: 'totp',
      algorithm: OTP_DEFAULTS.algorithm,
      digits: OTP_DEFAULTS.digits,
      periodSec: OTP_DEFAULTS.periodSec,
    };
  }
  return { ...base, ...otpParamsFromOptions(opts, base) };
}
