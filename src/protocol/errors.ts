import { TokenkitError } from '../errors';
import { defineMessages } from '../i18n/index';
import { MAX_FRAME_BYTES, PROTOCOL_VERSION } from './messages';

export const PROTOCOL_MESSAGES = defineMessages({
  'protocol.frame.crc': {
    en: 'corrupt frame at byte {offset}: CRC mismatch (noise on the line or a wrong baud rate).',
    da: 'beskadiget ramme ved byte {offset}: CRC passer ikke (støj på linjen eller forkert baudrate).',
  },
  'protocol.frame.cobs': {
    en: 'corrupt frame at byte {offset}: invalid COBS encoding (is this port a tokenkit board?).',
    da: 'beskadiget ramme ved byte {offset}: ugyldig COBS-kodning (er denne port en tokenkit-enhed?).',
  },
  'protocol.frame.oversize': {
    en: 'frame at byte {offset} is longer than {maxBytes} bytes; it was dropped (is this port a tokenkit board?).',
    da: 'rammen ved byte {offset} er længere end {maxBytes} bytes og blev kasseret (er denne port en tokenkit-enhed?).',
  },
  'protocol.frame.truncated': {
    en: 'frame at byte {offset} is too short ({detail}).',
    da: 'rammen ved byte {offset} er for kort ({detail}).',
  },
  'protocol.frame.unknownType': {
    en: 'frame at byte {offset} has unknown message type 0x{type}: update tokenkit or the board firmware.',
    da: 'rammen ved byte {offset} har ukendt beskedtype 0x{type}: opdater tokenkit eller enhedens firmware.',
  },
  'protocol.frame.payload': {
    en: 'frame at byte {offset} has an invalid payload: {detail}.',
    da: 'rammen ved byte {offset} har ugyldigt indhold: {detail}.',
  },
  'protocol.frame.version': {
    en: 'the board speaks protocol version {version}, tokenkit speaks up to {hostVersion}: update tokenkit.',
    da: 'enheden taler protokolversion {version}, tokenkit højst {hostVersion}: opdater tokenkit.',
  },
  'protocol.encode.invalid': {
    en: 'cannot encode {type}: {field} {detail}.',
    da: 'kan ikke kode {type}: {field} {detail}.',
  },
  'protocol.hid.sequence': {
    en: 'HID packet out of order at report {offset}: expected sequence {expected}, got {got}.',
    da: 'HID-pakke i forkert rækkefølge ved rapport {offset}: forventede sekvens {expected}, fik {got}.',
  },
  'protocol.hid.missing': {
    en: 'HID transfer at report {offset} ended early: {detail}.',
    da: 'HID-overførsel ved rapport {offset} sluttede for tidligt: {detail}.',
  },
  'protocol.hid.stray': {
    en: 'HID continuation packet at report {offset} without an init packet; it was dropped.',
    da: 'HID-fortsættelsespakke ved rapport {offset} uden startpakke; den blev kasseret.',
  },
  'protocol.hid.oversize': {
    en: 'HID init packet at report {offset} announces {length} bytes, more than {maxBytes}; it was dropped.',
    da: 'HID-startpakke ved rapport {offset} angiver {length} bytes, mere end {maxBytes}; den blev kasseret.',
  },
  'protocol.hid.report': {
    en: 'HID report at {offset} is malformed: {detail}.',
    da: 'HID-rapporten ved {offset} er forkert opbygget: {detail}.',
  },
});

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
  readonly kind: FrameErrorKind;
  readonly offset: number;
  readonly type: number | undefined;
  readonly requestId: number | undefined;
  readonly version: number | undefined;

  constructor(kind: FrameErrorKind, offset: number, details: FrameErrorDetails = {}, key?: string) {
    super(key ?? FRAME_ERROR_KEYS[kind], {
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

const FRAME_ERROR_KEYS: Record<FrameErrorKind, string> = {
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
    super('protocol.encode.invalid', { type, field, detail });
    this.field = field;
  }
}

export type HidPacketErrorKind = 'sequence' | 'missing-continuation' | 'stray-continuation' | 'oversize' | 'report';

const HID_ERROR_KEYS: Record<HidPacketErrorKind, string> = {
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
    super(HID_ERROR_KEYS[kind], { offset, ...params });
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
