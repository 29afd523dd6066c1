import { type Command, Option } from 'commander';
import { t } from '../../../i18n/index';
import { findSteps, keySpec, MAX_WINDOW_STEPS } from '../../../otp/index';
import type { CliContext } from '../../context';
import { UsageError } from '../../errors';
import { EXIT } from '../../exit-codes';
import { parseDurationMs } from '../../parse-values';
import { addSecretOptions, secretFromOptions } from '../../secret-options';
import { type CommonOpts, iso, jsonOption, normalizeCode, signed, timeOption, totpOnly } from './shared';

export function registerFind(program: Command, ctx: CliContext): void {
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
      ...keySpec(r),
      atMs,
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
