import { HID_LINK_MESSAGES, LINK_MESSAGES, PTY_MESSAGES, RENDEZVOUS_MESSAGES, REPLAY_MESSAGES } from './messages';

/** The link layer's texts (./messages.ts): what its errors are rendered from (src/errors.ts). */
export const LINK_TEXTS = {
  ...LINK_MESSAGES,
  ...HID_LINK_MESSAGES,
  ...PTY_MESSAGES,
  ...RENDEZVOUS_MESSAGES,
  ...REPLAY_MESSAGES,
};
export type LinkKey = keyof typeof LINK_TEXTS;
