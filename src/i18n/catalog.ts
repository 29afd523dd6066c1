/*
 * Every user-facing text of tokenkit, registered here and only here. Each layer declares its texts as
 * data (a messages file that imports nothing but defineMessages from ./define), next to the code that
 * uses them; this module joins them, so `t` knows every key whatever modules a command loads, and
 * `MessageKey` is the union of every catalog's keys: a misspelt key fails tsc. A key declared twice fails
 * tests/i18n/catalog.test.ts. New texts: declare a catalog in your layer and add it here.
 */
import { AVR_MESSAGES } from '../../firmware-sim/avr/messages';
import { CLI_MESSAGES } from '../cli/messages';
import { DEVICE_CLI_MESSAGES } from '../cli/messages/device';
import { FIRMWARE_CLI_MESSAGES } from '../cli/messages/firmware';
import { PARSE_MESSAGES, SECRET_OPTION_MESSAGES, SPEAKER_OPTION_MESSAGES } from '../cli/messages/options';
import { OTP_CLI_MESSAGES } from '../cli/messages/otp';
import { PRACTICE_CLI_MESSAGES } from '../cli/messages/practice';
import { SIM_MESSAGES, SIM_OPTION_MESSAGES } from '../cli/messages/sim';
import { SPEAK_CLI_MESSAGES } from '../cli/messages/speak';
import { TOKEN_CLI_MESSAGES } from '../cli/messages/token';
import { AVRDUDE_MESSAGES, FIRMWARE_CATALOG_MESSAGES, FLASH_BOARD_MESSAGES } from '../device/flash/messages';
import {
  BOOT_WAIT_MESSAGES,
  DEVICE_MESSAGES,
  DRIFT_MESSAGES,
  OPEN_BOARD_MESSAGES,
  PROVISION_MESSAGES,
} from '../device/messages';
import { HID_LINK_MESSAGES, LINK_MESSAGES, PTY_MESSAGES, RENDEZVOUS_MESSAGES, REPLAY_MESSAGES } from '../link/messages';
import { OTP_MESSAGES } from '../otp/messages';
import { BOARD_MESSAGES } from '../practice/boards/messages';
import { PRACTICE_MESSAGES } from '../practice/messages';
import { WEB_TOKEN_MESSAGES } from '../practice/web-token/messages';
import { PROFILE_MESSAGES } from '../profiles/messages';
import { PROTOCOL_MESSAGES } from '../protocol/error-texts';
import { SIM_ERROR_MESSAGES } from '../sim/messages';
import { OPEN_SPEAKER_MESSAGES, SPEECH_MESSAGES } from '../speech/messages';
import { STORE_MESSAGES } from '../store/messages';
import { TERMINAL_MESSAGES } from '../terminal/messages';
import { VERIFY_MESSAGES } from '../verify/messages';

/** The catalogs by name, for the check that no key is declared twice. */
export const CATALOGS = {
  AVR_MESSAGES,
  CLI_MESSAGES,
  DEVICE_CLI_MESSAGES,
  PARSE_MESSAGES,
  SECRET_OPTION_MESSAGES,
  SPEAKER_OPTION_MESSAGES,
  OTP_CLI_MESSAGES,
  PRACTICE_CLI_MESSAGES,
  SIM_MESSAGES,
  SIM_OPTION_MESSAGES,
  SPEAK_CLI_MESSAGES,
  TOKEN_CLI_MESSAGES,
  AVRDUDE_MESSAGES,
  FIRMWARE_CATALOG_MESSAGES,
  FLASH_BOARD_MESSAGES,
  FIRMWARE_CLI_MESSAGES,
  BOOT_WAIT_MESSAGES,
  DEVICE_MESSAGES,
  DRIFT_MESSAGES,
  OPEN_BOARD_MESSAGES,
  PROVISION_MESSAGES,
  HID_LINK_MESSAGES,
  LINK_MESSAGES,
  PTY_MESSAGES,
  RENDEZVOUS_MESSAGES,
  REPLAY_MESSAGES,
  OTP_MESSAGES,
  BOARD_MESSAGES,
  PRACTICE_MESSAGES,
  WEB_TOKEN_MESSAGES,
  PROFILE_MESSAGES,
  PROTOCOL_MESSAGES,
  SIM_ERROR_MESSAGES,
  OPEN_SPEAKER_MESSAGES,
  SPEECH_MESSAGES,
  STORE_MESSAGES,
  TERMINAL_MESSAGES,
  VERIFY_MESSAGES,
} as const;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Every text by key: the catalogs above joined (no key is declared twice: tests/i18n/catalog.test.ts). */
export const CATALOG = Object.assign({}, ...Object.values(CATALOGS)) as UnionToIntersection<
  (typeof CATALOGS)[keyof typeof CATALOGS]
>;

export type MessageKey = keyof typeof CATALOG;
