import { t } from '../../../i18n/index';
import type { CliContext } from '../../context';
import { runBoardUntilInterrupted, simBoardSetup } from '../../sim-options';
import type { SimOptions } from './options';

/** `sim --serial` / `sim --hid`: a simulated board on a pty or a HID socket until interrupted. */
export async function runOnWire(opts: SimOptions, ctx: CliContext): Promise<void> {
  const setup = simBoardSetup(opts, ctx.io.env);
  const spec = { ...setup, ...(opts.link ? { link: opts.link } : {}) };
  const profile = setup.profile.id;
  if (opts.hid) {
    const { startHidSim } = await import('../../../sim/index');
    await runBoardUntilInterrupted(
      ctx,
      opts,
      (onEvent) => startHidSim(spec, onEvent, ctx.io.env),
      (sim) => {
        if (!opts.link) ctx.print(sim.socketPath);
        if (!opts.headless)
          ctx.print(
            t(ctx.lang, 'cli.simHid.ready', { profile, vidpid: sim.vidPid, serial: sim.serial, path: sim.socketPath }),
          );
      },
      (sim) => sim.socketPath,
    );
    return;
  }
  const { startSerialSim } = await import('../../../sim/index');
  await runBoardUntilInterrupted(
    ctx,
    opts,
    (onEvent) => startSerialSim({ ...spec, registerIn: ctx.io.env }, onEvent),
    (sim) => {
      if (!opts.link) ctx.print(sim.hostPath);
      if (!opts.headless)
        ctx.print(t(ctx.lang, 'cli.simSerial.ready', { profile, serial: sim.serial, path: sim.hostPath }));
    },
    (sim) => sim.hostPath,
  );
}
