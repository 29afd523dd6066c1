import { createFirmware, type StoredSecret, type TokenFirmware } from '../../firmware-sim/index';
import { resolveProfile, type TokenProfile } from '../profiles/index';
import type { BoardMode } from '../protocol/index';

/**
 * What a simulated board is, whatever face or wire it gets: typed values (the CLI parses its strings into
 * this). A bare `secret` (bytes) takes the profile's algorithm, digits, period and t0.
 */
export interface SimBoardSpec {
  /** A profile id from devices/ or a profile object (default DEFAULT_PROFILE_ID). */
  profile?: string | TokenProfile;
  /** Provisioned at first boot when the flash holds none. */
  secret?: StoredSecret | Uint8Array;
  /** Board time at start, unix ms (default now). */
  startMs?: number;
  /** The board clock runs fast (+) or slow (−) by this many parts per million. */
  driftPpm?: number;
  /** 'smart' (default) or 'display'. */
  mode?: BoardMode;
  /** Persist the board's flash (serial number, secret) in this file across runs. */
  flashPath?: string;
}

/** The secret as the firmware stores it: bare bytes get the profile's OTP parameters. */
export function storedSecretFor(secret: StoredSecret | Uint8Array, profile: TokenProfile): StoredSecret {
  if (!(secret instanceof Uint8Array)) return secret;
  return {
    secret,
    algorithm: profile.algorithm,
    digits: profile.digits,
    periodSec: profile.periodSec,
    t0Sec: profile.t0Sec,
  };
}

/** Boots the firmware model for a spec. */
export function bootSimBoard(spec: SimBoardSpec): Promise<TokenFirmware> {
  const profile = resolveProfile(spec.profile);
  return createFirmware({
    profile,
    mode: spec.mode ?? 'smart',
    driftPpm: spec.driftPpm ?? 0,
    ...(spec.startMs !== undefined ? { startMs: spec.startMs } : {}),
    ...(spec.secret ? { secret: storedSecretFor(spec.secret, profile) } : {}),
    ...(spec.flashPath ? { flashPath: spec.flashPath } : {}),
  });
}
