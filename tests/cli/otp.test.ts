import fc from 'fast-check';
import { createGuardrails, generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import {
  encodeBase32,
  encodeHex,
  RFC4226_SECRET,
  RFC4226_VECTORS,
  RFC6238_SECRETS,
  RFC6238_VECTORS,
} from '../../src/otp/index';
import { runBin, runCli } from '../helpers/cli';

// Expected codes come from the RFC tables or from otplib 13 (the reference), never from tokenkit itself.
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });
const SECRET = Uint8Array.from({ length: 20 }, (_, i) => (i * 37 + 11) & 0xff);
const B32 = encodeBase32(SECRET);
const otplibAt = (epochSec: number, extra: Record<string, unknown> = {}) =>
  generateSync({ secret: SECRET, epoch: epochSec, guardrails, ...extra });

describe('tokenkit code', () => {
  it.each(RFC6238_VECTORS)(
    'RFC 6238 T=$timeSec $algorithm through --secret-hex',
    async ({ timeSec, algorithm, totp }) => {
      const r = await runCli([
        'code',
        '--secret-hex',
        encodeHex(RFC6238_SECRETS[algorithm]),
        '--algorithm',
        algorithm,
        '--digits',
        '8',
        '--time',
        String(timeSec),
      ]);
      expect(r).toEqual({ code: 0, stdout: `${totp}\n`, stderr: '' });
    },
  );

  it('HOTP with --hotp --counter gives the RFC 4226 values', async () => {
    for (const v of RFC4226_VECTORS) {
      const r = await runCli([
        'code',
        '--secret',
        encodeBase32(RFC4226_SECRET),
        '--hotp',
        '--counter',
        String(v.counter),
      ]);
      expect(r.stdout).toBe(`${v.hotp}\n`);
    }
  });

  it('times: unix seconds, fractional seconds, ISO 8601 with and without offset', async () => {
    const cases: [string, number][] = [
      ['1700000000', 1_700_000_000],
      ['1700000009.999', 1_700_000_009.999],
      ['2026-11-23T08:00:00Z', Date.UTC(2026, 10, 23, 8) / 1000],
      ['2026-11-23T08:00:29', Date.UTC(2026, 10, 23, 8, 0, 29) / 1000],
      ['2026-11-23T09:00:00+01:00', Date.UTC(2026, 10, 23, 8) / 1000],
      ['2026-11-23', Date.UTC(2026, 10, 23) / 1000],
    ];
    for (const [text, epoch] of cases) {
      const r = await runCli(['code', '--secret', B32, '--time', text]);
      expect(r.code, text).toBe(0);
      expect(r.stdout, text).toBe(`${otplibAt(epoch)}\n`);
    }
  });

  it('a time just before a step boundary stays in its step, however many decimals it has', async () => {
    // 1700000010 and 60 are step boundaries (multiples of 30): each time below is still in the step before.
    const cases: [string, number][] = [
      ['59.9995', 59],
      ['59.999999999', 59],
      ['1700000009.9996', 1_700_000_009],
      ['1700000009.9999999', 1_700_000_009],
      ['2026-11-23T08:00:29.9996Z', Date.UTC(2026, 10, 23, 8, 0, 29) / 1000],
    ];
    for (const [text, epoch] of cases) {
      const r = await runCli(['code', '--secret', B32, '--time', text]);
      expect(r.stdout, text).toBe(`${otplibAt(epoch)}\n`);
    }
    const json = await runCli(['code', '--secret', B32, '--time', '1700000009.9999999', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      step: Math.floor(1_700_000_009 / 30),
      endMs: 1_700_000_010_000,
    });
    // Half a millisecond before T0 is before T0, not T0 itself.
    const early = await runCli(['code', '--secret', B32, '--time', '-0.0005']);
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(/lies before T0/);
  });

  it('takes algorithm, digits, period and t0, and a URI whose parameters explicit options override', async () => {
    const r = await runCli([
      'code',
      '--secret',
      B32.toLowerCase(),
      '--algorithm',
      'SHA256',
      '--digits',
      '10',
      '--period',
      '60',
      '--t0',
      '100',
      '--time',
      '1800000000',
    ]);
    expect(r.stdout).toBe(`${otplibAt(1_800_000_000, { algorithm: 'sha256', digits: 10, period: 60, t0: 100 })}\n`);
    const uri = `otpauth://totp/ACME:alice?secret=${B32}&algorithm=SHA512&digits=8&period=45`;
    const fromUri = await runCli(['code', '--uri', uri, '--time', '1800000000']);
    expect(fromUri.stdout).toBe(`${otplibAt(1_800_000_000, { algorithm: 'sha512', digits: 8, period: 45 })}\n`);
    const overridden = await runCli(['code', '--uri', uri, '--digits', '6', '--time', '1800000000']);
    expect(overridden.stdout).toBe(`${otplibAt(1_800_000_000, { algorithm: 'sha512', digits: 6, period: 45 })}\n`);
    const hotpUri = await runCli(['code', '--uri', `otpauth://hotp/x?secret=${B32}&counter=42`]);
    expect(hotpUri.stdout).toBe(`${generateSync({ strategy: 'hotp', secret: SECRET, counter: 42, guardrails })}\n`);
  });

  it('reads TOKENKIT_SECRET when no secret option is given', async () => {
    const r = await runCli(['code', '--time', '1700000000'], { TOKENKIT_SECRET: B32 });
    expect(r.stdout).toBe(`${otplibAt(1_700_000_000)}\n`);
  });

  it('--json gives the step and its validity interval; the secret only with --show-secret', async () => {
    const r = await runCli(['code', '--secret', B32, '--time', '1700000000.25', '--json']);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      code: otplibAt(1_700_000_000),
      type: 'totp',
      atMs: 1_700_000_000_250,
      step: Math.floor(1_700_000_000 / 30),
      remainingMs: 9750,
      digits: 6,
      periodSec: 30,
    });
    expect(doc.endMs - doc.startMs).toBe(30_000);
    expect(r.stdout).not.toContain(B32);
    const shown = await runCli([
      'code',
      '--secret',
      B32.toLowerCase(),
      '--time',
      '1700000000',
      '--json',
      '--show-secret',
    ]);
    expect(JSON.parse(shown.stdout).secret).toBe(B32);
    const plain = await runCli(['code', '--secret', B32, '--time', '1700000000', '--show-secret']);
    expect(plain.stdout.split('\n')[0]).toBe(otplibAt(1_700_000_000));
    expect(plain.stdout).toContain(B32);
  });

  it('the built bin prints the code alone on its line', async () => {
    const r = await runBin(['code', '--secret', B32, '--time', '1700000000']);
    expect(r).toMatchObject({ code: 0, stdout: `${otplibAt(1_700_000_000)}\n`, stderr: '' });
  });
});

describe('tokenkit verify', () => {
  const at = 1_700_000_000;
  it('exit 0 with the delta for a code from a neighbouring step, 1 outside the window', async () => {
    const previous = otplibAt(at - 30);
    const ok = await runCli(['verify', previous, '--secret', B32, '--time', String(at)]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^valid: delta -1 \(step \d+\)\n$/);
    const old = otplibAt(at - 90);
    const no = await runCli(['verify', old, '--secret', B32, '--time', String(at)]);
    expect(no.code).toBe(1);
    expect(no.stdout).toMatch(/not valid within steps -1\.\.\+1/);
    const wide = await runCli(['verify', old, '--secret', B32, '--time', String(at), '--window', '3', '--json']);
    expect(wide.code).toBe(0);
    expect(JSON.parse(wide.stdout)).toMatchObject({ valid: true, delta: -3, window: { past: 3, future: 3 } });
  });

  it('--past/--future make the window asymmetric; spaces in the code are ignored', async () => {
    const ahead = otplibAt(at + 60);
    expect(
      (await runCli(['verify', ahead, '--secret', B32, '--time', String(at), '--past', '5', '--future', '0'])).code,
    ).toBe(1);
    const r = await runCli([
      'verify',
      `${ahead.slice(0, 3)} ${ahead.slice(3)}`,
      '--secret',
      B32,
      '--time',
      String(at),
      '--past',
      '0',
      '--future',
      '2',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/delta \+2/);
  });

  it('HOTP verify searches around --counter', async () => {
    const code = generateSync({ strategy: 'hotp', secret: SECRET, counter: 12, guardrails });
    const r = await runCli([
      'verify',
      code,
      '--secret',
      B32,
      '--hotp',
      '--counter',
      '10',
      '--future',
      '5',
      '--past',
      '0',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      valid: true,
      delta: 2,
      type: 'hotp',
      counter: 12,
      currentCounter: 10,
    });
  });

  it('speaks Danish', async () => {
    const r = await runCli(['verify', otplibAt(at), '--secret', B32, '--time', String(at), '--lang', 'da']);
    expect(r.stdout).toMatch(/^gyldig: delta 0/);
  });
});

describe('tokenkit timeline', () => {
  it('lists neighbouring codes with intervals and marks now with the time left', async () => {
    const r = await runCli(['timeline', '--secret', B32, '--time', '1700000022', '--before', '3', '--after', '1']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/step 56666667 .*18 s left/);
    const rows = lines.slice(2);
    expect(rows).toHaveLength(5);
    rows.forEach((row, i) => {
      const step = 56666667 - 3 + i;
      expect(row).toContain(otplibAt(step * 30));
      expect(row).toContain(new Date(step * 30_000).toISOString());
      expect(row.includes('<- now')).toBe(i === 3);
    });
    // Columns line up under their headings (the step column is wider than its heading).
    for (const word of ['step', 'code', 'valid from']) {
      const col = lines[1]!.indexOf(word);
      expect(
        rows.map((row) => row.slice(col, col + 1)),
        word,
      ).toEqual(rows.map(() => expect.stringMatching(/\S/)));
      expect(
        rows.map((row) => row[col - 1]),
        word,
      ).toEqual(rows.map(() => ' '));
    }
    const json = JSON.parse((await runCli(['timeline', '--secret', B32, '--time', '1700000022', '--json'])).stdout);
    expect(json.entries.map((e: { code: string }) => e.code)).toEqual(
      [-2, -1, 0, 1, 2].map((d) => otplibAt((56666667 + d) * 30)),
    );
    expect(json.remainingMs).toBe(18_000);
    expect(json.secret).toBeUndefined();
  });
});

describe('tokenkit find', () => {
  it('finds the step of a token whose clock is 100 steps behind and reports the clock offset', async () => {
    const at = 1_700_000_000;
    const code = otplibAt(at - 3000);
    const r = await runCli(['find', code, '--secret', B32, '--time', String(at), '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const hit = doc.matches.find((m: { delta: number }) => m.delta === -100);
    expect(hit).toBeDefined();
    expect(hit.clockOffsetMinMs).toBeLessThanOrEqual(-3_000_000);
    expect(hit.clockOffsetMaxMs).toBeGreaterThan(-3_000_000);
    expect(doc.window).toEqual({ past: 2880, future: 2880 });
    const text = await runCli(['find', code, '--secret', B32, '--time', String(at)]);
    expect(text.stdout).toMatch(/delta -100 /);
  });

  it('exit 1 when no step in the range gives the code', async () => {
    const at = 1_700_000_000;
    const code = otplibAt(at - 7200);
    const r = await runCli(['find', code, '--secret', B32, '--time', String(at), '--range', '1h']);
    // A 6-digit code recurs about once per million steps; 241 steps almost surely hold no other copy.
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/no step within ±1h \(steps -120\.\.\+120\)/);
  });
});

describe('tokenkit vectors', () => {
  it('prints every RFC vector and exits 0', async () => {
    const r = await runCli(['vectors']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('ok '))).toHaveLength(28);
    expect(lines.at(-1)).toBe('28 of 28 vectors pass');
    for (const v of RFC6238_VECTORS) expect(r.stdout).toContain(v.totp);
    const json = JSON.parse((await runCli(['vectors', '--json'])).stdout);
    expect(json).toMatchObject({ passed: 28, failed: 0 });
  });
});

describe('random option values', () => {
  it('end in a code (exit 0) or one bad-input line (exit 2), never an internal error', async () => {
    const value = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.integer({ min: -5, max: 5000 }).map(String),
      fc.double().map(String),
    );
    const option = fc.constantFrom(
      '--digits',
      '--period',
      '--t0',
      '--time',
      '--algorithm',
      '--counter',
      '--window',
      '--before',
      '--range',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('code', 'timeline', 'verify', 'find'),
        fc.array(fc.tuple(option, value), { maxLength: 3 }),
        async (command, pairs) => {
          const argv = [
            command,
            ...(command === 'verify' || command === 'find' ? ['123456'] : []),
            '--secret',
            B32,
            '--time',
            '1700000000',
          ];
          for (const [o, v] of pairs) argv.push(`${o}=${v}`);
          const r = await runCli(argv);
          expect([0, 1, 2]).toContain(r.code);
          if (r.code === 2) {
            expect(r.stderr.trim().split('\n')).toHaveLength(1);
            expect(r.stderr).not.toContain('    at ');
            expect(r.stderr).not.toContain(B32);
          } else expect(r.stderr).toBe('');
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('tokenkit verify --hotp --counter N looks ahead only (RFC 4226; issue 10 item 14)', () => {
  const hotp = (counter: number) => generateSync({ strategy: 'hotp', secret: SECRET, counter, guardrails });
  const verify = (code: string, ...extra: string[]) =>
    runCli(['verify', code, '--secret', B32, '--hotp', '--counter', '10', ...extra]);

  it('refuses the code of counter N-1 (used up), accepts N..N+10 by default, not N+11', async () => {
    expect((await verify(hotp(9))).code).toBe(1);
    expect((await verify(hotp(9), '--window', '5')).code).toBe(1);
    expect(JSON.parse((await verify(hotp(10), '--json')).stdout)).toMatchObject({ valid: true, delta: 0 });
    expect(JSON.parse((await verify(hotp(20), '--json')).stdout)).toMatchObject({
      valid: true,
      delta: 10,
      window: { past: 0, future: 10 },
    });
    expect((await verify(hotp(21))).code).toBe(1);
    expect((await verify(hotp(12), '--future', '1')).code).toBe(1);
  });

  it('--past N on HOTP is bad input (exit 2, one line)', async () => {
    const r = await verify(hotp(9), '--past', '1');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/HOTP only looks ahead/);
  });
});
