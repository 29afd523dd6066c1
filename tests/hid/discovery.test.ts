import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { discoverHidBoards, type HidPlugEvent, hidBoardFor, watchHidBoards } from '../../src/device/index';
import { HidFakeBus } from '../../src/link/index';
import { BOARDS } from '../../src/profiles/builtin';
import { nodeHidLoads } from './node-hid-available';

// The HID board from devices/boards/tokenkit-hid.json, read from the validated profile list (not hard-coded).
const hidBoard = BOARDS.find((b) => b.transport === 'hid')!;
const VID = parseInt(hidBoard.usb.vendorId, 16);
const PID = parseInt(hidBoard.usb.productId, 16);
const PAGE = parseInt(hidBoard.usb.usagePage!, 16);

function bus() {
  const b = new HidFakeBus();
  b.addBoard({ vendorId: VID, productId: PID, usagePage: PAGE, usage: 1, serialNumber: 'A1', path: 'sim:hid/b' });
  b.addBoard({ vendorId: VID, productId: PID, usagePage: 0x0001, usage: 6, path: 'sim:hid/b-keyboard' }); // other interface
  b.addBoard({ vendorId: 0x046d, productId: 0xc52b, usagePage: 0x0001, usage: 2, path: 'sim:hid/mouse' });
  return b;
}

describe('HID discovery', () => {
  it('matches boards from devices/ by vendor id, product id and usage page', async () => {
    const found = await discoverHidBoards({ backend: bus() });
    expect(found).toEqual([
      {
        transport: 'hid',
        path: 'sim:hid/b',
        vendorId: hidBoard.usb.vendorId,
        productId: hidBoard.usb.productId,
        serialNumber: 'A1',
        manufacturer: 'tokenkit',
        board: hidBoard,
      },
    ]);
  });

  it('--all lists every HID device, unmatched ones without a board', async () => {
    const found = await discoverHidBoards({ backend: bus(), all: true });
    expect(found.map((p) => [p.path, p.board?.id ?? null])).toEqual([
      ['sim:hid/b', hidBoard.id],
      ['sim:hid/b-keyboard', null],
      ['sim:hid/mouse', null],
    ]);
  });

  it('hidBoardFor ignores serial boards with the same ids', () => {
    expect(hidBoardFor({ vendorId: VID, productId: PID, usagePage: PAGE })?.transport).toBe('hid');
    const serial = BOARDS.find((b) => b.transport === 'serial')!;
    expect(
      hidBoardFor({ vendorId: parseInt(serial.usb.vendorId, 16), productId: parseInt(serial.usb.productId, 16) }),
    ).toBeUndefined();
  });

  it('hot-plug: polling reports boards added and removed', async () => {
    const b = new HidFakeBus();
    const events: HidPlugEvent[] = [];
    let wake: () => void = () => {};
    const next = () => new Promise<void>((resolve) => (wake = resolve));
    const stop = watchHidBoards(
      (e) => {
        events.push(e);
        wake();
      },
      { backend: b, intervalMs: 5 },
    );
    try {
      let arrived = next();
      const board = b.addBoard({ vendorId: VID, productId: PID, usagePage: PAGE, path: 'sim:hid/hot' });
      await arrived;
      arrived = next();
      board.unplug();
      await arrived;
      expect(events.map((e) => [e.kind, e.port.path])).toEqual([
        ['added', 'sim:hid/hot'],
        ['removed', 'sim:hid/hot'],
      ]);
    } finally {
      stop();
    }
  });

  it('a watch started with an already aborted signal never polls; stopping removes its abort listener', async () => {
    const b = new HidFakeBus();
    let polls = 0;
    const counting = { HIDAsync: b.HIDAsync, devicesAsync: () => (polls++, b.devicesAsync()) };
    const aborted = AbortSignal.abort();
    watchHidBoards(() => undefined, { backend: counting, intervalMs: 1, signal: aborted });
    await new Promise((r) => setTimeout(r, 20));
    expect(polls).toBe(0);

    const controller = new AbortController();
    const stop = watchHidBoards(() => undefined, { backend: counting, intervalMs: 1, signal: controller.signal });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    stop();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it.skipIf(!nodeHidLoads())(
    'real node-hid enumeration works here (an empty list on a machine without USB)',
    async () => {
      const found = await discoverHidBoards({ all: true });
      expect(Array.isArray(found)).toBe(true);
      for (const p of found) expect(p.transport).toBe('hid');
    },
  );
});

describe('udev rule for HID boards', () => {
  it('devices/99-tokenkit.rules (named in the permission-denied message) grants hidraw access to every HID board', async () => {
    const { readFileSync } = await import('node:fs');
    const rules = readFileSync(new URL('../../devices/99-tokenkit.rules', import.meta.url), 'utf8').split('\n');
    for (const board of BOARDS.filter((b) => b.transport === 'hid')) {
      const line = rules.find(
        (l) =>
          l.includes('SUBSYSTEM=="hidraw"') &&
          l.includes(`ATTRS{idVendor}=="${board.usb.vendorId}"`) &&
          l.includes(`ATTRS{idProduct}=="${board.usb.productId}"`),
      );
      expect(line, `hidraw rule for ${board.id}`).toBeDefined();
      expect(line).toMatch(/TAG\+="uaccess"|MODE="06[0-7]6"/);
    }
  });
});
