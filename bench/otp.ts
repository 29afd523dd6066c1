/**
 * OTP engine speed, side by side in one run: TOTP codes per second and +/-10-step verifications per
 * second for tokenkit, otplib 13, otpauth 9 and a plain node:crypto createHmac implementation, for
 * HMAC-SHA1, SHA-256 and SHA-512.
 *
 *   node --import tsx bench/otp.ts [--json] [--quick]
 *
 * Method: implementations are measured in interleaved rounds (A B C D, A B C D, ...) of a fixed slice of
 * process CPU time each and the median round is reported (ops per CPU second), so load from other
 * processes on a shared machine neither shortens nor favours any implementation. Verification uses a code that is in no step of the window, so every
 * implementation computes all 21 steps (its worst case; otplib stops early on a match).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createCryptoPlugin } from '@otplib/core';
import * as OTPAuth from 'otpauth';
import { createGuardrails, generateSync, verifySync } from 'otplib';
import { encodeBase32, generateTotp, type OtpAlgorithm, OtpKey, verifyTotp } from '../src/otp/index';
import { type BenchOptions, formatTable, machineLine, runIfMain } from './lib';

export interface OtpBenchRow {
  algorithm: OtpAlgorithm;
  operation: 'generate' | 'verify+-10';
  implementation: string;
  opsPerSec: number;
  /** opsPerSec divided by the plain createHmac implementation's, same algorithm and operation. */
  vsCreateHmac: number;
}

const PERIOD_SEC = 30;
const WINDOW = 10;
const START_MS = 1_700_000_000_000;
// RFC 6238's seed sizes: the hash output length per algorithm.
const SECRETS: Record<OtpAlgorithm, Uint8Array> = {
  sha1: Uint8Array.from({ length: 20 }, (_, i) => 0x31 + (i % 10)),
  sha256: Uint8Array.from({ length: 32 }, (_, i) => 0x31 + (i % 10)),
  sha512: Uint8Array.from({ length: 64 }, (_, i) => 0x31 + (i % 10)),
};

/** The baseline: what a straightforward implementation on node:crypto does per code. */
function plainHotp(algorithm: OtpAlgorithm, key: Uint8Array, counter: number): string {
  const msg = Buffer.alloc(8);
  msg.writeUInt32BE(Math.floor(counter / 2 ** 32), 0);
  msg.writeUInt32BE(counter >>> 0, 4);
  const d = createHmac(algorithm, key).update(msg).digest();
  const o = d[d.length - 1]! & 0xf;
  return String((d.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
function plainVerify(algorithm: OtpAlgorithm, key: Uint8Array, code: string, atMs: number): boolean {
  const step = Math.floor(atMs / 1000 / PERIOD_SEC);
  const given = Buffer.from(code.padEnd(6, ' ').slice(0, 6));
  let ok = false;
  for (let c = step - WINDOW; c <= step + WINDOW; c++)
    ok = timingSafeEqual(Buffer.from(plainHotp(algorithm, key, c)), given) || ok;
  return ok;
}

type Impl = { name: string; generate: (atMs: number) => unknown; verify: (code: string, atMs: number) => unknown };

function implementations(algorithm: OtpAlgorithm): Impl[] {
  const secret = SECRETS[algorithm];
  const key = OtpKey.from(secret, algorithm);
  // The two HMACs behind OtpKey, side by side: the default is whichever is faster here.
  const jsKey = OtpKey.from(secret, algorithm, 'js');
  const nodeKey = OtpKey.from(secret, algorithm, 'node');
  const b32 = encodeBase32(secret);
  const window = { past: WINDOW, future: WINDOW };
  const guardrails = createGuardrails({ MAX_WINDOW: 100 });
  const otplibNode = createCryptoPlugin({
    name: 'node-createHmac',
    hmac: (alg, k, data) => new Uint8Array(createHmac(alg, k).update(data).digest()),
    randomBytes: (n) => new Uint8Array(n),
  });
  const otpauth = new OTPAuth.TOTP({
    secret: new OTPAuth.Secret({ buffer: Uint8Array.from(secret).buffer }),
    algorithm: algorithm.toUpperCase(),
    digits: 6,
    period: PERIOD_SEC,
  });
  const tolerance: [number, number] = [WINDOW * PERIOD_SEC, WINDOW * PERIOD_SEC];
  // A code that can't match (otplib/otpauth reject malformed codes early, so use six digits that are in
  // no step of the window: computed once per run, outside the timed loops).
  return [
    {
      name: 'createHmac (plain)',
      generate: (at) => plainHotp(algorithm, secret, Math.floor(at / 1000 / PERIOD_SEC)),
      verify: (c, at) => plainVerify(algorithm, secret, c, at),
    },
    { name: 'tokenkit OtpKey', generate: (at) => key.totp(at), verify: (c, at) => key.verifyTotp(c, at, { window }) },
    {
      name: 'tokenkit OtpKey, JS core',
      generate: (at) => jsKey.totp(at),
      verify: (c, at) => jsKey.verifyTotp(c, at, { window }),
    },
    {
      name: 'tokenkit OtpKey, createHmac core',
      generate: (at) => nodeKey.totp(at),
      verify: (c, at) => nodeKey.verifyTotp(c, at, { window }),
    },
    {
      name: 'tokenkit generateTotp/verifyTotp',
      generate: (at) => generateTotp({ secret, atMs: at, algorithm }),
      verify: (c, at) => verifyTotp(c, { secret, atMs: at, algorithm, window }),
    },
    {
      name: 'tokenkit same, Base32 string secret',
      generate: (at) => generateTotp({ secret: b32, atMs: at, algorithm }),
      verify: (c, at) => verifyTotp(c, { secret: b32, atMs: at, algorithm, window }),
    },
    {
      name: 'otplib 13 (default noble)',
      generate: (at) => generateSync({ secret, epoch: at / 1000, algorithm }),
      verify: (c, at) =>
        verifySync({ secret, token: c, epoch: at / 1000, algorithm, epochTolerance: tolerance, guardrails }),
    },
    {
      name: 'otplib 13 + createHmac plugin',
      generate: (at) => generateSync({ secret, epoch: at / 1000, algorithm, crypto: otplibNode }),
      verify: (c, at) =>
        verifySync({
          secret,
          token: c,
          epoch: at / 1000,
          algorithm,
          epochTolerance: tolerance,
          guardrails,
          crypto: otplibNode,
        }),
    },
    {
      name: 'otpauth 9',
      generate: (at) => otpauth.generate({ timestamp: at }),
      verify: (c, at) => otpauth.validate({ token: c, timestamp: at, window: WINDOW }),
    },
  ];
}

/** Six digits that no step in [step-WINDOW-1, step+WINDOW+1] produces, for every time the loop visits. */
function missingCode(algorithm: OtpAlgorithm, fromMs: number, toMs: number): string {
  const key = OtpKey.from(SECRETS[algorithm], algorithm);
  const used = new Set<string>();
  for (let s = Math.floor(fromMs / 30_000) - WINDOW - 1; s <= Math.floor(toMs / 30_000) + WINDOW + 1; s++)
    used.add(key.hotp(s));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!used.has(code)) return code;
  }
}

/** CPU time of this process (all its threads, so GC work counts against the implementation that causes it), in ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Runs `fn` for about `sliceMs` of CPU time, in batches, and returns calls per CPU second. CPU time
 * rather than wall time, because on a shared machine wall time mostly measures the other processes.
 */
function measure(fn: (i: number) => unknown, sliceMs: number): number {
  let calls = 0;
  let batch = 16;
  const t0 = cpuMs();
  let elapsed = 0;
  let sink = 0;
  while (elapsed < sliceMs) {
    for (let i = 0; i < batch; i++) if (fn(calls + i)) sink++;
    calls += batch;
    elapsed = cpuMs() - t0;
    if (elapsed < sliceMs / 10) batch *= 2;
  }
  if (sink < 0) console.log(sink);
  return (calls / elapsed) * 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(opts: BenchOptions): Promise<OtpBenchRow[]> {
  const rounds = opts.quick ? 3 : 7;
  const sliceMs = opts.quick ? 60 : 250;
  const rows: OtpBenchRow[] = [];
  for (const algorithm of ['sha1', 'sha256', 'sha512'] as const) {
    const impls = implementations(algorithm);
    // Each call moves on by one second so the codes differ (no memoisation effects), within ~100 days.
    const at = (i: number) => START_MS + (i % 8_640_000) * 1000;
    const code = missingCode(algorithm, START_MS, START_MS + 8_640_000_000);
    for (const operation of ['generate', 'verify+-10'] as const) {
      const samples = impls.map(() => [] as number[]);
      const fns = impls.map((impl) =>
        operation === 'generate' ? (i: number) => impl.generate(at(i)) : (i: number) => impl.verify(code, at(i)),
      );
      // Sanity: every implementation agrees before it is timed.
      if (operation === 'generate') {
        const first = impls.map((impl) => impl.generate(START_MS));
        if (new Set(first).size !== 1) throw new Error(`implementations disagree on ${algorithm}: ${first.join(' ')}`);
      } else {
        for (const impl of impls) {
          const r = impl.verify(code, START_MS) as unknown;
          const valid = typeof r === 'boolean' ? r : r === null ? false : (r as { valid: boolean }).valid;
          if (valid) throw new Error(`${impl.name} accepted a code outside the window`);
        }
      }
      for (const fn of fns) measure(fn, sliceMs / 2); // warm-up (JIT)
      for (let r = 0; r < rounds; r++) fns.forEach((fn, k) => samples[k]!.push(measure(fn, sliceMs)));
      const base = median(samples[0]!);
      impls.forEach((impl, k) => {
        const opsPerSec = median(samples[k]!);
        rows.push({
          algorithm,
          operation,
          implementation: impl.name,
          opsPerSec: Math.round(opsPerSec),
          vsCreateHmac: Math.round((opsPerSec / base) * 100) / 100,
        });
      });
    }
  }
  if (!opts.json) process.stdout.write(otpTable(rows));
  return rows;
}

function otpTable(rows: OtpBenchRow[]): string {
  const body = rows.map((r) => [
    r.algorithm,
    r.operation,
    r.implementation,
    r.opsPerSec.toLocaleString('en-US'),
    `${r.vsCreateHmac.toFixed(2)}x`,
  ]);
  return `${machineLine()}, window +/-${WINDOW} steps\n${formatTable(['algorithm', 'operation', 'implementation', 'ops/CPU-s', 'x createHmac'], body, 3)}`;
}

runIfMain(import.meta.url, 'otp', run);
