import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ArduinoBoard, type ArduinoFaults, type StartApplication } from '../../firmware-sim/avr/arduino-board';
import { avrApplication } from '../../firmware-sim/avr/avr-application';
import { openTtyPort } from '../../firmware-sim/tty-port';
import { startPtyPair } from '../../src/link/pty-pair';
import { openTokenStore } from '../../src/store/index';
import { runBin, runCli } from '../helpers/cli';
import { hasTool } from '../helpers/tools';
import { firmwareHex, firmwareSimApplication } from './helpers';

const tools = hasTool('socat', 'socat') && hasTool('avrdude', 'avrdude') && hasTool('make', 'make');

// `tokenkit firmware flash` end to end: real avrdude through the STK500v1 model on a socat pty, then the
// board's application booted from what was written (the C firmware in avr8js; the failure cases use the
// TypeScript token model, being about the host's workflow), its clock set and a key provisioned and registered.
describe.skipIf(!tools)('tokenkit firmware flash against an emulated Arduino on a pty', () => {
  let dir: string;
  const cleanup: (() => Promise<void> | void)[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tokenkit-firmware-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  /** A blank Nano in its bootloader, as it is while avrdude's DTR reset holds it there. */
  async function blankNano(faults?: ArduinoFaults, startApplication?: StartApplication) {
    const pair = await startPtyPair();
    cleanup.push(() => pair.stop());
    const tty = openTtyPort(pair.boardPath);
    cleanup.push(() => tty.close());
    const board = ArduinoBoard.start({
      port: tty.port,
      startApplication: startApplication ?? firmwareSimApplication(),
      appStartMs: 300,
      ...(faults ? { faults } : {}),
    });
    cleanup.push(() => board.stop());
    await board.reset({ idleTimeoutMs: 60_000 });
    return { port: pair.hostPath, board };
  }

  it('the C firmware: flashes, waits for the boot, sets the clock, provisions and registers; its codes verify', async () => {
    // The DS3231 module starts years behind: the flash must set it (forced) from this computer's clock.
    const { port, board } = await blankNano(undefined, avrApplication({ rtc: { startMs: Date.UTC(2020, 0, 1) } }));
    const store = join(dir, 'flash.db');
    const r = await runCli([
      '--store',
      store,
      'firmware',
      'flash',
      '--board',
      'nano',
      '--port',
      port,
      '--hex',
      firmwareHex(),
      '--generate',
      '--register',
      'alice',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ port, board: 'nano', provisioned: true, registered: 'alice' });
    expect(out.secret).toBeUndefined();
    expect(board.bootloaderStats!.pagesWritten).toBeGreaterThan(100);
    expect(board.phase).toBe('application');
    expect(out.firmware).toMatchObject({ profile: 'code-display' });
    // The board's clock was set from this computer's.
    const time = await runCli(['device', 'time', '--port', port, '--json']);
    expect(time.stderr).toBe('');
    expect(Math.abs(JSON.parse(time.stdout).offsetMs)).toBeLessThan(2_000);
    // The key on the board is the one in the store: the board's code verifies.
    const press = await runCli(['device', 'press', '--port', port]);
    expect(press.code).toBe(0);
    const verify = await runCli(['--store', store, 'token', 'verify', 'alice', press.stdout.trim()]);
    expect(verify.code).toBe(0);
  });

  it('text output in Danish names each step', async () => {
    const { port } = await blankNano();
    const r = await runCli(['firmware', 'flash', '--board', 'nano', '--port', port, '--hex', firmwareHex()], {
      LANG: 'da_DK.UTF-8',
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Flasher .* på nano på .* med avrdude/m);
    expect(r.stdout).toMatch(/^Skrevet og kontrolleret: \d+ bytes/m);
    expect(r.stdout).toMatch(/^Firmwaren kører: serienummer \d+/m);
    expect(r.stdout).toMatch(/^Uret er sat til 20\d\d-/m);
    expect(r.stdout).toMatch(/Den har ingen hemmelighed endnu: kør 'tokenkit device provision/);
  });

  it('avrdude failing halfway: one line saying the image is partial and to run it again, exit 4; nothing registered', async () => {
    const { port, board } = await blankNano({ hangAfterPages: 20 });
    const store = join(dir, 'halfway.db');
    const r = await runCli([
      '--store',
      store,
      'firmware',
      'flash',
      '--board',
      'nano',
      '--port',
      port,
      '--hex',
      firmwareHex(),
      '--generate',
      '--register',
      'bob',
    ]);
    expect(r.code).toBe(4);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/avrdude stopped while writing the flash on .*partial image.*run the same command again/);
    expect(board.bootloaderStats!.pagesWritten).toBe(20);
    const s = openTokenStore({ path: store });
    expect(s.get('bob')).toBeUndefined();
    s.close();
  }, 60_000);

  it('bad input is refused before avrdude touches the board (exit 2), a missing avrdude is exit 5', async () => {
    const { port, board } = await blankNano();
    const wrongBoard = await runCli(['firmware', 'flash', '--board', 'mega', '--port', port]);
    expect(wrongBoard.code).toBe(2);
    expect(wrongBoard.stderr).toMatch(/unknown board 'mega': use one of nano, nano-old-bootloader, uno/);
    const notOurs = await runCli([
      'firmware',
      'flash',
      '--board',
      'uno',
      '--port',
      port,
      '--hex',
      join(dir, 'nope.hex'),
    ]);
    expect(notOurs.code).toBe(2);
    expect(notOurs.stderr).toMatch(/cannot read .*nope\.hex: no such file/);
    const registerAlone = await runCli(['firmware', 'flash', '--board', 'uno', '--port', port, '--register', 'x']);
    expect(registerAlone.code).toBe(2);
    expect(board.bootloaderStats!.commands).toBe(0);
    const noAvrdude = await runBin(['firmware', 'flash', '--board', 'uno', '--port', port, '--hex', firmwareHex()], {
      PATH: join(dir, 'empty-path'),
    });
    expect(noAvrdude.stderr).toMatch(
      /avrdude is not installed: install it \(Debian\/Ubuntu: 'sudo apt-get install avrdude'/,
    );
    expect(noAvrdude.code).toBe(5);
  });
});
