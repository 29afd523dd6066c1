import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ArduinoBoard } from '../../firmware-sim/avr/arduino-board';
import { avrApplication } from '../../firmware-sim/avr/avr-application';
import { openTtyPort } from '../../firmware-sim/tty-port';
import { startPtyPair } from '../../src/link/pty-pair';
import { parseIntelHex } from '../../src/protocol/index';
import { spawnFirmwareSim } from '../firmware-sim/firmware-process';
import { runCli } from '../helpers/cli';
import { hasTool } from '../helpers/tools';
import { until } from '../helpers/wait';
import { firmwareHex } from './helpers';

describe.skipIf(!hasTool('socat', 'socat'))(
  'a board whose clock cannot be trusted: the host warns and names the fix',
  () => {
    const cleanup: (() => Promise<void> | void)[] = [];
    afterEach(async () => {
      for (const f of cleanup.splice(0).reverse()) await f();
    });

    it('RTC unset (INFO clockFlags): every device command warns, in both languages, until device time --set fixes it', async () => {
      const pair = await startPtyPair();
      cleanup.push(() => pair.stop());
      const board: ChildProcessWithoutNullStreams = await spawnFirmwareSim([
        '--tty',
        pair.boardPath,
        '--fault-clock-unset',
      ]);
      cleanup.push(() => void board.kill());
      const info = await runCli(['device', 'info', '--port', pair.hostPath, '--json']);
      expect(info.code).toBe(0);
      expect(JSON.parse(info.stdout).clock).toEqual({ unset: true, unreliable: false });
      expect(info.stderr).toBe(
        `warning: the clock of the board on ${pair.hostPath} is not set (its RTC stopped or was never set), so its codes are wrong: set it with 'tokenkit device time --port ${pair.hostPath} --set now --force'.\n`,
      );
      const da = await runCli(['device', 'time', '--port', pair.hostPath], { LANG: 'da_DK.UTF-8' });
      expect(da.stderr).toMatch(
        /^advarsel: uret i enheden på .* er ikke sat .*tokenkit device time --port .* --set now --force'\.\n$/,
      );
      const set = await runCli(['device', 'time', '--port', pair.hostPath, '--set', 'now', '--force']);
      expect(set.code).toBe(0);
      expect(set.stderr).toBe('');
      const after = await runCli(['device', 'info', '--port', pair.hostPath]);
      expect(after.stderr).toBe('');
    });

    it('no DS3231 fitted: the C firmware says its clock is unreliable, and the host says to fit one', async () => {
      const pair = await startPtyPair();
      cleanup.push(() => pair.stop());
      const tty = openTtyPort(pair.boardPath);
      cleanup.push(() => tty.close());
      const flash = parseIntelHex(readFileSync(firmwareHex(), 'utf8')).bytes;
      const arduino = ArduinoBoard.start({
        port: tty.port,
        flash,
        startApplication: avrApplication({ rtc: false }),
        startInBootloader: false,
      });
      cleanup.push(() => arduino.stop());
      await until('the firmware to boot', () => arduino.phase === 'application');
      const r = await runCli(['device', 'info', '--port', pair.hostPath, '--timeout', '3000']);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(
        /^warning: the board on .* has no working RTC module: .*fit a DS3231 \(see docs\/hardware\.md\)/,
      );
    });
  },
);
