import { TokenkitError } from '../errors';
import type { OtpKeySpec } from '../otp/index';
import { MAX_PROVISION_SECRET_BYTES } from '../protocol/index';
import type { TokenStore } from '../store/index';
import type { DeviceClient, DeviceInfo } from './device-client';
import { DEVICE_TEXTS, type DeviceKey, DeviceStatusError } from './errors';

export type ProvisionProblem = 'too-long' | 'hotp' | 'user-exists';

/** The key or the user cannot be provisioned as asked (bad input, exit 2). Neither board nor store changed. */
export class ProvisionError extends TokenkitError {
  constructor(
    readonly problem: ProvisionProblem,
    key: DeviceKey,
    params: Record<string, string | number> = {},
  ) {
    super(DEVICE_TEXTS, key, params);
  }
}

/** A key to put on a board. `kind` says what the key is for: a board makes TOTP codes only. */
export interface ProvisionKey extends OtpKeySpec {
  kind: 'totp' | 'hotp';
  issuer?: string | null;
}

/** Checks a key fits a board before anything is written (ProvisionError otherwise). */
export function checkBoardKey(key: ProvisionKey): void {
  if (key.kind !== 'totp') throw new ProvisionError('hotp', 'device.provision.error.hotp');
  if (key.secret.length > MAX_PROVISION_SECRET_BYTES)
    throw new ProvisionError('too-long', 'device.provision.error.tooLong', {
      length: key.secret.length,
      max: MAX_PROVISION_SECRET_BYTES,
    });
}

/**
 * Provisions a board and, with `register`, adds the same key to the store for that user, so
 * `tokenkit token verify` accepts the board's codes.
 *
 * The pair is kept consistent: the store row is added first (the store's own uniqueness check, so a
 * concurrent `token add` for the same user either wins before, and nothing is written, or fails after),
 * then the board is written; a board that refuses the write gets the row removed again. A crash between the two
 * leaves a token in the store that `token remove` clears, never a secret on a board that nobody kept.
 */
export async function provisionBoard(
  client: Pick<DeviceClient, 'provision' | 'info'>,
  key: ProvisionKey,
  register?: { store: TokenStore; user: string },
): Promise<DeviceInfo> {
  checkBoardKey(key);
  if (register) {
    try {
      register.store.add({
        user: register.user,
        kind: 'totp',
        secret: key.secret,
        algorithm: key.algorithm,
        digits: key.digits,
        periodSec: key.periodSec,
        t0Sec: key.t0Sec,
        issuer: key.issuer ?? null,
      });
    } catch (error) {
      if (error instanceof TokenkitError && (error as { kind?: string }).kind === 'duplicate')
        throw new ProvisionError('user-exists', 'device.provision.error.userExists', { user: register.user });
      throw error;
    }
  }
  try {
    await client.provision({
      secret: key.secret,
      algorithm: key.algorithm,
      digits: key.digits,
      periodSec: key.periodSec,
      t0Sec: key.t0Sec,
    });
  } catch (error) {
    // The board said no, so it kept nothing: take our row back out (no one else can hold that name now).
    // After a timeout or an unplug the board may have stored the key: the row stays, so the secret is kept.
    if (register && error instanceof DeviceStatusError) register.store.remove(register.user);
    throw error;
  }
  return client.info;
}
