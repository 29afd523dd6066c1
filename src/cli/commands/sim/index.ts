import { type Command, Option } from 'commander';
import { t } from '../../../i18n/index';
import { DEFAULT_PROFILE_ID, PROFILE_IDS, resolveProfile } from '../../../profiles/index';
import { UsageError } from '../../errors';
import { addSecretOptions } from '../../secret-options';
import { addSpeakerOptions } from '../../speaker-options';
import type { RegisterCommand } from '../index';
import type { SimOptions } from './options';
import { runTerminal } from './terminal';
import { runOnWire } from './wire';

export const register: RegisterCommand = (program, ctx) => {
  const { lang } = ctx;
  const cmd = program
    .command('sim')
    .description(t(lang, 'sim.description'))
    .addOption(
      new Option('--profile <id>', t(lang, 'sim.opt.profile', { ids: PROFILE_IDS.join(', ') })).default(
        DEFAULT_PROFILE_ID,
      ),
    )
    .option('--serial', t(lang, 'sim.opt.serial'))
    .option('--hid', t(lang, 'sim.opt.hid'))
    .option('--link <path>', t(lang, 'sim.opt.link'))
    .option('--headless', t(lang, 'sim.opt.headless'))
    .addOption(new Option('--mode <mode>', t(lang, 'sim.opt.mode')).choices(['smart', 'display']))
    .option('--start-time <time>', t(lang, 'sim.opt.startTime'))
    .option('--drift-ppm <ppm>', t(lang, 'sim.opt.driftPpm'))
    .option('--plain', t(lang, 'sim.opt.plain'))
    .option('--show-secret', t(lang, 'sim.opt.showSecret'))
    .option('--qr', t(lang, 'sim.opt.qr'))
    .addOption(new Option('--register <user>', t(lang, 'sim.opt.register')))
    .addOption(new Option('--firmware <kind>', t(lang, 'cli.simAvr.opt.firmware')).choices(['ts', 'avr']));
  addSpeakerOptions(cmd, lang);
  addSecretOptions(cmd, lang, { params: false });
  cmd.action(async (opts: SimOptions & { firmware?: string }, command: Command) => {
    if (opts.firmware === 'avr') return (await import('../../sim-avr')).runAvrSim(opts, ctx);
    if (opts.mode !== undefined && !opts.serial)
      throw new UsageError('sim.error.serialOnly', { option: '--mode', with: '--serial' });
    // Only the terminal's audio reader speaks: elsewhere these options would be silently ignored.
    if (opts.serial || opts.hid || !resolveProfile(opts.profile).speech) {
      for (const [flag, given] of [
        ['--voice', opts.voice !== undefined],
        ['--device', opts.device !== undefined],
        ['--no-speech', !opts.speech],
      ] as const) {
        if (given) throw new UsageError('sim.error.speakerOnly', { option: flag });
      }
    }
    if (opts.hid && opts.serial) throw new UsageError('sim.error.hidAndSerial');
    if (opts.serial || opts.hid) {
      for (const [flag, on] of [
        ['--register', opts.register],
        ['--qr', opts.qr],
      ] as const)
        if (on !== undefined) throw new UsageError('sim.error.terminalOnly', { option: flag });
      return runOnWire(opts, ctx);
    }
    for (const [flag, on] of [
      ['--link', opts.link],
      ['--headless', opts.headless],
    ] as const) {
      if (on !== undefined) throw new UsageError('sim.error.serialOnly', { option: flag, with: '--serial / --hid' });
    }
    await runTerminal(opts, ctx, command, command.optsWithGlobals<{ lang?: string }>().lang !== undefined);
  });
};
