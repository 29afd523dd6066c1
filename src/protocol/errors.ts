import { type ErrorCategory, TokenkitError } from '../errors';
import { PROTOCOL_MESSAGES } from './error-texts';

type ProtocolKey = keyof typeof PROTOCOL_MESSAGES;

import { MAX_FRAME_BYTES, PROTOCOL_VERSION } from './messages';

export type FrameErrorKind = 'crc' | 'cobs' | 'oversize' | 'truncated' | 'unknown-type' | 'payload' | 'version';

export interface FrameErrorDetails {
  /** Message type byte, when the header was readable. */
  type?: number;
  /** Request id, when the header was readable (lets a board answer STATUS to a bad request). */
  requestId?: number;
  /** Header version byte (kind 'version'). */
  version?: number;
  detail?: string;
}

/**
 * A frame the decoder rejected. The decoder RETURNS these (never throws); the stream stays usable and the
 * decoder is back in sync at the next 0x00. `offset` is the stream offset (bytes pushed since the decoder
 * was created or reset) of the frame's first byte.
 */
export class FrameError extends TokenkitError {
  override readonly category: ErrorCategory = 'device';
  readonly kind: FrameErrorKind;
  readonly offset: number;
  readonly type: number | undefined;
  readonly requestId: number | undefined;
  readonly version: number | undefined;

  constructor(kind: FrameErrorKind, offset: number, details: FrameErrorDetails = {}) {
    super(PROTOCOL_MESSAGES, FRAME_ERROR_KEYS[kind], {
      offset,
      detail: details.detail,
      type: details.type === undefined ? undefined : details.type.toString(16).padStart(2, '0'),
      maxBytes: MAX_FRAME_BYTES,
      version: details.version,
      hostVersion: PROTOCOL_VERSION,
    });
    this.kind = kind;
    this.offset = offset;
    this.type = details.type;
    this.requestId = details.requestId;
    this.version = details.version;
  }
}

const FRAME_ERROR_KEYS: Record<FrameErrorKind, ProtocolKey> = {
  crc: 'protocol.frame.crc',
  cobs: 'protocol.frame.cobs',
  oversize: 'protocol.frame.oversize',
  truncated: 'protocol.frame.truncated',
  'unknown-type': 'protocol.frame.unknownType',
  payload: 'protocol.frame.payload',
  version: 'protocol.frame.version',
};

/**
 * The peer speaks a newer protocol than this build (a frame header version, or INFO.protocolVersion, above
 * PROTOCOL_VERSION). A FrameError of kind 'version', so decoders report it like any other bad frame.
 */
export class ProtocolVersionError extends FrameError {
  readonly peerVersion: number;
  readonly hostVersion = PROTOCOL_VERSION;
  constructor(peerVersion: number, offset = 0, details: Omit<FrameErrorDetails, 'version'> = {}) {
    super('version', offset, { ...details, version: peerVersion });
    this.peerVersion = peerVersion;
  }
}

/** `encodeFrame` was given a message that cannot be put on the wire (bad input, not a wire fault). */
export class MessageEncodeError extends TokenkitError {
  readonly field: string;
  constructor(type: string, field: string, detail: string) {
    super(PROTOCOL_MESSAGES, 'protocol.encode.invalid', { type, field, detail });
    this.field = field;
  }
}

export type HidPacketErrorKind = 'sequence' | 'missing-continuation' | 'stray-continuation' | 'oversize' | 'report';

const HID_ERROR_KEYS: Record<HidPacketErrorKind, ProtocolKey> = {
  sequence: 'protocol.hid.sequence',
  'missing-continuation': 'protocol.hid.missing',
  'stray-continuation': 'protocol.hid.stray',
  oversize: 'protocol.hid.oversize',
  report: 'protocol.hid.report',
};

/**
 * A HID report the reassembler rejected (returned, never thrown). `offset` counts reports since the
 * reassembler was created or reset; the reassembler recovers at the next init packet.
 */
export class HidPacketError extends TokenkitError {
  readonly kind: HidPacketErrorKind;
  readonly offset: number;
  constructor(
    kind: HidPacketErrorKind,
    offset: number,
    params: { expected?: number; got?: number; length?: number; maxBytes?: number; detail?: string } = {},
  ) {
    super(PROTOCOL_MESSAGES, HID_ERROR_KEYS[kind], { offset, ...params });
    this.kind = kind;
    this.offset = offset;
  }
}

/**
 * Builds an error without capturing a stack trace. Decoders RETURN errors describing received bytes; a
 * stack would only point into the decoder and costs ~4 µs per error, which a noisy line (or the fuzzer)
 * produces by the hundred thousand.
 */
export function returnedError<E extends Error>(make: () => E): E {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
