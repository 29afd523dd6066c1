import { OtpInputError } from './errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const DECODE = new Int8Array(128).fill(-1);
for (let i = 0; i < 32; i++) {
  DECODE[ALPHABET.charCodeAt(i)] = i;
  DECODE[ALPHABET.toLowerCase().charCodeAt(i)] = i;
}

/** Shows a bad character without echoing more of the (secret) text than that one character. */
function shownChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : ch;
}

/**
 * RFC 4648 Base32. Accepts lower case, whitespace and hyphens anywhere (as people copy secrets in groups)
 * and missing or partial '=' padding. Rejects other characters with their 0-based position in the input,
 * '=' before the end, and lengths that cannot come from whole bytes (1, 3 or 6 data chars in the last
 * group). Errors carry only the offending character and its position, never the text.
 */
export function decodeBase32(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let bits = 0;
  let value = 0;
  let n = 0;
  let chars = 0;
  let padAt = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2d) continue;
    if (c === 0x3d) {
      if (padAt < 0) padAt = i;
      continue;
    }
    const v = c < 128 ? DECODE[c]! : -1;
    if (v < 0) {
      throw new OtpInputError('secret', 'otp.error.base32Char', {
        char: shownChar(String.fromCodePoint(text.codePointAt(i)!)),
        position: i,
      });
    }
    if (padAt >= 0) throw new OtpInputError('secret', 'otp.error.base32Padding', { position: padAt });
    value = (value << 5) | v;
    bits += 5;
    chars++;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (value >>> bits) & 0xff;
    }
  }
  const rest = chars % 8;
  if (rest === 1 || rest === 3 || rest === 6) {
    throw new OtpInputError('secret', 'otp.error.base32Length', { length: chars });
  }
  return out.slice(0, n);
}

/** RFC 4648 Base32, upper case. `padding` adds '=' to a multiple of 8 characters (default false, as authenticator apps expect). */
export function encodeBase32(bytes: Uint8Array, options: { padding?: boolean } = {}): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (let i = 0; i < bytes.length; i++) {
    value = ((value << 8) | bytes[i]!) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(value >>> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  if (options.padding) while (out.length % 8 !== 0) out += '=';
  return out;
}

/** Hex, either case, with optional spaces or colons between bytes and an optional 0x prefix. */
export function decodeHex(text: string): Uint8Array {
  const start = /^0x/i.test(text) ? 2 : 0;
  const digits: number[] = [];
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x3a || c === 0x09) continue;
    let v = -1;
    if (c >= 0x30 && c <= 0x39) v = c - 0x30;
    else if (c >= 0x61 && c <= 0x66) v = c - 0x57;
    else if (c >= 0x41 && c <= 0x46) v = c - 0x37;
    if (v < 0)
      throw new OtpInputError('secret', 'otp.error.hexChar', {
        char: shownChar(String.fromCodePoint(text.codePointAt(i)!)),
        position: i,
      });
    digits.push(v);
  }
  if (digits.length % 2 !== 0) throw new OtpInputError('secret', 'otp.error.hexLength', { length: digits.length });
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = (digits[2 * i]! << 4) | digits[2 * i + 1]!;
  return out;
}

export function encodeHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += bytes[i]!.toString(16).padStart(2, '0');
  return out;
}
