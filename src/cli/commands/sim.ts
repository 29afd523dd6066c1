import { dirname, join } from 'node:path';
import { type Command, Option } from 'commander';
import { FileFlash, type TokenFirmware } from '../../../firmware-sim/index';
import { defineMessages, type Lang, t } from '../../i18n/index';
import { buildOtpauthUri, generateSecret } from '../../otp/index';
import { getProfile, PROFILE_IDS } from '../../profiles/index';
import { readAudioConfig, type Speaker } from '../../speech/index';
import { resolveStorePath } from '../../store/paths';
import { runTerminalSim, type SimToken, type SimTokenEvent, type SimVoice } from '../../terminal/terminal-sim';
import type { CliContext } from '../context';
import { UsageError } from '../errors';
import { addSecretOptions } from '../secret-options';
import { bootSimBoard, type SimBoardOptions, simBoardSetup } from '../sim-options';
import { addSpeakerOptions, openSpeaker, type SpeakerOptions, silentReason } from '../speaker-options';
import '../hid-options'; // registers the --hid option texts
import type { RegisterCommand } from './index';

export const SIM_MESSAGES = defineMessages({
  'sim.description': {
    en: 'run a practice token: the code display or the audio code reader, in this terminal or as a serial board on a pseudo-terminal (--serial)',
    da: 'kør et øvelsestoken: kodeviseren eller kodeoplæseren, i denne terminal eller som seriel enhed på en pseudoterminal (--serial)',
  },
  'sim.opt.profile': { en: 'token profile: {ids}', da: 'token-profil: {ids}' },
  'sim.opt.serial': {
    en: 'be a USB serial board on a pty pair (needs socat) instead of drawing in the terminal',
    da: 'vær en USB-seriel enhed på et pty-par (kræver socat) i stedet for at tegne i terminalen',
  },
  'sim.opt.link': {
    en: 'with --serial: where the host-side pty appears; with --hid: the report socket path (default: printed on the first line)',
    da: 'med --serial: hvor værtens pty oprettes; med --hid: rapport-soklens sti (standard: skrives på første linje)',
  },
  'sim.opt.headless': {
    en: 'with --serial or --hid: no event lines, only the board on the wire',
    da: 'med --serial eller --hid: ingen hændelseslinjer, kun enheden på forbindelsen',
  },
  'sim.opt.startTime': {
    en: "the token's clock starts at this time (unix seconds or ISO 8601; default now)",
    da: 'tokenets ur starter på dette tidspunkt (unix-sekunder eller ISO 8601; standard nu)',
  },
  'sim.opt.driftPpm': {
    en: "the token's clock runs fast (+) or slow (-) by this many parts per million",
    da: 'tokenets ur går for hurtigt (+) eller for langsomt (-) med så mange milliontedele',
  },
  'sim.opt.plain': {
    en: 'for screen readers: no drawing, one line per event',
    da: 'til skærmlæsere: ingen tegning, én linje pr. hændelse',
  },
  'sim.opt.showSecret': {
    en: "print the practice token's otpauth:// URI (its secret) at start",
    da: 'udskriv øvelsestokenets otpauth://-URI (dets hemmelighed) ved start',
  },
  'sim.opt.mode': {
    en: 'with --serial: smart (own clock and secret, like the real code display) or display (the host computes codes and pushes digits: run tokenkit device watch --user USER)',
    da: 'med --serial: smart (eget ur og egen hemmelighed, som den rigtige kodeviser) eller display (værten beregner koderne og sender cifrene: kør tokenkit device watch --user BRUGER)',
  },
  'sim.showSecret': { en: 'Practice token: {uri}', da: 'Øvelsestoken: {uri}' },
  'sim.error.serialOnly': { en: '{option} only applies with {with}', da: '{option} gælder kun sammen med {with}' },
  'sim.error.speakerOnly': {
    en: '{option} only applies to the audio code reader in this terminal: add --profile audio-code-reader (a board on --serial or --hid speaks through tokenkit device watch {option})',
    da: '{option} gælder kun for kodeoplæseren i denne terminal: tilføj --profile audio-code-reader (en enhed på --serial eller --hid taler gennem tokenkit device watch {option})',
  },
});

interface SimOptions extends SimBoardOptions, SpeakerOptions {
  serial?: boolean;
  hid?: boolean;
  link?: string;
  headless?: boolean;
  plain?: boolean;
  showSecret?: boolean;
}

/** The practice board's flash when no secret is given: one file per profile, so the same demo token comes back. */
function demoFlashPath(env: NodeJS.ProcessEnv, profileId: string): string {
  const storeDir = dirname(resolveStorePath(undefined, { ...env, TOKENKIT_STORE: undefined }));
  return join(storeDir, 'sim', `${profileId}.json`);
}

/** The firmware state machine as the terminal face sees it (events mapped, the button wired). */
export function tokenFromFirmware(firmware: TokenFirmware): SimToken {
  return {
    press: () => void firmware.press(),
    onEvent(listener: (event: SimTokenEvent) => void) {
      return firmware.onEvent((event) => {
        if (event.type === 'code-shown')
          listener({ type: 'code', code: event.code, step: event.step, remainingMs: event.remainingMs });
        else if (event.type === 'display-off') listener({ type: 'off' });
        else if (event.type === 'battery') listener({ type: 'battery', percent: event.percent, low: event.low });
      });
    },
  };
}

/**
 * The Speaker behind the reader's keys. Speech failures never stop the simulator: they become the status
 * line (in the language the simulator started in), until something is spoken again.
 */
export function voiceFromSpeaker(speaker: Speaker, lang: Lang): SimVoice {
  let problem: string | undefined;
  const listeners = new Set<() => void>();
  const setProblem = (next: string | undefined) => {
    if (next === problem) return;
    problem = next;
    for (const listener of [...listeners]) listener();
  };
  const settle = (p: Promise<unknown>) =>
    void p.then(
      (outcome) => outcome === 'spoken' && setProblem(undefined),
      (error: unknown) => setProblem(silentReason(error, lang)),
    );
  return {
    get problem() {
      return problem;
    },
    onProblem(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    speakCode(code, remainingSec, lang) {
      speaker.setLang(lang);
      settle(speaker.speakCode(code, { remainingSec }));
    },
    repeat(lang) {
      speaker.setLang(lang);
      settle(speaker.repeatLast());
    },
    cancel: () => settle(speaker.cancel()),
    get volume() {
      return speaker.settings.volumePercent;
    },
    get rate() {
      return speaker.settings.ratePercent;
    },
    // A beep at the new setting: a person who cannot see the screen hears the change.
    changeVolume(delta) {
      speaker.stepVolume(delta > 0 ? 1 : -1);
      settle(speaker.confirm());
    },
    changeRate(delta) {
      speaker.stepRate(delta > 0 ? 1 : -1);
      settle(speaker.confirm());
    },
  };
}

async function runTerminal(opts: SimOptions, ctx: CliContext, langGiven: boolean): Promise<void> {
  const { io } = ctx;
  // The audio reader starts in the saved language (tokenkit audio default --lang) unless --lang is given.
  const lang =
    opts.speech && !langGiven && setupSpeaks(opts) ? ((await readAudioConfig(io.env)).lang ?? ctx.lang) : ctx.lang;
  const setup = simBoardSetup(opts, io.env);
  const { profile } = setup;
  // With no secret given, the practice token is a board of its own that keeps its secret in a flash file.
  let secret = setup.secret;
  let flashPath: string | undefined;
  if (!secret) {
    flashPath = demoFlashPath(io.env, profile.id);
    const stored = await new FileFlash(flashPath).read();
    secret = stored?.secret ?? {
      secret: generateSecret(),
      algorithm: profile.algorithm,
      digits: profile.digits,
      periodSec: profile.periodSec,
      t0Sec: profile.t0Sec,
    };
  }
  if (opts.showSecret) {
    const uri = buildOtpauthUri({
      secret: secret.secret,
      issuer: 'tokenkit',
      account: profile.id,
      algorithm: secret.algorithm,
      digits: secret.digits,
      periodSec: secret.periodSec,
    });
    io.stdout(`${t(lang, 'sim.showSecret', { uri })}\n`);
  }
  const firmware = await bootSimBoard(setup, { secret, ...(flashPath ? { flashPath } : {}) });

  let status: string | undefined;
  let speaker: Speaker | undefined;
  if (profile.speech) {
    ({ speaker, silent: status } = await openSpeaker(
      opts,
      { ...ctx, lang },
      {
        volumePercent: Math.round(profile.speech.volume * 100),
        ratePercent: Math.round(profile.speech.rate * 100),
      },
    ));
  }

  const stdin = io.stdin as (NodeJS.ReadStream & { isTTY?: boolean }) | undefined;
  const stdout = process.stdout;
  const drawn = !opts.plain && io.isTTY && Boolean(stdin?.isTTY);
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  ctx.signal.addEventListener('abort', onAbort);
  // A pipe that ends (echo | tokenkit sim --plain) ends the simulator.
  const onEnd = () => stop.abort();
  stdin?.on('end', onEnd);
  try {
    await runTerminalSim({
      kind: profile.id === 'audio-code-reader' ? 'audio-code-reader' : 'code-display',
      periodSec: secret.periodSec,
      lang,
      token: tokenFromFirmware(firmware),
      input: stdin ?? { on() {}, off() {} },
      output: drawn ? stdout : { write: (s: string) => io.stdout(s) },
      plain: !drawn,
      color: ctx.color,
      signal: stop.signal,
      ...(speaker ? { voice: voiceFromSpeaker(speaker, lang) } : {}),
      ...(status ? { status } : {}),
    });
  } finally {
    stdin?.off('end', onEnd);
    ctx.signal.removeEventListener('abort', onAbort);
    firmware.stop();
    await speaker?.close();
  }
}

function setupSpeaks(opts: SimOptions): boolean {
  return getProfile(opts.profile ?? 'code-display').speech !== null;
}

export const register: RegisterCommand = (program, ctx) => {
  const { lang } = ctx;
  const cmd = program
    .command('sim')
    .description(t(lang, 'sim.description'))
    .addOption(
      new Option('--profile <id>', t(lang, 'sim.opt.profile', { ids: PROFILE_IDS.join(', ') })).default('code-display'),
    )
    .option('--serial', t(lang, 'sim.opt.serial'))
    .option('--hid', t(lang, 'sim.opt.hid'))
    .option('--link <path>', t(lang, 'sim.opt.link'))
    .option('--headless', t(lang, 'sim.opt.headless'))
    .addOption(new Option('--mode <mode>', t(lang, 'sim.opt.mode')).choices(['smart', 'display']))
    .option('--start-time <time>', t(lang, 'sim.opt.startTime'))
    .option('--drift-ppm <ppm>', t(lang, 'sim.opt.driftPpm'))
    .option('--plain', t(lang, 'sim.opt.plain'))
    .option('--show-secret', t(lang, 'sim.opt.showSecret'));
  addSpeakerOptions(cmd, lang);
  addSecretOptions(cmd, lang, { params: false });
  cmd.action(async (opts: SimOptions, command: Command) => {
    if (opts.mode !== undefined && !opts.serial)
      throw new UsageError('sim.error.serialOnly', { option: '--mode', with: '--serial' });
    // Only the terminal's audio reader speaks: elsewhere these options would be silently ignored.
    if (opts.serial || opts.hid || !setupSpeaks(opts)) {
      for (const [flag, given] of [
        ['--voice', opts.voice !== undefined],
        ['--device', opts.device !== undefined],
        ['--no-speech', !opts.speech],
      ] as const) {
        if (given) throw new UsageError('sim.error.speakerOnly', { option: flag });
      }
    }
    if (opts.hid) {
      if (opts.serial) throw new UsageError('sim.error.hidAndSerial');
      const { runHidSim } = await import('../sim-hid');
      await runHidSim(opts, ctx);
      return;
    }
    if (!opts.serial) {
      for (const [flag, on] of [
        ['--link', opts.link],
        ['--headless', opts.headless],
      ] as const) {
        if (on !== undefined) throw new UsageError('sim.error.serialOnly', { option: flag, with: '--serial / --hid' });
      }
      await runTerminal(opts, ctx, command.optsWithGlobals<{ lang?: string }>().lang !== undefined);
      return;
    }
    const { runSerialSim } = await import('../sim-serial');
    await runSerialSim(opts, ctx);
  });
};
