import arduinoNano from '../../devices/boards/nano.json';
import arduinoNanoOld from '../../devices/boards/nano-old-bootloader.json';
import picoCdc from '../../devices/boards/pico-cdc.json';
import tokenkitDisplaySerial from '../../devices/boards/tokenkit-display-serial.json';
import tokenkitHid from '../../devices/boards/tokenkit-hid.json';
import tokenkitSerial from '../../devices/boards/tokenkit-serial.json';
import arduinoUno from '../../devices/boards/uno.json';
import audioCodeReader from '../../devices/profiles/audio-code-reader.json';
import codeDisplay from '../../devices/profiles/code-display.json';
import {
  type BoardDefinition,
  boardUsbIds,
  type TokenProfile,
  UnknownProfileError,
  validateBoard,
  validateProfile,
} from './schema';

/**
 * The profiles and boards shipped in devices/, bundled into the build (so dist/ needs no file lookups) and
 * validated once at load. tests/profiles checks that every JSON file in devices/ is listed here.
 */
export const PROFILES: readonly TokenProfile[] = [
  validateProfile(codeDisplay, 'devices/profiles/code-display.json'),
  validateProfile(audioCodeReader, 'devices/profiles/audio-code-reader.json'),
];

export const BOARDS: readonly BoardDefinition[] = [
  validateBoard(tokenkitSerial, 'devices/boards/tokenkit-serial.json'),
  validateBoard(tokenkitDisplaySerial, 'devices/boards/tokenkit-display-serial.json'),
  validateBoard(tokenkitHid, 'devices/boards/tokenkit-hid.json'),
  validateBoard(picoCdc, 'devices/boards/pico-cdc.json'),
  // The demo board is a Nano clone: a CH340 bridge (shared by all three) is listed as a Nano first.
  validateBoard(arduinoNano, 'devices/boards/nano.json'),
  validateBoard(arduinoNanoOld, 'devices/boards/nano-old-bootloader.json'),
  validateBoard(arduinoUno, 'devices/boards/uno.json'),
];

export const PROFILE_IDS = PROFILES.map((p) => p.id);

/** The profile a simulator or board uses when none is named: the MitID code display. */
export const DEFAULT_PROFILE_ID = 'code-display';

/** The profile with this id; `UnknownProfileError` (listing the valid ids) otherwise. */
export function getProfile(id: string): TokenProfile {
  const profile = PROFILES.find((p) => p.id === id);
  if (!profile) throw new UnknownProfileError(id, [...PROFILE_IDS]);
  return profile;
}

/** A profile given by id (default DEFAULT_PROFILE_ID) or as an object, as every simulator takes it. */
export function resolveProfile(profile: string | TokenProfile | undefined): TokenProfile {
  return typeof profile === 'object' ? profile : getProfile(profile ?? DEFAULT_PROFILE_ID);
}

/** Boards whose USB vendor/product id matches (ids compared as lower-case hex without 0x). */
export function boardsForUsb(
  vendorId: string | undefined,
  productId: string | undefined,
  transport?: 'serial' | 'hid',
): BoardDefinition[] {
  const norm = (s: string | undefined) => (s ?? '').toLowerCase().replace(/^0x/, '').padStart(4, '0');
  if (!vendorId || !productId) return [];
  return BOARDS.filter(
    (b) =>
      boardUsbIds(b).some((u) => u.vendorId === norm(vendorId) && u.productId === norm(productId)) &&
      (!transport || b.transport === transport),
  );
}
