import type { OtpAlgorithm, OtpKeySpec } from '../otp/index';
/**
 * tokenkit wire protocol v1: message types, status codes and the shapes the codec encodes and decodes.
 * The normative description (byte layouts, worked hex examples) is docs/protocol.md; this file and the
 * codec must agree with it. The layout was fixed first so the simulator and DeviceClient could build on
 * it; refinements are additive and recorded in docs/protocol.md's changelog.
 *
 * Frame on the wire: COBS(header ‖ payload ‖ crc16) followed by one 0x00 delimiter.
 *   header  = version u8 · type u8 · requestId u16 LE            (4 bytes)
 *   crc16   = CRC-16/CCITT-FALSE over header ‖ payload, u16 LE  (2 bytes)
 * All multi-byte integers are little-endian.
 */

/** The protocol version this build speaks (header byte 0, and HELLO/INFO). */
export const PROTOCOL_VERSION = 1;

/** Largest frame on the wire, COBS-encoded, INCLUDING the trailing 0x00 delimiter. */
export const MAX_FRAME_BYTES = 256;
/** Largest unencoded frame (header + payload + CRC). ≤ 254 means COBS adds exactly one byte. */
export const MAX_RAW_FRAME_BYTES = 254;
export const HEADER_BYTES = 4;
export const CRC_BYTES = 2;
/** Largest payload: MAX_RAW_FRAME_BYTES − header − CRC. */
export const MAX_PAYLOAD_BYTES = MAX_RAW_FRAME_BYTES - HEADER_BYTES - CRC_BYTES;
export const FRAME_DELIMITER = 0x00;

/** Request ids are u16; 0 is reserved for board events (unsolicited frames). */
export const EVENT_REQUEST_ID = 0;
export const MAX_REQUEST_ID = 0xffff;

/**
 * Limits of variable-length fields (each carried as u8 length + bytes). A PROVISION secret is at most 64
 * bytes on the wire (the otp layer accepts longer keys, MAX_SECRET_BYTES, which no board can take).
 */
export const MAX_PROVISION_SECRET_BYTES = 64;
export const MAX_STRING_BYTES = 32;
export const MIN_DIGITS = 6;
export const MAX_DIGITS = 10;

/** Recommended host timing (docs/protocol.md "Timeouts and retries"). */
export const DEFAULT_REPLY_TIMEOUT_MS = 1000;
export const DEFAULT_RETRIES = 1;

/**
 * Message type byte. The two top bits give the class: 0x00–0x3F host requests, 0x40–0x7F board replies,
 * 0x80–0xBF board events (request id 0). Unknown values decode to a FrameError of kind 'unknown-type'.
 */
export enum MessageType {
  // Requests (host → board)
  HELLO = 0x01,
  GET_TIME = 0x02,
  SET_TIME = 0x03,
  PROVISION = 0x04,
  PRESS = 0x05,
  DISPLAY = 0x06,
  // Replies (board → host), carry the request's id
  INFO = 0x41,
  TIME = 0x42,
  STATUS = 0x43,
  CODE = 0x44,
  // Events (board → host), request id 0
  BUTTON = 0x81,
  CODE_SHOWN = 0x82,
  DISPLAY_OFF = 0x83,
  BATTERY = 0x84,
  ERROR = 0x85,
}

export type MessageClass = 'request' | 'reply' | 'event';

export function messageClassOf(type: number): MessageClass | undefined {
  if (type >= 0x00 && type <= 0x3f) return 'request';
  if (type >= 0x40 && type <= 0x7f) return 'reply';
  if (type >= 0x80 && type <= 0xbf) return 'event';
  return undefined;
}

export function isKnownMessageType(type: number): type is MessageType {
  return typeof MessageType[type] === 'string';
}

/**
 * Status codes (STATUS reply, ERROR event). Decoded statuses are plain numbers so codes from a newer
 * board survive; `statusName` gives `UNKNOWN_0x..` for them.
 */
export enum Status {
  OK = 0x00,
  /** The payload had the wrong length or an invalid field value. */
  BAD_REQUEST = 0x01,
  /** The board does not know this message type. */
  UNKNOWN_TYPE = 0x02,
  /** The frame's header version is newer than the board speaks. */
  UNSUPPORTED_VERSION = 0x03,
  /** A code was requested but no secret is provisioned. */
  NOT_PROVISIONED = 0x04,
  /** The request does not apply to this board's mode (e.g. DISPLAY to a smart token). */
  WRONG_MODE = 0x05,
  /** The board is still handling another request. */
  BUSY = 0x06,
  /** Writing the secret to flash failed; the previous secret is still in place. */
  STORAGE_FAILED = 0x07,
  /** A frame failed its CRC (board-side ERROR event; the request id was unreadable). */
  BAD_CRC = 0x08,
  /** A frame exceeded MAX_FRAME_BYTES. */
  TOO_LARGE = 0x09,
  /** The board's battery is too low for the operation. */
  LOW_BATTERY = 0x0a,
  INTERNAL = 0xff,
}

export function statusName(status: number): string {
  const name = Status[status];
  return typeof name === 'string' ? name : `UNKNOWN_0x${status.toString(16).padStart(2, '0')}`;
}

/** Wire code (u8) of each OTP hash algorithm in PROVISION. */
export const ALGORITHM_CODES: Readonly<Record<OtpAlgorithm, number>> = { sha1: 0, sha256: 1, sha512: 2 };

/** smart: own clock + secret, computes codes. display: the host computes and pushes digits (DISPLAY). */
export type BoardMode = 'smart' | 'display';
export const MODE_CODES: Readonly<Record<BoardMode, number>> = { smart: 0, display: 1 };

/** Capability bits in INFO (u16). Unknown bits are kept in `capabilities`. */
export const CAPABILITY = {
  BUTTON: 1 << 0,
  DISPLAY: 1 << 1,
  CLOCK: 1 << 2,
  SECRET_STORAGE: 1 << 3,
  BATTERY: 1 << 4,
  SPEECH: 1 << 5,
  LONG_PRESS: 1 << 6,
} as const;

// ---------------------------------------------------------------------------------------------------
// Messages. Every message carries `requestId`: the host picks 1..65535 for a request, the board copies it
// into the reply; events always carry 0.

interface Base {
  requestId: number;
}

/** Host → board. Payload: hostProtocolVersion u8. Reply: INFO (or STATUS UNSUPPORTED_VERSION). */
export interface HelloMessage extends Base {
  type: MessageType.HELLO;
  /** Highest protocol version the host speaks. */
  hostProtocolVersion: number;
}

/** Host → board. Empty payload. Reply: TIME {adjusted: false}. */
export interface GetTimeMessage extends Base {
  type: MessageType.GET_TIME;
}

/**
 * Host → board. Payload: timeMs u64 · flags u8 (bit0 force). Reply: TIME with the clock after handling.
 * A soft set (force false) never moves the clock backwards: if timeMs < the board's clock the board keeps
 * its clock and replies TIME{adjusted: false}. A forced set always applies (adjusted: true).
 */
export interface SetTimeMessage extends Base {
  type: MessageType.SET_TIME;
  timeMs: number;
  force: boolean;
}

/**
 * Host → board. Write-only: no message ever reads a secret back. Payload: algorithm u8 · digits u8 ·
 * periodSec u16 · t0Sec u32 · secretLen u8 · secret. Reply: STATUS OK once the secret is durably stored
 * (atomic: on failure the old secret stays, STATUS STORAGE_FAILED). Display boards reply WRONG_MODE.
 */
export interface ProvisionMessage extends Base, OtpKeySpec {
  type: MessageType.PROVISION;
}

/**
 * Host → board: acts exactly like a physical press (the board emits BUTTON{host: true} and whatever events
 * the press causes). Payload: flags u8 (bit0 long).
 * Reply:
 * - smart board, short press: CODE {code, step, remainingMs} — the code now shown; the board ALSO emits the
 *   CODE_SHOWN event (the event goes to every listener; the reply answers this request).
 * - smart board, unprovisioned: STATUS NOT_PROVISIONED.
 * - long press (either mode), or any press on a display board: STATUS OK (a display board's host reacts to
 *   the BUTTON event and pushes DISPLAY).
 */
export interface PressMessage extends Base {
  type: MessageType.PRESS;
  long: boolean;
}

/**
 * Host → display board: show `code` (digits only, ≤ MAX_DIGITS) with a countdown of remainingMs; an empty
 * code blanks the display (DISPLAY_OFF follows). Payload: remainingMs u32 · codeLen u8 · code ASCII.
 * Reply: STATUS OK; smart boards reply WRONG_MODE.
 */
export interface DisplayMessage extends Base {
  type: MessageType.DISPLAY;
  code: string;
  remainingMs: number;
}

/**
 * How far a board's clock can be trusted (INFO's optional `clockFlags u8`, docs/protocol.md §12).
 * `unset`: the real-time clock stopped or was never set (DS3231 oscillator-stop flag): its time is wrong
 * until a SET_TIME. `unreliable`: no battery-backed RTC; the time comes from the CPU clock, is lost on
 * reset and drifts (an Uno's resonator is ~0.5 % off).
 */
export interface ClockHealth {
  unset: boolean;
  unreliable: boolean;
}

/** clockFlags bits (unknown bits are sent as 0 and ignored). */
export const CLOCK_FLAG = { UNSET: 1 << 0, UNRELIABLE: 1 << 1 } as const;

/**
 * Board → host reply to HELLO. Payload: protocolVersion u8 · mode u8 · capabilities u16 · flags u8
 * (bit0 provisioned) · fwLen u8 · firmwareVersion · profLen u8 · profileId · serLen u8 · serial ·
 * [clockFlags u8]. Strings are UTF-8, ≤ MAX_STRING_BYTES each. clockFlags is additive (§12): boards from
 * before it end the payload after `serial`, and then `clock` is absent (unknown, not healthy).
 */
export interface InfoMessage extends Base {
  type: MessageType.INFO;
  protocolVersion: number;
  firmwareVersion: string;
  profileId: string;
  serial: string;
  mode: BoardMode;
  capabilities: number;
  provisioned: boolean;
  /** Absent when the board does not send clockFlags (older firmware). */
  clock?: ClockHealth;
}

/** Board → host reply to GET_TIME / SET_TIME. Payload: deviceMs u64 · flags u8 (bit0 adjusted). */
export interface TimeMessage extends Base {
  type: MessageType.TIME;
  deviceMs: number;
  /** SET_TIME only: true when the clock was changed. */
  adjusted: boolean;
}

/** Board → host generic reply (success without data, or any failure). Payload: status u8. */
export interface StatusMessage extends Base {
  type: MessageType.STATUS;
  /** A `Status` value; unknown codes are kept as numbers. */
  status: number;
}

/** Board → host reply to a short PRESS on a smart board. Payload: step u32 · remainingMs u32 · codeLen u8 · code. */
export interface CodeMessage extends Base {
  type: MessageType.CODE;
  code: string;
  step: number;
  remainingMs: number;
}

/** Event: the button was pressed (physically, or by PRESS when host is true). Payload: flags u8 (bit0 long, bit1 host). */
export interface ButtonEvent extends Base {
  type: MessageType.BUTTON;
  long: boolean;
  host: boolean;
}

/** Event: a smart board now shows `code` for `step`, with remainingMs until the step ends. Same payload as CODE. */
export interface CodeShownEvent extends Base {
  type: MessageType.CODE_SHOWN;
  code: string;
  step: number;
  remainingMs: number;
}

/** Event: the display blanked (timeout, or DISPLAY with an empty code). Empty payload. */
export interface DisplayOffEvent extends Base {
  type: MessageType.DISPLAY_OFF;
}

/** Event: battery level. Payload: percent u8 (0–100) · flags u8 (bit0 low). */
export interface BatteryEvent extends Base {
  type: MessageType.BATTERY;
  percent: number;
  low: boolean;
}

/** Event: a board-side fault not tied to a readable request (e.g. a corrupt frame). Payload: status u8. */
export interface ErrorEvent extends Base {
  type: MessageType.ERROR;
  status: number;
}

export type RequestMessage =
  | HelloMessage
  | GetTimeMessage
  | SetTimeMessage
  | ProvisionMessage
  | PressMessage
  | DisplayMessage;
export type ReplyMessage = InfoMessage | TimeMessage | StatusMessage | CodeMessage;
export type EventMessage = ButtonEvent | CodeShownEvent | DisplayOffEvent | BatteryEvent | ErrorEvent;
export type Message = RequestMessage | ReplyMessage | EventMessage;

/** The message shape for one type, e.g. `MessageOf<MessageType.INFO>`. */
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;

export function isRequest(m: Message): m is RequestMessage {
  return messageClassOf(m.type) === 'request';
}
export function isReply(m: Message): m is ReplyMessage {
  return messageClassOf(m.type) === 'reply';
}
export function isEvent(m: Message): m is EventMessage {
  return messageClassOf(m.type) === 'event';
}
