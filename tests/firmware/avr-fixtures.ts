import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadIntelHex } from '../../firmware-sim/avr/index';

const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));

/**
 * Compiles tests/firmware/fixtures/NAME.c with Debian's avr-gcc for the ATmega328P at 16 MHz into a temp
 * dir and returns the program image (through the harness's own Intel HEX reader).
 */
export function compileFixture(name: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'tokenkit-avr-fixture-'));
  try {
    const elf = join(dir, `${name}.elf`);
    const hex = join(dir, `${name}.hex`);
    execFileSync(
      'avr-gcc',
      ['-mmcu=atmega328p', '-Os', '-DF_CPU=16000000UL', '-std=c99', '-Wall', '-o', elf, join(FIXTURES, `${name}.c`)],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    execFileSync('avr-objcopy', ['-O', 'ihex', '-R', '.eeprom', elf, hex]);
    return loadIntelHex(readFileSync(hex, 'utf8'), hex);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
