import { type Command, Option } from 'commander';
import { formatNumber, type Lang, t } from '../../i18n/index';
import {
  DEFAULT_HOTP_LOOK_AHEAD,
  encodeBase32,
  findSteps,
  MAX_WINDOW_STEPS,
  OtpKey,
  runRfcVectors,
  type StepWindow,
  stepAt,
  stepEndMs,
  stepStartMs,
  timeline,
} from '../../otp/index';
import type { CliContext } from '../context';
import { UsageError } from '../errors';
import { EXIT } from '../exit-codes';
import { parseDurationMs, parseInteger, parseTimeMs } from '../parse-values';
import {
  addSecretOptions,
  counterFromOption,
  type RawSecretOptions,
  type SecretFromOptions,
  secretFromOptions,
} from '../secret-options';
import type { RegisterCommand } from './index';

interface CommonOpts extends RawSecretOptions {
  time?: string;
  json?: boolean;
  showSecret?: boolean;
  hotp?: boolean;
  counter?: string;
}

const iso = (ms: number) => new Date(ms).toISOString();
const signed = (lang: Lang, n: number) => formatNumber(lang, n, undefined, { sign: true });
const seconds = (lang: Lang, ms: number) => formatNumber(lang, Math.round(ms) / 1000);

function timeOption(cmd: Command, lang: Lang): Command {
  return cmd.addOption(new Option('--time <T>', t(lang, 'cli.otp.opt.time')));
}
function jsonOption(cmd: Command, lang: Lang): Command {
  return cmd.option('--json', t(lang, 'cli.opt.json'));
}
function showSecretOption(cmd: Command, lang: Lang): Command {
  return cmd.option('--show-secret', t(lang, 'cli.otp.opt.showSecret'));
}
function hotpOptions(cmd: Command, lang: Lang): Command {
  return cmd
    .option('--hotp', t(lang, 'cli.otp.opt.hotp'))
    .addOption(new Option('--counter <n>', t(lang, 'cli.otp.opt.counter')));
}

/** HOTP mode and its counter, or TOTP at a time; rejects combinations that make no sense. */
function resolveMode(
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

function totpOnly(resolved: SecretFromOptions, opts: CommonOpts, command: string): number {
  if (resolved.type === 'hotp' || opts.hotp) throw new UsageError('cli.otp.error.hotpNotHere', { command });
  return opts.time !== undefined ? parseTimeMs(opts.time, '--time') : Date.now();
}

function normalizeCode(code: string, digits: number): string {
  const clean = code.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(clean) || clean.length !== digits) {
    throw new UsageError('cli.otp.error.codeFormat', { code: code.slice(0, 16), digits });
  }
  return clean;
}

function secretFields(resolved: SecretFromOptions, show: boolean | undefined): { secret?: string } {
  return show ? { secret: encodeBase32(resolved.secret) } : {};
}

function parseWindow(opts: { window?: string; past?: string; future?: string }): StepWindow {
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
function parseHotpWindow(opts: { window?: string; past?: string; future?: string }): StepWindow {
  if (opts.past !== undefined && parseInteger(opts.past, '--past', 0, MAX_WINDOW_STEPS) !== 0)
    throw new UsageError('cli.otp.error.hotpPast');
  const { future } = parseWindow({ ...opts, past: undefined });
  const explicit = opts.window !== undefined || opts.future !== undefined;
  return { past: 0, future: explicit ? future : DEFAULT_HOTP_LOOK_AHEAD };
}

function registerCode(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
  const cmd = program.command('code').description(t(lang, 'cli.otp.code.description'));
  addSecretOptions(cmd, lang);
  timeOption(cmd, lang);
  hotpOptions(cmd, lang);
  showSecretOption(cmd, lang);
  jsonOption(cmd, lang);
  cmd.action((opts: CommonOpts) => {
    const r = secretFromOptions(opts, ctx.io.env);
    const mode = resolveMode(opts, r);
    const key = OtpKey.from(r.secret, r.algorithm);
    if (mode.hotp) {
      const code = key.hotp(mode.counter, r.digits);
      if (opts.json)
        ctx.printJson({
          code,
          type: 'hotp',
          counter: mode.counter,
          algorithm: r.algorithm,
          digits: r.digits,
          ...secretFields(r, opts.showSecret),
        });
      else {
        ctx.print(code);
        if (opts.showSecret) ctx.print(t(lang, 'cli.otp.out.secret', { secret: encodeBase32(r.secret) }));
      }
      return;
    }
    const step = stepAt(mode.atMs, r.periodSec, r.t0Sec);
    const code = key.hotp(step, r.digits);
    if (opts.json) {
      const endMs = stepEndMs(step, r.periodSec, r.t0Sec);
      ctx.printJson({
        code,
        type: 'totp',
        atMs: mode.atMs,
        step,
        validFromMs: stepStartMs(step, r.periodSec, r.t0Sec),
        validUntilMs: endMs,
        remainingMs: endMs - mode.atMs,
        algorithm: r.algorithm,
        digits: r.digits,
        periodSec: r.periodSec,
        t0Sec: r.t0Sec,
        ...secretFields(r, opts.showSecret),
      });
    } else {
      ctx.print(code);
      if (opts.showSecret) ctx.print(t(lang, 'cli.otp.out.secret', { secret: encodeBase32(r.secret) }));
    }
  });
}

function registerVerify(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
  const cmd = program
    .command('verify')
    .description(t(lang, 'cli.otp.verify.description'))
    .argument('<code>', t(lang, 'cli.otp.arg.code'));
  addSecretOptions(cmd, lang);
  timeOption(cmd, lang);
  hotpOptions(cmd, lang);
  cmd
    .addOption(new Option('--window <n>', t(lang, 'cli.otp.opt.window')))
    .addOption(new Option('--past <n>', t(lang, 'cli.otp.opt.past')))
    .addOption(new Option('--future <n>', t(lang, 'cli.otp.opt.future')));
  jsonOption(cmd, lang);
  cmd.action((codeArg: string, opts: CommonOpts & { window?: string; past?: string; future?: string }) => {
    const r = secretFromOptions(opts, ctx.io.env);
    const mode = resolveMode(opts, r);
    const window = mode.hotp ? parseHotpWindow(opts) : parseWindow(opts);
    const code = normalizeCode(codeArg, r.digits);
    const key = OtpKey.from(r.secret, r.algorithm);
    const center = mode.hotp ? mode.counter : stepAt(mode.atMs, r.periodSec, r.t0Sec);
    const result = key.matchCounter(code, center, window, r.digits);
    if (!result.valid) ctx.exitCode = EXIT.NOT_VALID;
    if (opts.json) {
      ctx.printJson({
        valid: result.valid,
        delta: result.delta,
        ...(mode.hotp ? { type: 'hotp', counter: mode.counter } : { type: 'totp', atMs: mode.atMs, step: center }),
        window,
      });
      return;
    }
    if (result.valid && result.delta !== null) {
      ctx.print(
        mode.hotp
          ? t(lang, 'cli.otp.out.validHotp', { delta: signed(lang, result.delta), counter: center + result.delta })
          : t(lang, 'cli.otp.out.valid', { delta: signed(lang, result.delta), step: center + result.delta }),
      );
    } else {
      ctx.print(t(lang, 'cli.otp.out.notValid', { from: signed(lang, -window.past), to: signed(lang, window.future) }));
    }
  });
}

function registerTimeline(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
  const cmd = program.command('timeline').description(t(lang, 'cli.otp.timeline.description'));
  addSecretOptions(cmd, lang);
  timeOption(cmd, lang);
  cmd
    .addOption(new Option('--before <n>', t(lang, 'cli.otp.opt.before')))
    .addOption(new Option('--after <n>', t(lang, 'cli.otp.opt.after')));
  showSecretOption(cmd, lang);
  jsonOption(cmd, lang);
  cmd.action((opts: CommonOpts & { before?: string; after?: string }) => {
    const r = secretFromOptions(opts, ctx.io.env);
    const atMs = totpOnly(r, opts, 'timeline');
    const tl = timeline({
      secret: r.secret,
      atMs,
      algorithm: r.algorithm,
      digits: r.digits,
      periodSec: r.periodSec,
      t0Sec: r.t0Sec,
      before: opts.before !== undefined ? parseInteger(opts.before, '--before', 0, 1000) : 2,
      after: opts.after !== undefined ? parseInteger(opts.after, '--after', 0, 1000) : 2,
    });
    if (opts.json) {
      ctx.printJson({
        ...tl,
        algorithm: r.algorithm,
        digits: r.digits,
        t0Sec: r.t0Sec,
        ...secretFields(r, opts.showSecret),
      });
      return;
    }
    ctx.print(
      t(lang, 'cli.otp.out.timelineHead', {
        time: iso(atMs),
        step: tl.step,
        periodSec: tl.periodSec,
        remainingSec: seconds(lang, tl.remainingMs),
      }),
    );
    const head = t(lang, 'cli.otp.out.timelineCols').split('  ');
    const rows = tl.entries.map((e) => [signed(lang, e.delta), String(e.step), e.code, iso(e.startMs), iso(e.endMs)]);
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
    // Delta right-aligned (signed numbers), the rest left-aligned under their headings.
    const line = (cells: string[]) =>
      cells
        .map((c, i) => (i === 0 ? c.padStart(widths[0]!) : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd();
    ctx.print(line(head));
    tl.entries.forEach((e, k) => {
      const now =
        e.delta === 0 ? `  ${t(lang, 'cli.otp.out.now', { remainingSec: seconds(lang, tl.remainingMs) })}` : '';
      ctx.print(`${line(rows[k]!)}${now}`);
    });
    if (opts.showSecret) ctx.print(t(lang, 'cli.otp.out.secret', { secret: encodeBase32(r.secret) }));
  });
}

function registerFind(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
  const cmd = program
    .command('find')
    .description(t(lang, 'cli.otp.find.description'))
    .argument('<code>', t(lang, 'cli.otp.arg.code'));
  addSecretOptions(cmd, lang);
  timeOption(cmd, lang);
  cmd.addOption(new Option('--range <duration>', t(lang, 'cli.otp.opt.range')));
  jsonOption(cmd, lang);
  cmd.action((codeArg: string, opts: CommonOpts & { range?: string }) => {
    const r = secretFromOptions(opts, ctx.io.env);
    const atMs = totpOnly(r, opts, 'find');
    const code = normalizeCode(codeArg, r.digits);
    const rangeText = opts.range ?? '24h';
    const rangeMs = parseDurationMs(rangeText, '--range', 366 * 86_400_000, '366d');
    const steps = Math.ceil(rangeMs / (r.periodSec * 1000));
    if (steps > MAX_WINDOW_STEPS) {
      throw new UsageError('cli.otp.error.rangeSteps', {
        range: rangeText,
        steps,
        periodSec: r.periodSec,
        max: MAX_WINDOW_STEPS,
      });
    }
    const matches = findSteps(code, {
      secret: r.secret,
      atMs,
      algorithm: r.algorithm,
      digits: r.digits,
      periodSec: r.periodSec,
      t0Sec: r.t0Sec,
      window: { past: steps, future: steps },
    }).map((m) => ({ ...m, clockOffsetMinMs: m.startMs - atMs, clockOffsetMaxMs: m.endMs - atMs }));
    if (matches.length === 0) ctx.exitCode = EXIT.NOT_VALID;
    if (opts.json) {
      ctx.printJson({ code, atMs, rangeMs, window: { past: steps, future: steps }, matches });
      return;
    }
    const span = { range: `±${rangeText}`, from: signed(lang, -steps), to: signed(lang, steps), code };
    if (matches.length === 0) {
      ctx.print(t(lang, 'cli.otp.out.findNone', span));
      return;
    }
    ctx.print(t(lang, 'cli.otp.out.findCount', { ...span, count: matches.length }));
    for (const m of matches) {
      ctx.print(
        t(lang, 'cli.otp.out.findRow', {
          delta: signed(lang, m.delta),
          step: m.step,
          start: iso(m.startMs),
          end: iso(m.endMs),
          minSec: signed(lang, Math.round(m.clockOffsetMinMs) / 1000),
          maxSec: signed(lang, Math.round(m.clockOffsetMaxMs) / 1000),
        }),
      );
    }
  });
}

function registerVectors(program: Command, ctx: CliContext): void {
  const { lang } = ctx;
  const cmd = program.command('vectors').description(t(lang, 'cli.otp.vectors.description'));
  jsonOption(cmd, lang);
  cmd.action((opts: { json?: boolean }) => {
    const results = runRfcVectors();
    const passed = results.filter((r) => r.pass).length;
    if (passed !== results.length) ctx.exitCode = EXIT.NOT_VALID;
    if (opts.json) {
      ctx.printJson({ passed, failed: results.length - passed, results });
      return;
    }
    for (const r of results) {
      const name =
        r.rfc === 'RFC 4226'
          ? `${r.rfc} HOTP ${r.algorithm} counter ${r.counter}`
          : `${r.rfc} TOTP ${r.algorithm} T=${r.timeSec} step ${r.step}`;
      ctx.print(
        t(lang, r.pass ? 'cli.otp.out.vectorPass' : 'cli.otp.out.vectorFail', {
          name,
          expected: r.expected,
          actual: r.actual,
        }),
      );
    }
    ctx.print(t(lang, 'cli.otp.out.vectorSummary', { passed, total: results.length }));
  });
}

/** tokenkit code | verify | timeline | find | vectors: the OTP engine from the command line. */
export const register: RegisterCommand = (program, ctx) => {
  registerCode(program, ctx);
  registerVerify(program, ctx);
  registerTimeline(program, ctx);
  registerFind(program, ctx);
  registerVectors(program, ctx);
};
