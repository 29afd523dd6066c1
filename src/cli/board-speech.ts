import type { DeviceClient } from '../device/index';
import { MessageType } from '../protocol/index';
import type { Speaker } from '../speech/index';

/**
 * The host side of an audio code reader board: every CODE_SHOWN the board reports is read aloud on the
 * speaker's device at once (a newer code cuts the old one off), and DISPLAY_OFF stops speech. Speech
 * failures go to `onError` and never stop the board session. Returns the unsubscribe function.
 */
export function speakBoardCodes(
  client: DeviceClient,
  speaker: Speaker,
  onError: (error: unknown) => void = () => {},
): () => void {
  return client.onEvent((event) => {
    if (event.type === MessageType.CODE_SHOWN) {
      speaker.speakCode(event.code, { remainingSec: Math.ceil(event.remainingMs / 1000) }).catch(onError);
    } else if (event.type === MessageType.DISPLAY_OFF) {
      speaker.cancel().catch(onError);
    }
  });
}

/** Whether a board's profile is one that speaks (the audio code reader). */
export function boardSpeaks(profileId: string): boolean {
  return profileId === 'audio-code-reader';
}
