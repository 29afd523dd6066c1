import { untilAborted } from '../clock';
import type { OtpKeySpec } from '../otp/index';
import type { SpeechDefaults } from '../profiles/index';
import type { EventMessage } from '../protocol/index';
import { boardSpeech, type CodeSpeaker, speakBoardCodes } from './board-speech';
import type { DeviceClient, DeviceInfo } from './device-client';
import { driveDisplayBoard } from './display-driver';

/** What `device watch` reports, in order; the caller renders each as a line or a JSON event. */
export type WatchEvent =
  | { kind: 'connected'; atMs: number; port: string; serial: string }
  /** A display board and a key: this computer computes the codes the board shows. */
  | { kind: 'driving' }
  /** A display board but no key to compute its codes with. */
  | { kind: 'need-key' }
  | { kind: 'board'; atMs: number; event: EventMessage }
  /** A code this computer pushed to a display board. */
  | { kind: 'display'; atMs: number; code: string; remainingMs: number }
  | { kind: 'disconnected'; atMs: number }
  /** `previousSerial` differs from `info.serial` when another board came back on the port. */
  | { kind: 'reconnected'; atMs: number; info: DeviceInfo; previousSerial: string }
  /** Pushing a code failed; the watch goes on. */
  | { kind: 'display-error'; error: unknown }
  /** Speaking failed; the watch goes on. */
  | { kind: 'speech-error'; error: unknown };

export interface WatchOptions {
  /** The key a display board's codes come from (none: `need-key`). */
  hostKey?: OtpKeySpec;
  /**
   * Opens the speaker for a board whose profile speaks (profile.speech), with those defaults. Returns
   * undefined for silence; `close` runs when the watch ends.
   */
  openSpeaker?: (speech: SpeechDefaults) => Promise<(CodeSpeaker & { close(): Promise<void> }) | undefined>;
  onEvent: (event: WatchEvent) => void;
  /** The watch runs until this aborts. */
  signal: AbortSignal;
  nowMs?: () => number;
}

/**
 * `device watch`: reports a board's events until `signal` aborts, reads an audio reader's codes aloud,
 * and drives a display board (computes and pushes each code on a press). The client should be opened
 * with reconnect; the caller closes it.
 */
export async function watchBoard(client: DeviceClient, o: WatchOptions): Promise<void> {
  const nowMs = o.nowMs ?? Date.now;
  const emit = o.onEvent;
  const speech = boardSpeech(client.info.profileId);
  const speaker = speech && o.openSpeaker ? await o.openSpeaker(speech) : undefined;
  const stops: (() => void)[] = [];
  try {
    if (speaker) stops.push(speakBoardCodes(client, speaker, (error) => emit({ kind: 'speech-error', error })));
    // The board on the port can change while unplugged (another board, another simulator on the link).
    let serial = client.info.serial;
    emit({ kind: 'connected', atMs: nowMs(), port: client.port, serial });
    if (client.info.mode === 'display') {
      if (!o.hostKey) emit({ kind: 'need-key' });
      else {
        emit({ kind: 'driving' });
        stops.push(
          driveDisplayBoard(client, o.hostKey, {
            nowMs,
            onShown: (code, remainingMs) => {
              emit({ kind: 'display', atMs: nowMs(), code, remainingMs });
              // A display board has no CODE_SHOWN of its own: the host that pushed the code reads it.
              speaker
                ?.speakCode(code, { validForMs: remainingMs })
                .catch((error: unknown) => emit({ kind: 'speech-error', error }));
            },
            onError: (error) => emit({ kind: 'display-error', error }),
          }),
        );
      }
    }
    stops.push(client.onEvent((event) => emit({ kind: 'board', atMs: nowMs(), event })));
    stops.push(
      client.onConnection((c) => {
        if (c.state === 'disconnected') return emit({ kind: 'disconnected', atMs: nowMs() });
        emit({ kind: 'reconnected', atMs: nowMs(), info: c.info, previousSerial: serial });
        serial = c.info.serial;
      }),
    );
    await untilAborted(o.signal);
  } finally {
    for (const stop of stops) stop();
    await speaker?.close();
  }
}
