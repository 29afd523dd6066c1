import { TokenkitError } from '../errors';
import { type HidBackend, type HidDeviceInfo, HidError, loadNodeHid } from '../link/index';
import type { BoardDefinition } from '../profiles/index';
import { BOARDS } from '../profiles/index';
import type { DiscoveredPort } from './discovery';

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/**
 * The HID board definition (devices/boards, transport "hid") matching a device: vendor id, product id and,
 * when the board lists one, usage page and usage. A composite USB device exposes one HID interface per
 * function (e.g. a keyboard interface next to the vendor one); the usage page picks the right one.
 */
export function hidBoardFor(
  device: Pick<HidDeviceInfo, 'vendorId' | 'productId' | 'usagePage' | 'usage'>,
  boards: readonly BoardDefinition[] = BOARDS,
): BoardDefinition | undefined {
  return boards.find(
    (b) =>
      b.transport === 'hid' &&
      b.usb.vendorId === hex4(device.vendorId) &&
      b.usb.productId === hex4(device.productId) &&
      (b.usb.usagePage === undefined ||
        device.usagePage === undefined ||
        parseInt(b.usb.usagePage, 16) === device.usagePage) &&
      (b.usb.usage === undefined || device.usage === undefined || parseInt(b.usb.usage, 16) === device.usage),
  );
}

export interface HidDiscoveryOptions {
  /** List every HID device, matched or not (default: only boards from devices/). */
  all?: boolean;
  /** Default: node-hid. */
  backend?: HidBackend;
}

/**
 * HID boards found through node-hid's enumeration (hidraw + udev on Linux), matched against devices/.
 * Rejects with HidError{reason: 'unavailable'} when node-hid cannot load (missing libusb/libudev).
 */
export async function discoverHidBoards(opts: HidDiscoveryOptions = {}): Promise<DiscoveredPort[]> {
  const backend = opts.backend ?? (await loadNodeHid());
  let devices: HidDeviceInfo[];
  try {
    devices = await backend.devicesAsync();
  } catch (error) {
    // Typed errors (an unsafe rendezvous directory) already say what is wrong and how to fix it.
    if (error instanceof TokenkitError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new HidError('hid:enumerate', 'unavailable', message, error);
  }
  const found: DiscoveredPort[] = [];
  const seen = new Set<string>();
  for (const d of devices) {
    if (!d.path || seen.has(d.path)) continue;
    const board = hidBoardFor(d);
    if (!board && !opts.all) continue;
    seen.add(d.path);
    found.push({
      transport: 'hid',
      path: d.path,
      vendorId: hex4(d.vendorId),
      productId: hex4(d.productId),
      serialNumber: d.serialNumber || undefined,
      manufacturer: d.manufacturer || undefined,
      board,
    });
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

export type HidPlugEvent = { kind: 'added' | 'removed'; port: DiscoveredPort };

export interface HidWatchOptions extends HidDiscoveryOptions {
  /** Poll interval (default 1000 ms). hidapi has no portable hot-plug callback, so we poll enumeration. */
  intervalMs?: number;
  /** Abort to stop watching. */
  signal?: AbortSignal;
}

/**
 * Notices HID boards being plugged in and out by polling `discoverHidBoards` (the first poll reports every
 * board already present as added). Returns a stop function; an enumeration error is passed to `onError`
 * and polling continues.
 */
export function watchHidBoards(
  onEvent: (event: HidPlugEvent) => void,
  opts: HidWatchOptions & { onError?: (error: unknown) => void } = {},
): () => void {
  const known = new Map<string, DiscoveredPort>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const poll = async () => {
    try {
      const now = await discoverHidBoards(opts);
      if (stopped) return;
      const paths = new Set(now.map((p) => p.path));
      for (const [path, port] of known) {
        if (!paths.has(path)) {
          known.delete(path);
          onEvent({ kind: 'removed', port });
        }
      }
      for (const port of now) {
        if (!known.has(port.path)) {
          known.set(port.path, port);
          onEvent({ kind: 'added', port });
        }
      }
    } catch (error) {
      opts.onError?.(error);
    }
    if (!stopped) timer = setTimeout(poll, opts.intervalMs ?? 1000);
  };
  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    opts.signal?.removeEventListener('abort', stop);
  };
  // An already aborted signal never fires 'abort': without this check the watch would poll forever.
  if (opts.signal?.aborted) return stop;
  opts.signal?.addEventListener('abort', stop, { once: true });
  void poll();
  return stop;
}
