import { describe, expect, it } from 'vitest';
import { messageKeys, messageText, t } from '../../src/i18n/index';

describe('device, link, profile and serial-sim texts', () => {
  it('exist in Danish and English with the same placeholders', () => {
    const mine = messageKeys().filter((k) => /^(device\.|link\.|profiles\.|cli\.device\.|cli\.simSerial\.)/.test(k));
    expect(mine.length).toBeGreaterThan(80);
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of mine) {
      const text = messageText(key)!;
      expect(text.en.trim(), key).not.toBe('');
      expect(text.da.trim(), key).not.toBe('');
      expect(holes(text.da), key).toEqual(holes(text.en));
      // Identical texts are fine only when they hold no English prose (e.g. 'Firmware: {value}').
      if (text.da === text.en) expect(text.en, `${key} is not translated`).not.toMatch(/[a-z]{3,} [a-z]{3,}/);
    }
    expect(t('da', 'link.pty.missingSocat')).toContain('apt-get install socat');
  });
});
