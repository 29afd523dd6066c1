import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasTool } from '../helpers/tools';
import { FIRMWARE_DIR } from './posix-build';

const PREBUILT_HEX = join(FIRMWARE_DIR, 'prebuilt/tokenkit-atmega328p.hex');
const PREBUILT_JSON = join(FIRMWARE_DIR, 'prebuilt/tokenkit-atmega328p.json');

// The shipped image must be what the sources build: a fresh build into its own directory gives the same
// bytes. When this fails after a firmware change, run `make -C firmware prebuilt` and commit the result.
describe('shipped firmware image', () => {
  it('the .json describes the committed .hex (sha256, version) and it is within budget', () => {
    const hex = readFileSync(PREBUILT_HEX);
    const meta = JSON.parse(readFileSync(PREBUILT_JSON, 'utf8'));
    expect(meta.sha256).toBe(createHash('sha256').update(hex).digest('hex'));
    const version = /#define TK_FIRMWARE_VERSION "([^"]+)"/.exec(readFileSync(join(FIRMWARE_DIR, 'core/tk.h'), 'utf8'));
    expect(meta.version).toBe(version?.[1]);
    expect(meta.sizes.flashBytes).toBeLessThanOrEqual(meta.budgets.flashBytes);
    expect(meta.sizes.ramBytes).toBeLessThanOrEqual(meta.budgets.ramBytes);
    // No build paths or times in the image: the hex is code and data only, so look at its bytes.
    const image = Buffer.from(
      hex
        .toString('ascii')
        .split('\n')
        .filter((l) => l.startsWith(':') && l.slice(7, 9) === '00')
        .map((l) => l.slice(9, -2))
        .join(''),
      'hex',
    ).toString('latin1');
    expect(image).not.toMatch(/\/work|\/tmp|\/home|20\d\d-\d\d-\d\d|\d\d:\d\d:\d\d/);
  });

  describe.skipIf(!hasTool('avr-gcc', 'gcc-avr') || !hasTool('make', 'make'))('rebuilt from source', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokenkit-repro-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('make BUILD=<fresh dir> avr gives the committed hex byte for byte', () => {
      const result = spawnSync('make', ['-s', '-C', FIRMWARE_DIR, `BUILD=${dir}`, 'avr'], { encoding: 'utf8' });
      expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
      const rebuilt = readFileSync(join(dir, 'avr-atmega328p/tokenkit.hex'));
      const committed = readFileSync(PREBUILT_HEX);
      if (!rebuilt.equals(committed)) {
        throw new Error(
          'firmware/prebuilt/tokenkit-atmega328p.hex is not what the sources build: run `make -C firmware prebuilt` and commit it',
        );
      }
      expect(result.stdout).toContain('firmware budget');
    });
  });
});
