import {
  HID_REPORT_BYTES,
  type HidPacketError,
  HidReassembler,
  NODE_HID_REPORT_ID,
  packetiseStream,
  reportIdBytes,
} from '../protocol/index';
import {
  guardWrite,
  type Link,
  LinkBase,
  LinkClosedError,
  LinkError,
  type LinkOpener,
  type LinkWriteOptions,
} from './link';
import type { LinkKey } from './texts';

/*
 * HidLink: the Link byte pipe over a USB HID board (docs/protocol.md §9, docs/hardware.md). The bytes of
 * each write are cut into transfers of ≤ 256 bytes and packetised into 64-byte reports (init + numbered
 * continuations); incoming reports are reassembled and the transfers delivered as chunks. The frame codec
 * above it is the same as for serial.
 */

export type HidErrorReason = 'not-found' | 'permission' | 'not-hid' | 'unavailable' | 'bad-target' | 'other';

/**
 * A HID board could not be opened or used. A LinkError (so DeviceClient treats it like any link failure);
 * `reason` says why. `not-found` counts as disconnected (a reconnect may find it again).
 */
export class HidError extends LinkError {
  readonly reason: HidErrorReason;
  constructor(link: string, reason: HidErrorReason, detail = '', cause?: unknown) {
    const key = (
      {
        'not-found': 'hid.error.notFound',
        permission: 'hid.error.permission',
        'not-hid': 'hid.error.notHid',
        unavailable: 'hid.error.unavailable',
        'bad-target': 'hid.error.badTarget',
        other: 'hid.error.openFailed',
      } satisfies Record<HidErrorReason, LinkKey>
    )[reason];
    super(key, { link, detail, target: link.replace(/^hid:/, '') }, { disconnected: reason === 'not-found', cause });
    this.reason = reason;
  }
}

/** Where a node-hid/hidapi open failure comes from, by its message (hidapi appends strerror text). */
export function classifyHidOpenError(message: string): HidErrorReason {
  if (/Permission denied|EACCES|EPERM|access denied/i.test(message)) return 'permission';
  if (/No such file|ENOENT|No such device|could not find|not found/i.test(message)) return 'not-found';
  if (/not a HIDRAW device|Inappropriate ioctl|ENOTTY/i.test(message)) return 'not-hid';
  if (/libusb|libudev|cannot open shared object|Could not locate the bindings/i.test(message)) return 'unavailable';
  return 'other';
}

/** node-hid's device info (`devicesAsync()` entries). */
export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  serialNumber?: string | undefined;
  manufacturer?: string | undefined;
  product?: string | undefined;
  release: number;
  interface: number;
  usagePage?: number | undefined;
  usage?: number | undefined;
}

/**
 * The part of node-hid's `HIDAsync` that HidLink uses. node-hid emits 'data' with each input report
 * (a Buffer, without report id for devices without numbered reports) and 'error' when a read fails (the
 * device was unplugged); `write` takes the report id first.
 */
export interface HidDeviceHandle {
  write(values: number[] | Buffer): Promise<number>;
  close(): Promise<void>;
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- node-hid's EventEmitter signature
  // biome-ignore lint/suspicious/noExplicitAny: node-hid types its listeners loosely
  removeListener(event: 'data' | 'error', listener: (...args: any[]) => void): unknown;
}

/**
 * The part of the node-hid module HidLink and discovery use, in node-hid's own shape, so the real module
 * fits as is: `devicesAsync()` and `HIDAsync.open(path)`. HidFakeBus (in-process simulator boards) and
 * HidSocketBackend (`tokenkit sim --hid` over a local socket) implement the same shape.
 */
export interface HidBackend {
  devicesAsync(): Promise<HidDeviceInfo[]>;
  HIDAsync: { open(path: string): Promise<HidDeviceHandle> };
}

let nodeHidBackend: Promise<HidBackend> | undefined;

/**
 * The real node-hid 3 module, loaded on first use (its native binding needs libudev and libusb; a missing
 * library becomes HidError{reason: 'unavailable'} instead of a crash at startup).
 */
export function loadNodeHid(): Promise<HidBackend> {
  nodeHidBackend ??= import('node-hid').then(
    (mod) => ((mod as { default?: unknown }).default ?? mod) as HidBackend,
    (error: unknown) => {
      nodeHidBackend = undefined;
      throw new HidError('hid:node-hid', 'unavailable', error instanceof Error ? error.message : String(error), error);
    },
  );
  return nodeHidBackend;
}

/** A `--hid` target: a device path, or vendor and product id (plus an optional usage page to pick the interface). */
export type HidTarget = { path: string } | { vendorId: number; productId: number; usagePage?: number };

const VID_PID = /^([0-9a-f]{4}):([0-9a-f]{4})$/i;

/** Parses `--hid PATH|VID:PID`. Throws HidError{reason: 'bad-target'} for an empty value. */
export function parseHidTarget(text: string): HidTarget {
  const trimmed = text.trim();
  const m = VID_PID.exec(trimmed);
  if (m) return { vendorId: parseInt(m[1]!, 16), productId: parseInt(m[2]!, 16) };
  // A colon without a slash is a VID:PID gone wrong (zzzz:0002, 1209:), not a path: hidraw and socket
  // paths have a directory part.
  if (trimmed === '' || (trimmed.includes(':') && !trimmed.includes('/')))
    throw new HidError(`hid:${text}`, 'bad-target');
  return { path: trimmed };
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

export function describeHidTarget(target: HidTarget): string {
  return 'path' in target ? `hid:${target.path}` : `hid:${hex4(target.vendorId)}:${hex4(target.productId)}`;
}

export interface HidLinkOptions {
  /** Where devices come from (default: node-hid). Tests and the simulator pass a HidFakeBus. */
  backend?: HidBackend;
  /** Report size without report id (default 64, the board's descriptor). */
  reportBytes?: number;
}

/** Counters for tests and diagnostics. */
export interface HidLinkStats {
  reportsIn: number;
  reportsOut: number;
  transfersIn: number;
  /** Reassembly errors (each also resyncs the frame decoder with a 0x00). */
  packetErrors: number;
  lastPacketError: HidPacketError | undefined;
}

const RESYNC = Uint8Array.of(0x00);

/**
 * A Link over a HID board through node-hid (or any HidBackend). Follows the `Link` contract:
 * - `write` packetises each ≤ 256-byte transfer into reports written in order with node-hid's leading
 *   0x00 report id; writes never interleave (a queue keeps call order). It resolves when node-hid has
 *   accepted every report of that write.
 * - Incoming reports are reassembled; each complete transfer is one chunk for `onData`. A reassembly error
 *   (wrong sequence, missing continuation, ...) drops that transfer and delivers a single 0x00 so the frame
 *   decoder above drops any partial frame and resyncs at once.
 * - A read error from node-hid (the board was unplugged) ends the link: `onClose` gets
 *   `LinkClosedError{disconnected: true}`, pending writes reject with it.
 * - `close()` is idempotent, rejects pending writes with LinkClosedError and closes the device.
 */
export class HidLink extends LinkBase implements Link {
  readonly description: string;
  readonly stats: HidLinkStats = {
    reportsIn: 0,
    reportsOut: 0,
    transfersIn: 0,
    packetErrors: 0,
    lastPacketError: undefined,
  };
  private readonly reassembler: HidReassembler;
  private readonly reportBytes: number;
  private tail: Promise<void> = Promise.resolve();
  private inFlight = 0;
  private closing: Promise<void> | undefined;
  private readonly onReport = (data: Buffer) => this.receive(data);
  private readonly onError = () => this.lost();

  private constructor(
    private readonly device: HidDeviceHandle,
    description: string,
    reportBytes: number,
  ) {
    super();
    this.description = description;
    this.reportBytes = reportBytes;
    this.reassembler = new HidReassembler({ reportBytes });
    device.on('data', this.onReport);
    device.on('error', this.onError);
  }

  /**
   * Opens a HID board by path or VID:PID (a VID:PID target opens the first matching device, preferring the
   * interface with `usagePage` when given). Rejects with HidError: not-found, permission (names the udev
   * rule), not-hid, unavailable (node-hid could not load), other.
   */
  static async open(target: HidTarget | string, opts: HidLinkOptions = {}): Promise<HidLink> {
    const t = typeof target === 'string' ? parseHidTarget(target) : target;
    const description = describeHidTarget(t);
    const backend = opts.backend ?? (await loadNodeHid());
    let path: string;
    if ('path' in t) {
      path = t.path;
    } else {
      const devices = (await backend.devicesAsync()).filter(
        (d) => d.vendorId === t.vendorId && d.productId === t.productId && d.path,
      );
      const chosen =
        devices.find((d) => t.usagePage === undefined || d.usagePage === t.usagePage) ??
        (t.usagePage === undefined ? devices[0] : undefined);
      if (!chosen) throw new HidError(description, 'not-found', 'no matching device');
      path = chosen.path!;
    }
    let device: HidDeviceHandle;
    try {
      device = await backend.HIDAsync.open(path);
    } catch (error) {
      if (error instanceof HidError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new HidError(description, classifyHidOpenError(message), message, error);
    }
    return new HidLink(device, description, opts.reportBytes ?? HID_REPORT_BYTES);
  }

  /** A LinkOpener for DeviceClient's reconnects (each call opens the device afresh). */
  static opener(target: HidTarget | string, opts: HidLinkOptions = {}): LinkOpener {
    const t = typeof target === 'string' ? parseHidTarget(target) : target;
    return { description: describeHidTarget(t), open: () => HidLink.open(t, opts) };
  }

  write(bytes: Uint8Array, opts?: LinkWriteOptions): Promise<void> {
    if (this.ended) return Promise.reject(new LinkClosedError(this.description));
    // Packetised now (a copy): the caller may reuse its buffer once write() returns.
    const reports = packetiseStream(bytes, { reportId: NODE_HID_REPORT_ID, reportBytes: this.reportBytes }).map((r) =>
      Buffer.from(r.buffer, r.byteOffset, r.length),
    );
    if (reports.length === 0) return Promise.resolve();
    return guardWrite(this.description, () => this.enqueue(reports), opts);
  }

  /** Runs writes one after another in call order; an idle link starts at once (no extra promise hop). */
  private enqueue(reports: Buffer[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const fail = (error: LinkError) => reject(error);
      this.pending.add(fail);
      const start = () => this.sendReports(reports, 0);
      const job = this.inFlight === 0 ? start() : this.tail.then(start);
      this.inFlight++;
      this.tail = job.then(
        () => {
          this.inFlight--;
          this.pending.delete(fail);
          resolve();
        },
        (error: unknown) => {
          this.inFlight--;
          this.pending.delete(fail);
          reject(
            error instanceof LinkError
              ? error
              : new LinkError(
                  'hid.error.write',
                  { link: this.description, detail: error instanceof Error ? error.message : String(error) },
                  { cause: error },
                ),
          );
        },
      );
    });
  }

  private sendReports(reports: Buffer[], index: number): Promise<void> {
    if (this.ended) return Promise.reject(new LinkClosedError(this.description, false));
    const written = this.device.write(reports[index]!).then(() => {
      this.stats.reportsOut++;
    });
    return index + 1 < reports.length ? written.then(() => this.sendReports(reports, index + 1)) : written;
  }

  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.end(undefined);
    this.closing = this.device.close().catch(() => undefined);
    return this.closing;
  }

  private receive(data: Buffer): void {
    if (this.ended) return;
    this.stats.reportsIn++;
    for (const result of this.reassembler.push(data, reportIdBytes(data, this.reportBytes))) {
      if (result.ok) {
        this.stats.transfersIn++;
        this.emitData(result.data);
      } else {
        this.stats.packetErrors++;
        this.stats.lastPacketError = result.error;
        this.emitData(RESYNC);
      }
    }
  }

  private lost(): void {
    if (this.ended) return;
    this.end(new LinkClosedError(this.description, true));
    this.closing = this.device.close().catch(() => undefined);
  }

  protected override end(error: LinkError | undefined): boolean {
    if (!super.end(error)) return false;
    this.device.removeListener('data', this.onReport);
    this.device.removeListener('error', this.onError);
    return true;
  }
}
