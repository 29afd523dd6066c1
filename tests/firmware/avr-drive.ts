import type { AvrBoard } from '../../firmware-sim/avr/index';
import { FrameDecoder } from '../../src/protocol/codec';
import type { Message } from '../../src/protocol/messages';

/**
 * Runs an unpaced board in virtual time until `work` settles (a DeviceClient call over `board.link`),
 * then returns its result. Deterministic: the board only moves while this runs.
 */
export async function drive<T>(board: AvrBoard, work: Promise<T>, limitMs = 10_000): Promise<T> {
  let settled = false;
  let value: T | undefined;
  let failure: unknown;
  work.then(
    (v) => {
      settled = true;
      value = v;
    },
    (e: unknown) => {
      settled = true;
      failure = e;
    },
  );
  await board.runUntil(() => settled, limitMs);
  if (!settled) throw new Error(`no answer within ${limitMs} ms of board time`);
  if (failure !== undefined) throw failure;
  return value as T;
}

/** Every frame the board sends, decoded, with the board time (ms) its last byte was written to UDR0. */
export function frameLog(board: AvrBoard): { frames: { atMs: number; message: Message }[] } {
  const decoder = new FrameDecoder();
  const log = { frames: [] as { atMs: number; message: Message }[] };
  board.onTransmit((byte, cycle) => {
    for (const r of decoder.push(Uint8Array.of(byte))) {
      if (r.ok) log.frames.push({ atMs: cycle / 16_000, message: r.message });
    }
  });
  return log;
}
