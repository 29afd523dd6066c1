import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { generateSync } from 'otplib';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/fuzz';
import { ManualClock } from '../../src/clock';
import { SqliteTokenStore } from '../../src/store/index';
import { TokenVerifier } from '../../src/verify/index';

/**
 * Issue 2 item 7: writers killed with SIGKILL in the middle of writing lose no accepted state and leave
 * no corrupt file. Real processes, a real SQLite file in WAL mode, real SIGKILLs at random moments.
 */
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const WRITER = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
const ROUNDS = 12; // two writers per round: 24 kills
const dir = mkdtempSync(join(tmpdir(), 'tokenkit-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Seeded PRNG (the fuzzer's mulberry32) so a failing run can be repeated with the seed it prints. */
const prng = seededRandom;

interface Report {
  accepted: Map<string, number>;
  attempted: Map<string, number>;
  added: Set<string>;
  /** What a restarted writer found that was less than what had been reported committed before the kill. */
  lost: string[];
}

interface RunOutcome {
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
  acceptedThisRun: number;
}

/** Starts a writer and SIGKILLs it `delayMs` after it is ready (or after spawn, when `early`). */
function runWriter(db: string, id: number, delayMs: number, early: boolean, report: Report): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, db, String(id)], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffered = '';
    let stderr = '';
    let acceptedThisRun = 0;
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill('SIGKILL');
    if (early) timer = setTimeout(kill, delayMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const [kind, user, step] = buffered.slice(0, nl).split(' ');
        buffered = buffered.slice(nl + 1);
        if (kind === 'ready' && !early) timer = setTimeout(kill, delayMs);
        else if (kind === 'start') {
          // Checked after every kill, before the writer moves on: the state it reopens must hold every reported step.
          const reported = report.accepted.get(user!);
          if (reported !== undefined && (step === 'none' || Number(step) < reported))
            report.lost.push(`${user} found ${step}, reported ${reported}`);
        } else if (kind === 'attempt') report.attempted.set(user!, Number(step));
        else if (kind === 'accepted') {
          report.accepted.set(user!, Number(step));
          acceptedThisRun++;
        } else if (kind === 'added') report.added.add(user!);
      }
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, acceptedThisRun });
    });
  });
}

describe('crash safety: SIGKILLed writers', () => {
  it(`loses no committed step or token over ${ROUNDS * 2} kills, and the file stays intact`, {
    timeout: 300_000,
  }, async () => {
    const seed = Number(process.env.TOKENKIT_CRASH_SEED ?? Date.now() % 1_000_000);
    const random = prng(seed);
    const db = join(dir, 'crash.db');
    const report: Report = { accepted: new Map(), attempted: new Map(), added: new Set(), lost: [] };
    const outcomes: RunOutcome[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Every third round kills during start-up (opening, migrating, the first add); the rest mid-loop.
      const early = round % 3 === 0;
      const runs = [0, 1].map((id) =>
        runWriter(db, id, early ? Math.floor(random() * 900) : Math.floor(random() * 250), early, report),
      );
      outcomes.push(...(await Promise.all(runs)));
    }
    const context = `seed ${seed} (rerun with TOKENKIT_CRASH_SEED=${seed})`;
    for (const o of outcomes) expect(o.signal, `${context}: a writer ended by itself: ${o.stderr}`).toBe('SIGKILL');
    expect(outcomes).toHaveLength(ROUNDS * 2);
    expect(report.lost, context).toEqual([]);
    // The kills must have landed while writing, not only before or after: many runs committed something.
    expect(outcomes.filter((o) => o.acceptedThisRun > 0).length, context).toBeGreaterThanOrEqual(ROUNDS / 2);
    expect(existsSync(db)).toBe(true);

    const raw = new Database(db);
    expect(raw.pragma('integrity_check', { simple: true }), context).toBe('ok');
    raw.close();

    const store = new SqliteTokenStore({ path: db });
    expect(store.integrityCheck()).toEqual(['ok']);
    const stored = new Map(store.list().map((t) => [t.user, t]));
    for (const user of report.added)
      expect(stored.has(user), `${context}: reported token ${user} is missing`).toBe(true);
    for (const [user, step] of report.accepted) {
      const token = stored.get(user)!;
      // Every reported step is committed; a step may be committed but unreported (killed before printing),
      // never beyond the last attempt.
      expect(token.lastStep, `${context}: ${user}`).toBeGreaterThanOrEqual(step);
      expect(token.lastStep!, `${context}: ${user}`).toBeLessThanOrEqual(report.attempted.get(user)!);
      // Replay protection survived the kills: the last reported code is refused, by a fresh verifier.
      const atMs = step * 30_000 + 500;
      const secret = Uint8Array.from({ length: 20 }, (_, i) => (i * 13 + Number(user.split('-')[1])) & 0xff);
      const code = generateSync({ secret, epoch: atMs / 1000, period: 30, algorithm: 'sha1', digits: 6 });
      const verifier = new TokenVerifier({ store, clock: new ManualClock(atMs) });
      expect(verifier.verify(user, code).reason, `${context}: ${user} step ${step}`).toBe('replayed');
    }
    expect(report.accepted.size).toBe(2);
    store.close();
  });
});
