import { type Command, Option } from 'commander';
import { formatNumber, type Lang, t } from '../../../i18n/index';
import { DEFAULT_HOTP_LOOK_AHEAD, encodeBase32, MAX_WINDOW_STEPS, type StepWindow } from '../../../otp/index';
import { UsageError } from '../../errors';
import { parseInteger, parseTimeMs } from '../../parse-values';
import { counterFromOption, type RawSecretOptions, type SecretFromOptions } from '../../secret-options';

export interface CommonOpts extends RawSecretOptions {
  time?: string;
  json?: boolean;
  showSecret?: boolean;
  hotp?: boolean;
  counter?: string;
}

export const iso = (ms: number) => new Date(ms).toISOString();

export const signed = (lang: Lang, n: number) => formatNumber(lang, n, undefined, { sign: true });

export const formatSeconds = (lang: Lang, ms: number) => formatNumber(lang, Math.round(ms) / 1000);

export function timeOption(cmd: Command, lang: Lang): Command {
  return cmd.addOption(new Option('--time <T>', t(lang, 'cli.otp.opt.time')));
}

export function jsonOption(cmd: Command, lang: Lang): Command {
  return cmd.option('--json', t(lang, 'cli.opt.json'));
}

export function showSecretOption(cmd: Command, lang: Lang): Command {
  return cmd.option('--show-secret', t(lang, 'cli.otp.opt.showSecret'));
}

export function hotpOptions(cmd: Command, lang: Lang): Command {
  return cmd
    .option('--hotp', t(lang, 'cli.otp.opt.hotp'))
    .addOption(new Option('--counter <n>', t(lang, 'cli.otp.opt.counter')));
}

/** HOTP mode and its counter, or TOTP at a time; rejects combinations that make no sense. */
export function resolveMode(
  opts: CommonOpts,
  resolved: SecretFromOptions,
): { hotp: true; counter: number } | { hotp: false; atMs: number } {
  const hotp = Boolean(opts.hotp) || resolved.type === 'hotp';
  if (!hotp) {
    if (opts.counter !== undefined) throw new UsageError('cli.otp.error.counterNeedsHotp');
    return { hotp: false, atMs: opts.time !== undefined ? parseTimeMs(opts.time, '--time') : Date.now() };
  }
  if (opts.time !== undefined) throw new UsageError('cli.otp.error.timeWithHotp');
  const raw = opts.counter;
  if (raw === undefined) {
    if (resolved.counter === undefined) throw new UsageError('cli.otp.error.needCounter');
    return { hotp: true, counter: resolved.counter };
  }
  return { hotp: true, counter: counterFromOption(raw) };
}

export function totpOnly(resolved: SecretFromOptions, opts: CommonOpts, command: string): number {
  if (resolved.type === 'hotp' || opts.hotp) throw new UsageError('cli.otp.error.hotpNotHere', { command });
  return opts.time !== undefined ? parseTimeMs(opts.time, '--time') : Date.now();
}

export function normalizeCode(code: string, digits: number): string {
  const clean = code.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(clean) || clean.length !== digits) {
    throw new UsageError('cli.otp.error.codeFormat', { code: code.slice(0, 16), digits });
  }
  return clean;
}

export function secretFields(resolved: SecretFromOptions, show: boolean | undefined): { secret?: string } {
  return show ? { secret: encodeBase32(resolved.secret) } : {};
}

export function parseWindow(opts: { window?: string; past?: string; future?: string }): StepWindow {
  if (opts.window !== undefined && (opts.past !== undefined || opts.future !== undefined))
    throw new UsageError('cli.otp.error.windowConflict');
  if (opts.window !== undefined) {
    const n = parseInteger(opts.window, '--window', 0, MAX_WINDOW_STEPS);
    return { past: n, future: n };
  }
  return {
    past: opts.past !== undefined ? parseInteger(opts.past, '--past', 0, MAX_WINDOW_STEPS) : 1,
    future: opts.future !== undefined ? parseInteger(opts.future, '--future', 0, MAX_WINDOW_STEPS) : 1,
  };
}

/** HOTP looks ahead only: --window N and --future N are the look-ahead, --past is refused (0 is fine). */
export function parseHotpWindow(opts: { window?: string; past?: string; future?: string }): StepWindow {
  if (opts.past !== undefined && parseInteger(opts.past, '--past', 0, MAX_WINDOW_STEPS) !== 0)
    throw new UsageError('cli.otp.error.hotpPast');
  const { future } = parseWindow({ ...opts, past: undefined });
  const explicit = opts.window !== undefined || opts.future !== undefined;
  return { past: 0, future: explicit ? future : DEFAULT_HOTP_LOOK_AHEAD };
}
