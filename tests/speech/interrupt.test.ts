import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { hasTool } from '../helpers/tools';
import { createAlsaFixture, processAlive } from './alsa-fixture';

const MAIN = fileURLToPath(new URL('../../src/cli/run-main.ts', import.meta.url));

describe.skipIf(!hasTool('espeak-ng', 'espeak-ng') || !hasTool('aplay', 'alsa-utils'))(
  'Ctrl-C during tokenkit speak',
  () => {
    const alsa = createAlsaFixture();
    afterAll(() => alsa.cleanup());

    it('stops the player mid-word and exits 130 with one line', async () => {
      const reader = createReadStream(alsa.fifoPath, { highWaterMark: 4096 });
      const firstChunk = new Promise<void>((resolve) =>
        reader.once('data', () => {
          reader.pause(); // the player now blocks: it is mid-play when the signal comes
          resolve();
        }),
      );
      const ended = new Promise<void>((resolve) => reader.once('end', () => resolve()));
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', MAIN, 'speak', '452917', '--device', alsa.fifoDevice, '--remaining', '30'],
        {
          env: { ...alsa.env, LANG: 'en_US.UTF-8' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      await firstChunk;
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(stderr.trim().split('\n')).toEqual(['tokenkit: speech was cancelled.']);
      reader.resume();
      await ended; // the player (the pipe's only writer) is gone too
      expect(processAlive(child.pid!)).toBe(false);
    });
  },
);
