import { type Command, Option } from 'commander';
import { t } from '../../../i18n/index';
import { encodeBase32, keySpec, timeline } from '../../../otp/index';
import type { CliContext } from '../../context';
import { parseInteger } from '../../parse-values';
import { addSecretOptions, secretFromOptions } from '../../secret-options';
import {
  type CommonOpts,
  formatSeconds,
  iso,
  jsonOption,
  secretFields,
  showSecretOption,
  signed,
  timeOption,
  totpOnly,
} from './shared';

export function registerTimeline(program: Command, ctx: CliContext): void {
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
      ...keySpec(r),
      atMs,
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
        remainingSec: formatSeconds(lang, tl.remainingMs),
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
        e.delta === 0 ? `  ${t(lang, 'cli.otp.out.now', { remainingSec: formatSeconds(lang, tl.remainingMs) })}` : '';
      ctx.print(`${line(rows[k]!)}${now}`);
    });
    if (opts.showSecret) ctx.print(t(lang, 'cli.otp.out.secret', { secret: encodeBase32(r.secret) }));
  });
}
