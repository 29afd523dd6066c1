import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/index';
import {
  composeCode,
  DIGIT_PAUSE_MS,
  GROUP_PAUSE_MS,
  groupDigits,
  isComposedText,
  normalizeCode,
  SpeechInputError,
  scaledPauseMs,
  type UtterancePart,
  utteranceText,
  validityPhrase,
} from '../../src/speech/index';

const texts = (parts: UtterancePart[]) => parts.flatMap((p) => (p.kind === 'text' ? [p.text] : []));

describe('groupDigits', () => {
  it.each([
    ['452917', ['452', '917']],
    ['1234567', ['123', '4567']],
    ['12345678', ['123', '456', '78']],
    ['123456789', ['123', '456', '789']],
    ['1234567890', ['123', '456', '7890']],
  ])('%s → %j', (code, groups) => {
    expect(groupDigits(code)).toEqual(groups);
  });

  it('never loses, reorders or isolates a digit (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{6,10}$/), (code) => {
        const groups = groupDigits(code);
        expect(groups.join('')).toBe(code);
        for (const g of groups) expect(g.length).toBeGreaterThanOrEqual(2);
      }),
    );
  });
});

describe('normalizeCode', () => {
  it.each(['452917', '452 917', ' 4 5 2 9 1 7 ', '1234567890'])('accepts %j', (input) => {
    expect(normalizeCode(input)).toBe(input.replace(/\s/g, ''));
  });
  it.each(['12345', '12345678901', '45x917', '', '452-917', '４５２９１７'])('rejects %j with field code', (input) => {
    const error = (() => {
      try {
        normalizeCode(input);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SpeechInputError);
    expect((error as SpeechInputError).field).toBe('code');
  });
});

describe('composeCode', () => {
  // Expected wordings come from the message catalogue (the reference), not from literals here.
  it.each(['da', 'en'] as const)('%s: digits one by one in groups, then validity, then beep', (lang) => {
    const u = composeCode('452 917', { lang, remainingSec: 23, beep: true });
    expect(texts(u.parts)).toEqual(['4', '5', '2', '9', '1', '7', t(lang, 'speech.phrase.validFor', { n: 23 })]);
    const kinds = u.parts.map((p) => (p.kind === 'pause' ? `pause${p.durationMs}` : p.kind));
    const d = `pause${DIGIT_PAUSE_MS}`;
    const g = `pause${GROUP_PAUSE_MS}`;
    expect(kinds.slice(0, 11)).toEqual(['text', d, 'text', d, 'text', g, 'text', d, 'text', d, 'text']);
    expect(u.parts[u.parts.length - 1]?.kind).toBe('beep');
    expect(u.lang).toBe(lang);
  });

  it.each([
    ['da', 1, 'speech.phrase.validForOne'],
    ['en', 1, 'speech.phrase.validForOne'],
    ['da', 30, 'speech.phrase.validFor'],
    ['en', 0, 'speech.phrase.expired'],
    ['da', -4, 'speech.phrase.expired'],
  ] as const)('%s validity for %d s uses %s', (lang, sec, key) => {
    expect(validityPhrase(lang, sec)).toBe(t(lang, key, { n: sec }));
  });

  it('the Danish and English wordings differ and carry the number', () => {
    expect(validityPhrase('da', 23)).not.toBe(validityPhrase('en', 23));
    expect(validityPhrase('da', 23)).toContain('23');
    expect(validityPhrase('en', 23)).toContain('23');
  });

  it('no beep and no phrase unless asked', () => {
    const u = composeCode('123456', { lang: 'en' });
    expect(u.parts.some((p) => p.kind === 'beep')).toBe(false);
    expect(texts(u.parts)).toEqual([...'123456']);
  });

  it('renders as one line of text for --plain and logs', () => {
    expect(utteranceText(composeCode('452917', { lang: 'en', remainingSec: 5 }))).toBe(
      `4 5 2, 9 1 7. ${t('en', 'speech.phrase.validFor', { n: 5 })}`,
    );
  });

  it.each([
    [{ ratePercent: 49 }, 'rate'],
    [{ ratePercent: 201 }, 'rate'],
    [{ ratePercent: 100.5 }, 'rate'],
    [{ volumePercent: -1 }, 'volume'],
    [{ volumePercent: 101 }, 'volume'],
  ])('rejects %j', (opts, field) => {
    expect(() => composeCode('452917', { lang: 'en', ...opts })).toThrow(expect.objectContaining({ field }));
  });

  it('pauses scale inversely with the rate', () => {
    expect(scaledPauseMs(400, 200)).toBe(200);
    expect(scaledPauseMs(400, 50)).toBe(800);
  });
});

describe('isComposedText (the guard before say/festival)', () => {
  it('accepts every text part the composer produces (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{6,10}$/),
        fc.constantFrom('da', 'en'),
        fc.integer({ min: -10, max: 3600 }),
        (code, lang, sec) => {
          for (const text of texts(composeCode(code, { lang: lang as 'da' | 'en', remainingSec: sec }).parts))
            expect(isComposedText(text)).toBe(true);
        },
      ),
    );
  });

  it.each([
    '") (system "touch /tmp/pwned") ("',
    '4"',
    '45',
    'Valid for 3 more seconds.) (exit',
    'hello',
    'Valid for x more seconds.',
    '\\',
    '',
  ])('rejects %j', (text) => {
    expect(isComposedText(text)).toBe(false);
  });

  it('rejects anything with Scheme-significant characters (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('"', '(', ')', '\\', ';', "'"), fc.string(), (a, bad, b) => {
        expect(isComposedText(`${a}${bad}${b}`)).toBe(false);
      }),
    );
  });
});
