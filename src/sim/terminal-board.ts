import { dirname, join } from 'node:path';
import { FileFlash, type StoredSecret, type TokenFirmware } from '../../firmware-sim/index';
import type { Lang } from '../i18n/index';
import { generateSecret } from '../otp/index';
import { resolveProfile, type TokenProfile } from '../profiles/index';
import { type Speaker, silentReason } from '../speech/index';
import { resolveStorePath } from '../store/index';
import {
  runTerminalSim,
  type SimToken,
  type SimTokenEvent,
  type SimVoice,
  type TerminalInput,
  type TerminalOutput,
  type TerminalSimEnd,
} from '../terminal/index';
import { bootSimBoard, type SimBoardSpec, storedSecretFor } from './board';

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
    speakCode(code, remainingSec, lang, remainingMs) {
      speaker.setLang(lang);
      // With the exact time left, the speaker says it as it will still be true when heard.
      settle(speaker.speakCode(code, remainingMs !== undefined ? { validForMs: remainingMs } : { remainingSec }));
    },
    announce(what, lang) {
      speaker.setLang(lang);
      settle(speaker.speakPhrase({ kind: what }));
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
    // Said at the new setting ("Volume 70 percent"): a person who cannot see the screen hears the change.
    changeVolume(delta) {
      const percent = speaker.stepVolume(delta > 0 ? 1 : -1);
      settle(speaker.confirm({ kind: 'volume', percent }));
    },
    changeRate(delta) {
      const percent = speaker.stepRate(delta > 0 ? 1 : -1);
      settle(speaker.confirm({ kind: 'rate', percent }));
    },
  };
}

/** The practice board's flash when no secret is given: one file per profile, so the same demo token comes back. */
export function demoFlashPath(env: NodeJS.ProcessEnv, profileId: string): string {
  const storeDir = dirname(resolveStorePath(undefined, { ...env, TOKENKIT_STORE: undefined }));
  return join(storeDir, 'sim', `${profileId}.json`);
}

/**
 * The secret a terminal practice token runs with: the one given, else the one its demo flash file keeps
 * (so the same practice token comes back), else a new random one that the flash file will keep.
 */
export async function practiceSecret(
  spec: { profile: TokenProfile; secret?: StoredSecret | Uint8Array },
  env: NodeJS.ProcessEnv,
): Promise<{ secret: StoredSecret; flashPath?: string }> {
  if (spec.secret) return { secret: storedSecretFor(spec.secret, spec.profile) };
  const flashPath = demoFlashPath(env, spec.profile.id);
  const stored = await new FileFlash(flashPath).read();
  return { secret: stored?.secret ?? storedSecretFor(generateSecret(), spec.profile), flashPath };
}

export interface TerminalBoardOptions extends Omit<SimBoardSpec, 'profile' | 'secret' | 'flashPath' | 'mode'> {
  profile: TokenProfile;
  secret: StoredSecret;
  flashPath?: string;
  lang: Lang;
  input: TerminalInput;
  output: TerminalOutput;
  plain: boolean;
  color: boolean;
  speaker?: Speaker;
  status?: string;
  signal: AbortSignal;
}

/**
 * `tokenkit sim` in a terminal: the firmware model behind the drawn (or plain) face, with the speaker
 * when the profile speaks. Resolves with how it ended (quit, Ctrl-C, `signal`); stops the firmware either way.
 */
export async function runTerminalBoard(o: TerminalBoardOptions): Promise<TerminalSimEnd> {
  const profile = resolveProfile(o.profile);
  const firmware = await bootSimBoard({
    profile,
    secret: o.secret,
    driftPpm: o.driftPpm ?? 0,
    ...(o.startMs !== undefined ? { startMs: o.startMs } : {}),
    ...(o.flashPath ? { flashPath: o.flashPath } : {}),
  });
  try {
    return await runTerminalSim({
      // The face follows the profile's data: a profile that speaks is an audio code reader.
      kind: profile.speech ? 'audio-code-reader' : 'code-display',
      periodSec: o.secret.periodSec,
      lang: o.lang,
      token: tokenFromFirmware(firmware),
      input: o.input,
      output: o.output,
      plain: o.plain,
      color: o.color,
      signal: o.signal,
      ...(o.speaker ? { voice: voiceFromSpeaker(o.speaker, o.lang) } : {}),
      ...(o.status ? { status: o.status } : {}),
    });
  } finally {
    firmware.stop();
  }
}
