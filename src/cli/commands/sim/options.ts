import type { SimBoardOptions } from '../../sim-options';
import type { SpeakerOptions } from '../../speaker-options';

/** The options of `tokenkit sim`, as commander parses them. */
export interface SimOptions extends SimBoardOptions, SpeakerOptions {
  serial?: boolean;
  hid?: boolean;
  link?: string;
  headless?: boolean;
  plain?: boolean;
  showSecret?: boolean;
  qr?: boolean;
  register?: string;
}
