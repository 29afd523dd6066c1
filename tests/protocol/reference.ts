/**
 * Independent reference implementations for tests: written straight from the published definitions, in the
 * slowest obvious way, sharing no code with src/protocol.
 */

/** CRC-16/CCITT-FALSE bit by bit: poly 0x1021, init 0xFFFF, MSB first, no reflection, no final XOR. */
export function referenceCrc16(bytes: Iterable<number>): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    for (let bit = 7; bit >= 0; bit--) {
      const inBit = (byte >> bit) & 1;
      const top = (crc >> 15) & 1;
      crc = (crc << 1) & 0xffff;
      if (top ^ inBit) crc ^= 0x1021;
    }
  }
  return crc;
}

/**
 * COBS per Cheshire & Baker: the input split at its zeros gives n+1 runs; each run is sent as (len+1) ‖ run,
 * runs of 254 or more non-zero bytes are cut into 0xFF ‖ 254 bytes blocks (no implied zero). An empty
 * remainder after such a cut is omitted only at the very end (Wikipedia's "01 02 … FE" → "FF 01 … FE").
 */
export function referenceCobsEncode(input: number[]): number[] {
  const runs: number[][] = [[]];
  for (const byte of input) {
    if (byte === 0) runs.push([]);
    else runs[runs.length - 1]!.push(byte);
  }
  const out: number[] = [];
  runs.forEach((run, k) => {
    let rest = run;
    let cut = false;
    while (rest.length >= 254) {
      out.push(255, ...rest.slice(0, 254));
      rest = rest.slice(254);
      cut = true;
    }
    const last = k === runs.length - 1;
    if (!(last && cut && rest.length === 0)) out.push(rest.length + 1, ...rest);
  });
  return out;
}

/** Encodes a u64 the long way, with BigInt. */
export function u64le(value: number): number[] {
  let v = BigInt(value);
  const out: number[] = [];
  for (let i = 0; i < 8; i++) {
    out.push(Number(v & 0xffn));
    v >>= 8n;
  }
  return out;
}
export const u32le = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
export const u16le = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff];

/** header ‖ payload ‖ CRC (LE), built from the spec's field list. */
export function referenceRaw(version: number, type: number, requestId: number, payload: number[]): number[] {
  const body = [version, type, ...u16le(requestId), ...payload];
  return [...body, ...u16le(referenceCrc16(body))];
}

export function referenceWire(raw: number[]): number[] {
  return [...referenceCobsEncode(raw), 0];
}
