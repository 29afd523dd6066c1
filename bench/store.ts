/**
 * Token store and verifier speed, side by side in one run: accepted verifications per second (each one a
 * committed state change) for the in-memory store, SQLite WAL with synchronous=FULL (the default: every
 * commit fsyncs the WAL, so an accepted step survives power loss) and WAL with synchronous=NORMAL
 * (survives a process crash only); the CLI's shape (open, verify, close per call); and a ±24 h resync.
 *
 *   node --import tsx bench/store.ts [--json] [--quick]
 *
 * Method: wall-clock time per operation (fsync is I/O, not CPU), alternatives interleaved in rounds
 * (A B C D E, A B C D E, ...) so load from other processes spreads over all of them; the median round's
 * throughput and the latency percentiles over all operations are reported. Files live in os.tmpdir().
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ManualClock } from '../src/clock';
import { OtpKey } from '../src/otp/index';
import { MemoryTokenStore, SqliteTokenStore, type TokenStore } from '../src/store/index';
import { TokenVerifier } from '../src/verify/index';
import { type BenchOptions, formatTable, machineLine, percentile, runIfMain } from './lib';

export interface StoreBenchRow {
  scenario: string;
  opsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  ops: number;
}

const SECRET = Uint8Array.from({ length: 20 }, (_, i) => i * 7 + 1);
const KEY = OtpKey.from(SECRET, 'sha1');
const PERIOD_MS = 30_000;
const START_STEP = 56_666_000;

interface Scenario {
  name: string;
  /** Runs `n` operations, returning each one's duration in ms. */
  round(n: number): number[];
  close(): void;
}

function addToken(store: TokenStore): void {
  store.add({ user: 'bench', kind: 'totp', secret: SECRET, algorithm: 'sha1', digits: 6, periodSec: 30, t0Sec: 0 });
}

/** Accepted verifications, one new step each: the write path a login takes. */
function verifyScenario(name: string, store: TokenStore): Scenario {
  addToken(store);
  const clock = new ManualClock(0);
  const verifier = new TokenVerifier({ store, clock });
  let step = START_STEP;
  return {
    name,
    round(n) {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        step++;
        clock.set(step * PERIOD_MS + 100);
        const code = KEY.hotp(step, 6);
        const t0 = performance.now();
        const r = verifier.verify('bench', code);
        times.push(performance.now() - t0);
        if (r.reason !== 'accepted') throw new Error(`bench: expected accepted, got ${r.reason}`);
      }
      return times;
    },
    close: () => store.close(),
  };
}

/** What one `tokenkit token verify` does inside the process: open the file, verify, close. */
function cliShapeScenario(path: string): Scenario {
  const setup = new SqliteTokenStore({ path });
  addToken(setup);
  setup.close();
  let step = START_STEP;
  return {
    name: 'SQLite open + verify + close (CLI shape)',
    round(n) {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        step++;
        const clock = new ManualClock(step * PERIOD_MS + 100);
        const code = KEY.hotp(step, 6);
        const t0 = performance.now();
        const store = new SqliteTokenStore({ path, clock });
        const r = new TokenVerifier({ store, clock }).verify('bench', code);
        store.close();
        times.push(performance.now() - t0);
        if (r.reason !== 'accepted') throw new Error(`bench: expected accepted, got ${r.reason}`);
      }
      return times;
    },
    close: () => {},
  };
}

/** Resync over ±24 h (2 × 2880 steps of HMAC) with the second code at the far edge: the worst case. */
function resyncScenario(): Scenario {
  const store = new MemoryTokenStore();
  addToken(store);
  const clock = new ManualClock(0);
  const verifier = new TokenVerifier({ store, clock });
  let now = START_STEP;
  return {
    name: 'resync ±24 h (memory store)',
    round(n) {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        now += 6000; // beyond the last accepted step, so every resync is fresh
        clock.set(now * PERIOD_MS + 100);
        const first = now + 2879;
        const t0 = performance.now();
        const r = verifier.resync('bench', KEY.hotp(first, 6), KEY.hotp(first + 1, 6));
        times.push(performance.now() - t0);
        if (r.reason !== 'resynced') throw new Error(`bench: expected a resync, got ${r.reason}`);
      }
      return times;
    },
    close: () => store.close(),
  };
}

export async function run(opts: BenchOptions): Promise<StoreBenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tokenkit-bench-store-'));
  const scenarios: (Scenario & { perRound: number })[] = [
    { ...verifyScenario('memory store', new MemoryTokenStore()), perRound: 2000 },
    {
      ...verifyScenario('SQLite WAL, synchronous=FULL (default)', new SqliteTokenStore({ path: join(dir, 'full.db') })),
      perRound: 100,
    },
    {
      ...verifyScenario(
        'SQLite WAL, synchronous=NORMAL',
        new SqliteTokenStore({ path: join(dir, 'normal.db'), synchronous: 'NORMAL' }),
      ),
      perRound: 100,
    },
    { ...cliShapeScenario(join(dir, 'cli.db')), perRound: 50 },
    { ...resyncScenario(), perRound: 20 },
  ];
  const rounds = opts.quick ? 3 : 9;
  const scale = opts.quick ? 0.2 : 1;
  const samples = scenarios.map(() => ({ all: [] as number[], roundRates: [] as number[] }));
  try {
    for (let r = 0; r < rounds; r++) {
      scenarios.forEach((s, i) => {
        const n = Math.max(5, Math.round(s.perRound * scale));
        const times = s.round(n);
        const total = times.reduce((a, b) => a + b, 0);
        samples[i]!.all.push(...times);
        samples[i]!.roundRates.push((n / total) * 1000);
      });
    }
  } finally {
    for (const s of scenarios) s.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const rows: StoreBenchRow[] = scenarios.map((s, i) => {
    const all = [...samples[i]!.all].sort((a, b) => a - b);
    const rates = [...samples[i]!.roundRates].sort((a, b) => a - b);
    return {
      scenario: s.name,
      opsPerSec: Math.round(rates[Math.floor(rates.length / 2)]!),
      p50Ms: Number(percentile(all, 50).toFixed(3)),
      p99Ms: Number(percentile(all, 99).toFixed(3)),
      ops: all.length,
    };
  });
  if (!opts.json) {
    process.stdout.write(`${machineLine()}; store files in ${tmpdir()}\n`);
    process.stdout.write(
      formatTable(
        ['scenario (accepted verifications)', 'ops/s (median round)', 'p50 ms', 'p99 ms', 'ops'],
        rows.map((r) => [r.scenario, String(r.opsPerSec), r.p50Ms.toFixed(3), r.p99Ms.toFixed(3), String(r.ops)]),
      ),
    );
  }
  return rows;
}

runIfMain(import.meta.url, 'store', run);
