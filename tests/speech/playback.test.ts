import { createReadStream, type ReadStream } from 'node:fs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/index';
import {
  AudioPlayer,
  composeCode,
  EspeakBackend,
  SayBackend,
  Speaker,
  SpeechAbortedError,
  type SpeechBackend,
  SpeechDeviceError,
  tone,
  UnsafeSpeechTextError,
  type Utterance,
  voicedSegments,
} from '../../src/speech/index';
import { hasTool } from '../helpers/tools';
import { createAlsaFixture, processAlive } from './alsa-fixture';

/** Opens the fixture's pipe for reading; resolves the first chunk; `ended` resolves when every writer closed. */
function readFirstChunk(path: string): { stream: ReadStream; first: Promise<Buffer>; ended: Promise<void> } {
  const stream = createReadStream(path, { highWaterMark: 4096 });
  const first = new Promise<Buffer>((resolve) =>
    stream.once('data', (chunk) => {
      // Stop reading: the pipe fills and the player blocks mid-play until it is killed.
      stream.pause();
      resolve(chunk as Buffer);
    }),
  );
  const ended = new Promise<void>((resolve) => stream.once('end', () => resolve()));
  return { stream, first, ended };
}

const hasAplay = hasTool('aplay', 'alsa-utils');

describe.skipIf(!hasAplay)('aplay playback on a chosen ALSA device', () => {
  const alsa = createAlsaFixture();
  afterAll(() => alsa.cleanup());
  beforeEach(() => alsa.clearCaptures());

  it('plays the exact samples on --device', async () => {
    const wav = tone(440, 300, 22050);
    await new AudioPlayer({ env: alsa.env }).play(wav, { device: alsa.captureDevice });
    const [capture, ...rest] = alsa.captures();
    expect(rest).toHaveLength(0);
    expect(capture!.rateHz).toBe(22050);
    expect([...capture!.samples.subarray(0, wav.samples.length)]).toEqual([...wav.samples]);
  });

  it('an unknown device fails with SpeechDeviceError naming it', async () => {
    const error = await new AudioPlayer({ env: alsa.env })
      .play(tone(440, 50, 22050), { device: 'no_such_pcm' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpeechDeviceError);
    expect(error).toMatchObject({ device: 'no_such_pcm' });
    expect((error as Error).message).toMatch(/^audio output 'no_such_pcm' failed: \S/);
    expect((error as Error).message).not.toMatch(/aplay:|main:\d+/); // the tool's prefixes are noise to a user
  });

  it('abort mid-play kills the player: its process is gone and the pipe closes', async () => {
    const reader = readFirstChunk(alsa.fifoPath);
    const controller = new AbortController();
    let pid = 0;
    const playing = new AudioPlayer({ env: alsa.env }).play(tone(440, 5000, 22050), {
      device: alsa.fifoDevice,
      signal: controller.signal,
      onSpawn: (p) => (pid = p),
    });
    expect((await reader.first).length).toBeGreaterThan(0); // sound was flowing
    expect(processAlive(pid)).toBe(true);
    controller.abort();
    await expect(playing).rejects.toBeInstanceOf(SpeechAbortedError);
    expect(processAlive(pid)).toBe(false);
    reader.stream.resume();
    await reader.ended; // no writer left on the pipe
  });

  it('a player killed by someone else (not our abort) is a device error that names the signal, in both languages', async () => {
    const reader = readFirstChunk(alsa.fifoPath);
    let pid = 0;
    const playing = new AudioPlayer({ env: alsa.env }).play(tone(440, 5000, 22050), {
      device: alsa.fifoDevice,
      onSpawn: (p) => (pid = p),
    });
    await reader.first;
    process.kill(pid, 'SIGKILL');
    const error = await playing.catch((e: unknown) => e);
    reader.stream.destroy();
    expect(error).toBeInstanceOf(SpeechDeviceError);
    expect(error).toMatchObject({ device: alsa.fifoDevice, signal: 'SIGKILL' });
    for (const lang of ['da', 'en'] as const) {
      expect((error as SpeechDeviceError).localized(lang)).toBe(
        t(lang, 'speech.error.playerKilled', { device: alsa.fifoDevice, signal: 'SIGKILL' }),
      );
    }
    expect((error as Error).message).not.toMatch(/null/);
  });

  it('an already aborted signal starts nothing', async () => {
    let spawned = false;
    const error = await new AudioPlayer({ env: alsa.env })
      .play(tone(440, 50, 22050), {
        device: alsa.captureDevice,
        signal: AbortSignal.abort(),
        onSpawn: () => (spawned = true),
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpeechAbortedError);
    expect(spawned).toBe(false);
    expect(alsa.captures()).toHaveLength(0);
  });

  describe.skipIf(!hasTool('espeak-ng', 'espeak-ng'))('espeak-ng through aplay', () => {
    it.each(['da', 'en'] as const)('%s: what reaches the device has six separated digits', async (lang) => {
      await new EspeakBackend({ env: alsa.env }).speak(composeCode('452 917', { lang }), {
        device: alsa.captureDevice,
      });
      const [capture] = alsa.captures();
      expect(voicedSegments({ sampleRateHz: capture!.rateHz, channels: 1, samples: capture!.samples })).toHaveLength(6);
    });

    it('confirm plays one beep on the device', async () => {
      const speaker = new Speaker({ backend: new EspeakBackend({ env: alsa.env }), device: alsa.captureDevice });
      expect(await speaker.confirm()).toBe('spoken');
      const [capture, ...rest] = alsa.captures();
      expect(rest).toHaveLength(0);
      expect(voicedSegments({ sampleRateHz: capture!.rateHz, channels: 1, samples: capture!.samples })).toHaveLength(1);
    });

    it('a new code cancels the one being spoken: the first player process is gone', async () => {
      const pids: number[] = [];
      const espeak = new EspeakBackend({ env: alsa.env });
      // The same backend, with the player's pid reported to the test.
      const backend: SpeechBackend = {
        name: espeak.name,
        languages: espeak.languages,
        available: () => espeak.available(),
        synthesize: (u, o) => espeak.synthesize(u, o),
        play: (w, o) => espeak.play(w, o),
        // The second player starts only once the test's reader of the pipe is gone: started earlier (on a
        // busy machine), it could open the pipe while the reader still drains it and be heard in full.
        speak: async (u, o) => {
          if (pids.length > 0) await reader.ended;
          return espeak.speak(u, { ...o, onSpawn: (pid) => pids.push(pid) });
        },
      };
      const speaker = new Speaker({ backend, device: alsa.fifoDevice, lang: 'en' });
      const reader = readFirstChunk(alsa.fifoPath);
      const first = speaker.speakCode('111111');
      await reader.first;
      const second = speaker.speakCode('222222');
      expect(await first).toBe('cancelled');
      expect(processAlive(pids[0]!)).toBe(false);
      reader.stream.resume();
      await reader.ended;
      // The second code's player now waits for a reader on the pipe; closing the speaker stops it too.
      await speaker.close();
      expect(await second).toBe('cancelled');
      for (const pid of pids) expect(processAlive(pid)).toBe(false);
    });
  });

  describe.skipIf(!hasTool('festival', 'festival'))('say package (festival on Linux) on an ALSA file device', () => {
    it('speaks each digit: six festival clips with sound reach the device', async () => {
      await new SayBackend({ env: alsa.env, platform: 'linux' }).speak(composeCode('452917', { lang: 'en' }), {
        device: alsa.captureDevice,
      });
      const clips = alsa.captures().filter((c) => c.rateHz === 16000);
      expect(clips).toHaveLength(6);
      for (const clip of clips)
        expect(
          voicedSegments({ sampleRateHz: 16000, channels: 1, samples: clip.samples }).length,
        ).toBeGreaterThanOrEqual(1);
    });

    it('refuses text tokenkit did not compose, before starting any process', async () => {
      const evil: Utterance = {
        lang: 'en',
        ratePercent: 100,
        volumePercent: 80,
        parts: [{ kind: 'text', text: '") (system "touch /tmp/tokenkit-pwned") ("' }],
      };
      let spawned = false;
      const error = await new SayBackend({ env: alsa.env, platform: 'linux' })
        .speak(evil, { device: alsa.captureDevice, onSpawn: () => (spawned = true) })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsafeSpeechTextError);
      expect(spawned).toBe(false);
      expect(alsa.captures()).toHaveLength(0);
    });

    it('abort kills festival and its aplay', async () => {
      const reader = readFirstChunk(alsa.fifoPath);
      const controller = new AbortController();
      const pids: number[] = [];
      const speaking = new SayBackend({ env: alsa.env, platform: 'linux' }).speak(
        composeCode('888888', { lang: 'en' }),
        {
          device: alsa.fifoDevice,
          signal: controller.signal,
          onSpawn: (pid) => pids.push(pid),
        },
      );
      await reader.first;
      controller.abort();
      await expect(speaking).rejects.toBeInstanceOf(SpeechAbortedError);
      expect(pids).toHaveLength(1);
      expect(processAlive(pids[0]!)).toBe(false);
      reader.stream.resume();
      await reader.ended;
    });
  });
});
