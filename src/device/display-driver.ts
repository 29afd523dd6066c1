import { generateTotp, type OtpKeySpec, remainingMs } from '../otp/index';
import { MessageType } from '../protocol/index';
import type { DeviceClient } from './device-client';

/**
 * The host side of a display board (a board with a button and digits but no clock or secret): on every
 * short press the host computes the current code and pushes it with DISPLAY, counting down to the end of
 * its step. `onShown` hears each pushed code (to print or speak it); failures go to `onError` and never
 * end the session. Returns the unsubscribe function.
 */
export function driveDisplayBoard(
  client: Pick<DeviceClient, 'onEvent' | 'display'>,
  key: OtpKeySpec,
  o: {
    nowMs?: () => number;
    onShown?: (code: string, remainingMs: number) => void;
    onError?: (error: unknown) => void;
  } = {},
): () => void {
  const nowMs = o.nowMs ?? Date.now;
  return client.onEvent((event) => {
    if (event.type !== MessageType.BUTTON || event.long || event.host) return;
    const atMs = nowMs();
    const code = generateTotp({ ...key, atMs });
    const leftMs = remainingMs(atMs, key.periodSec, key.t0Sec);
    client.display(code, leftMs).then(
      () => o.onShown?.(code, leftMs),
      (error: unknown) => o.onError?.(error),
    );
  });
}
