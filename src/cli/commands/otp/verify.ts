import { type Command, Option } from 'commander';
import { t } from '../../../i18n/index';
import { OtpKey, stepAt } from '../../../otp/index';
import type { CliContext } from '../../context';
import { EXIT } from '../../exit-codes';
import { addSecretOptions, secretFromOptions } from '../../secret-options';
import {
  type CommonOpts,
  hotpOptions,
  jsonOption,
  normalizeCode,
  parseHotpWindow,
  parseWindow,
  resolveMode,
  signed,
  timeOption,
} from './shared';

export function registerVerify(program: Command, ctx: CliContext): void {
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
      // The matched step (or counter), as the text line says; the current one beside it.
      const matched = result.valid && result.delta !== null ? center + result.delta : null;
      ctx.printJson({
        valid: result.valid,
        delta: result.delta,
        ...(mode.hotp
          ? { type: 'hotp', counter: matched, currentCounter: mode.counter }
          : { type: 'totp', atMs: mode.atMs, step: matched, currentStep: center }),
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
