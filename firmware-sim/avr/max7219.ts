/**
 * What a person sees on the MAX7219 8-digit module, decoded from the SPI traffic (TEAM.md board contract):
 * `digits` left to right (digit register 8 … 1; digit 1 is the rightmost), blank as ' ', '-' for Code B
 * 0x0A; `on` is false while the chip is in shutdown (then all digits read blank). `code` and
 * `remainingSec` read the contract's layout: a 6-digit code on the left six digits and the seconds left
 * (00-99) on the right two; an 8-digit code on all eight (no countdown). They are absent when the digits
 * do not hold a code (blank, dashes, a status screen). `dots` marks the decimal points (bit 7 of a digit
 * register, in both decode modes), position for position with `digits`: '.' lit, ' ' not; the firmware
 * lights the rightmost one while its clock is not trusted (firmware/README.md, "What the 8 digits show").
 */
export interface DecodedDisplay {
  on: boolean;
  digits: string;
  /** Decimal points, left to right like `digits`: '.' lit, ' ' dark (all dark while off). */
  dots: string;
  code?: string;
  remainingSec?: number;
  /** Brightness register 0x0A (0-15). */
  intensity: number;
}

const CODE_B = '0123456789-EHLP ';
/** Segment patterns (DP A B C D E F G = bit 7 … 0) of the characters a no-decode digit may show. */
const SEGMENTS: Record<number, string> = {
  126: '0',
  48: '1',
  109: '2',
  121: '3',
  51: '4',
  91: '5',
  95: '6',
  112: '7',
  127: '8',
  123: '9',
  1: '-',
  0: ' ',
  79: 'E',
  55: 'H',
  14: 'L',
  103: 'P',
};

export const MAX7219_REGISTER = {
  NOOP: 0x00,
  DIGIT0: 0x01,
  DECODE_MODE: 0x09,
  INTENSITY: 0x0a,
  SCAN_LIMIT: 0x0b,
  SHUTDOWN: 0x0c,
  DISPLAY_TEST: 0x0f,
} as const;

/**
 * The MAX7219 itself: a 16-bit shift register clocked from MOSI/SCK whose last 16 bits are latched into
 * register `hi & 0x0F` on the rising edge of LOAD (D10/PB2). Power-on state: shutdown, no decode, scan
 * limit 0, intensity 0, digits blank.
 */
export class Max7219Model {
  private readonly digitRegisters = new Uint8Array(8);
  private decodeMode = 0;
  private intensity = 0;
  private scanLimit = 0;
  private shutdown = 0;
  private displayTest = 0;
  private shift = 0;
  private bitsShifted = 0;
  /** Number of register writes latched (for tests of the bus). */
  latches = 0;

  /** A byte clocked in (MSB first, as the chip reads it). */
  shiftByte(byte: number): void {
    this.shift = ((this.shift << 8) | (byte & 0xff)) & 0xffff;
    this.bitsShifted += 8;
  }

  /** LOAD rising edge: latch the last 16 bits shifted in. Returns true when a register changed. */
  latch(): boolean {
    if (this.bitsShifted < 16) return false;
    this.latches++;
    const register = (this.shift >> 8) & 0x0f;
    const value = this.shift & 0xff;
    const before = this.snapshotKey();
    switch (register) {
      case MAX7219_REGISTER.NOOP:
        break;
      case MAX7219_REGISTER.DECODE_MODE:
        this.decodeMode = value;
        break;
      case MAX7219_REGISTER.INTENSITY:
        this.intensity = value & 0x0f;
        break;
      case MAX7219_REGISTER.SCAN_LIMIT:
        this.scanLimit = value & 0x07;
        break;
      case MAX7219_REGISTER.SHUTDOWN:
        this.shutdown = value & 0x01;
        break;
      case MAX7219_REGISTER.DISPLAY_TEST:
        this.displayTest = value & 0x01;
        break;
      default:
        if (register >= 1 && register <= 8) this.digitRegisters[register - 1] = value;
    }
    return this.snapshotKey() !== before;
  }

  private snapshotKey(): string {
    return `${this.digitRegisters.join(',')}|${this.decodeMode}|${this.intensity}|${this.scanLimit}|${this.shutdown}|${this.displayTest}`;
  }

  /** The character digit register `index` (0 = digit 1, the rightmost) shows. */
  private charAt(index: number): string {
    if (this.displayTest) return '8';
    if (index > this.scanLimit) return ' ';
    const raw = this.digitRegisters[index]!;
    if (this.decodeMode & (1 << index)) return CODE_B[raw & 0x0f]!;
    return SEGMENTS[raw & 0x7f] ?? '?';
  }

  /** Whether the decimal point of digit register `index` (0 = digit 1, the rightmost) is lit. */
  private dotAt(index: number): boolean {
    if (this.displayTest) return true;
    if (index > this.scanLimit) return false;
    return (this.digitRegisters[index]! & 0x80) !== 0;
  }

  /**
   * The display as a person reads it. `codeDigits` is how long the shown code is (the harness learns it
   * from the board's own CODE_SHOWN frames): 6 reads code + countdown, 7-8 read a code without one.
   */
  decode(codeDigits = 6): DecodedDisplay {
    const on = this.shutdown === 1 || this.displayTest === 1;
    if (!on) return { on: false, digits: '        ', dots: '        ', intensity: this.intensity };
    let digits = '';
    let dots = '';
    for (let i = 7; i >= 0; i--) {
      digits += this.charAt(i);
      dots += this.dotAt(i) ? '.' : ' ';
    }
    const out: DecodedDisplay = { on, digits, dots, intensity: this.intensity };
    if (codeDigits <= 6) {
      const left = digits.slice(0, 6);
      if (/^\d{6}$/.test(left)) out.code = left.slice(6 - codeDigits);
      const right = digits.slice(6);
      if (out.code !== undefined && /^\d{2}$/.test(right)) out.remainingSec = Number(right);
    } else {
      const shown = digits.slice(0, codeDigits);
      if (new RegExp(`^\\d{${codeDigits}}$`).test(shown)) out.code = shown;
    }
    return out;
  }
}
