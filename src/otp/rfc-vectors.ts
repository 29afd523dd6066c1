import type { OtpAlgorithm } from './algorithm';
import { OtpKey } from './key';
import { stepAt } from './timing';

/**
 * Test vectors copied from the RFCs (ASCII seeds as printed there). Used by `tokenkit vectors` and the
 * test suite; the values are the RFCs', not computed by this code.
 */
const ascii = (s: string) => new TextEncoder().encode(s);

/** RFC 4226 Appendix D: secret "12345678901234567890", HMAC-SHA-1, 6 digits. */
export const RFC4226_SECRET = ascii('12345678901234567890');
export const RFC4226_VECTORS: readonly { counter: number; truncated: number; hotp: string }[] = [
  { counter: 0, truncated: 1284755224, hotp: '755224' },
  { counter: 1, truncated: 1094287082, hotp: '287082' },
  { counter: 2, truncated: 137359152, hotp: '359152' },
  { counter: 3, truncated: 1726969429, hotp: '969429' },
  { counter: 4, truncated: 1640338314, hotp: '338314' },
  { counter: 5, truncated: 868254676, hotp: '254676' },
  { counter: 6, truncated: 1918287922, hotp: '287922' },
  { counter: 7, truncated: 82162583, hotp: '162583' },
  { counter: 8, truncated: 673399871, hotp: '399871' },
  { counter: 9, truncated: 645520489, hotp: '520489' },
];

/** RFC 6238 Appendix B seeds: 20, 32 and 64 bytes for SHA-1, SHA-256 and SHA-512 (errata 2866). */
export const RFC6238_SECRETS: Readonly<Record<OtpAlgorithm, Uint8Array>> = {
  sha1: ascii('12345678901234567890'),
  sha256: ascii('12345678901234567890123456789012'),
  sha512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
};

/** RFC 6238 Appendix B: 8 digits, period 30 s, T0 0. `stepHex` is the RFC's T column. */
export const RFC6238_VECTORS: readonly { timeSec: number; stepHex: string; algorithm: OtpAlgorithm; totp: string }[] = [
  { timeSec: 59, stepHex: '0000000000000001', algorithm: 'sha1', totp: '94287082' },
  { timeSec: 59, stepHex: '0000000000000001', algorithm: 'sha256', totp: '46119246' },
  { timeSec: 59, stepHex: '0000000000000001', algorithm: 'sha512', totp: '90693936' },
  { timeSec: 1111111109, stepHex: '00000000023523EC', algorithm: 'sha1', totp: '07081804' },
  { timeSec: 1111111109, stepHex: '00000000023523EC', algorithm: 'sha256', totp: '68084774' },
  { timeSec: 1111111109, stepHex: '00000000023523EC', algorithm: 'sha512', totp: '25091201' },
  { timeSec: 1111111111, stepHex: '00000000023523ED', algorithm: 'sha1', totp: '14050471' },
  { timeSec: 1111111111, stepHex: '00000000023523ED', algorithm: 'sha256', totp: '67062674' },
  { timeSec: 1111111111, stepHex: '00000000023523ED', algorithm: 'sha512', totp: '99943326' },
  { timeSec: 1234567890, stepHex: '000000000273EF07', algorithm: 'sha1', totp: '89005924' },
  { timeSec: 1234567890, stepHex: '000000000273EF07', algorithm: 'sha256', totp: '91819424' },
  { timeSec: 1234567890, stepHex: '000000000273EF07', algorithm: 'sha512', totp: '93441116' },
  { timeSec: 2000000000, stepHex: '0000000003F940AA', algorithm: 'sha1', totp: '69279037' },
  { timeSec: 2000000000, stepHex: '0000000003F940AA', algorithm: 'sha256', totp: '90698825' },
  { timeSec: 2000000000, stepHex: '0000000003F940AA', algorithm: 'sha512', totp: '38618901' },
  { timeSec: 20000000000, stepHex: '0000000027BC86AA', algorithm: 'sha1', totp: '65353130' },
  { timeSec: 20000000000, stepHex: '0000000027BC86AA', algorithm: 'sha256', totp: '77737706' },
  { timeSec: 20000000000, stepHex: '0000000027BC86AA', algorithm: 'sha512', totp: '47863826' },
];

export interface VectorResult {
  rfc: 'RFC 4226' | 'RFC 6238';
  algorithm: OtpAlgorithm;
  /** HOTP counter, or TOTP time in unix seconds. */
  counter?: number;
  timeSec?: number;
  step?: number;
  expected: string;
  actual: string;
  pass: boolean;
}

/** Runs every RFC 4226 and RFC 6238 vector through this engine (HOTP code and the truncated value for 4226). */
export function runRfcVectors(): VectorResult[] {
  const results: VectorResult[] = [];
  const hotpKey = OtpKey.from(RFC4226_SECRET, 'sha1');
  for (const v of RFC4226_VECTORS) {
    const actual = hotpKey.hotp(v.counter, 6);
    const pass = actual === v.hotp && hotpKey.truncated(v.counter) === v.truncated;
    results.push({ rfc: 'RFC 4226', algorithm: 'sha1', counter: v.counter, expected: v.hotp, actual, pass });
  }
  for (const v of RFC6238_VECTORS) {
    const key = OtpKey.from(RFC6238_SECRETS[v.algorithm], v.algorithm);
    const step = stepAt(v.timeSec * 1000, 30, 0);
    const actual = key.totp(v.timeSec * 1000, { digits: 8, periodSec: 30, t0Sec: 0 });
    const pass = actual === v.totp && step === parseInt(v.stepHex, 16);
    results.push({ rfc: 'RFC 6238', algorithm: v.algorithm, timeSec: v.timeSec, step, expected: v.totp, actual, pass });
  }
  return results;
}
