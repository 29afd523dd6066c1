import type { UserIdProblem } from '../../src/practice/rules';

/**
 * User IDs with the outcome MitID's rules give, shared by the server tests (fastify inject) and the
 * browser tests (the live checklist and the real form). `taken` are user IDs created before this one;
 * `problem` is the first rule broken (the order of USER_ID_RULES), 'taken' for a duplicate with case
 * ignored, 'cpr' for a value that passes the rules but looks like a CPR number (the site keeps none),
 * or null when the user ID is accepted.
 */
export interface UserIdCase {
  userId: string;
  problem: UserIdProblem | 'cpr' | null;
  taken?: readonly string[];
  why: string;
}

export const USER_ID_CASES: readonly UserIdCase[] = [
  { userId: 'anna.hansen', problem: null, why: 'letters and a dot' },
  { userId: 'Søren Ørsted', problem: null, why: 'æøå in capitals and a space inside' },
  { userId: 'ÆbleGrød_2026', problem: null, why: 'Æ and ø with digits and an underscore' },
  { userId: 'åse@kursus', problem: null, why: 'å and @' },
  { userId: 'a{b}c!#$^', problem: null, why: 'curly brackets and ! # $ ^' },
  { userId: 'x,*()_+-=:;?.@', problem: null, why: 'every other allowed sign' },
  { userId: 'abcde', problem: null, why: 'exactly 5 characters' },
  { userId: 'ø'.repeat(48), problem: null, why: 'exactly 48 characters' },
  { userId: '123456789', problem: null, why: '9 digits is not a CPR number' },
  { userId: '12345678901', problem: null, why: '11 digits is not a CPR number' },
  { userId: 'a\u030Ase.kursist', problem: null, why: 'a decomposed å (a + ring) counts as å' },
  { userId: 'MitID bruger 7', problem: null, why: 'spaces between words' },
  { userId: '', problem: 'length', why: 'empty' },
  { userId: 'abcd', problem: 'length', why: '4 characters' },
  { userId: 'a'.repeat(49), problem: 'length', why: '49 characters' },
  { userId: ' anna', problem: 'edges', why: 'a space first' },
  { userId: 'anna ', problem: 'edges', why: 'a space last' },
  { userId: '     ', problem: 'edges', why: 'only spaces' },
  { userId: '0123456789', problem: 'notCpr', why: '10 digits could be a CPR number' },
  { userId: '010190-1234', problem: 'cpr', why: 'DDMMYY-SSSS passes the rules, but looks like a CPR number' },
  { userId: 'anna<script>', problem: 'characters', why: '< and > are not allowed' },
  { userId: 'anna"hansen', problem: 'characters', why: 'a double quote is not allowed' },
  { userId: 'anna/hansen', problem: 'characters', why: 'a slash is not allowed' },
  { userId: 'über.mann', problem: 'characters', why: 'ü is not among a–z, æ, ø, å' },
  { userId: 'émilie.k', problem: 'characters', why: 'é is not among a–z, æ, ø, å' },
  { userId: 'anna\thansen', problem: 'characters', why: 'a tab is not a space' },
  { userId: "o'brien", problem: 'characters', why: 'an apostrophe is not allowed' },
  { userId: 'ØRSTED', taken: ['ørsted'], problem: 'taken', why: 'Ø and ø are the same letter' },
  { userId: 'Åse.Hansen', taken: ['åse.hansen'], problem: 'taken', why: 'Å and å are the same letter' },
  { userId: 'ÆØÅ12', taken: ['æøå12'], problem: 'taken', why: 'all three Danish letters, case folded' },
  { userId: 'anna.hansen', taken: ['Anna.Hansen'], problem: 'taken', why: 'capitals ignored the other way' },
  { userId: 'a\u030Ase.kursist', taken: ['Åse.kursist'], problem: 'taken', why: 'decomposed å and capital Å' },
  { userId: 'ørsted2', taken: ['ørsted'], problem: null, why: 'a longer ID is not a duplicate' },
];
