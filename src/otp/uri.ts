import { type OtpAlgorithm, type OtpKeySpec, parseAlgorithm } from './algorithm';
import { encodeBase32 } from './encoding';
import { OtpInputError } from './errors';
import { checkCounter, checkDigits, checkPeriod, DEFAULTS } from './params';
import { type SecretInput, secretBytes } from './secret';

/** What an otpauth:// Key URI (Google Authenticator's Key Uri Format) describes; periodSec is 30 when absent (kept for hotp URIs too, meaningless there). */
export interface OtpauthKey extends Omit<OtpKeySpec, 't0Sec'> {
  type: 'totp' | 'hotp';
  /** The label's account part (may be empty when parsing a URI without a label). */
  account: string;
  /** The issuer parameter, else the label's prefix before ':'. */
  issuer?: string;
  /** HOTP start counter (required for hotp, undefined for totp). */
  counter?: number;
}

function decodeComponent(text: string, onError: () => never): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return onError();
  }
}

/** A number parameter through the engine's check. Only plain digits become a number: '-1', '1.5', '1e3' and '' reach the check as text, which it refuses by name. */
function numberParam(raw: string, check: (n: number) => number): number {
  return check(/^\d{1,16}$/.test(raw) ? Number(raw) : (raw as unknown as number));
}

/**
 * Parses an otpauth:// URI. Errors (OtpInputError) name the field: uri (scheme, shape, type, missing
 * secret/counter, duplicate parameter), secret (bad Base32 at position N within the secret, too short),
 * algorithm, digits, periodSec, counter. Unknown parameters (image, color...) are ignored. Errors never
 * contain the URI or the secret.
 */
export function parseOtpauthUri(uri: string): OtpauthKey {
  if (typeof uri !== 'string') throw new OtpInputError('uri', 'otp.error.uriMalformed');
  const text = uri.trim();
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text);
  if (!schemeMatch) throw new OtpInputError('uri', 'otp.error.uriMalformed');
  const scheme = schemeMatch[1]!;
  if (scheme.toLowerCase() !== 'otpauth')
    throw new OtpInputError('uri', 'otp.error.uriScheme', { scheme: scheme.slice(0, 20) });
  const m = /^otpauth:\/\/([^/?#]*)\/?([^?#]*)(?:\?([^#]*))?(?:#.*)?$/i.exec(text);
  if (!m) throw new OtpInputError('uri', 'otp.error.uriMalformed');
  const type = m[1]!.toLowerCase();
  if (type !== 'totp' && type !== 'hotp')
    throw new OtpInputError('uri', 'otp.error.uriType', { type: m[1]!.slice(0, 20) });
  const label = decodeComponent(m[2]!, () => {
    throw new OtpInputError('uri', 'otp.error.uriLabel');
  });

  const params = new Map<string, string>();
  for (const part of (m[3] ?? '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const name = decodeComponent(rawName, () => {
      throw new OtpInputError('uri', 'otp.error.uriMalformed');
    }).toLowerCase();
    const value = decodeComponent((eq < 0 ? '' : part.slice(eq + 1)).replace(/\+/g, ' '), () => {
      throw new OtpInputError('uri', 'otp.error.uriParamEncoding', { name: name.slice(0, 20) });
    });
    if (params.has(name)) throw new OtpInputError('uri', 'otp.error.uriDuplicate', { name: name.slice(0, 20) });
    params.set(name, value);
  }

  const rawSecret = params.get('secret');
  if (rawSecret === undefined || rawSecret.trim() === '') throw new OtpInputError('uri', 'otp.error.uriNoSecret');
  const secret = secretBytes(rawSecret);

  const algorithm = params.has('algorithm') ? parseAlgorithm(params.get('algorithm')) : DEFAULTS.algorithm;
  const digitsRaw = params.get('digits');
  const digits = digitsRaw === undefined ? DEFAULTS.digits : numberParam(digitsRaw, checkDigits);
  const periodRaw = params.get('period');
  const periodSec = periodRaw === undefined ? DEFAULTS.periodSec : numberParam(periodRaw, checkPeriod);

  let counter: number | undefined;
  if (type === 'hotp') {
    const raw = params.get('counter');
    if (raw === undefined || raw === '') throw new OtpInputError('uri', 'otp.error.uriNoCounter');
    counter = numberParam(raw, checkCounter);
  }

  const colon = label.indexOf(':');
  const labelIssuer = colon >= 0 ? label.slice(0, colon).trim() : undefined;
  const account = (colon >= 0 ? label.slice(colon + 1) : label).trim();
  const issuer = params.get('issuer') ?? (labelIssuer === '' ? undefined : labelIssuer);

  const key: OtpauthKey = { type, secret, account, algorithm, digits, periodSec };
  if (issuer !== undefined) key.issuer = issuer;
  if (counter !== undefined) key.counter = counter;
  return key;
}

export interface BuildOtpauthUriOptions {
  type?: 'totp' | 'hotp';
  secret: SecretInput;
  account: string;
  issuer?: string;
  algorithm?: OtpAlgorithm;
  digits?: number;
  periodSec?: number;
  /** Required for hotp. */
  counter?: number;
}

/**
 * Builds `otpauth://TYPE/ISSUER:ACCOUNT?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30`
 * (hotp: `&counter=N` instead of period). Everything is validated as for parsing; the result contains
 * the secret, so treat it as one.
 */
export function buildOtpauthUri(options: BuildOtpauthUriOptions): string {
  const type = options.type ?? 'totp';
  if (type !== 'totp' && type !== 'hotp')
    throw new OtpInputError('uri', 'otp.error.uriType', { type: String(type).slice(0, 20) });
  const secret = encodeBase32(secretBytes(options.secret));
  const account = (options.account ?? '').trim();
  if (account === '') throw new OtpInputError('uri', 'otp.error.account');
  // The Key Uri Format forbids ':' in either part: it separates issuer from account.
  if (account.includes(':')) throw new OtpInputError('uri', 'otp.error.accountColon');
  const issuer = options.issuer?.trim();
  if (issuer?.includes(':')) throw new OtpInputError('uri', 'otp.error.issuerColon', { issuer: issuer.slice(0, 40) });
  const algorithm = parseAlgorithm(options.algorithm ?? DEFAULTS.algorithm);
  const digits = checkDigits(options.digits ?? DEFAULTS.digits);
  const label = issuer ? `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}` : encodeURIComponent(account);
  let query = `secret=${secret}`;
  if (issuer) query += `&issuer=${encodeURIComponent(issuer)}`;
  query += `&algorithm=${algorithm.toUpperCase()}&digits=${digits}`;
  if (type === 'totp') query += `&period=${checkPeriod(options.periodSec ?? DEFAULTS.periodSec)}`;
  else {
    if (options.counter === undefined) throw new OtpInputError('uri', 'otp.error.uriNoCounter');
    query += `&counter=${checkCounter(options.counter)}`;
  }
  return `otpauth://${type}/${label}?${query}`;
}
