import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArduinoBoard } from '../../firmware-sim/avr/arduino-board';
import { openTtyPort, type TtyPort } from '../../firmware-sim/tty-port';
import { type PtyPair, startPtyPair } from '../../src/link/pty-pair';
import { runCli } from '../helpers/cli';
import { hasTool } from '../helpers/tools';
import { firmwareSimApplication, nonBlankImage } from './helpers';

// An emulated Arduino on a socat pty whose firmware takes 1.5 s to answer after a reset: the first command
// after the reset (a real board's port opening) fails without the boot wait and works with it.
describe.skipIf(!hasTool('socat', 'socat'))('device commands wait for a board that resets on open', () => {
  let pair: PtyPair;
  let tty: TtyPort;
  let board: ArduinoBoard;
  beforeAll(async () => {
    pair = await startPtyPair();
    tty = openTtyPort(pair.boardPath);
    board = ArduinoBoard.start({
      port: tty.port,
      startApplication: firmwareSimApplication(),
      flash: nonBlankImage(),
      appStartMs: 1500,
      startInBootloader: false,
    });
  });
  afterAll(async () => {
    await board.stop();
    tty.close();
    await pair.stop();
  });

  it('without a boot wait the first command after a reset fails: not a tokenkit board (exit 4)', async () => {
    await board.reset();
    const r = await runCli(['device', 'info', '--port', pair.hostPath, '--timeout', '300']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/is not a tokenkit board \(no answer to HELLO/);
  });

  it('--boot-wait: HELLO again until the firmware is up, then the command runs', async () => {
    await board.reset();
    const r = await runCli([
      'device',
      'info',
      '--port',
      pair.hostPath,
      '--timeout',
      '300',
      '--boot-wait',
      '5000',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ profileId: 'code-display', mode: 'smart' });
  });

  it('a board that never boots: one line naming the flash command, exit 4; a bad --boot-wait is exit 2', async () => {
    const blank = await startPtyPair();
    const blankTty = openTtyPort(blank.boardPath);
    const blankBoard = ArduinoBoard.start({ port: blankTty.port, startApplication: firmwareSimApplication() });
    try {
      const r = await runCli(['device', 'info', '--port', blank.hostPath, '--boot-wait', '1200'], {
        LANG: 'da_DK.UTF-8',
      });
      expect(r.code).toBe(4);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/svarede ikke inden for 1200 ms efter nulstilling.*tokenkit firmware flash --board/);
      const bad = await runCli(['device', 'info', '--port', blank.hostPath, '--boot-wait', 'soon']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--boot-wait/);
    } finally {
      await blankBoard.stop();
      blankTty.close();
      await blank.stop();
    }
  });
});
