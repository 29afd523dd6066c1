import { EventEmitter } from 'node:events';
import {
  HID_REPORT_BYTES,
  type HidPacketError,
  HidReassembler,
  NODE_HID_REPORT_ID,
  packetiseStream,
} from '../protocol/index';
import type { HidBackend, HidDeviceHandle, HidDeviceInfo } from './hid-link';

/*
 * An in-process USB HID bus in node-hid's shape, for boards that live in this process (the firmware
 * simulator). It ships in src/ in production shape: `HidLink.open(path, { backend: bus })` runs exactly the
 * code a real board gets, and the conformance suite runs over it. This machine class has no uhid/uinput,
 * so no kernel HID device can be made; this is the closest real path.
 *
 * What it mimics from hidraw + hidapi (and checks, so a host bug shows up here as it would on hardware):
 * - write() needs the report id first: 0x00 then the 64-byte report (65 bytes; shorter writes are
 *   zero-padded as the kernel pads short output reports, longer ones are rejected);
 * - input reports arrive as 64-byte Buffers through 'data', asynchronously, to every open handle;
 * - unplugging makes every open handle emit 'error' (hidapi's read fails) and drops it from devicesAsync().
 */

/** The board's side of the fake: a byte pipe in firmware-sim's BoardPort shape. */
export interface HidBoardPort {
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): () => void;
}

export interface HidFakeBoardOptions {
  vendorId: number;
  productId: number;
  usagePage?: number;
  usage?: number;
  serialNumber?: string;
  manufacturer?: string;
  product?: string;
  /** Default: `sim:hid/<n>`. */
  path?: string;
}

/** One simulated HID board on a HidFakeBus. */
export class HidFakeBoard {
  readonly info: HidDeviceInfo & { path: string };
  /** Board side: the firmware reads the host's bytes here and writes its own (serveFirmware(fw, board.port)). */
  readonly port: HidBoardPort;
  readonly stats = {
    reportsIn: 0,
    reportsOut: 0,
    packetErrors: 0,
    lastPacketError: undefined as HidPacketError | undefined,
  };
  private readonly handles = new Set<HidFakeDevice>();
  private readonly boardListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly reassembler = new HidReassembler();
  private isPlugged = true;

  constructor(info: HidDeviceInfo & { path: string }) {
    this.info = info;
    this.port = {
      write: async (bytes) => this.sendToHost(bytes),
      onData: (listener) => {
        this.boardListeners.add(listener);
        return () => this.boardListeners.delete(listener);
      },
    };
  }

  get plugged(): boolean {
    return this.isPlugged;
  }

  /** Open host handles right now. */
  get openHandles(): number {
    return this.handles.size;
  }

  /** Pulls the cable: every open handle emits 'error' and is closed; the board disappears from listings. */
  unplug(): void {
    this.isPlugged = false;
    for (const handle of [...this.handles])
      handle.fail(new Error(`could not read from HID device ${this.info.path}: No such device`));
    this.reassembler.reset();
  }

  /** Plugs it back in. */
  plug(): void {
    this.isPlugged = true;
  }

  /** Sends one raw input report to every open host handle (fault tests: stray or out-of-order packets). */
  injectInputReport(report: Uint8Array): void {
    queueMicrotask(() => {
      for (const handle of [...this.handles]) handle.deliver(Buffer.from(report));
    });
  }

  /** @internal a host handle wrote one output report (without report id). */
  receiveFromHost(report: Uint8Array): void {
    this.stats.reportsIn++;
    for (const result of this.reassembler.push(report)) {
      if (result.ok) {
        for (const listener of [...this.boardListeners]) listener(result.data);
      } else {
        // A firmware drops the broken transfer and resets its frame decoder, as HidLink does on the host.
        this.stats.packetErrors++;
        this.stats.lastPacketError = result.error;
        for (const listener of [...this.boardListeners]) listener(Uint8Array.of(0));
      }
    }
  }

  /** @internal */
  attach(handle: HidFakeDevice): void {
    this.handles.add(handle);
  }

  /** @internal */
  detach(handle: HidFakeDevice): void {
    this.handles.delete(handle);
  }

  private sendToHost(bytes: Uint8Array): void {
    if (!this.isPlugged || bytes.length === 0) return;
    const reports = packetiseStream(bytes).map((r) => Buffer.from(r.buffer, r.byteOffset, r.length));
    this.stats.reportsOut += reports.length;
    // Asynchronous like node-hid's read thread; in order.
    queueMicrotask(() => {
      const handles = [...this.handles];
      for (const report of reports) {
        // Each open handle gets its own Buffer (as each hidraw reader does); the first may keep the original.
        handles.forEach((handle, i) => handle.deliver(i === 0 ? report : Buffer.from(report)));
      }
    });
  }
}

/** An open handle on a fake board, with node-hid HIDAsync's interface (the subset HidLink uses, and a bit more). */
export class HidFakeDevice extends EventEmitter implements HidDeviceHandle {
  private closed = false;

  constructor(private readonly board: HidFakeBoard) {
    super();
    board.attach(this);
  }

  async write(values: number[] | Buffer): Promise<number> {
    if (this.closed) throw new Error('Cannot write to closed device');
    if (!this.board.plugged) throw new Error(`could not write to HID device ${this.board.info.path}: No such device`);
    const data = Buffer.isBuffer(values) ? values : Buffer.from(values);
    if (data.length === 0) throw new Error('Cannot write an empty report');
    if (data[0] !== NODE_HID_REPORT_ID)
      throw new Error(`report id ${data[0]} is not used by this device (it has no numbered reports): write 0x00 first`);
    if (data.length > HID_REPORT_BYTES + 1)
      throw new Error(`report of ${data.length - 1} bytes exceeds the ${HID_REPORT_BYTES}-byte output report`);
    let report = data.subarray(1);
    if (report.length < HID_REPORT_BYTES) {
      // The kernel zero-pads a short output report.
      const padded = new Uint8Array(HID_REPORT_BYTES);
      padded.set(report);
      report = Buffer.from(padded.buffer);
    }
    this.board.receiveFromHost(report);
    return data.length;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.board.detach(this);
    this.removeAllListeners();
  }

  async getDeviceInfo(): Promise<HidDeviceInfo> {
    return { ...this.board.info };
  }

  /** @internal an input report from the board. */
  deliver(report: Buffer): void {
    if (!this.closed) this.emit('data', report);
  }

  /** @internal the read loop failed (unplugged). */
  fail(error: Error): void {
    if (this.closed) return;
    this.board.detach(this);
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}

/** The bus: node-hid's module shape (`devicesAsync`, `HIDAsync.open`) over the boards added to it. */
export class HidFakeBus implements HidBackend {
  private readonly boards = new Map<string, HidFakeBoard>();
  private next = 0;

  readonly HIDAsync = {
    open: async (path: string): Promise<HidFakeDevice> => {
      const board = this.boards.get(path);
      // hidapi's wording, so the host's error classification is exercised as on Linux.
      if (!board?.plugged)
        throw new Error(
          `cannot open device with path ${path}: Failed to open a device with path '${path}': No such file or directory`,
        );
      return new HidFakeDevice(board);
    },
  };

  addBoard(opts: HidFakeBoardOptions): HidFakeBoard {
    const path = opts.path ?? `sim:hid/${this.next++}`;
    if (this.boards.has(path)) throw new Error(`a fake HID board already uses ${path}`);
    const board = new HidFakeBoard({
      vendorId: opts.vendorId,
      productId: opts.productId,
      path,
      serialNumber: opts.serialNumber,
      manufacturer: opts.manufacturer ?? 'tokenkit',
      product: opts.product ?? 'tokenkit simulated HID board',
      release: 0x0100,
      interface: 0,
      usagePage: opts.usagePage,
      usage: opts.usage,
    });
    this.boards.set(path, board);
    return board;
  }

  removeBoard(path: string): void {
    this.boards.get(path)?.unplug();
    this.boards.delete(path);
  }

  async devicesAsync(): Promise<HidDeviceInfo[]> {
    return [...this.boards.values()].filter((b) => b.plugged).map((b) => ({ ...b.info }));
  }
}
