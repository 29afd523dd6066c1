import { PROFILES, type SpeechDefaults } from '../profiles/index';
import { MessageType } from '../protocol/index';
import type { DeviceClient } from './device-client';

/** What board speech needs from a speaker (src/speech's Speaker fits): the device layer loads no speech engine. */
export interface CodeSpeaker {
  /** `validForMs`: the speaker says how long the code lasts as it will be when heard (see Speaker). */
  speakCode(code: string, o: { validForMs: number }): Promise<unknown>;
  cancel(): Promise<unknown>;
}

/**
 * The speech defaults of the profile a board reports, or null when that profile does not speak (or is
 * unknown here). Behaviour follows the profile's `speech` field, never its id.
 */
export function boardSpeech(profileId: string): SpeechDefaults | null {
  return PROFILES.find((p) => p.id === profileId)?.speech ?? null;
}

/** Whether a board's profile is one that speaks (the audio code reader). */
export function boardSpeaks(profileId: string): boolean {
  return boardSpeech(profileId) !== null;
}

/**
 * The host side of an audio code reader board: every CODE_SHOWN the board reports is read aloud on the
 * speaker's device at once (a newer code cuts the old one off), and DISPLAY_OFF stops speech. Speech
 * failures go to `onError` and never stop the board session. Returns the unsubscribe function.
 */
export function speakBoardCodes(
  client: Pick<DeviceClient, 'onEvent'>,
  speaker: CodeSpeaker,
  onError: (error: unknown) => void = () => {},
): () => void {
  return client.onEvent((event) => {
    if (event.type === MessageType.CODE_SHOWN) {
      speaker.speakCode(event.code, { validForMs: event.remainingMs }).catch(onError);
    } else if (event.type === MessageType.DISPLAY_OFF) {
      speaker.cancel().catch(onError);
    }
  });
}
