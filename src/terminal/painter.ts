import type { LineStyle, Screen } from './layout';

const STYLE_CODES: Record<LineStyle, string> = {
  title: '\x1b[1m',
  // High contrast for low vision: bold bright yellow on black.
  digits: '\x1b[1;93;40m',
  text: '',
  keys: '\x1b[2m',
  alert: '\x1b[1;91m',
};
const RESET = '\x1b[0m';

/**
 * Paints screens onto an ANSI terminal, rewriting only the lines that changed since the last paint.
 * `invalidate()` (after a resize) forces a full repaint.
 */
export class ScreenPainter {
  private previous: string[] = [];
  private full = true;

  constructor(
    private readonly write: (text: string) => void,
    private readonly color: boolean,
  ) {}

  invalidate(): void {
    this.full = true;
  }

  /** Returns the number of lines written (0 when nothing changed). */
  paint(screen: Screen): number {
    const next = screen.lines.map((l) =>
      this.color && l.style !== 'text' && l.text !== '' ? `${STYLE_CODES[l.style]}${l.text}${RESET}` : l.text,
    );
    let out = '';
    let written = 0;
    if (this.full) out += '\x1b[H\x1b[2J';
    const count = Math.max(next.length, this.previous.length);
    for (let i = 0; i < count; i++) {
      const line = next[i] ?? '';
      if (!this.full && line === this.previous[i]) continue;
      out += `\x1b[${i + 1};1H${line}\x1b[K`;
      written++;
    }
    this.full = false;
    this.previous = next;
    if (out !== '') this.write(out);
    return written;
  }
}

/** Terminal modes the simulator needs: alternate screen, hidden cursor; undone by `leave`. */
export const ENTER_SCREEN = '\x1b[?1049h\x1b[?25l';
export const LEAVE_SCREEN = '\x1b[?25h\x1b[?1049l';
