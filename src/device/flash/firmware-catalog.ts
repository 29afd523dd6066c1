import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ErrorCategory, TokenkitError } from '../../errors';
import { BOARDS, type BoardDefinition, PROFILES } from '../../profiles/index';
import { type HexImage, parseIntelHex } from '../../protocol/index';
import { DEVICE_TEXTS } from '../errors';

/** A hex file that parses but is not a build of firmware/ (an Arduino sketch, another project's image). */
export class NotOurFirmwareError extends TokenkitError {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(DEVICE_TEXTS, 'flash.firmware.notOurs', { file, reason });
  }
}

/** A firmware file that cannot be read at all. */
export class FirmwareFileError extends TokenkitError {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(DEVICE_TEXTS, 'flash.firmware.unreadable', { file, detail });
  }
}

/** The shipped firmware a board needs is missing from this installation (a broken install: exit 4). */
export class FirmwareNotShippedError extends TokenkitError {
  override readonly category: ErrorCategory = 'device';
  constructor(
    readonly id: string,
    readonly dir: string,
  ) {
    super(DEVICE_TEXTS, 'flash.firmware.notShipped', { id, dir });
  }
}

/** What firmware/prebuilt/<id>.json says about a shipped image (written by the firmware build). */
export interface FirmwareManifest {
  version?: string;
  sha256?: string;
  /** Byte counts the build measured (.text, .data, .bss, flash, ram ...), as the build names them. */
  sizes?: Record<string, number>;
  [field: string]: unknown;
}

export interface ShippedFirmware {
  id: string;
  hexPath: string;
  manifest: FirmwareManifest;
  /** Boards in devices/boards that take this firmware. */
  boards: BoardDefinition[];
}

export interface FirmwareImageInfo {
  path: string;
  /** sha256 of the .hex file as stored (what the manifest records). */
  sha256: string;
  image: HexImage;
  /** The version string found in the image (what INFO will report), if any. */
  version: string | undefined;
  /** The profile id found in the image. */
  profileId: string;
  /** The shipped firmware whose manifest has this file's sha256, if any. */
  shipped: ShippedFirmware | undefined;
}

const PREBUILT = join('firmware', 'prebuilt');

/** firmware/prebuilt in this installation: searched upwards from this module (source tree or dist/). */
export function prebuiltDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, PREBUILT);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return join(process.cwd(), PREBUILT);
}

/** Every shipped image (`<id>.hex` with its `<id>.json`), with the boards it is for. */
export function listShippedFirmware(dir = prebuiltDir()): ShippedFirmware[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.hex'))
    .sort()
    .map((f) => {
      const id = basename(f, '.hex');
      const manifestPath = join(dir, `${id}.json`);
      let manifest: FirmwareManifest = {};
      try {
        const parsed: unknown = JSON.parse(readFileSync(manifestPath, 'utf8'));
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) manifest = parsed as FirmwareManifest;
      } catch {
        // A missing or broken manifest: list the image without it (info still hashes the file itself).
      }
      return { id, hexPath: join(dir, f), manifest, boards: BOARDS.filter((b) => b.flash?.firmware === id) };
    });
}

/** The shipped image with this id, or FirmwareNotShippedError. */
export function shippedFirmware(id: string, dir = prebuiltDir()): ShippedFirmware {
  const found = listShippedFirmware(dir).find((f) => f.id === id);
  if (!found) throw new FirmwareNotShippedError(id, dir);
  return found;
}

const VERSION_RE = /^\d+\.\d+\.\d+$/;

/**
 * The version at the end of a string from the image. Constants can sit back to back (the store's magic
 * "TKI1" right before "1.0.0"), so of the suffixes that look like a version, the one that starts the
 * string or follows a non-alphanumeric wins, else the shortest. Best effort: the manifest is authoritative.
 */
function versionIn(text: string): string | undefined {
  const candidates: string[] = [];
  for (let i = text.length - 5; i >= 0; i--) {
    const suffix = text.slice(i);
    if (VERSION_RE.test(suffix)) candidates.push(suffix);
  }
  if (candidates.length === 0) return undefined;
  const clean = candidates.find((c) => {
    const before = text[text.length - c.length - 1];
    return before === undefined || !/[0-9A-Za-z]/.test(before);
  });
  return clean ?? candidates[0];
}

/** NUL-terminated printable strings in the image, as the firmware's constant strings are stored. */
function imageStrings(bytes: Uint8Array): string[] {
  const found: string[] = [];
  let run: number[] = [];
  for (const b of bytes) {
    if (b >= 0x20 && b < 0x7f) {
      run.push(b);
      continue;
    }
    if (b === 0 && run.length >= 3) found.push(String.fromCharCode(...run));
    run = [];
  }
  return found;
}

/** Where an application may live on the boards that take our firmware: below the largest bootloader. */
const MAX_APP_BYTES = 0x7800;

/**
 * Reads and checks a firmware .hex: valid Intel HEX (every checksum), fits below the bootloader of every
 * board we flash, and is a build of firmware/ (it carries the profile id it reports in INFO). A file that
 * fails is refused with one line (IntelHexError, NotOurFirmwareError, FirmwareFileError: exit 2).
 */
export function inspectFirmwareHex(
  path: string,
  shipped: readonly ShippedFirmware[] = listShippedFirmware(),
): FirmwareImageInfo {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new FirmwareFileError(
      path,
      e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'a directory' : (e.code ?? e.message),
    );
  }
  const image = parseIntelHex(raw.toString('latin1'), path);
  if (image.bytes.length > MAX_APP_BYTES)
    throw new NotOurFirmwareError(
      path,
      `${image.bytes.length} bytes reach into the bootloader, which starts at ${MAX_APP_BYTES}`,
    );
  const strings = imageStrings(image.bytes);
  const profileId = PROFILES.map((p) => p.id).find((id) => strings.some((s) => s.endsWith(id)));
  if (!profileId) throw new NotOurFirmwareError(path, 'it does not carry a tokenkit profile id');
  const sha256 = createHash('sha256').update(raw).digest('hex');
  const version = strings.map(versionIn).find((v) => v !== undefined);
  return {
    path,
    sha256,
    image,
    version,
    profileId,
    shipped: shipped.find((f) => f.manifest.sha256?.toLowerCase() === sha256),
  };
}
