import { afterEach, describe, expect, it } from 'vitest';
import { ArduinoBoard } from '../../firmware-sim/avr/arduino-board';
import { exitCodeFor } from '../../src/cli/error-map';
import { BootTimeoutError, bootMsForUsb, bootWaitOpener, waitForBoot } from '../../src/device/boot-wait';
import { DeviceClient } from '../../src/device/index';
import type { LinkOpener } from '../../src/link/link';
import { MemoryLink } from '../../src/link/memory-link';
import { firmwareSimApplication, nonBlankImage } from './helpers';

/** An emulated Arduino behind a MemoryLink, just reset (in its bootloader), as a host finds it on opening the port. */
function justReset(opts: { appStartMs: number; blank?: boolean }) {
  const [host, boardEnd] = MemoryLink.pair();
  const board = ArduinoBoard.start({
    port: boardEnd,
    startApplication: firmwareSimApplication(),
    appStartMs: opts.appStartMs,
    ...(opts.blank ? {} : { flash: nonBlankImage() }),
  });
  return { host, board };
}

describe('boot wait: a board that resets when its port opens', () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const s of stops.splice(0)) await s();
  });

  it('the first HELLO goes to the bootloader and is lost; HELLO again until the firmware answers', async () => {
    const { host, board } = justReset({ appStartMs: 600 });
    stops.push(
      () => board.stop(),
      () => host.close(),
    );
    const result = await waitForBoot(host, { bootMs: 3000, helloEveryMs: 100 });
    expect(board.phase).toBe('application');
    // HELLO's bytes broke the bootloader's framing, so it handed over at once instead of after its 1 s timeout.
    expect(result.hellos).toBeGreaterThan(1);
    // The link is still open and the board answers DeviceClient's own HELLO right away.
    const client = await DeviceClient.overLink(host, { retries: 0 });
    expect(client.info.profileId).toBe('code-display');
    await client.close();
  });

  it('without the wait, the first command fails on the same board (why the wait exists)', async () => {
    const { host, board } = justReset({ appStartMs: 600 });
    stops.push(
      () => board.stop(),
      () => host.close(),
    );
    await expect(DeviceClient.overLink(host, { timeoutMs: 200, retries: 1 })).rejects.toMatchObject({
      name: 'NotATokenError',
      reason: 'no-answer',
    });
  });

  it('a blank board (no firmware yet) fails after its boot time with one line naming the flash command, exit 4', async () => {
    const { host, board } = justReset({ appStartMs: 10, blank: true });
    stops.push(
      () => board.stop(),
      () => host.close(),
    );
    const error = await waitForBoot(host, { bootMs: 1500, helloEveryMs: 200, boardId: 'nano' }).catch((e) => e);
    expect(error).toBeInstanceOf(BootTimeoutError);
    expect(error.message).toBe(
      "the board on memory:host did not answer within 1500 ms of being reset: it may have no tokenkit firmware yet (flash it with 'tokenkit firmware flash --board nano --port memory:host'), or it is not a tokenkit board.",
    );
    expect(error.localized('da')).toMatch(/^enheden på memory:host svarede ikke inden for 1500 ms efter nulstilling/);
    expect(exitCodeFor(error)).toBe(4);
    expect(board.phase).toBe('no-application');
  });

  it('bootWaitOpener: DeviceClient.open waits for the boot, and closes the link when the board never answers', async () => {
    const { host, board } = justReset({ appStartMs: 400 });
    stops.push(
      () => board.stop(),
      () => host.close(),
    );
    const opener: LinkOpener = { description: host.description, open: async () => host };
    const client = await DeviceClient.open(bootWaitOpener(opener, { bootMs: 3000, helloEveryMs: 100 }), {
      reconnect: false,
      retries: 0,
    });
    expect(client.info.mode).toBe('smart');
    await client.close();

    const blank = justReset({ appStartMs: 10, blank: true });
    stops.push(() => blank.board.stop());
    const blankOpener: LinkOpener = { description: 'blank', open: async () => blank.host };
    await expect(DeviceClient.open(bootWaitOpener(blankOpener, { bootMs: 600 }))).rejects.toBeInstanceOf(
      BootTimeoutError,
    );
    expect(blank.host.isOpen).toBe(false);
  });

  it('the boot time comes from devices/boards by USB id: the longest of the boards a bridge may be', () => {
    expect(bootMsForUsb('2341', '0043')).toBe(2000); // Uno
    expect(bootMsForUsb('1a86', '7523')).toBe(3500); // a CH340 may be an old-bootloader Nano
    expect(bootMsForUsb('1209', '0001')).toBeUndefined(); // USB CDC: no reset on open
    expect(bootMsForUsb(undefined, undefined)).toBeUndefined();
  });
});
