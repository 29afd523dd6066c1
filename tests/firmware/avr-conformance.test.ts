import { describe } from 'vitest';
import { AvrBoard } from '../../firmware-sim/avr/index';
import { startPtyPair } from '../../src/link/pty-pair';
import { SerialLink } from '../../src/link/serial-link';
import { createDeviceTests } from '../conformance/device-tests';
import { hasTool } from '../helpers/tools';
import { AVR_HEX, companionFirmware, hasAvrToolchain, runFree } from './avr-build';
import { spawnFirmwareAvr } from './avr-process';

// The C firmware built for the ATmega328P, running in avr8js, answers to the same suite as the TypeScript
// model and the posix build: in-process over the USART link (virtual time, unpaced), and as the
// dist/firmware-avr.js process (paced to the wall clock) on a socat pty through serialport.
describe.skipIf(!hasAvrToolchain())('C firmware in the AVR emulator', () => {
  createDeviceTests({
    name: 'C firmware in avr8js over its USART0 link (virtual time)',
    startsUnprovisioned: true,
    connect: async () => {
      const board = AvrBoard.create({ program: companionFirmware(), rtc: { startMs: Date.now() }, seed: 11 });
      const running = runFree(board);
      return {
        link: board.link,
        teardown: async () => {
          await board.close();
          await running;
        },
      };
    },
  });

  describe.skipIf(!hasTool('socat', 'socat'))('as a process', () => {
    createDeviceTests({
      name: 'dist/firmware-avr.js on a socat pty through serialport (paced)',
      startsUnprovisioned: true,
      connect: async () => {
        companionFirmware();
        const pair = await startPtyPair();
        const { child } = await spawnFirmwareAvr(['--tty', pair.boardPath, '--hex', AVR_HEX]);
        const host = await SerialLink.open(pair.hostPath);
        return {
          link: host,
          teardown: async () => {
            await host.close();
            child.kill('SIGTERM');
            await pair.stop();
          },
        };
      },
    });
  });
});
