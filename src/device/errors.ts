import { type ErrorCategory, TokenkitError } from '../errors';
import { AVRDUDE_MESSAGES, FIRMWARE_CATALOG_MESSAGES, FLASH_BOARD_MESSAGES } from './flash/messages';
import {
  BOOT_WAIT_MESSAGES,
  DEVICE_MESSAGES,
  DRIFT_MESSAGES,
  OPEN_BOARD_MESSAGES,
  PROVISION_MESSAGES,
} from './messages';

/** The device layer's texts (src/device/messages.ts and flash/messages.ts): what its errors are rendered from. */
export const DEVICE_TEXTS = {
  ...DEVICE_MESSAGES,
  ...BOOT_WAIT_MESSAGES,
  ...DRIFT_MESSAGES,
  ...OPEN_BOARD_MESSAGES,
  ...PROVISION_MESSAGES,
  ...AVRDUDE_MESSAGES,
  ...FIRMWARE_CATALOG_MESSAGES,
  ...FLASH_BOARD_MESSAGES,
};
export type DeviceKey = keyof typeof DEVICE_TEXTS;

import type { MessageParams } from '../i18n/index';
import { statusName } from '../protocol/index';

/**
 * Base of device-level failures. `status` is the board's status code when the board answered with one
 * (a `Status` value, unknown codes kept), undefined for host-side failures (timeout, busy, not a token).
 */
export class DeviceError extends TokenkitError {
  override readonly category: ErrorCategory = 'device';
  readonly status: number | undefined;
  readonly port: string;
  constructor(
    key: DeviceKey,
    params: MessageParams & { port: string },
    status?: number,
    options?: { cause?: unknown },
  ) {
    super(DEVICE_TEXTS, key, params, options);
    this.status = status;
    this.port = params.port;
  }
}

/** The board answered with a non-OK status. `statusName` is e.g. NOT_PROVISIONED or UNKNOWN_0x3f. */
export class DeviceStatusError extends DeviceError {
  readonly statusName: string;
  constructor(port: string, status: number) {
    const name = statusName(status);
    const candidate = `device.status.${name}`;
    const key = Object.hasOwn(DEVICE_TEXTS, candidate) ? (candidate as DeviceKey) : 'device.status.unknown';
    super(key, { port, status: name }, status);
    this.statusName = name;
  }
}

/** No reply to a request within `timeoutMs`. The board may still act on it (e.g. a press). */
export class DeviceTimeoutError extends DeviceError {
  constructor(
    port: string,
    readonly request: string,
    readonly timeoutMs: number,
  ) {
    super('device.error.timeout', { port, request, timeoutMs });
  }
}

/** Too many requests waiting for the one exchange in flight (queue full). Nothing was sent. */
export class DeviceBusyError extends DeviceError {
  constructor(
    port: string,
    readonly queued: number,
  ) {
    super('device.error.busy', { port, queued });
  }
}

export type NotATokenReason = 'no-answer' | 'garbage' | 'not-tty';

/** The port exists but no tokenkit board answers on it (a modem, /dev/null, a pty with nothing behind). */
export class NotATokenError extends DeviceError {
  readonly reason: NotATokenReason;
  constructor(port: string, reason: NotATokenReason, timeoutMs = 0, cause?: unknown) {
    super(
      `device.error.notAToken.${reason}`,
      { port, timeoutMs },
      undefined,
      cause === undefined ? undefined : { cause },
    );
    this.reason = reason;
  }
}

/** The board answered with a message type that doesn't fit the request. */
export class DeviceReplyError extends DeviceError {
  constructor(port: string, request: string, reply: string) {
    super('device.error.badReply', { port, request, reply });
  }
}

/** The client was closed; pending and later calls get this. */
export class DeviceClosedError extends DeviceError {
  constructor(port: string) {
    super('device.error.closed', { port });
  }
}

/** Discovery found no board and no --port was given. */
export class NoBoardError extends DeviceError {
  constructor() {
    super('device.error.noBoard', { port: '' });
  }
}
