import { TokenkitError } from '../errors';
import type { OtpKeySpec } from '../otp/index';
import type { BoardMode } from '../protocol/index';
import { PROFILE_MESSAGES } from './messages';

/**
 * The schema of devices/: token profiles (how a token behaves) and board definitions (how a USB board is
 * found and talked to). Validated by hand so errors name the file, the field and the fix, with no
 * schema-library dependency. Unknown fields are rejected so typos don't pass silently.
 */

export type ButtonAction = 'show-code' | 'show-status' | 'repeat' | null;

export interface LocalizedText {
  en: string;
  da: string;
}

export interface ButtonDefinition {
  id: string;
  label: LocalizedText;
  press: ButtonAction;
  longPress: ButtonAction;
}

export interface SpeechDefaults {
  lang: 'da' | 'en';
  /** 1.0 = normal tempo; 0.5..2.0. */
  rate: number;
  /** 0..1. */
  volume: number;
}

/** A kind of token: its OTP parameters (the key spec without the secret) and how the device behaves. */
export interface TokenProfile extends Omit<OtpKeySpec, 'secret'> {
  kind: 'token-profile';
  id: string;
  name: LocalizedText;
  /** The display blanks this long after the last press. */
  displayTimeoutMs: number;
  /** A press held at least this long is a long press. */
  longPressMs: number;
  /** A BATTERY event with `low: true` is sent when the level falls to or below this. */
  lowBatteryPercent: number;
  buttons: ButtonDefinition[];
  speech: SpeechDefaults | null;
}

export type BoardTransport = 'serial' | 'hid';

export interface BoardDefinition {
  kind: 'board';
  id: string;
  name: string;
  transport: BoardTransport;
  /** Lower-case 4-digit hex strings, as SerialPort.list() reports them. */
  usb: { vendorId: string; productId: string; usagePage?: string; usage?: string };
  /** Serial only; null for HID. */
  baudRate: number | null;
  /** smart: own clock and secret; display: the host pushes digits. */
  mode: BoardMode;
  /** The token profile id this board implements. */
  profile: string;
  /**
   * Other USB ids the same board shows up with (serial only): an Arduino's id is its USB-serial bridge's,
   * and clones use other bridges (CH340, FT232) than the original (ATmega16U2).
   */
  usbAlternatives?: { vendorId: string; productId: string }[];
  /**
   * Opening the port resets this board (DTR): how long from then until its firmware answers HELLO, in ms
   * (bootloader wait plus start-up). The host keeps saying HELLO for this long instead of failing.
   */
  bootMs?: number;
  /** How `tokenkit firmware flash` writes this board's firmware (avrdude over its bootloader). */
  flash?: BoardFlashSpec;
}

export interface BoardFlashSpec {
  /** Firmware id in firmware/prebuilt (`<id>.hex` + `<id>.json`). */
  firmware: string;
  /** avrdude `-c` (the bootloader's protocol): `arduino` = STK500v1 as Optiboot speaks it. */
  programmer: string;
  /** avrdude `-p`. */
  part: string;
  /** avrdude `-b`: the bootloader's line rate (not the firmware's). */
  baudRate: number;
}

/** A profile or board file that does not match the schema. `field` is a dotted path. */
export class ProfileError extends TokenkitError {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(PROFILE_MESSAGES, 'profiles.error.invalid', { file, field, problem });
  }
}

export class UnknownProfileError extends TokenkitError {
  constructor(
    readonly id: string,
    readonly valid: string[],
  ) {
    super(PROFILE_MESSAGES, 'profiles.error.unknownProfile', { id, valid: valid.join(', ') });
  }
}

type Obj = Record<string, unknown>;

class Checker {
  constructor(private readonly file: string) {}
  fail(field: string, problem: string): never {
    throw new ProfileError(this.file, field, problem);
  }
  object(value: unknown, field: string, allowed: readonly string[]): Obj {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      this.fail(field || '(top level)', 'must be an object');
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key))
        this.fail(field ? `${field}.${key}` : key, `is not a known field (known: ${allowed.join(', ')})`);
    }
    return value as Obj;
  }
  string(o: Obj, key: string, field: string, pattern?: RegExp, hint?: string): string {
    const v = o[key];
    if (typeof v !== 'string' || v.length === 0) this.fail(field, 'must be a non-empty string');
    if (pattern && !pattern.test(v)) this.fail(field, `must be ${hint ?? pattern.source} (got '${v}')`);
    return v;
  }
  int(o: Obj, key: string, field: string, min: number, max: number): number {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.fail(field, `must be an integer from ${min} to ${max} (got ${JSON.stringify(v)})`);
    }
    return v;
  }
  number(o: Obj, key: string, field: string, min: number, max: number): number {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      this.fail(field, `must be a number from ${min} to ${max} (got ${JSON.stringify(v)})`);
    }
    return v;
  }
  oneOf<T extends string | null>(o: Obj, key: string, field: string, values: readonly T[]): T {
    const v = o[key] as T;
    if (!values.includes(v))
      this.fail(field, `must be one of ${values.map((x) => JSON.stringify(x)).join(', ')} (got ${JSON.stringify(v)})`);
    return v;
  }
  text(o: Obj, key: string, field: string): LocalizedText {
    const t = this.object(o[key], field, ['en', 'da']);
    return { en: this.string(t, 'en', `${field}.en`), da: this.string(t, 'da', `${field}.da`) };
  }
}

const ID = /^[a-z0-9][a-z0-9-]*$/;
const HEX4 = /^[0-9a-f]{4}$/;
const ACTIONS: readonly ButtonAction[] = ['show-code', 'show-status', 'repeat', null];

export function validateProfile(value: unknown, file = 'profile'): TokenProfile {
  const c = new Checker(file);
  const o = c.object(value, '', [
    'kind',
    'id',
    'name',
    'digits',
    'periodSec',
    'algorithm',
    't0Sec',
    'displayTimeoutMs',
    'longPressMs',
    'lowBatteryPercent',
    'buttons',
    'speech',
  ]);
  c.oneOf(o, 'kind', 'kind', ['token-profile'] as const);
  const buttonsRaw: unknown = o.buttons;
  if (!Array.isArray(buttonsRaw) || buttonsRaw.length === 0) c.fail('buttons', 'must be a non-empty array');
  const buttons = (buttonsRaw as unknown[]).map((b, i): ButtonDefinition => {
    const f = `buttons[${i}]`;
    const bo = c.object(b, f, ['id', 'label', 'press', 'longPress']);
    return {
      id: c.string(bo, 'id', `${f}.id`, ID, 'lower-case letters, digits and dashes'),
      label: c.text(bo, 'label', `${f}.label`),
      press: c.oneOf(bo, 'press', `${f}.press`, ACTIONS),
      longPress: c.oneOf(bo, 'longPress', `${f}.longPress`, ACTIONS),
    };
  });
  let speech: SpeechDefaults | null = null;
  if (o.speech !== null) {
    const so = c.object(o.speech, 'speech', ['lang', 'rate', 'volume']);
    speech = {
      lang: c.oneOf(so, 'lang', 'speech.lang', ['da', 'en'] as const),
      rate: c.number(so, 'rate', 'speech.rate', 0.5, 2),
      volume: c.number(so, 'volume', 'speech.volume', 0, 1),
    };
  }
  return {
    kind: 'token-profile',
    id: c.string(o, 'id', 'id', ID, 'lower-case letters, digits and dashes'),
    name: c.text(o, 'name', 'name'),
    digits: c.int(o, 'digits', 'digits', 6, 10),
    periodSec: c.int(o, 'periodSec', 'periodSec', 1, 3600),
    algorithm: c.oneOf(o, 'algorithm', 'algorithm', ['sha1', 'sha256', 'sha512'] as const),
    t0Sec: c.int(o, 't0Sec', 't0Sec', 0, 0xffff_ffff), // u32 on the wire (PROVISION)
    displayTimeoutMs: c.int(o, 'displayTimeoutMs', 'displayTimeoutMs', 1000, 600_000),
    longPressMs: c.int(o, 'longPressMs', 'longPressMs', 200, 10_000),
    lowBatteryPercent: c.int(o, 'lowBatteryPercent', 'lowBatteryPercent', 0, 100),
    buttons,
    speech,
  };
}

export function validateBoard(value: unknown, file = 'board'): BoardDefinition {
  const c = new Checker(file);
  const o = c.object(value, '', [
    'kind',
    'id',
    'name',
    'transport',
    'usb',
    'usbAlternatives',
    'baudRate',
    'mode',
    'profile',
    'bootMs',
    'flash',
  ]);
  c.oneOf(o, 'kind', 'kind', ['board'] as const);
  const transport = c.oneOf(o, 'transport', 'transport', ['serial', 'hid'] as const);
  const uo = c.object(o.usb, 'usb', ['vendorId', 'productId', 'usagePage', 'usage']);
  const usb: BoardDefinition['usb'] = {
    vendorId: c.string(uo, 'vendorId', 'usb.vendorId', HEX4, '4 lower-case hex digits, e.g. "1209"'),
    productId: c.string(uo, 'productId', 'usb.productId', HEX4, '4 lower-case hex digits, e.g. "0001"'),
  };
  if (uo.usagePage !== undefined)
    usb.usagePage = c.string(uo, 'usagePage', 'usb.usagePage', HEX4, '4 lower-case hex digits, e.g. "ff00"');
  if (uo.usage !== undefined)
    usb.usage = c.string(uo, 'usage', 'usb.usage', /^[0-9a-f]{2,4}$/, '2-4 lower-case hex digits');
  if (transport === 'hid' && usb.usagePage === undefined) c.fail('usb.usagePage', 'is required for HID boards');
  let baudRate: number | null = null;
  if (transport === 'serial') baudRate = c.int(o, 'baudRate', 'baudRate', 300, 4_000_000);
  else if (o.baudRate !== null && o.baudRate !== undefined) c.fail('baudRate', 'must be null for HID boards');
  const board: BoardDefinition = {
    kind: 'board',
    id: c.string(o, 'id', 'id', ID, 'lower-case letters, digits and dashes'),
    name: c.string(o, 'name', 'name'),
    transport,
    usb,
    baudRate,
    mode: c.oneOf(o, 'mode', 'mode', ['smart', 'display'] as const),
    profile: c.string(o, 'profile', 'profile', ID, 'a token profile id'),
  };
  if (o.usbAlternatives !== undefined) {
    if (transport !== 'serial') c.fail('usbAlternatives', 'applies to serial boards only');
    if (!Array.isArray(o.usbAlternatives) || o.usbAlternatives.length === 0)
      c.fail('usbAlternatives', 'must be a non-empty array of { vendorId, productId }');
    board.usbAlternatives = (o.usbAlternatives as unknown[]).map((u, i) => {
      const f = `usbAlternatives[${i}]`;
      const ao = c.object(u, f, ['vendorId', 'productId']);
      return {
        vendorId: c.string(ao, 'vendorId', `${f}.vendorId`, HEX4, '4 lower-case hex digits, e.g. "1a86"'),
        productId: c.string(ao, 'productId', `${f}.productId`, HEX4, '4 lower-case hex digits, e.g. "7523"'),
      };
    });
  }
  if (o.bootMs !== undefined) board.bootMs = c.int(o, 'bootMs', 'bootMs', 0, 60_000);
  if (o.flash !== undefined) {
    const fo = c.object(o.flash, 'flash', ['firmware', 'programmer', 'part', 'baudRate']);
    board.flash = {
      firmware: c.string(fo, 'firmware', 'flash.firmware', ID, 'a firmware id in firmware/prebuilt'),
      programmer: c.string(fo, 'programmer', 'flash.programmer', ID, 'an avrdude programmer id, e.g. "arduino"'),
      part: c.string(fo, 'part', 'flash.part', /^[a-z0-9]+$/, 'an avrdude part, e.g. "m328p"'),
      baudRate: c.int(fo, 'baudRate', 'flash.baudRate', 300, 4_000_000),
    };
  }
  return board;
}

/** Every USB id a board answers to: its main one, then its alternatives. */
export function boardUsbIds(board: BoardDefinition): { vendorId: string; productId: string }[] {
  return [board.usb, ...(board.usbAlternatives ?? [])];
}
