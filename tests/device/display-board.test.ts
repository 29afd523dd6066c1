import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program';
import { generateTotp } from '../../src/otp/index';
import { type SerialSimHandle, startSerialSim } from '../../src/sim/index';
import { voicedSegments } from '../../src/speech/index';
import { runCli } from '../helpers/cli';
import { hasTool } from '../helpers/tools';
import { until } from '../helpers/wait';
import { type AlsaFixture, clipComplete, createAlsaFixture } from '../speech/alsa-fixture';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const ready = hasTool('socat', 'socat') && hasTool('espeak-ng', 'espeak-ng') && hasTool('aplay', 'alsa-utils');

describe.skipIf(!ready)('a display board driven by the host (tokenkit device watch)', () => {
  let sim: SerialSimHandle;
  let alsa: AlsaFixture;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tokenkit-display-'));
    alsa = createAlsaFixture();
    // An audio code reader built as a display board: button and digits, no clock or secret of its own.
    sim = await startSerialSim({ profile: 'audio-code-reader', mode: 'display' });
  });
  afterAll(async () => {
    await sim?.stop();
    alsa?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("shows the store user's current code on the board when its button is pressed, and reads it aloud", async () => {
    const store = join(dir, 'tokens.db');
    expect((await runCli(['--store', store, 'token', 'add', 'demo', '--secret', SECRET])).code).toBe(0);
    let out = '';
    const controller = new AbortController();
    const io = {
      stdout: (s: string) => (out += s),
      stderr: (s: string) => (out += s),
      env: { ...alsa.env, LANG: 'en_US.UTF-8' },
      isTTY: false,
    };
    const watching = run(
      ['--store', store, 'device', 'watch', '--port', sim.hostPath, '--user', 'demo', '--device', alsa.captureDevice],
      io,
      controller.signal,
    );
    await until(
      'the watch starting',
      () => out.includes('Display board: this computer computes'),
      () => out,
    );
    expect(sim.firmware.display.kind).toBe('off');

    const pressedAtMs = Date.now();
    sim.firmware.press();
    await until(
      'digits on the board',
      () => sim.firmware.display.kind === 'digits',
      () => out,
    );
    const shownAtMs = Date.now();
    const display = sim.firmware.display;
    const code = display.kind === 'digits' ? display.code : '';
    // The code for the moment of the press (or the next step, if a boundary fell in between).
    expect([
      generateTotp({ secret: SECRET, atMs: pressedAtMs }),
      generateTotp({ secret: SECRET, atMs: shownAtMs }),
    ]).toContain(code);
    expect(sim.firmware.remainingMs()).toBeGreaterThan(0);
    expect(sim.firmware.remainingMs()).toBeLessThanOrEqual(30_000);

    await until('a whole spoken clip', clipComplete(alsa), () => out);
    controller.abort();
    expect(await watching).toBe(0);
    expect(out).toContain(`code shown by this computer: ${code}`);
    const clip = alsa.captures()[0]!;
    // Six digits at least: the reader leaves out "valid for N seconds" when the code ends within a second
    // of the phrase (issue 10 item 16), so a press near a step boundary gives no seventh segment.
    expect(
      voicedSegments({ sampleRateHz: clip.rateHz, channels: 1, samples: clip.samples }).length,
    ).toBeGreaterThanOrEqual(6);
  });

  it('without a key it says how to give one, and keeps watching', async () => {
    let out = '';
    let err = '';
    const controller = new AbortController();
    const io = {
      stdout: (s: string) => (out += s),
      stderr: (s: string) => (err += s),
      env: { ...alsa.env, LANG: 'en_US.UTF-8' },
      isTTY: false,
    };
    const watching = run(['device', 'watch', '--port', sim.hostPath, '--no-speech'], io, controller.signal);
    await until(
      'the watch starting',
      () => out.includes('Watching'),
      () => out + err,
    );
    expect(err.trim()).toBe(
      'this is a display board without a clock or secret: give --user USER, --secret, --secret-hex or --uri so this computer can compute the codes it shows.',
    );
    sim.firmware.press();
    await until(
      'the button event',
      () => out.includes('utton'),
      () => out + err,
    );
    controller.abort();
    expect(await watching).toBe(0);
  });
});
