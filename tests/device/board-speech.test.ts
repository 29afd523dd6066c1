import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program';
import { boardSpeaks, DeviceClient, speakBoardCodes } from '../../src/device/index';
import { SerialLink } from '../../src/link/index';
import { decodeBase32 } from '../../src/otp/index';
import { type SerialSimHandle, startSerialSim } from '../../src/sim/index';
import { EspeakBackend, Speaker, voicedSegments } from '../../src/speech/index';
import { hasTool } from '../helpers/tools';
import { until } from '../helpers/wait';
import { type AlsaFixture, clipComplete, createAlsaFixture } from '../speech/alsa-fixture';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const ready = hasTool('socat', 'socat') && hasTool('espeak-ng', 'espeak-ng') && hasTool('aplay', 'alsa-utils');

describe.skipIf(!ready)('an audio code reader board speaks on the host', () => {
  let sim: SerialSimHandle;
  let client: DeviceClient;
  let alsa: AlsaFixture;

  beforeAll(async () => {
    alsa = createAlsaFixture();
    sim = await startSerialSim({ profile: 'audio-code-reader', secret: decodeBase32(SECRET) });
    client = await DeviceClient.overLink(await SerialLink.open(sim.hostPath, { lock: false }));
  });
  afterAll(async () => {
    await client?.close();
    await sim?.stop();
    alsa?.cleanup();
  });

  it('reads the code the board shows, digit by digit, on the chosen device', async () => {
    expect(boardSpeaks(client.info.profileId)).toBe(true);
    const spoken: string[] = [];
    const ended = new Promise<void>((resolve, reject) => {
      const speaker = new Speaker({
        backend: new EspeakBackend({ env: alsa.env }),
        lang: 'en',
        device: alsa.captureDevice,
        listener: {
          onSpeak: (text) => spoken.push(text),
          onEnd: (outcome) => (outcome === 'spoken' ? resolve() : reject(new Error(outcome))),
        },
      });
      speakBoardCodes(client, speaker, reject);
    });
    const pressed = await client.press();
    expect(pressed.kind).toBe('code');
    await ended;
    const code = pressed.kind === 'code' ? pressed.code : '';
    expect(spoken[0]).toContain(code.slice(0, 3).split('').join(' '));
    // Sound came out of aplay on the headphone device: six separate digits.
    const [clip] = alsa.captures();
    expect(clip).toBeDefined();
    const segments = voicedSegments({ sampleRateHz: clip!.rateHz, channels: 1, samples: clip!.samples });
    expect(segments.length).toBeGreaterThanOrEqual(6);
  });
});

describe.skipIf(!ready)('tokenkit device watch with an audio code reader board', () => {
  let sim: SerialSimHandle;
  let alsa: AlsaFixture;

  beforeAll(async () => {
    alsa = createAlsaFixture();
    sim = await startSerialSim({ profile: 'audio-code-reader', secret: decodeBase32(SECRET) });
  });
  afterAll(async () => {
    await sim?.stop();
    alsa?.cleanup();
  });

  it('speaks each code the board shows on the chosen headphone device', async () => {
    let out = '';
    const controller = new AbortController();
    const io = {
      stdout: (s: string) => (out += s),
      stderr: (s: string) => (out += s),
      env: { ...alsa.env, LANG: 'en_US.UTF-8' },
      isTTY: false,
    };
    const watching = run(
      ['device', 'watch', '--port', sim.hostPath, '--device', alsa.captureDevice],
      io,
      controller.signal,
    );
    await until(
      'the watch starting',
      () => out.includes('Watching'),
      () => out,
    );
    // The person presses the board's own red button.
    const shown = sim.firmware.press();
    await until('a whole spoken clip', clipComplete(alsa), () => out);
    controller.abort();
    expect(await watching).toBe(0);
    expect(shown.kind).toBe('code');
    expect(out).toContain(shown.kind === 'code' ? shown.code : '?');
    const clip = alsa.captures()[0]!;
    // Six digits, then how long the code lasts unless it ends within a second of the message (then the
    // reader leaves that out rather than say something untrue).
    expect(
      voicedSegments({ sampleRateHz: clip.rateHz, channels: 1, samples: clip.samples }).length,
    ).toBeGreaterThanOrEqual(6);
    expect(out).not.toContain('No speech');
  });
});
