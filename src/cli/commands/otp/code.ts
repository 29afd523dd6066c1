import type { Command } from 'commander';
import { t } from '../../../i18n/index';
import { encodeBase32, OtpKey, runRfcVectors, stepAt, stepEndMs, stepStartMs } from '../../../otp/index';
import type { CliContext } from '../../context';
import { EXIT } from '../../exit-codes';
import { addSecretOptions, secretFromOptions } from '../../secret-options';
import {
  type CommonOpts,
  hotpOptions,
  jsonOption,
  resolveMode,
  secretFields,
  showSecretOption,
  timeOption,
} from './shared';

export function registerCode(program: Command, ctx: CliContext): void {
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
        // One naming for a step's validity across commands (timeline, find, practice): startMs / endMs.
        startMs: stepStartMs(step, r.periodSec, r.t0Sec),
        endMs,
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

export function registerVectors(program: Command, ctx: CliContext): void {
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
