import { timingSafeEqual } from 'node:crypto';

/** Letters and digits that cannot be mistaken for each other on paper (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). */
export const LETTER_CODE_ALPHABET = 'ACDEFHJKMNPRTUVWXY34679';
export const LETTER_CODE_LENGTH = 8;
/** Wrong activation codes that block a letter. */
export const LETTER_MAX_TRIES = 3;

/** `length` symbols of `alphabet`, uniformly: rejection sampling, since few alphabets divide 256. */
export function randomSymbols(alphabet: string, length: number, random: (size: number) => Uint8Array): string[] {
  const out: string[] = [];
  const limit = 256 - (256 % alphabet.length);
  while (out.length < length) {
    for (const b of random(length * 2)) {
      if (b < limit && out.length < length) out.push(alphabet[b % alphabet.length]!);
    }
  }
  return out;
}

/** A new activation code, printed as two groups of four ("K7QM-X3PF"). */
export function newLetterCode(random: (size: number) => Uint8Array): string {
  const chars = randomSymbols(LETTER_CODE_ALPHABET, LETTER_CODE_LENGTH, random);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/**
 * A trainer passphrase for a run beyond loopback: four groups of four small letters and digits without
 * look-alikes (about 79 bits), easy to read off the terminal and type.
 */
export function newTrainerPassphrase(random: (size: number) => Uint8Array): string {
  const chars = randomSymbols('abcdefghjkmnpqrstuvwxyz23456789', 16, random);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** Upper case without spaces or dashes: how a typed activation code is compared. */
export function normalizeLetterCode(input: string): string {
  return input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-–]/g, '');
}

/** Whether a typed code is the letter's code, in constant time for codes of the right length. */
export function letterCodeMatches(typed: string, printed: string): boolean {
  const a = Buffer.from(normalizeLetterCode(typed));
  const b = Buffer.from(normalizeLetterCode(printed));
  return a.length === b.length && timingSafeEqual(a, b);
}
