/**
 * Consistent Overhead Byte Stuffing (Cheshire & Baker, 1999). The encoded form contains no 0x00, so 0x00
 * can delimit frames. For inputs of at most 254 bytes the overhead is exactly one byte.
 */

/** Worst-case encoded length (without delimiter) of `n` input bytes. */
export function cobsMaxEncodedLength(n: number): number {
  return n + Math.max(1, Math.ceil(n / 254));
}

/**
 * Encodes src[0, length) into dst at dstOffset; returns the index after the last written byte.
 * dst must have room for cobsMaxEncodedLength(length) bytes.
 */
export function cobsEncodeInto(src: Uint8Array, length: number, dst: Uint8Array, dstOffset = 0): number {
  let codeIndex = dstOffset;
  let out = dstOffset + 1;
  let code = 1;
  for (let i = 0; i < length; i++) {
    const byte = src[i]!;
    if (byte === 0) {
      dst[codeIndex] = code;
      codeIndex = out++;
      code = 1;
    } else {
      dst[out++] = byte;
      code++;
      if (code === 0xff) {
        dst[codeIndex] = code;
        // A full block at the very end needs no empty block after it (keeps ≤ 254 bytes at +1 overhead).
        if (i === length - 1) return out;
        codeIndex = out++;
        code = 1;
      }
    }
  }
  dst[codeIndex] = code;
  return out;
}

export function cobsEncode(src: Uint8Array): Uint8Array {
  const dst = new Uint8Array(cobsMaxEncodedLength(src.length));
  return dst.subarray(0, cobsEncodeInto(src, src.length, dst));
}

/**
 * Decodes src[0, length) (no delimiter) into dst; returns the decoded length, or -(index+1) of the first
 * offending byte when the input is not valid COBS (a 0x00 inside, or a code pointing past the end).
 * dst must have room for `length` bytes.
 */
export function cobsDecodeInto(src: Uint8Array, length: number, dst: Uint8Array): number {
  let i = 0;
  let out = 0;
  while (i < length) {
    const code = src[i]!;
    if (code === 0) return -(i + 1);
    const end = i + code;
    if (end > length) return -(i + 1);
    for (let j = i + 1; j < end; j++) {
      const byte = src[j]!;
      if (byte === 0) return -(j + 1);
      dst[out++] = byte;
    }
    i = end;
    // A block shorter than 254 data bytes implies a zero, except after the last block.
    if (code !== 0xff && i < length) dst[out++] = 0;
  }
  return out;
}

/** Decodes one encoded block (no delimiter); throws RangeError on invalid input. */
export function cobsDecode(src: Uint8Array): Uint8Array {
  const dst = new Uint8Array(src.length);
  const n = cobsDecodeInto(src, src.length, dst);
  if (n < 0) throw new RangeError(`invalid COBS at byte ${-n - 1}`);
  return dst.subarray(0, n);
}
