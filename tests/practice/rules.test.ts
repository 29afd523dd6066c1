import { describe, expect, it } from 'vitest';
import { messageKeys, messageText } from '../../src/i18n/index';
import '../../src/practice/index';
import {
  CPR_PATTERN,
  checkPassword,
  checkUserId,
  foldUserId,
  looksLikeCpr,
  type PasswordProblem,
  USER_ID_RULES,
  userIdRules,
} from '../../src/practice/rules';
import { USER_ID_CASES } from './user-id-cases';

describe('user ID rules', () => {
  it('has at least 25 cases, valid and invalid, with case-folded æøå duplicates', () => {
    expect(USER_ID_CASES.length).toBeGreaterThanOrEqual(25);
    expect(USER_ID_CASES.filter((c) => c.problem === null).length).toBeGreaterThanOrEqual(8);
    expect(
      USER_ID_CASES.filter((c) => c.problem === 'taken' && /[æøåÆØÅ]/.test(c.userId)).length,
    ).toBeGreaterThanOrEqual(3);
  });

  for (const c of USER_ID_CASES) {
    it(`${JSON.stringify(c.userId)}: ${c.problem ?? 'valid'} (${c.why})`, () => {
      const taken = new Set((c.taken ?? []).map(foldUserId));
      const problem = checkUserId(c.userId, (folded) => taken.has(folded));
      if (c.problem === 'cpr') {
        expect(problem).toBeNull();
        expect(looksLikeCpr(c.userId)).toBe(true);
      } else {
        expect(problem).toBe(c.problem);
        if (c.problem === null) expect(looksLikeCpr(c.userId)).toBe(false);
      }
    });
  }

  it('gives the browser the same patterns it checks with (each rule is a valid u-flag regex)', () => {
    for (const rule of USER_ID_RULES) expect(() => new RegExp(rule.pattern, 'u')).not.toThrow();
    expect(() => new RegExp(CPR_PATTERN, 'u')).not.toThrow();
    // Every rule fails for some case in the table, so none is dead.
    for (const rule of USER_ID_RULES) {
      expect(
        USER_ID_CASES.some((c) => userIdRules(c.userId).find((r) => r.id === rule.id)?.met === false),
        rule.id,
      ).toBe(true);
    }
  });
});

describe('password rules', () => {
  const cases: [string, string, PasswordProblem | null][] = [
    ['Blå hest på tur 7', 'anna.hansen', null],
    ['kaffe & kage 42', 'anna.hansen', null],
    ['Æbler-i-ovnen', 'søren', null],
    ['kort1', 'anna.hansen', 'length'],
    ['1234567', 'anna.hansen', 'length'],
    ['x'.repeat(13).replace(/x/g, 'ab') + 'y'.repeat(40), 'anna', 'length'],
    ['min anna.hansen kode', 'anna.hansen', 'containsUserId'],
    ['MIN ØRSTED KODE', 'ørsted', 'containsUserId'],
    ['telefon 4512345678 ok', 'anna.hansen', 'tenDigits'],
    ['password', 'anna.hansen', 'obvious'],
    ['MitPassword!', 'anna.hansen', 'obvious'],
    ['12345678', 'anna.hansen', 'obvious'],
    ['qwertyui', 'anna.hansen', 'obvious'],
    ['ab87654321', 'anna.hansen', 'obvious'],
    ['Adgangskode1', 'anna.hansen', 'obvious'],
    ['zzzzzzzz9', 'anna.hansen', 'obvious'],
    ['asdfghjk!', 'anna.hansen', 'obvious'],
  ];
  for (const [password, userId, problem] of cases) {
    it(`${JSON.stringify(password)} for ${userId}: ${problem ?? 'accepted'}`, () => {
      expect(checkPassword(password, userId)).toBe(problem);
    });
  }
  it('counts characters: 64 of them are allowed, 65 are not (emoji count as one each)', () => {
    expect(checkPassword(`${'æøå'.repeat(21)}x`, 'anna')).toBeNull();
    expect(checkPassword(`${'æøå'.repeat(21)}xy`, 'anna')).toBe('length');
    expect(checkPassword('🐴🌳'.repeat(4), 'anna')).toBeNull();
  });
});

describe('CPR-like values', () => {
  it('warns for ten digits and DDMMYY-SSSS, not for other numbers', () => {
    for (const v of ['0101901234', '010190-1234', 'min 311299 1234', 'cpr:2412804321'])
      expect(looksLikeCpr(v), v).toBe(true);
    for (const v of ['123456789', '12345678901', '321390-1234', '011390-1234', '01019-1234', 'TK1234567'])
      expect(looksLikeCpr(v), v).toBe(false);
  });
});

describe('practice texts', () => {
  it('exist in Danish and English with the same placeholders', () => {
    const keys = messageKeys().filter((k) => k.startsWith('practice.') || k.startsWith('cli.practice.'));
    expect(keys.length).toBeGreaterThan(150);
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of keys) {
      const text = messageText(key)!;
      expect(text.da.trim(), key).not.toBe('');
      expect(text.en.trim(), key).not.toBe('');
      expect(holes(text.da), key).toEqual(holes(text.en));
      if (key !== 'practice.lang.switchLabel' && key !== 'practice.lang.switch') expect(text.da, key).not.toBe(text.en);
    }
  });
});
