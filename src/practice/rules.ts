/**
 * The rules of the practice forms, written once: the server checks them, and the user ID page hands the
 * same patterns to its live checklist script (data attributes), so the browser ticks exactly what the
 * server will accept. All checks work on the NFC form, so a decomposed å (a + ring) counts as å.
 */

export const USER_ID_MIN_LENGTH = 5;
export const USER_ID_MAX_LENGTH = 48;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 64;

/** MitID's characters for a user ID: letters a–z and æ, ø, å (either case), digits, these signs, and space. */
export const USER_ID_SIGNS = '{}!#$^,*()_+-=:;?.@';

export type UserIdRuleId = 'length' | 'characters' | 'edges' | 'notCpr';

/** A rule the browser can check too: `pattern` must match (`expect: true`) or must not (`expect: false`). */
export interface PatternRule<Id extends string> {
  id: Id;
  /** A JavaScript regular expression source, used with the `u` flag. */
  pattern: string;
  expect: boolean;
}

function escapeClass(chars: string): string {
  return chars.replace(/[\\\]\-^]/g, (c) => `\\${c}`);
}

export const USER_ID_RULES: readonly PatternRule<UserIdRuleId>[] = [
  { id: 'length', pattern: `^[\\s\\S]{${USER_ID_MIN_LENGTH},${USER_ID_MAX_LENGTH}}$`, expect: true },
  { id: 'characters', pattern: `^[a-zA-Z0-9æøåÆØÅ ${escapeClass(USER_ID_SIGNS)}]+$`, expect: true },
  { id: 'edges', pattern: '^ | $', expect: false },
  { id: 'notCpr', pattern: '^[0-9]{10}$', expect: false },
];

export interface RuleResult<Id extends string> {
  id: Id;
  met: boolean;
}

function checkPatterns<Id extends string>(rules: readonly PatternRule<Id>[], value: string): RuleResult<Id>[] {
  return rules.map((rule) => ({ id: rule.id, met: new RegExp(rule.pattern, 'u').test(value) === rule.expect }));
}

/** The form of a user ID that is checked and stored: Unicode NFC (what was typed is otherwise kept). */
export function normalizeUserId(value: string): string {
  return value.normalize('NFC');
}

/** The key that makes user IDs unique with case ignored: NFC, then lower case (Æ → æ, Ø → ø, Å → å). */
export function foldUserId(value: string): string {
  return normalizeUserId(value).toLowerCase();
}

/** Each MitID rule for a user ID (uniqueness excepted: that needs the class's list, see checkUserId). */
export function userIdRules(value: string): RuleResult<UserIdRuleId>[] {
  return checkPatterns(USER_ID_RULES, normalizeUserId(value));
}

export type UserIdProblem = UserIdRuleId | 'taken';

/**
 * The first problem with a user ID, or null when it may be used. `isTaken` gets the folded form.
 * Order: the rules as listed (length first), then uniqueness.
 */
export function checkUserId(value: string, isTaken: (folded: string) => boolean): UserIdProblem | null {
  const failed = userIdRules(value).find((r) => !r.met);
  if (failed) return failed.id;
  return isTaken(foldUserId(value)) ? 'taken' : null;
}

export type PasswordProblem = 'length' | 'containsUserId' | 'tenDigits' | 'obvious';

/** Words no password may contain, in lower case (Danish and English, and what people type first). */
export const OBVIOUS_WORDS: readonly string[] = [
  'password',
  'passw0rd',
  'adgangskode',
  'kodeord',
  'mitid',
  'nemid',
  'qwerty',
  'letmein',
  'welcome',
  'velkommen',
  'iloveyou',
];

/** Rows and runs whose six consecutive characters (either direction) make an obvious sequence. */
const SEQUENCES: readonly string[] = [
  'abcdefghijklmnopqrstuvwxyzæøå',
  '01234567890',
  'qwertyuiopå',
  'asdfghjklæø',
  'zxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
];

/** The length of a run that counts as an obvious sequence (12345678 and qwertyui both contain one). */
export const SEQUENCE_RUN = 6;

function hasSequence(lower: string): boolean {
  for (let i = 0; i + SEQUENCE_RUN <= lower.length; i++) {
    const part = lower.slice(i, i + SEQUENCE_RUN);
    if ([...part].every((c) => c === part[0])) return true;
    const reversed = [...part].reverse().join('');
    if (SEQUENCES.some((row) => row.includes(part) || row.includes(reversed))) return true;
  }
  return false;
}

/**
 * The password rules: 8–64 characters; not containing the user ID (case ignored); no ten digits in a
 * row; no obvious word (OBVIOUS_WORDS) or sequence (six in a row of a keyboard row, the alphabet or the
 * digits, either way, or one character six times). Returns each rule's result, in this order.
 */
export function passwordRules(password: string, userId: string): RuleResult<PasswordProblem>[] {
  const value = password.normalize('NFC');
  const lower = value.toLowerCase();
  const length = [...value].length;
  const folded = foldUserId(userId).trim();
  return [
    { id: 'length', met: length >= PASSWORD_MIN_LENGTH && length <= PASSWORD_MAX_LENGTH },
    { id: 'containsUserId', met: folded === '' || !lower.includes(folded) },
    { id: 'tenDigits', met: !/[0-9]{10}/.test(value) },
    { id: 'obvious', met: !OBVIOUS_WORDS.some((w) => lower.includes(w)) && !hasSequence(lower) },
  ];
}

export function checkPassword(password: string, userId: string): PasswordProblem | null {
  return passwordRules(password, userId).find((r) => !r.met)?.id ?? null;
}

/**
 * Something that looks like a CPR number: ten digits on their own, or DDMMYY-SSSS with a real day and
 * month (a space or a dash allowed before the last four). As a JavaScript regular expression source, so
 * the page's live warning uses the same pattern as the server.
 */
export const CPR_PATTERN =
  '(^|[^0-9])([0-9]{10}|(0[1-9]|[12][0-9]|3[01])(0[1-9]|1[0-2])[0-9]{2}[ -][0-9]{4})($|[^0-9])';

/** Whether `value` looks like a CPR number (CPR_PATTERN): the site warns and keeps nothing of it. */
export function looksLikeCpr(value: string): boolean {
  return new RegExp(CPR_PATTERN, 'u').test(value.normalize('NFKC'));
}
