import { isLang, LANGS, type Lang } from '../../../i18n/index';
import { SpeechInputError } from '../../../speech/index';
import type { CliContext } from '../../context';

export function wholeNumber(
  value: string | undefined,
  field: 'rate' | 'volume' | 'remaining',
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d{1,5}$/.test(value.trim())) {
    const n = Number(value.trim());
    // Range errors are the composer's, so the library and the CLI say the same thing.
    if (field !== 'remaining' || n <= max) return n;
  }
  const key =
    field === 'rate'
      ? 'speech.error.badRate'
      : field === 'volume'
        ? 'speech.error.badVolume'
        : 'speech.error.badRemaining';
  throw new SpeechInputError(field, key, { value, min, max });
}

export function speechLang(value: string | undefined, saved: Lang | undefined, ctx: CliContext): Lang {
  if (value === undefined) return saved ?? ctx.lang;
  if (isLang(value)) return value;
  throw new SpeechInputError('lang', 'speech.error.badLang', { value, valid: LANGS.join(', ') });
}
