import { timingSafeEqual } from 'node:crypto';

/** Letters and digits that cannot be mistaken for each other on paper (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). */
export const LETTER_CODE_ALPHABET = 'ACDEFHJKMNPRTUVWXY34679';
export const LETTER_CODE_LENGTH = 8;
/** Wrong activation codes that block a letter. */
export const LETTER_MAX_TRIES = 3;

/** A new activation code, printed as two groups of four ("K7QM-X3PF"). */
export function newLetterCode(random: (size: number) => Uint8Array): string {
  const chars: string[] = [];
  // Rejection sampling: 23 symbols do not divide 256, and a skewed code is a weaker code.
  const limit = 256 - (256 % LETTER_CODE_ALPHABET.length);
  while (chars.length < LETTER_CODE_LENGTH) {
    for (const b of random(LETTER_CODE_LENGTH * 2)) {
      if (b < limit && chars.length < LETTER_CODE_LENGTH)
        chars.push(LETTER_CODE_ALPHABET[b % LETTER_CODE_ALPHABET.length]!);
    }
  }
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
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
