import { symlinkSync, unlinkSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { DiscoveredPort } from '../../../src/device/index';
import { BoardRoom } from '../../../src/practice/boards/board-room';
import { until } from '../../helpers/wait';

/**
 * When the room enumerates USB serial ports (udevadm, ~40 ms and a process per call): at start, soon after
 * /dev changes, and otherwise only every `rescanMs`, not on every 1 s poll. A counting lister and a
 * watcher the test fires stand in for udev and inotify (the board room's own layer); tests/practice/
 * boards/board-room.test.ts runs the room against real simulated boards.
 */
describe('the board room scans for USB serial boards when /dev changes, not on every poll', () => {
  const rooms: BoardRoom[] = [];
  afterEach(async () => {
    for (const room of rooms.splice(0)) await room.stop();
  });

  function setup(watch: 'works' | 'unavailable') {
    let scans = 0;
    let ports: DiscoveredPort[] = [];
    let fire: (() => void) | undefined;
    let unwatched = false;
    const room = new BoardRoom({
      intervalMs: 20,
      rescanMs: 60_000,
      listSerial: async () => {
        scans++;
        return ports;
      },
      watchDevices: (onChange) => {
        if (watch === 'unavailable') return undefined;
        fire = onChange;
        return () => {
          unwatched = true;
        };
      },
      // Nothing answers: a found board only goes to 'probing' and then 'error', which is all this needs.
      open: () => Promise.reject(new Error('no board here')),
    });
    rooms.push(room);
    return {
      room,
      scans: () => scans,
      plug: (path: string) => {
        ports = [
          {
            transport: 'serial',
            path,
            vendorId: '2341',
            productId: '0043',
            serialNumber: undefined,
            manufacturer: undefined,
            board: undefined,
          },
        ];
      },
      fire: () => fire!(),
      unwatched: () => unwatched,
    };
  }

  it('scans once at start, then not while /dev is quiet; a change in /dev finds a plugged board', async () => {
    const t = setup('works');
    t.room.start();
    await until('the first scan', () => t.scans() === 1);
    // Ten polls' worth of time with no change in /dev: no further scan.
    await new Promise((r) => setTimeout(r, 250));
    expect(t.scans()).toBe(1);
    t.plug('/dev/ttyACM7');
    t.fire();
    await until('the plugged board', () => t.room.list().some((b) => b.path === '/dev/ttyACM7'));
    expect(t.scans()).toBeGreaterThan(1);
    await t.room.stop();
    expect(t.unwatched()).toBe(true);
  });

  it('without a /dev watcher it scans on every poll, as before', async () => {
    const t = setup('unavailable');
    t.room.start();
    await until('five scans', () => t.scans() >= 5);
    t.plug('/dev/ttyUSB3');
    await until('the plugged board', () => t.room.list().some((b) => b.path === '/dev/ttyUSB3'));
  });

  // Making a node in /dev needs root (CI runs as root); elsewhere this one is skipped.
  it.skipIf(process.getuid?.() !== 0)('the default watcher sees a node appear in the real /dev', async () => {
    let scans = 0;
    const room = new BoardRoom({ intervalMs: 20, rescanMs: 60_000, listSerial: async () => (scans++, []) });
    rooms.push(room);
    room.start();
    await until('the first scan', () => scans === 1);
    await new Promise((r) => setTimeout(r, 150));
    expect(scans).toBe(1);
    const node = `/dev/tokenkit-test-${process.pid}`;
    symlinkSync('/dev/null', node);
    try {
      await until('a scan after the new node', () => scans > 1);
    } finally {
      unlinkSync(node);
    }
  });
});
