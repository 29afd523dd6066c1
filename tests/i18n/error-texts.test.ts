import { describe, expect, it } from 'vitest';
import {
  DEVICE_TEXTS,
  DeviceStatusError,
  FlashFollowUpError,
  type FlashFollowUpStep,
  NotATokenError,
  type NotATokenReason,
} from '../../src/device/index';
import type { TokenkitError } from '../../src/errors';
import { t } from '../../src/i18n/index';
import { MissingToolError, RendezvousDirError, type RendezvousProblem } from '../../src/link/index';
import { OtpInputError } from '../../src/otp/index';
import { Status } from '../../src/protocol/index';

/**
 * An error's text comes from its layer's own table (src/errors.ts), not from the whole catalog; a key
 * the table lacks would fall back to the bare key. tsc checks the literal keys; these are the keys built
 * at run time from a reason, a step or a status name.
 */
function expectTexts(error: TokenkitError): void {
  expect(error.message, error.key).not.toBe(error.key);
  // The same text the catalog has, in both languages.
  expect(error.message).toBe(t('en', error.key, error.params));
  expect(error.localized('da')).toBe(t('da', error.key, error.params));
  expect(error.localized('da')).not.toBe(error.message);
}

describe("errors are rendered from their layer's texts", () => {
  it('device: every not-a-token reason, every follow-up step after a flash, every board status', () => {
    for (const reason of ['no-answer', 'garbage', 'not-tty'] satisfies NotATokenReason[])
      expectTexts(new NotATokenError('/dev/ttyUSB0', reason, 500));
    const steps: FlashFollowUpStep[] = [
      'boot',
      'clock',
      'clockThenProvision',
      'provisionNothingKept',
      'provisionMaybeKept',
      'provisionMaybeKeptNoStore',
    ];
    for (const step of steps) expectTexts(new FlashFollowUpError(step, '/dev/ttyUSB0', { detail: 'x' }, undefined));
    const statuses = Object.values(Status).filter((v): v is number => typeof v === 'number' && v !== Status.OK);
    expect(statuses.length).toBeGreaterThan(5);
    for (const status of statuses) expectTexts(new DeviceStatusError('/dev/ttyUSB0', status));
    // An unknown status code has its own text, not a bare key.
    expectTexts(new DeviceStatusError('/dev/ttyUSB0', 0x7e));
    // avrdude's missing-tool error is the link layer's class with the device layer's text.
    expectTexts(new MissingToolError('avrdude', 'flash.avrdude.missing', DEVICE_TEXTS));
    // Without the device table, the link layer's own table has no such text: the table is what is read.
    expect(new MissingToolError('avrdude', 'flash.avrdude.missing').message).toBe('flash.avrdude.missing');
  });

  it('link: every rendezvous-directory problem', () => {
    for (const problem of ['notOwned', 'openToOthers', 'notDirectory', 'cannotCreate'] satisfies RendezvousProblem[])
      expectTexts(new RendezvousDirError('/run/user/1000/tokenkit', problem, { owner: 0, detail: 'EACCES' }));
  });

  it('otp: an input error, without the catalog behind it', () => {
    expectTexts(new OtpInputError('secret', 'otp.error.secretTooShort', { bytes: 4, min: 10 }));
  });
});
