import { formatDuration, formatNumber, type Lang } from '../i18n/index';
import type { CliContext } from './context';

/**
 * The one renderer every command prints through: `--json` prints `data` as one JSON document, otherwise
 * the text lines. `text` is only built when it is printed.
 */
export function render(
  ctx: CliContext,
  opts: { json?: boolean },
  data: unknown,
  text: () => string | readonly string[],
): void {
  if (opts.json) {
    ctx.printJson(data);
    return;
  }
  const lines = text();
  for (const line of typeof lines === 'string' ? [lines] : lines) ctx.print(line);
}

/** One event of a long-running command: a JSON object on its own line (NDJSON) with --json, else a text line. */
export function renderEvent(ctx: CliContext, opts: { json?: boolean }, data: unknown, text: () => string): void {
  if (opts.json) ctx.io.stdout(`${JSON.stringify(data)}\n`);
  else ctx.print(text());
}

/** 3 decimals: sub-ms times without float noise. */
export const round3 = (n: number): number => Math.round(n * 1000) / 1000;
/** HH:MM:SS.mmm of a unix ms time (UTC), for event lines. */
export const clockTime = (ms: number): string => new Date(ms).toISOString().slice(11, 23);
/** Fixed decimals with the language's decimal mark ("-0,7" in Danish): src/i18n's one number formatter. */
export const fixed = (lang: Lang, n: number, digits = 1): string => formatNumber(lang, n, digits);

/** An offset in ms as "93784123,0 ms" plus, from a minute up, "(1 d 2 h 3 min 4 s)" for a person. */
export const formatOffsetMs = (lang: Lang, ms: number): string =>
  Math.abs(ms) >= 60_000 ? `${fixed(lang, ms)} ms (${formatDuration(lang, ms)})` : `${fixed(lang, ms)} ms`;

/** A terminal QR code of `text` (an otpauth:// URI for an authenticator app), one print per line block. */
export async function printQr(ctx: CliContext, text: string): Promise<void> {
  const qrcode = (await import('qrcode-terminal')).default;
  await new Promise<void>((resolve) =>
    qrcode.generate(text, { small: true }, (code) => {
      ctx.print(code);
      resolve();
    }),
  );
}
