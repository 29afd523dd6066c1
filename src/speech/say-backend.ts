import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import sayModule from 'say';
import type { Lang } from '../i18n/index';
import type { SpeechBackend } from './backend';
import { isComposedText, scaledPauseMs, type Utterance } from './composer';
import { DEFAULT_DEVICE } from './devices';
import {
  SpeechAbortedError,
  SpeechDeviceError,
  SpeechInputError,
  SpeechUnavailableError,
  UnsafeSpeechTextError,
} from './errors';
import { ESPEAK_PACKAGE } from './espeak-backend';
import { AudioPlayer, type PlayOptions } from './player';
import { cleanToolMessage, commandExists, terminate } from './process';
import { applyGain, concatWavs, decodeWav, silence, tone, trimSilence, type Wav } from './wav';

type Platform = 'linux' | 'darwin' | 'win32';

interface SpawnSpec {
  command: string;
  args: string[];
  pipedData: string;
  options: { env?: NodeJS.ProcessEnv; detached?: boolean; shell?: boolean };
}

/** The parts of the say package's per-platform class this backend uses (not in its type declarations). */
interface SayPlatform {
  child: ChildProcess | null;
  speak(text: string, voice: string | null, speed: number | null, callback: (err: Error | null) => void): void;
  export(
    text: string,
    voice: string | null,
    speed: number | null,
    filename: string,
    callback: (err: Error | null) => void,
  ): void;
  buildSpeakCommand(a: { text: string; voice: string | null; speed: number | null }): SpawnSpec;
  buildExportCommand(a: { text: string; voice: string | null; speed: number | null; filename: string }): SpawnSpec;
}
const SayClass = (sayModule as unknown as { Say: new (platform?: string) => SayPlatform }).Say;

/** Platform voices per language; null = the system default. Constants: nothing else reaches say as a voice. */
const SAY_VOICES: Record<Platform, Partial<Record<Lang, string | null>>> = {
  linux: { en: null }, // festival's default English voice; Debian has no Danish festival voice
  darwin: { en: null, da: 'Sara' },
  win32: { en: null },
};

const SAY_PROGRAMS: Record<Platform, { bin: string; debianPackage: string }> = {
  linux: { bin: 'festival', debianPackage: 'festival' },
  darwin: { bin: 'say', debianPackage: 'say (part of macOS)' },
  win32: { bin: 'powershell', debianPackage: 'powershell (part of Windows)' },
};

export interface SayOptions {
  platform?: Platform;
  /** Environment for the engine and player processes (tests point ALSA at a file device through HOME). */
  env?: NodeJS.ProcessEnv;
  player?: AudioPlayer;
}

/**
 * The `say` npm package: macOS `say`, Windows SAPI, festival on Linux.
 *
 * Safety: on Linux the package splices text unescaped into festival's Scheme (`(SayText "...")`), so
 * every text part is checked with `isComposedText` (one digit or one catalogue phrase) and anything else
 * throws UnsafeSpeechTextError before a process starts.
 *
 * Each part is spoken by its own say call and pauses are waited out between them, so digits stand alone
 * on every platform. Rate: on macOS/Windows the platform's own rate (tempo only); on Linux the package
 * could only change the sample rate (which raises the pitch), so rate is not applied there: use
 * FestivalBackend or EspeakBackend for rate control. Volume is not supported by say (full level).
 * Device: Linux through a temporary ALSA config whose default PCM is the device; macOS `say -a`.
 * Abort: festival runs in its own process group and the whole group (festival, sh, aplay) is killed.
 */
export class SayBackend implements SpeechBackend {
  readonly name = 'say' as const;
  readonly languages: readonly Lang[];
  readonly platform: Platform;
  private readonly env: NodeJS.ProcessEnv;
  private readonly player: AudioPlayer;

  constructor(o: SayOptions = {}) {
    const p = o.platform ?? process.platform;
    this.platform = p === 'darwin' || p === 'win32' ? p : 'linux';
    this.languages = Object.keys(SAY_VOICES[this.platform]) as Lang[];
    this.env = o.env ?? process.env;
    this.player = o.player ?? new AudioPlayer({ env: this.env });
  }

  async available(): Promise<boolean> {
    return commandExists(SAY_PROGRAMS[this.platform].bin, this.env);
  }

  /** Throws unless every text part is tokenkit-composed; runs before any say call. */
  assertSafe(u: Utterance): void {
    for (const part of u.parts)
      if (part.kind === 'text' && !isComposedText(part.text)) throw new UnsafeSpeechTextError('say');
  }

  private checkLang(u: Utterance): void {
    if (!this.languages.includes(u.lang))
      throw new SpeechUnavailableError('festival', ESPEAK_PACKAGE, 'speech.error.festivalNoDanish');
  }

  private speed(u: Utterance): number | null {
    return this.platform === 'linux' || u.ratePercent === 100 ? null : u.ratePercent / 100;
  }

  async synthesize(u: Utterance, o: { signal?: AbortSignal } = {}): Promise<Wav> {
    this.assertSafe(u);
    if (this.platform === 'linux') throw new SpeechInputError('wav', 'speech.error.sayNoWav', { platform: 'Linux' });
    this.checkLang(u);
    const dir = await mkdtemp(join(tmpdir(), 'tokenkit-say-'));
    try {
      const clips: (Wav | undefined)[] = [];
      for (const [i, part] of u.parts.entries()) {
        if (o.signal?.aborted) throw new SpeechAbortedError();
        if (part.kind !== 'text') continue;
        const file = join(dir, `${i}.wav`);
        await this.run(
          (say, cb) => say.export(part.text, this.voice(u.lang), this.speed(u), file, cb),
          undefined,
          o.signal,
        );
        clips[i] = trimSilence(decodeWav(new Uint8Array(await readFile(file))));
      }
      const rate = clips.find((c) => c)?.sampleRateHz ?? 22050;
      const joined = concatWavs(
        u.parts.map((part, i) =>
          part.kind === 'text'
            ? clips[i]!
            : part.kind === 'pause'
              ? silence(scaledPauseMs(part.durationMs, u.ratePercent), rate)
              : tone(part.frequencyHz, part.durationMs, rate),
        ),
      );
      return applyGain(joined, u.volumePercent / 100);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async play(wav: Wav, o: PlayOptions = {}): Promise<void> {
    await this.player.play(wav, o);
  }

  async speak(u: Utterance, o: PlayOptions = {}): Promise<void> {
    this.assertSafe(u);
    this.checkLang(u);
    if (o.device && this.platform === 'win32')
      throw new SpeechInputError('device', 'speech.error.sayNoDevice', { platform: 'Windows' });
    // 'default' needs no routing (and routing default to itself would make ALSA recurse).
    const routed =
      o.device && o.device !== DEFAULT_DEVICE && this.platform === 'linux'
        ? await alsaDefaultHome(o.device, this.env)
        : undefined;
    try {
      for (const part of u.parts) {
        if (o.signal?.aborted) throw new SpeechAbortedError();
        if (part.kind === 'text') {
          await this.run(
            (say, cb) => say.speak(part.text, this.voice(u.lang), this.speed(u), cb),
            o.device,
            o.signal,
            routed?.env,
            o.onSpawn,
          );
        } else if (part.kind === 'pause') {
          await abortableDelay(scaledPauseMs(part.durationMs, u.ratePercent), o.signal);
        } else {
          await this.player.play(tone(part.frequencyHz, part.durationMs, 22050), {
            device: o.device,
            signal: o.signal,
          });
        }
      }
    } finally {
      await routed?.cleanup();
    }
  }

  private voice(lang: Lang): string | null {
    return SAY_VOICES[this.platform][lang] ?? null;
  }

  /**
   * One say call on a fresh platform object whose spawn is adjusted: own process group (so abort can
   * kill festival's aplay too), our environment, and `-a DEVICE` on macOS.
   */
  private run(
    call: (say: SayPlatform, cb: (err: Error | null) => void) => void,
    device: string | undefined,
    signal: AbortSignal | undefined,
    env: NodeJS.ProcessEnv = this.env,
    onSpawn?: (pid: number) => void,
  ): Promise<void> {
    if (signal?.aborted) return Promise.reject(new SpeechAbortedError());
    const say = new SayClass(this.platform);
    const adjust = (spec: SpawnSpec): SpawnSpec => ({
      ...spec,
      args: device && this.platform === 'darwin' ? [...spec.args, '-a', device] : spec.args,
      options: { ...spec.options, env, detached: this.platform !== 'win32' },
    });
    const speakCommand = say.buildSpeakCommand.bind(say);
    const exportCommand = say.buildExportCommand.bind(say);
    say.buildSpeakCommand = (a) => adjust(speakCommand(a));
    say.buildExportCommand = (a) => adjust(exportCommand(a));
    return new Promise((resolve, reject) => {
      let aborted = false;
      let child: ChildProcess | null = null;
      const onAbort = () => {
        aborted = true;
        if (child) terminate(child, this.platform !== 'win32');
      };
      const finish = (err: Error | null) => {
        signal?.removeEventListener('abort', onAbort);
        if (aborted) return reject(new SpeechAbortedError());
        if (!err) return resolve();
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          const tool = SAY_PROGRAMS[this.platform];
          return reject(new SpeechUnavailableError(tool.bin, tool.debianPackage));
        }
        // The package passes only the first stderr chunk (often an ALSA warning); the last line is the cause.
        const lines = `${err.message}\n${stderr}`
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean);
        reject(new SpeechDeviceError(device ?? 'default', cleanToolMessage(lines[lines.length - 1] ?? 'say failed')));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      call(say, (err) => {
        // The package reports the first stderr output as an error while the engine may still be
        // running; wait for the process to end so nothing keeps sounding after we return.
        if (child && child.exitCode === null && child.signalCode === null) child.once('exit', () => finish(err));
        else finish(err);
      });
      child = say.child;
      let stderr = '';
      child?.stderr?.on('data', (d: Buffer | string) => (stderr += d.toString()));
      if (child) {
        child.once('error', (e) => finish(e));
        if (child.pid !== undefined) onSpawn?.(child.pid);
      }
    });
  }
}

function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new SpeechAbortedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new SpeechAbortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * festival plays through `aplay` with no device option, so a device is chosen the ALSA way: a
 * temporary HOME whose .asoundrc first includes the user's own ALSA config and then makes DEVICE the
 * default PCM.
 */
async function alsaDefaultHome(
  device: string,
  env: NodeJS.ProcessEnv,
): Promise<{ env: NodeJS.ProcessEnv; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tokenkit-alsa-'));
  const home = env.HOME ?? homedir();
  const includes = [join(home, '.asoundrc'), join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'alsa', 'asoundrc')]
    .filter((f) => existsSync(f))
    .map((f) => `<${JSON.stringify(f).slice(1, -1)}>`);
  await writeFile(
    join(dir, '.asoundrc'),
    `${includes.join('\n')}\npcm.!default { type plug slave.pcm ${JSON.stringify(device)} }\n`,
  );
  return { env: { ...env, HOME: dir }, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
