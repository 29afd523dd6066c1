import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpeechAbortedError, SpeechDeviceError } from './errors';
import { cleanToolMessage, runTool } from './process';
import { encodeWav, type Wav } from './wav';

export interface PlayOptions {
  /** Output device: an ALSA PCM name for aplay (`aplay -L`), a sink for paplay, a device for macOS. */
  device?: string;
  /**
   * Cancels playback. Contract: if already aborted, nothing starts and play rejects with
   * SpeechAbortedError; if aborted mid-play, the player process is killed (SIGTERM, then SIGKILL if it
   * lingers: see `terminate`), and play rejects with
   * SpeechAbortedError only after that process has exited (so no sound follows the rejection).
   */
  signal?: AbortSignal;
  /** Called once the player process exists (pid for tests that check it is gone; time for the bench). */
  onSpawn?: (pid: number) => void;
}

export type PlayerKind = 'aplay' | 'paplay' | 'afplay';

const PLAYER_PACKAGES: Record<PlayerKind, string> = {
  aplay: 'alsa-utils',
  paplay: 'pulseaudio-utils',
  afplay: 'afplay (macOS)',
};

/**
 * Plays WAVs through a system player program. One process per clip; the WAV goes over stdin (aplay,
 * paplay) or a temporary file (afplay cannot read stdin).
 */
export class AudioPlayer {
  readonly kind: PlayerKind;
  private readonly env: NodeJS.ProcessEnv;

  constructor(o: { kind?: PlayerKind; env?: NodeJS.ProcessEnv } = {}) {
    this.kind = o.kind ?? (process.platform === 'darwin' ? 'afplay' : 'aplay');
    this.env = o.env ?? process.env;
  }

  /** Resolves when the player has exited after playing everything. See PlayOptions.signal for cancel. */
  async play(wav: Wav, o: PlayOptions = {}): Promise<void> {
    if (o.signal?.aborted) throw new SpeechAbortedError();
    const bytes = encodeWav(wav);
    let args: string[];
    let tempDir: string | undefined;
    switch (this.kind) {
      case 'aplay':
        args = ['-q', ...(o.device ? ['-D', o.device] : []), '-'];
        break;
      case 'paplay':
        args = [...(o.device ? [`--device=${o.device}`] : [])];
        break;
      case 'afplay':
        tempDir = await mkdtemp(join(tmpdir(), 'tokenkit-play-'));
        await writeFile(join(tempDir, 'speech.wav'), bytes);
        args = [join(tempDir, 'speech.wav')];
        break;
    }
    try {
      await this.spawnPlayer(args, this.kind === 'afplay' ? undefined : bytes, o);
    } finally {
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    }
  }

  private async spawnPlayer(args: string[], input: Uint8Array | undefined, o: PlayOptions): Promise<void> {
    const device = o.device ?? 'default';
    await runTool(this.kind, args, {
      debianPackage: PLAYER_PACKAGES[this.kind],
      env: this.env,
      ...(input ? { input } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
      onSpawn: (child) => {
        if (child.pid !== undefined) o.onSpawn?.(child.pid);
      },
      // A player's complaint is about the output device; its last stderr line says what.
      failure: ({ code, signal, stderr, spawnError }) =>
        signal
          ? new SpeechDeviceError(device, signal, signal)
          : new SpeechDeviceError(
              device,
              spawnError ? spawnError.message : cleanToolMessage(stderr.trim().split('\n').pop() || `exit ${code}`),
            ),
    });
  }
}
