import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as OTPAuth from 'otpauth';
import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';
import { runBin, runCli } from '../helpers/cli';
import { storeWithUsers, tempStorePath } from '../store/store-fixtures';

// Expected codes come from otplib 13 / otpauth 9 and RFC 4226's table, never from src/otp.
const B32 = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const T = 1_800_000_015; // unix seconds, mid-step
const STEP = Math.floor(T / 30);
const codeAt = (step: number, secret = B32) =>
  generateSync({ secret, epoch: step * 30 + 1, period: 30, algorithm: 'sha1', digits: 6 });
const at = (step: number) => String(step * 30 + 5);

async function cli(store: string, ...argv: string[]) {
  return runCli(['--store', store, ...argv]);
}

/** The CLI with its clock at `atSec` (unix seconds): stateful token commands refuse a made-up --time. */
async function cliAt(store: string, atSec: string, ...argv: string[]) {
  return runCli(['--store', store, ...argv], {}, new ManualClock(Number(atSec) * 1000));
}

describe('tokenkit token add', () => {
  it('--generate prints an otpauth URI whose secret the stored token verifies, in a 0600 file', async () => {
    const store = tempStorePath();
    const r = await cli(store, 'token', 'add', 'alice', '--generate');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^added TOTP token for alice \(sha1, 6 digits, 30 s\)$/m);
    const uri = r.stdout.split('\n').find((l) => l.startsWith('otpauth://'))!;
    const parsed = OTPAuth.URI.parse(uri) as OTPAuth.TOTP;
    expect(parsed.label).toBe('alice');
    expect(parsed.issuer).toBe('tokenkit');
    expect(parsed.secret.bytes.length).toBe(20);
    const code = parsed.generate({ timestamp: T * 1000 });
    expect((await cliAt(store, String(T), 'token', 'verify', 'alice', code)).code).toBe(0);
    expect(statSync(store).mode & 0o777).toBe(0o600);
  });

  it('two --generate runs give different secrets', async () => {
    const store = tempStorePath();
    const a = await cli(store, 'token', 'add', 'a', '--generate', '--json');
    const b = await cli(store, 'token', 'add', 'b', '--generate', '--json');
    const secretOf = (out: string) => new URL(JSON.parse(out).uri).searchParams.get('secret');
    expect(secretOf(a.stdout)).toMatch(/^[A-Z2-7]{32}$/);
    expect(secretOf(a.stdout)).not.toBe(secretOf(b.stdout));
  });

  it('never prints a given secret unless --show-secret', async () => {
    const store = tempStorePath();
    const r = await cli(store, 'token', 'add', 'bob', '--secret', B32, '--digits', '8', '--period', '60');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('added TOTP token for bob (sha1, 8 digits, 60 s)\n');
    const list = await cli(store, 'token', 'list', '--json');
    expect(list.stdout).not.toContain(B32.slice(0, 8));
    expect(JSON.parse(list.stdout).tokens[0]).not.toHaveProperty('secret');
    const shown = await cli(store, 'token', 'add', 'bea', '--secret', B32, '--show-secret', '--issuer', 'Practice');
    expect(shown.stdout).toContain(`otpauth://totp/Practice:bea?secret=${B32}`);
  });

  it('--json without --show-secret has no URI and no secret', async () => {
    const store = tempStorePath();
    const r = await cli(store, 'token', 'add', 'bo', '--secret', B32, '--json');
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ user: 'bo', type: 'totp', digits: 6 });
    expect(out).not.toHaveProperty('uri');
    expect(r.stdout).not.toContain(B32.slice(0, 8));
  });

  it('keeps the counter of an otpauth://hotp URI', async () => {
    const store = tempStorePath();
    const rfcSecretB32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // '12345678901234567890'
    expect(
      (await cli(store, 'token', 'add', 'hu', '--uri', `otpauth://hotp/hu?secret=${rfcSecretB32}&counter=2`)).code,
    ).toBe(0);
    expect(JSON.parse((await cli(store, 'token', 'list', '--json')).stdout).tokens[0]).toMatchObject({
      type: 'hotp',
      counter: 2,
    });
    // RFC 4226 Appendix D: counter 2 gives 359152.
    expect((await cli(store, 'token', 'verify', 'hu', '359152')).code).toBe(0);
  });

  it('keeps the parameters of an otpauth URI', async () => {
    const store = tempStorePath();
    const uri = `otpauth://totp/ACME:carol?secret=${B32}&algorithm=SHA256&digits=8&period=60&issuer=ACME`;
    expect((await cli(store, 'token', 'add', 'carol', '--uri', uri)).code).toBe(0);
    const tokens = JSON.parse((await cli(store, 'token', 'list', '--json')).stdout).tokens;
    expect(tokens[0]).toMatchObject({
      user: 'carol',
      type: 'totp',
      algorithm: 'sha256',
      digits: 8,
      periodSec: 60,
      issuer: 'ACME',
    });
    const code = generateSync({ secret: B32, epoch: T, period: 60, algorithm: 'sha256', digits: 8 });
    expect((await cliAt(store, String(T), 'token', 'verify', 'carol', code)).code).toBe(0);
  });

  it('--generate takes --algorithm/--digits/--period/--t0 and reports bad ones as the other secret sources do', async () => {
    const store = tempStorePath();
    const r = await cli(
      store,
      'token',
      'add',
      'gen',
      '--generate',
      '--algorithm',
      'SHA-256',
      '--digits',
      '8',
      '--period',
      '60',
      '--t0',
      '-30',
      '--json',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      type: 'totp',
      algorithm: 'sha256',
      digits: 8,
      periodSec: 60,
      t0Sec: -30,
    });
    for (const [option, value, message] of [
      ['--digits', '5', /^tokenkit: digits is '5': it must be a whole number from 6 to 10$/],
      ['--period', '0', /^tokenkit: period is '0': it must be a whole number of seconds from 1 to 3600$/],
      ['--t0', '1.5', /^tokenkit: T0 is '1.5'/],
    ] as const) {
      for (const source of [['--generate'], ['--secret', B32]]) {
        const bad = await cli(store, 'token', 'add', 'x', ...source, option, value);
        expect(bad.code, `${source[0]} ${option}`).toBe(2);
        expect(bad.stderr.trim(), `${source[0]} ${option}`).toMatch(message);
      }
    }
    // A counter past 2^53-1 is shown as typed, not as the float it rounds to.
    const big = await cli(store, 'token', 'add', 'h', '--generate', '--hotp', '--counter', '9007199254740993');
    expect(big.stderr).toBe(
      "tokenkit: counter is '9007199254740993': it must be a whole number from 0 to 9007199254740991\n",
    );
    expect(
      JSON.parse((await cli(store, 'token', 'list', '--json')).stdout).tokens.map((t: { user: string }) => t.user),
    ).toEqual(['gen']);
  });

  it('refuses a duplicate user with one line and keeps the first token', async () => {
    const store = storeWithUsers('dave');
    const r = await cli(store, 'token', 'add', 'dave', '--generate');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "tokenkit: a token for user 'dave' already exists: remove it first with 'tokenkit token remove dave', or choose another user name\n",
    );
    expect(r.stdout).toBe('');
  });
});

describe('tokenkit token list and remove', () => {
  it('lists users in order with their state, and removes', async () => {
    const store = storeWithUsers('zed', 'amy');
    const list = await cli(store, 'token', 'list');
    expect(list.stdout.split('\n')[0]).toMatch(/^user +type +algorithm/);
    expect(
      list.stdout
        .split('\n')
        .slice(1, 3)
        .map((l) => l.split(' ')[0]),
    ).toEqual(['amy', 'zed']);
    const removed = await cli(store, 'token', 'remove', 'zed');
    expect(removed).toMatchObject({ code: 0, stdout: 'removed the token for zed\n' });
    const again = await cli(store, 'token', 'remove', 'zed');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/no token for user 'zed'/);
    expect(
      JSON.parse((await cli(store, 'token', 'list', '--json')).stdout).tokens.map((t: { user: string }) => t.user),
    ).toEqual(['amy']);
  });

  it('says so when the store is empty', async () => {
    const store = tempStorePath();
    expect((await cli(store, 'token', 'list')).stdout).toBe(`no tokens in ${store}\n`);
  });
});

describe('tokenkit token verify, resync, unlock', () => {
  it('accepts (0), refuses a replay (1), locks after 3 wrong codes (1, then 3), unlocks', async () => {
    const store = tempStorePath();
    await cli(store, 'token', 'add', 'erin', '--secret', B32);
    const ok = await cliAt(store, at(STEP), 'token', 'verify', 'erin', codeAt(STEP));
    expect(ok).toMatchObject({ code: 0, stdout: `accepted: delta 0 (step ${STEP})\n` });
    const replay = await cliAt(store, at(STEP), 'token', 'verify', 'erin', codeAt(STEP));
    expect(replay.code).toBe(1);
    expect(replay.stdout).toMatch(/^replayed: the code of step \d+ was already used/);
    const wrong = ['000000', '111111', '222222'].find((c) => ![STEP - 1, STEP, STEP + 1].some((s) => codeAt(s) === c))!;
    for (const n of [1, 2]) {
      const w = await cliAt(store, at(STEP), 'token', 'verify', 'erin', wrong);
      expect(w).toMatchObject({ code: 1, stdout: `wrong code: ${n} of 3 wrong in a row\n` });
    }
    const third = await cliAt(store, at(STEP), 'token', 'verify', 'erin', wrong, '--json');
    const untilMs = (STEP * 30 + 5) * 1000 + 5 * 60_000;
    expect(third.code).toBe(1);
    expect(JSON.parse(third.stdout)).toEqual({
      user: 'erin',
      reason: 'wrong',
      ok: false,
      failures: 3,
      lockedUntilMs: untilMs,
    });
    const locked = await cliAt(store, at(STEP + 1), 'token', 'verify', 'erin', codeAt(STEP + 1));
    expect(locked.code).toBe(3);
    expect(locked.stdout).toBe(
      `locked out until ${new Date(untilMs).toISOString()} after too many wrong codes: wait, or run 'tokenkit token unlock erin'\n`,
    );
    // A lock is for real time too: --time after the lock's end lets the next code through.
    const later = STEP + 11;
    expect((await cliAt(store, at(later), 'token', 'verify', 'erin', codeAt(later))).code).toBe(0);
    for (let i = 0; i < 3; i++) await cliAt(store, at(later), 'token', 'verify', 'erin', wrong);
    const unlock = await cliAt(store, at(later), 'token', 'unlock', 'erin', '--json');
    expect(JSON.parse(unlock.stdout)).toEqual({ user: 'erin', unlocked: true, wasLocked: expect.any(Boolean) });
    expect((await cliAt(store, at(later + 1), 'token', 'verify', 'erin', codeAt(later + 1))).code).toBe(0);
  });

  it('a malformed code is bad input (exit 2), not a guess: it never counts towards the lock', async () => {
    const store = tempStorePath();
    await cli(store, 'token', 'add', 'lee', '--secret', B32);
    for (const bad of ['12345', '1234567', 'abcdef', '12 34 5x']) {
      expect((await cliAt(store, at(STEP), 'token', 'verify', 'lee', bad)).code).toBe(2);
    }
    expect(JSON.parse((await cli(store, 'token', 'list', '--json')).stdout).tokens[0]).toMatchObject({
      failureCount: 0,
      lockedUntilMs: null,
    });
    // Spaces as the display groups them are fine.
    const grouped = `${codeAt(STEP).slice(0, 3)} ${codeAt(STEP).slice(3)}`;
    expect((await cliAt(store, at(STEP), 'token', 'verify', 'lee', grouped)).code).toBe(0);
  });

  it('--lockout sets the length of a lock', async () => {
    const store = tempStorePath();
    await cli(store, 'token', 'add', 'fay', '--secret', B32);
    const wrong = ['000000', '111111', '222222'].find((c) => ![STEP - 1, STEP, STEP + 1].some((s) => codeAt(s) === c))!;
    let last;
    for (let i = 0; i < 3; i++)
      last = await cliAt(store, at(STEP), 'token', 'verify', 'fay', wrong, '--lockout', '30s', '--json');
    expect(JSON.parse(last!.stdout).lockedUntilMs).toBe((STEP * 30 + 5) * 1000 + 30_000);
  });

  it('resyncs a token 10 hours ahead, then follows its drift', async () => {
    const store = tempStorePath();
    await cli(store, 'token', 'add', 'gus', '--secret', B32);
    const off = 1200;
    expect((await cliAt(store, at(STEP), 'token', 'verify', 'gus', codeAt(STEP + off))).code).toBe(1);
    const r = await cliAt(
      store,
      at(STEP),
      'token',
      'resync',
      'gus',
      codeAt(STEP + off),
      codeAt(STEP + off + 1),
      '--json',
    );
    expect(r.code).toBe(0);
    // A resync is not a login (issue 10 item 4): 'resynced', not 'accepted'.
    expect(JSON.parse(r.stdout)).toEqual({
      user: 'gus',
      reason: 'resynced',
      ok: true,
      step: STEP + off + 1,
      delta: off + 1,
    });
    const next = await cliAt(store, at(STEP + 1), 'token', 'verify', 'gus', codeAt(STEP + 1 + off + 1));
    expect(next).toMatchObject({ code: 0, stdout: `accepted: delta +${off + 1} (step ${STEP + 1 + off + 1})\n` });
  });

  it('verifies HOTP tokens against the RFC 4226 table, with look-ahead and replay', async () => {
    const store = tempStorePath();
    const rfcSecretHex = Buffer.from('12345678901234567890').toString('hex');
    expect((await cli(store, 'token', 'add', 'hal', '--hotp', '--secret-hex', rfcSecretHex)).stdout).toBe(
      'added HOTP token for hal (sha1, 6 digits)\n',
    );
    // RFC 4226 Appendix D: counters 0..4 give 755224, 287082, 359152, 969429, 338314.
    expect((await cli(store, 'token', 'verify', 'hal', '755224')).code).toBe(0);
    expect((await cli(store, 'token', 'verify', 'hal', '755224')).stdout).toMatch(/^replayed: the code of counter 0/);
    const ahead = await cli(store, 'token', 'verify', 'hal', '969429');
    expect(ahead).toMatchObject({ code: 0, stdout: 'accepted: counter 3 (2 ahead of the expected one)\n' });
    expect((await cli(store, 'token', 'verify', 'hal', '359152')).code).toBe(1);
    expect((await cli(store, 'token', 'verify', 'hal', '338314')).code).toBe(0);
  });

  it('prints outcomes in Danish', async () => {
    const store = tempStorePath();
    await cli(store, 'token', 'add', 'ida', '--secret', B32);
    const r = await cliAt(store, at(STEP), '--lang', 'da', 'token', 'verify', 'ida', codeAt(STEP));
    expect(r.stdout).toBe(`godkendt: delta 0 (trin ${STEP})\n`);
  });
});

describe('where the store lives', () => {
  it('TOKENKIT_STORE names the file when --store is absent', async () => {
    const store = tempStorePath();
    expect((await runCli(['token', 'add', 'jo', '--secret', B32], { TOKENKIT_STORE: store })).code).toBe(0);
    expect(existsSync(store)).toBe(true);
    expect((await cli(store, 'token', 'list', '--json')).stdout).toContain('"user": "jo"');
  });

  it('an empty --store (e.g. --store "$UNSET") is bad input, not a silent switch to the default store', async () => {
    const xdg = mkdtempSync(join(tmpdir(), 'tokenkit-xdg-'));
    for (const lang of ['en', 'da']) {
      const r = await runCli(['--lang', lang, '--store', '', 'token', 'add', 'kim', '--secret', B32], {
        XDG_STATE_HOME: xdg,
      });
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(r.stderr).toMatch(
        lang === 'en' ? /--store is empty: give a file path/ : /--store er tom: angiv en filsti/,
      );
    }
    expect(existsSync(join(xdg, 'tokenkit'))).toBe(false);
  });

  it('defaults to $XDG_STATE_HOME/tokenkit/tokenkit.db with the directory 0700', async () => {
    const xdg = mkdtempSync(join(tmpdir(), 'tokenkit-xdg-'));
    expect((await runCli(['token', 'add', 'kim', '--secret', B32], { XDG_STATE_HOME: xdg })).code).toBe(0);
    const file = join(xdg, 'tokenkit', 'tokenkit.db');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(xdg, 'tokenkit')).mode & 0o777).toBe(0o700);
  });
});

describe('the built bin (its own process, exit codes through process.exitCode)', () => {
  it('exits 0 accepted, 1 wrong, 3 locked', async () => {
    const store = tempStorePath();
    expect((await runBin(['--store', store, 'token', 'add', 'mo', '--secret', B32])).code).toBe(0);
    // The bin runs on the real clock (stateful commands take no --time): codes of the current step, which
    // the ±1 step window accepts even if the step ends before the process reads its clock.
    const now = Math.floor(Date.now() / 30_000);
    expect((await runBin(['--store', store, 'token', 'verify', 'mo', codeAt(now)])).code).toBe(0);
    const wrong = ['000000', '111111', '222222'].find(
      (c) => ![now - 1, now, now + 1, now + 2].some((s) => codeAt(s) === c),
    )!;
    for (let i = 0; i < 3; i++) expect((await runBin(['--store', store, 'token', 'verify', 'mo', wrong])).code).toBe(1);
    const locked = await runBin(['--store', store, 'token', 'verify', 'mo', codeAt(now + 1)]);
    expect(locked.code).toBe(3);
    expect(locked.stdout).toMatch(/^locked out until /);
  });
});

describe('tokenkit token --help', () => {
  it('says practice tokens only, in both languages', async () => {
    expect((await runCli(['token', '--help'])).stdout).toContain('Practice tokens only: never enter a real MitID');
    expect((await runCli(['token', 'add', '--help', '--lang', 'da'])).stdout).toContain('Kun øvelsestokens');
  });
});

describe('tokenkit token unlock repairs state from a made-up future time (issue 10 item 3)', () => {
  it('a last step a year ahead (what verify --time used to store) is pulled back; the next real code works', async () => {
    const store = tempStorePath();
    await cliAt(store, at(STEP), 'token', 'add', 'uma', '--secret', B32);
    const nextYear = STEP + 365 * 2880;
    expect((await cliAt(store, at(nextYear), 'token', 'verify', 'uma', codeAt(nextYear))).code).toBe(0);
    const blocked = await cliAt(store, at(STEP), 'token', 'verify', 'uma', codeAt(STEP));
    expect(blocked.stdout).toMatch(/^replayed/);
    const unlock = await cliAt(store, at(STEP), 'token', 'unlock', 'uma');
    expect(unlock.stdout).toMatch(/repaired state written from a future time \(lastStep, lastUsedAtMs\)/);
    expect((await cliAt(store, at(STEP), 'token', 'verify', 'uma', codeAt(STEP + 1))).code).toBe(0);
    const da = await cliAt(store, at(STEP), '--lang', 'da', 'token', 'unlock', 'uma');
    expect(da.stdout).not.toMatch(/rettede/); // nothing left to repair
  });
});
